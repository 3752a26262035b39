#!/usr/bin/env bash
# Generates Swift for every spec under ../shared/specs (or the specs given) and compiles the output in Swift 6
# mode with warnings as errors, printing one Markdown table row per spec.
#
#   Scripts/corpus.sh                     # every spec (the largest take minutes to compile on 2 cores)
#   Scripts/corpus.sh path/to/spec.yaml   # just these
#
# Exits 1 if gen fails on a spec or its output does not compile cleanly.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
specs_dir="${SPECS_DIR:-$root/../shared/specs}"
out="${CORPUS_OUT:-$(mktemp -d)}"
mkdir -p "$out"
cd "$root"
swift build -c release --product gen >/dev/null 2>&1 || { echo "corpus: swift build failed" >&2; exit 1; }
gen="$root/.build/release/gen"

if [ $# -gt 0 ]; then
    specs=("$@")
else
    specs=("$specs_dir"/oai-examples/v3.0/*.yaml "$specs_dir"/oai-examples/v3.1/*.yaml "$specs_dir"/twilio/*.yaml
           "$specs_dir"/asana/*.yaml "$specs_dir"/github-createapi/*.yaml
           "$specs_dir"/digitalocean/specification/DigitalOcean-public.v2.yaml)
fi

failed=0
echo "| spec | operations | types | generated lines | gen time | compile time | compile peak | result |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for spec in "${specs[@]}"; do
    name=$(basename "$spec" .yaml)
    dir="$out/$name"
    rm -rf "$dir"
    start=$(date +%s.%N)
    if ! "$gen" "$spec" --output "$dir" --quiet 2>"$out/$name.gen.log"; then
        echo "| $name | | | | | | | gen failed: $(grep -m1 'error:' "$out/$name.gen.log") |"
        failed=1
        continue
    fi
    gen_time=$(echo "$(date +%s.%N) - $start" | bc)
    operations=$(grep -c ' = OperationID(rawValue:' "$dir/Client.swift")
    types=$(grep -cE '^ *public (indirect )?(struct|enum|typealias) ' "$dir/Models.swift")
    lines=$(cat "$dir"/*.swift | wc -l)
    /usr/bin/time -f "%e %M" -o "$out/$name.time" \
        swiftc -emit-library -swift-version 6 -warnings-as-errors -j 2 -module-name "Corpus" \
        -o "$out/$name.so" "$dir"/*.swift >"$out/$name.compile.log" 2>&1
    status=$?
    read -r seconds kilobytes < <(tail -1 "$out/$name.time")
    problems=$(grep -E 'error:|warning:' "$out/$name.compile.log" | grep -vc '^ ')
    result="ok"
    if [ $status -ne 0 ] || [ "$problems" -ne 0 ]; then result="FAILED ($problems errors/warnings)"; failed=1; fi
    printf '| %s | %s | %s | %s | %.2f s | %s s | %s MiB | %s |\n' "$name" "$operations" "$types" "$lines" "$gen_time" \
        "$seconds" "$((kilobytes / 1024))" "$result"
done
echo
echo "output and logs: $out"
exit $failed
