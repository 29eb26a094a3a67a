#!/usr/bin/env bash
# The benchmark suite (`make bench`, docs/benchmarks.md "Benchmark suite"): every benchmark side by side in one
# run on the PostgreSQL and Redis of DATABASE_URL / REDIS_URL, each against its baseline measured in the same
# run (nginx for the read pages, pgbench for commands, Axon's default processor for rebuilds). Writes
# infrastructure/target/bench-suite.md and puts it into docs/benchmarks.md between the suite markers.
# Sizes: BENCHMARK_ARGS="-Dbenchmark.seconds=30 -Dbenchmark.videos=10000 ..." (see each *BenchmarkIT).
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null && command -v nginx >/dev/null || apt-get install -y -qq wrk nginx-light
export DATABASE_URL="${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/postgres}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379/0}"
# production token verification: RS256 tokens minted with a local key, not emulator tokens
unset FIREBASE_AUTH_EMULATOR_HOST
BENCHMARKS="${BENCHMARKS:-LibraryBenchmarkIT,DashboardBenchmarkIT,SystemBenchmarkIT,RebuildSpeedBenchmarkIT}"
# the rebuild part on the issue's 1,000,000 events, Axon's default configuration on the first 20,000 of them
# (at its ~1,000 events/s the whole million would take 17 minutes a group)
BENCHMARK_ARGS="${BENCHMARK_ARGS:--Dbenchmark.events=1000000 -Dbenchmark.sample-events=20000}"
# the test JVM hosts the application: a heap of one size, as the image gives it (Dockerfile), touched up front
BENCHMARK_JVM="${BENCHMARK_JVM:--Xms3g -Xmx3g -XX:+AlwaysPreTouch}"
started=$(date -u +%FT%TZ)
rm -f infrastructure/target/*-benchmark.md infrastructure/target/failsafe-reports/failsafe-summary.xml
./mvnw -B -pl infrastructure -am verify -Dgroups=benchmark -Dit.test="$BENCHMARKS" -Dtest=NoSuchTest -Dit.forks=1 \
  -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -DargLine="$BENCHMARK_ARGS $BENCHMARK_JVM"
out=infrastructure/target/bench-suite.md
{
  echo "### Suite run $started"
  echo
  echo "Command: \`make bench\` (ops/bench/suite.sh) at commit $(git rev-parse --short HEAD)$(git diff --quiet || echo ' + local changes'), BENCHMARK_ARGS='$BENCHMARK_ARGS', BENCHMARK_JVM='$BENCHMARK_JVM'."
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/{print $2}') GB,"
  echo "$(psql "$DATABASE_URL" -Atc 'SHOW server_version' 2>/dev/null | sed 's/^/PostgreSQL /'), $(redis-server --version | cut -d' ' -f3),"
  echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); everything (app, PostgreSQL, Redis, wrk, nginx, pgbench) on these cores."
  echo
  for report in infrastructure/target/*-benchmark.md; do
    sed 's/^## /#### /' "$report"
    echo
  done
} >"$out"
python3 - "$out" docs/benchmarks.md <<'PY'
import sys
report, doc = open(sys.argv[1]).read(), open(sys.argv[2]).read()
start, end = "<!-- bench-suite:start -->", "<!-- bench-suite:end -->"
before, rest = doc.split(start, 1)
open(sys.argv[2], "w").write(before + start + "\n" + report + rest[rest.index(end):])
PY
cat "$out"
