#!/usr/bin/env bash
# Builds the runtime (tests skipped) and starts the server with the embedded repository and demo content.
# Settings: sunne-kommuner.properties in this folder or SK_* environment variables (see README).
set -euo pipefail
cd "$(dirname "$0")"
jar=$(ls target/sunne-kommuner-cms-*.jar 2>/dev/null | head -n 1 || true)
# build when there is no jar yet or a source is newer than it (an unchanged jar keeps the class-data archive valid)
if [ -z "$jar" ] || [ ! -d target/lib ] || [ -n "$(find pom.xml src -newer "$jar" -print -quit)" ]; then
  mvn -B -ntp -q -DskipTests package dependency:copy-dependencies -DincludeScope=runtime \
      -DoutputDirectory=target/lib >&2
  jar=$(ls target/sunne-kommuner-cms-*.jar | head -n 1)
fi
# A class-data archive (AppCDS) of the classes the server loads makes later starts about 2 s faster. The first
# start writes it when the server stops; a rebuilt jar makes it stale, and it is written again.
archive=target/sunne-kommuner-cms.jsa
if [ -f "$archive" ] && [ "$archive" -nt "$jar" ]; then
  share="-XX:SharedArchiveFile=$archive"
else
  rm -f "$archive"
  share="-XX:ArchiveClassesAtExit=$archive"
fi
# heap and collector from jvm.options (README, Memory); JAVA_OPTS after them overrides
defaults=$(sed -e 's/#.*//' jvm.options | xargs)
# glibc gives every busy thread its own malloc arena (64 MB reserved each): two keep the native memory small
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
# exec: Ctrl-C reaches the JVM, whose shutdown hook closes Jetty and the repository cleanly.
exec java "$share" -Xlog:cds=off -Xlog:cds+dynamic=off $defaults ${JAVA_OPTS:-} -cp "$jar:target/lib/*" \
    no.sunnekommuner.cms.server.Main "$@"
