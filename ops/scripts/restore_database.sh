#!/usr/bin/env bash
# usage: restore_database.sh <backup.dump> [environment]
# Restores a dump of backup_database.sh into DATABASE_URL: checks it with pg_restore --list, takes a
# safety backup of the current database first (BACKUP_DIR, named lms_pre_restore_<environment>_…),
# restores with pg_restore --clean --if-exists in one transaction, then verifies the projections:
# every processor's token must lie within the restored event store (the read tables and tokens
# come from the same dump, so the app resumes where the dump was taken). A token beyond the head
# means the read tables are not of this event store: rebuild them (make projections-rebuild NAME=…).
# Stop the app first (runbook: "Stop application").
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || { echo "usage: $0 <backup.dump> [environment]" >&2; exit 2; }
DUMP="$1"
ENVIRONMENT="${2:-${LMS_ENVIRONMENT:-local}}"
require_database_url
[ -f "$DUMP" ] || die "no such backup: $DUMP"
pg_restore --list "$DUMP" >/dev/null || die "$DUMP is not a pg_dump custom-format archive"

log "safety backup of $(database_label) before restoring"
safety=$("$(dirname "$0")/backup_database.sh" "pre_restore_${ENVIRONMENT}") || die "safety backup failed; nothing restored"
log "safety backup: $safety"

log "restoring $DUMP into $(database_label)"
pg_restore --clean --if-exists --no-owner --no-privileges --single-transaction --exit-on-error \
  --dbname="$DATABASE_URL" "$DUMP" || die "restore of $DUMP failed; the database is unchanged (safety backup $safety)"

"$(dirname "$0")/verify_projections.sh" || die "projections do not match the restored event store: rebuild them"
notify INFO "restore of $ENVIRONMENT from $(basename "$DUMP") finished (safety backup $(basename "$safety"))"
log "restore finished"
