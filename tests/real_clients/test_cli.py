"""The AWS CLI (v1, from the venv) against the server: `aws sqs …` with exact output.

The in-page console prints what these tests pin: the CLI's JSON output (4-space
indentation, keys in response order, a final newline) and its error line on stderr."""

import hashlib
import json
import os
import subprocess

from conftest import CLIENT_ENV, VENV_BIN

AWS = str(VENV_BIN / "aws")


def aws(server, *args, max_attempts_1=False):
    """Runs `aws sqs ARGS` with dummy credentials and no config files. The CLI keeps its
    own retry settings (what a user sees; a 4xx is not retried anyway) unless
    `max_attempts_1=True`, which sets AWS_MAX_ATTEMPTS=1 as the boto3 tests do."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    env.update({k: v for k, v in CLIENT_ENV.items()
                if k not in ("AWS_MAX_ATTEMPTS", "AWS_RETRY_MODE")})
    if max_attempts_1:
        env.update(AWS_MAX_ATTEMPTS="1", AWS_RETRY_MODE="standard")
    return subprocess.run([AWS, "--endpoint-url", server.endpoint, "--region", "us-east-1",
                           "sqs", *args], env=env, capture_output=True, text=True, timeout=60)


def ok(server, *args):
    r = aws(server, *args)
    assert r.returncode == 0, (r.returncode, r.stdout, r.stderr)
    assert r.stderr == ""
    return r.stdout


def cli_json(obj):
    """How AWS CLI v1 prints a response: json.dumps with indent 4, plus a newline."""
    return json.dumps(obj, indent=4, ensure_ascii=False) + "\n"


def test_cli_queue_and_message_round_trip(server, name):
    out = ok(server, "create-queue", "--queue-name", name)
    url = server.queue_url(name)
    assert out == '{\n    "QueueUrl": "%s"\n}\n' % url

    out = ok(server, "send-message", "--queue-url", url, "--message-body", "hello from the CLI")
    sent = json.loads(out)
    assert list(sent) == ["MD5OfMessageBody", "MessageId"]
    assert sent["MD5OfMessageBody"] == hashlib.md5(b"hello from the CLI").hexdigest()
    assert out == ('{\n    "MD5OfMessageBody": "%s",\n    "MessageId": "%s"\n}\n'
                   % (sent["MD5OfMessageBody"], sent["MessageId"]))

    out = ok(server, "get-queue-attributes", "--queue-url", url, "--attribute-names", "All")
    attrs = json.loads(out)["Attributes"]
    assert attrs["ApproximateNumberOfMessages"] == "1"
    assert attrs["QueueArn"] == f"arn:aws:sqs:us-east-1:000000000000:{name}"
    assert out == cli_json({"Attributes": attrs})

    out = ok(server, "receive-message", "--queue-url", url, "--attribute-names", "All",
             "--message-attribute-names", "All")
    [m] = json.loads(out)["Messages"]
    assert (m["MessageId"], m["Body"]) == (sent["MessageId"], "hello from the CLI")
    assert m["MD5OfBody"] == sent["MD5OfMessageBody"]
    assert m["Attributes"]["ApproximateReceiveCount"] == "1"
    assert out == cli_json({"Messages": [m]})

    # delete-message prints nothing at all on success.
    assert ok(server, "delete-message", "--queue-url", url,
              "--receipt-handle", m["ReceiptHandle"]) == ""
    out = ok(server, "get-queue-attributes", "--queue-url", url, "--attribute-names",
             "ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible")
    assert out == cli_json({"Attributes": {"ApproximateNumberOfMessages": "0",
                                           "ApproximateNumberOfMessagesNotVisible": "0"}})
    # An empty receive prints nothing either.
    assert ok(server, "receive-message", "--queue-url", url) == ""


def test_cli_error_line(server, name):
    # AWS CLI v1 prints an empty line, then the error line, on stderr, and exits 255
    # (v2 exits 254).
    r = aws(server, "get-queue-url", "--queue-name", f"{name}-missing")
    assert (r.returncode, r.stdout) == (255, ""), (r.returncode, r.stdout, r.stderr)
    assert r.stderr == ("\nAn error occurred (AWS.SimpleQueueService.NonExistentQueue) when "
                        "calling the GetQueueUrl operation: The specified queue does not exist.\n")
    # With AWS_MAX_ATTEMPTS=1 botocore marks every error "max attempts reached", and the
    # line names the retries.
    r = aws(server, "get-queue-url", "--queue-name", f"{name}-missing", max_attempts_1=True)
    assert (r.returncode, r.stdout) == (255, ""), (r.returncode, r.stdout, r.stderr)
    assert r.stderr == ("\nAn error occurred (AWS.SimpleQueueService.NonExistentQueue) when "
                        "calling the GetQueueUrl operation (reached max retries: 0): The "
                        "specified queue does not exist.\n")


def test_cli_list_queues_and_batch(server, name):
    url = server.queue_url(name)
    ok(server, "create-queue", "--queue-name", name)
    out = ok(server, "list-queues", "--queue-name-prefix", name)
    assert out == cli_json({"QueueUrls": [url]})
    out = ok(server, "send-message-batch", "--queue-url", url, "--entries",
             json.dumps([{"Id": "a", "MessageBody": "one"}, {"Id": "b", "MessageBody": "two"}]))
    r = json.loads(out)
    assert sorted(s["Id"] for s in r["Successful"]) == ["a", "b"]
    assert "Failed" not in r or r["Failed"] == []
    assert out == cli_json(r)
