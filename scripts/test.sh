#!/usr/bin/env bash
# Runs every test layer (lint, native, real_clients, browser, e2e), prints one summary line per layer,
# and exits non-zero if any layer fails. Called by `make test` (after setup).
set -uo pipefail

cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-60}"
LOG_DIR="target/test-logs"
mkdir -p "$LOG_DIR"
E2E_PREFIX="/sqs-playground/"
E2E_DIST="target/e2e/dist"
REAL_CLIENTS_VENV="target/real-clients/venv"

declare -a SUMMARY
TOTAL_PASSED=0
TOTAL_FAILED=0
FAILED_LAYERS=0

# Sums "N passed; M failed" (cargo, wasm-bindgen-test), node:test "# pass N / # fail M",
# or pytest's closing line "==== N passed, M failed, K errors in 12.34s ====" (errors
# count as failures).
count_results() {
  local log="$1" passed failed summary
  passed=$(grep -Eo '[0-9]+ passed;' "$log" | awk '{s+=$1} END {print s+0}')
  failed=$(grep -Eo '[0-9]+ failed;' "$log" | awk '{s+=$1} END {print s+0}')
  if grep -qE '^# pass [0-9]+' "$log"; then
    passed=$((passed + $(grep -E '^# pass [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
    failed=$((failed + $(grep -E '^# fail [0-9]+' "$log" | awk '{s+=$3} END {print s+0}')))
  fi
  summary=$(grep -E '^=+ .*[0-9]+ (passed|failed|errors?|skipped).* in [0-9.]+s.* =+$' "$log" | tail -n 1)
  if [ -n "$summary" ]; then
    passed=$((passed + $(grep -Eo '[0-9]+ passed' <<<"$summary" | awk '{s+=$1} END {print s+0}')))
    failed=$((failed + $(grep -Eo '[0-9]+ (failed|errors?)' <<<"$summary" | awk '{s+=$1} END {print s+0}')))
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
  SUMMARY+=("$(printf '%-12s %-16s %4d tests passed, %d failed, %4ds  (%s; log %s)' \
    "$name" "$verdict" "$passed" "$failed" "$((end - start))" "$what" "$log")")
}

lint() {
  cargo fmt --all -- --check &&
  cargo clippy --all-targets --locked -- -D warnings &&
  cargo clippy --target wasm32-unknown-unknown --lib --bins --test browser --test browser_charts --test browser_determinism --test browser_lessons --locked -- -D warnings
}

native() { cargo test --locked; }

# boto3 and the AWS CLI against a real sqs-server (tests/real_clients/README.md). The
# venv comes from `scripts/setup.sh all`; the suite starts and stops its own servers.
real_clients() {
  if [ ! -x "$REAL_CLIENTS_VENV/bin/python" ]; then
    echo "$REAL_CLIENTS_VENV is missing: run scripts/setup.sh all (or make setup)"
    return 1
  fi
  # The debug binary: `cargo test` (the native layer) has built it already, so this layer
  # costs no compile; a release build with LTO would add minutes to a cold run.
  cargo build --locked --bin sqs-server &&
  SQS_SERVER_BIN="$PWD/target/debug/sqs-server" PYTHONDONTWRITEBYTECODE=1 timeout 300 "$REAL_CLIENTS_VENV/bin/python" -m pytest tests/real_clients &&
  # The page's AWS CLI console must send what the real AWS CLI sends for the same lines.
  AWS_CLI="$PWD/$REAL_CLIENTS_VENV/bin/aws" cargo test --locked --test awscli_real_cli -- --ignored
}

browser() { cargo test --locked --target wasm32-unknown-unknown --test browser --test browser_charts --test browser_determinism --test browser_lessons; }

e2e() {
  rm -rf "$E2E_DIST" &&
  trunk build --release --public-url "$E2E_PREFIX" --dist "$E2E_DIST" &&
  E2E_DIST="$E2E_DIST" E2E_PREFIX="$E2E_PREFIX" node --test --test-reporter=tap tests/e2e/
}

run_layer lint "rustfmt + clippy (native and wasm)" lint
run_layer native "cargo test (engine, world, CLIs)" native
run_layer real_clients "boto3 + AWS CLI against sqs-server" real_clients
run_layer browser "wasm-bindgen-test in headless Chromium" browser
run_layer e2e "release build under $E2E_PREFIX in Chromium" e2e

printf '\n\033[1m===== summary =====\033[0m\n'
for line in "${SUMMARY[@]}"; do echo "$line"; done
echo "total: $TOTAL_PASSED passed, $TOTAL_FAILED failed"
if [ "$FAILED_LAYERS" -ne 0 ]; then
  echo "$FAILED_LAYERS layer(s) failed"
  exit 1
fi
