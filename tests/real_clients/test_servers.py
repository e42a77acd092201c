"""The simulated storage servers through the admin API and boto3: a delete while a
holder is down leaves a stale copy, delivered again (same MessageId) once the server is
revived; FIFO without a quorum answers 503 ServiceUnavailable, surfaced because retries
are off."""

from conftest import make_client
from helpers import count, expect_error


def up(*flags):
    return {"servers": [{"index": i, "up": f} for i, f in enumerate(flags)]}


def test_admin_api_lists_servers(start_server):
    srv = start_server(servers=3)
    assert srv.admin("GET", "/_admin/servers") == (200, up(True, True, True))
    assert srv.kill_server(1) == up(True, False, True)
    assert srv.kill_server(1) == up(True, False, True)  # killing a down server: no change
    assert srv.admin("GET", "/_admin/servers") == (200, up(True, False, True))
    assert srv.revive_server(1) == up(True, True, True)
    status, body = srv.admin("POST", "/_admin/servers/9/kill")
    assert status == 404, (status, body)
    assert body["message"] == "Server 9 does not exist: servers are numbered 0 to 2."


def test_duplicate_after_a_server_outage(start_server, recorder):
    srv = start_server(servers=3, seed=7)
    sqs = make_client(srv.endpoint, recorder)
    url = sqs.create_queue(QueueName="dup")["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="exactly once?")
    # Long polls query every up server, so this finds the message whatever the sampling.
    [m] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1, VisibilityTimeout=30)["Messages"]
    assert m["MessageId"] == sent["MessageId"]
    # With 3 servers every message is stored on all three: server 0 holds a copy.
    assert srv.kill_server(0) == up(False, True, True)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    assert count(sqs, url) == (0, 0, 0)
    assert "Messages" not in sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
    srv.revive_server(0)
    [again] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=2,
                                  AttributeNames=["ApproximateReceiveCount"])["Messages"]
    assert again["MessageId"] == sent["MessageId"]
    assert again["Body"] == "exactly once?"
    assert again["ReceiptHandle"] != m["ReceiptHandle"]
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"


def test_fifo_without_quorum_is_503(start_server, recorder):
    srv = start_server(servers=3)
    sqs = make_client(srv.endpoint, recorder)
    url = sqs.create_queue(QueueName="q.fifo", Attributes={"FifoQueue": "true"})["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="a", MessageGroupId="g",
                     MessageDeduplicationId="1")
    srv.kill_server(0)
    srv.kill_server(1)
    expect_error(sqs.send_message, "ServiceUnavailable", None, 503, QueueUrl=url,
                 MessageBody="b", MessageGroupId="g", MessageDeduplicationId="2")
    srv.revive_server(1)
    sqs.send_message(QueueUrl=url, MessageBody="b", MessageGroupId="g",
                     MessageDeduplicationId="2")
    msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10)["Messages"]
    assert [m["Body"] for m in msgs] == ["a", "b"]
