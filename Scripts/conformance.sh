#!/usr/bin/env bash
# Decoding conformance (Scripts/conformance.py): for each spec, gen's output with the exerciser compiled into a
# program (Scripts/exerciser-main.swift) decodes values an independent JSON Schema generator (hypothesis-jsonschema)
# makes for every component schema and every JSON request and response body, and encodes them back; what comes back
# must equal what was sent, but for the normalizations conformance.py lists. Failures the spec itself causes are
# listed, with their reason, in Scripts/conformance-warts.txt.
#
#   Scripts/conformance.sh                       # api/runs.yaml and every spec under ../shared/specs (long: the
#                                                # largest take minutes each to compile on 2 cores)
#   Scripts/conformance.sh path/to/spec.yaml     # just these
#   EXAMPLES=25 Scripts/conformance.sh ...       # values per schema (default 10)
#
# Needs `pip install hypothesis-jsonschema`. Exits 1 when gen fails, the output does not compile, or a value comes
# back different (and that is not a listed wart).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${CONFORMANCE_OUT:-$(mktemp -d)}"
examples="${EXAMPLES:-10}"
mkdir -p "$out"
cd "$root"
python3 -c 'import hypothesis_jsonschema' 2>/dev/null \
    || { echo "conformance: hypothesis-jsonschema is missing (pip install hypothesis-jsonschema)" >&2; exit 1; }
source "$root/Scripts/corpus-specs.sh"

failed=0
for spec in "${specs[@]}"; do
    name=$(basename "$spec" .yaml)
    dir="$out/$name"
    rm -rf "$dir"
    config=()
    if [ -f "$root/Scripts/corpus-config/$name.yaml" ]; then config=(--config "$root/Scripts/corpus-config/$name.yaml"); fi
    if ! "$gen" "$spec" --output "$dir" --quiet --exerciser --no-fixture-files "${config[@]}" 2>"$out/$name.gen.log"; then
        echo "conformance: $name: gen failed: $(grep -m1 'error:' "$out/$name.gen.log")"
        failed=1
        continue
    fi
    cp "$root/Scripts/exerciser-main.swift" "$dir/main.swift"
    if ! swiftc -swift-version 6 -strict-concurrency=complete -warnings-as-errors -j 2 -module-name Conformance \
        -o "$out/$name.program" "$dir"/*.swift >"$out/$name.compile.log" 2>&1; then
        echo "conformance: $name: the output does not compile: $(grep -m1 'error:' "$out/$name.compile.log")"
        failed=1
        continue
    fi
    python3 "$root/Scripts/conformance.py" "$spec" "$out/$name.program" --name "$name" --examples "$examples" --progress \
        || failed=1
done
echo "output and logs: $out"
exit $failed
