#!/usr/bin/env bash
# Builds the static site into dist/: the Rust engine for wasm32 with SIMD twice,
# single-threaded (www/pkg/, stable Rust) and threaded (www/pkg-threads/: shared
# memory and atomics, which need -Z build-std on the nightly pinned in
# rust-toolchain-threads), each with its JS
# bindings and an optional wasm-opt pass; then the Vite bundle. The page picks
# the threaded engine where it is cross-origin isolated (see www/src/engine/).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"
say() { printf '[build] %s\n' "$*"; }
NIGHTLY=$(bash scripts/nightly.sh)

# bindgen OUT WASM EXTRA_WASM_OPT_FLAGS...: the JS bindings into www/OUT, then wasm-opt.
bindgen() {
  local out=$1 wasm=$2
  shift 2
  [ -f "$wasm" ] || { say "ERROR: $wasm was not built"; exit 1; }
  say "wasm-bindgen --target web --out-dir www/$out"
  rm -rf "www/$out"
  wasm-bindgen --target web --out-dir "www/$out" --out-name proflens "$wasm"
  if [ "${PROFLENS_NO_WASM_OPT:-}" != 1 ] && [ -x node_modules/.bin/wasm-opt ]; then
    say "wasm-opt -O3 (binaryen) www/$out"
    if node_modules/.bin/wasm-opt -O3 --enable-simd --enable-bulk-memory --enable-nontrapping-float-to-int \
        --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue "$@" \
        "www/$out/proflens_bg.wasm" -o "www/$out/proflens_bg.opt.wasm"; then
      mv "www/$out/proflens_bg.opt.wasm" "www/$out/proflens_bg.wasm"
    else
      say "wasm-opt failed; keeping the unoptimized wasm"
      rm -f "www/$out/proflens_bg.opt.wasm"
    fi
  fi
  ls -l "www/$out/proflens_bg.wasm" | awk -v o="$out" '{print "[build] " o " wasm size: " $5 " bytes"}'
}

say "cargo build --release --target wasm32-unknown-unknown --lib (simd128)"
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+simd128" \
  cargo build --release --target wasm32-unknown-unknown --lib
bindgen pkg target/wasm32-unknown-unknown/release/proflens.wasm

# Threads: every crate, std included, must be built with atomics for the memory to be
# shared; the linker imports that memory (4 GiB at most) and exports the thread-local
# storage symbols wasm-bindgen uses to start each helper thread.
say "cargo +$NIGHTLY build -Z build-std --target wasm32-unknown-unknown --lib (threads: atomics, shared memory)"
RUSTFLAGS="${RUSTFLAGS:-} -C target-feature=+atomics,+bulk-memory,+mutable-globals,+simd128 \
  -C link-arg=--shared-memory -C link-arg=--max-memory=4294967296 -C link-arg=--import-memory \
  -C link-arg=--export=__wasm_init_tls -C link-arg=--export=__tls_size -C link-arg=--export=__tls_align \
  -C link-arg=--export=__tls_base" \
  cargo +"$NIGHTLY" build --release --target wasm32-unknown-unknown --lib -Z build-std=panic_abort,std \
  --target-dir target/threads
bindgen pkg-threads target/threads/wasm32-unknown-unknown/release/proflens.wasm --enable-threads

say "vite build -> dist/"
node_modules/.bin/vite build --logLevel warn
[ -f dist/index.html ] || { say "ERROR: dist/index.html missing"; exit 1; }
say "done: dist/"
