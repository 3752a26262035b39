#!/usr/bin/env bash
# The style gate: swift-format (shipped with the toolchain) with the package's .swift-format, over every Swift file
# under version control except Generated/ (gen's templates decide its layout; the golden test checks it).
#
#   Scripts/lint.sh            # fails on any finding (CI runs this)
#   Scripts/lint.sh --fix      # rewrites the files in place
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.swift' ':!Generated' ':!Examples/*/Generated')
if [ "${1:-}" = "--fix" ]; then
    exec swift format format --in-place --parallel "${files[@]}"
fi
exec swift format lint --strict --parallel "${files[@]}"
