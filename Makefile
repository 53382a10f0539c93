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

.PHONY: all deps build run test fmt-check vet unit smoke fuzz bench package clean

all: build

deps:
	@./.ci/deps

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN) --demo

test: deps fmt-check vet unit fuzz smoke

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

unit:
	$(GO) test -race $(PKGS)

# Each fuzz target for FUZZTIME, named package:target (core: the CSV parser, amounts,
# OCR references; data/bankfile: the BGMax and camt.054 readers); go test fuzzes one
# target at a time.
FUZZ_TARGETS := ./core/:FuzzParseInvoicesCSV ./core/:FuzzParseAmount ./core/:FuzzValidOCR \
	./data/bankfile/:FuzzReadBGMax ./data/bankfile/:FuzzReadCamt054
fuzz: deps
	@for t in $(FUZZ_TARGETS); do \
	  pkg=$${t%%:*}; f=$${t#*:}; \
	  cmd="$(GO) test -run ^\$$ -fuzz ^$$f\$$ -fuzztime $(FUZZTIME) $$pkg"; \
	  echo "$$cmd"; $$cmd || exit 1; \
	done

# The built program starts under Xvfb on a fresh demo book, shows its window and
# quits cleanly on SIGTERM.
smoke: build
	@BIN=./$(BIN) bash .ci/smoke

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

# The Linux package (a .tar.xz holding the program, its icon, a .desktop file and a
# Makefile that installs them) in $(DIST)/. fyne builds its own release binary for it
# and removes a ./$(BIN) it finds; `make build` makes that again. Windows and macOS:
# see README.md.
package: deps
	@fyne=$$(command -v fyne) || { \
	  echo "Installing the fyne tool: $(GO) install $(FYNE_TOOL)"; $(GO) install $(FYNE_TOOL) || exit 1; \
	  fyne=$$($(GO) env GOBIN); fyne=$${fyne:-$$($(GO) env GOPATH | cut -d: -f1)/bin}/fyne; }; \
	echo "fyne package -os linux --release"; "$$fyne" package -os linux --release
	@mkdir -p $(DIST)
	@out="$(DIST)/paminn-$(APP_VERSION)-linux-$$($(GO) env GOARCH).tar.xz"; \
	mv -f "$(APP_NAME).tar.xz" "$$out" && echo "Package: $$out"

clean:
	rm -f $(BIN)
	rm -rf $(DIST)
