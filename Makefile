# Påminn — the two commands a newcomer needs are `make run` and `make test`.
GO      ?= go
BIN     ?= paminn
PKGS    := ./...
FUZZTIME ?= 10s

.PHONY: all deps build run test fmt-check vet unit fuzz bench package clean

all: build

deps:
	@./.ci/deps

build: deps
	$(GO) build -o $(BIN) .

run: build
	./$(BIN) --demo

test: deps fmt-check vet unit

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi

vet:
	$(GO) vet $(PKGS)

unit:
	$(GO) test -race $(PKGS)

bench: deps
	$(GO) test -run '^$$' -bench . -benchmem $(PKGS)

clean:
	rm -f $(BIN)
