#!/usr/bin/env bash
# Runs every test (the README's test command; .ci/run calls it):
#   1. builds once and runs every module's own tests (./mvnw -B install over the reactor); this includes
#      system-tests' offline checks: gateway routes (routes.tsv = generated nginx = HTTPRoutes) and the
#      kustomize tree (each overlay builds, every object parses, committed base = generated manifests);
#   2. starts the suite with scripts/run.sh --no-build (reusing step 1's artifacts) on its own fresh
#      databases (<db>_systest, dropped and recreated each time), and a local Prometheus that scrapes it with
#      the deployed alert rules (scripts/prometheus.sh start; promtool's checks run in step 1);
#   3. runs system-tests' scenario tests (@RunningSuite) through the gateway with real tokens;
#   4. always stops the suite (trap), and exits non-zero on any failure.
# Env: SKIP_MODULE_TESTS=1 builds without the modules' own tests (-DskipTests) in step 1 (for quick
#      iteration on system tests only; never in CI).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
started_at=$SECONDS

command -v psql > /dev/null || die "psql not found (PostgreSQL client): apt-get install postgresql-client"
if ! command -v kubectl > /dev/null; then
  log "kubectl not found: trying apt-get install kubectl (needed offline for 'kubectl kustomize')"
  SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq kubectl; } > /dev/null 2>&1 || true
  command -v kubectl > /dev/null || die "kubectl (with kustomize v5) is needed by KubernetesManifestsTest"
fi

# The citizens' site is tested in a real browser (system-tests' SelfServiceSiteTest): Debian's chromium and
# its WebDriver, chromium-driver (nothing is downloaded at test time).
if [[ ! -x /usr/bin/chromium || ! -x /usr/bin/chromedriver ]]; then
  log "chromium/chromedriver not found: apt-get install chromium chromium-driver (browser tests of the site)"
  SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver; } > /dev/null 2>&1 || true
  [[ -x /usr/bin/chromium && -x /usr/bin/chromedriver ]] || die "chromium and chromium-driver are needed by the site's browser tests"
fi
if ! command -v npm > /dev/null; then
  log "npm not found: apt-get install nodejs npm (the site's Designsystemet assets and axe-core come from npm)"
  SUDO=""; [[ $EUID -ne 0 ]] && SUDO="sudo"
  { $SUDO apt-get update -qq && $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm; } > /dev/null 2>&1 || true
  command -v npm > /dev/null || die "npm (Node.js) is needed by the build of selfservice-web and system-tests"
fi

# The suite's scenario tests must not run in step 1, whatever the caller's environment says.
unset GATEWAY_URL

# The modules' tests use <db>_test databases on the local PostgreSQL. CI runs on a machine that may hold
# them from earlier runs, with other data or an older schema: start every run from empty ones.
log "Dropping the modules' test databases (they are recreated by the tests)"
for s in "${SERVICES[@]}"; do
  IFS=: read -r _ _ db <<< "$s"
  psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -q -v ON_ERROR_STOP=1 \
    -c "drop database if exists ${db}_test${TEST_DB_SUFFIX:-} with (force)" > /dev/null
done

log "Step 1/3: build and the modules' own tests (./mvnw -B install)"
skip=(); [[ "${SKIP_MODULE_TESTS:-0}" == 1 ]] && skip=(-DskipTests)
./mvnw -B -ntp install "${skip[@]}"

log "Step 2/3: start the suite on fresh databases (scripts/run.sh --no-build --fresh-databases)"
trap '"$ROOT/scripts/stop.sh"' EXIT
# Short retry and refresh intervals, so that the fault drill and the dashboard check take seconds (docs/observability.md).
NOTIFICATION_DELIVERY_BACKOFF_INITIAL=1s NOTIFICATION_DELIVERY_BACKOFF_MAX=4s REGISTER_NUMBERSERIES_METRICS_REFRESH=1s \
  RUN_DB_SUFFIX=_systest "$ROOT/scripts/run.sh" --no-build --restart --fresh-databases
"$ROOT/scripts/prometheus.sh" start  # scrapes the suite with k8s/components/monitoring's rules (ObservabilityQueriesTest)

log "Step 3/3: system tests against the running suite"
GATEWAY_URL="http://localhost:$GATEWAY_PORT" OIDC_URL="http://localhost:$OIDC_PORT" \
  SMS_STUB_URL="http://127.0.0.1:$SMS_PORT" MAIL_API_URL="http://127.0.0.1:$MAIL_API_PORT" SUITE_DB_SUFFIX=_systest \
  POPULATION_REGISTER_URL="http://127.0.0.1:$POPULATION_PORT" TRACE_COLLECTOR_URL="http://127.0.0.1:$TRACE_PORT" \
  PROMETHEUS_URL="http://127.0.0.1:${PROMETHEUS_PORT:-9090}" \
  ./mvnw -B -ntp -pl system-tests test -Dgroups=suite -Dsurefire.failIfNoSpecifiedTests=false

log "All tests passed in $(( (SECONDS - started_at) / 60 )) min $(( (SECONDS - started_at) % 60 )) s"
