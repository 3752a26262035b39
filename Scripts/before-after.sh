#!/usr/bin/env bash
# gen at another revision against gen of the working tree, on the same specs, alternating run by run so machine
# noise hits both alike. Prints per spec the median wall time, CPU time and peak memory of each, and the ratio.
#
#   Scripts/before-after.sh REV [RUNS]       # builds REV's gen (release) in a worktree outside the repository
#   BASE_GEN=/path/to/gen Scripts/before-after.sh label [RUNS]   # an already built gen
#
# Both write into scratch folders with the default configuration (fixtures included), as `gen SPEC` does.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
specs="${SPECS_DIR:-$root/../shared/specs}"
rev="${1:?usage: Scripts/before-after.sh REV [RUNS]}"
runs="${2:-11}"
work="$(mktemp -d)"
trap 'rm -rf "$work"; [ -n "${tree:-}" ] && git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
cd "$root"
swift build -c release --product gen >/dev/null
after="$root/.build/release/gen"
if [ -n "${BASE_GEN:-}" ]; then
    before="$BASE_GEN"
else
    tree="$work/tree"
    git worktree add -q --detach "$tree" "$rev"
    (cd "$tree" && swift build -c release --product gen >/dev/null)
    before="$tree/.build/release/gen"
fi

# Runs a command, printing "wall cpu peak_kb" (wall from the nanosecond clock, CPU and peak from time(1)).
measure() {
    local start end user sys peak
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$work/t" "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    read -r user sys peak <"$work/t"
    echo "$(echo "($end - $start) / 1000000000" | bc -l) $(echo "$user + $sys" | bc -l) $peak"
}
median() { sort -g | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }

echo "| spec | $rev wall | now wall | ratio (now / $rev) | $rev CPU | now CPU | $rev peak | now peak |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
for spec in "$root/api/runs.yaml" "$specs/twilio/twilio_api_v2010.yaml" "$specs/asana/asana_oas.yaml" \
    "$specs/github-createapi/github.yaml" "$specs/digitalocean/specification/DigitalOcean-public.v2.yaml"; do
    name=$(basename "$spec" .yaml)
    : >"$work/before" && : >"$work/after"
    for run in $(seq "$runs"); do
        rm -rf "$work/out-before" "$work/out-after"
        sync
        # Who goes first alternates too, so neither always pays for the other's writes being flushed.
        if [ $((run % 2)) -eq 1 ]; then
            measure "$before" "$spec" --output "$work/out-before" --quiet >>"$work/before"
            measure "$after" "$spec" --output "$work/out-after" --quiet >>"$work/after"
        else
            measure "$after" "$spec" --output "$work/out-after" --quiet >>"$work/after"
            measure "$before" "$spec" --output "$work/out-before" --quiet >>"$work/before"
        fi
    done
    bw=$(cut -d' ' -f1 "$work/before" | median); aw=$(cut -d' ' -f1 "$work/after" | median)
    bc_=$(cut -d' ' -f2 "$work/before" | median); ac=$(cut -d' ' -f2 "$work/after" | median)
    bp=$(cut -d' ' -f3 "$work/before" | median); ap=$(cut -d' ' -f3 "$work/after" | median)
    printf '| %s | %.3f s | %.3f s | %.2f | %.3f s | %.3f s | %.0f MiB | %.0f MiB |\n' "$name" "$bw" "$aw" \
        "$(echo "$aw / $bw" | bc -l)" "$bc_" "$ac" "$(echo "$bp / 1024" | bc -l)" "$(echo "$ap / 1024" | bc -l)"
done
