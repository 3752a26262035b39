#!/usr/bin/env bash
# Generates Swift for every spec under ../shared/specs and api/runs.yaml (or the specs given) with the exerciser,
# compiles the output in Swift 6 mode with warnings as errors into a program that runs it, and runs it: every
# operation called against ReplayTransport, every documented response checked. The request of each operation's two
# calls (required arguments only, every argument) goes to openapi-core, an independent validator
# (Scripts/validate-requests.py; `pip install openapi-core`). Prints one Markdown table row per spec, and each failed
# check and each invalid request below the table.
#
#   Scripts/corpus.sh                     # every spec (the largest take minutes to compile on 2 cores)
#   Scripts/corpus.sh path/to/spec.yaml   # just these
#
# With the server side (`--server`), each call with every argument also goes through the generated APIRouter
# in-process once per documented response: the handler compares the Input it decoded with the arguments field by
# field, and the client checks what it decodes from the router's answer ("inputs compared").
#
# `Scripts/corpus.sh --schemathesis SPEC...` runs Schemathesis against each spec's mock server instead
# (Scripts/schemathesis-mock.sh: every check; failures a spec causes are listed in Scripts/schemathesis-warts.txt).
#
# Exits 1 if gen fails on a spec, its output does not compile cleanly, a check fails, or a request is invalid (but for
# the validator limits and spec errors the README lists, matched by Scripts/validator-limits.txt, which are counted
# apart).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "${1:-}" = "--schemathesis" ]; then
    shift
    exec "$root/Scripts/schemathesis-mock.sh" "$@"
fi
out="${CORPUS_OUT:-$(mktemp -d)}"
mkdir -p "$out"
cd "$root"
source "$root/Scripts/corpus-specs.sh"

failed=0
python3 -c 'import openapi_core' 2>/dev/null || { echo "corpus: openapi-core is missing (pip install openapi-core)" >&2; exit 1; }
limits="$root/Scripts/validator-limits.txt"

echo "| spec | operations | types | generated lines | gen time | compile time | compile peak | operations exercised | responses checked | inputs compared | failures | requests sent | requests valid | known exceptions | result |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for spec in "${specs[@]}"; do
    name=$(basename "$spec" .yaml)
    dir="$out/$name"
    rm -rf "$dir"
    start=$(date +%s.%N)
    # A spec may come with settings of its own (OpenAI's streams end with `data: [DONE]`, which its spec only says in
    # prose): Scripts/corpus-config/<name>.yaml.
    config=()
    if [ -f "$root/Scripts/corpus-config/$name.yaml" ]; then config=(--config "$root/Scripts/corpus-config/$name.yaml"); fi
    if ! "$gen" "$spec" --output "$dir" --quiet --exerciser --server --no-fixture-files "${config[@]}" 2>"$out/$name.gen.log"; then
        echo "| $name | | | | | | | | | | | | | | gen failed: $(grep -m1 'error:' "$out/$name.gen.log") |"
        failed=1
        continue
    fi
    gen_time=$(echo "$(date +%s.%N) - $start" | bc)
    operations=$(grep -c ' = OperationID(rawValue:' "$dir/Client.swift")
    types=$(cat "$dir"/Models+*.swift "$dir"/Operations+*.swift 2>/dev/null | grep -cE '^ *public (indirect )?(struct|enum|typealias) ' || true)
    lines=$(cat "$dir"/Client*.swift "$dir"/Models+*.swift "$dir"/Operations+*.swift "$dir"/Runtime.swift "$dir"/Fixtures.swift "$dir"/Server*.swift "$dir"/MockHandler.swift 2>/dev/null | wc -l || true)
    # The program: the generated code plus a main that runs the exerciser (Scripts/exerciser-main.swift).
    cp "$root/Scripts/exerciser-main.swift" "$dir/main.swift"
    /usr/bin/time -f "%e %M" -o "$out/$name.time" \
        swiftc -swift-version 6 -strict-concurrency=complete -warnings-as-errors -j 2 -module-name "Corpus" \
        -o "$out/$name.exercise" "$dir"/*.swift >"$out/$name.compile.log" 2>&1
    status=$?
    read -r seconds kilobytes < <(tail -1 "$out/$name.time")
    problems=$(grep -E 'error:|warning:' "$out/$name.compile.log" | grep -vc '^ ')
    result="ok"
    exercised="" checked="" compared="" failures="" sent="" valid="" limited=""
    if [ $status -ne 0 ] || [ "$problems" -ne 0 ]; then
        result="FAILED ($problems errors/warnings)"; failed=1
    else
        timeout 600 "$out/$name.exercise" >"$out/$name.exercise.log" 2>&1
        summary=$(grep -m1 '^exerciser: ' "$out/$name.exercise.log")
        if [[ $summary =~ ^exerciser:\ ([0-9]+)\ operations,\ ([0-9]+)\ responses\ checked,\ ([0-9]+)\ inputs\ compared,\ ([0-9]+)\ failures$ ]]; then
            exercised=${BASH_REMATCH[1]} checked=${BASH_REMATCH[2]} compared=${BASH_REMATCH[3]} failures=${BASH_REMATCH[4]}
            if [ "$failures" -ne 0 ]; then result="FAILED (checks)"; failed=1; fi
            python3 "$root/Scripts/validate-requests.py" --limits "$limits" "$spec" "$out/$name.exercise.log" \
                >"$out/$name.requests.log" 2>"$out/$name.validator.log"
            if [[ $(head -1 "$out/$name.requests.log") =~ ^validated\ ([0-9]+)\ invalid\ ([0-9]+)\ limited\ ([0-9]+)$ ]]; then
                sent=${BASH_REMATCH[1]} limited=${BASH_REMATCH[3]}
                valid=$((sent - BASH_REMATCH[2] - limited))
                tail -n +2 "$out/$name.requests.log" | grep -v '^limit: ' >"$out/$name.invalid.log" || true
                if [ "${BASH_REMATCH[2]}" -ne 0 ]; then result="FAILED (invalid requests)"; failed=1; fi
            else
                result="FAILED (the validator did not run)"; failed=1
            fi
        else
            result="FAILED (the exerciser did not finish)"; failed=1
        fi
    fi
    printf '| %s | %s | %s | %s | %.2f s | %s s | %s MiB | %s | %s | %s | %s | %s | %s | %s | %s |\n' "$name" "$operations" \
        "$types" "$lines" "$gen_time" "$seconds" "$((kilobytes / 1024))" "$exercised" "$checked" "$compared" "$failures" "$sent" \
        "$valid" "$limited" "$result"
done
echo
for log in "$out"/*.exercise.log; do
    [ -e "$log" ] || continue
    grep '^FAIL ' "$log" | head -20 | sed "s|^|$(basename "$log" .exercise.log): |"
done
for log in "$out"/*.invalid.log; do
    [ -e "$log" ] || continue
    head -20 "$log" | sed "s|^|$(basename "$log" .invalid.log): invalid request: |"
done
echo "output and logs: $out"
exit $failed
