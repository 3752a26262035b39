"""Known failures that a spec itself causes, listed with their reason, for the scripts that test gen's output with
tools nobody here wrote (conformance.py, schemathesis-report.py): a file of `spec<TAB>regex<TAB>reason` lines, `#`
comments and blank lines ignored."""
import os
import re


def load_warts(path, name):
    """The (compiled regex, reason) pairs listed for the spec `name` in the file at `path` (none when it is absent)."""
    warts = []
    if path and os.path.exists(path):
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                if not line.strip() or line.startswith("#"):
                    continue
                spec, pattern, reason = (line.rstrip("\n").split("\t") + ["", ""])[:3]
                if spec == name:
                    warts.append((re.compile(pattern), reason))
    return warts
