# Shared by the ops scripts: logging, Slack notices and DATABASE_URL checks.

log() { printf '%s [%s] %s\n' "$(date -u +%Y-%m-%dT%H:%M:%SZ)" "$(basename "$0")" "$*" >&2; }

die() { log "ERROR: $*"; notify CRITICAL "$*"; exit 1; }

# notify LEVEL TEXT: a Slack notice at the runbook's level (CRITICAL / WARNING / INFO) when
# SLACK_WEBHOOK_URL is set; a notice that cannot be delivered is logged, never fatal.
notify() {
  [ -n "${SLACK_WEBHOOK_URL:-}" ] || return 0
  local color=good
  case "$1" in CRITICAL) color=danger ;; WARNING) color=warning ;; esac
  local text
  text=$(printf '[%s] Fraction Ball LMS: %s' "$1" "$2" | sed 's/\\/\\\\/g; s/"/\\"/g')
  curl -fsS -m 10 -H 'Content-Type: application/json' \
    -d "{\"text\":\"$text\",\"attachments\":[{\"color\":\"$color\",\"text\":\"$text\"}]}" \
    "$SLACK_WEBHOOK_URL" >/dev/null || log "Slack notice failed"
}

require_database_url() {
  [ -n "${DATABASE_URL:-}" ] || die "DATABASE_URL is not set (postgres://user:pass@host:port/dbname)"
}

# DATABASE_URL without credentials, for log lines
database_label() { printf '%s' "$DATABASE_URL" | sed -E 's#//[^@/]*@#//***@#'; }
