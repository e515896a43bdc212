#!/usr/bin/env bash
# Stops exactly what scripts/run.sh (and scripts/prometheus.sh start) started: the processes named by the pid files in .run/ (and only while
# their command line still names this checkout). No kills by process name. The gateway goes first, then
# everything else at once (SIGTERM, SIGKILL after 20 s). Logs are kept in .run/.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# stop_all NAME... : SIGTERM to each live component, then wait until all are gone.
stop_all() {
  local name pid names=() pids=()
  for name in "$@"; do
    if pid="$(live_pid "$name")"; then
      kill -TERM "$pid" 2> /dev/null || true
      names+=("$name"); pids+=("$pid")
    else
      rm -f "$RUN_DIR/$name.pid"
    fi
  done
  local i deadline=$(( SECONDS + 20 ))
  for i in "${!names[@]}"; do
    while live_pid "${names[$i]}" > /dev/null && (( SECONDS < deadline )); do sleep 0.1; done
    if live_pid "${names[$i]}" > /dev/null; then
      log "${names[$i]} (pid ${pids[$i]}) did not stop within 20 s: killing it"
      kill -KILL "${pids[$i]}" 2> /dev/null || true
    fi
    rm -f "$RUN_DIR/${names[$i]}.pid"
    log "Stopped ${names[$i]} (pid ${pids[$i]})"
  done
  stopped=$(( stopped + ${#names[@]} ))
}

stopped=0
others=(); for c in "${COMPONENTS[@]}"; do [[ "$c" != nginx ]] && others+=("$c"); done
stop_all nginx
stop_all "${others[@]}"
stop_all prometheus  # scripts/prometheus.sh start (scripts/test.sh starts it with the suite)
(( stopped > 0 )) || log "Nothing was running"
exit 0
