#!/usr/bin/env bash
# Fuzzes gen's whole pipeline (YAML → reader → emitter → templates) with libFuzzer + AddressSanitizer
# (leak detection included) for the given number of seconds (default 60).
#
#   Scripts/fuzz.sh 1800        # thirty minutes
#   Scripts/fuzz.sh 60 text     # text mode: the input is the text of every prose field of a fixed spec, and the
#                               # generated code (doc comments and literal contents set aside) must not change
#
# Seeds: api/runs.yaml, Tests/BadInputs/*.yaml and, when present, the small specs of ../shared/specs.
# Findings (crash-*, leak-*, timeout-*, oom-*) land in Fuzz/artifacts/; turn each into a file of
# Tests/BadInputs/ with its expected diagnostics.
set -euo pipefail
seconds="${1:-60}"
mode="${2:-pipeline}"
# A crash is reported by libFuzzer and AddressSanitizer; the Swift backtracer would only hold the process.
export SWIFT_BACKTRACE=enable=no
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root/Fuzz"
swift build -c release -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -use-ld=lld >/dev/null
if [ "$mode" = "text" ]; then
    corpus="${FUZZ_CORPUS:-$root/Fuzz/.build/text-corpus}"
    mkdir -p "$corpus" artifacts
    cp "$root"/Fuzz/text-seeds/* "$corpus/"
    export GEN_FUZZ_MODE=text
    exec .build/release/GenFuzz "$corpus" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
        -max_len=4096 -dict="$root/Fuzz/text.dict" -artifact_prefix=artifacts/text- -print_final_stats=1
fi
corpus="${FUZZ_CORPUS:-$root/Fuzz/.build/corpus}"
mkdir -p "$corpus" artifacts
cp "$root/api/runs.yaml" "$corpus/"
cp "$root"/Tests/BadInputs/*.yaml "$corpus/" 2>/dev/null || true
for spec in "$root"/../shared/specs/oai-examples/*/*.yaml; do [ -f "$spec" ] && cp "$spec" "$corpus/"; done
# -timeout: an input slower than 5 s is a hang; -rss_limit_mb: more than 2 GiB is runaway memory.
exec .build/release/GenFuzz "$corpus" -max_total_time="$seconds" -timeout=5 -rss_limit_mb=2048 \
    -max_len=65536 -artifact_prefix=artifacts/ -print_final_stats=1
