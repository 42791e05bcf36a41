#!/usr/bin/env bash
# Authentication benchmark: 1,000 nodes-API writes (POST property updates, one after the other) with HTTP Basic
# without the credential cache (what every Basic request cost before it: one bcrypt check), Basic with the cache,
# and an API token. Prints seconds, requests/s and the ratios. Uses a fresh repository in target/bench/tokens.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.TokenBenchmark "$@"
