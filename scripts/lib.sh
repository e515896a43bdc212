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
