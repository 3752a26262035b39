#!/usr/bin/env bash
# Proves the build plugin and the command plugin work as documented (run by .ci/run):
#   - the example consumer builds with GenPlugin and its tests pass;
#   - a no-op rebuild does not run gen; touching the spec, a file it references, or a template reruns it;
#   - `swift package generate-code` regenerates this package's Generated/ with no diff.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
example="$root/Examples/RunsConsumer"
marker="Generating Swift code for openapi.yaml with gen"
fail() { echo "plugin-smoke-test: FAIL: $*" >&2; exit 1; }

# Prints the build's output on stderr (through the open descriptor: `tee /dev/stderr` would reopen, and truncate, a
# log file) and the number of times it ran gen on stdout.
build() {
    local output
    output=$(cd "$example" && swift build 2>&1) || { printf '%s\n' "$output" >&2; fail "swift build failed"; }
    printf '%s\n' "$output" >&2
    printf '%s\n' "$output" | grep -c "$marker" || true
}

echo "plugin-smoke-test: first build of Examples/RunsConsumer"
first=$(build)
# In a fresh checkout SwiftPM's second build still compiles swift-argument-parser's own plugins and relinks the
# gen tool (seen with Swift 6.3.1), which reruns every command that uses it; let it settle once.
settle=$(build)
[ $((first + settle)) -ge 1 ] || fail "neither the first nor the second build ran gen"
[ "$(build)" -eq 0 ] || fail "a no-op rebuild ran gen"
for input in "$example/Sources/RunsClient/openapi.yaml" "$example/Sources/RunsClient/errors.yaml" \
             "$root/Templates/partials/enum.mustache"; do
    touch "$input"
    [ "$(build)" -eq 1 ] || fail "touching ${input#$root/} did not rerun gen"
    [ "$(build)" -eq 0 ] || fail "the build after touching ${input#$root/} was not a no-op"
done
echo "plugin-smoke-test: swift test in Examples/RunsConsumer"
(cd "$example" && swift test)

echo "plugin-smoke-test: swift package generate-code"
(cd "$root" && swift package --allow-writing-to-package-directory generate-code)
(cd "$root" && git diff --exit-code -- Generated) || fail "generate-code changed Generated/"
echo "plugin-smoke-test: all plugin checks passed"
