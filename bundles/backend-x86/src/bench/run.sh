#!/bin/sh
# Benchmark of x86-64 generated code against gcc -O2 and tcc (docs/performance.md, "Generated code (x86-64)").
# Needs: the module built (mvn -q -o install -pl bundles/api && mvn -q -o install -pl bundles/backend-x86 -DskipTests
# leaves target/classes and target/test-classes), gcc, tcc, java.
#   usage: bundles/backend-x86/src/bench/run.sh      (from the repository root or anywhere)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$(dirname "$here")")
out=$module/target/bench
mkdir -p "$out"
api=$module/../api/target/classes
cp="$module/target/classes:$module/target/test-classes:$api"
java -cp "$cp" dev.simplec.backend.x86.BenchMain "$out"
gcc -O2 -c -DNAME_PREFIX=gcc_ -o "$out/k_gcc.o" "$here/kernels.c"
tcc -c -DNAME_PREFIX=tcc_ -o "$out/k_tcc.o" "$here/kernels.c"
gcc -O2 -o "$out/bench" "$here/bench.c" "$out/k_gcc.o" "$out/k_tcc.o" -lm
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; $(gcc --version | head -1); tcc $(tcc -v | head -1 | cut -d' ' -f3)"
"$out/bench" "$out"
