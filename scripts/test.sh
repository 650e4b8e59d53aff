#!/usr/bin/env bash
# Runs every test. Installs what the tests need when it is missing (PostgreSQL server for the
# warehouse scenarios, Chromium for the HTML report test, openssl for the test server's SSL
# certificate, the AWS CLI for the setup-aws.sh round trip, a C linker for the Native AOT binary, npm
# and Microsoft's SARIF validator for report.sarif), then prints one final line: "tests: N passed, N failed".
#   --unit   only the tests with [Trait("Category", "Unit")]: no PostgreSQL, Chromium, CLI process or
#            AWS fake, nothing installed. Other arguments go to `dotnet test` (e.g. --filter ...).
set -euo pipefail
cd "$(dirname "$0")/.."

unit=false
filter=""
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --unit) unit=true ;;
    --filter) filter="${2:-}"; shift ;;
    *) args+=("$1") ;;
  esac
  shift
done
if $unit; then
  filter="Category=Unit${filter:+&($filter)}"
fi
if [ -n "$filter" ]; then
  args+=(--filter "$filter")
fi

need=()
if ! $unit; then
  ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1 || need+=(postgresql)
  command -v chromium >/dev/null 2>&1 || need+=(chromium)
  command -v openssl >/dev/null 2>&1 || need+=(openssl)
  # The setup round-trip tests run the generated setup-aws.sh with the real AWS CLI (against a loopback fake):
  # Debian's awscli at /usr/bin/aws (CLI v2 from Debian 12), and also a v1 first on PATH when there is one.
  [ -x /usr/bin/aws ] || need+=(awscli)
  # HostileInputTests watch every connect() of the CLI with strace ("before connecting" is observed, not assumed).
  command -v strace >/dev/null 2>&1 || need+=(strace)
  # PublishedBinaryTests compiles the native binary: Native AOT links with clang (or gcc).
  command -v clang >/dev/null 2>&1 || command -v gcc >/dev/null 2>&1 || need+=(clang)
  # SarifValidationTests run Microsoft's SARIF validator, an npm package.
  command -v npm >/dev/null 2>&1 || need+=(npm)
fi
command -v dotnet >/dev/null 2>&1 || { echo "dotnet (the .NET 10 SDK) is required: https://dot.net" >&2; exit 2; }
if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
  # The Debian package starts a cluster of its own; the tests start theirs, so stop it.
  command -v pg_ctlcluster >/dev/null 2>&1 && $sudo service postgresql stop >/dev/null 2>&1 || true
fi

# Microsoft's SARIF validator (`validate`), pinned, into a git-ignored folder; SarifValidator (tests) finds it there.
if ! $unit; then
  sarif_tool="artifacts/tools/sarif-multitool"
  sarif_version="5.7.0"
  sarif_platform="@microsoft/sarif-multitool-$(uname -s | tr '[:upper:]' '[:lower:]')"
  if ! grep -qs "\"version\": \"$sarif_version\"" "$sarif_tool/node_modules/$sarif_platform/package.json"; then
    echo "installing: @microsoft/sarif-multitool@$sarif_version"
    mkdir -p "$sarif_tool"
    npm install --prefix "$sarif_tool" --no-save --no-audit --no-fund --loglevel=error \
      "@microsoft/sarif-multitool@$sarif_version" "$sarif_platform@$sarif_version" >/dev/null
  fi
fi

results="artifacts/test-results"
rm -rf "$results"
status=0
dotnet test Cargo.Doctor.sln -c Release --logger "trx;LogFileName=results.trx" --results-directory "$results" ${args[@]+"${args[@]}"} || status=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "tests: 0 passed, 0 failed"
  echo "no test results were written (build failure?)" >&2
  exit 1
fi
counters=$(grep -o '<Counters [^>]*>' "$trx")
passed=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
failed=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
executed=$(sed -n 's/.* executed="\([0-9]*\)".*/\1/p' <<<"$counters")
echo "tests: ${passed:-0} passed, ${failed:-0} failed"
if [ "${executed:-0}" -eq 0 ]; then
  echo "no test was executed" >&2
  exit 1
fi
if [ "${failed:-0}" -ne 0 ] || [ "$status" -ne 0 ]; then
  exit 1
fi
