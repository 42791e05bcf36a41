#!/usr/bin/env bash
# Cluster benchmark: two server JVMs on one private PostgreSQL server (Debian's postgresql package, started in a
# temporary folder on a free port). Prints delivery throughput of one instance vs both, the write rate with one,
# two and four writers, and the publish-to-visible latency between the instances (p50/p99).
# Arguments: seconds per measurement (10), client threads (16), repository.syncDelay in ms (1000).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.ClusterBenchmark "$@"
