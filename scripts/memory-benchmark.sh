#!/usr/bin/env bash
# Memory benchmark (issue 17; README, "Memory"): RSS of every service of the running suite idle, after registrations,
# after partner verifications and after card-number lookups over a patron database of PATRONS patrons. A benchmark:
# never part of scripts/test.sh. It starts (and stops) the suite on the fixed ports, so nothing else may run the suite
# meanwhile.
#   1. loads PATRONS synthetic patrons (default 1 000 000) with COPY into patron_bench<TEST_DB_SUFFIX> (patron-service's
#      PatronLookupBenchmark with a one-second lookup run; its test profile's public, test-only identity keys);
#      skipped with --no-load when that database already holds them;
#   2. starts the suite (scripts/run.sh --no-build) on that patron database and <db>_bench<TEST_DB_SUFFIX> databases for
#      the other services (fresh after a load, kept with --no-load), patron-service reading the same test-only keys;
#   3. runs system-tests' MemoryBenchmark: RSS idle, after 20 registrations, after VERIFICATIONS partner verifications
#      (default 10 000) and after LOOKUPS card-number lookups (default 30 000), THREADS clients (default 16), all through
#      the gateway; figures on stdout and in system-tests/target/memory-benchmark.txt;
#   4. stops the suite.
# Usage: scripts/memory-benchmark.sh [--no-load]   Env: PATRONS, VERIFICATIONS, LOOKUPS, THREADS, TEST_DB_SUFFIX.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

load=1; [[ "${1:-}" == "--no-load" ]] && load=0
suffix="_bench${TEST_DB_SUFFIX:-}"
patrons="${PATRONS:-1000000}"

if (( load )); then
  log "Step 1/3: loading $patrons patrons into patron$suffix (PatronLookupBenchmark, COPY)"
  # The other services' databases are dropped: with --no-load all are kept, so that numberseries-service goes on above
  # the card numbers an earlier run registered.
  bench_load_patrons "$patrons" "$suffix"
fi

log "Step 2/3: the suite on patron$suffix"
trap '"$ROOT/scripts/stop.sh"' EXIT
export "${BENCH_IDENTITY_KEYS[@]}"
RUN_DB_SUFFIX="$suffix" "$ROOT/scripts/run.sh" --no-build --restart
sleep 20  # start-up work (OIDC discovery, first outbox polls and metric refreshes) settles before the idle figure

log "Step 3/3: MemoryBenchmark (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
./mvnw -B -ntp -q -pl system-tests test -Dtest=MemoryBenchmark -Dbenchmark.memory=true -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbenchmark.verifications="${VERIFICATIONS:-10000}" -Dbenchmark.threads="${THREADS:-16}" -Dbenchmark.lookups="${LOOKUPS:-30000}" \
  -Dbenchmark.minPatrons="$patrons" -Dbenchmark.patronDb="jdbc:postgresql://$DB_HOST:$DB_PORT/patron$suffix"
log "Done (load average: $(cut -d' ' -f1-3 /proc/loadavg)); figures in system-tests/target/memory-benchmark.txt"
