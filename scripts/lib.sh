# Shared settings for scripts/run.sh, stop.sh, test.sh and gateway-conf.sh. Source it; do not run it.
# Everything the suite starts lives under $RUN_DIR (.run/ in the checkout): <name>.pid, <name>.log.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"

GATEWAY_PORT=8080
OIDC_PORT=8090
SMTP_PORT=2525
MAIL_API_PORT=2580
SMS_PORT=2590
POPULATION_PORT=2591   # population register (Folkeregisteret) stand-in, local-edge
TRACE_PORT=4318        # OpenTelemetry collector stand-in (OTLP/HTTP), local-edge: the services' spans

# name:port:database — the five services (ports as in each service's application.properties).
SERVICES=(
  "patron-service:8081:patron"
  "membership-service:8082:membership"
  "auth-service:8083:auth"
  "numberseries-service:8084:numberseries"
  "notification-service:8085:notification"
)

# name:port — web applications without a database of their own: the citizens' site bibliotekkortet.no
# (selfservice-web, docs/selfservice-web.md), served by the gateway at / and calling the API through it.
WEB_APPS=(
  "selfservice-web:8086"
)

# Everything run.sh starts, in start order; stop.sh stops them in reverse order.
COMPONENTS=(mock-oauth2 greenmail sms-stub population-register trace-collector patron-service membership-service auth-service numberseries-service notification-service selfservice-web nginx)

DB_HOST="${DB_HOST:-127.0.0.1}"
DB_PORT="${DB_PORT:-5432}"
DB_USER="${DB_USER:-postgres}"
# Appended to every database name: scripts/test.sh runs the suite on its own fresh databases (<db>_systest)
# so that system tests neither see a developer's data nor trip over migrations applied from a work tree.
DB_SUFFIX="${RUN_DB_SUFFIX:-}"

log() { printf '[%s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf 'ERROR: %s\n' "$*" >&2; exit 1; }

service_port() { local s; for s in "${SERVICES[@]}" "${WEB_APPS[@]}"; do [[ "${s%%:*}" == "$1" ]] && { s="${s#*:}"; echo "${s%%:*}"; return; }; done; return 1; }

# pid of a component started by run.sh when it is still alive and is really ours (its command line names
# this checkout), else nothing. Guards against a pid that the system has since reused for something else.
live_pid() {
  local name="$1" file="$RUN_DIR/$1.pid" pid
  [[ -f "$file" ]] || return 1
  pid="$( { tr -dc "0-9" < "$file"; } 2> /dev/null )"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -qF "$ROOT" || return 1
  echo "$pid"
}

# --- Benchmarks on a loaded patron database (scripts/memory-benchmark.sh, scripts/bench.sh) -----------------------
# The patrons are loaded with patron-service's test-profile identity keys (public, test-only: its application.properties),
# so the suite must read them with the same keys.
BENCH_IDENTITY_KEYS=(_DEV_REGISTER_IDENTITY_KEY_ID=test-1 _DEV_REGISTER_IDENTITY_KEY=dGVzdC1vbmx5LWtleS10ZXN0LW9ubHkta2V5LTMyYnk=
  _DEV_REGISTER_IDENTITY_HASH_KEY=dGVzdC1vbmx5LWhhc2gta2V5LXRlc3Qtb25seS1oYXM=)

# bench_load_patrons N SUFFIX : loads N synthetic patrons with COPY into patron<SUFFIX> (patron-service's
# PatronLookupBenchmark with a one-second lookup run; cards N900000000.., identity numbers enumerated from 1940-01-01)
# and drops the other services' <db><SUFFIX> databases: the load emptied the patron tables, so they start empty too.
bench_load_patrons() {
  local patrons="$1" suffix="$2" s name db
  ./mvnw -B -ntp -q -pl patron-service test -Dtest=PatronLookupBenchmark -Dgroups=benchmark -Dpatron.excludedGroups=none \
    -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.patrons="$patrons" -Dbenchmark.rate=50 -Dbenchmark.seconds=1 \
    -Dbenchmark.warmup=0 | grep BENCHMARK
  for s in "${SERVICES[@]}"; do
    IFS=: read -r name _ db <<< "$s"
    [[ "$name" == patron-service ]] && continue
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "DROP DATABASE IF EXISTS \"$db$suffix\" WITH (FORCE)" > /dev/null
  done
}

# bench_patron_count SUFFIX : the number of patrons in patron<SUFFIX>, or nothing when it does not exist.
bench_patron_count() {
  psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d "patron$1" -tAc "select count(*) from patron" 2> /dev/null || true
}
