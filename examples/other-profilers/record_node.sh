#!/usr/bin/env bash
# Profiles work.js with `node --cpu-prof` and `node --heap-prof` and keeps the files
# (work.cpuprofile, work.heapprofile). Run from anywhere: bash examples/other-profilers/record_node.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# A neutral directory, so that no path of the machine that recorded it is kept.
run_dir=${RUN_DIR:-/tmp/proflens-demo}
mkdir -p "$run_dir"
cp "$here/work.js" "$run_dir/"
cd "$run_dir"
node --cpu-prof --cpu-prof-dir=. --cpu-prof-name=work.cpuprofile --cpu-prof-interval=500 work.js 300 >/dev/null
node --heap-prof --heap-prof-dir=. --heap-prof-name=work.heapprofile --heap-prof-interval=16384 work.js 300 >/dev/null
cp work.cpuprofile work.heapprofile "$here/"
rm -rf "$run_dir"
wc -c "$here"/work.cpuprofile "$here"/work.heapprofile
