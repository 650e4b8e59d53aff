#!/usr/bin/env bash
# Benchmark: cargo-doctor `check` on a 100-table and a 100,000-table warehouse (50 schemas x 2,000
# tables, 37 tables missing a grant) on a throwaway local PostgreSQL. Prints, per size, the median
# wall time and peak memory of RUNS runs and the number of SQL statements the tool issued, then
# the large/small ratios. Targets: same statement count, wall ratio < 3, peak memory < 300 MB.
# The large warehouse is measured twice: with has_table_privilege by oid (the default) and by name
# (a server that rejects the oid form, emulated by a function earlier on cargo_user's search_path;
# the tool then falls back to the name form, one extra statement).
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS=${RUNS:-3}
SCHEMAS=${SCHEMAS:-50}
TABLES=${TABLES:-2000}

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/cargo-doctor-bench.XXXXXX)
as_pg=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$work"; as_pg=(runuser -u postgres --); }
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
cleanup() { "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true; rm -rf "$work"; }
trap cleanup EXIT

echo "bench-admin" > "$work/pw"; chmod 644 "$work/pw"
"${as_pg[@]}" "$bin/initdb" -D "$work/data" -U bench --pwfile="$work/pw" --auth-host=scram-sha-256 --auth-local=trust --no-sync >/dev/null
"${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w -o "-p $port -c listen_addresses=127.0.0.1 -c unix_socket_directories=$work -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start >/dev/null
psql_admin() { PGPASSWORD=bench-admin psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U bench "$@"; }

dotnet publish src/Cargo.Doctor.Cli -c Release -o "$work/tool" --nologo -v quiet >/dev/null

make_warehouse() { # name schemas tables
  local db=$1 schemas=$2 tables=$3
  psql_admin -d postgres -c "CREATE DATABASE $db"
  psql_admin -d "$db" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cargo_user') THEN CREATE USER cargo_user PASSWORD 'bench-cargo'; END IF; END \$\$; GRANT ALL ON DATABASE $db TO cargo_user;"
  for s in $(seq 1 "$schemas"); do
    psql_admin -d "$db" -c "CREATE SCHEMA s$s; DO \$\$ BEGIN FOR t IN 1..$tables LOOP EXECUTE format('CREATE TABLE s$s.t%s (id int)', t); END LOOP; END \$\$;
      GRANT USAGE ON SCHEMA s$s TO cargo_user; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA s$s TO cargo_user;"
  done
  # 37 tables each missing one grant, spread over the schemas.
  psql_admin -d "$db" -c "DO \$\$ BEGIN FOR i IN 0..36 LOOP EXECUTE format('REVOKE INSERT ON s%s.t%s FROM cargo_user', 1 + i % $schemas, 1 + (i * 7919) % $tables); END LOOP; END \$\$;"
}

measure() { # db schemas -> "median_wall_s median_peak_mb statements"
  local db=$1 schemas=$2 args=() walls=() mems=()
  for s in $(seq 1 "$schemas"); do args+=(--schema "$db.s$s"); done
  for run in $(seq 1 "$RUNS"); do
    CARGO_DOCTOR_PASSWORD=bench-cargo CI=1 /usr/bin/time -f "%e %M" -o "$work/time" \
      "$work/tool/cargo-doctor" check --endpoint "127.0.0.1:$port/$db" --user cargo_user --sslmode disable "${args[@]}" \
      --read-only --format json --out "$work/out-$db" >/dev/null 2>&1 || [ $? -eq 1 ]
    read -r wall kb < <(tail -n 1 "$work/time")
    walls+=("$wall"); mems+=("$kb")
  done
  local median_wall median_kb statements
  median_wall=$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
  median_kb=$(printf '%s\n' "${mems[@]}" | sort -g | sed -n "$(( (RUNS + 1) / 2 ))p")
  statements=$(grep -o '"warehouseStatements": [0-9]*' "$work/out-$db/report.json" | grep -o '[0-9]*$')
  missing=$(grep -o '"summary": "[0-9]* of [0-9]* table(s) lack[^"]*"' "$work/out-$db/report.json" || true)
  echo "$median_wall $((median_kb / 1024)) $statements|$missing"
}

echo "building warehouses (100 tables; $((SCHEMAS * TABLES)) tables) ..." >&2
make_warehouse small 1 100 >/dev/null
make_warehouse large "$SCHEMAS" "$TABLES" >/dev/null
IFS='|' read -r small small_missing <<<"$(measure small 1)"
IFS='|' read -r large large_missing <<<"$(measure large "$SCHEMAS")"
psql_admin -d large -c "CREATE SCHEMA bench_no_oid; GRANT USAGE ON SCHEMA bench_no_oid TO PUBLIC;
  CREATE FUNCTION bench_no_oid.has_table_privilege(u text, t oid, p text) RETURNS boolean LANGUAGE plpgsql AS
  \$\$ BEGIN RAISE EXCEPTION 'function has_table_privilege(text, oid, unknown) does not exist' USING ERRCODE = '42883'; END \$\$;
  ALTER ROLE cargo_user IN DATABASE large SET search_path = bench_no_oid, pg_catalog, \"\$user\", public;" >/dev/null
IFS='|' read -r byname byname_missing <<<"$(measure large "$SCHEMAS")"
read -r sw sm ss <<<"$small"; read -r lw lm ls <<<"$large"; read -r nw nm ns <<<"$byname"

printf '%-16s %12s %14s %12s\n' "warehouse" "wall (s)" "peak mem (MB)" "statements"
printf '%-16s %12s %14s %12s\n' "100 tables" "$sw" "$sm" "$ss"
printf '%-16s %12s %14s %12s\n' "$((SCHEMAS * TABLES)) tables" "$lw" "$lm" "$ls"
printf '%-16s %12s %14s %12s\n' "  by name" "$nw" "$nm" "$ns"
echo "median of $RUNS runs each; large finding: ${large_missing#*: } (by name: ${byname_missing#*: })"
awk -v a="$lw" -v n="$nw" -v b="$sw" -v m="$lm" -v s1="$ss" -v s2="$ls" 'BEGIN {
  printf "wall ratio large/small: %.2f (target < 3)\n", a / b;
  printf "large by oid vs by name: %s s vs %s s\n", a, n;
  printf "statements: %s vs %s (target: equal)\n", s1, s2;
  printf "peak memory large: %d MB (target < 300)\n", m }'
