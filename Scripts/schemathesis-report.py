#!/usr/bin/env python3
"""Sorts what Schemathesis reported against a spec's mock (its JUnit report): each failure is a listed wart of the
spec or unexplained.

    Scripts/schemathesis-report.py REPORT.xml --name SPEC [--warts FILE] [--show N]

A failure is one check that failed in one test case (`- Response violates schema` in `1. Test Case ID: …`), read as
the line `OPERATION | CHECK | DETAIL | [STATUS] BODY` (detail and body cut to 400 characters). A line of
Scripts/schemathesis-warts.txt, `spec<TAB>regex<TAB>reason`, whose regex matches that line explains it: a known
limit of the spec (a status it does not document, a `oneOf` whose alternatives overlap) or of the checker, with the
reason. Prints one summary line, the count of failures per check, each unexplained failure and each reason with how
many it explains; a Schemathesis error (its own crash or refusal, not the server's) is matched the same way, and
counts as unexplained when nothing explains it.
Exits 1 when anything is unexplained.
"""
import argparse
import os
import re
import sys
import xml.etree.ElementTree as ElementTree

from warts import load_warts  # Scripts/warts.py

CASE = re.compile(r"^\d+\. Test Case ID: (\S+)\s*$", re.MULTILINE)
CHECK = re.compile(r"^- (.+)$")
STATUS = re.compile(r"^\[(\d{3})\] ")


def squeeze(text, limit=400):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "…"


def failures_of(operation, text):
    """(check, line) for each check that failed in each test case of one operation's failure text."""
    found = []
    cases = CASE.split(text)
    # split gives [before, id1, body1, id2, body2, …]; a failure without case ids is one body.
    bodies = cases[2::2] if len(cases) > 1 else [text]
    for body in bodies:
        lines = body.split("\n")
        status_line = next((index for index, line in enumerate(lines) if STATUS.match(line)), len(lines))
        response = squeeze(" ".join(lines[status_line : status_line + 4]))
        checks, current = [], None
        for line in lines[:status_line]:
            match = CHECK.match(line)
            if match:
                current = [match.group(1).strip(), []]
                checks.append(current)
            elif current is not None:
                current[1].append(line)
        for title, detail in checks:
            found.append((title, f"{operation} | {title} | {squeeze(' '.join(detail))} | {response}"))
    return found


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("report")
    parser.add_argument("--name", required=True)
    parser.add_argument("--warts", default=os.path.join(os.path.dirname(__file__), "schemathesis-warts.txt"))
    parser.add_argument("--show", type=int, default=30, help="unexplained failures printed (all are counted)")
    args = parser.parse_args()
    if not os.path.exists(args.report):
        print(f"schemathesis: {args.name}: no report (Schemathesis did not run; see its log)")
        return 1
    warts = load_warts(args.warts, args.name)
    root = ElementTree.parse(args.report).getroot()

    operations = 0
    failed_operations = set()
    by_check, unexplained, explained, errors = {}, [], {}, []
    for case in root.iter("testcase"):
        operations += 1
        operation = case.get("name", "?")
        for failure in case.findall("failure"):
            for title, line in failures_of(operation, failure.text or failure.get("message") or ""):
                failed_operations.add(operation)
                by_check[title] = by_check.get(title, 0) + 1
                reason = next((reason for pattern, reason in warts if pattern.search(line)), None)
                if reason is None:
                    unexplained.append(line)
                else:
                    explained.setdefault(reason, []).append(line)
        for error in case.findall("error"):
            line = f"{operation} | Schemathesis error | {squeeze(error.text or '', 300)}"
            reason = next((reason for pattern, reason in warts if pattern.search(line)), None)
            if reason is None:
                errors.append(line)
            else:
                explained.setdefault(reason, []).append(line)

    known = sum(len(lines) for lines in explained.values())
    print(
        f"schemathesis: {args.name}: {operations} operations, {len(failed_operations)} with failures; "
        f"{len(unexplained) + known} failures and errors: {len(unexplained)} unexplained, {known} listed warts; "
        f"{len(errors)} unexplained Schemathesis errors")
    for title, count in sorted(by_check.items(), key=lambda item: -item[1]):
        print(f"  {count:5d}  {title}")
    for line in (unexplained + errors)[: args.show]:
        print(f"  UNEXPLAINED {line}")
    if len(unexplained) + len(errors) > args.show:
        print(f"  … and {len(unexplained) + len(errors) - args.show} more")
    for reason, lines in sorted(explained.items(), key=lambda item: -len(item[1])):
        print(f"  known ({len(lines)}): {reason}")
    return 1 if unexplained or errors else 0


if __name__ == "__main__":
    sys.exit(main())
