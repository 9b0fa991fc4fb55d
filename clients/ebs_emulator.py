"""A small client for ebs-emulator tests (Python, standard library only).

- `Emulator.start(...)` runs the real server binary on a free port with its own database and waits for
  its ready line; `stop()`, `kill()` (SIGKILL, for crash tests) and `restart()` (same database).
- Admin API wrappers: health, events, deliveries, fixtures, state, reset, clock, settle.
- `client(service, ...)` returns a boto3 client pointed at the emulator for an account and region.
- `wait_for(predicate, timeout)` polls a condition with a deadline: tests wait on conditions, never on
  sleeps.
"""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request

DEFAULT_BIN = os.environ.get("EBS_EMULATOR_BIN", "ebs-emulator")


def wait_for(predicate, timeout=10.0, interval=0.02, message="condition"):
    """Polls predicate() until it returns a truthy value, which is returned; fails after timeout."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = predicate()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {message} (last: {last!r})")


class Emulator:
    def __init__(self, endpoint=None, process=None, db_path=None, args=None, binary=None, workdir=None):
        self.endpoint = endpoint
        self.process = process
        self.db_path = db_path
        self.args = list(args or [])
        self.binary = binary or DEFAULT_BIN
        self.workdir = workdir
        self.stderr_path = None

    # ---- process control -------------------------------------------------------------------
    @classmethod
    def start(cls, *args, binary=None, db_path=None, env=None):
        """Starts a fresh emulator (own temp database unless db_path is given)."""
        workdir = tempfile.mkdtemp(prefix="ebs-emu-")
        emu = cls(db_path=db_path or os.path.join(workdir, "state.db"), args=args,
                  binary=binary, workdir=workdir)
        emu._launch(env)
        return emu

    @classmethod
    def connect(cls, endpoint):
        """Uses an emulator that is already running (e.g. a container)."""
        return cls(endpoint=endpoint.rstrip("/"))

    def _launch(self, env=None):
        full_env = dict(os.environ)
        full_env.update(env or {})
        self.stderr_path = os.path.join(self.workdir, f"stderr-{int(time.time()*1000)}.log")
        cmd = [self.binary, "--port", "0", "--db", self.db_path, "--log-level",
               os.environ.get("EBS_TEST_LOG_LEVEL", "info"), *self.args]
        with open(self.stderr_path, "wb") as stderr:
            self.process = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=stderr,
                                            env=full_env)
        line = self.process.stdout.readline().decode().strip()
        if "listening on" not in line:
            self.process.wait(timeout=5)
            self.process.stdout.close()
            raise RuntimeError(f"emulator did not start: {line!r}\n{self.stderr()}")
        self.endpoint = line.split("listening on ", 1)[1]

    def stderr(self):
        if not self.stderr_path or not os.path.exists(self.stderr_path):
            return ""
        with open(self.stderr_path, "rb") as f:
            return f.read().decode(errors="replace")

    def stop(self, timeout=10):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            self.process.wait(timeout=timeout)
        if self.process and self.process.stdout:
            self.process.stdout.close()
        return self.process.returncode if self.process else None

    def kill(self):
        """SIGKILL: a crash with no chance to clean up."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
        if self.process and self.process.stdout:
            self.process.stdout.close()

    def restart(self, env=None):
        """Starts a new process on the same database (after stop() or kill())."""
        self._launch(env)

    def close(self):
        self.stop()
        if self.workdir:
            shutil.rmtree(self.workdir, ignore_errors=True)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    # ---- SDK clients -----------------------------------------------------------------------
    def client(self, service, region="us-east-1", account="000000000000", **kwargs):
        import boto3
        from botocore.config import Config
        return boto3.client(
            service, endpoint_url=self.endpoint, region_name=region,
            aws_access_key_id=account, aws_secret_access_key="test",
            config=Config(retries={"max_attempts": 1}), **kwargs)

    def cli_env(self, region="us-east-1", account="000000000000"):
        """Environment for running the AWS CLI against the emulator."""
        env = dict(os.environ)
        env.update({"AWS_ACCESS_KEY_ID": account, "AWS_SECRET_ACCESS_KEY": "test",
                    "AWS_DEFAULT_REGION": region, "AWS_ENDPOINT_URL": self.endpoint,
                    "AWS_PAGER": ""})
        return env

    def aws_cli(self, *args, region="us-east-1", account="000000000000", check=True):
        """Runs `aws --endpoint-url ... <args> --output json`; returns parsed JSON (or None)."""
        cmd = ["aws", "--endpoint-url", self.endpoint, "--output", "json", *args]
        proc = subprocess.run(cmd, capture_output=True, text=True,
                              env=self.cli_env(region, account))
        if check and proc.returncode != 0:
            raise RuntimeError(f"aws {' '.join(args)} failed ({proc.returncode}): {proc.stderr}")
        if proc.returncode != 0:
            return proc
        return json.loads(proc.stdout) if proc.stdout.strip() else None

    # ---- admin API -------------------------------------------------------------------------
    def admin(self, method, path, body=None, query=None, expect=(200,)):
        url = self.endpoint + "/_emulator/" + path.lstrip("/")
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = None
        if body is not None:
            data = body if isinstance(body, (bytes, str)) else json.dumps(body)
            data = data.encode() if isinstance(data, str) else data
        req = urllib.request.Request(url, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=60) as resp:
                status, text = resp.status, resp.read().decode()
        except urllib.error.HTTPError as e:
            status, text = e.code, e.read().decode()
        if expect and status not in expect:
            raise AssertionError(f"{method} {path} -> {status}: {text}")
        return json.loads(text) if text else None

    def health(self):
        return self.admin("GET", "health")

    def events(self, **filters):
        """Events put on any bus, oldest first (filters: account, region, source, detail-type)."""
        return [item["event"] for item in self.admin("GET", "events", query=filters)["events"]]

    def wait_for_event(self, predicate, timeout=10.0, **filters):
        def found():
            for event in self.events(**filters):
                if predicate(event):
                    return event
            return None
        return wait_for(found, timeout, message="event")

    def invocations(self, **filters):
        """Lambda invocations, oldest first (filters: account, region, function), each with its
        event, result, error and log."""
        return self.admin("GET", "invocations", query=filters)["invocations"]

    def deliveries(self, **filters):
        return self.admin("GET", "deliveries", query=filters)["deliveries"]

    def load_fixture(self, document):
        return self.admin("POST", "fixtures", body=document)

    def state(self):
        return self.admin("GET", "state")

    def reset(self, **scope):
        """Back to empty; account=, region= narrow it; to="startup" reloads the startup fixtures."""
        return self.admin("POST", "reset", body=scope)

    def settle(self, timeout=10.0):
        return self.admin("POST", "settle", body={"timeoutSeconds": timeout})

    def advance_clock(self, seconds):
        return self.admin("POST", "clock", body={"advanceSeconds": seconds})
