#!/usr/bin/env python3
"""End-to-end Lambda Invoke over HTTP against the real ebs-emulator binary: cold and warm start
latency and invocations per second, for Node.js and Python functions that echo their event.

Each request is a plain HTTP/1.1 POST /2015-03-31/functions/<name>/invocations on a keep-alive
connection (what an SDK sends, minus its own client overhead), so the figures are the emulator's:
routing, the store reads, the runner, the invocation record and the CloudWatch Logs write.

    python3 bench/lambda_api/invoke_bench.py --binary build/release/server/ebs-emulator
"""
import argparse
import base64
import http.client
import io
import json
import os
import statistics
import sys
import threading
import time
import zipfile

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "clients"))
from ebs_emulator import Emulator  # noqa: E402

ROLE = "arn:aws:iam::000000000000:role/bench"
CODE = {
    "node": ("nodejs20.x", "index.handler", "index.js",
             "exports.handler = async (event) => event;\n"),
    "python": ("python3.11", "app.handler", "app.py",
               "def handler(event, context):\n    return event\n"),
}


def zip_of(name, text):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(name, text)
    return base64.b64encode(buf.getvalue()).decode()


class Conn:
    def __init__(self, endpoint):
        host, port = endpoint.split("//", 1)[1].split(":")
        self.c = http.client.HTTPConnection(host, int(port), timeout=60)

    def call(self, method, path, body=None, headers=None):
        data = json.dumps(body).encode() if isinstance(body, (dict, list)) else body
        self.c.request(method, path, body=data, headers=headers or {})
        r = self.c.getresponse()
        payload = r.read()
        return r.status, payload, r


def create(conn, name, kind):
    runtime, handler, filename, text = CODE[kind]
    status, body, _ = conn.call("POST", "/2015-03-31/functions", {
        "FunctionName": name, "Runtime": runtime, "Handler": handler, "Role": ROLE,
        "Code": {"ZipFile": zip_of(filename, text)}})
    assert status == 201, body
    while True:
        _, body, _ = conn.call("GET", f"/2015-03-31/functions/{name}/configuration")
        if json.loads(body)["State"] == "Active":
            return
        time.sleep(0.01)


def invoke(conn, name, payload=b'{"n":1}', headers=None):
    t0 = time.perf_counter()
    status, body, resp = conn.call("POST", f"/2015-03-31/functions/{name}/invocations", payload,
                                   headers)
    elapsed = time.perf_counter() - t0
    assert status in (200, 202), (status, body)
    assert resp.getheader("X-Amz-Function-Error") is None, body
    return elapsed


def pct(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def ms(x):
    return f"{x * 1000:.2f} ms"


def bench(emu, kind, args):
    conn = Conn(emu.endpoint)
    results = {}
    # Cold starts: a new function each time (create, wait Active, first invoke).
    colds = []
    for i in range(args.cold):
        name = f"{kind}-cold-{i}"
        create(conn, name, kind)
        colds.append(invoke(conn, name))
    results["cold"] = statistics.median(colds)
    # Cold after a configuration change (the warm process is evicted).
    name = f"{kind}-warm"
    create(conn, name, kind)
    invoke(conn, name)
    recolds = []
    for i in range(args.cold):
        conn.call("PUT", f"/2015-03-31/functions/{name}/configuration",
                  {"Description": f"v{i}"})
        while json.loads(conn.call("GET", f"/2015-03-31/functions/{name}/configuration")[1])[
                "LastUpdateStatus"] != "Successful":
            time.sleep(0.01)
        recolds.append(invoke(conn, name))
    results["cold_after_update"] = statistics.median(recolds)
    # Warm latency, one caller.
    warm = [invoke(conn, name) for _ in range(args.warm)]
    results["warm_p50"], results["warm_p90"], results["warm_p99"] = (
        pct(warm, 50), pct(warm, 90), pct(warm, 99))
    # Asynchronous accept latency (202), one caller.
    accepted = [invoke(conn, name, headers={"X-Amz-Invocation-Type": "Event"})
                for _ in range(args.warm // 4)]
    results["event_accept_p50"] = pct(accepted, 50)
    emu.admin("POST", "settle", body={"timeoutSeconds": 30}, expect=None)
    # Throughput: N callers, each with its own connection, for args.seconds.
    for threads in args.threads:
        counts = [0] * threads
        stop = time.perf_counter() + args.seconds

        def run(k):
            c = Conn(emu.endpoint)
            while time.perf_counter() < stop:
                invoke(c, name)
                counts[k] += 1

        workers = [threading.Thread(target=run, args=(k,)) for k in range(threads)]
        t0 = time.perf_counter()
        for w in workers:
            w.start()
        for w in workers:
            w.join()
        results[f"throughput_{threads}"] = sum(counts) / (time.perf_counter() - t0)
    return results


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", default=os.environ.get("EBS_EMULATOR_BIN", "ebs-emulator"))
    parser.add_argument("--cold", type=int, default=5)
    parser.add_argument("--warm", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument("--threads", type=int, nargs="*", default=[1, 2, 4])
    args = parser.parse_args()
    os.environ.setdefault("EBS_TEST_LOG_LEVEL", "warn")
    emu = Emulator.start(binary=args.binary)
    try:
        for kind in ("node", "python"):
            r = bench(emu, kind, args)
            print(f"{kind}: cold {ms(r['cold'])}, cold after update {ms(r['cold_after_update'])}, "
                  f"warm p50 {ms(r['warm_p50'])} p90 {ms(r['warm_p90'])} "
                  f"p99 {ms(r['warm_p99'])}, Event accept p50 {ms(r['event_accept_p50'])}")
            for threads in args.threads:
                print(f"{kind}: {threads} caller(s): {r[f'throughput_{threads}']:.0f} invocations/s")
    finally:
        emu.close()


if __name__ == "__main__":
    main()
