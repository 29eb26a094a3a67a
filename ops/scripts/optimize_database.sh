#!/usr/bin/env bash
# usage: optimize_database.sh
# The runbook's monthly "performance tuning" on DATABASE_URL: VACUUM (ANALYZE), REINDEX CONCURRENTLY
# (no table locks held for the rebuild; PostgreSQL 12+), then a report of table sizes, unused
# indexes and, when pg_stat_statements is installed, the slowest statements (PG13+ column names).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
require_database_url
psql_run() { psql "$DATABASE_URL" -X -v ON_ERROR_STOP=1 -P pager=off "$@"; }

log "VACUUM (ANALYZE) on $(database_label)"
psql_run -qc "VACUUM (ANALYZE);"
db=$(psql "$DATABASE_URL" -XAtc "SELECT current_database()")
log "REINDEX DATABASE CONCURRENTLY $db"
psql_run -qc "REINDEX DATABASE CONCURRENTLY \"$db\";"

psql_run <<'SQL'
\echo 'Largest tables'
SELECT schemaname, relname AS table, pg_size_pretty(pg_total_relation_size(relid)) AS size
FROM pg_stat_user_tables ORDER BY pg_total_relation_size(relid) DESC LIMIT 15;
\echo 'Indexes never scanned since the statistics were reset (candidates to drop)'
SELECT schemaname, relname AS table, indexrelname AS index, pg_size_pretty(pg_relation_size(indexrelid)) AS size
FROM pg_stat_user_indexes WHERE idx_scan = 0 ORDER BY pg_relation_size(indexrelid) DESC LIMIT 15;
SQL
if [ "$(psql "$DATABASE_URL" -XAtc "SELECT count(*) FROM pg_extension WHERE extname = 'pg_stat_statements'")" = 1 ]; then
  psql_run -c "SELECT left(query, 80) AS query, calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 1) AS mean_ms
               FROM pg_stat_statements ORDER BY mean_exec_time DESC LIMIT 10;"
fi
notify INFO "database maintenance of $db finished"
log "done"
