#!/usr/bin/env bash
# Schemathesis against the mock of any spec: gen's server side of the spec (`server: true`, `servers: [hummingbird]`)
# compiled with Scripts/mock-server/main.swift into a Hummingbird server whose MockHandler answers with the fixtures,
# every answer checked against the spec; Schemathesis then sends it valid and invalid requests made from the spec
# (every check, deterministic generation). Scripts/schemathesis-report.py sorts what it reports: a failure that is a
# listed wart of the spec (Scripts/schemathesis-warts.txt, with its reason) is counted apart, any other fails the run.
#
#   Scripts/schemathesis-mock.sh SPEC...          # e.g. ../shared/specs/openai/openapi.yaml
#   EXAMPLES=10 Scripts/schemathesis-mock.sh SPEC  # examples per operation (default 10)
#   Scripts/corpus.sh --schemathesis SPEC...      # the same
#
# The server package is built in $MOCK_OUT (default .build-mock, reused between runs: Hummingbird and SwiftNIO are
# built once, 3-5 minutes on 2 cores; a large spec's generated code takes minutes more). Needs Schemathesis
# (`pip install schemathesis`, installed when missing).
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${MOCK_OUT:-$root/.build-mock}"
examples="${EXAMPLES:-10}"
workers="${WORKERS:-1}"  # more than one trips a thread-safety bug of Python 3.11's ast in Hypothesis
port="${PORT:-8090}"
[ $# -gt 0 ] || { echo "usage: $0 SPEC..." >&2; exit 2; }
command -v st >/dev/null 2>&1 || python3 -m pip install --quiet --disable-pip-version-check schemathesis
(cd "$root" && source "$root/Scripts/corpus-specs.sh") || exit 1  # builds gen (release), as corpus.sh does
gen="$root/.build/release/gen"

package="$out/package"
mkdir -p "$package/Sources/MockServer"
cat >"$package/Package.swift" <<'SWIFT'
// swift-tools-version: 6.0
// Written by Scripts/schemathesis-mock.sh: a spec's generated server side and its mock, served with Hummingbird.
import PackageDescription

let package = Package(
    name: "MockServer",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.0")],
    targets: [
        .executableTarget(
            name: "MockServer", dependencies: [.product(name: "Hummingbird", package: "hummingbird")],
            swiftSettings: [.swiftLanguageMode(.v6)])
    ]
)
SWIFT

status=0
for spec in "$@"; do
    spec="$(cd "$(dirname "$spec")" && pwd)/$(basename "$spec")"
    name=$(basename "$spec" .yaml)
    sources="$package/Sources/MockServer"
    find "$sources" -name '*.swift' -delete
    config="$out/$name.gen-config.yaml"
    { cat "$root/Scripts/corpus-config/$name.yaml" 2>/dev/null; printf 'server: true\nservers: [hummingbird]\n'; } >"$config"
    if ! "$gen" "$spec" --output "$sources" --quiet --no-fixture-files --config "$config" --force 2>"$out/$name.gen.log"; then
        echo "schemathesis-mock: $name: gen failed: $(grep -m1 'error:' "$out/$name.gen.log")"
        status=1
        continue
    fi
    cp "$root/Scripts/mock-server/main.swift" "$sources/main.swift"
    if ! (cd "$package" && swift build --product MockServer >"$out/$name.build.log" 2>&1); then
        echo "schemathesis-mock: $name: the mock server does not build: $(grep -m1 'error:' "$out/$name.build.log")"
        status=1
        continue
    fi
    "$package/.build/debug/MockServer" --port "$port" --token mock >"$out/$name.server.log" 2>&1 &
    pid=$!
    for _ in $(seq 100); do
        curl -s -o /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.2
    done
    # Schemathesis sends the token in each scheme the spec declares (the server accepts it and nothing else).
    python3 - "$spec" >"$out/$name.schemathesis.toml" <<'PYTHON'
import sys, yaml
spec = yaml.load(open(sys.argv[1], encoding="utf-8"), Loader=yaml.CSafeLoader) or {}
for name, scheme in sorted(((spec.get("components") or {}).get("securitySchemes") or {}).items()):
    kind, http = scheme.get("type"), str(scheme.get("scheme", "")).lower()
    settings = ('api_key = "mock"' if kind == "apiKey" else 'username = "mock"\npassword = "mock"'
                if kind == "http" and http == "basic" else 'bearer = "mock"')
    print(f'[auth.openapi."{name}"]\n{settings}\n')
PYTHON
    echo "schemathesis-mock: $name: $examples examples per operation, $workers workers"
    st --config-file "$out/$name.schemathesis.toml" run "$spec" --url "http://127.0.0.1:$port" --checks all \
        --generation-deterministic --max-examples "$examples" --workers "$workers" --report junit \
        --report-junit-path "$out/$name.junit.xml" >"$out/$name.st.log" 2>&1
    kill "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    python3 "$root/Scripts/schemathesis-report.py" "$out/$name.junit.xml" --name "$name" || status=1
done
echo "logs and reports: $out"
exit $status
