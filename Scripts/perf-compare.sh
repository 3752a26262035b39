#!/usr/bin/env bash
# gen and Apple's swift-openapi-generator side by side on one spec (GitHub's description by default), in one run on
# this machine: generation (alternating, medians), the libyaml floor, a clean debug build of each one's output, and
# the rebuild after a one-line description change. Prints one Markdown table with the ratios.
#
#   Scripts/perf-compare.sh                  # GitHub, 5 alternating generation runs
#   RUNS=9 Scripts/perf-compare.sh path/to/spec.yaml 'sed expression making a one-line description change'
#   PARTS="generate decode" Scripts/perf-compare.sh     # leave out the compile part (the longest) and the tool build
#
# Apple's generator (1.14.3) and runtime (1.13.4) are built outside this repository, in $PERF_CACHE
# (default ~/.cache/gen-perf), from the package copies SwiftPM resolves offline; nothing of theirs is committed.
set -euo pipefail
# The whole script is one block, read before it runs: editing the file during a run does not change that run.
{
root="$(cd "$(dirname "$0")/.." && pwd)"
spec="${1:-$root/../shared/specs/github-createapi/github.yaml}"
edit="${2:-0,/      description: A git repository/s//      description: A git repository (edited)/}"
runs="${RUNS:-5}"
parts="${PARTS:-generate compile decode tool}"
has() { [[ " $parts " == *" $1 "* ]]; }
bench="${BENCH_DIR:-$root/../shared/bench}"
cache="${PERF_CACHE:-$HOME/.cache/gen-perf}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# --- Tools -------------------------------------------------------------------------------------------------------
cd "$root"
swift build -c release --product gen >/dev/null
gen="$root/.build/release/gen"
# gen as `make install` installs it: the Swift runtime linked in (no shared libraries to load and relocate at
# start), templates beside it.
make -s install PREFIX="$work/prefix" >"$work/install.log" 2>&1 || { tail -20 "$work/install.log" >&2; exit 1; }
installed="$work/prefix/bin/gen"
mkdir -p "$cache/apple-generator"
cat >"$cache/apple-generator/Package.swift" <<'EOF'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "AppleGenerator",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-generator", exact: "1.14.3")],
    targets: []
)
EOF
(cd "$cache/apple-generator" && swift build -c release --product swift-openapi-generator >"$work/apple-build.log" 2>&1) \
    || { tail -20 "$work/apple-build.log"; echo "perf-compare: cannot build Apple's generator" >&2; exit 1; }
apple="$cache/apple-generator/.build/release/swift-openapi-generator"
flags="$(pkg-config --cflags --libs yaml-0.1)"
gcc -O2 -o "$work/yaml_events" "$bench/yaml_events.c" $flags
gcc -O2 -o "$work/yaml_load" "$bench/yaml_load.c" $flags

cp "$spec" "$work/spec.yaml"
# gen's production module: the fixtures belong to a test target (gen-config `fixtures`), so they are not compiled here.
printf 'fixtures: false\n' >"$work/gen-config.yaml"
printf 'generate: [types, client]\naccessModifier: public\n' >"$work/apple-config.yaml"

# --- Generation, alternating -------------------------------------------------------------------------------------
# Appends "wall cpu peak_kb" of the command to the log named first.
measure() {
    local log=$1; shift
    local start end user sys peak
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$work/t" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    read -r user sys peak <"$work/t"
    echo "$(echo "scale=4; ($end - $start) / 1000000000" | bc) $(echo "$user + $sys" | bc) $peak" >>"$log"
}
gen_generate() {  # [executable]
    rm -rf "$work/gen-out"
    ${measure_into:+measure "$measure_into"} "${1:-$gen}" "$work/spec.yaml" --config "$work/gen-config.yaml" --output "$work/gen-out" --quiet
}
apple_generate() {
    rm -rf "$work/apple-out" && mkdir -p "$work/apple-out"
    ${measure_into:+measure "$measure_into"} "$apple" generate "$work/spec.yaml" --config "$work/apple-config.yaml" --output-directory "$work/apple-out"
}
for _ in $(seq "$runs"); do
    has generate || break
    measure_into="$work/gen.log" gen_generate
    measure_into="$work/apple.log" apple_generate
    measure_into="$work/installed.log" gen_generate "$installed"
    rm -rf "$work/runs-out" && measure "$work/runs.log" "$gen" "$root/api/runs.yaml" --output "$work/runs-out" --quiet
    rm -rf "$work/runs-out" && measure "$work/runs-installed.log" "$installed" "$root/api/runs.yaml" --output "$work/runs-out" --quiet
    measure "$work/events.log" "$work/yaml_events" "$work/spec.yaml"
    measure "$work/load.log" "$work/yaml_load" "$work/spec.yaml"
done
# The median of column $2 of log $1.
median() { awk -v c="$2" '{print $c}' "$1" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

# --- Compile: a clean debug build of each output, then the rebuild after a one-line change ------------------------
# Each package is built once untimed (dependencies, package graph, build plan), then the generated module's products
# are deleted and it is built again, timed: the clean build of the generated module alone, on equal terms.
make_package() {  # folder, dependencies, target dependencies
    mkdir -p "$1/Sources/API"
    cat >"$1/Package.swift" <<EOF
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "CompileBenchmark",
    dependencies: [$2],
    targets: [.target(name: "API", dependencies: [$3], path: "Sources/API")]
)
EOF
}
if has compile; then
make_package "$work/gen-pkg" "" ""
make_package "$work/apple-pkg" '.package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4")' \
    '.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")'
# gen writes into the target's folder as a user's `swift run gen` does: files whose bytes did not change are not
# touched, so the rebuild recompiles the files the edit changed (the driver compares modification times).
place_outputs() {
    "$gen" "$work/spec.yaml" --config "$work/gen-config.yaml" --output "$work/gen-pkg/Sources/API" --quiet >/dev/null 2>&1
    apple_generate >/dev/null 2>&1 && cp "$work"/apple-out/*.swift "$work/apple-pkg/Sources/API/"
}
timed_build() {  # package folder → seconds
    local start end
    start=$(date +%s%N)
    (cd "$1" && swift build >"$work/build.log" 2>&1) || { tail -20 "$work/build.log" >&2; exit 1; }
    end=$(date +%s%N)
    echo "scale=1; ($end - $start) / 1000000000" | bc -l
}
clean_module() {  # package folder: delete the API module's build products
    find "$1/.build" -type d -path '*/debug/API.build' -prune -exec rm -rf {} +
    find "$1/.build" -path '*/debug/Modules/API.*' -exec rm -rf {} + 2>/dev/null || true
}
place_outputs
timed_build "$work/gen-pkg" >/dev/null && clean_module "$work/gen-pkg"
timed_build "$work/apple-pkg" >/dev/null && clean_module "$work/apple-pkg"
gen_lines=$(cat "$work"/gen-pkg/Sources/API/*.swift | wc -l)
apple_lines=$(cat "$work"/apple-pkg/Sources/API/*.swift | wc -l)
gen_clean=$(timed_build "$work/gen-pkg")
apple_clean=$(timed_build "$work/apple-pkg")
sed -i "$edit" "$work/spec.yaml"
place_outputs
gen_rebuild=$(timed_build "$work/gen-pkg")
apple_rebuild=$(timed_build "$work/apple-pkg")
fi

# --- Decoding at run time: a list of repositories into each generator's models, release builds, alternating -------
# Both generate only `repos/list-for-org` (a filter in each configuration); the payload is its documented 200
# example's first repository (gen's fixture of it), repeated DECODE_ITEMS times with distinct ids.
decode_items="${DECODE_ITEMS:-10000}"
decode=""
if has decode && grep -q 'operationId: repos/list-for-org' "$spec"; then
    printf 'filter:\n  operations: [repos/list-for-org]\n' >"$work/decode-gen.yaml"
    printf 'generate: [types]\naccessModifier: public\nfilter:\n  operations: [repos/list-for-org]\n' >"$work/decode-apple.yaml"
    mkdir -p "$work/decode/Sources/GenDecode" "$work/decode/Sources/AppleDecode"
    "$gen" "$spec" --config "$work/decode-gen.yaml" --output "$work/decode-gen" --quiet 2>/dev/null
    "$apple" generate "$spec" --config "$work/decode-apple.yaml" --output-directory "$work/decode/Sources/AppleDecode" >/dev/null 2>&1
    cp "$work"/decode-gen/Client*.swift "$work"/decode-gen/Models+*.swift "$work"/decode-gen/Runtime.swift "$work/decode/Sources/GenDecode/"
    cp "$work"/decode-gen/Operations+*.swift "$work/decode/Sources/GenDecode/" 2>/dev/null || true
    python3 - "$work/decode-gen/Fixtures/reposListForOrg/200.json" "$decode_items" "$work/decode/payload.json" <<'PY'
import json, sys
first = json.load(open(sys.argv[1]))[0]
items = []
for index in range(int(sys.argv[2])):
    item = dict(first)
    item["id"] = index + 1
    items.append(item)
open(sys.argv[3], "w").write(json.dumps(items))
PY
    apple_type=$(cat "$work"/decode/Sources/AppleDecode/*.swift | grep -oE 'public struct (minimal_hyphen_repository|MinimalRepository)\b' | head -1 | awk '{print $3}')
    # Each program decodes the payload once and prints the seconds it took (the file is read before the clock starts).
    cat >"$work/decode/Sources/GenDecode/main.swift" <<'SWIFT'
import Foundation
let data = FileManager.default.contents(atPath: CommandLine.arguments[1])!
let start = ContinuousClock.now
let repositories = try JSONDecoder().decode([MinimalRepository].self, from: data)
let elapsed = start.duration(to: .now)
print(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, repositories.count)
SWIFT
    cat >"$work/decode/Sources/AppleDecode/main.swift" <<SWIFT
import Foundation
let data = FileManager.default.contents(atPath: CommandLine.arguments[1])!
let decoder = JSONDecoder()
decoder.dateDecodingStrategy = .iso8601  // as OpenAPIRuntime's converter reads RFC 3339 dates
let start = ContinuousClock.now
let repositories = try decoder.decode([Components.Schemas.$apple_type].self, from: data)
let elapsed = start.duration(to: .now)
print(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18, repositories.count)
SWIFT
    cat >"$work/decode/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
import PackageDescription
let package = Package(
    name: "DecodeBenchmark",
    dependencies: [.package(url: "https://github.com/apple/swift-openapi-runtime", exact: "1.13.4")],
    targets: [
        .executableTarget(name: "GenDecode", path: "Sources/GenDecode"),
        .executableTarget(name: "AppleDecode", dependencies: [.product(name: "OpenAPIRuntime", package: "swift-openapi-runtime")],
                          path: "Sources/AppleDecode"),
    ]
)
SWIFT
    (cd "$work/decode" && swift build -c release >"$work/decode-build.log" 2>&1) || { tail -20 "$work/decode-build.log" >&2; exit 1; }
    for _ in $(seq "$runs"); do
        "$work/decode/.build/release/GenDecode" "$work/decode/payload.json" | awk '{print $1}' >>"$work/gen-decode.log"
        "$work/decode/.build/release/AppleDecode" "$work/decode/payload.json" | awk '{print $1}' >>"$work/apple-decode.log"
    done
    gd=$(median "$work/gen-decode.log" 1) ad=$(median "$work/apple-decode.log" 1)
    megabytes=$(echo "scale=1; $(wc -c <"$work/decode/payload.json") / 1048576" | bc)
    decode=$(printf '| decode %s repositories (%s MB of JSON, release, median of %s, alternating) | %.3f s | %.3f s | gen %s× Apple'"'"'s speed (target ≥ 1) |' \
        "$decode_items" "$megabytes" "$runs" "$gd" "$ad" "$(echo "scale=2; $ad / $gd" | bc -l | sed 's/^\./0./')")
fi

# --- The tool a plugin user compiles: a clean debug build of each generator and its dependencies -----------------
# Packages resolved first (untimed, from the offline copies); then `swift build` of the generator's product, timed.
if has tool; then
    mkdir -p "$work/gen-tool" "$work/apple-tool"
    (cd "$root" && git ls-files -z | xargs -0 tar -cf -) | tar -xf - -C "$work/gen-tool"
    cp "$cache/apple-generator/Package.swift" "$work/apple-tool/"
    tool_build() {  # folder, product → seconds
        (cd "$1" && swift package resolve >/dev/null 2>&1) || { echo "perf-compare: cannot resolve $1" >&2; exit 1; }
        local start end
        start=$(date +%s%N)
        (cd "$1" && swift build --product "$2" >"$work/tool.log" 2>&1) || { tail -20 "$work/tool.log" >&2; exit 1; }
        end=$(date +%s%N)
        echo "scale=1; ($end - $start) / 1000000000" | bc -l
    }
    gen_tool=$(tool_build "$work/gen-tool" gen)
    apple_tool=$(tool_build "$work/apple-tool" swift-openapi-generator)
fi

# --- The table ---------------------------------------------------------------------------------------------------
ratio() { echo "scale=2; $1 / $2" | bc -l | sed 's/^\./0./'; }
echo "| $(basename "$spec"), $(wc -c <"$spec") bytes | gen | Apple's swift-openapi-generator 1.14.3 | ratio |"
echo "| --- | ---: | ---: | --- |"
if has generate; then
    gw=$(median "$work/gen.log" 1) gc=$(median "$work/gen.log" 2) gp=$(median "$work/gen.log" 3)
    aw=$(median "$work/apple.log" 1) ac=$(median "$work/apple.log" 2) ap=$(median "$work/apple.log" 3)
    fw=$(median "$work/events.log" 1) lp=$(median "$work/load.log" 3)
    printf '| generate (release, median of %s, alternating) | %.2f s wall, %.2f s CPU, %d MiB | %.2f s wall, %.2f s CPU, %d MiB | gen %s× faster |\n' \
        "$runs" "$gw" "$gc" "$((gp / 1024))" "$aw" "$ac" "$((ap / 1024))" "$(ratio "$aw" "$gw")"
fi
if has compile; then
    printf '| clean debug build of the generated module | %s s (%s lines) | %s s (%s lines) | gen %s of Apple'"'"'s (target ≤ 0.17) |\n' \
        "$gen_clean" "$gen_lines" "$apple_clean" "$apple_lines" "$(ratio "$gen_clean" "$apple_clean")"
    printf '| rebuild after a one-line description change | %s s | %s s | gen rebuild = %s of Apple'"'"'s clean build (target ≤ 0.10) |\n' \
        "$gen_rebuild" "$apple_rebuild" "$(ratio "$gen_rebuild" "$apple_clean")"
fi
if [ -n "$decode" ]; then echo "$decode"; fi
if has tool; then
    printf '| clean debug build of the tool a plugin user compiles, with its dependencies | %s s | %s s | gen %s× faster |\n' \
        "$gen_tool" "$apple_tool" "$(ratio "$apple_tool" "$gen_tool")"
fi
if has generate; then
    iw=$(median "$work/installed.log" 1) ic=$(median "$work/installed.log" 2) ip=$(median "$work/installed.log" 3)
    printf '| generate, gen installed by `make install` (Swift runtime linked in) | %.2f s wall, %.2f s CPU, %d MiB | | |\n' \
        "$iw" "$ic" "$((ip / 1024))"
    printf '| api/runs.yaml end to end (release, fixtures and their files included): built by swift build, installed | %.0f ms, %.0f ms | | target < 40 ms |\n' \
        "$(echo "$(median "$work/runs.log" 1) * 1000" | bc -l)" "$(echo "$(median "$work/runs-installed.log" 1) * 1000" | bc -l)"
    printf '| libyaml floor: yaml_events wall, yaml_load peak | %.3f s, %d MiB | | gen %s× the floor, installed %s× (target ≤ 10); peak %s×, installed %s× yaml_load'"'"'s (target ≤ 2) |\n' \
        "$fw" "$((lp / 1024))" "$(ratio "$gw" "$fw")" "$(ratio "$iw" "$fw")" "$(ratio "$gp" "$lp")" "$(ratio "$ip" "$lp")"
fi
exit 0
}
