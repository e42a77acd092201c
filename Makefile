# SQS Playground — the two commands that matter: `make serve` and `make test`.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(CURDIR)/node_modules/.bin:$(PATH)

PUBLIC_URL ?= /
DIST ?= dist

.PHONY: serve test setup setup-build build dist lint native browser e2e bench bench-web clean

## serve: install what is missing, build, and serve the playground on http://127.0.0.1:8080
serve: setup-build
	trunk serve --address 127.0.0.1 --port 8080

## test: install what is missing and run every test layer (lint, native, real_clients, browser, e2e)
test: setup
	scripts/test.sh

## setup: idempotent install of everything the build and tests need
setup:
	scripts/setup.sh all

setup-build:
	scripts/setup.sh build

## build: debug build of the site into dist/
build: setup-build
	trunk build --dist $(DIST)

## dist: release build for static hosting, e.g. make dist PUBLIC_URL=/some/prefix/
dist: setup-build
	trunk build --release --public-url $(PUBLIC_URL) --dist $(DIST)

## bench: engine, world and sqs-server benchmarks (release), printing numbers; the server
## one compares with moto's server when target/real-clients/venv has it (or MOTO_SERVER)
bench:
	cargo bench --bench engine
	cargo bench --bench world
	cargo bench --bench server

## bench-web: release site in headless Chromium + the same world natively: frame times,
## DOM size, jump ahead 1 h (wasm/native), step back, wasm size (prints numbers; not in `make test`)
BENCH_WEB_PREFIX := /sqs-playground/
BENCH_WEB_DIST := target/bench-web/dist
bench-web: setup
	rm -rf $(BENCH_WEB_DIST)
	trunk build --release --public-url $(BENCH_WEB_PREFIX) --dist $(BENCH_WEB_DIST)
	cargo build --release --locked --bin sqs-world
	BENCH_DIST=$(BENCH_WEB_DIST) BENCH_PREFIX=$(BENCH_WEB_PREFIX) node scripts/bench-web.mjs

clean:
	cargo clean
	rm -rf dist
