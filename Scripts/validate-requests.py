#!/usr/bin/env python3
"""Validates the requests a generated client sent against its spec with openapi-core, an independent validator.

    Scripts/validate-requests.py [--limits FILE] SPEC REQUESTS

REQUESTS holds one JSON object per line, as `Exerciser.SentRequest.jsonLine` writes them (lines of other text are
skipped, so an exerciser's whole output can be given): label, operation, method, url, headers, body (base64).
Prints `validated N invalid M limited L`, then one line per invalid request (its label, method, URL, body media
type in brackets, and each finding of the validator, separated by ` | `), then `limit: ` and each finding of a
request that FILE's patterns (one regular expression per line, `#` comments) explain entirely: a request is counted
as limited only when every one of its findings matches a pattern. Exits 0 (the caller decides what is fatal), 2
when the spec cannot be loaded.
"""
import base64
import copy
import json
import os
import re
import sys
import urllib.parse
from http.cookies import SimpleCookie

import yaml

from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from werkzeug.datastructures import Headers, ImmutableMultiDict


class SentRequest:
    """One request as openapi-core's request protocol expects it."""

    def __init__(self, record):
        url = urllib.parse.urlsplit(record["url"])
        self.host_url = f"{url.scheme}://{url.netloc}"
        # A server matches the path to a template, then decodes each parameter; openapi-core matches the text as it
        # is, so the path is given decoded (but for `%2F`, which would add a segment).
        self.path = urllib.parse.unquote(re.sub(r"%2[Ff]", "%252F", url.path))
        self.full_url_pattern = self.host_url + url.path
        self.method = record["method"].lower()
        headers = record.get("headers", {})
        cookies = SimpleCookie()
        if "Cookie" in headers:
            cookies.load(headers["Cookie"])
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)),
            header=Headers(headers),
            cookie=ImmutableMultiDict({name: morsel.value for name, morsel in cookies.items()}),
        )
        self.body = base64.b64decode(record["body"]) if "body" in record else None
        self.content_type = next((v for k, v in headers.items() if k.lower() == "content-type"), "")
        # openapi-core reads the media type without parameters (multipart's boundary is read from the body).
        if self.content_type.startswith("multipart/"):
            self.mimetype = self.content_type
        self.url = record["url"]


def bundled(spec_path):
    """The spec as one document: each `$ref` into another file is replaced by a reference to a copy of its target
    under `x-gen-bundled` (the target's own references followed the same way, relative to its file). openapi-core's
    reference registry fails on a spec of many files (DigitalOcean's 2,850: "'str' object has no attribute 'get'"
    while crawling them), so a multi-file spec is validated bundled; a one-file spec is returned as it is."""
    root_path = os.path.abspath(spec_path)
    documents = {}

    def load(path):
        if path not in documents:
            with open(path, encoding="utf-8") as file:
                documents[path] = yaml.load(file, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        return documents[path]

    def resolve(document, pointer):
        node = document
        for part in [p for p in pointer.split("/") if p]:
            part = urllib.parse.unquote(part).replace("~1", "/").replace("~0", "~")
            node = node[int(part)] if isinstance(node, list) else node[part]
        return node

    root = load(root_path)
    names = {}
    bundle = {}

    def walk(node, base):
        if isinstance(node, list):
            return [walk(item, base) for item in node]
        if not isinstance(node, dict):
            return node
        ref = node.get("$ref")
        # A URL is no file of the spec (and a `$ref` member of an example's data, GitHub's SCIM users, is data).
        if isinstance(ref, str) and "://" not in ref:
            return {**node, "$ref": local(ref, base)}
        walked = {key: walk(value, base) for key, value in node.items()}
        # A discriminator's mapping names schemas by reference too.
        mapping = node.get("discriminator", {}).get("mapping") if isinstance(node.get("discriminator"), dict) else None
        if isinstance(mapping, dict):
            walked["discriminator"]["mapping"] = {
                value: local(target, base) if isinstance(target, str) and ("#" in target or "/" in target) else target
                for value, target in mapping.items()
            }
        return walked

    def local(ref, base):
        """`ref`, written in `base`, as a reference inside the bundled document."""
        file, _, pointer = ref.partition("#")
        target = os.path.normpath(os.path.join(os.path.dirname(base), file)) if file else base
        if target == root_path:
            return "#" + pointer
        key = (target, pointer)
        if key not in names:
            try:
                content = copy.deepcopy(resolve(load(target), pointer))
            except (OSError, KeyError, IndexError, ValueError, TypeError, yaml.YAMLError):
                return ref  # not a reference gen followed (data in an example): left as it is
            names[key] = f"r{len(names)}"
            bundle[names[key]] = walk(content, target)
        return f"#/x-gen-bundled/{names[key]}"

    document = walk(root, root_path)
    if bundle:
        document["x-gen-bundled"] = bundle
    return document


def findings(error):
    """What the validator found, each on one line: the error (`Invalid path parameter: id`) with each schema
    error it wraps (`: body/path: message`)."""
    # The error's own words, without the wrapped value (`Request body validation error: Value {...} not valid...`).
    top = re.split(r": Value ", f"{error}", maxsplit=1)[0] or type(error).__name__
    found = []
    cause = error
    while cause is not None:
        for inner in getattr(cause, "schema_errors", None) or []:
            path = "/".join(str(p) for p in inner.absolute_path)
            # An alternative that failed says why each branch did (`not valid under any of the given schemas`).
            branches = "; ".join(sorted({c.message[:300] for c in inner.context or []}))
            found.append(f"{top}: {path}: {inner.message}" + (f" ({branches})" if branches else ""))
        cause = cause.__cause__
    if not found:
        found.append(top)
    return [f.replace("\n", " ") for f in found]


def main():
    arguments = sys.argv[1:]
    limits = []
    if len(arguments) == 4 and arguments[0] == "--limits":
        with open(arguments[1], encoding="utf-8") as patterns:
            limits = [re.compile(p.rstrip("\n")) for p in patterns if p.strip() and not p.startswith("#")]
        arguments = arguments[2:]
    spec_path, requests_path = arguments
    try:
        # The spec itself is not validated (gen reads specs leniently; that is not what is checked here).
        api = OpenAPI.from_dict(bundled(spec_path), config=Config(spec_validator_cls=None))
    except Exception as error:  # noqa: BLE001 - any failure to load is reported the same way
        print(f"validate-requests: cannot load {spec_path}: {error}", file=sys.stderr)
        return 2
    validated, invalid, limited, limited_requests = 0, [], [], 0
    with open(requests_path, encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            request = SentRequest(record)
            validated += 1
            try:
                api.validate_request(request)
            except Exception as error:  # noqa: BLE001 - every validation failure is a finding
                media = request.content_type.split(";")[0].strip()
                where = f"{record['label']}: {record['method']} {record['url']}" + (f" [{media}]" if media else "")
                found = [f"{where}: {finding}" for finding in findings(error)]
                # A validator limit excuses a request only when it explains every finding.
                if limits and all(any(limit.search(f) for limit in limits) for f in found):
                    limited += found
                    limited_requests += 1
                else:
                    invalid.append(" | ".join(found))
    print(f"validated {validated} invalid {len(invalid)} limited {limited_requests}")
    for line in invalid:
        print(line)
    for line in limited:
        print("limit: " + line)
    return 0


if __name__ == "__main__":
    sys.exit(main())
