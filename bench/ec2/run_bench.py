#!/usr/bin/env python3
"""Load benchmark of the EC2 API against the real server binary (see README.md for the figures).

Measures, in one run on this machine:
  1. start-up: process start -> ready line (median of 10 starts on a fresh database);
  2. idle resident memory (VmRSS) after start-up;
  3. DescribeVolumes (50 volumes, one page of 50) vs a static nginx response, same wrk settings;
  4. CreateVolume throughput (each request one committed write) with wrk;
  5. filtered DescribeVolumes latency at 100,000 volumes (tag, status+zone, attachment, id), each
     call after a write (so it reads the store, not the response cache) and again cached.

Usage: bench/ec2/run_bench.py [--bin build/release/server/ebs-emulator] [--duration 10]
"""
import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
import urllib.request

HERE = os.path.dirname(os.path.abspath(__file__))
AUTH = ("AWS4-HMAC-SHA256 Credential=111111111111/20250101/us-east-1/ec2/aws4_request, "
        "SignedHeaders=host;x-amz-date, Signature=0000")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(binary, db, *args):
    t0 = time.perf_counter()
    p = subprocess.Popen([binary, "--port", "0", "--db", db, "--log-level", "warn", *args],
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    line = p.stdout.readline().decode()
    ready_ms = (time.perf_counter() - t0) * 1000
    endpoint = line.split("listening on ", 1)[1].strip()
    return p, endpoint, ready_ms


def stop(p):
    p.terminate()
    p.wait(timeout=20)


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def call(endpoint, body, account="111111111111"):
    req = urllib.request.Request(endpoint + "/", data=body.encode(), method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded",
        "Authorization": AUTH.replace("111111111111", account)})
    t0 = time.perf_counter()
    with urllib.request.urlopen(req) as resp:
        text = resp.read().decode()
    return text, (time.perf_counter() - t0) * 1000


def wrk(url, script, duration, threads=2, connections=32):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{duration}s", "--latency"]
    if script:
        cmd += ["-s", os.path.join(HERE, script)]
    out = subprocess.run(cmd + [url], capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {"rps": rps, "p50": p50, "p99": p99, "non2xx": int(errors.group(1)) if errors else 0}


def start_nginx(workdir, body):
    port = free_port()
    root = os.path.join(workdir, "www")
    os.makedirs(root)
    with open(os.path.join(root, "index.xml"), "w") as f:
        f.write(body)
    conf = os.path.join(workdir, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""worker_processes 2; daemon off; pid {workdir}/nginx.pid;
error_log {workdir}/nginx.err; events {{ worker_connections 1024; }}
http {{ access_log off; server {{ listen 127.0.0.1:{port};
  location / {{ root {root}; default_type text/xml; try_files /index.xml =404; }} }} }}
""")
    p = subprocess.Popen(["nginx", "-c", conf, "-p", workdir], stderr=subprocess.DEVNULL)
    deadline = time.time() + 10
    while time.time() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/").read()
            break
        except OSError:
            time.sleep(0.05)
    return p, f"http://127.0.0.1:{port}/"


def seed_100k(binary, db, count):
    """Creates `count` volumes directly in the database (after the server migrated it): tags, a few
    attachments, states spread over zones, as CreateVolume would have left them."""
    p, _, _ = start(binary, db)
    stop(p)
    sql = f"""
BEGIN;
WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {count})
INSERT INTO volumes (volume_id, account, region, availability_zone, size, snapshot_id, state,
  create_time, volume_type, iops, throughput, encrypted, kms_key_id, multi_attach, client_token,
  request_id)
SELECT printf('vol-%017x', i), '111111111111', 'us-east-1',
  'us-east-1' || char(97 + i % 3), 8 + i % 100, '', CASE WHEN i % 50 = 0 THEN 'in-use' ELSE
  'available' END, 1700000000000 + i, 'gp3', 3000, 125, 0, NULL, 0, NULL, '' FROM n;
INSERT INTO tags (resource_id, account, region, resource_type, key, value)
SELECT volume_id, account, region, 'volume', 'team', 't' || (rowid % 1000)
  FROM volumes WHERE account = '111111111111';
INSERT INTO attachments (volume_id, instance_id, device, state, attach_time, delete_on_termination)
SELECT volume_id, printf('i-%017x', rowid), '/dev/sdf', 'attached', 1700000000000, 0
  FROM volumes WHERE state = 'in-use';
COMMIT;
"""
    subprocess.run(["sqlite3", db], input=sql, text=True, check=True)


def median_ms(endpoint, body, n=21, after_a_write=False):
    """Median latency of `body`. With `after_a_write`, every timed call follows an (untimed) CreateTags,
    so the response cache is empty and the call really reads the store (the index question)."""
    times = []
    text = ""
    for i in range(n):
        if after_a_write:
            call(endpoint, "Action=CreateTags&Version=2016-11-15&ResourceId.1=vol-00000000000000001"
                           f"&Tag.1.Key=bench&Tag.1.Value={i}")
        text, ms = call(endpoint, body)
        times.append(ms)
    return statistics.median(times), text.count("<createTime>")  # one per volume


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(HERE, "../../build/release/server/ebs-emulator"))
    ap.add_argument("--duration", type=int, default=10)
    ap.add_argument("--volumes", type=int, default=100_000)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    work = tempfile.mkdtemp(prefix="ebs-bench-")
    os.chmod(work, 0o755)  # nginx workers (user nobody) read the static file below it
    results = {}
    try:
        # 1-2. start-up and idle memory
        starts = []
        for n in range(10):
            p, _, ms = start(binary, os.path.join(work, f"start{n}.db"))
            starts.append(ms)
            if n == 9:
                time.sleep(1.0)  # idle: let start-up work settle before reading RSS
                results["idle_rss_mib"] = round(rss_kib(p.pid) / 1024, 2)
            stop(p)
        results["ready_ms_median"] = round(statistics.median(starts), 2)
        results["ready_ms_max"] = round(max(starts), 2)

        # 3. DescribeVolumes vs nginx
        db = os.path.join(work, "describe.db")
        p, endpoint, _ = start(binary, db, "--volume-ms", "0")
        for n in range(50):
            call(endpoint, "Action=CreateVolume&Version=2016-11-15&Size=8&AvailabilityZone=us-east-1a")
        body, _ = call(endpoint, "Action=DescribeVolumes&Version=2016-11-15&MaxResults=50")
        nginx, nginx_url = start_nginx(work, body)
        try:
            results["nginx_static"] = wrk(nginx_url, None, args.duration)
        finally:
            nginx.terminate()
            nginx.wait()
        results["describe_volumes_50"] = wrk(endpoint + "/", "describe_volumes.lua", args.duration)
        results["describe_vs_nginx"] = round(results["describe_volumes_50"]["rps"] /
                                             results["nginx_static"]["rps"], 3)
        results["busy_rss_mib"] = round(rss_kib(p.pid) / 1024, 2)
        stop(p)

        # 4. CreateVolume throughput
        db = os.path.join(work, "create.db")
        p, endpoint, _ = start(binary, db, "--volume-ms", "600000")
        results["create_volume"] = wrk(endpoint + "/", "create_volume.lua", args.duration)
        stop(p)
        created = subprocess.run(["sqlite3", db, "SELECT count(*) FROM volumes"], text=True,
                                 capture_output=True, check=True).stdout.strip()
        results["create_volume"]["rows_committed"] = int(created)

        # 5. filtered describes at 100k volumes
        db = os.path.join(work, "big.db")
        seed_100k(binary, db, args.volumes)
        p, endpoint, _ = start(binary, db)
        base = "Action=DescribeVolumes&Version=2016-11-15"
        queries = {
            "tag:team=t42": base + "&Filter.1.Name=tag%3Ateam&Filter.1.Value.1=t42",
            "tag+zone": base + "&Filter.1.Name=tag%3Ateam&Filter.1.Value.1=t42"
                               "&Filter.2.Name=availability-zone&Filter.2.Value.1=us-east-1b",
            "status=in-use": base + "&Filter.1.Name=status&Filter.1.Value.1=in-use&MaxResults=100",
            "attachment.instance-id": base + "&Filter.1.Name=attachment.instance-id"
                                             "&Filter.1.Value.1=i-00000000000000032",
            "volume-id": base + "&VolumeId.1=" + "vol-%017x" % (args.volumes // 2),
            "first page (MaxResults=100)": base + "&MaxResults=100",
            "status=available page": base + "&Filter.1.Name=status&Filter.1.Value.1=available"
                                            "&MaxResults=100",
        }
        results["at_100k"] = {}
        for name, body in queries.items():
            ms, items = median_ms(endpoint, body, after_a_write=True)
            cached_ms, _ = median_ms(endpoint, body)
            results["at_100k"][name] = {"median_ms": round(ms, 2), "cached_median_ms":
                                        round(cached_ms, 2), "items": items}
        results["at_100k_rss_mib"] = round(rss_kib(p.pid) / 1024, 2)
        results["filtered_wrk_100k"] = wrk(endpoint + "/", "describe_filtered.lua", args.duration)
        stop(p)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
