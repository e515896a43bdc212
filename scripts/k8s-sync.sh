#!/usr/bin/env bash
# Copies the Kubernetes manifests that quarkus-kubernetes generated at build time
# (<service>/target/kubernetes/kubernetes.yml) into k8s/base/services/<service>.yml, and the client
# registry seed (config/clients.json) into k8s/base/config/clients.json, byte for byte. Run it after a
# build whenever a service's Kubernetes settings change, and commit the result;
# KubernetesManifestsTest (system-tests) fails while the committed copies differ from the build's.
# Usage: scripts/k8s-sync.sh [--check]   (--check: only report differences, exit 1 if any)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

check=0; [[ "${1:-}" == "--check" ]] && check=1
pairs=("config/clients.json:k8s/base/config/clients.json")
for s in "${SERVICES[@]}"; do
  name="${s%%:*}"
  pairs+=("$name/target/kubernetes/kubernetes.yml:k8s/base/services/$name.yml")
done
differ=0
for p in "${pairs[@]}"; do
  src="${p%%:*}" dst="${p#*:}"
  [[ -f "$src" ]] || die "$src is missing: build first (./mvnw -B -q install -DskipTests)"
  if ! cmp -s "$src" "$dst"; then
    differ=1
    if (( check )); then echo "differs: $dst (from $src)"; else mkdir -p "$(dirname "$dst")"; cp "$src" "$dst"; log "updated $dst"; fi
  fi
done
if (( check && differ )); then echo "Run scripts/k8s-sync.sh and commit k8s/base." >&2; exit 1; fi
exit 0
