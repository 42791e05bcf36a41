#!/usr/bin/env bash
# Delivery benchmark: 10,000 published news articles, the server in its own JVM, a fixed request mix.
# Prints start-up time, latency (p50/p99) and throughput per request type with the ratio to a static file.
# The filled repository is kept in target/bench/data for later runs (delete it to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
# the server runs with the runtime class path only, as ./start.sh runs it
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/bench-server-classpath.txt >&2
exec java ${JAVA_OPTS:-} -Dbench.serverClasspath="target/classes:$(cat target/bench-server-classpath.txt)" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.DeliveryBenchmark "$@"
