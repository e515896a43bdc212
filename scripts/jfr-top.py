#!/usr/bin/env python3
"""Summarises a JFR recording's CPU samples (issue 20: how auth-service's hot paths were profiled).

Usage: scripts/jfr-top.py RECORDING.jfr [FRAME-PREFIX ...]

Runs `jfr print --events jdk.ExecutionSample --stack-depth 96` (the JDK's own tool) and prints
- samples per thread group (thread name without its number: executor-thread, argon2, vert.x-eventloop-thread, ...),
- the top frames by inclusive share (a frame counted once per sample in which it appears), limited to frames that
  start with one of the prefixes (default: the register's code and the main libraries on the request path),
- the top leaf frames (self time).
Set THREADS to a regular expression to count only matching threads (e.g. THREADS='executor|vert.x' for the
service's request threads in a @QuarkusTest whose load client runs in the same JVM).
Record with: -XX:StartFlightRecording=filename=target/x.jfr,settings=profile (e.g. -DargLine=... for a @QuarkusTest).
"""
import collections
import os
import re
import subprocess
import sys

DEFAULT_PREFIXES = ["no.nb.bibliotekkortet", "io.quarkus.oidc", "io.smallrye.jwt", "org.jose4j", "org.hibernate",
                    "com.arjuna", "io.quarkus.narayana", "org.postgresql", "io.agroal", "io.smallrye.faulttolerance",
                    "org.jboss.resteasy", "io.quarkus.rest", "io.quarkus.restclient", "com.fasterxml.jackson",
                    "io.restassured", "io.micrometer", "io.opentelemetry", "io.vertx", "de.mkammerer", "com.sun.jna",
                    "org.flywaydb", "sun.security", "java.net.http", "jdk.internal.net.http"]


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        sys.exit(2)
    prefixes = sys.argv[2:] or DEFAULT_PREFIXES
    out = subprocess.run(["jfr", "print", "--events", "jdk.ExecutionSample", "--stack-depth", "96", sys.argv[1]],
                         capture_output=True, text=True, check=True).stdout
    threads = collections.Counter()
    inclusive = collections.Counter()
    leaves = collections.Counter()
    total = 0
    for event in out.split("jdk.ExecutionSample")[1:]:
        m = re.search(r'sampledThread = "([^"]*)"', event)
        name = re.sub(r"[-#]?\d+$", "", m.group(1)) if m else "?"
        if os.environ.get("THREADS") and not re.search(os.environ["THREADS"], name):
            continue
        frames = re.findall(r"^\s+([\w$.<>]+)\(", event, re.M)
        if not frames:
            continue
        total += 1
        threads[name] += 1
        leaves[frames[0]] += 1
        seen = set()
        for f in frames:
            method = f
            if method in seen:
                continue
            seen.add(method)
            if any(method.startswith(p) for p in prefixes):
                inclusive[method] += 1
    print(f"{total} samples")
    print("\nby thread group:")
    for name, n in threads.most_common(15):
        print(f"  {100.0 * n / total:5.1f} %  {name}")
    print("\ninclusive (frames with the prefixes):")
    for f, n in inclusive.most_common(45):
        print(f"  {100.0 * n / total:5.1f} %  {f}")
    print("\nleaf frames:")
    for f, n in leaves.most_common(20):
        print(f"  {100.0 * n / total:5.1f} %  {f}")


if __name__ == "__main__":
    main()
