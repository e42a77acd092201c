#!/usr/bin/env bash
# Runs every test layer (lint, native, browser, e2e), prints one summary line per layer,
# and exits non-zero if any layer fails. Called by `make test` (after setup).
set -uo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"
LOG_DIR="target/test-logs"
mkdir -p "$LOG_DIR"
E2E_PREFIX="/sqs-playground/"
E2E_DIST="target/e2e/dist"

declare -a SUMMARY
TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_LAYERS=0

# Sums "N passed; M failed" (cargo, wasm-bindgen-test) or node:test "# pass N / # fail M".
count_results() {
  local log="$1" passed failed
  passed=$(grep -Eo '[0-9]+ passed;' "$log" | awk '{s+=$1} END {print s+0}')
  failed=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  if grep -qE '^# pass [0-9]+' "$log"; then
    passed=$((passed + $(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
    failed=$((failed + $(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  fi
  echo "$passed $failed"
}

# run_layer NAME DESCRIPTION COMMAND...: runs the command with output teed to a log.
run_layer() {
  local name="$1" what="$2"; shift 2
  local log="$LOG_DIR/$name.log" start end status passed failed
  printf '\n\033[1m===== %s: %s =====\033[0m\n' "$name" "$what"
  start=$(date +%s)
  "$@" 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  end=$(date +%s)
  read -r passed failed < <(count_results "$log")
  TOTAL_PASSED=$((TOTAL_PASSED + passed)); TOTAL_FAILED=$((TOTAL_FAILED + failed))
  local verdict="PASS"
  if [ "$status" -ne 0 ]; then verdict="FAIL (exit $status)"; FAILED_LAYERS=$((FAILED_LAYERS + 1)); fi
  SUMMARY+=("$(printf '%-8s %-16s %4d tests passed, %d failed, %4ds  (%s; log %s)' \
    "$name" "$verdict" "$passed" "$failed" "$((end - start))" "$what" "$log")")
}

lint() {
  cargo fmt --all -- --check &&
  cargo clippy --all-targets --locked -- -D warnings &&
  cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser --test browser_charts --test browser_determinism --test browser_lessons --locked -- -D warnings
}

native() { cargo test --locked; }

browser() { cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_charts --test browser_determinism --test browser_lessons; }

e2e() {
  rm -rf "$E2E_DIST" &&
  trunk build --release --public-url "$E2E_PREFIX" --dist "$E2E_DIST" &&
  E2E_DIST="$E2E_DIST" E2E_PREFIX="$E2E_PREFIX" node --test --test-reporter=tap tests/e2e/
}

run_layer lint "rustfmt + clippy (native and wasm)" lint
run_layer native "cargo test (engine, world, CLIs)" native
run_layer browser "wasm-bindgen-test in headless Chromium" browser
run_layer e2e "release build under $E2E_PREFIX in Chromium" e2e

printf '\n\033[1m===== summary =====\033[0m\n'
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo "total: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
if [ "$FAILED_LAYERS" -ne 0 ]; then
  echo "$FAILED_LAYERS layer(s) failed"
  exit 1
fi
