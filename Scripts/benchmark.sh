#!/usr/bin/env bash
# Measures gen against the libyaml floor (../shared/bench: C programs that only parse), alternating the two in one
# run so machine noise hits both alike. Prints, per spec, the median wall and CPU time, peak memory, the ratio
# gen / floor, and gen's median time per stage.
#
#   Scripts/benchmark.sh            # 5 alternating runs per spec
#   RUNS=9 Scripts/benchmark.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
specs="${SPECS_DIR:-$root/../shared/specs}"
bench="${BENCH_DIR:-$root/../shared/bench}"
runs="${RUNS:-5}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
swift build -c release --product gen >/dev/null
gen="$root/.build/release/gen"
flags="$(pkg-config --cflags --libs yaml-0.1)"
gcc -O2 -o "$work/yaml_events" "$bench/yaml_events.c" $flags
gcc -O2 -o "$work/yaml_load" "$bench/yaml_load.c" $flags
python3 "$bench/spec_stats.py" "$specs/digitalocean/specification/DigitalOcean-public.v2.yaml" --list "$work/do.list" >/dev/null

# name | spec | floor input (a file, or @list for a multi-file spec)
cases=(
  "runs.yaml|$root/api/runs.yaml|$root/api/runs.yaml"
  "petstore|$specs/oai-examples/v3.0/petstore.yaml|$specs/oai-examples/v3.0/petstore.yaml"
  "twilio_api_v2010|$specs/twilio/twilio_api_v2010.yaml|$specs/twilio/twilio_api_v2010.yaml"
  "asana|$specs/asana/asana_oas.yaml|$specs/asana/asana_oas.yaml"
  "github|$specs/github-createapi/github.yaml|$specs/github-createapi/github.yaml"
  "digitalocean|$specs/digitalocean/specification/DigitalOcean-public.v2.yaml|@$work/do.list"
)

# Runs a command, appending "wall cpu peak_kb" to $1 (wall from the nanosecond clock, CPU and peak from time(1)).
measure() {
    local log=$1; shift
    local start end
    start=$(date +%s%N)
    /usr/bin/time -f "%U %S %M" -o "$work/t" "$@"
    end=$(date +%s%N)
    read -r user sys peak <"$work/t"
    echo "$(echo "($end - $start) / 1000000000" | bc -l) $(echo "$user + $sys" | bc -l) $peak" >>"$log"
}

median() { sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }

echo "| spec | gen wall | gen CPU | gen peak | floor wall (yaml_events) | ratio wall | gen wall, output unchanged | yaml_load peak | ratio peak | stages (median ms) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |"
for entry in "${cases[@]}"; do
    IFS='|' read -r name spec floor_input <<<"$entry"
    : >"$work/gen"; : >"$work/rerun"; : >"$work/floor"; : >"$work/load"; : >"$work/stages"
    for i in $(seq "$runs"); do
        measure "$work/floor" "$work/yaml_events" "$floor_input" >/dev/null
        # A folder of its own each run: removing the last output right before would time the file system's
        # bookkeeping of just-deleted files, not gen (all folders are removed at the end).
        out="$work/out-$name-$i"
        sync  # the last run's writes reach the disk first, so they are not counted against this one
        measure "$work/gen" "$gen" "$spec" --output "$out" --quiet --timings 2>"$work/err" >/dev/null
        grep '^timings:' "$work/err" >>"$work/stages"
        # Again over its own output, as in a rebuild: every file compared, none rewritten.
        measure "$work/rerun" "$gen" "$spec" --output "$out" --quiet >/dev/null 2>&1
        measure "$work/load" "$work/yaml_load" "$floor_input" >/dev/null
    done
    gen_wall=$(awk '{print $1}' "$work/gen" | median)
    gen_cpu=$(awk '{print $2}' "$work/gen" | median)
    rerun_wall=$(awk '{print $1}' "$work/rerun" | median)
    gen_peak=$(awk '{print $3 / 1024}' "$work/gen" | median)
    floor_wall=$(awk '{print $1}' "$work/floor" | median)
    load_peak=$(awk '{print $3 / 1024}' "$work/load" | median)
    stages=""
    for stage in parse read templates model render write; do
        ms=$(sed -E "s/.*$stage ([0-9.]+) ms.*/\1/" "$work/stages" | median)
        stages="$stages$stage $ms, "
    done
    awk -v n="$name" -v gw="$gen_wall" -v gc="$gen_cpu" -v gp="$gen_peak" -v fw="$floor_wall" -v rw="$rerun_wall" -v lp="$load_peak" -v st="${stages%, }" \
        'BEGIN { fwm = (fw > 0 ? fw : 0.0001); printf "| %s | %.3f s | %.3f s | %.0f MiB | %.3f s | %.1f× | %.3f s | %.0f MiB | %.1f× | %s |\n", n, gw, gc, gp, fw, gw / fwm, rw, lp, gp / lp, st }'
done
echo
echo "($runs alternating runs per spec, medians; wall from the nanosecond clock, CPU and peak memory from time(1))"
