# FOI Explorer. `make serve` builds the site and serves it; `make test` runs
# every test. Both install what they need (npm packages, wasmbrowsertest and,
# as root, Debian's chromium and firefox-esr) or say exactly what is missing.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := build

GO        ?= go
PORT      ?= 8080
SITE      := build/site
TOOLS     := $(CURDIR)/build/tools
GOROOT    := $(shell $(GO) env GOROOT)
WASM_EXEC := $(firstword $(wildcard $(GOROOT)/lib/wasm/wasm_exec.js $(GOROOT)/misc/wasm/wasm_exec.js))
WASMBROWSERTEST_VERSION := v0.11.0

WEB_FILES := index.html boot.js style.css app.js engine.js protocol.js worker.js dom.js table.js charts.js compare.js mapping.js progress.js export.js bundle.js privacy.js sw.js icon.svg \
             state.js messages.js import.js dropzone.js datasets.js view.js address.js summary.js columns.js names.js pairing.js trend.js forces.js exportwords.js results.js issues.js downloads.js settings.js storage.js earlyview.js start.js sections.js \
             methods.html manifest.webmanifest icon-192.png icon-512.png
VENDOR    := web/node_modules/d3/dist/d3.min.js web/node_modules/@observablehq/plot/dist/plot.umd.min.js

.PHONY: build serve test test-go test-wasm test-e2e lint bench fuzz clean chromium firefox tools

## build: the whole deployable site in build/site (a plain folder any static host can serve)
build: $(SITE)/foi.wasm $(SITE)/foi.wasm.br $(SITE)/wasm_exec.js $(addprefix $(SITE)/,$(WEB_FILES)) $(SITE)/vendor/.done $(SITE)/example-synthetic.json $(SITE)/precache.json

# The first visit's view of the practice data, drawn before the engine starts.
$(SITE)/example-synthetic.json: $(shell find stats web/firstview -name '*.go' -not -name '*_test.go') $(wildcard stats/*/data/*)
	@mkdir -p $(SITE)
	$(GO) run ./web/firstview > $@.tmp && mv $@.tmp $@

$(SITE)/foi.wasm: $(shell find stats wasm -name '*.go' -not -name '*_test.go') $(wildcard stats/*/data/*) go.mod go.sum
	@mkdir -p $(SITE)
	id=$$(cat $^ | sha256sum | cut -c1-16) && \
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags="-s -w -X main.buildID=$$id" -o $@ ./wasm

# foi.wasm.br is the module compressed with brotli, which the server (and any
# host that serves precompressed files) sends to browsers that accept br:
# 1.62 MB where gzip gives 2.26 MB (8.28 MB raw, 2026-12-03), at the cost of
# about 20 s of this 2-core machine for each new module (BROTLI_QUALITY=5:
# half a second and 1.91 MB, for quick local builds). It needs Debian's brotli:
# installed as root; otherwise skipped, saying so, and the module is sent
# gzipped. A copy older than the module is never sent.
BROTLI_QUALITY ?= 11
$(SITE)/foi.wasm.br: $(SITE)/foi.wasm
	@if ! command -v brotli >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's brotli to compress the module…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null || true; \
	fi; \
	if command -v brotli >/dev/null 2>&1; then \
	  echo "brotli -q $(BROTLI_QUALITY) $<"; brotli -q $(BROTLI_QUALITY) -f -o $@.tmp $< && mv $@.tmp $@ && touch $@; \
	else \
	  rm -f $@; \
	  echo "brotli is missing, so foi.wasm is sent gzipped only (2.26 MB rather than 1.62). Install it with:"; \
	  echo "    sudo apt-get install -y brotli"; \
	fi

# wasm_exec.js must come from the same Go as the compiler.
$(SITE)/wasm_exec.js: $(WASM_EXEC)
	@mkdir -p $(SITE)
	cp $< $@

$(SITE)/%: web/%
	@mkdir -p $(SITE)
	cp $< $@

web/node_modules/.package-lock.json: web/package.json web/package-lock.json
	cd web && npm ci --no-audit --no-fund --loglevel=error

$(VENDOR): web/node_modules/.package-lock.json

$(SITE)/vendor/.done: $(VENDOR)
	@mkdir -p $(SITE)/vendor
	cp $(VENDOR) $(SITE)/vendor/
	@touch $@

# precache.json lists every file the service worker keeps for offline use,
# with a version that changes whenever any of them does; not foi.wasm.br,
# which is foi.wasm as sent over the wire.
$(SITE)/precache.json: $(SITE)/foi.wasm $(SITE)/wasm_exec.js $(addprefix $(SITE)/,$(WEB_FILES)) $(SITE)/vendor/.done $(SITE)/example-synthetic.json
	cp web/sw.js $(SITE)/sw.js && cd $(SITE) && files=$$(find . -type f ! -name precache.json ! -name .done ! -name '*.br' | sed 's|^\./||' | LC_ALL=C sort) && \
	version=$$(sha256sum $$(echo "$$files" | grep -v '^sw.js$$') | sha256sum | cut -c1-16) && \
	{ printf '{"version":"%s","files":["./"' "$$version"; for f in $$files; do printf ',"%s"' "$$f"; done; printf ']}\n'; } > precache.json && \
	sed -i "s/__BUILD_VERSION__/$$version/" sw.js

## serve: build, then serve the site at http://localhost:$(PORT)/
serve: build
	PORT=$(PORT) $(GO) run ./web -dir $(SITE)

## test: every test — stats and the server natively, the engine in headless
## Chromium (wasmbrowsertest), and the app end to end (chromedp; the main
## path in Firefox too, with puppeteer-core over WebDriver BiDi)
test: test-go test-wasm test-e2e

test-go:
	$(GO) test ./stats/... ./web/...

test-wasm: chromium tools
	PATH="$(TOOLS):$$PATH" GOOS=js GOARCH=wasm $(GO) test ./wasm/... 2>&1 | grep -v 'unknown IPAddressSpace'

test-e2e: build chromium firefox e2e/firefox/node_modules/.package-lock.json
	FOI_E2E=1 $(GO) test -count=1 ./e2e/...

# The Firefox test's driver (puppeteer-core, pinned in e2e/firefox), never
# part of the site.
e2e/firefox/node_modules/.package-lock.json: e2e/firefox/package.json e2e/firefox/package-lock.json
	cd e2e/firefox && npm ci --no-audit --no-fund --loglevel=error

## lint: gofmt and go vet, natively (every package) and for the wasm build
lint:
	@out=$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go')); \
	if [ -n "$$out" ]; then echo "gofmt would change:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	GOOS=js GOARCH=wasm $(GO) vet ./wasm/...

## bench: speed and memory of the statistics, then the browser benchmark
## against Papa Parse (BENCH_MB=100 for issue 6's full-size file)
BENCH_MB ?= 20
bench: build chromium tools
	$(GO) test -run '^$$' -bench . -benchmem ./stats/...
	PATH="$(TOOLS):$$PATH" GOOS=js GOARCH=wasm $(GO) test -run '^$$' -bench ViewDaily -benchtime 1x ./stats/library 2>&1 | grep -v 'unknown IPAddressSpace'
	cd e2e/bench && npm ci --no-audit --no-fund
	FOI_E2E=1 FOI_BENCH=1 FOI_BENCH_MB=$(BENCH_MB) $(GO) test -count=1 -timeout 60m -run TestBrowserBenchmark -v ./e2e/ | grep -v '^=== RUN'

## fuzz: a short fuzzing run of every target (FUZZTIME=10m for a long one)
FUZZTIME ?= 30s
FUZZ_TARGETS := ingest/decode:FuzzSniffDelimiter ingest:FuzzReadTable ingest/decode:FuzzDecodeText cube:FuzzParsePeriod \
                cube:FuzzParseCount cube:FuzzDecodeTable police:FuzzMatchForce report:FuzzCompute bundle:FuzzReadBundle
fuzz:
	for pt in $(FUZZ_TARGETS); do \
	  $(GO) test ./stats/$${pt%%:*} -run '^$$' -fuzz "^$${pt#*:}$$" -fuzztime $(FUZZTIME); done

# wasmbrowsertest runs `GOOS=js go test` inside headless Chromium; go test
# finds it on PATH under the name go_js_wasm_exec.
tools: $(TOOLS)/go_js_wasm_exec
$(TOOLS)/go_js_wasm_exec:
	@mkdir -p $(TOOLS)
	GOBIN=$(TOOLS) $(GO) install github.com/agnivade/wasmbrowsertest@$(WASMBROWSERTEST_VERSION)
	mv $(TOOLS)/wasmbrowsertest $@

# The browser tests need Debian's Chromium. As root it is installed; otherwise
# the exact command is printed.
chromium:
	@if command -v chromium >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's chromium for the browser tests…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else \
	  echo "The browser tests need Chromium. Install it with:"; \
	  echo "    sudo apt-get update && sudo apt-get install -y chromium"; \
	  exit 1; \
	fi

# The main path also runs in Debian's firefox-esr (TestFirefoxMainPath). As
# root it is installed; otherwise the exact command is printed.
firefox:
	@if command -v firefox-esr >/dev/null 2>&1; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	  echo "Installing Debian's firefox-esr for the Firefox test…"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq firefox-esr >/dev/null; \
	else \
	  echo "The Firefox test needs firefox-esr. Install it with:"; \
	  echo "    sudo apt-get update && sudo apt-get install -y firefox-esr"; \
	  exit 1; \
	fi

clean:
	rm -rf build
