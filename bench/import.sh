#!/usr/bin/env bash
# Import benchmark: a system-view file of 20,000 benefits imported over HTTP while another client keeps saving
# single items in the same workspace; prints the import time and the single saves' latencies meanwhile.
# JAVA_OPTS="-Dbench.items=N" changes the size; SK_IMPORT_BATCH_NODES (or -Dsk.import.batchNodes) the batches.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -ntp -q -DskipTests test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt >&2
exec java ${JAVA_OPTS:-} -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
    no.sunnekommuner.cms.bench.ImportBenchmark "$@"
