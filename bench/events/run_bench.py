#!/usr/bin/env python3
"""EventBridge benchmark against the real server binary (figures in README.md).

For 1 and 1,000 rules on the default bus (one rule matches, with an API destination target pointing at
an HTTP endpoint run by this script; the others have distinct patterns and targets of their own):
  1. end-to-end latency: PutEvents (one entry) -> the HTTP target has received the event, one event at a
     time, measured with one clock in this process (p50 / p90 / p99 / max);
  2. PutEvents throughput with wrk (put_events.lua: 10 entries per request, 2 threads, 16
     connections) when wrk is installed, else with Python client threads; reports accepted events/s,
     then how long the delivery of all of them to the target took (delivered events/s).

Usage: bench/events/run_bench.py [--bin build/release/server/ebs-emulator] [--seconds 5]
       [--samples 1000] [--rules 1,1000] [--clients 4]
"""
import argparse
import http.client
import json
import os
import statistics
import subprocess
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

AUTH = ("AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/events/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0000")


class Target:
    """The HTTP endpoint of the API destination: counts events and wakes a waiter on each."""

    def __init__(self):
        self.count = 0
        self.arrivals = {}
        self.cv = threading.Condition()
        target = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                now = time.perf_counter()
                seq = json.loads(body)["detail"].get("seq")
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()
                with target.cv:
                    target.count += 1
                    if seq is not None:
                        target.arrivals[seq] = now
                    target.cv.notify_all()

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}/events"

    def wait(self, predicate, timeout=120):
        with self.cv:
            return self.cv.wait_for(predicate, timeout)


class Client:
    def __init__(self, endpoint):
        host, port = endpoint.replace("http://", "").split(":")
        self.conn = http.client.HTTPConnection(host, int(port), timeout=60)

    def call(self, op, body):
        self.conn.request("POST", "/", body=json.dumps(body), headers={
            "X-Amz-Target": f"AWSEvents.{op}", "Content-Type": "application/x-amz-json-1.1",
            "Authorization": AUTH})
        resp = self.conn.getresponse()
        data = json.loads(resp.read() or b"{}")
        if resp.status != 200:
            raise RuntimeError(f"{op}: {resp.status} {data}")
        return data


def start(binary, rules):
    workdir = tempfile.mkdtemp(prefix="ebs-bench-events-")
    proc = subprocess.Popen([binary, "--port", "0", "--db", os.path.join(workdir, "state.db"),
                             "--log-level", "warn", "--max-rules-per-bus", str(max(rules, 300))],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    endpoint = proc.stdout.readline().decode().split("listening on ", 1)[1].strip()
    return proc, endpoint


def setup(client, target_url, rules):
    conn = client.call("CreateConnection", {
        "Name": "bench", "AuthorizationType": "API_KEY",
        "AuthParameters": {"ApiKeyAuthParameters": {"ApiKeyName": "x-key", "ApiKeyValue": "v"}}})
    dest = client.call("CreateApiDestination", {
        "Name": "bench", "ConnectionArn": conn["ConnectionArn"], "InvocationEndpoint": target_url,
        "HttpMethod": "POST"})["ApiDestinationArn"]
    client.call("PutRule", {"Name": "match", "EventPattern": json.dumps(
        {"source": ["bench.app"], "detail-type": ["tick"]})})
    client.call("PutTargets", {"Rule": "match", "Targets": [{"Id": "t", "Arn": dest}]})
    for i in range(rules - 1):
        name = f"other-{i}"
        client.call("PutRule", {"Name": name, "EventPattern": json.dumps(
            {"source": [f"bench.other{i}"], "detail": {"kind": [f"k{i}", {"prefix": f"p{i}-"}]}})})
        client.call("PutTargets", {"Rule": name, "Targets": [{"Id": "t", "Arn": dest}]})


def entry(seq):
    return {"Source": "bench.app", "DetailType": "tick", "Detail": json.dumps({"seq": seq})}


def latency(client, target, samples, first_seq=0):
    out = []
    for seq in range(first_seq, first_seq + samples):
        t0 = time.perf_counter()
        client.call("PutEvents", {"Entries": [entry(seq)]})
        target.wait(lambda: seq in target.arrivals, 30)
        out.append((target.arrivals[seq] - t0) * 1000)
    out.sort()
    pct = lambda p: out[min(len(out) - 1, int(len(out) * p))]
    return {"p50_ms": round(pct(0.50), 3), "p90_ms": round(pct(0.90), 3),
            "p99_ms": round(pct(0.99), 3), "max_ms": round(out[-1], 3),
            "mean_ms": round(statistics.mean(out), 3)}


def throughput(endpoint, target, seconds, clients):
    base = target.count
    sent = [0] * clients
    stop_at = time.perf_counter() + seconds

    def run(i):
        c = Client(endpoint)
        batch = {"Entries": [{"Source": "bench.app", "DetailType": "tick",
                              "Detail": '{"load": true}'}] * 10}
        while time.perf_counter() < stop_at:
            c.call("PutEvents", batch)
            sent[i] += 10

    t0 = time.perf_counter()
    threads = [threading.Thread(target=run, args=(i,)) for i in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    put_s = time.perf_counter() - t0
    total = sum(sent)
    target.wait(lambda: target.count - base >= total, 600)
    all_s = time.perf_counter() - t0
    return {"events": total, "put_events_per_s": round(total / put_s),
            "delivered_events_per_s": round(total / all_s), "drain_s": round(all_s - put_s, 2)}


def wrk_throughput(endpoint, target, seconds):
    import re
    import shutil
    if not shutil.which("wrk"):
        return None
    base = target.count
    t0 = time.perf_counter()
    out = subprocess.run(["wrk", "-t2", "-c16", f"-d{int(seconds)}s", "--latency", "-s",
                          os.path.join(os.path.dirname(os.path.abspath(__file__)), "put_events.lua"),
                          endpoint + "/"], capture_output=True, text=True).stdout
    put_s = time.perf_counter() - t0
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    p99 = re.search(r"99%\s+([\d.]+)(\w+)", out)
    total = requests * 10
    target.wait(lambda: target.count - base >= total, 900)
    all_s = time.perf_counter() - t0
    return {"events": total, "put_events_per_s": round(total / put_s),
            "put_requests_p99": p99.group(1) + p99.group(2) if p99 else None,
            "non_2xx": int(non2xx.group(1)) if non2xx else 0,
            "delivered_events_per_s": round(total / all_s), "drain_s": round(all_s - put_s, 2)}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="build/release/server/ebs-emulator")
    ap.add_argument("--seconds", type=float, default=5)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--rules", default="1,1000")
    ap.add_argument("--clients", type=int, default=4)
    args = ap.parse_args()
    results = {}
    for rules in [int(r) for r in args.rules.split(",")]:
        target = Target()
        proc, endpoint = start(args.bin, rules)
        try:
            client = Client(endpoint)
            setup(client, target.url, rules)
            latency(client, target, 50, first_seq=-1000)  # warm-up
            lat = latency(client, target, args.samples)
            thr = wrk_throughput(endpoint, target, args.seconds) or throughput(
                endpoint, target, args.seconds, args.clients)
            results[rules] = {"latency": lat, "throughput": thr}
            print(json.dumps({"rules": rules, **results[rules]}), flush=True)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
            target.server.shutdown()
    return results


if __name__ == "__main__":
    main()
