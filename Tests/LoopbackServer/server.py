#!/usr/bin/env python3
"""A scripted HTTP/1.1 server on 127.0.0.1 for the generated client's wire tests.

Started by the tests themselves (Tests/GeneratedCodeTests/LoopbackServer.swift), one per test, on an ephemeral
port that it prints as its first line. It answers the Coalesce Runs API from the generated fixtures
(Generated/Fixtures/<operation>/<status>.json), and each request is answered by the next step of the script
given as a JSON list on the command line; after the last step, the last step repeats. A step may set:

  status        HTTP status (default 200)
  fixture       "getRun/404": body from Generated/Fixtures (default: <operation>/<status> when it exists)
  body          a literal body instead of a fixture
  json_patch    {"key": value} merged into the fixture's top-level object (extra fields, unknown enum values)
  size          pad the fixture to about this many bytes (inside runTimeParameters)
  headers       extra response headers, e.g. {"Retry-After": "1"}
  content_type  Content-Type (default application/json)
  delay         seconds to wait before answering
  drop          close the connection without answering
  truncate      announce more bytes in Content-Length than are sent, then close

GET /_requests returns what was received so far (method, raw path, headers, body) and is not scripted.
The server stops when its standard input closes (when the test process ends, whatever happens to it).

The streaming test API (Tests/StreamsAPI/openapi.yaml) is not scripted by steps but by the query:

  GET /ticks?count=N&script=a,b   Server-sent events (Accept: text/event-stream), else one JSON page
  GET /ticks/lines?count=N        JSON Lines          GET /ticks/sequence?count=N   JSON text sequence
  GET /ticks/export?count=N       JSON or CSV, as Accept asks
  GET /blobs/NAME?size=N          N bytes in 1 MiB writes;  PUT /blobs/NAME  counts the body (chunked or not)
  GET /_ack                       lets a stream waiting on `ack` go on

where the script may hold: ack (after the first event, hold the rest until /_ack, or drop the connection after
10 s), slow (20 ms between events), malformed=K (event K does not decode), crlf / cr (line ends), bom, comments,
fields (event and id fields), multiline (each value pretty-printed over lines: several data lines, a record of
several lines), noblank (no blank line after the last
event), noterminator, afterdone (events after the terminator). /_requests then also lists each stream's outcome:
{"stream": path, "sent": events written, "closed_early": true when the client went away}.
"""
import itertools
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

FIXTURES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "Generated", "Fixtures")
ROUTES = [
    ("GET", ["api", "v1", "runs"], "listRuns"),
    ("GET", ["api", "v1", "runs", None], "getRun"),
    ("GET", ["api", "v1", "runs", None, "results"], "listRunResults"),
    ("POST", ["scheduler", "startRun"], "startRun"),
    ("POST", ["scheduler", "rerun"], "rerun"),
    ("GET", ["scheduler", "runStatus"], "getRunStatus"),
    ("POST", ["scheduler", "cancelRun"], "cancelRun"),
]


def operation_for(method, path):
    segments = [s for s in path.split("?")[0].split("/") if s]
    for route_method, template, name in ROUTES:
        if route_method == method and len(template) == len(segments) and all(
            t is None or t == s for t, s in zip(template, segments)
        ):
            return name
    return None


class State:
    def __init__(self, script):
        self.script = script or [{}]
        self.lock = threading.Lock()
        self.requests = []
        self.acked = threading.Event()

    def record(self, entry):
        with self.lock:
            self.requests.append(entry)

    def next_step(self, record):
        with self.lock:
            index = min(len(self.requests), len(self.script) - 1)
            self.requests.append(record)
            return self.script[index]


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def handle_any(self):
        route = urlsplit(self.path).path
        if route == "/_ack":
            self.server.state.acked.set()
            return self.reply(200, b"{}", "application/json", {})
        if route.startswith("/ticks") or route.startswith("/blobs/"):
            return self.handle_stream(route, {k: v[-1] for k, v in parse_qs(urlsplit(self.path).query).items()})
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8", "replace") if length else ""
        if self.path == "/_requests":
            return self.reply(200, json.dumps(self.server.state.requests).encode(), "application/json", {})
        record = {"method": self.command, "path": self.path, "headers": dict(self.headers.items()), "body": body}
        step = self.server.state.next_step(record)
        if step.get("delay"):
            time.sleep(step["delay"])
        if step.get("drop"):
            self.close_connection = True
            self.connection.shutdown(2)
            return
        status = step.get("status", 200)
        operation = operation_for(self.command, self.path)
        payload = b""
        if "body" in step:
            payload = step["body"].encode()
        else:
            name = step.get("fixture") or (f"{operation}/{status}" if operation else None)
            path = os.path.join(FIXTURES, name + ".json") if name else None
            if path and os.path.exists(path):
                with open(path, "rb") as f:
                    payload = f.read()
                if step.get("json_patch") or step.get("size"):
                    value = json.loads(payload)
                    value.update(step.get("json_patch", {}))
                    if step.get("size"):
                        value.setdefault("runTimeParameters", {})["padding"] = "x" * step["size"]
                    payload = json.dumps(value).encode()
        if step.get("truncate"):
            self.send_response(status)
            self.send_header("Content-Type", step.get("content_type", "application/json"))
            self.send_header("Content-Length", str(len(payload) + 1000))
            self.end_headers()
            self.wfile.write(payload[: max(1, len(payload) // 2)])
            self.wfile.flush()
            self.close_connection = True
            self.connection.shutdown(2)
            return
        self.reply(status, payload, step.get("content_type", "application/json"), step.get("headers", {}))

    def reply(self, status, payload, content_type, headers):
        self.send_response(status)
        if status != 204:
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        if status != 204:
            self.wfile.write(payload)

    do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = handle_any

    # --- The streaming test API ------------------------------------------------------------------------------

    def handle_stream(self, route, query):
        if self.command == "PUT" and route.startswith("/blobs/"):
            received = self.read_body_counting()
            self.server.state.record({"method": "PUT", "path": self.path, "headers": dict(self.headers.items()),
                                      "body": "", "received": received})
            return self.reply(200, json.dumps({"received": received}).encode(), "application/json", {})
        self.server.state.record({"method": self.command, "path": self.path, "headers": dict(self.headers.items()),
                                  "body": ""})
        if route.startswith("/blobs/"):
            return self.send_blob(int(query.get("size", "0")))
        count = int(query.get("count", "0"))
        script = [item for item in query.get("script", "").split(",") if item]
        accept = self.headers.get("Accept", "")
        if route == "/ticks/export":
            ticks = [tick(i) for i in range(count)]
            if "text/csv" in accept:
                csv = "index,text\n" + "".join(f"{t['index']},{t['text']}\n" for t in ticks)
                return self.reply(200, csv.encode(), "text/csv", {})
            return self.reply(200, json.dumps({"ticks": ticks}).encode(), "application/json", {})
        if route == "/ticks" and "text/event-stream" not in accept:
            return self.reply(200, json.dumps({"ticks": [tick(i) for i in range(count)]}).encode(),
                              "application/json", {})
        framing = {"/ticks": "sse", "/ticks/lines": "jsonl", "/ticks/untyped": "jsonl", "/ticks/sequence": "seq"}[route]
        self.send_events(route, framing, count, script)

    def read_body_counting(self):
        total = 0
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            while True:
                size = int(self.rfile.readline().split(b";")[0], 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return total
                remaining = size
                while remaining:
                    block = self.rfile.read(min(remaining, 1 << 20))
                    remaining -= len(block)
                    total += len(block)
                self.rfile.readline()
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining:
            block = self.rfile.read(min(remaining, 1 << 20))
            if not block:
                break
            remaining -= len(block)
            total += len(block)
        return total

    def send_blob(self, size):
        self.send_response(200)
        self.send_header("Content-Type", "application/octet-stream")
        self.send_header("Content-Length", str(size))
        self.end_headers()
        block = bytes(range(256)) * 4096
        sent = 0
        while sent < size:
            piece = block[: min(len(block), size - sent)]
            self.wfile.write(piece)
            sent += len(piece)

    def send_events(self, route, framing, count, script):
        flags = set(script)
        options = dict(item.split("=", 1) for item in script if "=" in item)
        malformed = int(options["malformed"]) if "malformed" in options else None
        end = "\r\n" if "crlf" in flags else "\r" if "cr" in flags else "\n"
        content_type = {"sse": "text/event-stream", "jsonl": "application/x-ndjson", "seq": "application/json-seq"}
        self.send_response(200)
        self.send_header("Content-Type", content_type[framing])
        self.send_header("Transfer-Encoding", "chunked")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()
        outcome = {"stream": self.path, "sent": 0, "closed_early": False, "acked": False}

        def frame(index, data, last=False):
            if framing == "jsonl":
                return data + end
            if framing == "seq":
                return "\x1e" + data + "\n"
            text = ": keep-alive" + end if "comments" in flags else ""
            if "fields" in flags:
                text += f"event: tick{end}id: {index}{end}"
            lines = data.split("\n")
            text += "".join(f"data: {line}{end}" for line in lines)
            return text if last and "noblank" in flags else text + end

        def write(text):
            payload = text.encode()
            self.wfile.write(b"%x\r\n%s\r\n" % (len(payload), payload))
            self.wfile.flush()

        try:
            if "bom" in flags:
                write("\ufeff")
            # `endless`: events until the client goes away (a stream that never ends by itself).
            for index in itertools.count() if "endless" in flags else range(count):
                data = '{"index": "oops", "text": "not a tick"}' if index == malformed else json.dumps(tick(index))
                if "multiline" in flags and framing != "jsonl" and index != malformed:
                    data = json.dumps(tick(index), indent=1)
                write(frame(index, data, last=index == count - 1 and ("noterminator" in flags or framing != "sse")))
                outcome["sent"] = index + 1
                if index == 0 and "ack" in flags:
                    outcome["acked"] = self.server.state.acked.wait(10)
                    if not outcome["acked"]:
                        self.connection.shutdown(2)
                        return
                if "slow" in flags or "endless" in flags:
                    time.sleep(0.02)
            if framing == "sse" and "noterminator" not in flags:
                write(frame(count, "[DONE]", last=True))
                if "afterdone" in flags:
                    write(frame(count + 1, json.dumps(tick(count + 1))))
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            outcome["closed_early"] = True
            self.close_connection = True
        finally:
            self.server.state.record(outcome)


def tick(index):
    return {"index": index, "text": f"tick {index}"}


def main():
    script = json.loads(sys.argv[1]) if len(sys.argv) > 1 else []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.state = State(script)
    print(server.server_address[1], flush=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    sys.stdin.read()  # returns when the test closes our stdin or exits
    server.shutdown()


if __name__ == "__main__":
    main()
