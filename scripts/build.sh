#!/usr/bin/env bash
# Builds the static site into dist/: the Rust engine for wasm32 with SIMD, its
# JS bindings (www/pkg/), an optional wasm-opt pass, then the Vite bundle.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '[build] %s\n' "$*"; }

say "cargo build --release --target wasm32-unknown-unknown --lib (simd128)"
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  cargo build --release --target wasm32-unknown-unknown --lib
wasm=target/wasm32-unknown-unknown/release/proflens.wasm
[ -f "$wasm" ] || { say "ERROR: $wasm was not built"; exit 1; }

say "wasm-bindgen --target web --out-dir www/pkg"
rm -rf www/pkg
wasm-bindgen --target web --out-dir www/pkg --out-name proflens "$wasm"

if [ "${PROFLENS_NO_WASM_OPT:-}" != 1 ] && [ -x node_modules/.bin/wasm-opt ]; then
  say "wasm-opt -O3 (binaryen)"
  if node_modules/.bin/wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
      www/pkg/proflens_bg.wasm -o www/pkg/proflens_bg.opt.wasm; then
    mv www/pkg/proflens_bg.opt.wasm www/pkg/proflens_bg.wasm
  else
    say "wasm-opt failed; keeping the unoptimized wasm"
    rm -f www/pkg/proflens_bg.opt.wasm
  fi
fi
ls -l www/pkg/proflens_bg.wasm | awk '{print "[build] wasm size: " $5 " bytes"}'

say "vite build -> dist/"
node_modules/.bin/vite build --logLevel warn
[ -f dist/index.html ] || { say "ERROR: dist/index.html missing"; exit 1; }
say "done: dist/"
