#!/bin/sh
# usage: run_app.sh [--property=value …] | run_app.sh <command words…>
# Runs the application from the extracted jar (APP_DIR/lms.jar with its libraries in APP_DIR/lib:
# `java -Djarmode=tools -jar lms.jar extract`), whose classes load from plain jars instead of the fat
# jar's nested ones, with a class-data-sharing archive (LMS_CDS_ARCHIVE, default APP_DIR/cds/lms.jsa):
# a server start without one records it as the JVM stops (-XX:ArchiveClassesAtExit, also on SIGTERM)
# and every later start maps the classes from it. Start to ready on 2 cores: 15.6–16.6 s as a fat jar,
# 9.1–10.9 s extracted with the archive (docs/benchmarks.md). The archive is written under a temporary
# name and renamed once the JVM has exited, so a start killed while recording leaves no broken
# archive behind. CLI commands (any argument that is not an option) never record one: it would hold
# the CLI's classes, not the server's. JVM options come from JAVA_TOOL_OPTIONS; JAVA picks the java.
set -eu
APP_DIR="${APP_DIR:-/app}"
JAVA="${JAVA:-java}"
ARCHIVE="${LMS_CDS_ARCHIVE:-$APP_DIR/cds/lms.jsa}"

if [ -s "$ARCHIVE" ]; then
  exec "$JAVA" -XX:SharedArchiveFile="$ARCHIVE" -jar "$APP_DIR/lms.jar" "$@"
fi
for word in "$@"; do
  case "$word" in
    -*) ;;
    *) exec "$JAVA" -jar "$APP_DIR/lms.jar" "$@" ;;
  esac
done
if ! mkdir -p "$(dirname "$ARCHIVE")" 2>/dev/null || [ ! -w "$(dirname "$ARCHIVE")" ]; then
  exec "$JAVA" -jar "$APP_DIR/lms.jar" "$@"
fi

partial="$ARCHIVE.partial"
rm -f "$partial"
# not exec'd: the archive is renamed after the JVM exits, so this shell forwards the stop signals
"$JAVA" -XX:ArchiveClassesAtExit="$partial" -jar "$APP_DIR/lms.jar" "$@" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM INT
status=0
wait "$pid" || status=$?
# a trapped signal ends the first wait early; the second waits for the JVM (and its dump) to finish
if kill -0 "$pid" 2>/dev/null; then
  wait "$pid" || status=$?
fi
if [ -s "$partial" ]; then
  mv "$partial" "$ARCHIVE"
fi
exit "$status"
