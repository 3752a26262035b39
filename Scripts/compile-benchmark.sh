#!/usr/bin/env bash
# Measures what the generated code costs the people who build it: a clean `swift build` (debug, Swift 6 mode) of a
# package holding gen's output for one spec, then the rebuild after a one-line change to the spec (a description,
# which changes one doc comment), and the no-op rebuild. Prints generated files, lines, and the three times.
#
#   Scripts/compile-benchmark.sh                       # GitHub's description from ../shared/specs
#   Scripts/compile-benchmark.sh path/to/spec.yaml 'sed expression making a one-line change'
#   GEN=/path/to/other/gen Scripts/compile-benchmark.sh   # another build of gen (e.g. an older commit), to compare
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="${1:-$root/../shared/specs/github-createapi/github.yaml}"
# Default edit: the description of GitHub's `repository` schema (one doc comment in Models+R.swift changes).
edit="${2:-0,/      description: A git repository/s//      description: A git repository (edited)/}"
work="$(mktemp -d)"
cd "$root"
if [ -z "${GEN:-}" ]; then swift build -c release --product gen >/dev/null; fi
gen="${GEN:-$root/.build/release/gen}"

mkdir -p "$work/pkg/Sources"
cp "$spec" "$work/spec.yaml"
cat >"$work/pkg/Package.swift" <<'EOF'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "CompileBenchmark",
    targets: [.target(name: "API", path: "Sources/API",
                      swiftSettings: [.unsafeFlags(["-warnings-as-errors"])])]
)
EOF

generate() { "$gen" "$work/spec.yaml" --output "$work/pkg/Sources/API" --quiet --no-fixture-files 2>/dev/null; }
build() {
    local start end
    start=$(date +%s%N)
    (cd "$work/pkg" && swift build >"$work/build.log" 2>&1) || { cat "$work/build.log" >&2; exit 1; }
    end=$(date +%s%N)
    echo "scale=1; ($end - $start) / 1000000000" | bc -l
}

generate
files=$(find "$work/pkg/Sources/API" -name '*.swift' | wc -l)
lines=$(cat "$work/pkg/Sources/API"/*.swift | wc -l)
(cd "$work/pkg" && swift package resolve >/dev/null 2>&1 || true)
clean=$(build)
noop=$(build)
sed -i "$edit" "$work/spec.yaml"
cmp -s "$spec" "$work/spec.yaml" && { echo "compile-benchmark: the edit changed nothing in the spec" >&2; exit 1; }
generate
one_line=$(build)
echo "| spec | Swift files | lines | clean swift build | rebuild after a one-line spec change | no-op rebuild |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
echo "| $(basename "$spec") | $files | $lines | $clean s | $one_line s | $noop s |"
echo "(debug build, $(nproc) cores; package kept in $work)"
