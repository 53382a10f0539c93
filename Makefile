# Påminn — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     ?= paminn
PKGS    := ./...
FUZZTIME ?= 10s
# The fyne tool that packages the app; installed with `go install` when not on PATH.
FYNE_TOOL := fyne.io/tools/cmd/fyne@v1.7.4
# The app's name and version, as FyneApp.toml gives them (the package is named after them).
APP_NAME    := $(shell sed -n 's/^[[:space:]]*Name[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
APP_VERSION := $(shell sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)
DIST ?= dist
# Build tags for every go command below (GOFLAGS is exported) and for the fyne tool.
# no_emoji leaves out Fyne's bundled colour emoji font: Fyne parses that 4 MB font once
# per text style, which held ~17 MB of the heap and put peak memory with the reminder
# dialog open over 200 MB (BENCHMARKS.md). Emoji in customers' names still show where
# the system has an emoji font (Windows and macOS do); Fyne falls back to system fonts.
BUILD_TAGS := no_emoji
export GOFLAGS := $(strip $(GOFLAGS) -tags=$(BUILD_TAGS))
# Debian's mingw-w64 cross compiler (package gcc-mingw-w64-x86-64, installed by
# .ci/deps) builds and type-checks the Windows program's cgo parts on Linux.
WIN_CC ?= x86_64-w64-mingw32-gcc
# A release build makes the fyne tool count Build up and rewrite FyneApp.toml in its own
# layout; the packaging targets put the file back, so a build leaves the tree as it was.
DIST_TOML = .FyneApp.toml.orig
# Everything but the window (gui and the main package that opens it) is pure Go and is
# type-checked for macOS too.
NON_GUI_PKGS = $$($(GO) list ./... | grep -v -e '^paminn$$' -e '^paminn/gui')

.PHONY: all deps build run test fmt-check vet vet-windows vet-darwin unit smoke windows-check fuzz bench package windows fyne-tool clean FORCE

all: build

deps:
	@./.ci/deps

build: deps
	$(GO) build -tags $(BUILD_TAGS) -o $(BIN) .

run: build
	./$(BIN) --demo

test: deps fmt-check vet vet-windows vet-darwin unit fuzz smoke windows-check

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

# The whole program, tests included, type-checked for Windows with the cross compiler
# (cgo runs it on the C preambles; nothing is linked), so a file for Windows that does
# not compile fails here and not on a user's machine.
vet-windows: deps
	GOOS=windows GOARCH=amd64 CGO_ENABLED=1 CC=$(WIN_CC) $(GO) vet $(PKGS)

# The packages below the window, type-checked for macOS (Apple's SDK is not here, so the
# cgo window is left to a Mac).
vet-darwin: deps
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) vet $(NON_GUI_PKGS)

# The gui package holds over a hundred window tests; under -race on a busy 2-core
# machine they take longer than go test's default 10 minutes per package. The tests run
# beside a throwaway PostgreSQL server (.ci/pg-server: started before, stopped and
# removed after, also when a test fails), which the data package's store tests run
# against as well as SQLite; without PostgreSQL's binaries (Debian's postgresql package,
# which deps installs) those tests say they were skipped.
unit:
	./.ci/pg-server $(GO) test -race -timeout 40m $(PKGS)

# Each fuzz target for FUZZTIME, named package:target (core: the CSV parser and the text
# decoding under it, amounts, dates, OCR references; data/bankfile: the BGMax and
# camt.054 readers; data/amili: key files and Amili's list answers; data/safefile: file
# names made from invoice numbers; data: SQL rewritten for PostgreSQL); go test fuzzes
# one target at a time. When FUZZTIME runs out while a worker is still minimising a new
# input, go test can end with "context deadline exceeded" and no failing input: that run
# found nothing, so it is run once more; a failing input always fails the target.
FUZZ_TARGETS := \
	./core/:FuzzParseInvoicesCSV \
	./core/:FuzzImportWithMapping \
	./data/xlsx/:FuzzToCSV \
	./core/:FuzzCSVText \
	./core/:FuzzParseAmount \
	./core/:FuzzParseDate \
	./core/:FuzzValidOCR \
	./core/:FuzzCheckOCR \
	./core/:FuzzCheckPlanText \
	./data/bankfile/:FuzzReadBGMax \
	./data/bankfile/:FuzzReadCamt054 \
	./data/amili/:FuzzParsePrivateKey \
	./data/amili/:FuzzReportPage \
	./data/safefile/:FuzzName \
	./data/:FuzzRebind
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; f=$${t#*:}; \
	  cmd="$(GO) test -run ^\$$ -fuzz ^$$f\$$ -fuzztime $(FUZZTIME) $$pkg"; \
	  echo "$$cmd"; out=$$($$cmd 2>&1); rc=$$?; echo "$$out" | tail -n 5; \
	  if [ $$rc -ne 0 ] && echo "$$out" | grep -q 'context deadline exceeded' && \
	     ! echo "$$out" | grep -q 'Failing input written'; then \
	    echo "fuzz: $$f stopped while minimising, with no failing input; running it again"; \
	    $$cmd || exit 1; \
	  elif [ $$rc -ne 0 ]; then echo "$$out"; exit 1; fi; \
	done

# The built program starts under Xvfb on a fresh demo book, shows its window and
# quits cleanly on SIGTERM.
smoke: build
	@BIN=./$(BIN) BUILD_TAGS=$(BUILD_TAGS) bash .ci/smoke

# Windows under Wine (Debian's Wine 8.0, installed by .ci/deps): Påminn.exe from
# `make windows` starts on a fresh demo book, shows its window, opens the reminder dialog
# (Ctrl+R) and quits with exit code 0 on WM_CLOSE; a book in a folder named with å/ä/ö;
# the startup error window. Then the Go tests of core and data/... built for Windows run
# in the same Wine. See .ci/wine-check for what Wine cannot run and why.
# wine-check runs `make windows` itself, beside making the prefix and building the tests.
windows-check: fyne-tool
	@EXE="$(WIN_EXE)" EXE_MAKE="$(MAKE) --no-print-directory windows" WIN_CC=$(WIN_CC) bash .ci/wine-check

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# The Linux package (a .tar.xz holding the program, its icon, a .desktop file and a
# Makefile that installs them) in $(DIST)/. fyne builds its own release binary for it
# and removes a ./$(BIN) it finds; `make build` makes that again. Windows: `make windows`
# below (cross-built here). macOS: `fyne package -os darwin --release --tags no_emoji` on
# a Mac, which has Apple's SDK; see README.md.
package: fyne-tool
	@echo "fyne package -os linux --release --tags $(BUILD_TAGS)"; $(call fyne_package,,linux)
	@mkdir -p $(DIST)
	@out="$(DIST)/paminn-$(APP_VERSION)-linux-$$($(GO) env GOARCH).tar.xz"; \
	mv -f "$(APP_NAME).tar.xz" "$$out" && echo "Package: $$out"

# Påminn.exe for Windows amd64, built on Linux with the mingw-w64 cross compiler by the
# fyne tool, which embeds the icon and version from FyneApp.toml and marks it a window
# program (no console). It is packaged again only when what it is built from changed:
# $(WIN_INPUTS) holds the checksum .ci/windows-inputs makes of the sources, the Go
# version and the build settings, and is rewritten only when that changes.
WIN_EXE = $(DIST)/$(APP_NAME).exe
WIN_INPUTS = $(DIST)/.windows-inputs
windows: $(WIN_EXE)
	@echo "Program: $(WIN_EXE)"

$(WIN_EXE): $(WIN_INPUTS) | fyne-tool
	@echo "fyne package -os windows --release --tags $(BUILD_TAGS) (CC=$(WIN_CC))"; \
	$(call fyne_package,CC=$(WIN_CC) CGO_ENABLED=1 GOOS=windows GOARCH=amd64,windows)
	@mkdir -p $(DIST) && mv -f "$(APP_NAME).exe" "$@"

$(WIN_INPUTS): FORCE
	@mkdir -p $(DIST); \
	sum=$$(./.ci/windows-inputs "$$($(GO) env GOVERSION GOAMD64 GOEXPERIMENT CGO_CFLAGS CGO_LDFLAGS)" \
	  "GOFLAGS=$(GOFLAGS) CC=$(WIN_CC) $(FYNE_TOOL)") || exit 1; \
	[ "$$(cat $@ 2>/dev/null)" = "$$sum" ] || echo "$$sum" >$@

FORCE:

# The fyne tool, installed with `go install` when neither PATH nor Go's bin folder has it.
GO_BIN_DIR = $$(d=$$($(GO) env GOBIN); echo "$${d:-$$($(GO) env GOPATH | cut -d: -f1)/bin}")
FYNE_BIN = $$(command -v fyne || echo "$(GO_BIN_DIR)/fyne")
fyne-tool: deps
	@command -v fyne >/dev/null || [ -x "$(GO_BIN_DIR)/fyne" ] || { \
	  echo "Installing the fyne tool: $(GO) install $(FYNE_TOOL)"; $(GO) install $(FYNE_TOOL); }

# fyne_package runs `fyne package -os $(2) --release --tags $(BUILD_TAGS)` with the
# environment $(1), keeping FyneApp.toml as it was.
fyne_package = cp FyneApp.toml $(DIST_TOML); $(1) "$(FYNE_BIN)" package -os $(2) --release --tags $(BUILD_TAGS); \
	rc=$$?; mv -f $(DIST_TOML) FyneApp.toml; exit $$rc

clean:
	rm -f $(BIN)
	rm -rf $(DIST)
