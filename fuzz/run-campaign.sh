#!/bin/sh
# Runs one Jazzer fuzz target in fuzzing mode for a while (docs/reliability.md, "A long campaign").
#
#   fuzz/run-campaign.sh <target> <minutes>     e.g.  fuzz/run-campaign.sh x86.instantiate 30
#   fuzz/run-campaign.sh --list                 the targets
#
# Findings (crash-*, timeout-*, slow-unit-*) are written into the target's seed folder under
# src/test/resources, so the next `mvn verify` replays them; the generated corpus stays in
# bundles/<module>/.cifuzz-corpus/ (not versioned) and the next campaign resumes from it. The log,
# with the executions per second, is target/fuzz-<target>.log of the module.
#
# Environment: FUZZ_JVM_OPTS, the fuzzing JVM's options (default -Xmx1g: a campaign's heap grows to a
# quarter of the machine otherwise, and two campaigns side by side ran a 23 GB machine out of memory);
# FUZZ_SKIP_INSTALL=1 when this tree's modules are in the local Maven repository already (several
# campaigns started at once from copies of one tree then do not write the same jars there together).
set -eu

targets() {
    cat <<'LIST'
serializer.readType          bundles/serializer   SerializerFuzzTest#readType
serializer.readTypes         bundles/serializer   SerializerFuzzTest#readTypes
serializer.readHints         bundles/serializer   SerializerFuzzTest#readHints
serializer.readTemplate      bundles/serializer   SerializerFuzzTest#readTemplate
serializer.decodeBinary      bundles/serializer   SerializerFuzzTest#decodeBinary
serializer.writeBuiltTypes   bundles/serializer   SerializerFuzzTest#writeBuiltTypes
frontend.checkSource         bundles/inference    FrontEndFuzzTest#checkSource
frontend.inferTypes          bundles/inference    FrontEndFuzzTest#inferTypes
frontend.generatedTemplates  bundles/inference    FrontEndFuzzTest#generatedTemplates
x86.instantiate              bundles/backend-x86  X86InstantiateFuzzTest#instantiate
arm.instantiate              bundles/backend-arm  Arm64InstantiateFuzzTest#instantiate
LIST
}

if [ "${1:-}" = "--list" ]; then
    targets
    exit 0
fi
if [ $# -ne 2 ]; then
    echo "usage: $0 <target> <minutes>   (targets: $0 --list)" >&2
    exit 2
fi
target=$1
minutes=$2
line=$(targets | awk -v t="$target" '$1 == t { print $2, $3 }')
if [ -z "$line" ]; then
    echo "unknown target $target; the targets are:" >&2
    targets >&2
    exit 2
fi
module=${line% *}
test=${line#* }
cd "$(dirname "$0")/.."

# The module and what it depends on (the backends use the front end's test jar) as this tree has them.
if [ "${FUZZ_SKIP_INSTALL:-0}" != 1 ]; then
    mvn -q -o install -DskipTests -pl "$module" -am
fi

log="$module/target/fuzz-$target.log"
marker="$module/target/fuzz-$target.start"
mkdir -p "$module/target"
touch "$marker"
seconds=$((minutes * 60))
echo "fuzzing $target ($module, $test) for $minutes min; log: $log"
# -timeout: an input that runs longer than 10 s is a finding too (nothing may hang).
status=0
JAZZER_FUZZ=1 mvn -o test -pl "$module" -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false \
    -DargLine="${FUZZ_JVM_OPTS:--Xmx1g}" \
    -Djazzer.internal.arg.0=fuzz \
    -Djazzer.internal.arg.1=-max_total_time=$seconds \
    -Djazzer.internal.arg.2=-timeout=10 \
    > "$log" 2>&1 || status=$?

grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1 | \
    awk '{ printf "%s runs in %s s: %.0f exec/s\n", $2, $5, $2 / ($5 > 0 ? $5 : 1) }' || true
if [ $status -ne 0 ]; then
    echo "FINDING (or failure): see $log; new inputs in the seed folder:" >&2
    find "$module/src/test/resources" -newer "$marker" \( -name 'crash-*' -o -name 'timeout-*' -o -name 'slow-unit-*' \) >&2 || true
    exit 1
fi
echo "no finding"
