#!/usr/bin/env bash
# Backs up the local suite's five databases, one pg_dump archive per database (custom format: compressed,
# restorable table by table), into a new directory, plus a manifest with the time and each archive's checksum.
# docs/operations.md, "Backup and restore (local suite)". In Kubernetes the CloudNativePG backups do this instead.
# Usage: scripts/backup.sh [DIR]   (default: .run/backups/<UTC time>; DIR must not exist or be empty)
# Env: DB_HOST, DB_PORT, DB_USER (as scripts/run.sh), RUN_DB_SUFFIX (appended to each database name, as run.sh).
# pg_dump takes a consistent snapshot of each database while the services keep running; the five snapshots are
# taken one after the other, so a change that spans services may be in one archive and not yet in the next.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

[[ "${1:-}" == -h || "${1:-}" == --help ]] && { sed -n '2,8p' "$0"; exit 0; }
dir="${1:-$RUN_DIR/backups/$(date -u +%Y%m%dT%H%M%SZ)}"
command -v pg_dump > /dev/null || die "pg_dump not found: apt-get install postgresql-client"
if [[ -d "$dir" && -n "$(ls -A "$dir")" ]]; then die "$dir is not empty: choose a new directory"; fi
mkdir -p "$dir"

{ echo "# backup of $DB_HOST:$DB_PORT taken $(date -u +%Y-%m-%dT%H:%M:%SZ)"; echo "# database sha256 archive"; } > "$dir/MANIFEST"
for s in "${SERVICES[@]}"; do
  IFS=: read -r _ _ db <<< "$s"
  log "Dumping $db$DB_SUFFIX"
  pg_dump -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --format=custom --no-owner --no-privileges \
    --file="$dir/$db.dump" "$db$DB_SUFFIX" || die "pg_dump of $db$DB_SUFFIX failed"
  echo "$db $(sha256sum "$dir/$db.dump" | cut -d' ' -f1) $db.dump" >> "$dir/MANIFEST"
done
log "Backup complete: $dir"
echo "$dir"
