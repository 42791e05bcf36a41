#!/usr/bin/env bash
# Editor benchmark: 10,000 news articles, Chromium opening the news app; prints the time to the first rows shown
# (and for sorting, searching and jumping to the middle). Shares target/bench/data with bench/delivery.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.EditorBenchmark "$@"
