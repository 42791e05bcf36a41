#!/usr/bin/env bash
# Delivery benchmark. The server runs in its own JVM (started as ./start.sh starts it, from the jar).
#   ./bench/delivery.sh              concurrent mode: 10,000 published articles (kept in target/bench/data for later
#                                    runs), 16 clients, response cache off and then on; five request types next to a
#                                    static file of similar size; requests/s, p50/p99, ratio to static, RSS
#   ./bench/delivery.sh scale        scale mode: 1,000 and 10,000 articles (JAVA_OPTS=-Dbench.sizes=1000,10000,100000
#                                    adds 100,000); per size: fill rate, save/publish p50/p99, start-up, uncached
#                                    list and deep-page p99 (one client), RSS; repositories kept in target/bench/scale-N
# BENCH_SERVER_JVM_ARGS="-Xlog:gc:file=gc.log -Xmx512m" adds JVM options to the server's (after jvm.options).
# Both end with one "summary mode=... request=... rps=... p50=... p99=... static_ratio=..." line per measurement.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
# the server runs with the jar and the runtime class path only, as ./start.sh runs it
mvn -B -ntp -q dependency:build-classpath -Dmdep.includeScope=runtime \
    -Dmdep.outputFile=target/bench-server-classpath.txt >&2
jar=$(ls target/sunne-kommuner-cms-*.jar | head -n 1)
# a rebuilt jar makes the server's class-data archive stale
if [ -f target/bench/server.jsa ] && [ target/bench/server.jsa -ot "$jar" ]; then rm -f target/bench/server.jsa; fi
exec java ${JAVA_OPTS:-} ${BENCH_SERVER_JVM_ARGS:+"-Dbench.serverJvmArgs=$BENCH_SERVER_JVM_ARGS"} \
    -Dbench.serverClasspath="$jar:$(cat target/bench-server-classpath.txt)" \
    -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.DeliveryBenchmark "$@"
