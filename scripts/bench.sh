#!/usr/bin/env bash
# Benchmark for issue 11 (speed), on a throwaway local PostgreSQL. Three parts, each optional:
#
#   network  `check` of 1 and of 5 databases (one schema of SMALL_TABLES tables each), straight to
#            PostgreSQL and through scripts/bench/delay-proxy.py (DELAY_MS each way, so a round trip
#            costs 2 x DELAY_MS). Prints wall times, statements, the round trips the proxy saw, the
#            5-DB/1-DB ratio at the delay (target <= 1.5) and the 1-DB budget
#            fixed cost + statements x round trip + server time next to the measurement.
#   scale    `check` of SCALE_SMALL_TABLES tables (7) vs SCHEMAS x TABLES tables (default 100 x 2,000 =
#            200,000, Redshift's per-cluster table quota on its largest node types:
#            https://docs.aws.amazon.com/redshift/latest/mgmt/amazon-redshift-limits.html). Prints
#            the wall difference and, as issue 27 defines it, its ratio to the server's own time
#            (EXPLAIN ANALYZE) for the one set-based privilege query in the name form,
#            has_table_privilege(user, 'schema.table', ...) over the same tables (the tool's SQL from
#            Sources/Warehouse/Queries/table-privileges-by-name.sql, run by psql as the Cargo user in
#            the same run; target <= 1.5); the oid form's time for reference, peak memory of `check`
#            (target <= 150 MB) and with --save-facts (<= 200 MB), and the statement count at both
#            sizes (target: equal). The databases carry the tests' Redshift stand-in, so the
#            svv_*_privileges reads (granted via) are timed too.
#   fleet    issue 27: `check --config fleet.yml --parallel FLEET_TARGETS` of FLEET_TARGETS (20) targets of
#            2 databases each (n1, n2) behind the delay proxy (DELAY_MS each way), against the same
#            config with one target. Prints both walls, their ratio (target <= 1.5) and the fleet
#            run's peak memory (target <= 300 MB).
#   fixed    the fixed cost: `--version`, `report --facts samples/sample-facts.json` and a one-schema
#            `check` on loopback, for each publish form in VARIANTS:
#              fd     framework-dependent, portable IL (the tool package for platforms without their own, "any")
#              r2r    framework-dependent, -r linux-x64, ReadyToRun (-p:PublishAot=false: no C toolchain at hand)
#              sfr2r  self-contained single file + ReadyToRun (the same, as one file)
#              aot    Native AOT, -r linux-x64 (the native binary and the linux-x64 tool package; slow to build)
#   aws      issue 23: `check --cluster` (AWS side only) against scripts/bench/aws-host, the tests' stateful AWS fake
#            on loopback with a network-complete account (enhanced VPC routing, subnet group, route tables, prefix
#            list, internet gateway, network ACLs, S3 gateway endpoint, security group), few vs AWS_EXTRA (200) more
#            routes, ACL entries each way, VPC endpoints and security-group rules. Prints the median AWS read time
#            the tool reports ("AWS facts read in N ms") and the AWS calls the fake received (target: equal).
#
# usage: scripts/bench.sh [--quick] [network] [scale] [fleet] [fixed] [aws]     (no part named: all)
# knobs (environment): RUNS (5; --quick 3)  FIXED_RUNS (11; --quick 5)  DELAY_MS (40)  DBS (5)
#   SMALL_TABLES (100)  SCALE_SMALL_TABLES (7)  SCHEMAS (100; --quick 10)  TABLES (2000; --quick 500)
#   VARIANTS ("fd r2r aot"; --quick "fd")  FORM (the form network and scale run: "aot", the README's
#   install; --quick "fd")  TOOL_DIR (skip publishing FORM: use this publish folder)
#   BEFORE_TOOL_DIR (scale: also time this earlier publish folder on the same warehouses, for a
#   before/after ratio from one run)  BYNAME=1 (scale: also time the by-name fallback)  KEEP=1 (keep the temporary folder and reports)
# All figures are medians; the machine is shared, so the output states the load seen around the run.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

quick=0; parts=()
for arg in "$@"; do
  case "$arg" in
    --quick) quick=1 ;;
    network|scale|fleet|fixed|aws) parts+=("$arg") ;;
    -h|--help) sed -n '2,35p' "$0"; exit 0 ;;
    *) echo "bench.sh: unknown argument '$arg' (use --quick, network, scale, fleet, fixed, aws)" >&2; exit 2 ;;
  esac
done
[ ${#parts[@]} -gt 0 ] || parts=(network scale fleet fixed aws)
if [ "$quick" -eq 1 ]; then
  RUNS=${RUNS:-3}; FIXED_RUNS=${FIXED_RUNS:-5}; SCHEMAS=${SCHEMAS:-10}; TABLES=${TABLES:-500}; VARIANTS=${VARIANTS:-fd}; FORM=${FORM:-fd}
fi
FLEET_TARGETS=${FLEET_TARGETS:-20}
RUNS=${RUNS:-5}; FIXED_RUNS=${FIXED_RUNS:-11}; DELAY_MS=${DELAY_MS:-40}; DBS=${DBS:-5}
SMALL_TABLES=${SMALL_TABLES:-100}; SCALE_SMALL_TABLES=${SCALE_SMALL_TABLES:-7}; SCHEMAS=${SCHEMAS:-100}; TABLES=${TABLES:-2000}; VARIANTS=${VARIANTS:-fd r2r aot}; FORM=${FORM:-aot}
has() { local p; for p in "${parts[@]}"; do [ "$p" = "$1" ] && return 0; done; return 1; }

# shellcheck source=bench/lib.sh
. "$repo/scripts/bench/lib.sh"
bench_start_server
trap bench_cleanup EXIT
echo "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); PostgreSQL $("$bin/pg_ctl" -V | awk '{ print $3 }'); $(dotnet --version | sed 's/^/.NET SDK /')"
echo "load at start: $(bench_load)"
echo "runs: RUNS=$RUNS per measurement (FIXED_RUNS=$FIXED_RUNS for the fixed cost), medians shown"

bench_publish "$FORM" "${TOOL_DIR:-}"
tool="$work/tool-$FORM/cargo-doctor"
echo "network and scale run the $FORM form${TOOL_DIR:+ from $TOOL_DIR}"

# One small schema per database, n1..nDBS; n1 also serves the fixed-cost `check`.
echo "building $DBS databases of $SMALL_TABLES tables ..." >&2
for i in $(seq 1 "$DBS"); do bench_make_warehouse "n$i" 1 "$SMALL_TABLES"; done

if has network; then
  echo
  echo "== network: check of 1 and $DBS databases, direct and with ${DELAY_MS} ms each way (round trip $((2 * DELAY_MS)) ms) =="
  bench_start_proxy "$DELAY_MS"
  many_args=(); for i in $(seq 2 "$DBS"); do many_args+=(--database "n$i"); done
  for i in $(seq 1 "$DBS"); do many_args+=(--schema "n$i.s1"); done
  printf '%-26s %10s %9s %12s %12s %13s\n' "run" "wall (s)" "cpu (s)" "statements" "connections" "round trips"
  # Run-major: every case once per round, so a change in the machine's load hits all cases alike.
  cases=("1 direct" "1 delayed" "$DBS direct" "$DBS delayed")
  for run in $(seq 1 "$RUNS"); do
    for case in "${cases[@]}"; do
      read -r n how <<<"$case"
      p=$port; [ "$how" = delayed ] && { p=$proxy_port; bench_proxy_counts >/dev/null; }
      if [ "$n" = 1 ]; then args=(--schema n1.s1); else args=("${many_args[@]}"); fi
      line=$(bench_check_once "$tool" "$p" n1 "net-$n-$how" "${args[@]}")
      [ "$how" = delayed ] && line="$line $(bench_proxy_counts)"
      echo "$line" >>"$work/net-$n-$how"
    done
  done
  declare -A wall
  for case in "${cases[@]}"; do
    read -r n how <<<"$case"
    read -r w _mem stmts cpu < <(medians "$work/net-$n-$how")
    turns="-"; conns="-"
    [ "$how" = delayed ] && read -r conns turns < <(cut -d' ' -f5,6 "$work/net-$n-$how" | tail -n 1)
    wall["$n $how"]=$w
    printf '%-26s %10s %9s %12s %12s %13s\n' "$n database(s), $how" "$w" "$cpu" "$stmts" "$conns" "$turns"
    [ "$n" = 1 ] && [ "$how" = direct ] && stmts1=$stmts
    [ "$n" = 1 ] && [ "$how" = delayed ] && turns1=$turns
  done
  awk -v one="${wall[1 delayed]}" -v many="${wall[$DBS delayed]}" -v n="$DBS" -v d1="${wall[1 direct]}" \
      -v st="$stmts1" -v tu="$turns1" -v rtt="$((2 * DELAY_MS))" 'BEGIN {
    printf "ratio %d DB / 1 DB at %d ms round trip: %.2f (target <= 1.5)\n", n, rtt, many / one;
    printf "1-DB budget: fixed cost + server time (the direct 1-DB wall) %.2f s + %d statements x %.3f s = %.2f s; measured %.2f s\n",
      d1, st, rtt / 1000, d1 + st * rtt / 1000, one;
    printf "  the proxy saw %d client round trips (statements + connection start-up + SCRAM): %.2f s + %d x %.3f s = %.2f s\n",
      tu, d1, tu, rtt / 1000, d1 + tu * rtt / 1000 }'
  bench_stop_proxy
fi

if has scale; then
  large=$((SCHEMAS * TABLES))
  echo
  echo "== scale: $SCALE_SMALL_TABLES tables vs $large tables ($SCHEMAS schemas x $TABLES) =="
  echo "building the $large-table warehouse ..." >&2
  t0=$EPOCHREALTIME
  bench_make_warehouse few 1 "$SCALE_SMALL_TABLES"
  bench_make_warehouse big "$SCHEMAS" "$TABLES"
  echo "(built in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s)"
  big_args=(); for s in $(seq 1 "$SCHEMAS"); do big_args+=(--schema "big.s$s"); done
  read -r sw sm ss sc < <(bench_check "$tool" "$port" few scale-small --schema few.s1)
  read -r lw lm ls lc < <(bench_check "$tool" "$port" big scale-large "${big_args[@]}")
  read -r fw fm fs fc < <(bench_check "$tool" "$port" big scale-facts "${big_args[@]}" --save-facts "$work/facts.json")
  read -r server_ms psql_ms < <(bench_table_query_ms big "$SCHEMAS" table-privileges-by-name.sql)
  read -r oid_ms _oid_psql < <(bench_table_query_ms big "$SCHEMAS" table-privileges.sql)
  printf '%-34s %10s %9s %15s %12s\n' "run" "wall (s)" "cpu (s)" "peak mem (MB)" "statements"
  printf '%-34s %10s %9s %15s %12s\n' "$SCALE_SMALL_TABLES tables" "$sw" "$sc" "$sm" "$ss"
  printf '%-34s %10s %9s %15s %12s\n' "$large tables" "$lw" "$lc" "$lm" "$ls"
  printf '%-34s %10s %9s %15s %12s\n' "$large tables, --save-facts" "$fw" "$fc" "$fm" "$fs"
  echo "facts file: $(( $(stat -c %s "$work/facts.json") / 1048576 )) MB"
  awk -v sw="$sw" -v lw="$lw" -v sc="$sc" -v lc="$lc" -v srv="$server_ms" -v ps="$psql_ms" -v oid="$oid_ms" -v lm="$lm" -v fm="$fm" -v ss="$ss" -v ls="$ls" -v n="$large" -v few="$SCALE_SMALL_TABLES" 'BEGIN {
    printf "name-form privilege query (has_table_privilege(user, '"'"'schema.table'"'"', ...)) alone at %d tables: server %.0f ms (EXPLAIN ANALYZE), %.0f ms with transfer to psql (\\timing); oid form %.0f ms\n", n, srv, ps, oid;
    printf "ratio (check over %d tables - check over %d tables) / server time = %.2f s / %.2f s = %.2f (target <= 1.5)\n", n, few, lw - sw, srv / 1000, (lw - sw) * 1000 / srv;
    # On a busy machine the wall difference is mostly waiting for a core; the tool'"'"'s own CPU
    # difference is not, and on an idle machine wall difference ~ server time + that CPU.
    printf "tool CPU difference %.2f s; load-independent estimate (server + tool CPU) / server = %.2f\n", lc - sc, (srv / 1000 + lc - sc) * 1000 / srv;
    printf "peak memory: check %d MB (target <= 150), --save-facts %d MB (target <= 200)\n", lm, fm;
    printf "statements: %d vs %d (target: equal)\n", ss, ls }'
  if [ -n "${BEFORE_TOOL_DIR:-}" ]; then
    before="$BEFORE_TOOL_DIR/cargo-doctor"
    read -r bsw _bsm bss _bsc < <(bench_check "$before" "$port" few before-small --schema few.s1)
    read -r blw blm bls _blc < <(bench_check "$before" "$port" big before-large "${big_args[@]}")
    awk -v sw="$bsw" -v lw="$blw" -v srv="$server_ms" -v lm="$blm" -v ss="$bss" -v ls="$bls" 'BEGIN {
      printf "before (BEFORE_TOOL_DIR): walls %.2f s and %.2f s, ratio %.2f; peak %d MB; statements %d vs %d\n", sw, lw, (lw - sw) * 1000 / srv, lm, ss, ls }'
  fi
  if [ "${BYNAME:-0}" = 1 ]; then
    # A server that rejects has_table_privilege by oid, emulated by a function earlier on the Cargo
    # user's search_path: the tool falls back to the name form (one extra statement).
    psql_admin -d big -c "CREATE SCHEMA bench_no_oid; GRANT USAGE ON SCHEMA bench_no_oid TO PUBLIC;
      CREATE FUNCTION bench_no_oid.has_table_privilege(u text, t oid, p text) RETURNS boolean LANGUAGE plpgsql AS
      \$\$ BEGIN RAISE EXCEPTION 'function has_table_privilege(text, oid, unknown) does not exist' USING ERRCODE = '42883'; END \$\$;
      ALTER ROLE cargo_user IN DATABASE big SET search_path = bench_no_oid, pg_catalog, \"\$user\", public;" >/dev/null
    read -r nw nm ns nc < <(bench_check "$tool" "$port" big scale-byname "${big_args[@]}")
    echo "by name (BYNAME=1, the oid form rejected): wall $nw s, cpu $nc s, peak $nm MB, $ns statements"
  fi
fi

if has fleet; then
  echo
  echo "== fleet: $FLEET_TARGETS targets of 2 databases each vs 1 target, ${DELAY_MS} ms each way, --parallel $FLEET_TARGETS =="
  bench_start_proxy "$DELAY_MS"
  for n in 1 "$FLEET_TARGETS"; do
    {
      echo "readOnly: true"
      echo "warehouse: { endpoint: \"127.0.0.1:$proxy_port/n1\", user: cargo_user, sslMode: disable, databases: [n1, n2], schemas: [n1.s1, n2.s1] }"
      echo "targets:"
      for t in $(seq 1 "$n"); do echo "  - { name: t$t, passwordEnv: BENCH_PASSWORD }"; done
    } >"$work/fleet-$n.yml"
  done
  printf '%-26s %10s %9s %15s\n' "run" "wall (s)" "cpu (s)" "peak mem (MB)"
  for run in $(seq 1 "$RUNS"); do
    for n in 1 "$FLEET_TARGETS"; do
      BENCH_PASSWORD=bench-cargo CI=1 /usr/bin/time -f "%e %M %U %S" -o "$work/time" "$tool" check --config "$work/fleet-$n.yml" \
        --parallel "$FLEET_TARGETS" --format json --out "$work/out-fleet-$n" >"$work/out-fleet-$n.log" 2>&1 || [ $? -eq 1 ] || {
          echo "fleet check failed ($n targets): $(tail -n 3 "$work/out-fleet-$n.log")" >&2; exit 1; }
      # /usr/bin/time writes "Command exited with non-zero status 1" first when a target failed.
      tail -n 1 "$work/time" | awk '{ printf "%s %d 0 %.2f\n", $1, $2 / 1024, $3 + $4 }' >>"$work/fleet-runs-$n"
    done
  done
  read -r w1 m1 _ c1 < <(medians "$work/fleet-runs-1")
  read -r wn mn _ cn < <(medians "$work/fleet-runs-$FLEET_TARGETS")
  printf '%-26s %10s %9s %15s\n' "1 target" "$w1" "$c1" "$m1"
  printf '%-26s %10s %9s %15s\n' "$FLEET_TARGETS targets" "$wn" "$cn" "$mn"
  awk -v one="$w1" -v many="$wn" -v n="$FLEET_TARGETS" -v mem="$mn" 'BEGIN {
    printf "ratio %d targets / 1 target: %.2f (target <= 1.5); peak memory %d MB (target <= 300)\n", n, many / one, mem }'
  bench_stop_proxy
fi

if has fixed; then
  echo
  echo "== fixed cost: medians of $FIXED_RUNS runs, wall / cpu in ms =="
  printf '%-8s %14s %16s %18s %10s\n' "form" "--version" "report --facts" "check (1 schema)" "size (MB)"
  for v in $VARIANTS; do
    if [ "$v" != "$FORM" ] && ! bench_publish "$v" "" 2>"$work/publish-$v.err"; then
      echo "$v: publish failed: $(tail -n 3 "$work/publish-$v.err" | tr '\n' ' ')"; continue
    fi
    exe="$work/tool-$v/cargo-doctor"
    read -r ver verc < <(bench_median_ms "$FIXED_RUNS" "$exe" --version)
    read -r rep repc < <(bench_median_ms "$FIXED_RUNS" "$exe" report --facts "$repo/samples/sample-facts.json" --out "$work/fixed-report-$v")
    read -r chk chkc < <(bench_median_ms "$FIXED_RUNS" env CARGO_DOCTOR_PASSWORD=bench-cargo CI=1 "$exe" check --endpoint "127.0.0.1:$port/n1" \
      --user cargo_user --sslmode disable --schema n1.s1 --read-only --format json --out "$work/fixed-check-$v")
    printf '%-8s %14s %16s %18s %10s\n' "$v" "$ver / $verc" "$rep / $repc" "$chk / $chkc" "$(du -sLm "$work/tool-$v" | cut -f1)"
  done
  echo "(targets: report --facts <= 150 ms, check <= 350 ms; the floor is --version)"
fi

if has aws; then
  echo
  echo "== aws: check's AWS reads (no warehouse) against a loopback fake account, network-complete, few vs ${AWS_EXTRA:-200} more routes/rules/endpoints =="
  aws_host="$work/aws-host"
  dotnet build "$repo/scripts/bench/aws-host" -c Release -o "$aws_host" >"$work/aws-host-build.log" 2>&1 || {
    echo "aws: building scripts/bench/aws-host failed: $(tail -n 5 "$work/aws-host-build.log")" >&2; exit 1; }
  printf '%-6s %-74s %14s %10s\n' "size" "account" "AWS read (ms)" "AWS calls"
  for size in few many; do
    AWS_EXTRA=${AWS_EXTRA:-200} dotnet "$aws_host/Cargo.Doctor.Tests.dll" "$tool" "$size" "$RUNS" >"$work/aws-$size" 2>"$work/aws-$size.err" || {
      echo "aws: the $size run failed: $(tail -n 5 "$work/aws-$size.err")" >&2; exit 1; }
    printf '%-6s %-74s %14s %10s\n' "$size" "$(sed -n "s/^$size: \([0-9].*\)/\1/p" "$work/aws-$size.err")" \
      "$(cut -d' ' -f1 "$work/aws-$size" | median)" "$(cut -d' ' -f2 "$work/aws-$size" | median)"
    echo "       $(sed -n "s/^$size: \(net\..*\)/\1/p" "$work/aws-$size.err")"
  done
  echo "(AWS calls: target equal at both sizes; the read time is the tool's own, the fake answers on loopback with no delay)"
fi

echo
echo "load at end: $(bench_load)"
echo "the machine is shared: other builds ran at the same time, so compare ratios, not absolute times"
