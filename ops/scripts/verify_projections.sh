#!/usr/bin/env bash
# usage: verify_projections.sh
# Lists every event processor's position against the head of the event store in DATABASE_URL
# (the runbook's projections-status) and fails when a token lies beyond the head: its read tables
# hold effects of events this store does not have.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_database_url

if [ "$(psql "$DATABASE_URL" -XAtc "SELECT to_regclass('public.token_entry') IS NOT NULL")" != t ]; then
  log "no event store in this database"
  exit 0
fi
# Tokens are Jackson JSON: GapAwareTrackingToken {"index": n, "gaps": [...]}, wrapped ones carry
# it under tokenAtReset/currentToken (replays) or have no index (merged segments: shown as null).
psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1 -P pager=off <<'SQL'
WITH head AS (SELECT coalesce(max(global_index), 0) AS head FROM domain_event_entry),
tokens AS (
  SELECT processor_name, segment, owner,
         coalesce(t ->> 'index', t -> 'currentToken' ->> 'index', t -> 'tokenAtReset' ->> 'index')::bigint AS position
  FROM (SELECT processor_name, segment, owner,
               CASE WHEN token IS NULL THEN NULL ELSE convert_from(token, 'UTF8')::jsonb END AS t
        FROM token_entry) raw
)
SELECT processor_name AS processor, segment, owner, position, head, head - position AS lag,
       CASE WHEN position > head THEN 'AHEAD OF STORE' WHEN head - position > 1000 THEN 'LAGGING' ELSE 'ok' END AS state
FROM tokens, head ORDER BY processor_name, segment;
SQL
ahead=$(psql "$DATABASE_URL" -XAtc "
  SELECT count(*) FROM token_entry
  WHERE token IS NOT NULL
    AND coalesce(convert_from(token, 'UTF8')::jsonb ->> 'index', '-1')::bigint
        > (SELECT coalesce(max(global_index), 0) FROM domain_event_entry)")
[ "$ahead" -eq 0 ] || { log "$ahead token(s) ahead of the event store"; exit 1; }
