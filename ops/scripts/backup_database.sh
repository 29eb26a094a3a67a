#!/usr/bin/env bash
# usage: backup_database.sh [environment]
# Dumps DATABASE_URL with pg_dump --format=custom into BACKUP_DIR (default /backups/postgresql) as
# lms_<environment>_<UTC timestamp>.dump, verifies it with pg_restore --list, points latest.dump at
# it, deletes dumps older than RETENTION_DAYS (30), uploads to BACKUP_BUCKET (gs://… or s3://…)
# when set, and posts an INFO notice (CRITICAL on failure) to SLACK_WEBHOOK_URL when set.
# Prints the path of the new dump on stdout.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

ENVIRONMENT="${1:-${LMS_ENVIRONMENT:-local}}"
BACKUP_DIR="${BACKUP_DIR:-/backups/postgresql}"
RETENTION_DAYS="${RETENTION_DAYS:-30}"
require_database_url
[[ "$ENVIRONMENT" =~ ^[A-Za-z0-9_-]+$ ]] || die "environment must be letters, digits, _ or -: $ENVIRONMENT"

mkdir -p "$BACKUP_DIR"
stamp=$(date -u +%Y%m%d_%H%M%S)
target="$BACKUP_DIR/lms_${ENVIRONMENT}_${stamp}.dump"
partial="$target.partial"
trap 'rm -f "$partial"' EXIT

log "dumping $(database_label) to $target"
pg_dump --format=custom --compress=6 --no-owner --no-privileges --file="$partial" "$DATABASE_URL" \
  || die "pg_dump of $ENVIRONMENT failed"
# a dump pg_restore cannot list is no backup
# grep -c exits 1 on an empty database's dump (0 entries), which is still a backup
entries=$(pg_restore --list "$partial" | { grep -c -v '^;' || true; }) \
  || die "backup $target is unreadable (pg_restore --list)"
mv "$partial" "$target"
ln -sfn "$(basename "$target")" "$BACKUP_DIR/latest.dump"
size=$(du -h "$target" | cut -f1)
log "verified: $entries entries, $size"

removed=$(find "$BACKUP_DIR" -maxdepth 1 -name 'lms_*.dump' -type f -mtime +"$RETENTION_DAYS" -print -delete | wc -l)
[ "$removed" -eq 0 ] || log "removed $removed dumps older than $RETENTION_DAYS days"

if [ -n "${BACKUP_BUCKET:-}" ]; then
  case "$BACKUP_BUCKET" in
    gs://*) gsutil -q cp "$target" "${BACKUP_BUCKET%/}/" || die "upload to $BACKUP_BUCKET failed" ;;
    s3://*) aws s3 cp --only-show-errors "$target" "${BACKUP_BUCKET%/}/" || die "upload to $BACKUP_BUCKET failed" ;;
    *) die "BACKUP_BUCKET must start with gs:// or s3://" ;;
  esac
  log "uploaded to $BACKUP_BUCKET"
fi

notify INFO "backup of $ENVIRONMENT finished: $(basename "$target") ($size, $entries entries)"
echo "$target"
