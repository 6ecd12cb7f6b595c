#!/usr/bin/env bash
# Prints the pinned nightly toolchain of the threaded build (the one line of
# rust-toolchain-threads that is not a comment), e.g. `cargo +"$(bash scripts/nightly.sh)"`.
set -euo pipefail
name=$(grep -v '^[[:space:]]*#' "$(dirname "$0")/../rust-toolchain-threads" | tr -d '[:space:]')
[[ "$name" =~ ^nightly-[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || {
  echo "rust-toolchain-threads must name one dated nightly (nightly-YYYY-MM-DD), not '$name'" >&2
  exit 1
}
printf '%s\n' "$name"
