#!/usr/bin/env bash
# Delivery benchmark: 10,000 published news articles, the server in its own JVM (started as ./start.sh starts it,
# from the jar with a class-data archive), a fixed request mix. Prints start-up time, latency (p50/p99) and
# throughput per request type with the ratio to a static file. The filled repository is kept in target/bench/data
# for later runs (delete it to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
# the server runs with the jar and the runtime class path only, as ./start.sh runs it
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/bench-server-classpath.txt >&2
jar=$(ls target/sunne-kommuner-cms-*.jar | head -n 1)
# a rebuilt jar makes the server's class-data archive stale
if [ -f target/bench/server.jsa ] && [ target/bench/server.jsa -ot "$jar" ]; then rm -f target/bench/server.jsa; fi
exec java ${JAVA_OPTS:-} -Dbench.serverClasspath="$jar:$(cat target/bench-server-classpath.txt)" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.DeliveryBenchmark "$@"
