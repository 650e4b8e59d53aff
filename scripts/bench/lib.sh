# Functions for scripts/bench.sh: a throwaway PostgreSQL, warehouses, the delay proxy, publishing
# the tool in several forms, and timed runs. Sourced, not run; expects $repo, $RUNS and set -euo pipefail.

bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d /tmp/cargo-doctor-bench.XXXXXX)
as_pg=(); [ "$(id -u)" -eq 0 ] && { chown postgres "$work"; chmod 755 "$work"; as_pg=(runuser -u postgres --); }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
port=$(free_port)
proxy_pid=""

bench_cleanup() {
  [ -n "$proxy_pid" ] && kill "$proxy_pid" 2>/dev/null || true
  "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -m immediate stop >/dev/null 2>&1 || true
  if [ "${KEEP:-0}" = 1 ]; then echo "kept: $work" >&2; else rm -rf "$work"; fi
}

# Load average and the busiest other processes, so a reader knows what else ran.
bench_load() {
  local others
  others=$(ps -eo pcpu=,comm= --sort=-pcpu | awk '$1 >= 20 { printf "%s %s%%, ", $2, $1 }' | sed 's/, $//')
  echo "loadavg $(cut -d' ' -f1-3 /proc/loadavg); processes over 20% CPU: ${others:-none}"
}

# fsync off and friends: the data is thrown away, and 200,000 CREATE TABLEs are mostly catalog writes.
# The tests' Redshift stand-in (Fixtures/redshift-emulation.sql, in template1 so every database has
# it) gives the svv_* views, so the statements that read them (granted via) do their real work
# instead of failing at once; it needs allow_system_table_mods.
bench_start_server() {
  echo "bench-admin" > "$work/pw"; chmod 644 "$work/pw"
  "${as_pg[@]}" "$bin/initdb" -D "$work/data" -U bench --pwfile="$work/pw" --auth-host=scram-sha-256 --auth-local=trust -E UTF8 --locale=C.UTF-8 --no-sync >/dev/null
  "${as_pg[@]}" "$bin/pg_ctl" -D "$work/data" -l "$work/log" -w -o "-p $port -c listen_addresses=127.0.0.1 \
    -c unix_socket_directories=$work -c fsync=off -c synchronous_commit=off -c full_page_writes=off \
    -c max_locks_per_transaction=1024 -c checkpoint_timeout=30min -c max_wal_size=8GB -c autovacuum=off \
    -c allow_system_table_mods=on -c rs.enable_case_sensitive_identifier=false" start >/dev/null
  psql_admin -d template1 -f "$repo/tests/Cargo.Doctor.Tests/Fixtures/redshift-emulation.sql" >/dev/null
}
psql_admin() { PGPASSWORD=bench-admin psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U bench "$@"; }
psql_cargo() { PGPASSWORD=bench-cargo psql -X -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$port" -U cargo_user "$@"; }

# name schemas tables: schemas s1..sN of tables t1..tM, all granted to cargo_user but 37 tables
# (spread over the schemas) that lack INSERT. One DO block per schema, all in one psql session.
bench_make_warehouse() {
  local db=$1 schemas=$2 tables=$3 s
  psql_admin -d postgres -c "CREATE DATABASE $db" >/dev/null
  # The stand-in's future-grants trigger fires on every CREATE TABLE: off while building (no
  # scoped grants exist), on again before the tool runs.
  psql_admin -d "$db" -c "ALTER EVENT TRIGGER rs_scoped_future DISABLE" >/dev/null
  psql_admin -d "$db" -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'cargo_user') THEN CREATE USER cargo_user PASSWORD 'bench-cargo'; END IF; END \$\$; GRANT ALL ON DATABASE $db TO cargo_user;" >/dev/null
  for s in $(seq 1 "$schemas"); do
    echo "CREATE SCHEMA s$s; DO \$\$ BEGIN FOR t IN 1..$tables LOOP EXECUTE format('CREATE TABLE s$s.t%s (id int)', t); END LOOP; END \$\$;
      GRANT USAGE ON SCHEMA s$s TO cargo_user; GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA s$s TO cargo_user;"
  done | psql_admin -d "$db" >/dev/null
  psql_admin -d "$db" -c "DO \$\$ BEGIN FOR i IN 0..36 LOOP EXECUTE format('REVOKE INSERT ON s%s.t%s FROM cargo_user', 1 + i % $schemas, 1 + (i * 7919) % $tables); END LOOP; END \$\$;" >/dev/null
  psql_admin -d "$db" -c "ALTER EVENT TRIGGER rs_scoped_future ENABLE" >/dev/null
  psql_admin -d "$db" -c "VACUUM ANALYZE" >/dev/null
}

# variant [existing folder]: publishes the CLI into $work/tool-<variant> from a copy of the sources
# (each form gets its own obj/, so forms never share half-built output).
bench_publish() {
  local v=$1 existing=${2:-} flags=()
  if [ -n "$existing" ]; then ln -s "$(cd "$existing" && pwd)" "$work/tool-$v"; return 0; fi
  case "$v" in
    fd) flags=(-p:PublishAot=false) ;;
    r2r) flags=(-r linux-x64 --self-contained false -p:PublishAot=false -p:PublishReadyToRun=true) ;;
    sfr2r) flags=(-r linux-x64 --self-contained true -p:PublishAot=false -p:PublishSingleFile=true -p:PublishReadyToRun=true) ;;
    aot) flags=(-r linux-x64 -p:PublishAot=true) ;;
    *) echo "unknown form '$v' (fd, r2r, sfr2r, aot)" >&2; return 1 ;;
  esac
  echo "publishing ($v) ..." >&2
  mkdir -p "$work/src-$v"
  cp -r "$repo/src" "$repo/checks" "$repo/Directory.Build.props" "$repo/Directory.Packages.props" "$repo/.editorconfig" "$work/src-$v/"
  find "$work/src-$v/src" -depth -type d \( -name bin -o -name obj \) -exec rm -rf {} +
  dotnet publish "$work/src-$v/src/Cargo.Doctor.Cli" -c Release "${flags[@]}" -o "$work/tool-$v" --nologo -v quiet >&2
}

bench_start_proxy() { # delay_ms
  rm -f "$work/proxy.port"
  python3 "$repo/scripts/bench/delay-proxy.py" --target-port "$port" --delay-ms "$1" --stats "$work/proxy.json" --port-file "$work/proxy.port" &
  proxy_pid=$!
  for _ in $(seq 1 100); do [ -s "$work/proxy.port" ] && break; sleep 0.05; done
  proxy_port=$(cat "$work/proxy.port")
}
bench_stop_proxy() { kill "$proxy_pid" 2>/dev/null || true; wait "$proxy_pid" 2>/dev/null || true; proxy_pid=""; }

# Prints "connections round_trips" seen since the last call, divided by $1 runs (default 1); the
# counters are zeroed each time.
bench_proxy_counts() {
  rm -f "$work/proxy.json"
  kill -USR1 "$proxy_pid"
  for _ in $(seq 1 100); do [ -s "$work/proxy.json" ] && break; sleep 0.05; done
  python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); r = int(sys.argv[2]); print(round(d["connections"] / r), round(d["clientTurns"] / r))' "$work/proxy.json" "${1:-1}"
}

median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# tool port db label check-args...: one run of `check`; prints "wall_s peak_MB statements cpu_s"
# (cpu = user + system time, which waiting for a busy core does not inflate).
bench_check_once() {
  local tool=$1 p=$2 db=$3 label=$4 wall kb user sys stmts; shift 4
  CARGO_DOCTOR_PASSWORD=bench-cargo CI=1 /usr/bin/time -f "%e %M %U %S" -o "$work/time" \
    "$tool" check --endpoint "127.0.0.1:$p/$db" --user cargo_user --sslmode disable --read-only \
    --format json --out "$work/out-$label" "$@" >"$work/out-$label.log" 2>&1 || [ $? -eq 1 ] || {
      echo "check failed ($label): $(tail -n 3 "$work/out-$label.log")" >&2; return 1; }
  read -r wall kb user sys < <(tail -n 1 "$work/time")
  stmts=$(grep -o '"warehouseStatements": [0-9]*' "$work/out-$label/report.json" | grep -o '[0-9]*$')
  awk -v w="$wall" -v k="$kb" -v n="$stmts" -v u="$user" -v s="$sys" 'BEGIN { printf "%s %d %s %.2f\n", w, k / 1024, n, u + s }'
}

# file of "wall mem statements cpu ..." lines: prints the median of each column.
medians() {
  local f=$1 c out=()
  for c in 1 2 3 4; do out+=("$(cut -d' ' -f"$c" "$f" | median)"); done
  echo "${out[*]}"
}

# tool port db label check-args...: RUNS runs; prints medians "wall_s peak_MB statements cpu_s".
bench_check() {
  local tool=$1 p=$2 db=$3 label=$4 run; shift 4
  : >"$work/runs-$label"
  for run in $(seq 1 "$RUNS"); do bench_check_once "$tool" "$p" "$db" "$label" "$@" >>"$work/runs-$label"; done
  medians "$work/runs-$label"
}

# n command...: runs it n times; prints "median_wall_ms median_cpu_ms" (wall from bash's
# microsecond clock; cpu = user + system from /usr/bin/time, 10 ms resolution).
bench_median_ms() {
  local n=$1 t0 i user sys; shift
  for i in $(seq 1 "$n"); do
    t0=$EPOCHREALTIME
    /usr/bin/time -f "%U %S" -o "$work/time-ms" "$@" >/dev/null 2>&1 || true
    read -r user sys < <(tail -n 1 "$work/time-ms")
    awk -v a="$t0" -v b="$EPOCHREALTIME" -v u="$user" -v s="$sys" 'BEGIN { printf "%.0f %.0f\n", (b - a) * 1000, (u + s) * 1000 }'
  done >"$work/ms"
  echo "$(cut -d' ' -f1 "$work/ms" | median) $(cut -d' ' -f2 "$work/ms" | median)"
}

# db schemas [query file]: the server's time for one table-privilege statement alone, as the Cargo
# user. Prints "explain_analyze_ms psql_timing_ms" (medians of RUNS). The SQL is a file the tool
# embeds (default table-privileges-by-name.sql, the set-based name form
# has_table_privilege(user, 'schema.table', ...)), with its @user parameter and {schemas} list
# written as literals.
bench_table_query_ms() {
  local db=$1 schemas=$2 file=${3:-table-privileges-by-name.sql} list sql i
  list=$(seq 1 "$schemas" | sed "s/.*/'s&'/" | paste -sd, -)
  sql=$(sed -e "s/@user/'cargo_user'/g" -e "s/{schemas}/$list/" "$repo/src/Cargo.Doctor/Sources/Warehouse/Queries/$file")
  for i in $(seq 1 "$RUNS"); do
    printf 'EXPLAIN (ANALYZE, TIMING OFF) %s;\n' "$(grep -v '^--' <<<"$sql")" | psql_cargo -d "$db" -At | sed -n 's/^Execution Time: \([0-9.]*\) ms$/\1/p'
  done | median >"$work/explain.ms"
  for i in $(seq 1 "$RUNS"); do
    printf '\\timing on\n\\o /dev/null\n%s;\n' "$sql" | psql_cargo -d "$db" | sed -n 's/^Time: \([0-9.]*\) ms.*$/\1/p'
  done | median >"$work/psql.ms"
  echo "$(cat "$work/explain.ms") $(cat "$work/psql.ms")"
}
