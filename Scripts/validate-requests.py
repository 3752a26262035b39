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

import yaml

from openapi_core import Config, OpenAPI
from openapi_core.datatypes import RequestParameters
from openapi_core.validation.request import datatypes as request_datatypes
from werkzeug.datastructures import Headers, ImmutableMultiDict

# What openapi-core (0.23) does not read of OpenAPI 3.2 yet, bridged here so its 3.2 validators check the rest:
# - `in: querystring`: it asks the request's parameters for a `querystring` location that neither its request nor
#   its result types have; the request gets one (the whole query string, for whichever parameter asks) and the
#   result type a place to put it;
# - `additionalOperations`: it finds operations by the fixed methods only; a request of another method is validated
#   against a copy of the document where that operation is the path item's `post`;
# - `style: cookie`: it knows no such style; the copy it reads says `form` (the same pairs, read from the `Cookie`
#   header as they came, repeated names kept).
# It also reads no event stream (JSON Lines, JSON text sequences, Server-sent events) as a request body: such a body
# is split into its events, and each is validated as the `application/json` body of a copy of the document whose
# operation takes the event stream's schema as JSON.
EVENT_MEDIA = {"application/jsonl", "application/x-ndjson", "application/json-seq", "text/event-stream"}


def events_of(body, media):
    """The JSON texts of a request body of events (a Server-sent event whose data is not JSON, a terminator, is
    left out)."""
    text = body.decode("utf-8")
    if media == "application/json-seq":
        return [record.strip() for record in text.split("\x1e") if record.strip()]
    if media == "text/event-stream":
        found = []
        for block in re.split(r"\r\n\r\n|\n\n|\r\r", text):
            data = [line[5:].lstrip(" ") for line in re.split(r"\r\n|\n|\r", block) if line.startswith("data:")]
            if not data:
                continue
            value = "\n".join(data)
            try:
                json.loads(value)
            except ValueError:
                continue
            found.append(value)
        return found
    return [line for line in text.splitlines() if line.strip()]


def with_json_events(document, path, method, media):
    """A copy of `document` where the request body of `method` at `path` takes its `media` events as JSON."""
    copied = copy.deepcopy(document)
    operation = copied["paths"][path][method]
    content = operation["requestBody"]["content"]
    operation["requestBody"]["content"] = {"application/json": content[media]}
    return copied
if not hasattr(request_datatypes.Parameters, "querystring"):
    request_datatypes.Parameters.querystring = {}

FIXED_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}


class WholeQuery(dict):
    """The `querystring` location: the query string as bytes (as it came for a form, which its deserializer
    decodes; percent-decoded for a JSON or text value) for any parameter name, or none."""

    def __init__(self, query, form):
        super().__init__()
        self.query = query if form else urllib.parse.unquote(query)

    def __contains__(self, name):
        return bool(self.query)

    def __getitem__(self, name):
        if not self.query:
            raise KeyError(name)
        return self.query.encode("utf-8")


def query_string_forms(document):
    """operationId → whether its `in: querystring` parameter is a form (only operations that have one)."""
    forms = {}
    for item in (document.get("paths") or {}).values():
        if not isinstance(item, dict):
            continue
        operations = [item.get(method) for method in FIXED_METHODS] + list((item.get("additionalOperations") or {}).values())
        for operation in operations:
            if not isinstance(operation, dict):
                continue
            for parameter in (item.get("parameters") or []) + (operation.get("parameters") or []):
                if isinstance(parameter, dict) and parameter.get("in") == "querystring":
                    media = next(iter(parameter.get("content") or {}), "")
                    forms[operation.get("operationId")] = media.startswith("application/x-www-form-urlencoded")
    return forms


def as_post(document, path, method):
    """A copy of `document` where the `additionalOperations` entry `method` of `path` is the path item's `post`."""
    copied = copy.deepcopy(document)
    item = copied["paths"][path]
    item["post"] = item["additionalOperations"][method]
    return copied


def cookie_style_as_form(node):
    """`node` with every `style: cookie` parameter read as `style: form` (openapi-core knows no cookie style)."""
    if isinstance(node, list):
        return [cookie_style_as_form(item) for item in node]
    if not isinstance(node, dict):
        return node
    walked = {key: cookie_style_as_form(value) for key, value in node.items()}
    if walked.get("in") == "cookie" and walked.get("style") == "cookie":
        walked["style"] = "form"
    return walked


class SentRequest:
    """One request as openapi-core's request protocol expects it."""

    def __init__(self, record, query_forms=None):
        query_forms = query_forms or {}
        url = urllib.parse.urlsplit(record["url"])
        self.host_url = f"{url.scheme}://{url.netloc}"
        # A server matches the path to a template, then decodes each parameter; openapi-core matches the text as it
        # is, so the path is given decoded (but for `%2F`, which would add a segment).
        self.path = urllib.parse.unquote(re.sub(r"%2[Ff]", "%252F", url.path))
        self.full_url_pattern = self.host_url + url.path
        self.method = record["method"].lower()
        headers = record.get("headers", {})
        cookies = []
        for pair in headers.get("Cookie", "").split(";"):
            name, _, value = pair.strip().partition("=")
            if name:
                cookies.append((name, urllib.parse.unquote(value)))
        self.parameters = RequestParameters(
            query=ImmutableMultiDict(urllib.parse.parse_qsl(url.query, keep_blank_values=True)),
            header=Headers(headers),
            cookie=ImmutableMultiDict(cookies),
        )
        self.parameters.querystring = WholeQuery(url.query, form=query_forms.get(record.get("operation"), True))
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


def template_matches(template, path):
    """Whether a request path (below any server path) ends with `template`, its `{name}`s matching a segment."""
    pattern = re.sub(r"\\\{[^}]*\\\}", "[^/]+", re.escape(template)) + "$"
    return re.search(pattern, path) is not None


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
        document = cookie_style_as_form(bundled(spec_path))
        api = OpenAPI.from_dict(document, config=Config(spec_validator_cls=None))
    except Exception as error:  # noqa: BLE001 - any failure to load is reported the same way
        print(f"validate-requests: cannot load {spec_path}: {error}", file=sys.stderr)
        return 2
    validated, invalid, limited, limited_requests = 0, [], [], 0
    query_forms = query_string_forms(document)
    additional = {}
    with open(requests_path, encoding="utf-8") as lines:
        for line in lines:
            if not line.startswith("{"):
                continue
            record = json.loads(line)
            request = SentRequest(record, query_forms)
            validated += 1
            try:
                method = record["method"]
                if method.lower() not in FIXED_METHODS or method != method.upper():
                    # An additional operation: validated as the `post` of a copy of the document.
                    path = next(
                        (p for p, item in document.get("paths", {}).items()
                         if method in ((item or {}).get("additionalOperations") or {})
                         and template_matches(p, request.path)), None)
                    if path is not None:
                        if (path, method) not in additional:
                            additional[(path, method)] = OpenAPI.from_dict(
                                as_post(document, path, method), config=Config(spec_validator_cls=None))
                        request.method = "post"
                        additional[(path, method)].validate_request(request)
                        continue
                media = request.content_type.split(";")[0].strip().lower()
                if media in EVENT_MEDIA and request.body is not None:
                    path = next(
                        (p for p, item in document.get("paths", {}).items()
                         if media in (((item or {}).get(request.method) or {}).get("requestBody") or {}).get("content", {})
                         and template_matches(p, request.path)), None)
                    if path is not None:
                        key = ("events", path, request.method, media)
                        if key not in additional:
                            additional[key] = OpenAPI.from_dict(
                                with_json_events(document, path, request.method, media),
                                config=Config(spec_validator_cls=None))
                        request.shown_type, request.content_type = request.content_type, "application/json"
                        for event in events_of(request.body, media):
                            request.body = event.encode("utf-8")
                            additional[key].validate_request(request)
                        continue
                api.validate_request(request)
            except Exception as error:  # noqa: BLE001 - every validation failure is a finding
                media = getattr(request, "shown_type", request.content_type).split(";")[0].strip()
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
