#!/usr/bin/env bash
# Server-sent events decoding, gen's runtime against Apple's swift-openapi-runtime (1.13.4), side by side in one run:
# the same body (COUNT OpenAI chat completion chunks, then `data: [DONE]`, in 16 KiB pieces) decoded into the same
# Codable type, by gen's `EventStream` and by `asDecodedServerSentEventsWithJSONData(of:decoder:while:)` as Apple's
# documentation shows for OpenAI. Both are release builds, run alternately RUNS times; prints medians and ratios.
#
#   Scripts/sse-benchmark.sh              # 100,000 events, 5 runs each
#   COUNT=20000 RUNS=9 Scripts/sse-benchmark.sh
#
# The benchmark package is built outside this repository, in $PERF_CACHE (default ~/.cache/gen-perf), from the
# package copies SwiftPM resolves offline; nothing of Apple's is committed.
set -euo pipefail
{
root="$(cd "$(dirname "$0")/.." && pwd)"
count="${COUNT:-100000}"
runs="${RUNS:-5}"
work="${PERF_CACHE:-$HOME/.cache/gen-perf}/sse"
mkdir -p "$work/Sources/GenSSE" "$work/Sources/AppleSSE"

cd "$root"
swift build --product gen >/dev/null
# gen's side: its runtime as gen writes it (the client of the streaming test API), the event type and the program.
rm -rf "$work/Sources/GenSSE/Generated"
.build/debug/gen Tests/StreamsAPI/openapi.yaml --output "$work/Sources/GenSSE/Generated" --quiet --no-fixture-files
cp Benchmarks/SSE/Chunk.swift "$work/Sources/GenSSE/Chunk.swift"
cp Benchmarks/SSE/GenMain.swift "$work/Sources/GenSSE/main.swift"
cp Benchmarks/SSE/Chunk.swift "$work/Sources/AppleSSE/Chunk.swift"
cp Benchmarks/SSE/AppleMain.swift "$work/Sources/AppleSSE/main.swift"
cat >"$work/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "SSEBenchmark",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4")],
    targets: [
        .executableTarget(name: "GenSSE"),
        .executableTarget(name: "AppleSSE", dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]),
    ]
)
SWIFT
(cd "$work" && swift build -c release >"$work/build.log" 2>&1) || { tail -30 "$work/build.log"; exit 1; }
bin="$work/.build/release"

median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
: >"$work/gen.txt"
: >"$work/apple.txt"
for _ in $(seq "$runs"); do
    "$bin/GenSSE" "$count" >>"$work/gen.txt"
    "$bin/AppleSSE" "$count" >>"$work/apple.txt"
done
gen_seconds=$(awk '{ print $3 }' "$work/gen.txt" | median)
apple_seconds=$(awk '{ print $3 }' "$work/apple.txt" | median)
gen_memory=$(awk '{ print $4 }' "$work/gen.txt" | median)
apple_memory=$(awk '{ print $4 }' "$work/apple.txt" | median)
echo "Server-sent events decoding: $count OpenAI chat completion chunks, median of $runs alternating runs"
echo
echo "| decoder | events per second | seconds | peak memory |"
echo "| --- | ---: | ---: | ---: |"
awk -v c="$count" -v s="$gen_seconds" -v m="$gen_memory" 'BEGIN { printf "| gen EventStream | %d | %.3f | %.1f MiB |\n", c / s, s, m / 1024 }'
awk -v c="$count" -v s="$apple_seconds" -v m="$apple_memory" 'BEGIN { printf "| Apple asDecodedServerSentEventsWithJSONData | %d | %.3f | %.1f MiB |\n", c / s, s, m / 1024 }'
awk -v g="$gen_seconds" -v a="$apple_seconds" -v gm="$gen_memory" -v am="$apple_memory" \
    'BEGIN { printf "\ngen decodes %.2fx as many events per second as Apple'"'"'s runtime, with %.2fx its peak memory.\n", a / g, gm / am }'
}
