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
"""
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

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
