#!/usr/bin/env bash
# The hot-path benchmark (issue 20; README, "Measured figures" > "Benchmarks"). A benchmark: never part of
# scripts/test.sh or .ci/run. It starts (and stops) the suite on the fixed ports, so nothing else may run the suite
# meanwhile (on a shared machine: flock /tmp/bk-suite.lock scripts/bench.sh).
#   1. loads PATRONS synthetic patrons (default 1 000 000) with COPY into patron_bench<TEST_DB_SUFFIX> (as
#      scripts/memory-benchmark.sh does); skipped with --no-load when that database already holds them;
#   2. initialises the reference's scratch database bench_pgbench<TEST_DB_SUFFIX> (pgbench -i -s 10: 1 000 000 accounts)
#      unless it is there already;
#   3. turns PostgreSQL's autovacuum on for the run when the server has it off (as this machine's CI configuration does:
#      conf.d/90-ci.conf), and back off at the end: without it no table is ever analysed, and the services' prepared
#      statements keep the plans made while their tables were empty (the digital allocation's request update scanned
#      card_number_request whole once per batch, and fell from 1 900/s to 940/s as the table grew);
#      starts the suite (scripts/run.sh --no-build) on the loaded databases, the age-check daily limit lifted and the
#      pairwise subjects valid for 12 h (the benchmark asks about the same 20 patrons all the time);
#   4. footprint: each service in turn stopped and started alone with run.sh's own command line (and once more per
#      BENCH_FOOTPRINT_VARIANTS option set): ms from process start to /q/health/ready UP, Quarkus' "started in", and
#      VmRSS BENCH_IDLE_SECONDS after ready;
#   5. runs system-tests' bench.HotPathBenchmark: every path against its PostgreSQL reference in alternating rounds;
#   6. stops the suite (also on failure or Ctrl-C) and prints the table; results in target/bench/bench-<UTC time>.txt
#      and .json (for comparing runs).
# Usage: scripts/bench.sh [--no-load]
# Env (knobs):
#   BENCH_QUICK=1            quick run (≤ 15 min with loading): 8 s rounds, 4 s warm-up, 10 000 allocations, no
#                            footprint variants; each knob below still wins
#   BENCH_ROUND_SECONDS      seconds per side per round (default 20)
#   BENCH_WARMUP_SECONDS     unmeasured warm-up of each path in chunks of this many seconds (default 10) until two
#                            chunks in a row gain no more than 5 % over the best before (the JIT has done its work)
#   BENCH_MAX_WARMUP_SECONDS at most this much warm-up per path (default 180)
#   BENCH_ROUNDS             rounds of A B per path (default 3)
#   BENCH_PATHS              comma list of lookup,search,agecheck,allocation,orders,verification,footprint (default all)
#   BENCH_ALLOCATIONS        digital allocations in all for the duplicate count (default 100000)
#   BENCH_FOOTPRINT_VARIANTS '|'-separated JVM option sets to try beside run.sh's (default "-XX:+UseSerialGC";
#                            empty: none)
#   BENCH_IDLE_SECONDS       seconds after ready before the idle RSS is read (default 5)
#   BENCH_QUIET              yes/no: whether the machine was otherwise idle (default: "no" when the 1-minute load
#                            average at the start is 0.5 or more, else "yes")
#   PATRONS, TEST_DB_SUFFIX, DB_HOST, DB_PORT, DB_USER as for scripts/memory-benchmark.sh.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

load=1
for arg in "$@"; do
  case "$arg" in
    --no-load) load=0 ;;
    -h|--help) sed -n '2,/^set -euo/{/^#/p}' "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (see --help)" ;;
  esac
done
quick="${BENCH_QUICK:-0}"
if [[ "$quick" == 1 ]]; then q_round=8 q_warm=4 q_alloc=10000 q_variants=""; else q_round=20 q_warm=10 q_alloc=100000 q_variants="-XX:+UseSerialGC"; fi
round="${BENCH_ROUND_SECONDS:-$q_round}"
warmup="${BENCH_WARMUP_SECONDS:-$q_warm}"
max_warmup="${BENCH_MAX_WARMUP_SECONDS:-180}"
rounds="${BENCH_ROUNDS:-3}"
paths="${BENCH_PATHS:-lookup,search,agecheck,allocation,orders,verification,footprint}"
allocations="${BENCH_ALLOCATIONS:-$q_alloc}"
variants="${BENCH_FOOTPRINT_VARIANTS-$q_variants}"
idle="${BENCH_IDLE_SECONDS:-5}"
patrons="${PATRONS:-1000000}"
suffix="_bench${TEST_DB_SUFFIX:-}"
scratch="bench_pgbench${TEST_DB_SUFFIX:-}"
stamp="$(date -u +%Y-%m-%dT%H%M%SZ)"
out_dir="$ROOT/target/bench"
mkdir -p "$out_dir"
footprint_file="$out_dir/footprint-$stamp.tsv"
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
if [[ -n "${BENCH_QUIET:-}" ]]; then quiet="$BENCH_QUIET"
elif awk -v l="${load_start%% *}" 'BEGIN { exit !(l >= 0.5) }'; then quiet="no (busy: load average $load_start at the start)"
else quiet="yes"; fi
started=$SECONDS
log "Hot-path benchmark: rounds $rounds x ${round}s, warm-up ${warmup}s, paths $paths; load average $load_start"

# --- Prerequisites ----------------------------------------------------------------------------------------------------
# psql_admin SQL : one statement on the server's postgres database, unaligned output
psql_admin() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAqc "$1"; }
command -v psql > /dev/null || die "psql not found (PostgreSQL client): apt-get install postgresql-client"
pgbench_bin="$(command -v pgbench || true)"
[[ -z "$pgbench_bin" ]] && pgbench_bin="$(ls /usr/lib/postgresql/*/bin/pgbench 2> /dev/null | tail -1 || true)"
if [[ -z "$pgbench_bin" ]]; then
  # Debian ships pgbench with the server package of a PostgreSQL major version (postgresql-15: /usr/lib/postgresql/15/bin).
  major="$(psql_admin "show server_version_num" | cut -c1-2)"
  log "pgbench not found: trying apt-get install postgresql-client-$major postgresql-$major (pgbench is in the latter)"
  SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "postgresql-client-$major" \
      "postgresql-$major"; } > /dev/null 2>&1 || true
  pgbench_bin="$(command -v pgbench || ls /usr/lib/postgresql/*/bin/pgbench 2> /dev/null | tail -1 || true)"
  [[ -n "$pgbench_bin" ]] || die "pgbench is needed for the PostgreSQL reference: install it (Debian: postgresql-$major)"
fi
"$pgbench_bin" --version > /dev/null || die "$pgbench_bin does not run"

# --- 1. The data set --------------------------------------------------------------------------------------------------
if (( load )); then
  log "Step 1/5: loading $patrons patrons into patron$suffix (PatronLookupBenchmark, COPY; about 3.5 min here)"
  bench_load_patrons "$patrons" "$suffix"
fi
if (( patrons > 0 )); then  # PATRONS=0: no data set (only the paths that need none: BENCH_PATHS without lookup, search)
  count="$(bench_patron_count "$suffix")"
  [[ -n "$count" ]] || die "database patron$suffix does not exist: run scripts/bench.sh without --no-load to load it"
  (( count >= patrons )) || die "patron$suffix holds $count patrons, fewer than PATRONS=$patrons: run without --no-load"
  log "patron$suffix holds $count patrons"
fi

# --- 2. The reference's scratch database ------------------------------------------------------------------------------
accounts="$(psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "$scratch" -tAc "select count(*) from pgbench_accounts" 2> /dev/null || true)"
if [[ "$accounts" != 1000000 ]]; then
  log "Step 2/5: pgbench -i -s 10 into scratch database $scratch"
  psql_admin "DROP DATABASE IF EXISTS \"$scratch\" WITH (FORCE)" > /dev/null
  psql_admin "CREATE DATABASE \"$scratch\"" > /dev/null
  "$pgbench_bin" -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -i -q -s 10 "$scratch" > /dev/null 2>&1 \
    || die "pgbench -i failed on $scratch"
fi

# --- 3. The suite -----------------------------------------------------------------------------------------------------
autovacuum_restore=""
if [[ "$(psql_admin "show autovacuum")" == off ]]; then
  # A production server analyses growing tables (autovacuum), which also makes prepared statements plan again.
  psql_admin "alter system set autovacuum = on" > /dev/null && psql_admin "select pg_reload_conf()" > /dev/null \
    || die "autovacuum is off and could not be turned on for the run (ALTER SYSTEM needs a superuser)"
  autovacuum_restore="alter system reset autovacuum"
  autovacuum_state="on for the run (the server's own setting is off)"
  log "PostgreSQL's autovacuum is off on this server: on for the run, reset at the end"
else
  autovacuum_state="on"
fi
restore_autovacuum() {
  [[ -n "$autovacuum_restore" ]] && psql_admin "$autovacuum_restore" > /dev/null && psql_admin "select pg_reload_conf()" > /dev/null
  autovacuum_restore=""
}
trap '"$ROOT/scripts/stop.sh" > /dev/null; restore_autovacuum' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM  # so that the EXIT trap stops the suite also when the run is interrupted
export "${BENCH_IDENTITY_KEYS[@]}"
# The benchmark asks about 20 patrons all the time: no daily age-check limit, pairwise subjects valid for the whole run.
export AUTH_AGE_CHECK_MAX_PER_DAY=1000000000 AUTH_PAIRWISE_AGE_CHECK_VALIDITY=PT12H
# A busy machine must not fail the start: more time for the suite to become ready.
export RUN_TIMEOUT="${RUN_TIMEOUT:-600}"
log "Step 3/5: the suite on patron$suffix"
# The services' OIDC clients reach the mock server while they start, within 10 s by default: too short on a busy machine.
# A system property (JAVA_TOOL_OPTIONS), not an environment variable: QUARKUS_OIDC_CLIENT_* would read as an OIDC tenant.
JAVA_TOOL_OPTIONS="${JAVA_TOOL_OPTIONS:-} -Dquarkus.oidc-client.connection-timeout=60S" RUN_DB_SUFFIX="$suffix" \
  "$ROOT/scripts/run.sh" --no-build --restart > /dev/null

# --- 4. Footprint -----------------------------------------------------------------------------------------------------
# start_alone NAME OPTIONS : stops NAME, starts it again alone with the command line and environment run.sh gave it
# (orig_cmd, orig_env: read from /proc before the first restart) plus OPTIONS after the java binary, and appends a line
# to the footprint file.
start_alone() {
  local name="$1" options="$2" pid port t0 t1 new rss started_in deadline
  pid="$(live_pid "$name")" || die "$name is not running"
  port="$(service_port "$name")"
  kill -TERM "$pid"
  deadline=$(( SECONDS + 30 ))
  # live_pid, not /proc/<pid>: a variant this script started stays a zombie (its child) until the script ends
  while live_pid "$name" > /dev/null && (( SECONDS < deadline )); do sleep 0.1; done
  if live_pid "$name" > /dev/null; then kill -KILL "$pid"; sleep 1; fi
  t0=$(date +%s%N)
  # shellcheck disable=SC2086 # OPTIONS is a list of JVM options
  nohup env -i "${orig_env[@]}" "${orig_cmd[0]}" $options "${orig_cmd[@]:1}" > "$RUN_DIR/$name.log" 2>&1 < /dev/null &
  new=$!
  echo "$new" > "$RUN_DIR/$name.pid"
  deadline=$(( SECONDS + 180 ))
  until curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$port/q/health/ready" 2> /dev/null; do
    live_pid "$name" > /dev/null || die "$name exited while starting (log: $RUN_DIR/$name.log)"
    (( SECONDS < deadline )) || die "$name was not ready within 180 s"
    sleep 0.05
  done
  t1=$(date +%s%N)
  sleep "$idle"
  rss=$(awk '/^VmRSS:/ { print int($2 / 1024) }' "/proc/$new/status")
  started_in="$(grep -o 'started in [0-9.]*s' "$RUN_DIR/$name.log" | tail -1 | grep -o '[0-9.]*' | head -1 || true)"
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$options" $(( (t1 - t0) / 1000000 )) "${started_in:--}" "$rss" >> "$footprint_file"
  log "  $name ${options:-(as run.sh starts it)}: ready after $(( (t1 - t0) / 1000000 )) ms (Quarkus: ${started_in:--} s), idle RSS $rss MiB"
}
if [[ ",$paths," == *",footprint,"* ]]; then
  log "Step 4/5: footprint, each service started alone (variants: ${variants:-none})"
  for s in "${SERVICES[@]}"; do
    name="${s%%:*}"
    pid="$(live_pid "$name")" || die "$name is not running"
    mapfile -d '' orig_cmd < "/proc/$pid/cmdline"
    mapfile -d '' orig_env < "/proc/$pid/environ"
    if [[ -n "$variants" ]]; then
      IFS='|' read -r -a sets <<< "$variants"
      for v in "${sets[@]}"; do start_alone "$name" "$v"; done
    fi
    start_alone "$name" ""  # last: the suite goes on with run.sh's own command line
  done
fi

# --- 5. The paths -----------------------------------------------------------------------------------------------------
java_paths="$(tr ',' '\n' <<< "$paths" | grep -v '^footprint$' | paste -sd, -)"
log "Step 5/5: HotPathBenchmark (paths ${java_paths:-none}; load average $(cut -d' ' -f1-3 /proc/loadavg))"
./mvnw -B -ntp -q -pl system-tests test -Dtest=HotPathBenchmark -Dbenchmark.hotpaths=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbench.roundSeconds="$round" -Dbench.warmupSeconds="$warmup" -Dbench.maxWarmupSeconds="$max_warmup" -Dbench.rounds="$rounds" -Dbench.paths="$java_paths" \
  -Dbench.allocations="$allocations" -Dbench.patrons="$patrons" -Dbench.pgbench="$pgbench_bin" -Dbench.pgbenchDb="$scratch" \
  -Dbench.out="$out_dir/bench-$stamp" -Dbench.footprint="$footprint_file" -Dbench.loadStart="$load_start" \
  -Dbench.quiet="$quiet" -Dbench.autovacuum="$autovacuum_state" -Dbench.commit="$(git rev-parse --short HEAD 2> /dev/null || echo unknown)" \
  2>&1 | tee "$out_dir/bench-$stamp.log" | grep --line-buffered '^BENCH ' || true
[[ -s "$out_dir/bench-$stamp.json" ]] || die "HotPathBenchmark wrote no results: see target/bench/bench-$stamp.log"

"$ROOT/scripts/stop.sh" > /dev/null
restore_autovacuum
trap - EXIT
echo
cat "$out_dir/bench-$stamp.txt"
log "Done in $(( (SECONDS - started) / 60 )) min $(( (SECONDS - started) % 60 )) s (load average at the end: $(cut -d' ' -f1-3 /proc/loadavg));" \
  "results in target/bench/bench-$stamp.txt and .json"
