"""Helpers shared by the real-client tests: AWS's MD5 digests and error checks."""

import hashlib
import struct
import time

import pytest
from botocore.exceptions import ClientError


def md5_hex(data):
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.md5(data).hexdigest()


def _length_prefixed(b):
    return struct.pack(">I", len(b)) + b


def md5_of_message_attributes(attrs):
    """AWS's MD5OfMessageAttributes: for each attribute in name order, the name, the data
    type, a transport byte (1 string/number, 2 binary) and the value, each value
    length-prefixed with 4 big-endian bytes."""
    buf = b""
    for name in sorted(attrs):
        a = attrs[name]
        buf += _length_prefixed(name.encode()) + _length_prefixed(a["DataType"].encode())
        if "StringValue" in a:
            buf += b"\x01" + _length_prefixed(a["StringValue"].encode("utf-8"))
        else:
            buf += b"\x02" + _length_prefixed(bytes(a["BinaryValue"]))
    return hashlib.md5(buf).hexdigest()


def expect_error(call, code, exception=None, status=None, message=None, **kwargs):
    """Runs `call(**kwargs)` (a client method), which must fail with ClientError `code`.
    If `exception` (a name such as "QueueDoesNotExist") is given, botocore must model it
    and raise that class. `status`: the HTTP status. `message`: the exact message, or a
    callable that checks it. Returns the error."""
    client = call.__self__
    with pytest.raises(ClientError) as info:
        call(**kwargs)
    err = info.value
    got = err.response["Error"]
    assert got["Code"] == code, f"code {got['Code']!r} != {code!r}: {err.response}"
    if exception is not None:
        cls = getattr(client.exceptions, exception)  # AttributeError = not modeled
        assert isinstance(err, cls), f"{type(err).__name__} is not {exception}"
    if status is not None:
        assert err.response["ResponseMetadata"]["HTTPStatusCode"] == status, err.response
    if message is not None:
        if callable(message):
            assert message(got["Message"]), got["Message"]
        else:
            assert got["Message"] == message, got["Message"]
    return err


def attrs_of(client, url, *names):
    names = list(names) or ["All"]
    # A queue without any of the names asked for answers {} (no "Attributes" member).
    return client.get_queue_attributes(QueueUrl=url, AttributeNames=names).get("Attributes", {})


def count(client, url):
    """(visible, in flight, delayed) from the Approximate* attributes."""
    a = attrs_of(client, url, "ApproximateNumberOfMessages",
                 "ApproximateNumberOfMessagesNotVisible", "ApproximateNumberOfMessagesDelayed")
    return (int(a["ApproximateNumberOfMessages"]),
            int(a["ApproximateNumberOfMessagesNotVisible"]),
            int(a["ApproximateNumberOfMessagesDelayed"]))


def wait_until(pred, timeout=10.0, interval=0.05):
    """Polls `pred()` until it returns a truthy value; returns it, or fails."""
    deadline = time.monotonic() + timeout
    while True:
        value = pred()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"condition not met within {timeout} s")
        time.sleep(interval)
