#!/usr/bin/env bash
# Library load benchmark (docs/benchmarks.md): the application vs nginx serving the same bytes,
# side by side in one run, on the PostgreSQL and Redis of DATABASE_URL / REDIS_URL.
# Sizes: BENCHMARK_ARGS="-Dbenchmark.videos=10000 -Dbenchmark.seconds=30 -Dbenchmark.warmup-seconds=60"
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -qq wrk nginx-light
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
# production token verification: RS256 tokens minted with a local key, not emulator tokens
unset FIREBASE_AUTH_EMULATOR_HOST
rm -f infrastructure/target/failsafe-reports/failsafe-summary.xml
./mvnw -B -pl infrastructure -am verify -Dgroups=benchmark -Dit.test=LibraryBenchmarkIT -Dtest=NoSuchTest -Dit.forks=1 \
  -Dsurefire.failIfNoSpecifiedTests=false -DargLine="${BENCHMARK_ARGS:-}"
cat infrastructure/target/library-benchmark.md
