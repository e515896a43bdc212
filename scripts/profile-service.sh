#!/usr/bin/env bash
# Profiles one running service of the suite while something else loads it (issue 20; README, "Benchmarks"): how the
# hot paths were profiled, so that the next person can repeat it. Never part of scripts/test.sh or .ci/run.
#   1. CPU per thread group over the window (/proc/<pid>/task/*: request threads, Vert.x event loops, the JIT's C1/C2
#      compiler threads, GC threads), so that JIT compilation and GC show beside the work itself: JFR's execution
#      samples see only Java code and would miss them;
#   2. a JFR recording (settings=profile) of the same window, summarised with scripts/jfr-top.py (JDK 17 has no
#      `jfr view`); the recording stays in target/profile/ and is never committed.
# Usage: scripts/profile-service.sh NAME [SECONDS]     e.g. while scripts/bench.sh runs: profile-service.sh patron-service 25
#   NAME     a service started by scripts/run.sh (its pid file in .run/)
#   SECONDS  length of the window (default 20)
# Env: THREADS (regular expression passed to jfr-top.py; default: the request threads, 'executor|vert.x')
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

name="${1:-}"; seconds="${2:-20}"
[[ -n "$name" ]] || die "usage: scripts/profile-service.sh NAME [SECONDS] (see --help)"
[[ "$name" == -h || "$name" == --help ]] && { sed -n '2,14p' "$0"; exit 0; }
[[ "$seconds" =~ ^[0-9]+$ ]] || die "SECONDS must be a whole number, not '$seconds'"
pid="$(live_pid "$name")" || die "$name is not running (start the suite with scripts/run.sh)"
command -v jcmd > /dev/null || die "jcmd (JDK) not found on PATH"
out="$ROOT/target/profile"; mkdir -p "$out"
recording="$out/$name-$(date -u +%Y%m%dT%H%M%SZ).jfr"

# thread_ticks : "group ticks" per thread of the process (group: the thread name without its number)
thread_ticks() {
  local t comm stat
  for t in /proc/"$pid"/task/*; do
    comm="$(cat "$t/comm" 2> /dev/null)" || continue
    stat="$(cat "$t/stat" 2> /dev/null)" || continue
    stat="${stat##*) }"
    # shellcheck disable=SC2086 # split the stat fields
    set -- $stat
    printf '%s %s\n' "$(sed -E 's/[-#]?[0-9]+$//; s/ /_/g' <<< "$comm")" $(( ${12} + ${13} ))
  done
}

before="$(thread_ticks)"
jcmd "$pid" JFR.start name=profile-service settings=profile duration="${seconds}s" filename="$recording" > /dev/null
sleep "$seconds"
after="$(thread_ticks)"
sleep 2  # JFR writes the file when the duration has passed

log "$name (pid $pid): CPU per thread group over ${seconds} s (% of one core)"
awk -v s="$seconds" 'NR == FNR { b[$1] += $2; next } { a[$1] += $2 }
  END { for (g in a) { d = a[g] - b[g]; if (d > 0) { printf "  %6.1f %%  %s\n", d / s, g; t += d } }
        printf "  %6.1f %%  (all threads)\n", t / s }' <(echo "$before") <(echo "$after") | sort -rn
echo
log "JFR execution samples of the request threads (recording: ${recording#"$ROOT"/})"
THREADS="${THREADS:-executor|vert.x}" python3 "$ROOT/scripts/jfr-top.py" "$recording" | head -60
