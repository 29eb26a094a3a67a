#!/usr/bin/env bash
# usage: test_backup_restore.sh   (run by .ci/run; needs a PostgreSQL superuser at ADMIN_DATABASE_URL,
# default postgres://postgres@127.0.0.1:5432/postgres)
# backup -> destructive change -> restore -> compare, on a fresh database of its own, with the event
# store schema of V1__event_store.sql and a Slack stand-in receiving the notices. Also checks that
# restore refuses a file that is not a dump and that retention removes dumps older than 30 days.
set -euo pipefail
cd "$(dirname "$0")/../.."
ADMIN_URL="${ADMIN_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
DB="lms_backup_check_$(date +%s)_$$"
export DATABASE_URL="${ADMIN_URL%/*}/$DB"
export BACKUP_DIR; BACKUP_DIR=$(mktemp -d)
SLACK_LOG="$BACKUP_DIR/slack.log"
fail() { echo "FAIL: $*" >&2; exit 1; }
cleanup() {
  [ -n "${SLACK_PID:-}" ] && kill "$SLACK_PID" 2>/dev/null || true
  psql "$ADMIN_URL" -XAqc "DROP DATABASE IF EXISTS $DB WITH (FORCE)" || true
  rm -rf "$BACKUP_DIR"
}
trap cleanup EXIT

# Slack stand-in: records each POSTed body as one line
SLACK_PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 - "$SLACK_PORT" "$SLACK_LOG" <<'PY' &
import http.server, sys
port, log = int(sys.argv[1]), sys.argv[2]
class Hook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        with open(log, "ab") as f:
            f.write(body + b"\n")
        self.send_response(200); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *args):
        pass
http.server.HTTPServer(("127.0.0.1", port), Hook).serve_forever()
PY
SLACK_PID=$!
export SLACK_WEBHOOK_URL="http://127.0.0.1:$SLACK_PORT/services/T/B/hook"
for _ in $(seq 1 50); do curl -s -o /dev/null "http://127.0.0.1:$SLACK_PORT/" && break; sleep 0.1; done

psql "$ADMIN_URL" -XAqc "CREATE DATABASE $DB"
psql "$DATABASE_URL" -XAq -v ON_ERROR_STOP=1 -f infrastructure/src/main/resources/db/migration/V1__event_store.sql
psql "$DATABASE_URL" -XAq -v ON_ERROR_STOP=1 <<'SQL'
CREATE TABLE playlist_view (id uuid PRIMARY KEY, name text NOT NULL, items int NOT NULL);
INSERT INTO playlist_view SELECT gen_random_uuid(), 'Playlist ' || n, n % 7 FROM generate_series(1, 500) n;
INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type, time_stamp,
    payload_type, payload, meta_data)
SELECT 'event-' || n, 'playlist-' || n, 0, 'Playlist', '2026-11-29T02:00:00Z',
       'org.fractionball.lms.events.playlists.PlaylistCreated', convert_to('{"n":' || n || '}', 'UTF8'),
       convert_to('{"requestId":"r' || n || '"}', 'UTF8')
FROM generate_series(1, 500) n;
INSERT INTO token_entry (processor_name, segment, token, token_type, timestamp, owner)
SELECT 'playlists', 0, convert_to('{"index":' || max(global_index) || ',"gaps":[]}', 'UTF8'),
       'org.axonframework.eventhandling.GapAwareTrackingToken', '2026-11-29T02:00:00Z', NULL
FROM domain_event_entry;
SQL
fingerprint() {
  psql "$DATABASE_URL" -XAtc "SELECT (SELECT md5(string_agg(id || name || items, ',' ORDER BY id)) FROM playlist_view)
    || (SELECT md5(string_agg(event_identifier || encode(payload, 'hex'), ',' ORDER BY global_index)) FROM domain_event_entry)
    || (SELECT count(*) FROM token_entry)"
}
before=$(fingerprint)

# an expired dump (31 days) that retention must remove, and one inside the window that it keeps
touch -d '31 days ago' "$BACKUP_DIR/lms_ci_20000101_000000.dump"
touch -d '29 days ago' "$BACKUP_DIR/lms_ci_20000102_000000.dump"

dump=$(ops/scripts/backup_database.sh ci)
[ -f "$dump" ] || fail "backup_database.sh printed no dump path"
[[ "$(basename "$dump")" =~ ^lms_ci_[0-9]{8}_[0-9]{6}\.dump$ ]] || fail "unexpected dump name $dump"
[ "$(readlink "$BACKUP_DIR/latest.dump")" = "$(basename "$dump")" ] || fail "latest.dump does not point at the new dump"
pg_restore --list "$dump" | grep -q 'TABLE DATA public playlist_view' || fail "the dump lacks playlist_view"
[ ! -e "$BACKUP_DIR/lms_ci_20000101_000000.dump" ] || fail "retention kept a 31-day-old dump"
[ -e "$BACKUP_DIR/lms_ci_20000102_000000.dump" ] || fail "retention removed a 29-day-old dump"
grep -q '\[INFO\] Fraction Ball LMS: backup of ci finished' "$SLACK_LOG" || fail "no Slack notice for the backup"

# destructive change
psql "$DATABASE_URL" -XAq -v ON_ERROR_STOP=1 -c "DELETE FROM playlist_view WHERE items < 3;
  UPDATE playlist_view SET name = 'vandalised'; DROP TABLE snapshot_event_entry; DELETE FROM domain_event_entry WHERE global_index > 100;"
[ "$(fingerprint)" != "$before" ] || fail "the destructive change changed nothing"

if ops/scripts/restore_database.sh "$BACKUP_DIR/slack.log" ci 2>/dev/null; then fail "restore accepted a file that is not a dump"; fi

ops/scripts/restore_database.sh "$dump" ci
after=$(fingerprint)
[ "$after" = "$before" ] || fail "restored data differs: $after vs $before"
[ "$(psql "$DATABASE_URL" -XAtc "SELECT to_regclass('public.snapshot_event_entry') IS NOT NULL")" = t ] || fail "dropped table not restored"
ls "$BACKUP_DIR"/lms_pre_restore_ci_*.dump >/dev/null 2>&1 || fail "no safety backup before the restore"
safety=$(ls "$BACKUP_DIR"/lms_pre_restore_ci_*.dump | head -n 1)
pg_restore --list "$safety" | grep -q 'TABLE DATA public playlist_view' || fail "safety backup unreadable"
grep -q '\[INFO\] Fraction Ball LMS: restore of ci from' "$SLACK_LOG" || fail "no Slack notice for the restore"

# a token beyond the restored store is reported
psql "$DATABASE_URL" -XAqc "UPDATE token_entry SET token = convert_to('{\"index\":999999,\"gaps\":[]}', 'UTF8')"
if ops/scripts/verify_projections.sh >/dev/null 2>&1; then fail "verify_projections.sh accepted a token ahead of the store"; fi

DATABASE_URL="$DATABASE_URL" ops/scripts/optimize_database.sh >/dev/null || fail "optimize_database.sh failed"
echo "backup/restore check passed"
