#!/usr/bin/env bash
# Records work.c with `perf record -g` and keeps the `perf script` text (work.perf.txt) and
# inferno-collapse-perf's folded stacks of it, one file per event, sorted (the oracle of
# tests/perf_script.rs). Needs gcc, Debian's linux-perf and `cargo install inferno`.
# Run from anywhere: bash examples/other-profilers/record_perf.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# A neutral directory, so that no path of the machine that recorded it is kept.
run_dir=${RUN_DIR:-/tmp/proflens-demo}
mkdir -p "$run_dir"
gcc -O2 -g -fno-omit-frame-pointer -o "$run_dir/work" "$here/work.c"
cd "$run_dir"
# cpu-clock works with perf_event_paranoid=2 (user frames); page-faults adds kernel frames.
perf record -q -g -e cpu-clock -e page-faults -F 499 -o perf.data ./work 3000 >/dev/null
perf script -i perf.data > "$here/work.perf.txt"
# inferno reads the period only when a single space separates it from the event, and perf
# pads it with several when it records several events: the header lines' spaces are
# squeezed first (the stack lines are left as they are).
for event in cpu-clock page-faults; do
  sed -E '/^[^[:space:]]/s/ +/ /g' "$here/work.perf.txt" |
    inferno-collapse-perf --all --event-filter "$event" | LC_ALL=C sort > "$here/work.perf.$event.inferno.folded"
done
rm -rf "$run_dir"
wc -c "$here"/work.perf*
