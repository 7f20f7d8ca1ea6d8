#!/bin/sh
# Benchmark of x86-64 generated code against gcc -O2 and tcc, and of compile time per template
# against libtcc on the equivalent C (docs/performance.md, "Generated code (x86-64)").
# Needs: the modules built, gcc, tcc, libtcc (libtcc-dev), java 17:
#   mvn -q -o package -pl bundles/backend-x86 -am -DskipTests
#   usage: bundles/backend-x86/src/bench/run.sh [warm-up seconds] [samples]   (from anywhere)
# The templates (src/bench/templates) go through the real front end and backend (TemplateBench);
# the same kernels in plain C (kernels.c) are compiled by gcc -O2 and tcc; bench.c times all three
# in one process, then times libtcc compiling each template's C equivalent (src/bench/tcc).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
module=$(dirname "$(dirname "$here")")
root=$(dirname "$(dirname "$module")")
out=$module/target/bench
mkdir -p "$out/classes"
cp="$module/target/classes:$root/bundles/api/target/classes:$root/bundles/inference/target/classes"
javac -proc:none -nowarn -d "$out/classes" -cp "$cp" $(find "$here/java" -name '*.java')
# The collector and the inlining limits of the product's JVM (boot.c): G1, the default collector,
# slows the compiler with its barriers; C2's default limits make its code larger than the caches.
java -XX:+UseSerialGC -XX:InlineSmallCode=1000 -XX:FreqInlineSize=200 -cp "$out/classes:$cp" dev.simplec.backend.x86.bench.TemplateBench "$out" "$here" \
    "$root/distribution/src/bench/c/kernel30.spt" "${1:-20}" "${2:-2000}"
gcc -O2 -c -DNAME_PREFIX=gcc_ -o "$out/k_gcc.o" "$here/kernels.c"
tcc -c -DNAME_PREFIX=tcc_ -o "$out/k_tcc.o" "$here/kernels.c"
gcc -O2 -o "$out/bench" "$here/bench.c" "$out/k_gcc.o" "$out/k_tcc.o" -ltcc -ldl -lm
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg); $(gcc --version | head -1); tcc $(tcc -v | head -1 | cut -d' ' -f3)"
"$out/bench" "$out" "$here/tcc" "$root/distribution/src/bench/c/kernel30.c"
