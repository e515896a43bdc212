#!/usr/bin/env bash
# Restores the local suite's five databases from a directory written by scripts/backup.sh: checks every archive
# against the manifest first, then for each database drops it (WITH FORCE: connections are closed), creates it
# empty and restores the archive into it (schema, data, Flyway's history). docs/operations.md, "Backup and restore
# (local suite)". Stop the services first (scripts/stop.sh) when restoring the databases they use.
# Usage: scripts/restore.sh DIR [DATABASE...]   (default: all five; e.g. scripts/restore.sh DIR patron)
# Env: DB_HOST, DB_PORT, DB_USER (as scripts/run.sh), RUN_DB_SUFFIX (appended to each database name restored
#      into; restoring under another suffix than the backup's makes a copy next to the originals).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

[[ $# -ge 1 && "$1" != -h && "$1" != --help ]] || { sed -n '2,8p' "$0"; exit 2; }
dir="$1"; shift
[[ -f "$dir/MANIFEST" ]] || die "$dir/MANIFEST is missing: not a backup written by scripts/backup.sh"
command -v pg_restore > /dev/null || die "pg_restore not found: apt-get install postgresql-client"

known=(); for s in "${SERVICES[@]}"; do IFS=: read -r _ _ db <<< "$s"; known+=("$db"); done
wanted=("$@"); (( ${#wanted[@]} )) || wanted=("${known[@]}")
for db in "${wanted[@]}"; do
  [[ " ${known[*]} " == *" $db "* ]] || die "unknown database '$db' (one of: ${known[*]})"
  expected="$(awk -v db="$db" '$1 == db {print $2}' "$dir/MANIFEST")"
  [[ -n "$expected" && -f "$dir/$db.dump" ]] || die "$dir holds no archive of $db"
  [[ "$(sha256sum "$dir/$db.dump" | cut -d' ' -f1)" == "$expected" ]] || die "$dir/$db.dump does not match its checksum"
done

export PGOPTIONS="-c client_min_messages=warning"
psql_admin() { psql -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" -d postgres -q -v ON_ERROR_STOP=1 "$@" > /dev/null; }
for db in "${wanted[@]}"; do
  target="$db$DB_SUFFIX"
  log "Restoring $target from $dir/$db.dump"
  psql_admin -c "DROP DATABASE IF EXISTS \"$target\" WITH (FORCE)" || die "cannot drop $target"
  psql_admin -c "CREATE DATABASE \"$target\"" || die "cannot create $target"
  pg_restore -h "$DB_HOST" -p "$DB_PORT" -U "$DB_USER" --no-owner --no-privileges --exit-on-error \
    --dbname="$target" "$dir/$db.dump" || die "pg_restore into $target failed"
done
log "Restored ${#wanted[@]} database(s) from $dir"
