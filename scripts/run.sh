#!/usr/bin/env bash
# The main job. With arguments: `cargo-doctor check ARGS` against your warehouse. Without: uses
# ./cargo-doctor.yml when present, else replays the bundled sample (samples/sample-facts.json, a
# partly broken setup) so you can see a report with no warehouse at hand. Reports go to
# ./cargo-doctor-report/. Exit code: 0 all passed, 1 a check failed, 2 usage or config error.
set -uo pipefail
cd "$(dirname "$0")/.."
run() { dotnet run --project src/Cargo.Doctor.Cli -c Release -v quiet -- "$@"; }
if [ $# -gt 0 ]; then
  run check "$@"
elif [ -f cargo-doctor.yml ]; then
  run check --config cargo-doctor.yml
else
  echo "no warehouse configured (no arguments, no ./cargo-doctor.yml): replaying samples/sample-facts.json" >&2
  run report --facts samples/sample-facts.json --out cargo-doctor-report
fi
