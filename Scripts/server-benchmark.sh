#!/usr/bin/env bash
# Server throughput and latency, side by side in one run: Examples/RunsServer's `runs-server` (gen's APIRouter through
# the generated HummingbirdAdapter, handlers of RunsService) against the same handler logic served by Apple's
# swift-openapi-generator (1.14.3, types and server from api/runs.yaml) through swift-openapi-hummingbird (2.1.0), or,
# with BASE_REV, against `runs-server` built from gen at that revision (before and after a change to gen).
# Both are release builds on Hummingbird 2.28; wrk (Debian's package) loads one server at a time on loopback,
# alternating, ROUNDS rounds per endpoint; prints the median requests per second and p99 latency, and the ratios.
#
#   Scripts/server-benchmark.sh                       # 5 rounds of 10 s per server and endpoint, against Apple's
#   BASE_REV=d6f6963 Scripts/server-benchmark.sh      # against gen at d6f6963 (a git worktree, built in $PERF_CACHE)
#   ROUNDS=3 DURATION=5s CONNECTIONS=32 Scripts/server-benchmark.sh
#
# Apple's side is built outside this repository, in $PERF_CACHE (default ~/.cache/gen-perf), from the package copies
# SwiftPM resolves offline; nothing of Apple's is committed. With BASE_REV a third endpoint is measured,
# `GET /api/v1/runs` with four query parameters the router checks against their bounds and enums (Apple's side does
# not serve it).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds="${ROUNDS:-5}"
duration="${DURATION:-10s}"
connections="${CONNECTIONS:-16}"
work="${PERF_CACHE:-$HOME/.cache/gen-perf}/server"
command -v wrk >/dev/null || { echo "server-benchmark: wrk is missing (apt-get install wrk)" >&2; exit 1; }
mkdir -p "$work/Sources/AppleRuns"

cp "$root/api/runs.yaml" "$work/Sources/AppleRuns/openapi.yaml"
printf 'generate:\n  - types\n  - server\n' >"$work/Sources/AppleRuns/openapi-generator-config.yaml"
cp "$root/Benchmarks/Server/AppleMain.swift" "$work/Sources/AppleRuns/main.swift"
cat >"$work/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "AppleRunsServer",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3"),
        .package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4"),
        .package(url: "https://github.com/hummingbird-project/swift-openapi-hummingbird", exact: "2.1.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", exact: "2.28.1"),
    ],
    targets: [
        .executableTarget(
            name: "AppleRuns",
            dependencies: [
                .product(name: "OpenAPIRuntime", package: "swift-openapi-runtime"),
                .product(name: "OpenAPIHummingbird", package: "swift-openapi-hummingbird"),
                .product(name: "Hummingbird", package: "hummingbird"),
            ],
            plugins: [.plugin(name: "OpenAPIGenerator", package: "swift-openapi-generator")]
        )
    ]
)
SWIFT
echo "server-benchmark: building both servers (release)" >&2
(cd "$root/Examples/RunsServer" && swift build -c release --product runs-server >"$work/gen-build.log" 2>&1) \
    || { tail -30 "$work/gen-build.log"; exit 1; }
gen_bin="$root/Examples/RunsServer/.build/release/runs-server"
endpoints=("/api/v1/runs/0" "/scheduler/runStatus?runCounter=0")
if [ -n "${BASE_REV:-}" ]; then
    # gen at BASE_REV: its own worktree and build, so the Examples package builds against that revision's plugin.
    base="$work/base-$(git -C "$root" rev-parse --short "$BASE_REV")"
    [ -d "$base" ] || git -C "$root" worktree add --detach "$base" "$BASE_REV" >/dev/null 2>&1
    (cd "$base/Examples/RunsServer" && swift build -c release --product runs-server >"$work/base-build.log" 2>&1) \
        || { tail -30 "$work/base-build.log"; exit 1; }
    other="gen@$(git -C "$root" rev-parse --short "$BASE_REV")"
    other_command=("$base/Examples/RunsServer/.build/release/runs-server")
    endpoints+=("/api/v1/runs?limit=10&orderBy=id&orderByDirection=desc&runStatus=completed")
else
    (cd "$work" && swift build -c release >"$work/apple-build.log" 2>&1) || { tail -30 "$work/apple-build.log"; exit 1; }
    other="Apple"
    other_command=("$work/.build/release/AppleRuns" --run "$root/Generated/Fixtures/getRun/200.json")
fi

gen_port=18080
other_port=18081
"$gen_bin" --port "$gen_port" >"$work/gen-server.log" 2>&1 &
gen_pid=$!
"${other_command[@]}" --port "$other_port" >"$work/other-server.log" 2>&1 &
other_pid=$!
trap 'kill $gen_pid $other_pid 2>/dev/null || true' EXIT
for port in $gen_port $other_port; do
    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.2
    done
done

# wrk's p99 in milliseconds, and its requests per second.
measure() {
    local url=$1 out
    out=$(wrk -t1 -c"$connections" -d"$duration" --latency -H "Authorization: Bearer secret" "$url")
    local rps p99
    rps=$(echo "$out" | awk '/^Requests\/sec:/ { print $2 }')
    p99=$(echo "$out" | awk '$1 == "99%" { v = $2; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } print v }')
    local errors
    errors=$(echo "$out" | awk '/Non-2xx or 3xx responses:/ { print $5 }')
    [ -z "$errors" ] || { echo "server-benchmark: $url answered $errors non-2xx responses" >&2; exit 1; }
    echo "$rps $p99"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "Runs API server, wrk -t1 -c$connections -d$duration per round, median of $rounds alternating rounds"
echo
echo "| endpoint | gen requests/s | $other requests/s | gen/$other | gen p99 | $other p99 | $other p99/gen p99 |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for endpoint in "${endpoints[@]}"; do
    # Both answer 200 before anything is measured (a wrong answer would be fast and meaningless).
    for port in $gen_port $other_port; do
        code=$(curl -s -o /dev/null -w '%{http_code}' -H "Authorization: Bearer secret" "http://127.0.0.1:$port$endpoint")
        [ "$code" = 200 ] || { echo "server-benchmark: $port$endpoint answered $code" >&2; exit 1; }
        wrk -t1 -c"$connections" -d2s -H "Authorization: Bearer secret" "http://127.0.0.1:$port$endpoint" >/dev/null
    done
    : >"$work/gen.txt"
    : >"$work/other.txt"
    for _ in $(seq "$rounds"); do
        measure "http://127.0.0.1:$gen_port$endpoint" >>"$work/gen.txt"
        measure "http://127.0.0.1:$other_port$endpoint" >>"$work/other.txt"
    done
    gen_rps=$(awk '{ print $1 }' "$work/gen.txt" | median)
    other_rps=$(awk '{ print $1 }' "$work/other.txt" | median)
    gen_p99=$(awk '{ print $2 }' "$work/gen.txt" | median)
    other_p99=$(awk '{ print $2 }' "$work/other.txt" | median)
    awk -v e="GET $endpoint" -v gr="$gen_rps" -v ar="$other_rps" -v gp="$gen_p99" -v ap="$other_p99" 'BEGIN {
        printf "| `%s` | %d | %d | %.2fx | %.2f ms | %.2f ms | %.2fx |\n", e, gr, ar, gr / ar, gp, ap, ap / gp }'
done
