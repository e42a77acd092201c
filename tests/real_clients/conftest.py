"""Fixtures for the real-client tests: a real `sqs-server` process per test (or per
session), boto3 clients pointed at it, and a recorder that checks botocore parsed every
response without retrying.

Nothing here builds anything: the `real_clients` layer of scripts/test.sh builds
`target/debug/sqs-server` and passes it as `SQS_SERVER_BIN` (default, when run by hand:
`target/release/sqs-server`). Every server started here is killed in the fixture's
teardown (also when the test fails), at exit, and (through PR_SET_PDEATHSIG) when the
pytest process itself dies.
"""

import atexit
import ctypes
import itertools
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER_BIN = Path(os.environ.get("SQS_SERVER_BIN", ROOT / "target/release/sqs-server"))
LOG_DIR = ROOT / "target/real-clients/logs"
VENV_BIN = ROOT / "target/real-clients/venv/bin"
REGION = "us-east-1"
ACCOUNT = "000000000000"
LISTENING = re.compile(r"^sqs-server listening on http://127\.0\.0\.1:(\d+)$")

# Nothing may reach the network or read the developer's AWS configuration.
CLIENT_ENV = {
    "AWS_ACCESS_KEY_ID": "AKIAIOSFODNN7EXAMPLE",
    "AWS_SECRET_ACCESS_KEY": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "AWS_DEFAULT_REGION": REGION,
    "AWS_REGION": REGION,
    "AWS_EC2_METADATA_DISABLED": "true",
    "AWS_CONFIG_FILE": "/dev/null",
    "AWS_SHARED_CREDENTIALS_FILE": "/dev/null",
    "AWS_MAX_ATTEMPTS": "1",
    "AWS_RETRY_MODE": "standard",
    "AWS_DEFAULT_OUTPUT": "json",
    "AWS_PAGER": "",
}
for _k in ("AWS_PROFILE", "AWS_SESSION_TOKEN", "AWS_ENDPOINT_URL", "AWS_ENDPOINT_URL_SQS",
           "AWS_CA_BUNDLE", "HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
    os.environ.pop(_k, None)
os.environ.update(CLIENT_ENV)
os.environ["NO_PROXY"] = os.environ["no_proxy"] = "127.0.0.1,localhost"

import boto3  # noqa: E402  (after the environment above)
from botocore.config import Config  # noqa: E402

_RUNNING = []  # every live server process, for the atexit safety net


def _die_with_parent():
    """preexec_fn: the server gets SIGTERM if this pytest process dies (Linux)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def _kill(proc):
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)


@atexit.register
def _kill_all():
    for proc in list(_RUNNING):
        _kill(proc)


class Server:
    """One `sqs-server --port 0` process. `endpoint` is http://127.0.0.1:<port>."""

    _ids = itertools.count()

    def __init__(self, servers=1, seed=1, extra_args=()):
        if not SERVER_BIN.exists():
            pytest.fail(f"{SERVER_BIN} is missing: build it with "
                        "`cargo build --release --locked --bin sqs-server`", pytrace=False)
        LOG_DIR.mkdir(parents=True, exist_ok=True)
        self.servers = servers
        self.log_path = LOG_DIR / f"server-{os.getpid()}-{next(self._ids)}.stderr"
        self._stderr = open(self.log_path, "wb")
        self.args = [str(SERVER_BIN), "--port", "0", "--servers", str(servers),
                     "--seed", str(seed), *extra_args]
        self.proc = subprocess.Popen(self.args, stdin=subprocess.DEVNULL,
                                     stdout=subprocess.PIPE, stderr=self._stderr,
                                     preexec_fn=_die_with_parent)
        _RUNNING.append(self.proc)
        self.stdout_lines = []
        first = threading.Event()

        def drain():  # keeps reading stdout so the server can never block on it
            for raw in self.proc.stdout:
                self.stdout_lines.append(raw.decode("utf-8", "replace").rstrip("\n"))
                first.set()
            first.set()

        threading.Thread(target=drain, daemon=True).start()
        if not first.wait(timeout=20) or not self.stdout_lines:
            self.stop()
            pytest.fail(f"sqs-server printed nothing on stdout within 20 s "
                        f"(exit {self.proc.returncode}); stderr: {self.stderr()}", pytrace=False)
        m = LISTENING.match(self.stdout_lines[0])
        if not m:
            self.stop()
            pytest.fail(f"unexpected first stdout line {self.stdout_lines[0]!r} "
                        f"(want 'sqs-server listening on http://127.0.0.1:<port>')", pytrace=False)
        self.port = int(m.group(1))
        self.endpoint = f"http://127.0.0.1:{self.port}"

    def queue_url(self, name):
        return f"{self.endpoint}/{ACCOUNT}/{name}"

    def stderr(self):
        try:
            return self.log_path.read_text(errors="replace")[-4000:]
        except OSError:
            return ""

    def admin(self, method, path):
        """Calls the admin API; returns (status, parsed JSON body or raw text)."""
        req = urllib.request.Request(self.endpoint + path, method=method,
                                     data=b"" if method == "POST" else None)
        try:
            with urllib.request.urlopen(req, timeout=10) as resp:
                status, body = resp.status, resp.read()
        except urllib.error.HTTPError as e:
            status, body = e.code, e.read()
        text = body.decode("utf-8", "replace")
        try:
            return status, json.loads(text)
        except ValueError:
            return status, text

    def kill_server(self, k):
        status, body = self.admin("POST", f"/_admin/servers/{k}/kill")
        assert status == 200, f"kill {k}: {status} {body}"
        return body

    def revive_server(self, k):
        status, body = self.admin("POST", f"/_admin/servers/{k}/revive")
        assert status == 200, f"revive {k}: {status} {body}"
        return body

    def stop(self):
        _kill(self.proc)
        if self.proc in _RUNNING:
            _RUNNING.remove(self.proc)
        self._stderr.close()


class CallRecorder:
    """botocore event hooks: every API call's HTTP status, parsed body and attempt count.

    `check()` fails the test if any response was retried, or any response (success or
    error) lacked a request id, or botocore could not parse it."""

    def __init__(self):
        self.calls = []  # (operation, http status, parsed dict)
        self.problems = []

    def attach(self, client):
        client.meta.events.register("after-call.sqs", self._after_call)
        client.meta.events.register("needs-retry.sqs", self._needs_retry)

    def _after_call(self, http_response, parsed, model, **_):
        op = model.name
        self.calls.append((op, http_response.status_code, parsed))
        meta = parsed.get("ResponseMetadata", {})
        if meta.get("RetryAttempts", 0) != 0:
            self.problems.append(f"{op}: retried {meta['RetryAttempts']} time(s)")
        if not meta.get("RequestId"):
            self.problems.append(f"{op}: response without a request id: {meta}")
        if http_response.status_code >= 400:
            err = parsed.get("Error", {})
            if not err.get("Code") or not err.get("Message"):
                self.problems.append(
                    f"{op}: HTTP {http_response.status_code} parsed without Code/Message: "
                    f"{err!r}; raw {http_response.content[:300]!r}")

    def _needs_retry(self, attempts, **_):
        if attempts > 1:
            self.problems.append(f"botocore attempted a retry (attempt {attempts})")
        return None

    def succeeded(self):
        return {op for op, status, _ in self.calls if status == 200}

    def check(self):
        assert not self.problems, "\n".join(self.problems)


SESSION_RECORDER = CallRecorder()  # all calls of the run, for the 23-action coverage test

CLIENT_CONFIG = Config(
    region_name=REGION,
    # total_max_attempts counts the first attempt; botocore's "max_attempts" in this dict
    # counts retries only (max_attempts=1 would still retry once).
    retries={"total_max_attempts": 1, "mode": "standard"},
    connect_timeout=5,
    read_timeout=40,  # above the longest WaitTimeSeconds (20)
    parameter_validation=True,
)


def make_client(endpoint, recorder=None, validate=True):
    """A boto3 SQS client on `endpoint` with retries off. `validate=False` turns off
    botocore's client-side parameter validation so that the server sees bad input."""
    cfg = CLIENT_CONFIG if validate else CLIENT_CONFIG.merge(Config(parameter_validation=False))
    client = boto3.session.Session().client(
        "sqs", endpoint_url=endpoint, region_name=REGION, config=cfg,
        aws_access_key_id=CLIENT_ENV["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CLIENT_ENV["AWS_SECRET_ACCESS_KEY"])
    for rec in (recorder, SESSION_RECORDER):
        if rec is not None:
            rec.attach(client)
    return client


@pytest.fixture(scope="session")
def server():
    """One shared `sqs-server --servers 1` for the tests that do not kill servers."""
    srv = Server(servers=1, seed=1)
    yield srv
    srv.stop()


@pytest.fixture
def start_server():
    """Factory for a private server: `start_server(servers=3)`; all stopped at teardown."""
    started = []

    def start(**kw):
        srv = Server(**kw)
        started.append(srv)
        return srv

    yield start
    for srv in started:
        srv.stop()


@pytest.fixture
def recorder():
    rec = CallRecorder()
    yield rec
    rec.check()


@pytest.fixture
def sqs(server, recorder):
    """A boto3 client on the shared server, retries off, every response checked."""
    return make_client(server.endpoint, recorder)


@pytest.fixture
def sqs_raw(server, recorder):
    """Like `sqs`, without client-side parameter validation."""
    return make_client(server.endpoint, recorder, validate=False)


_names = itertools.count()


@pytest.fixture
def name(request):
    """A queue name unique to this test (queues live on the shared server)."""
    base = re.sub(r"[^A-Za-z0-9_-]", "-", request.node.name)[:50]
    return f"{base}-{next(_names)}"
