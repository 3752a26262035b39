#!/usr/bin/env bash
# Event streams, gen's runtime against Apple's swift-openapi-runtime (1.13.4), side by side in one run:
# - decoding: the same body (COUNT OpenAI chat completion chunks, then `data: [DONE]`, in 16 KiB pieces) decoded into
#   the same Codable type, by gen's `EventStream` and by `asDecodedServerSentEventsWithJSONData(of:decoder:while:)` as
#   Apple's documentation shows for OpenAI;
# - encoding (what a server that streams does): the same COUNT values encoded as JSON Lines and as Server-sent events,
#   by gen's `EventBody.encoded(as:)` and by Apple's `asEncodedJSONLines()` and
#   `asEncodedServerSentEventsWithJSONData()`, read chunk by chunk.
# All are release builds, run alternately RUNS times; prints medians (events per second, peak memory) and ratios.
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
mkdir -p "$work/Sources/GenSSE" "$work/Sources/AppleSSE" "$work/Sources/GenEncode" "$work/Sources/AppleEncode"

cd "$root"
swift build --product gen >/dev/null
# gen's side: its runtime as gen writes it (the client of the streaming test API), the event type and the program.
# Neither side links a transport: gen's module leaves URLSessionTransport out (`urlSession: false`, as a server or
# an AsyncHTTPClient client has it), so that FoundationNetworking and libcurl are not in its memory at start.
rm -rf "$work/Sources/GenSSE/Generated"
printf 'urlSession: false\n' >"$work/gen-config.yaml"
.build/debug/gen Tests/StreamsAPI/openapi.yaml --config "$work/gen-config.yaml" \
    --output "$work/Sources/GenSSE/Generated" --quiet --no-fixture-files
cp Benchmarks/SSE/Chunk.swift "$work/Sources/GenSSE/Chunk.swift"
cp Benchmarks/SSE/GenMain.swift "$work/Sources/GenSSE/main.swift"
cp Benchmarks/SSE/Chunk.swift "$work/Sources/AppleSSE/Chunk.swift"
cp Benchmarks/SSE/AppleMain.swift "$work/Sources/AppleSSE/main.swift"
# The encoders: gen's side compiles the same generated runtime (a symbolic link to GenSSE's copy).
rm -rf "$work/Sources/GenEncode/Generated"
ln -s ../GenSSE/Generated "$work/Sources/GenEncode/Generated"
cp Benchmarks/SSE/Chunk.swift "$work/Sources/GenEncode/Chunk.swift"
cp Benchmarks/SSE/GenEncode.swift "$work/Sources/GenEncode/main.swift"
cp Benchmarks/SSE/Chunk.swift "$work/Sources/AppleEncode/Chunk.swift"
cp Benchmarks/SSE/AppleEncode.swift "$work/Sources/AppleEncode/main.swift"
cat >"$work/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "SSEBenchmark",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4")],
    targets: [
        .executableTarget(name: "GenSSE"),
        .executableTarget(name: "AppleSSE", dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]),
        .executableTarget(name: "GenEncode"),
        .executableTarget(name: "AppleEncode", dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")]),
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
gen_start=$(awk '{ print $5 }' "$work/gen.txt" | median)
apple_start=$(awk '{ print $5 }' "$work/apple.txt" | median)
echo "Server-sent events decoding: $count OpenAI chat completion chunks, median of $runs alternating runs"
echo
# "at start": the process's resident memory before it makes the body (its libraries); "used": peak minus that.
echo "| decoder | events per second | seconds | peak memory | at start | used |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
row() { awk -v n="$1" -v c="$count" -v s="$2" -v m="$3" -v b="$4" 'BEGIN { printf "| %s | %d | %.3f | %.1f MiB | %.1f MiB | %.1f MiB |\n", n, c / s, s, m / 1024, b / 1024, (m - b) / 1024 }'; }
row "gen EventStream" "$gen_seconds" "$gen_memory" "$gen_start"
row "Apple asDecodedServerSentEventsWithJSONData" "$apple_seconds" "$apple_memory" "$apple_start"
awk -v g="$gen_seconds" -v a="$apple_seconds" -v gm="$gen_memory" -v am="$apple_memory" -v gb="$gen_start" -v ab="$apple_start" \
    'BEGIN { printf "\ngen decodes %.2fx as many events per second as Apple'"'"'s runtime; peak memory %.2fx its peak, %.2fx the memory it uses beyond its start.\n", a / g, gm / am, (gm - gb) / (am - ab) }'

# Encoding, each framing: the same values through both encoders, alternately.
echo
echo "Event encoding: $count OpenAI chat completion chunks, median of $runs alternating runs"
echo
echo "| framing | encoder | events per second | seconds | peak memory | at start | used |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
ratios=""
for framing in jsonl sse; do
    : >"$work/gen-$framing.txt"
    : >"$work/apple-$framing.txt"
    for _ in $(seq "$runs"); do
        "$bin/GenEncode" "$count" "$framing" >>"$work/gen-$framing.txt"
        "$bin/AppleEncode" "$count" "$framing" >>"$work/apple-$framing.txt"
    done
    gs=$(awk '{ print $3 }' "$work/gen-$framing.txt" | median)
    as=$(awk '{ print $3 }' "$work/apple-$framing.txt" | median)
    gm=$(awk '{ print $4 }' "$work/gen-$framing.txt" | median)
    am=$(awk '{ print $4 }' "$work/apple-$framing.txt" | median)
    gb=$(awk '{ print $5 }' "$work/gen-$framing.txt" | median)
    ab=$(awk '{ print $5 }' "$work/apple-$framing.txt" | median)
    if [ "$framing" = jsonl ]; then apple_name="asEncodedJSONLines"; else apple_name="asEncodedServerSentEventsWithJSONData"; fi
    row "$framing | gen EventBody.encoded(as:)" "$gs" "$gm" "$gb"
    row "$framing | Apple $apple_name" "$as" "$am" "$ab"
    ratios+=$(awk -v f="$framing" -v g="$gs" -v a="$as" -v gm="$gm" -v am="$am" -v gb="$gb" -v ab="$ab" 'BEGIN { printf "%s: gen encodes %.2fx as many events per second as Apple'"'"'s runtime; peak memory %.2fx its peak, %.2fx the memory it uses beyond its start.\n", f, a / g, gm / am, (gm - gb) / (am - ab) }')$'\n'
done
echo
printf "%s" "$ratios"
}
