"""The container test: builds docker/Dockerfile with Podman (through ../shared/tools/container.sh, the
machine has no Docker engine) and drives the image the way CI users do.

  1. build the image; measure its size;
  2. run it on a named volume for /data, wait for /_emulator/health (time from `run` to healthy), check
     the image's own HEALTHCHECK and that the server runs as the non-root user;
  3. boto3 against the container: CreateVolume -> available, CreateSnapshot -> completed, and the
     `createSnapshot` succeeded event in /_emulator/events (the volume's `createVolume` event when the
     server has no CreateSnapshot yet);
  4. `podman stop` (SIGTERM): exit code 0 and a clean "stopped" in the log;
  5. a new container on the same volume: the volume, the snapshot and the event are still there;
  6. fixtures, when the server has them: the exported state (GET /_emulator/state) loaded into a fresh
     container with POST /_emulator/fixtures, and into another one from a /fixtures mount at start.

Every container and the volume are removed at the end, pass or fail. The last line printed is the summary.
Environment: EBS_CONTAINER_TOOL (default: shared/tools/container.sh beside the repository), EBS_CONTAINER_TAG,
EBS_CONTAINER_RUN_ID (names containers ebs-ct-<id>-*), EBS_CONTAINER_SKIP_BUILD=1 (reuse the tag).
"""
import io
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
import zipfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(REPO, "clients"))
from ebs_emulator import Emulator, wait_for  # noqa: E402


def find_tool():
    """$EBS_CONTAINER_TOOL, else shared/tools/container.sh beside the repository or a folder above it."""
    if os.environ.get("EBS_CONTAINER_TOOL"):
        return os.environ["EBS_CONTAINER_TOOL"]
    folder = os.path.dirname(REPO)
    while True:
        candidate = os.path.join(folder, "shared", "tools", "container.sh")
        if os.path.exists(candidate) or folder == os.path.dirname(folder):
            return candidate
        folder = os.path.dirname(folder)


TOOL = find_tool()
TAG = os.environ.get("EBS_CONTAINER_TAG", "localhost/ebs-emulator:test")
RUN_ID = os.environ.get("EBS_CONTAINER_RUN_ID", str(os.getpid()))
PREFIX = f"ebs-ct-{RUN_ID}"
ACCOUNT = "111111111111"
REGION = "eu-west-1"
WAITER = {"Delay": 0.1, "MaxAttempts": 200}
# Short emulated timings keep the round trip fast.
TIMINGS = ["-e", "EBS_EMULATOR_VOLUME_MS=50", "-e", "EBS_EMULATOR_SNAPSHOT_MS=200"]

results = {}  # what the summary line reports
started = []  # container names to remove


def log(message):
    print(f"[container-test] {message}", flush=True)


def podman(*args, check=True):
    proc = subprocess.run(["podman", "--runtime", "runc", *args], capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"podman {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
    return proc


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    """Returns (status, text); (None, error) when nothing answers."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode()
    except (urllib.error.URLError, ConnectionError, OSError) as e:
        return None, str(e)


class Container:
    """One `container.sh run -d` of the image, listening on 127.0.0.1:<free port> (host network)."""

    def __init__(self, suffix, volume=None, fixtures_dir=None, env=()):
        self.name = f"{PREFIX}-{suffix}"
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        args = ["-d", "--name", self.name, "-e", "EBS_EMULATOR_HOST=127.0.0.1",
                "-e", f"EBS_EMULATOR_PORT={self.port}", *TIMINGS]
        for item in env:
            args += ["-e", item]
        if volume:
            args += ["-v", f"{volume}:/data"]
        if fixtures_dir:
            args += ["-v", f"{fixtures_dir}:/fixtures:ro"]
        started.append(self.name)
        t0 = time.monotonic()
        proc = subprocess.run([TOOL, "run", TAG, *args], capture_output=True, text=True)
        if proc.returncode != 0:
            raise AssertionError(f"container.sh run failed: {proc.stderr}")

        def healthy():
            status, text = http("GET", self.endpoint + "/_emulator/health")
            if status == 200:
                return json.loads(text)
            if podman("inspect", "--format", "{{.State.Running}}", self.name).stdout.strip() != "true":
                raise AssertionError(f"{self.name} exited before it was healthy:\n{self.logs()}")
            return None

        self.health = wait_for(healthy, timeout=60, interval=0.01, message=f"{self.name} health")
        self.run_to_healthy_s = time.monotonic() - t0
        self.emu = Emulator.connect(self.endpoint)

    def ec2(self):
        return self.emu.client("ec2", region=REGION, account=ACCOUNT)

    def logs(self):
        proc = podman("logs", self.name, check=False)
        return proc.stdout + proc.stderr

    def stop(self):
        """`podman stop`: SIGTERM, then SIGKILL after 10 s. Returns the exit code."""
        t0 = time.monotonic()
        podman("stop", "--time", "10", self.name)
        self.stop_s = time.monotonic() - t0
        return int(podman("inspect", "--format", "{{.State.ExitCode}}", self.name).stdout.strip())


def build_image():
    if os.environ.get("EBS_CONTAINER_SKIP_BUILD") == "1":
        log(f"reusing {TAG} (EBS_CONTAINER_SKIP_BUILD=1)")
        return
    log(f"building {TAG} from docker/Dockerfile (the first build also makes the base image)")
    t0 = time.monotonic()
    # The docker image format keeps HEALTHCHECK (the OCI format has no place for it).
    env = dict(os.environ, BUILDAH_FORMAT="docker")
    proc = subprocess.run([TOOL, "build", "docker/Dockerfile", TAG], cwd=REPO, env=env)
    if proc.returncode != 0:
        raise AssertionError(f"image build failed ({proc.returncode})")
    results["build"] = f"{time.monotonic() - t0:.0f} s"


PYTHON_FUNCTION = """
import os, subprocess, sys
SEEN = []
def handler(event, context):
    SEEN.append(event.get("id"))
    if event.get("orphan"):  # leaves a grandchild behind: it is reparented to PID 1
        subprocess.run(["sh", "-c", "sleep 2 &"], check=True)
    return {"runtime": "python", "version": sys.version.split()[0], "seen": SEEN,
            "endpoint": os.environ.get("AWS_ENDPOINT_URL"), "function": context.function_name}
"""
NODE_FUNCTION = """
exports.handler = async (event, context) => ({
  runtime: "node", version: process.version, endpoint: process.env.AWS_ENDPOINT_URL,
  function: context.functionName, echo: event.echo });
"""


def zipped(name, text):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr(name, text)
    return buffer.getvalue()


def lambda_setup(box):
    """Deploys a Python and a Node.js function into the container, invokes both, and routes the
    account's aws.ec2 events to the Python one. Returns the Python function's ARN when events are
    routed to it (None: no Lambda or no EventBridge API yet)."""
    lam = box.emu.client("lambda", region=REGION, account=ACCOUNT)
    try:
        lam.list_functions()
    except Exception as e:  # noqa: BLE001 — any failure means the Lambda API is not there yet
        results["lambda"] = "skipped (no Lambda API yet)"
        log(f"SKIP Lambda: ListFunctions failed ({e})")
        return None
    role = f"arn:aws:iam::{ACCOUNT}:role/container-test"
    functions = {
        "ct-python": ("python3.12", "app.handler", zipped("app.py", PYTHON_FUNCTION)),
        "ct-node": ("nodejs20.x", "index.handler", zipped("index.js", NODE_FUNCTION)),
    }
    versions = []
    for name, (runtime, handler, code) in functions.items():
        lam.create_function(FunctionName=name, Runtime=runtime, Handler=handler, Role=role,
                            Code={"ZipFile": code}, Timeout=10)
        lam.get_waiter("function_active_v2").wait(FunctionName=name, WaiterConfig=WAITER)
        response = lam.invoke(FunctionName=name,
                              Payload=json.dumps({"echo": name, "orphan": True}).encode())
        payload = json.loads(response["Payload"].read())
        assert response["StatusCode"] == 200 and "FunctionError" not in response, (name, payload)
        assert payload["function"] == name, payload
        # The function's SDKs reach the emulator inside the container.
        assert payload["endpoint"] == f"http://127.0.0.1:{box.port}", payload
        versions.append(f"{payload['runtime']} {payload['version']}")
        if name == "ct-python":
            check_orphans_reaped(box)
    arn = lam.get_function(FunctionName="ct-python")["Configuration"]["FunctionArn"]
    results["lambda"] = "invoked " + ", ".join(versions)
    events = box.emu.client("events", region=REGION, account=ACCOUNT)
    try:
        events.list_rules()
    except Exception as e:  # noqa: BLE001 — any failure means the EventBridge API is not there yet
        log(f"SKIP routing events to the function: ListRules failed ({e})")
        return None
    rule = events.put_rule(Name="ct-ec2", EventPattern=json.dumps({"source": ["aws.ec2"]}))
    lam.add_permission(FunctionName="ct-python", StatementId="events", Action="lambda:InvokeFunction",
                       Principal="events.amazonaws.com", SourceArn=rule["RuleArn"])
    put = events.put_targets(Rule="ct-ec2", Targets=[{"Id": "fn", "Arn": arn}])
    assert put["FailedEntryCount"] == 0, put
    return arn


def check_orphans_reaped(box):
    """The orphan the Python function left must be reaped by PID 1 when it exits, not left a zombie."""
    procs = processes(box)
    assert any(comm == "sleep" for comm, _, _ in procs.values()), f"no orphan to reap: {procs}"

    def reaped():
        left = {pid: p for pid, p in processes(box).items() if p[0] == "sleep" or p[1] == "Z"}
        return not left
    wait_for(reaped, timeout=15, interval=0.2, message="the orphaned process to be reaped")


def assert_delivered(box, event_id):
    """The event reached the Python function through the rule: a succeeded delivery."""
    def delivered():
        for d in box.emu.deliveries():
            if d["eventId"] == event_id and d["targetId"] == "fn" and d["status"] == "succeeded":
                return d
        return None
    wait_for(delivered, timeout=30, message=f"a succeeded delivery of {event_id} to the function")
    results["lambda"] += ", event delivered to the function"


def snapshot_round_trip(box):
    """Creates a volume and a snapshot with boto3 and waits for the event that says so."""
    ec2 = box.ec2()
    volume = ec2.create_volume(AvailabilityZone=f"{REGION}a", Size=2,
                               TagSpecifications=[{"ResourceType": "volume",
                                                   "Tags": [{"Key": "test", "Value": PREFIX}]}])
    volume_id = volume["VolumeId"]
    assert volume["State"] == "creating", volume
    ec2.get_waiter("volume_available").wait(VolumeIds=[volume_id], WaiterConfig=WAITER)
    try:
        snapshot = ec2.create_snapshot(VolumeId=volume_id, Description="container test")
    except ec2.exceptions.ClientError as e:
        if e.response["Error"]["Code"] != "InvalidAction":
            raise
        log("CreateSnapshot is not implemented yet: checking the createVolume event instead")
        event = box.emu.wait_for_event(
            lambda e: e["detail"].get("event") == "createVolume"
            and e["detail"].get("result") == "available" and e["resources"][0].endswith(volume_id),
            source="aws.ec2", account=ACCOUNT, region=REGION)
        results["events"] = "createVolume (no CreateSnapshot yet)"
        return {"volume": volume_id, "snapshot": None, "event_id": event["id"]}
    snapshot_id = snapshot["SnapshotId"]
    assert snapshot["State"] == "pending", snapshot
    ec2.get_waiter("snapshot_completed").wait(SnapshotIds=[snapshot_id], WaiterConfig=WAITER)
    event = box.emu.wait_for_event(
        lambda e: e["detail-type"] == "EBS Snapshot Notification"
        and e["detail"].get("event") == "createSnapshot"
        and e["detail"].get("snapshot_id", "").endswith("/" + snapshot_id),
        source="aws.ec2", account=ACCOUNT, region=REGION)
    assert event["detail"]["result"] == "succeeded", event
    assert event["detail"]["source"].endswith("/" + volume_id), event
    results["events"] = "createSnapshot succeeded"
    return {"volume": volume_id, "snapshot": snapshot_id, "event_id": event["id"]}


def assert_state(box, made, what):
    ec2 = box.ec2()
    volumes = ec2.describe_volumes(VolumeIds=[made["volume"]])["Volumes"]
    assert [v["State"] for v in volumes] == ["available"], f"{what}: {volumes}"
    if made["snapshot"]:
        snaps = ec2.describe_snapshots(SnapshotIds=[made["snapshot"]])["Snapshots"]
        assert [s["State"] for s in snaps] == ["completed"], f"{what}: {snaps}"


def fixtures(state_doc, made):
    """Loads the exported state into fresh containers: by POST, then from a /fixtures mount."""
    box = Container("fixtures-post", env=["EBS_EMULATOR_DB=:memory:"])
    status, text = http("POST", box.endpoint + "/_emulator/fixtures", state_doc)
    if status == 404:
        results["fixtures"] = "skipped (no POST /_emulator/fixtures yet)"
        log("SKIP fixtures: POST /_emulator/fixtures answers 404 (the fixtures issue is not in yet)")
        return
    assert status == 200, f"POST /_emulator/fixtures -> {status}: {text}"
    assert_state(box, made, "after POST /_emulator/fixtures")
    box.stop()

    folder = tempfile.mkdtemp(prefix=f"{PREFIX}-fixtures-")
    try:
        os.chmod(folder, 0o755)
        path = os.path.join(folder, "state.json")
        with open(path, "w") as f:
            json.dump(state_doc, f)
        os.chmod(path, 0o644)
        box = Container("fixtures-mount", fixtures_dir=folder, env=["EBS_EMULATOR_DB=:memory:"])
        assert_state(box, made, "loaded from the /fixtures mount")
        box.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    results["fixtures"] = "POST and /fixtures mount loaded"


def processes(box):
    """{pid: (comm, state, uid)} of every process in the container."""
    script = ('for d in /proc/[0-9]*; do s=$(cat $d/stat 2>/dev/null) || continue; '
              'u=$(grep "^Uid:" $d/status | cut -f2); echo "${d#/proc/} $u $s"; done')
    out = {}
    for line in podman("exec", box.name, "sh", "-c", script).stdout.splitlines():
        pid, uid, rest = line.split(" ", 2)
        comm = rest[rest.index("(") + 1:rest.rindex(")")]
        state = rest[rest.rindex(")") + 2:].split()[0]
        out[int(pid)] = (comm, state, uid)
    return out


def check_process_and_runtimes(box):
    procs = processes(box)
    assert procs[1][0] == "tini", f"PID 1 is {procs[1]}, not tini"
    server = [pid for pid, (comm, _, _) in procs.items() if comm == "ebs-emulator"]
    assert len(server) == 1, procs
    assert procs[server[0]][2] != "0", "the server runs as root"
    status = podman("exec", box.name, "cat", f"/proc/{server[0]}/status").stdout
    rss = next(line.split()[1] for line in status.splitlines() if line.startswith("VmRSS:"))
    results["idle RSS"] = f"{int(rss) / 1024:.1f} MiB"
    # The Lambda runner's interpreters and bootstraps.
    bootstrap = "/usr/local/share/ebs-emulator/bootstrap"
    versions = podman("exec", box.name, "sh", "-c", "node --version && python3 --version").stdout
    assert versions.startswith("v"), versions
    assert "Python 3." in versions, versions
    listing = podman("exec", box.name, "ls", bootstrap).stdout.split()
    for name in ("node_bootstrap.js", "python_bootstrap.py", "aws_sdk_v2_preload.js"):
        assert name in listing, f"{name} missing from {bootstrap}: {listing}"
    results["runtimes"] = " ".join(versions.split()).replace("Python ", "python ")


def main():
    volume = f"{PREFIX}-data"
    build_image()
    size = int(podman("image", "inspect", "--format", "{{.Size}}", TAG).stdout.strip())
    results["image"] = f"{size / 1e6:.0f} MB"
    podman("volume", "create", volume)

    first = Container("first", volume=volume)
    results["run->healthy"] = f"{first.run_to_healthy_s:.2f} s"
    log(f"healthy in {first.run_to_healthy_s:.2f} s: {first.health}")
    assert first.health["status"] == "running", first.health
    check = podman("healthcheck", "run", first.name, check=False)
    assert check.returncode == 0, f"the image's HEALTHCHECK failed: {check.stdout}{check.stderr}"
    check_process_and_runtimes(first)

    function_arn = lambda_setup(first)
    made = snapshot_round_trip(first)
    log(f"round trip: {made}")
    if function_arn:
        assert_delivered(first, made["event_id"])
    status, state_text = http("GET", first.endpoint + "/_emulator/state")
    state_doc = json.loads(state_text) if status == 200 else None

    code = first.stop()
    assert code == 0, f"exit code {code} after SIGTERM:\n{first.logs()}"
    assert "stopped" in first.logs(), first.logs()
    results["SIGTERM"] = f"exit 0 in {first.stop_s:.2f} s"

    second = Container("second", volume=volume)
    assert_state(second, made, "after restart on the same /data")
    ids = [e["id"] for e in second.emu.events(account=ACCOUNT, region=REGION)]
    assert made["event_id"] in ids, f"event {made['event_id']} lost across restart: {ids}"
    results["restart"] = "state intact"
    assert second.stop() == 0

    if state_doc is None:
        results["fixtures"] = "skipped (no GET /_emulator/state yet)"
        log("SKIP fixtures: GET /_emulator/state is not there yet (the fixtures issue is not in)")
    else:
        fixtures(state_doc, made)


def cleanup():
    for name in started:
        podman("rm", "-f", "--time", "0", name, check=False)
    podman("volume", "rm", "-f", f"{PREFIX}-data", check=False)


if __name__ == "__main__":
    if not os.path.exists(TOOL):
        print(f"container test: FAIL (no container tool at {TOOL})")
        sys.exit(1)
    ok = False
    try:
        main()
        ok = True
    except Exception as error:  # report, clean up, fail
        log(f"FAILED: {type(error).__name__}: {error}")
        for name in started:
            log(f"--- logs of {name} ---\n{podman('logs', name, check=False).stderr}")
    finally:
        cleanup()
    summary = ", ".join(f"{k} {v}" for k, v in results.items())
    print(f"container test: {'PASS' if ok else 'FAIL'} ({summary})", flush=True)
    sys.exit(0 if ok else 1)
