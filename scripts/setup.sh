#!/usr/bin/env bash
# Installs whatever this repository needs and is missing, and says what it does.
# Idempotent: a second run only checks. Needs root (or sudo) for apt-get.
#
#   bash scripts/setup.sh            everything: the build, the tests, the reference tools
#   bash scripts/setup.sh --deploy   only what `npm run build` needs (the Pages workflow):
#                                    no browsers, no Go
#   add --plan                       print what would be provisioned, one line each, and
#                                    install nothing (tests/deploy reads it)
#
# Every requirement is one `need_*` line below, so a plan and an install are the same list.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

mode=all plan=0
for arg in "$@"; do
  case "$arg" in
    --deploy) mode=deploy ;;
    --plan) plan=1 ;;
    *) echo "usage: bash scripts/setup.sh [--deploy] [--plan]" >&2; exit 2 ;;
  esac
done

say() { [ "$plan" = 1 ] || printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# need_apt PACKAGE BINARY: a Debian package, present when BINARY is.
apt_missing=()
need_apt() {
  if [ "$plan" = 1 ]; then echo "apt $1"; return; fi
  if [ -x "$2" ] || command -v "$2" >/dev/null 2>&1; then say "$1 is installed"; else apt_missing+=("$1"); fi
}
install_apt() {
  [ ${#apt_missing[@]} -gt 0 ] || return 0
  say "apt-get install ${apt_missing[*]}"
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "${apt_missing[@]}" </dev/null
}

# need_toolchain NAME [component=C]... [target=T]...: a Rust toolchain with its parts.
# NAME `default` is the toolchain plain `cargo` runs (stable, installed with Rust itself).
need_toolchain() {
  local name=$1
  shift
  if [ "$plan" = 1 ]; then echo "toolchain $name $*"; return; fi
  local flag=()
  [ "$name" = default ] || flag=(--toolchain "$name")
  if [ "$name" != default ] && ! rustup toolchain list 2>/dev/null | grep -q "^$name"; then
    say "rustup toolchain install $name --profile minimal"
    rustup toolchain install "$name" --profile minimal
  fi
  local have want
  have=$(rustup component list "${flag[@]}" --installed 2>/dev/null || true)
  for want in "$@"; do
    case "$want" in
      component=*)
        if printf '%s\n' "$have" | grep -q "^${want#component=}"; then say "rust $name: ${want#component=} is installed"
        else say "rustup component add ${want#component=} ($name)"; rustup component add "${want#component=}" "${flag[@]}"; fi ;;
      target=*)
        if printf '%s\n' "$have" | grep -q "^rust-std-${want#target=}"; then say "rust $name: target ${want#target=} is installed"
        else say "rustup target add ${want#target=} ($name)"; rustup target add "${want#target=}" "${flag[@]}"; fi ;;
    esac
  done
}

# need_wasm_bindgen VERSION: wasm-bindgen-cli (and its test runner) at exactly VERSION.
need_wasm_bindgen() {
  if [ "$plan" = 1 ]; then echo "cargo-install wasm-bindgen-cli $1"; return; fi
  local have
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" = "$1" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
    say "wasm-bindgen-cli $1 is installed"
  else
    say "cargo install wasm-bindgen-cli --version $1 (about 3 minutes; found '${have:-none}')"
    cargo install wasm-bindgen-cli --version "$1" --force
  fi
}

# need_cargo_tool CRATE VERSION BINARY: a tool from crates.io, present when BINARY is.
need_cargo_tool() {
  if [ "$plan" = 1 ]; then echo "cargo-install $1 $2"; return; fi
  if command -v "$3" >/dev/null 2>&1; then
    say "$1 is installed"
  else
    say "cargo install $1 --version $2 (about 2 minutes)"
    cargo install "$1" --version "$2"
  fi
}

need_npm_ci() {
  if [ "$plan" = 1 ]; then echo "npm ci"; return; fi
  if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
    && [ -x node_modules/.bin/vite ]; then
    say "node_modules is up to date"
  else
    say "npm ci"
    npm ci --no-audit --no-fund
  fi
}

# The wasm-bindgen CLI must be exactly the version of the wasm-bindgen crate
# (Cargo.lock if present, else the `=x.y.z` pin in Cargo.toml).
wasm_bindgen_version() {
  local want=""
  [ -f Cargo.lock ] && want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  [ -n "$want" ] || want=$(sed -n 's/^wasm-bindgen *= *"=\{0,1\}\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
  [ -n "$want" ] || { echo "[setup] ERROR: cannot tell the wasm-bindgen version from Cargo.lock or Cargo.toml" >&2; exit 1; }
  printf '%s\n' "$want"
}

# 1. Debian packages, for the tests only.
if [ "$mode" = all ]; then
  need_apt chromium /usr/bin/chromium               # the browser of the wasm tests and the e2e suite
  need_apt chromium-driver /usr/bin/chromedriver    # wasm-bindgen-test-runner drives Chromium through it
  need_apt golang-go go                             # `go tool pprof`, the reference; the example programs
  need_apt cmark-gfm cmark-gfm                      # GitHub's Markdown renderer: the Markdown export's test
  # The other two browser engines, for tests/engines (the npm packages that drive them come with npm ci):
  need_apt firefox-esr /usr/bin/firefox-esr         # Gecko, driven by puppeteer-core over WebDriver BiDi
  need_apt webkit2gtk-driver /usr/bin/WebKitWebDriver  # WebKit: WebKitWebDriver and its MiniBrowser (selenium-webdriver)
  need_apt xvfb xvfb-run                            # an X display for MiniBrowser, which has no headless mode
  [ "$plan" = 1 ] || install_apt
fi

# 2. Rust: the single-threaded engine builds on the default (stable) toolchain; the threaded
#    one rebuilds std with atomics (-Z build-std) on the pinned nightly, which needs rust-src.
if [ "$plan" = 0 ] && ! command -v cargo >/dev/null 2>&1; then
  echo "[setup] ERROR: cargo is not installed (install Rust with rustup first)" >&2; exit 1
fi
need_toolchain default target=wasm32-unknown-unknown
need_toolchain "$(bash scripts/nightly.sh)" component=rust-src target=wasm32-unknown-unknown

# 3. The wasm-bindgen CLI (and its test runner, for the wasm tests).
need_wasm_bindgen "$(wasm_bindgen_version)"

# 3b. inferno, the peer of the perf script reader: its live oracle re-check and its benchmark.
[ "$mode" = all ] && need_cargo_tool inferno 0.12.8 inferno-collapse-perf

# 4. npm packages, exactly as package-lock.json says (vite, binaryen's wasm-opt, the test drivers).
need_npm_ci
say "done"
