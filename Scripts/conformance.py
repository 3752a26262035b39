#!/usr/bin/env python3
"""Decoding conformance: values nobody here chose, decoded by the types gen generates.

For every component schema and every JSON request and response body of a spec (the keys of the generated
`Exerciser.decodedTypeKeys`), an independent JSON Schema generator (hypothesis-jsonschema, deterministic) makes
values; the program gen's exerciser output compiles into (Scripts/exerciser-main.swift) decodes each into the key's
Swift type and encodes it again, and the JSON it gives back must equal the value, but for the normalizations below.

    Scripts/conformance.py SPEC PROGRAM [--examples N] [--warts FILE] [--name NAME]

Prints one line per spec (`conformance: runs: 63 schemas and bodies, 25 distinct tried, 240 values, 0 failures,
0 known, 0 skipped`: a body whose schema and Swift type another key has already is not tried again), then each
failure (key, value, why) and each schema the generator could not make values for. Exits 1 when a failure is not a
listed wart of the spec (Scripts/conformance-warts.txt: `spec<TAB>key regex<TAB>reason`).

What the generator is given (the schema as JSON Schema):
- `$ref`s are followed, across files too; a schema that refers to itself is cut where it recurs (the member is left
  out, a list there is empty), as a value generator cannot inline a cycle.
- OpenAPI 3.0's `nullable: true` is `null` allowed; `readOnly` members are not generated for a request body and
  `writeOnly` members not for a response (a component schema gets both).
- A `oneOf`/`anyOf` with a `discriminator` gives each alternative's discriminating member the value that selects it:
  the `mapping` keys that name it, else the alternative's own `enum`/`const`, else its schema name (OpenAPI's rule).
- `integer` values stay within the Swift type gen maps them to (`Int`/`Int64`: 64 bits; `int32` within 32 bits), and
  `format: float` numbers within a 32-bit float (0, or a normal number: Foundation refuses what a `Float` cannot hold).
- Formats: `uuid` (lower and upper case), `byte` and `binary` (base64, as `Data` decodes) get values of their own; the
  rest of OpenAPI's formats that JSON Schema does not define (`password`, `int64` on a string, ...) are any string.

What the comparison forgives (what the Swift types normalize, and nothing else):
- numbers compare by value (`1` and `1.0`); a `float` member compares as a 32-bit float;
- a `date-time` compares as an instant, to the millisecond (`2020-01-01T00:00:00+01:00` is `…T23:00:00.000Z`);
- a UUID compares without case;
- a member whose value is `null` may be left out where no schema of that object (its parts, and the alternatives of an
  `anyOf`/`oneOf` the object is valid against) requires it (a Swift optional that is `nil` encodes as absent; a
  required one as `null`), and a member no schema of that object declares may be left out (a generated struct keeps
  the members its schema declares).
"""
import argparse
import base64
import copy
import datetime
import json
import math
import multiprocessing
import os
import re
import signal
import struct
import subprocess
import sys
import tempfile
import warnings

import jsonschema
import yaml

warnings.filterwarnings("ignore")
from hypothesis import HealthCheck, Phase, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from hypothesis_jsonschema import from_schema  # noqa: E402
from warts import load_warts  # noqa: E402 (Scripts/warts.py)


class Loader(yaml.CSafeLoader):
    """YAML as JSON sees it: timestamps stay text."""


Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node))

ANNOTATIONS = {
    "description", "title", "example", "examples", "externalDocs", "xml", "deprecated", "readOnly", "writeOnly",
    "discriminator", "nullable", "$comment", "$id", "$schema", "contentMediaType", "contentEncoding", "default",
}
INT64 = (-(2**63), 2**63 - 1)
INT32 = (-(2**31), 2**31 - 1)
FLOAT32 = (1.1754943508222875e-38, 3.4028234663852886e38)  # the smallest normal and the largest 32-bit float
HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch", "trace"}


class Spec:
    """A spec's files, loaded once each, and `$ref`s resolved relative to the file they are written in."""

    def __init__(self, path):
        self.root_file = os.path.abspath(path)
        self.files = {}
        self.root = self.load(self.root_file)
        self.version = str(self.root.get("openapi", "3.0"))

    def load(self, path):
        if path not in self.files:
            with open(path, encoding="utf-8") as handle:
                self.files[path] = stringify_keys(yaml.load(handle, Loader=Loader))
        return self.files[path]

    def resolve(self, file, ref):
        """(file, pointer, node) that `ref`, written in `file`, names."""
        target, _, pointer = ref.partition("#")
        path = os.path.normpath(os.path.join(os.path.dirname(file), target)) if target else file
        node = self.load(path)
        for segment in pointer.split("/")[1:] if pointer else []:
            segment = segment.replace("~1", "/").replace("~0", "~")
            node = node[int(segment)] if isinstance(node, list) else node[segment]
        return path, "#" + pointer, node

    def follow(self, file, node):
        """`node` with its `$ref` chain followed (for path items, request bodies, responses)."""
        seen = 0
        while isinstance(node, dict) and "$ref" in node and seen < 32:
            file, _, node = self.resolve(file, node["$ref"])
            seen += 1
        return file, node

    def locate(self, key):
        """(file, schema node, direction) for a key of `Exerciser.decodedTypeKeys`."""
        kind, _, rest = key.partition(" ")
        if kind == "schema":
            file, _, node = self.resolve(self.root_file, rest)
            return file, node, "schema"
        # `METHOD PATH [STATUS] MEDIA`: a path has no space, a media type may (`application/json; charset=utf-8`).
        method, path, rest = rest.split(" ", 2)
        file, item = self.follow(self.root_file, self.root["paths"][path])
        # An operation may itself be a `$ref` (DigitalOcean writes each in a file of its own); 3.2's
        # `additionalOperations` are keyed by the method as written.
        fixed = {"get", "put", "post", "delete", "options", "head", "patch", "trace", "query"}
        if method == method.upper() and method.lower() in fixed:
            node = item[method.lower()]
        else:
            node = item["additionalOperations"][method]
        file, operation = self.follow(file, node)
        if kind == "request":
            file, body = self.follow(file, operation["requestBody"])
            file, media = self.follow(file, body["content"][rest])
            return file, media["schema"], "request"
        status, media_type = rest.split(" ", 1)
        file, response = self.follow(file, operation["responses"][status])
        file, media = self.follow(file, response["content"][media_type])
        return file, media["schema"], "response"


def stringify_keys(node):
    if isinstance(node, dict):
        return {str(k): stringify_keys(v) for k, v in node.items()}
    if isinstance(node, list):
        return [stringify_keys(v) for v in node]
    return node


class Converter:
    """An OpenAPI schema as the JSON Schema hypothesis-jsonschema reads, with every `$ref` inlined."""

    def __init__(self, spec, direction):
        self.spec = spec
        self.direction = direction
        self.is30 = spec.version.startswith("3.0")

    def convert(self, file, schema, stack=()):
        if isinstance(schema, bool):
            return schema
        if not isinstance(schema, dict):
            return {}
        if "$ref" in schema:
            target_file, pointer, target = self.spec.resolve(file, schema["$ref"])
            identity = (target_file, pointer)
            if identity in stack:
                return False
            inlined = self.convert(target_file, target, stack + (identity,))
            siblings = {k: v for k, v in schema.items() if k != "$ref" and k not in ANNOTATIONS}
            if self.is30 or not siblings:
                return inlined
            return {"allOf": [inlined, self.convert(file, siblings, stack)]}
        out = {}
        for key, value in schema.items():
            if key in ANNOTATIONS or key.startswith("x-"):
                continue
            if key in ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas"):
                members_file, members = self.members(file, value)
                out[key] = {name: self.convert(members_file, sub, stack) for name, sub in members.items()}
            elif key in ("allOf", "anyOf", "oneOf", "prefixItems"):
                out[key] = [self.convert(file, sub, stack) for sub in value]
            elif key in ("items", "additionalProperties", "not", "contains", "propertyNames", "if", "then", "else",
                         "additionalItems", "unevaluatedProperties", "unevaluatedItems"):
                out[key] = self.convert(file, value, stack)
            else:
                out[key] = copy.deepcopy(value)
        self.leave_out_one_sided(schema, out, file)
        discriminator = schema.get("discriminator")
        if isinstance(discriminator, dict):
            for keyword in ("oneOf", "anyOf"):
                if keyword in schema:
                    out[keyword] = [
                        self.discriminated(file, alternative, converted, discriminator)
                        for alternative, converted in zip(schema[keyword], out[keyword])
                    ]
        self.bound_numbers(out)
        self.formats(out)
        if self.is30 and schema.get("nullable") is True:
            return {"anyOf": [out, {"type": "null"}]}
        return out

    def members(self, file, value):
        """A map of schemas (`properties`) and the file it is written in: DigitalOcean writes `properties: {$ref:
        …}`, the map itself in another file, which gen reads as the map it refers to."""
        if isinstance(value, dict) and set(value) == {"$ref"} and isinstance(value["$ref"], str):
            file, value = self.spec.follow(file, value)
        return file, value if isinstance(value, dict) else {}

    def leave_out_one_sided(self, schema, out, file):
        """Members a body of this direction does not carry: read-only in a request, write-only in a response."""
        side = {"request": "readOnly", "response": "writeOnly"}.get(self.direction)
        if not side or "properties" not in out:
            return
        members_file, members = self.members(file, schema.get("properties"))
        for name, sub in members.items():
            if holds(self.spec, members_file, sub, side):
                out["properties"][name] = False
                if "required" in out:
                    out["required"] = [r for r in out["required"] if r != name]

    def discriminated(self, file, alternative, converted, discriminator):
        """`converted` with its discriminating member set to the value(s) that select it."""
        member = discriminator.get("propertyName")
        if not member or not isinstance(alternative, dict) or "$ref" not in alternative:
            return converted
        ref = alternative["$ref"]
        target = self.spec.resolve(file, ref)
        values = [
            value for value, mapped in (discriminator.get("mapping") or {}).items()
            if mapped == ref or mapped == ref.rsplit("/", 1)[-1]
            or self.spec.resolve(file, mapped if "#" in mapped or "/" in mapped
                                 else "#/components/schemas/" + mapped)[:2] == target[:2]
        ]
        if not values:
            own = own_member(self.spec, target[0], target[2], member)
            if own is not None and ("enum" in own or "const" in own):
                return converted
            values = [target[1].rsplit("/", 1)[-1]]
        return {"allOf": [converted, {"properties": {member: {"enum": values}}, "required": [member]}]}

    @staticmethod
    def bound_numbers(out):
        types = out.get("type")
        types = types if isinstance(types, list) else [types]
        fmt = out.get("format")
        if "integer" in types:
            low, high = INT32 if fmt == "int32" else INT64
            out["minimum"] = max(out.get("minimum", low), low) if not isinstance(out.get("minimum"), bool) else low
            out["maximum"] = min(out.get("maximum", high), high) if not isinstance(out.get("maximum"), bool) else high
        if "number" in types and fmt == "float":
            # Within a 32-bit float, tiny values included (Foundation refuses what a Float cannot hold).
            low, high = FLOAT32
            out["minimum"] = max(out.get("minimum", -high), -high) if not isinstance(out.get("minimum"), bool) else -high
            out["maximum"] = min(out.get("maximum", high), high) if not isinstance(out.get("maximum"), bool) else high
            out.setdefault("allOf", []).append({"anyOf": [{"const": 0}, {"minimum": low}, {"maximum": -low}]})
        if "string" not in types and fmt is not None and types != [None]:
            out.pop("format", None)

    @staticmethod
    def formats(out):
        fmt = out.get("format")
        if fmt is not None and fmt not in KNOWN_FORMATS and fmt not in CUSTOM_FORMATS:
            out.pop("format")


KNOWN_FORMATS = {
    "date-time", "date", "time", "email", "idn-email", "hostname", "idn-hostname", "ipv4", "ipv6", "uri",
    "uri-reference", "iri", "iri-reference", "uri-template", "json-pointer", "relative-json-pointer", "regex", "color",
}
CUSTOM_FORMATS = {
    "uuid": st.one_of(st.uuids().map(str), st.uuids().map(lambda u: str(u).upper())),
    "byte": st.binary(max_size=48).map(lambda b: base64.b64encode(b).decode()),
    "binary": st.binary(max_size=48).map(lambda b: base64.b64encode(b).decode()),
}


def holds(spec, file, schema, keyword, depth=0):
    """Whether `schema` says `keyword: true` (`readOnly`), itself, through its `$ref`s or in an `allOf` part."""
    if not isinstance(schema, dict) or depth > 16:
        return False
    if "$ref" in schema:
        try:
            file, _, target = spec.resolve(file, schema["$ref"])
        except (KeyError, IndexError, OSError):
            return False
        if holds(spec, file, target, keyword, depth + 1):
            return True
    return schema.get(keyword) is True or any(
        holds(spec, file, part, keyword, depth + 1) for part in schema.get("allOf") or [])


def own_member(spec, file, schema, member):
    """The schema `schema` (or one of its `allOf` parts) gives its member `member`, if any."""
    if not isinstance(schema, dict):
        return None
    if "$ref" in schema:
        file, _, schema = spec.resolve(file, schema["$ref"])
    found = (schema.get("properties") or {}).get(member)
    if isinstance(found, dict) and "$ref" in found:
        found = spec.resolve(file, found["$ref"])[2]
    if found is not None:
        return found
    for part in schema.get("allOf") or []:
        found = own_member(spec, file, part, member)
        if found is not None:
            return found
    return None


NOTHING = object()  # no value given (`expand`)


class OutOfTime(BaseException):
    """Raised by the alarm: a BaseException, which hypothesis lets through instead of shrinking it as a failure."""


def out_of_time(signum, frame):
    # Raised where the generator is; if that is a callback whose exceptions Python ignores (a weakref's), the alarm
    # rings again a second later, until values_for's `finally` stops it.
    signal.alarm(1)
    raise OutOfTime("the generator took longer than the budget (--budget)")


def quiet_ignored_alarms(unraisable):
    """An alarm Python ignored (raised in a weakref or gc callback) rings again; it is no error worth a traceback."""
    if not isinstance(unraisable.exc_value, OutOfTime):
        sys.__unraisablehook__(unraisable)


sys.unraisablehook = quiet_ignored_alarms


def values_for(schema, count, budget):
    """Up to `count` distinct values of `schema`, deterministically, within `budget` seconds."""
    signal.signal(signal.SIGALRM, out_of_time)
    signal.alarm(budget)
    try:
        return generate(schema, count)
    finally:
        signal.alarm(0)


def describe(error):
    text = str(error).splitlines()[0][:200] if str(error) else ""
    return f"{type(error).__name__}: {text}"


def generate_task(task):
    """A worker's job: (values, None), or ([], why) when the generator refuses the schema or runs out of time."""
    schema, count, budget = task
    try:
        return values_for(schema, count, budget), None
    except (Exception, OutOfTime) as error:  # the generator's refusal is reported, not fatal
        return [], describe(error)


def generate(schema, count):
    strategy = from_schema(schema, custom_formats=CUSTOM_FORMATS)
    found = {}

    @settings(max_examples=count, database=None, derandomize=True, deadline=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(strategy)
    def collect(value):
        found.setdefault(json.dumps(value, sort_keys=True), value)

    collect()
    return list(found.values())


RFC3339 = re.compile(r"^\d{4}-\d\d-\d\d[Tt ]\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)$")
UUID = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")


def instant(text):
    text = text.replace("t", "T").replace("z", "Z").replace(" ", "T")
    if text.endswith("Z"):
        text = text[:-1] + "+00:00"
    match = re.match(r"^(.*?)(\.\d+)?([+-]\d\d:\d\d)$", text)
    base, fraction, offset = match.groups()
    moment = datetime.datetime.fromisoformat(base + offset)
    return moment.timestamp() + (float("0" + fraction) if fraction else 0.0)


def expand(schemas, value=NOTHING):
    """The schemas a value at one position is checked against, with the parts and alternatives of compositions;
    given the value, only the alternatives of an `anyOf`/`oneOf` it is valid against (all when it is valid against
    none), so a member an alternative it is not requires is no reason to keep a `null`."""
    found, stack = [], list(schemas)
    while stack:
        schema = stack.pop()
        if isinstance(schema, dict):
            found.append(schema)
            stack.extend(schema.get("allOf") or [])
            for keyword in ("anyOf", "oneOf"):
                alternatives = schema.get(keyword) or []
                if value is not NOTHING:
                    valid = [alternative for alternative in alternatives if is_valid(alternative, value)]
                    alternatives = valid or alternatives
                stack.extend(alternatives)
    return found


def is_valid(schema, value):
    try:
        return jsonschema.Draft202012Validator(schema).is_valid(value)
    except Exception:  # a schema the validator cannot read: counted as valid, as before
        return True


def member_schemas(schemas, name):
    """The schemas of the member `name` of an object checked against `schemas`."""
    found = []
    for schema in expand(schemas):
        if name in (schema.get("properties") or {}):
            found.append(schema["properties"][name])
            continue
        patterns = [sub for pattern, sub in (schema.get("patternProperties") or {}).items() if matches(pattern, name)]
        found += patterns
        if not patterns and isinstance(schema.get("additionalProperties"), dict):
            found.append(schema["additionalProperties"])
    return found


def item_schemas(schemas, index):
    found = []
    for schema in expand(schemas):
        prefix = schema.get("prefixItems") or []
        if index < len(prefix):
            found.append(prefix[index])
        elif isinstance(schema.get("items"), dict):
            found.append(schema["items"])
    return found


def matches(pattern, text):
    try:
        return re.search(pattern, text) is not None
    except re.error:
        return False


def difference(sent, back, schemas, path="$"):
    """Where `back` differs from `sent` beyond the normalizations, or None; `schemas` are those of this position."""
    if isinstance(sent, bool) or isinstance(back, bool):
        return None if sent is back else f"{path}: sent {dump(sent)}, got {dump(back)}"
    if isinstance(sent, (int, float)) and isinstance(back, (int, float)):
        if sent == back or float32(sent) == float32(back):
            return None
        return f"{path}: sent {sent!r}, got {back!r}"
    if isinstance(sent, str) and isinstance(back, str):
        if sent == back:
            return None
        if RFC3339.match(sent) and RFC3339.match(back):
            try:
                if abs(instant(sent) - instant(back)) < 0.001:
                    return None
            except ValueError:
                pass
        if UUID.match(sent) and sent.lower() == back.lower():
            return None
        return f"{path}: sent {dump(sent)}, got {dump(back)}"
    if isinstance(sent, list) and isinstance(back, list):
        if len(sent) != len(back):
            return f"{path}: sent {len(sent)} items, got {len(back)}"
        for index, (a, b) in enumerate(zip(sent, back)):
            found = difference(a, b, item_schemas(schemas, index), f"{path}[{index}]")
            if found:
                return found
        return None
    if isinstance(sent, dict) and isinstance(back, dict):
        here = expand(schemas, sent)
        declared = {name for schema in here for name in (schema.get("properties") or {})}
        required = {name for schema in here for name in (schema.get("required") or []) if isinstance(name, str)}
        for name, value in sent.items():
            if name in back:
                found = difference(value, back[name], member_schemas(schemas, name), f"{path}.{name}")
                if found:
                    return found
            elif name in declared and (value is not None or name in required):
                return f"{path}.{name}: sent {dump(value)}, left out"
        for name in back:
            if name not in sent:
                return f"{path}.{name}: not sent, got {dump(back[name])}"
        return None
    if sent is None and back is None:
        return None
    return f"{path}: sent {dump(sent)}, got {dump(back)}"


def float32(number):
    try:
        return struct.unpack("f", struct.pack("f", number))[0]
    except (OverflowError, struct.error):
        return math.nan


def dump(value, limit=160):
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= limit else text[:limit] + "…"


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("spec")
    parser.add_argument("program")
    parser.add_argument("--examples", type=int, default=10)
    parser.add_argument("--warts", default=os.path.join(os.path.dirname(__file__), "conformance-warts.txt"))
    parser.add_argument("--name")
    parser.add_argument("--show", type=int, default=20, help="failures printed (all are counted)")
    parser.add_argument("--only", help="a regular expression: try only the keys it matches")
    parser.add_argument("--budget", type=int, default=60, help="seconds the generator may take per schema")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1, help="generator processes (default: cores)")
    parser.add_argument("--progress", action="store_true", help="report every 100 schemas on stderr")
    args = parser.parse_args()
    name = args.name or os.path.splitext(os.path.basename(args.spec))[0]
    spec = Spec(args.spec)
    listing = subprocess.run([args.program, "--types"], capture_output=True, text=True, check=True).stdout
    types = dict(line.split("\t", 1) for line in listing.splitlines() if "\t" in line)

    work, skipped = [], []
    done = set()  # (schema, Swift type, coder): the same values would be decoded the same way again
    for key, swift_type in types.items():
        if args.only and not re.search(args.only, key):
            continue
        try:
            file, schema, direction = spec.locate(key)
            converted = Converter(spec, direction).convert(file, schema)
        except Exception as error:  # a schema the converter cannot read is reported, not fatal
            skipped.append((key, describe(error)))
            continue
        identity = (json.dumps(converted, sort_keys=True), swift_type, direction == "request")
        if identity not in done:
            done.add(identity)
            work.append((key, converted))

    lines, sent = [], []
    tried = 0
    # Each schema's values come from a worker process of their own (forked: the alarm of --budget is per process);
    # what they make does not depend on how many there are or in which order they finish.
    with multiprocessing.get_context("fork").Pool(args.jobs, maxtasksperchild=50) as pool:
        tasks = [(converted, args.examples, args.budget) for _, converted in work]
        for index, ((key, converted), (values, error)) in enumerate(zip(work, pool.imap(generate_task, tasks))):
            if args.progress and index % 100 == 99:
                print(f"conformance: {name}: {index + 1} of {len(work)} schemas", file=sys.stderr, flush=True)
            if error is not None:
                skipped.append((key, error))
                continue
            tried += 1
            for value in values:
                lines.append(key + "\t" + json.dumps(value, ensure_ascii=True))
                sent.append((key, value, converted))

    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as handle:
        handle.write("\n".join(lines) + "\n")
        values_file = handle.name
    result = subprocess.run([args.program, "--reencode", values_file], capture_output=True, encoding="utf-8")
    os.unlink(values_file)
    answers = result.stdout.split("\n")[:-1]  # JSON may hold U+2028 and the like, which splitlines() splits at
    if result.returncode != 0 or len(answers) != len(sent):
        print(f"conformance: {name}: the program answered {len(answers)} of {len(sent)} values "
              f"(exit {result.returncode}): {result.stderr[-400:]}")
        return 1

    warts = load_warts(args.warts, name)
    failures, known = [], []
    for (key, value, schema), answer in zip(sent, answers):
        status, _, text = answer.partition("\t")
        if status == "ok":
            why = difference(value, json.loads(text), [schema])
        else:
            why = "does not decode: " + text
        if why is None:
            continue
        reason = next((reason for pattern, reason in warts if pattern.search(key + " " + why)), None)
        (known if reason else failures).append((key, value, why, reason))

    print(f"conformance: {name}: {len(types)} schemas and bodies, {tried} distinct tried, {len(sent)} values, "
          f"{len(failures)} failures, "
          f"{len(known)} known, {len(skipped)} skipped")
    seen = set()
    for key, value, why, _ in failures:
        if (key, why[:60]) in seen:
            continue
        seen.add((key, why[:60]))
        if len(seen) > args.show:
            print(f"  … and more ({len(failures)} failures in all)")
            break
        print(f"  FAIL {key}: {why}\n       value {dump(value, 300)}")
    reasons = {}
    for key, _, _, reason in known:
        reasons.setdefault(reason, set()).add(key)
    for reason, which in sorted(reasons.items()):
        print(f"  known ({len(which)} schemas): {reason}")
    for key, why in skipped[: args.show]:
        print(f"  skipped {key}: {why}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
