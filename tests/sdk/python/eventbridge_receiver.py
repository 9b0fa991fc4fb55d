"""An HTTP endpoint for EventBridge delivery tests (API destination targets), standard library only.

`Receiver()` listens on 127.0.0.1:0 and records every request (method, path, query, headers, body).
Its behaviour is scriptable: `statuses` answers the next requests with these codes (then 200),
`hold()` makes requests wait until `release()` (a slow target), and `/token` answers OAuth
client-credentials requests with `{"access_token": TOKEN}`.
"""
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from ebs_emulator import wait_for

TOKEN = "emulator-test-token"


class Receiver:
    def __init__(self):
        self.requests = []
        self.statuses = []
        self.arrived = 0  # requests whose body was read (including ones still held)
        self._lock = threading.Lock()
        self._released = threading.Event()
        self._released.set()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length).decode() if length else ""
                parsed = urllib.parse.urlsplit(self.path)
                record = {"method": self.command, "path": parsed.path,
                          "query": dict(urllib.parse.parse_qsl(parsed.query)),
                          "headers": {k.lower(): v for k, v in self.headers.items()},
                          "body": body, "at": time.monotonic()}  # arrival (monotonic s)
                if parsed.path == "/token":
                    with receiver._lock:
                        receiver.requests.append(record)
                    self._answer(200, json.dumps({"access_token": TOKEN, "token_type": "Bearer",
                                                  "expires_in": 3600}))
                    return
                with receiver._lock:
                    receiver.arrived += 1
                receiver._released.wait(timeout=60)
                with receiver._lock:
                    receiver.requests.append(record)
                    status = receiver.statuses.pop(0) if receiver.statuses else 200
                self._answer(status, json.dumps({"status": status}))

            def _answer(self, status, text):
                data = text.encode()
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            do_POST = do_PUT = do_GET = do_PATCH = do_DELETE = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def hold(self):
        self._released.clear()

    def release(self):
        self._released.set()

    def received(self, path=None):
        with self._lock:
            return [r for r in self.requests
                    if r["path"] != "/token" and (path is None or r["path"] == path)]

    def wait_count(self, n, path=None, timeout=15):
        return wait_for(lambda: len(self.received(path)) >= n and self.received(path), timeout,
                        message=f"{n} request(s) at {path or 'any path'}")

    def close(self):
        self.release()
        self.server.shutdown()
        self.server.server_close()


def closed_port_url():
    """An http:// URL on which nothing listens (connection refused)."""
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return f"http://127.0.0.1:{port}/down"


def api_destination(events, name, endpoint, auth="API_KEY", method="POST", **auth_params):
    """Creates a connection and an API destination to `endpoint`; returns the destination ARN."""
    if auth == "API_KEY":
        params = {"ApiKeyAuthParameters": {"ApiKeyName": "x-api-key", "ApiKeyValue": "secret-key"}}
    elif auth == "BASIC":
        params = {"BasicAuthParameters": {"Username": "user", "Password": "pass"}}
    else:
        params = {"OAuthParameters": {
            "ClientParameters": {"ClientID": "client", "ClientSecret": "shh"},
            "AuthorizationEndpoint": auth_params.pop("token_url"), "HttpMethod": "POST"}}
    params.update(auth_params)
    conn = events.create_connection(Name=f"{name}-conn", AuthorizationType=auth,
                                    AuthParameters=params)
    dest = events.create_api_destination(Name=name, ConnectionArn=conn["ConnectionArn"],
                                         InvocationEndpoint=endpoint, HttpMethod=method,
                                         InvocationRateLimitPerSecond=300)
    return dest["ApiDestinationArn"]
