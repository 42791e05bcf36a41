#!/usr/bin/env bash
# Media benchmark: rendition time and memory of a 24-megapixel JPEG (subsampled decode vs a full decode), upload
# throughput over HTTP, cached rendition throughput vs the same file as a static file, and the p99 of a delivery
# list query before and during a burst of rendition requests. JAVA_OPTS="-Dbench.uploads=N" changes the uploads.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
exec java ${JAVA_OPTS:--Xmx1g} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.MediaBenchmark "$@"
