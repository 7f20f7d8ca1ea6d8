#!/bin/sh
# The soak run (docs/reliability.md, "Soak"): 8 native threads of mixed C ABI calls, good and bad,
# on a platform hosted in the process (mode b), while the x86-64 backend bundle is updated through
# FileInstall every few seconds. Not part of CI.
#   distribution/src/bench/run-soak.sh [minutes | <n>s] [report-every-s] [swap-every-s]
# Defaults: 60 minutes, a report every 30 s, a swap every 5 s. Needs gcc and a JDK (jar).
# Runs on a private copy of distribution/target/simplec, so neither a rebuild nor another run's
# deploy/ folder can touch it. Exit status: 0 pass, 1 unexpected failures, 2 setup, >128 crash.
set -e
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "$here/../../target/simplec" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
# A long-running host's setting (docs/architecture.md): glibc's arenas, otherwise up to 8 per
# core, one per thread that allocates while others do, each keeping what the JVM's compiler frees.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
case "${1:-60}" in
*s) seconds=${1%s} ;;
*) seconds=$((${1:-60} * 60)) ;;
esac

cp -r "$dist" "$work/simplec"
rm -rf "$work/simplec/deploy" "$work/simplec/log"
mkdir "$work/simplec/deploy"

# Two rebuilds of this build's x86-64 backend that report versions 1.0.1 and 1.0.2, as
# HotSwapIT's Jars.withVersion makes them: Bundle-Version and OSGI-INF/backend.properties.
# The backend leaves bundles/: the jar in deploy/ is the only x86-64 backend, so each update
# replaces the backend that calls are using.
x86="$work/x86-build.jar"
mv "$work/simplec/bundles/"dev.simplec.backend.x86-*.jar "$x86"
for version in 1.0.1 1.0.2; do
    mkdir "$work/jar-$version"
    (cd "$work/jar-$version" && "$JAVA_HOME/bin/jar" xf "$x86")
    sed -i "s/^Bundle-Version: .*/Bundle-Version: $version/" "$work/jar-$version/META-INF/MANIFEST.MF"
    printf 'simplec.backend.version=%s\n' "$version" >"$work/jar-$version/OSGI-INF/backend.properties"
    mv "$work/jar-$version/META-INF/MANIFEST.MF" "$work/MANIFEST-$version.MF"
    "$JAVA_HOME/bin/jar" cfm "$work/x86-$version.jar" "$work/MANIFEST-$version.MF" -C "$work/jar-$version" .
done

cp "$work/x86-1.0.1.jar" "$work/simplec/deploy/soak-x86.jar"

gcc -O2 -Wall -Wextra -Werror -o "$work/soak_swap" "$here/c/soak_swap.c" -I"$work/simplec/include" \
    -L"$work/simplec/lib" -Wl,-rpath,"$work/simplec/lib" -lsimplec -pthread
set +e
"$work/soak_swap" "$seconds" "$work/simplec/deploy" "$work/x86-1.0.1.jar" "$work/x86-1.0.2.jar" "${2:-30}" "${3:-5}"
status=$?
if [ $status -gt 128 ]; then
    echo "crashes: 1 (killed by signal $((status - 128)))"
elif [ $status -le 1 ]; then
    echo "crashes: 0"
fi
case $status in
0) echo "result: PASS" ;;
1) echo "result: FAIL (unexpected failures, see the UNEXPECTED lines)" ;;
2) echo "result: the soak could not start" ;;
*) echo "result: FAIL (crash, exit status $status)" ;;
esac
exit $status
