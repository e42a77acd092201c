#!/usr/bin/env bash
# Idempotent setup for SQS Playground: installs only what is missing, never downloads a
# browser or a prebuilt binary (only package registries: crates.io, npm, Debian, PyPI).
#
#   scripts/setup.sh           everything (build + all test layers, incl. the Python venv
#                              for the real-client tests, from PyPI)
#   scripts/setup.sh build     what `make serve` / `make dist` need (no browser)
set -euo pipefail

cd "$(dirname "$0")/.."
WHAT="${1:-all}"
TRUNK_VERSION="0.22.1"
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }

need_cmd() { command -v "$1" >/dev/null 2>&1 || die "$1 is required but missing: $2"; }

need_cmd cargo "install Rust with rustup (https://rustup.rs), then re-run."
need_cmd rustup "install Rust with rustup (https://rustup.rs), then re-run."
need_cmd node "install Node.js 20+ and npm (Debian: apt-get install nodejs npm), then re-run."
need_cmd npm "install npm (Debian: apt-get install npm), then re-run."

# The end-to-end test uses `import.meta.dirname`, which Node.js has since 20.11.
NODE_VERSION="$(node --version | sed 's/^v//')"
node_ok() { # major.minor >= 20.11
  local major minor
  IFS=. read -r major minor _ <<<"$NODE_VERSION"
  [ "$major" -gt 20 ] || { [ "$major" -eq 20 ] && [ "$minor" -ge 11 ]; }
}
node_ok || die "Node.js $NODE_VERSION is too old: the tests need Node.js 20.11 or newer (e.g. from https://nodejs.org or your distribution's nodejs package), then re-run."

# The toolchain pinned in rust-toolchain.toml must be the one cargo runs.
PINNED_RUST="$(sed -n 's/^channel = "\(.*\)"/\1/p' rust-toolchain.toml)"
if ! rustc --version | grep -q "^rustc $PINNED_RUST "; then
  die "rustc $(rustc --version | awk '{print $2}') is active but rust-toolchain.toml pins $PINNED_RUST: install it with 'rustup toolchain install $PINNED_RUST', then re-run."
fi

# 1. The wasm target.
if rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "wasm32-unknown-unknown target: present"
else
  say "adding rustup target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock.
BINDGEN_VERSION="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)"
[ -n "$BINDGEN_VERSION" ] || die "could not read the wasm-bindgen version from Cargo.lock"
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" = "$BINDGEN_VERSION" ]; then
  say "wasm-bindgen-cli $BINDGEN_VERSION: present"
else
  say "installing wasm-bindgen-cli $BINDGEN_VERSION with cargo (about 6 minutes on 2 cores; cargo prints progress)"
  # Not --locked: its lockfile wants a crate version the registry lacks (see README).
  cargo install wasm-bindgen-cli --version "$BINDGEN_VERSION" --force
fi

# 3. Trunk, pinned. (Without its default features Trunk does not build: it needs one TLS
#    backend. Built with native-tls instead of rustls it took 8:06 against 7:55 for the
#    default here, and would need the system's OpenSSL headers, so the default stays.)
if [ "$(trunk --version 2>/dev/null | awk '{print $2}')" = "$TRUNK_VERSION" ]; then
  say "trunk $TRUNK_VERSION: present"
else
  say "installing trunk $TRUNK_VERSION with cargo: this compiles ~400 crates and takes about 8 minutes on 2 cores."
  say "cargo prints each crate as it compiles, so you can see it has not hung."
  # 0.22.x declares a newer rust-version than it needs; it builds fine with rustc 1.95.
  cargo install --locked --ignore-rust-version "trunk@$TRUNK_VERSION" --force
fi

# 4. wasm-opt (npm binaryen; Debian's binaryen is too old to read current rustc output)
#    and playwright-core, both from the committed package-lock.json.
if [ "$(wasm-opt --version 2>/dev/null)" = "wasm-opt version 132 (version_132)" ] \
   && [ -d node_modules/playwright-core ] && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  say "npm tools (binaryen 132, playwright-core): present"
else
  say "installing npm tools from package-lock.json (binaryen for wasm-opt, playwright-core)"
  npm ci --no-audit --no-fund
fi

# 5. Headless browser + driver for the browser and end-to-end tests (Debian packages).
if [ "$WHAT" = "all" ]; then
  if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
    say "chromium + chromedriver: present"
  elif command -v apt-get >/dev/null 2>&1; then
    say "installing Debian chromium and chromium-driver (about a minute)"
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver
  else
    die "this machine has no apt-get: install Chromium and a matching ChromeDriver yourself so that /usr/bin/chromium and /usr/bin/chromedriver exist, then re-run."
  fi
fi

# 6. The real-client test layer (tests/real_clients/): a Python virtual environment with
#    boto3, the AWS CLI v1, pytest and moto, pinned in tests/real_clients/requirements.txt.
#    Rebuilt only when that file changes (its hash is kept in a stamp inside the venv).
if [ "$WHAT" = "all" ]; then
  VENV="target/real-clients/venv"
  REQS="tests/real_clients/requirements.txt"
  STAMP="$VENV/.requirements.sha256"
  need_cmd python3 "install Python 3.9+ (Debian: apt-get install python3 python3-venv), then re-run."
  python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 9) else 1)' \
    || die "python3 $(python3 -c 'import platform; print(platform.python_version())') is too old: the real-client tests need Python 3.9 or newer, then re-run."
  REQS_HASH="$(sha256sum "$REQS" | awk '{print $1}')"
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c '' 2>/dev/null \
     && [ "$(cat "$STAMP" 2>/dev/null)" = "$REQS_HASH" ]; then
    say "real-client venv ($VENV): present"
  else
    say "creating $VENV and installing $REQS from PyPI (30-90 s on 2 cores)"
    rm -rf "$VENV"
    mkdir -p "$(dirname "$VENV")"
    python3 -m venv "$VENV" \
      || die "python3 -m venv failed: install the venv module (Debian: apt-get install python3-venv), then re-run."
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQS" \
      || die "pip could not install $REQS (see above); the venv stays incomplete and is rebuilt on the next run."
    echo "$REQS_HASH" >"$STAMP"
  fi
fi

# 7. Crates for offline Trunk builds (Trunk passes --offline to cargo).
cargo fetch --quiet
say "setup complete"
