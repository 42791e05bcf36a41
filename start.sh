#!/usr/bin/env bash
# Builds the runtime (tests skipped) and starts the server with the embedded repository and demo content.
# Settings: sunne-kommuner.properties in this folder or SK_* environment variables (see README).
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -ntp -q -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory=target/lib >&2
# exec: Ctrl-C reaches the JVM, whose shutdown hook closes Jetty and the repository cleanly.
exec java ${JAVA_OPTS:-} -cp "target/classes:target/lib/*" no.sunnekommuner.cms.server.Main "$@"
