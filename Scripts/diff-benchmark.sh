#!/usr/bin/env bash
# `gen diff` on GitHub's description against a copy with ten scattered edits: checks that the report lists exactly
# those ten changes (symbol and kind), then times `gen diff` and `gen` on the same spec, alternating, and prints the
# medians and their ratio (the target: gen diff under twice gen's time).
#
#   Scripts/diff-benchmark.sh [RUNS]     # default 5 runs of each
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
runs="${1:-5}"
spec="${GITHUB_SPEC:-$root/../shared/specs/github-createapi/github.yaml}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$root"
swift build -c release --product gen >/dev/null 2>&1 || { echo "diff-benchmark: swift build failed" >&2; exit 1; }
gen="$root/.build/release/gen"

cp "$spec" "$work/old.yaml"
# Ten edits, each replacing the first occurrence after a named anchor (so it lands in that schema or operation).
python3 - "$work/old.yaml" "$work/new.yaml" <<'EOF'
import sys
text = open(sys.argv[1]).read()
def edit(anchor, old, new):
    global text
    start = text.index(anchor)
    at = text.index(old, start)
    text = text[:at] + new + text[at + len(old):]
# 1. breaking: a property's type
edit("\n    simple-user:\n", "        site_admin:\n          type: boolean\n", "        site_admin:\n          type: string\n")
# 2. additive: a new optional property
edit("\n    simple-user:\n", "        starred_at:\n", "        pronouns:\n          type: string\n        starred_at:\n")
# 3. behavior: a format behind the same Swift type
edit("\n    simple-user:\n", "        starred_url:\n          type: string\n", "        starred_url:\n          type: string\n          format: uri-template\n")
# 4. breaking: a property removed
edit("\n    license-simple:\n", "        html_url:\n          type: string\n          format: uri\n", "")
# 5. breaking: a required property made optional
edit("\n    license-simple:\n", "      required:\n      - key\n", "      required:\n")
# 6. breaking: a new documented error status
edit("operationId: repos/get\n", "        '404':\n", "        '410':\n          \"$ref\": \"#/components/responses/gone\"\n        '404':\n")
# 7. additive: a new optional query parameter
edit("operationId: repos/get\n", "      - \"$ref\": \"#/components/parameters/repo\"\n",
     "      - \"$ref\": \"#/components/parameters/repo\"\n      - name: include_topics\n        in: query\n        schema:\n          type: boolean\n")
# 8. behavior: an operation's route
edit("\npaths:\n", "  \"/\":\n", "  \"/root\":\n")
# 9. behavior: a new value of an open enum
edit("\n    enabled-organizations:\n", "      - selected\n", "      - selected\n      - listed\n")
# 10. additive: a new schema
edit("\n  schemas:\n", "\n  schemas:\n", "\n  schemas:\n    pronoun-set:\n      type: object\n      properties:\n        subject:\n          type: string\n")
open(sys.argv[2], "w").write(text)
EOF

"$gen" diff "$work/old.yaml" "$work/new.yaml" --format json >"$work/report.json"
"$gen" diff "$work/old.yaml" "$work/new.yaml" >"$work/report.txt"
cat "$work/report.txt"
python3 - "$work/report.json" <<'EOF'
import json, sys
report = json.load(open(sys.argv[1]))
found = sorted((c["kind"], c["symbol"]) for c in report["changes"])
expected = sorted([
    ("breaking", "SimpleUser.siteAdmin"),
    ("additive", "SimpleUser.pronouns"),
    ("behavior", "SimpleUser.starredUrl"),
    ("breaking", "LicenseSimple.htmlUrl"),
    ("breaking", "LicenseSimple.key"),
    ("breaking", "ReposGetError.gone"),
    ("additive", "Client.reposGet(includeTopics:)"),
    ("behavior", "Client.metaRoot"),
    ("behavior", "EnabledOrganizations.listed"),
    ("additive", "PronounSet"),
])
if found != expected:
    print("diff-benchmark: the report is not exactly the ten edits")
    print("  missing:   ", sorted(set(expected) - set(found)))
    print("  unexpected:", sorted(set(found) - set(expected)))
    sys.exit(1)
print("diff-benchmark: the report lists exactly the ten edits")
EOF

# Timing: gen diff (both sides read and translated) and gen (one side, written into a fresh folder), alternating.
diff_times=() gen_times=()
for _ in $(seq "$runs"); do
    start=$(date +%s.%N)
    "$gen" diff "$work/old.yaml" "$work/new.yaml" >/dev/null
    diff_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
    rm -rf "$work/out"
    start=$(date +%s.%N)
    "$gen" "$work/new.yaml" --output "$work/out" --quiet 2>/dev/null
    gen_times+=("$(echo "$(date +%s.%N) - $start" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
diff_median=$(median "${diff_times[@]}")
gen_median=$(median "${gen_times[@]}")
echo
echo "| GitHub ($(wc -c <"$spec") bytes), median of $runs | seconds |"
echo "| --- | ---: |"
printf '| gen diff OLD NEW (two specs) | %.3f |\n' "$diff_median"
printf '| gen NEW (one spec, written) | %.3f |\n' "$gen_median"
printf '| ratio gen diff ÷ gen | %.2f× (target under 2×) |\n' "$(echo "$diff_median / $gen_median" | bc -l)"
