#!/usr/bin/env bash
# Builds and starts the whole register locally: databases, mock OAuth2 server (ID-porten + Maskinporten), SMTP
# sink, SMS provider stub, population register stand-in, an OpenTelemetry collector stand-in, the five services and the nginx gateway; waits until
# everything is ready and prints the gateway URL and a ready-to-paste call. docs/running.md describes it; scripts/stop.sh stops it.
#
# Usage: scripts/run.sh [--no-build] [--restart] [--fresh-databases]
#   --no-build         reuse the built artifacts when they exist (also: env RUN_NO_BUILD=1); builds when missing
#   --restart          stop a running suite first, then start again
#   --fresh-databases  drop and recreate the suite's databases first (all their data is lost)
# Env: RUN_TIMEOUT (seconds to wait for readiness, default 180), DB_HOST/DB_PORT/DB_USER (PostgreSQL,
#      default 127.0.0.1:5432 postgres, trust auth), RUN_DB_SUFFIX (appended to each database name),
#      JAVA (java binary, default java on PATH).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

no_build="${RUN_NO_BUILD:-0}"
restart=0
fresh_db=0
for arg in "$@"; do
  case "$arg" in
    --no-build) no_build=1 ;;
    --restart) restart=1 ;;
    --fresh-databases) fresh_db=1 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (see --help)" ;;
  esac
done
JAVA="${JAVA:-java}"
timeout_s="${RUN_TIMEOUT:-180}"

print_usage_hint() {
  cat <<EOT

The register is running behind the gateway at http://localhost:$GATEWAY_PORT
The citizens' site bibliotekkortet.no: http://localhost:$GATEWAY_PORT/  (log in through the local ID-porten's
login page: any synthetic identity number as user, claims {"pid": "<the same number>"})
(logs and pid files in $RUN_DIR; stop everything with: scripts/stop.sh)

Get a Maskinporten token for Deichman's library system and list its card-number series:

TOKEN=\$(curl -s http://localhost:$OIDC_PORT/maskinporten/token -d grant_type=client_credentials -d client_id=library-system-2030000 -d client_secret=local-only -d scope=bibliotekkortet:series -d resource=https://api.bibliotekkortet.no | sed -n -E 's/.*"access_token" *: *"([^"]+)".*/\1/p')
curl -i http://localhost:$GATEWAY_PORT/api/v1/number-series -H "Authorization: Bearer \$TOKEN" -H 'Library-Number: 2030000'

EOT
}

# --- Already running? ---------------------------------------------------------------------------------
running=(); for c in "${COMPONENTS[@]}"; do live_pid "$c" > /dev/null && running+=("$c"); done
if (( ${#running[@]} > 0 )); then
  if (( restart == 0 && ${#running[@]} == ${#COMPONENTS[@]} )); then
    log "The suite is already running (all ${#COMPONENTS[@]} components). Use --restart to restart it."
    print_usage_hint
    exit 0
  fi
  log "Stopping the running (or partly running) suite first: ${running[*]}"
  "$ROOT/scripts/stop.sh"
fi

# --- Ports must be free ------------------------------------------------------------------------------------
ports=("$GATEWAY_PORT" "$OIDC_PORT" "$SMTP_PORT" "$MAIL_API_PORT" "$SMS_PORT" "$POPULATION_PORT" "$TRACE_PORT")
for s in "${SERVICES[@]}" "${WEB_APPS[@]}"; do IFS=: read -r _ port _ <<< "$s"; ports+=("$port"); done
for port in "${ports[@]}"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2> /dev/null; then
    die "port $port is already in use by another program; free it first ($(command -v ss > /dev/null && ss -ltnpH "sport = :$port" 2> /dev/null | head -1))"
  fi
done

# --- nginx (Debian package) ---------------------------------------------------------------------------
NGINX="$(command -v nginx || true)"; [[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
if [[ -z "$NGINX" ]]; then
  log "Installing nginx with apt-get (Debian package 'nginx')"
  SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get update -qq > /dev/null
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx > /dev/null
  # The package may start the distribution's own nginx on port 80; this suite runs its own instance.
  if [[ -f /run/nginx.pid ]]; then $SUDO /usr/sbin/nginx -s stop 2> /dev/null || true; fi
  NGINX=/usr/sbin/nginx
fi

# --- Build once -----------------------------------------------------------------------------------------
artifacts=(mock-oauth2/target/lib local-edge/target/lib/greenmail-standalone.jar api-contract/target/contract/openapi.json)
for s in "${SERVICES[@]}" "${WEB_APPS[@]}"; do artifacts+=("${s%%:*}/target/quarkus-app/quarkus-run.jar"); done
missing=0; for a in "${artifacts[@]}"; do [[ -e "$a" ]] || missing=1; done
ls local-edge/target/local-edge-*.jar local-edge/target/lib/jackson-databind-*.jar local-edge/target/lib/opentelemetry-proto-*.jar > /dev/null 2>&1 || missing=1
if [[ "$no_build" == 1 && $missing == 0 ]]; then
  log "Reusing the built artifacts (--no-build)"
else
  [[ "$no_build" == 1 ]] && log "Some artifacts are missing: building anyway"
  log "Building the project (./mvnw -B -q install -DskipTests)"
  ./mvnw -B -q install -DskipTests
fi
EDGE_JAR="$(ls "$ROOT"/local-edge/target/local-edge-*.jar | grep -v -e sources -e tests | head -1)"
# The population register stand-in needs Jackson, the trace collector stand-in also protobuf (not GreenMail's jar,
# which is also in target/lib).
EDGE_CP="$EDGE_JAR$(printf ':%s' "$ROOT"/local-edge/target/lib/jackson-*.jar "$ROOT"/local-edge/target/lib/protobuf-java-*.jar "$ROOT"/local-edge/target/lib/opentelemetry-proto-*.jar)"

# --- Databases -------------------------------------------------------------------------------------------
command -v psql > /dev/null || die "psql not found: install PostgreSQL's client (apt-get install postgresql-client)"
for s in "${SERVICES[@]}"; do
  IFS=: read -r _ _ db <<< "$s"
  db="$db$DB_SUFFIX"
  if (( fresh_db )); then
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" > /dev/null \
      || die "cannot drop database $db on $DB_HOST:$DB_PORT as $DB_USER"
  fi
  if ! psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'" 2> /dev/null | grep -q 1; then
    psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -qc "CREATE DATABASE \"$db\"" > /dev/null \
      || die "cannot create database $db on $DB_HOST:$DB_PORT as $DB_USER (is PostgreSQL running with trust auth?)"
    log "Created database $db"
  fi
done

# --- Start everything -------------------------------------------------------------------------------------
mkdir -p "$RUN_DIR"
# Whatever goes wrong from here on, do not leave half a suite running.
trap 'rc=$?; if (( rc != 0 )); then echo "run.sh failed (exit $rc): stopping what it started" >&2; "$ROOT/scripts/stop.sh" > /dev/null 2>&1; fi' EXIT

# start NAME COMMAND... : runs COMMAND in the background with its output in .run/NAME.log, pid in .run/NAME.pid.
start() {
  local name="$1"; shift
  nohup "$@" > "$RUN_DIR/$name.log" 2>&1 < /dev/null &
  echo $! > "$RUN_DIR/$name.pid"
}

failed() {
  local name="$1" why="$2"
  echo >&2
  echo "ERROR: $name $why. Last lines of $RUN_DIR/$name.log:" >&2
  tail -n 40 "$RUN_DIR/$name.log" 2> /dev/null | sed 's/^/  | /' >&2 || true
  echo >&2
  echo "Stopping what was started (logs are kept in $RUN_DIR)." >&2
  "$ROOT/scripts/stop.sh" > /dev/null 2>&1 || true
  exit 1
}

# await NAME URL : waits until URL answers 2xx, or the process exits, or the timeout passes.
await() {
  local name="$1" url="$2" deadline=$(( SECONDS + timeout_s ))
  while (( SECONDS < deadline )); do
    live_pid "$name" > /dev/null || failed "$name" "exited before it was ready"
    if curl -fsS -o /dev/null --max-time 2 "$url" 2> /dev/null; then return 0; fi
    sleep 0.5
  done
  failed "$name" "was not ready within ${timeout_s}s ($url)"
}

log "Starting the mock OAuth2 server on $OIDC_PORT, SMTP sink on $SMTP_PORT (API $MAIL_API_PORT), SMS stub on $SMS_PORT, population register stand-in on $POPULATION_PORT, trace collector stand-in on $TRACE_PORT"
(export SERVER_PORT=$OIDC_PORT JSON_CONFIG_PATH="$ROOT/config/mock-oauth2.json"
  start mock-oauth2 "$JAVA" -Xmx192m -cp "$ROOT/mock-oauth2/target/lib/*" no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt)
start greenmail "$JAVA" -Xmx128m -Dgreenmail.smtp.hostname=127.0.0.1 \
  -Dgreenmail.smtp.port=$SMTP_PORT -Dgreenmail.api.hostname=127.0.0.1 -Dgreenmail.api.port=$MAIL_API_PORT \
  -Dgreenmail.auth.disabled -jar "$ROOT/local-edge/target/lib/greenmail-standalone.jar"
start sms-stub "$JAVA" -Xmx32m -jar "$EDGE_JAR" "$SMS_PORT"
# Persons from config/population-register.json; tests add more and append events through its /test endpoints.
start population-register "$JAVA" -Xmx64m -cp "$EDGE_CP" no.nb.bibliotekkortet.localedge.PopulationRegisterStub \
  "$POPULATION_PORT" "$ROOT/config/population-register.json"
# The services' spans (OTLP/HTTP); the system tests ask it for the spans of a trace (docs/observability.md, "Traces").
start trace-collector "$JAVA" -Xmx96m -cp "$EDGE_CP" no.nb.bibliotekkortet.localedge.TraceCollectorStub "$TRACE_PORT"
await mock-oauth2 "http://localhost:$OIDC_PORT/maskinporten/.well-known/openid-configuration"

service_urls=()
for s in "${SERVICES[@]}"; do
  IFS=: read -r name port _ <<< "$s"
  env_name="REGISTER_SERVICES_$(tr 'a-z-' 'A-Z_' <<< "$name")_URL"
  service_urls+=("$env_name=http://localhost:$port")
done
for s in "${SERVICES[@]}"; do
  IFS=: read -r name port db <<< "$s"
  db="$db$DB_SUFFIX"
  log "Starting $name on $port (database $db)"
  (
    export "${service_urls[@]}"
    # Profile dev: the services' fixed, public local-only keys (%dev.*) and synthetic identities; plain logs.
    export QUARKUS_PROFILE=dev QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
    export OIDC_BASE_URL="http://localhost:$OIDC_PORT" CLIENT_REGISTRY_FILE="$ROOT/config/clients.json"
    # The client registry is membership-service's table (seeded from config/clients.json); the other services
    # read it through its internal API with a 30 s cache (docs/security.md).
    export CLIENT_REGISTRY_SOURCE=membership
    export DB_URL="jdbc:postgresql://$DB_HOST:$DB_PORT/$db" DB_USER="$DB_USER" DB_PASSWORD="${DB_PASSWORD:-}"
    export SMTP_HOST=127.0.0.1 SMTP_PORT="$SMTP_PORT" SMS_PROVIDER_URL="http://127.0.0.1:$SMS_PORT"
    # As in the images (docker/Dockerfile.jvm): two glibc malloc arenas bound native memory (README, "Memory").
    export MALLOC_ARENA_MAX=2
    export POPULATION_REGISTER_URL="http://127.0.0.1:$POPULATION_PORT"
    export OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$TRACE_PORT"
    start "$name" "$JAVA" -Xmx256m -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  )
done

for s in "${WEB_APPS[@]}"; do
  IFS=: read -r name port <<< "$s"
  log "Starting $name on $port"
  (
    # Profile dev: fixed, public local-only secrets (session encryption, CSRF signing, OIDC client secret).
    export QUARKUS_PROFILE=dev QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_LOG_CONSOLE_JSON_ENABLED=false
    export OIDC_BASE_URL="http://localhost:$OIDC_PORT" API_URL="http://localhost:$GATEWAY_PORT" MALLOC_ARENA_MAX=2
    start "$name" "$JAVA" -Xmx128m -jar "$ROOT/$name/target/quarkus-app/quarkus-run.jar"
  )
done

log "Starting the gateway (nginx) on $GATEWAY_PORT"
mkdir -p "$RUN_DIR/nginx"
"$ROOT/scripts/gateway-conf.sh" "$RUN_DIR/nginx/nginx.conf" "$RUN_DIR/nginx"
"$NGINX" -t -q -p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/error.log" -c "$RUN_DIR/nginx/nginx.conf" > "$RUN_DIR/nginx.log" 2>&1 \
  || failed nginx "rejected its generated configuration"
"$NGINX" -p "$RUN_DIR/nginx" -e "$RUN_DIR/nginx/error.log" -c "$RUN_DIR/nginx/nginx.conf" >> "$RUN_DIR/nginx.log" 2>&1 \
  || failed nginx "did not start"
# nginx daemonizes and writes .run/nginx.pid itself; wait for it.
for _ in $(seq 50); do [[ -s "$RUN_DIR/nginx.pid" ]] && break; sleep 0.1; done

await greenmail "http://127.0.0.1:$MAIL_API_PORT/api/service/readiness"
await sms-stub "http://127.0.0.1:$SMS_PORT/health"
await population-register "http://127.0.0.1:$POPULATION_PORT/health"
await trace-collector "http://127.0.0.1:$TRACE_PORT/health"
for s in "${SERVICES[@]}"; do
  IFS=: read -r name port _ <<< "$s"
  await "$name" "http://127.0.0.1:$port/q/health/ready"
done
for s in "${WEB_APPS[@]}"; do
  IFS=: read -r name port <<< "$s"
  await "$name" "http://127.0.0.1:$port/q/health/ready"
done
live_pid nginx > /dev/null || failed nginx "is not running"
code="$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$GATEWAY_PORT/q/health" || true)"
[[ "$code" == 404 ]] || failed nginx "answered $code instead of 404 for /q/health"

log "All ${#COMPONENTS[@]} components are ready"
print_usage_hint
