#!/usr/bin/env bash
# The nightly run for cron or Airflow: reads jobs/nightly.conf (or the file named by TOPICPULSE_CONF), runs
# `topicpulse nightly` locally or through spark-submit, writes one log per night and passes the exit code on:
#   0 published (or nothing new), 1 failed, 2 bad arguments or config, 3 another run holds the output,
#   4 input accounting did not add up (nothing published), 5 tables from another extractor version (use --reprocess).
# Extra arguments go to `topicpulse nightly`, e.g.  jobs/nightly.sh --since 2024-11-01 --until 2024-11-07
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
conf="${TOPICPULSE_CONF:-$root/jobs/nightly.conf}"
[[ -f "$conf" ]] || { echo "nightly.sh: no config at $conf" >&2; exit 2; }
# shellcheck disable=SC1090
source "$conf"
: "${TOPICPULSE_INPUT:?set TOPICPULSE_INPUT in $conf}"
: "${TOPICPULSE_OUTPUT:?set TOPICPULSE_OUTPUT in $conf}"
log_dir="${TOPICPULSE_LOG_DIR:-$root/logs}"
mkdir -p "$log_dir"
log="$log_dir/nightly-$(date -u +%Y%m%dT%H%M%SZ).log"

args=(nightly --input "$TOPICPULSE_INPUT" --output "$TOPICPULSE_OUTPUT")
[[ -n "${TOPICPULSE_LEXICON:-}" ]] && args+=(--lexicon "$TOPICPULSE_LEXICON")
if [[ "${TOPICPULSE_MODE:-local}" == "submit" ]]; then
  # shellcheck disable=SC2206
  spark_args=(${TOPICPULSE_SPARK_ARGS:-})
  command=("$root/jobs/topicpulse-submit" "${spark_args[@]}" -- "${args[@]}" "$@")
else
  [[ -n "${TOPICPULSE_MASTER:-}" ]] && args+=(--master "$TOPICPULSE_MASTER")
  export TOPICPULSE_JAVA_OPTS
  command=("$root/jobs/topicpulse" "${args[@]}" "$@")
fi

echo "$(date -u +%FT%TZ) nightly start: ${command[*]}" >>"$log"
set +e
"${command[@]}" >>"$log" 2>&1
code=$?
set -e
echo "$(date -u +%FT%TZ) nightly end: exit $code" >>"$log"
if [[ $code -eq 0 && "${TOPICPULSE_REPORT:-}" != "off" ]]; then
  # The HTML report of the tables just published; a failed report leaves the night a success, but says so.
  report="${TOPICPULSE_REPORT:-$root/reports/report.html}"
  mkdir -p "$(dirname "$report")"
  report_args=(report --output "$TOPICPULSE_OUTPUT" --to "$report")
  [[ -n "${TOPICPULSE_LEXICON:-}" ]] && report_args+=(--lexicon "$TOPICPULSE_LEXICON")
  if ! "$root/jobs/topicpulse" "${report_args[@]}" >>"$log" 2>&1; then
    echo "topicpulse report failed after a good night; the tables are published. Log: $log" >&2
  fi
fi
if [[ $code -ne 0 ]]; then
  # Cron mails what a job prints; print the reason and the log's tail, not the whole log.
  echo "topicpulse nightly failed with exit code $code; log: $log" >&2
  tail -n 20 "$log" >&2
fi
exit "$code"
