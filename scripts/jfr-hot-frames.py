#!/usr/bin/env python3
"""Where a JFR recording's CPU samples went (JDK 17's `jfr` has no `view`).

Reads `jfr print --json --stack-depth N --events jdk.ExecutionSample <file>` and prints, for the samples of the
threads whose name matches --threads (a regex; default: Quarkus' worker and event-loop threads) and, optionally,
only those after --after (an ISO time, UTC, e.g. the start of a benchmark phase):
  - the top self frames (where the CPU was), and
  - the top frames of --package (inclusive: a sample counts for every distinct frame of that package on its stack),
as counts and shares of the selected samples.

Usage (numberseries-service, docs/numberseries-service.md "Profiling"):
  ./mvnw -B test -pl numberseries-service -Pbenchmark -Dtest=NumberSeriesBenchmark \
      "-DargLine=-XX:StartFlightRecording=filename=/tmp/ns.jfr,settings=profile"
  scripts/jfr-hot-frames.py /tmp/ns.jfr --package no.nb.bibliotekkortet --after 2026-12-06T11:45:20
"""
import argparse
import collections
import json
import re
import subprocess
import sys


def frame_name(frame):
    method = frame["method"]
    return method["type"]["name"].replace("/", ".") + "." + method["name"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("recording")
    parser.add_argument("--threads", default=r"executor-thread|vert\.x-eventloop", help="thread name regex")
    parser.add_argument("--after", help="only samples at or after this UTC time (ISO, e.g. 2026-12-06T11:45:20)")
    parser.add_argument("--package", default="no.nb.bibliotekkortet", help="package prefix for the inclusive list")
    parser.add_argument("--depth", type=int, default=64, help="stack depth to read")
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()

    out = subprocess.run(["jfr", "print", "--json", "--stack-depth", str(args.depth), "--events", "jdk.ExecutionSample",
                          args.recording], check=True, capture_output=True, text=True).stdout
    events = json.loads(out)["recording"]["events"]
    threads = re.compile(args.threads)
    selves = collections.Counter()
    inclusive = collections.Counter()
    total = 0
    for event in events:
        values = event["values"]
        thread = (values.get("sampledThread") or {}).get("javaName") or ""
        if not threads.search(thread):
            continue
        if args.after and values["startTime"][:len(args.after)] < args.after:
            continue
        frames = (values.get("stackTrace") or {}).get("frames") or []
        if not frames:
            continue
        total += 1
        selves[frame_name(frames[0])] += 1
        inclusive.update({name for name in map(frame_name, frames) if name.startswith(args.package)})
    if total == 0:
        sys.exit("no samples matched")
    print(f"{total} samples of threads /{args.threads}/" + (f" after {args.after}" if args.after else ""))
    print("\nself frames:")
    for name, count in selves.most_common(args.top):
        print(f"  {count:6d} {100 * count / total:5.1f} %  {name}")
    print(f"\nframes of {args.package} (inclusive):")
    for name, count in inclusive.most_common(args.top):
        print(f"  {count:6d} {100 * count / total:5.1f} %  {name}")


if __name__ == "__main__":
    main()
