#!/usr/bin/env bash
# Installs whatever this repository needs and is missing, and says what it does.
# Idempotent: a second run only checks. Needs root (or sudo) for apt-get.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '[setup] %s\n' "$*"; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_install() { as_root apt-get update -q && DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q "$@" </dev/null; }

# 1. Debian packages: Chromium + ChromeDriver (browser tests), Go (pprof oracle, example).
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/bin/chromedriver ] || missing+=(chromium-driver)
command -v go >/dev/null 2>&1 || missing+=(golang-go)
if [ ${#missing[@]} -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  apt_install "${missing[@]}"
else
  say "chromium, chromedriver and go are installed"
fi

# 1b. The other two browser engines, for tests/engines (the npm packages that drive them
#     come with step 4): firefox-esr (Gecko, driven by puppeteer-core over WebDriver BiDi),
#     webkit2gtk-driver (WebKit: WebKitWebDriver and its MiniBrowser, driven by
#     selenium-webdriver) and xvfb (an X display for MiniBrowser, which has no headless mode).
engines=()
[ -x /usr/bin/firefox-esr ] || engines+=(firefox-esr)
[ -x /usr/bin/WebKitWebDriver ] || engines+=(webkit2gtk-driver)
command -v xvfb-run >/dev/null 2>&1 || engines+=(xvfb)
if [ ${#engines[@]} -gt 0 ]; then
  say "apt-get install ${engines[*]} (Firefox and WebKit for the cross-engine tests)"
  apt_install "${engines[@]}"
else
  say "firefox-esr, WebKitWebDriver and xvfb are installed"
fi

# 2. Rust: the wasm target.
if ! command -v cargo >/dev/null 2>&1; then
  say "ERROR: cargo is not installed (install Rust with rustup first)"; exit 1
fi
if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  say "rust target wasm32-unknown-unknown is installed"
else
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2b. Rust nightly for the threaded engine: it rebuilds std with atomics (-Z build-std),
#     which needs nightly's rust-src and its wasm32 target.
if ! rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
  say "rustup toolchain install nightly --profile minimal (the threaded engine's build)"
  rustup toolchain install nightly --profile minimal
fi
nightly_have=$(rustup component list --toolchain nightly --installed 2>/dev/null || true)
if printf '%s\n' "$nightly_have" | grep -q '^rust-src' \
  && printf '%s\n' "$nightly_have" | grep -q '^rust-std-wasm32-unknown-unknown'; then
  say "rust nightly with rust-src and wasm32-unknown-unknown is installed"
else
  say "rustup component add rust-src; rustup target add wasm32-unknown-unknown (nightly, for the threaded engine)"
  rustup component add rust-src --toolchain nightly
  rustup target add wasm32-unknown-unknown --toolchain nightly
fi

# 3. wasm-bindgen CLI, at exactly the version of the wasm-bindgen crate
#    (Cargo.lock if present, else the `=x.y.z` pin in Cargo.toml).
want=""
if [ -f Cargo.lock ]; then
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
fi
if [ -z "$want" ]; then
  want=$(sed -n 's/^wasm-bindgen *= *"=\{0,1\}\([0-9.]*\)".*/\1/p' Cargo.toml | head -n1)
fi
[ -n "$want" ] || { say "ERROR: cannot tell the wasm-bindgen version from Cargo.lock or Cargo.toml"; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ] && command -v wasm-bindgen-test-runner >/dev/null 2>&1; then
  say "wasm-bindgen-cli $want is installed"
else
  say "cargo install wasm-bindgen-cli --version $want (about 3 minutes; found '${have:-none}')"
  cargo install wasm-bindgen-cli --version "$want" --force
fi

# 4. npm packages, exactly as package-lock.json says.
if [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] \
  && [ -x node_modules/.bin/vite ]; then
  say "node_modules is up to date"
else
  say "npm ci"
  npm ci --no-audit --no-fund
fi
say "done"
