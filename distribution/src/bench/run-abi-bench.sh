#!/bin/sh
# Builds and runs the C ABI benchmark and (with --soak) the soak run against the distribution
# of this build (distribution/target/simplec). Needs gcc and libtcc-dev.
#   distribution/src/bench/run-abi-bench.sh [--soak [cycles]]
set -e
here=$(cd "$(dirname "$0")" && pwd)
dist=$(cd "$here/../../target/simplec" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export JAVA_HOME="${JAVA_HOME:-$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")}"
flags="-O2 -I$dist/include -L$dist/lib -Wl,-rpath,$dist/lib -lsimplec -pthread"
if [ "$1" = "--soak" ]; then
    # shellcheck disable=SC2086
    gcc -o "$work/soak" "$here/c/soak.c" $flags
    "$work/soak" "${2:-1000000}"
else
    # shellcheck disable=SC2086
    gcc -o "$work/abi_bench" "$here/c/abi_bench.c" $flags -I"$JAVA_HOME/include" -I"$JAVA_HOME/include/linux" -ltcc -ldl
    "$work/abi_bench" "$here/c" "${1:-20000}"
fi
