#!/usr/bin/env bash
# The whole test suite: static checks of the deploy workflow, native Rust tests, the
# TypeScript unit tests, the wasm Session tests in headless Chromium, the site build, then
# the browser end-to-end tests against dist/, the site in three engines, and every
# benchmark in smoke mode.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '\n[test] %s\n' "$*"; }

bash scripts/setup.sh

say "the Pages workflow can build the site (tests/deploy, static checks)"
node --test --test-reporter=spec tests/deploy/

say "cargo test (native)"
cargo test

say "TypeScript unit tests (tests/ts, node:test)"
node --import ./tests/ts/register.mjs --test tests/ts/

say "wasm tests in headless Chromium (tests/wasm_session.rs)"
[ -f tests/wasm_session.rs ] || { echo "[test] ERROR: tests/wasm_session.rs is missing" >&2; exit 1; }
for bin in /usr/bin/chromium /usr/bin/chromedriver; do
  [ -x "$bin" ] || { echo "[test] ERROR: $bin is missing (run scripts/setup.sh)" >&2; exit 1; }
done
command -v wasm-bindgen-test-runner >/dev/null || { echo "[test] ERROR: wasm-bindgen-test-runner is missing" >&2; exit 1; }
CHROMEDRIVER=/usr/bin/chromedriver \
  WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-300}" \
  CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  cargo test --target wasm32-unknown-unknown --test wasm_session

say "build the site"
bash scripts/build.sh

say "browser end-to-end tests (tests/e2e, headless Chromium)"
node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 tests/e2e/

say "the site in three engines (tests/engines: Chromium, Firefox, WebKit under xvfb-run)"
cargo build --bin proflens # the CSV export is compared with the CLI's (cargo test built it already)
node --test --test-reporter=spec --test-concurrency=1 --test-timeout=300000 tests/engines/

say "benchmarks in smoke mode (one short run each, so a broken benchmark fails here)"
for bench in tests/e2e/bench_*.mjs; do
  say "  $bench --smoke"
  node "$bench" --smoke
done
for bench in benches/*.rs; do
  bench=$(basename "$bench" .rs)
  say "  cargo bench --bench $bench -- --smoke (the tests' build profile: no LTO build just for this)"
  cargo bench --profile dev --bench "$bench" -- --smoke
done
