#!/usr/bin/env bash
# Profiles work.js with the `pprof` npm package (Google's Node profiler, which writes
# profile.proto itself) and keeps its heap and time profiles (pprof-npm.heap.pb.gz,
# pprof-npm.time.pb.gz). The package is installed in a scratch folder, not the project:
# it is only needed to record. Run from anywhere: bash examples/other-profilers/record_pprof_npm.sh
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
run_dir=${RUN_DIR:-/tmp/proflens-demo}
mkdir -p "$run_dir"
cp "$here/work.js" "$run_dir/"
cd "$run_dir"
npm install --no-audit --no-fund --silent pprof@5 >/dev/null
node -e '
const pprof = require("pprof");
const fs = require("fs");
(async () => {
  pprof.heap.start(16 * 1024, 64);
  const time = pprof.time.profile({ durationMillis: 600, intervalMicros: 500 });
  process.argv[2] = "500";
  require("./work.js");
  fs.writeFileSync("pprof-npm.time.pb.gz", await pprof.encode(await time));
  fs.writeFileSync("pprof-npm.heap.pb.gz", await pprof.encode(pprof.heap.profile()));
})();
' >/dev/null
cp pprof-npm.time.pb.gz pprof-npm.heap.pb.gz "$here/"
rm -rf "$run_dir"
wc -c "$here"/pprof-npm.*.pb.gz
