# The runbook's make targets. Database targets read DATABASE_URL (postgres://user:pass@host:port/db);
# ENV selects the environment (local, staging, production) for backups and the health monitor.
# See docs/runbook.md for when to use which.

ENV ?= local
JAR ?= infrastructure/target/lms.jar
COMPOSE_STAGING = docker compose -f ops/compose/docker-compose.staging.yml
COMPOSE_PROD = docker compose -f ops/compose/docker-compose.prod.yml
PSQL = psql "$(DATABASE_URL)" -X -v ON_ERROR_STOP=1 -P pager=off

.PHONY: help jar migrate migrate-staging showmigrations db-status db-slow-queries db-locks db-analyze \
        backup restore optimize health projections-status projections-rebuild logs check-database-url bench

help:
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 24

jar: ## build the application jar
	./mvnw -B -q -pl infrastructure -am package -DskipTests

check-database-url:
	@test -n "$(DATABASE_URL)" || { echo "DATABASE_URL is not set"; exit 2; }

migrate: check-database-url ## apply pending Flyway migrations (the server also does at start-up)
	java -jar $(JAR) migrate

migrate-staging: ## apply migrations on staging, inside the staging stack
	$(COMPOSE_STAGING) run --rm --no-deps web migrate

showmigrations: check-database-url ## every migration and whether it is applied
	java -jar $(JAR) showmigrations

db-status: check-database-url ## connections by state, database and table sizes, index usage
	$(PSQL) -c "SELECT count(*), state FROM pg_stat_activity WHERE datname = current_database() GROUP BY state ORDER BY 1 DESC;"
	$(PSQL) -c "SELECT pg_size_pretty(pg_database_size(current_database())) AS database_size, current_setting('max_connections') AS max_connections;"
	$(PSQL) -c "SELECT schemaname, tablename, pg_size_pretty(pg_total_relation_size(format('%I.%I', schemaname, tablename))) AS size FROM pg_tables WHERE schemaname = 'public' ORDER BY pg_total_relation_size(format('%I.%I', schemaname, tablename)) DESC LIMIT 20;"
	$(PSQL) -c "SELECT indexrelname, idx_tup_read, idx_tup_fetch, idx_scan FROM pg_stat_user_indexes ORDER BY idx_scan DESC LIMIT 20;"

db-slow-queries: check-database-url ## statements slower than 1 s on average (pg_stat_statements, PG13+ columns)
	@$(PSQL) -Atc "SELECT 1 FROM pg_extension WHERE extname = 'pg_stat_statements'" | grep -q 1 \
	  || { echo "pg_stat_statements is not installed: CREATE EXTENSION pg_stat_statements; (needs shared_preload_libraries)"; exit 1; }
	$(PSQL) -c "SELECT left(query, 100) AS query, round(total_exec_time) AS total_ms, calls, round(mean_exec_time::numeric, 1) AS mean_ms FROM pg_stat_statements WHERE mean_exec_time > 1000 ORDER BY mean_exec_time DESC LIMIT 10;"
	$(PSQL) -c "SELECT pid, now() - query_start AS running_for, state, wait_event_type, wait_event, left(query, 100) AS query FROM pg_stat_activity WHERE state <> 'idle' AND now() - query_start > interval '5 minutes' ORDER BY query_start;"

db-locks: check-database-url ## sessions waiting for a lock and who blocks them
	$(PSQL) -c "SELECT pid, pg_blocking_pids(pid) AS blocked_by, wait_event_type, wait_event, now() - query_start AS waiting_for, left(query, 100) AS query FROM pg_stat_activity WHERE wait_event_type = 'Lock' ORDER BY query_start;"

db-analyze: check-database-url ## update the planner statistics
	$(PSQL) -c "ANALYZE VERBOSE;" 2>&1 | tail -n 3

backup: check-database-url ## pg_dump --format=custom into BACKUP_DIR, verified, 30-day retention
	ops/scripts/backup_database.sh $(ENV)

restore: check-database-url ## FILE=<dump>: safety backup, pg_restore, projections verified
	@test -n "$(FILE)" || { echo "usage: make restore FILE=/backups/postgresql/lms_<env>_<stamp>.dump"; exit 2; }
	ops/scripts/restore_database.sh "$(FILE)" $(ENV)

optimize: check-database-url ## VACUUM ANALYZE, REINDEX CONCURRENTLY, size and unused-index report
	ops/scripts/optimize_database.sh

health: ## the health monitor with ops/monitor/$(ENV).json (local: the defaults, http://localhost:8000)
	java -jar $(JAR) health-monitor $(if $(wildcard ops/monitor/$(ENV).json),--config ops/monitor/$(ENV).json) --verbose

projections-status: check-database-url ## each processor's position and lag, each projection's version and rebuild progress
	java -jar $(JAR) projections status

projections-rebuild: ## NAME=<projection>: blue/green rebuild while the servers keep serving; waits until live
	@test -n "$(NAME)" || { echo "usage: make projections-rebuild NAME=<projection, e.g. playlists>"; exit 2; }
	java -jar $(JAR) projections rebuild $(NAME)

logs: ## follow the app's JSON logs (SERVICE=db|redis|nginx for the others; ENV=production|staging)
	$(if $(filter production,$(ENV)),$(COMPOSE_PROD),$(if $(filter staging,$(ENV)),$(COMPOSE_STAGING),docker compose)) logs -f --tail=200 $(or $(SERVICE),$(if $(filter local,$(ENV)),app,web))

bench: ## the benchmark suite side by side with its baselines (20-40 min); results into docs/benchmarks.md
	ops/bench/suite.sh
