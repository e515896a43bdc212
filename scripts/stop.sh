#!/usr/bin/env bash
# Stops exactly what scripts/run.sh started: the processes named by the pid files in .run/ (and only while
# their command line still names this checkout), newest first. No kills by process name. Logs are kept.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

stopped=0
for (( i=${#COMPONENTS[@]}-1; i>=0; i-- )); do
  name="${COMPONENTS[$i]}"
  pid="$(live_pid "$name")" || { rm -f "$RUN_DIR/$name.pid"; continue; }
  kill -TERM "$pid" 2> /dev/null || true
  for _ in $(seq 100); do kill -0 "$pid" 2> /dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2> /dev/null; then
    log "$name (pid $pid) did not stop within 20 s: killing it"
    kill -KILL "$pid" 2> /dev/null || true
  fi
  rm -f "$RUN_DIR/$name.pid"
  log "Stopped $name (pid $pid)"
  stopped=$((stopped + 1))
done
(( stopped > 0 )) || log "Nothing was running"
exit 0
