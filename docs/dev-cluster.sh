#!/usr/bin/env bash
# A dev tool: a Spark standalone cluster (Master + Worker), S3Proxy and HDFS on 127.0.0.1, made from the Maven
# repository (no Spark distribution needed), for running jobs/topicpulse-submit by hand. See DevCluster.java.
#   docs/dev-cluster.sh start DIR [--cores 2] [--memory 6g] [--no-hdfs] [--no-s3]
#   . DIR/env     # SPARK_HOME, MASTER, SPARK_DAEMON_PIDS, HDFS, S3_ENDPOINT, S3_ACCESS_KEY, S3_SECRET_KEY, S3_STORE
#   docs/dev-cluster.sh stop DIR
# Build first: mvn -o -q -DskipTests package (the job jar, target/classpath.txt, target/s3proxy/s3proxy.jar).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"; dir="${2:-}"
[[ -n "$dir" && ( "$cmd" == start || "$cmd" == stop ) ]] || { sed -n '2,7p' "$0" >&2; exit 2; }
shift 2
mkdir -p "$dir"; dir="$(cd "$dir" && pwd)"
case "$cmd" in
start)
  if [[ -f "$dir/pid" ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    echo "dev-cluster: already running (pid $(cat "$dir/pid")); . $dir/env" >&2; exit 1
  fi
  cd "$root"
  [[ -f target/classpath.txt && -d target/test-classes ]] || { echo "dev-cluster: build first" >&2; exit 2; }
  [[ -f target/classpath-test.txt ]] || mvn -o -q dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/classpath-test.txt
  rm -f "$dir/env"
  nohup java -Xmx1g -cp "target/test-classes:$(cat target/classpath-test.txt)" io.topicpulse.jobs.DevCluster \
      "$dir" "$@" >"$dir/dev-cluster.log" 2>&1 &
  echo $! >"$dir/pid"
  while [[ ! -f "$dir/env" ]]; do
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { tail -n 40 "$dir/dev-cluster.log" >&2; exit 1; }
    sleep 1
  done
  cat "$dir/env"
  ;;
stop)
  [[ -f "$dir/pid" ]] || { echo "dev-cluster: no $dir/pid" >&2; exit 1; }
  pid="$(cat "$dir/pid")"
  kill "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do sleep 1; done
  rm -f "$dir/pid" "$dir/env"
  tail -n 1 "$dir/dev-cluster.log"
  ;;
esac
