#!/usr/bin/env bash
# Schemathesis (property-based API testing from the spec) against api/runs.yaml served by the generated Hummingbird
# adapter (Examples/RunsServer's runs-server), once with the mock handler and once with the example's handlers, the
# router checking each answer against the spec (`checksResponses`: a violation is a 500 naming it, which Schemathesis
# reports): every check, deterministic generation. Exits non-zero on any failure.
#
#   Scripts/schemathesis.sh              # both modes
#   Scripts/schemathesis.sh mock         # one mode: mock or handlers
#   EXAMPLES=50 Scripts/schemathesis.sh  # more examples per operation (default 30)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
modes="${1:-mock handlers}"
examples="${EXAMPLES:-30}"
port="${PORT:-8089}"
token="schemathesis-token"

if ! command -v st >/dev/null 2>&1; then
    python3 -m pip install --quiet --disable-pip-version-check schemathesis
fi
(cd "$root/Examples/RunsServer" && swift build --product runs-server >/dev/null)
server="$(cd "$root/Examples/RunsServer" && swift build --product runs-server --show-bin-path)/runs-server"

status=0
for mode in $modes; do
    flags=()
    config=()
    [ "$mode" = mock ] && flags=(--mock)
    [ "$mode" = handlers ] && flags=(--check-responses) && config=(--config-file "$root/Examples/RunsServer/schemathesis.toml")
    RUNS_TOKEN="$token" "$server" --port "$port" "${flags[@]}" >"${TMPDIR:-/tmp}/runs-server-$mode.log" 2>&1 &
    pid=$!
    for _ in $(seq 50); do
        curl -s -o /dev/null "http://127.0.0.1:$port/" && break
        sleep 0.2
    done
    echo "schemathesis: api/runs.yaml against runs-server ($mode)"
    if ! st "${config[@]}" run "$root/api/runs.yaml" --url "http://127.0.0.1:$port" -H "Authorization: Bearer $token" \
        --checks all --generation-deterministic --max-examples "$examples" --workers 1; then
        status=1
    fi
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
done
exit $status
