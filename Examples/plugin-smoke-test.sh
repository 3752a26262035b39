#!/usr/bin/env bash
# Proves the build plugin and the command plugin work as documented (run by .ci/run):
#   - the example consumer builds with GenPlugin and its tests pass;
#   - a no-op rebuild does not run gen; touching the spec, a file it references, a template or the runtime reruns it;
#   - a target with a gen-config.yaml gets the configured client: internal, filtered, with its type override and
#     without fixtures, which its test target gets instead (`fixtures.module`);
#   - `swift package generate-code` regenerates this package's Generated/ with no diff.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
example="$root/Examples/RunsConsumer"
marker="Generating Swift code for openapi.yaml with gen (target "
# Three targets of the example use the plugin (RunsClient; RunWatcher with its gen-config.yaml; RunWatcherTests, which
# gets RunWatcher's fixtures); `swift build` builds the first two, `swift test` all three.
fail() { echo "plugin-smoke-test: FAIL: $*" >&2; exit 1; }

# Prints the build's output on stderr (through the open descriptor: `tee /dev/stderr` would reopen, and truncate, a
# log file) and the number of times it ran gen on stdout.
build() {
    local output
    output=$(cd "$example" && swift build 2>&1) || { printf '%s\n' "$output" >&2; fail "swift build failed"; }
    printf '%s\n' "$output" >&2
    printf '%s\n' "$output" | grep -cF "$marker" || true
}

echo "plugin-smoke-test: first build of Examples/RunsConsumer"
first=$(build)
# In a fresh checkout SwiftPM's second build still compiles swift-argument-parser's own plugins and relinks the
# gen tool (seen with Swift 6.3.1), which reruns every command that uses it; let it settle once.
settle=$(build)
[ $((first + settle)) -ge 1 ] || fail "neither the first nor the second build ran gen"
[ "$(build)" -eq 0 ] || fail "a no-op rebuild ran gen"
for input in "$example/Sources/RunsClient/openapi.yaml" "$example/Sources/RunsClient/errors.yaml"; do
    touch "$input"
    [ "$(build)" -eq 1 ] || fail "touching ${input#$root/} did not rerun gen"
    [ "$(build)" -eq 0 ] || fail "the build after touching ${input#$root/} was not a no-op"
done
touch "$root/Templates/partials/enum.mustache"
[ "$(build)" -eq 2 ] || fail "touching a template did not rerun gen for both library targets"
[ "$(build)" -eq 0 ] || fail "the build after touching a template was not a no-op"
touch "$root/Runtime/Formats/Dates.swift"
[ "$(build)" -eq 2 ] || fail "touching a file of gen's runtime did not rerun gen for both library targets"
[ "$(build)" -eq 0 ] || fail "the build after touching the runtime was not a no-op"
touch "$example/Sources/RunWatcher/gen-config.yaml"
[ "$(build)" -eq 1 ] || fail "touching RunWatcher's gen-config.yaml did not rerun gen"

echo "plugin-smoke-test: RunWatcher's client follows its gen-config.yaml"
watcher=$(cd "$example" && find .build -path '*RunWatcher*' -name Client.swift -path '*GeneratedSources*' | head -1)
[ -n "$watcher" ] || fail "no generated Client.swift for RunWatcher"
generated=$(dirname "$example/$watcher")
[ ! -e "$generated/Fixtures.swift" ] || fail "fixtures: false, yet RunWatcher's output has Fixtures.swift"
! grep -q '^public \|  public ' "$generated"/*.swift || fail "accessModifier: internal, yet RunWatcher's output has public declarations"
grep -q 'internal func getRunStatus(runCounter: Int32,' "$generated/Client+G.swift" \
    || fail "RunWatcher's client lacks getRunStatus, or its int32 override"
! grep -q 'func listRuns(' "$generated"/Client*.swift || fail "the filter kept listRuns in RunWatcher's client"
[ "$(grep -L 'func \|struct \|enum ' "$generated"/Models+*.swift | wc -l)" -gt 0 ] \
    || fail "RunWatcher's output lacks the empty letter files a build plugin declares (--every-file)"
echo "plugin-smoke-test: swift test in Examples/RunsConsumer"
(cd "$example" && swift test)
fixtures=$(cd "$example" && find .build -path '*RunWatcherTests*' -name Fixtures.swift -path '*GeneratedSources*' | head -1)
[ -n "$fixtures" ] || fail "no generated Fixtures.swift for RunWatcherTests"
grep -q '^@testable import RunWatcher$' "$example/$fixtures" || fail "RunWatcherTests' fixtures do not import RunWatcher"

echo "plugin-smoke-test: swift package generate-code"
(cd "$root" && swift package --allow-writing-to-package-directory generate-code)
(cd "$root" && git diff --exit-code -- Generated) || fail "generate-code changed Generated/"
echo "plugin-smoke-test: all plugin checks passed"
