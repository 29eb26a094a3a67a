# syntax=docker/dockerfile:1
# Multi-stage build of the LMS jar; the runtime image runs it as an unprivileged user with JVM
# flags sized by the container's limits (docker-compose.prod.yml gives each replica 4 GB).

FROM eclipse-temurin:17-jdk-noble AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY events events
COPY command-side command-side
COPY projections projections
COPY query-side query-side
COPY infrastructure infrastructure
# the Maven repository is a build cache, so source changes do not download the dependencies again
RUN --mount=type=cache,target=/root/.m2 ./mvnw -B -q -pl infrastructure -am package -DskipTests
# the extracted layout (lms.jar + lib/): classes load from plain jars, not the fat jar's nested ones
RUN java -Djarmode=tools -jar infrastructure/target/lms.jar extract --destination /src/extracted

FROM eclipse-temurin:17-jre-noble AS runtime
# curl for the HEALTHCHECK; pg_dump/pg_restore of the server's major version (16, Ubuntu 24.04's) for
# the backup scripts, which the backup service of the compose files runs in this image
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl postgresql-client-16 \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 lms \
 && useradd --system --uid 10001 --gid lms --home-dir /app --shell /usr/sbin/nologin lms \
 && mkdir -p /app /backups/postgresql /app/data \
 && chown -R lms:lms /app /backups
WORKDIR /app
COPY --from=build --chown=lms:lms /src/extracted/lib /app/lib
COPY --from=build --chown=lms:lms /src/extracted/lms.jar /app/lms.jar
COPY --chown=lms:lms ops/scripts /app/ops/scripts
COPY --chown=lms:lms ops/monitor /app/ops/monitor
USER lms:lms
# MALLOC_ARENA_MAX: glibc gives each busy thread its own malloc arena; with ~200 request threads
# that was a third of the process's memory under load (RSS 795 MB → 559 MB at -Xmx512m, docs/benchmarks.md)
# A heap of one size (initial = maximum): a heap that grows and shrinks under a projection rebuild's
# allocation makes the kernel zero fresh pages again and again (a fifth of the rebuild's JVM CPU, docs/benchmarks.md)
ENV PORT=8000 \
    SPRING_PROFILES_ACTIVE=prod \
    MALLOC_ARENA_MAX=2 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:InitialRAMPercentage=75 -XX:+ExitOnOutOfMemoryError -XX:+UseG1GC -Djava.security.egd=file:/dev/./urandom"
EXPOSE 8000
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8000/api/healthz/ >/dev/null || exit 1
# the server records a class-data-sharing archive in /app/cds at its first stop and maps it at every later
# start (start to ready 15.6–16.6 s → 9.1–10.9 s on 2 cores); `java -jar /app/lms.jar <command>` still works
ENTRYPOINT ["/app/ops/scripts/run_app.sh"]
