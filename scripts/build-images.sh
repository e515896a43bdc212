#!/usr/bin/env bash
# Builds the OCI image of each service from docker/Dockerfile.jvm, tagged with the project version, the names the
# Kubernetes manifests use: ghcr.io/nasjonalbiblioteket/<service>:<version> (docs/operations.md, "Images").
# Needs Docker or Podman (podman is used when docker is missing; CONTAINER_ENGINE chooses).
# Usage: scripts/build-images.sh [--no-build] [--push]
#   --no-build  reuse the services' built target/quarkus-app (otherwise: ./mvnw -B -q package -DskipTests first)
#   --push      push each image after building it (log in to the registry first)
# Env: CONTAINER_ENGINE (docker|podman), IMAGE_REGISTRY (default ghcr.io), IMAGE_GROUP (nasjonalbiblioteket),
#      IMAGE_TAG (default: the project version in pom.xml).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

no_build=0; push=0
for arg in "$@"; do
  case "$arg" in
    --no-build) no_build=1 ;;
    --push) push=1 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) die "unknown argument '$arg' (see --help)" ;;
  esac
done

engine="${CONTAINER_ENGINE:-}"
if [[ -z "$engine" ]]; then
  if command -v docker > /dev/null; then engine=docker; elif command -v podman > /dev/null; then engine=podman
  else die "neither docker nor podman found: install one (Debian: apt-get install podman)"; fi
fi
registry="${IMAGE_REGISTRY:-ghcr.io}"
group="${IMAGE_GROUP:-nasjonalbiblioteket}"
# The root pom's own <version> (the first one in it): the project version (x.y.z-SNAPSHOT between releases).
tag="${IMAGE_TAG:-$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)}"
[[ -n "$tag" ]] || die "cannot read the project version from pom.xml"

if (( ! no_build )); then
  log "Building the services (./mvnw -B -q package -DskipTests)"
  ./mvnw -B -q package -DskipTests
fi
for s in "${SERVICES[@]}"; do
  name="${s%%:*}"
  context="$name/target/quarkus-app"
  [[ -f "$context/quarkus-run.jar" ]] || die "$context is missing: build first (drop --no-build)"
  image="$registry/$group/$name:$tag"
  log "Building $image with $engine"
  "$engine" build -q -f docker/Dockerfile.jvm -t "$image" "$context" > /dev/null
  if (( push )); then "$engine" push "$image"; fi
done
log "Built ${#SERVICES[@]} images tagged $tag"
