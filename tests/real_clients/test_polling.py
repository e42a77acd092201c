"""Long polling through boto3: a receive waiting on an empty queue is ended by another
client's send, well before its WaitTimeSeconds; with nothing sent it waits it out."""

import threading
import time

from conftest import make_client


def test_long_poll_ended_by_a_send_from_another_client(sqs, server, recorder, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sender = make_client(server.endpoint, recorder)  # a second client, own connection pool
    result = {}

    def poll():
        start = time.monotonic()
        result["response"] = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=20,
                                                 MaxNumberOfMessages=1)
        result["elapsed"] = time.monotonic() - start

    t = threading.Thread(target=poll)
    t.start()
    time.sleep(0.5)  # the receive is parked on the server by now
    sent = sender.send_message(QueueUrl=url, MessageBody="wake up")
    t.join(timeout=25)
    assert not t.is_alive(), "the long poll did not return"
    [m] = result["response"]["Messages"]
    assert (m["MessageId"], m["Body"]) == (sent["MessageId"], "wake up")
    assert 0.4 <= result["elapsed"] < 3.0, result["elapsed"]


def test_long_poll_on_empty_queue_waits_its_time(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    start = time.monotonic()
    r = sqs.receive_message(QueueUrl=url, WaitTimeSeconds=1)
    elapsed = time.monotonic() - start
    assert "Messages" not in r
    assert 0.9 <= elapsed < 3.0, elapsed


def test_queue_default_wait_time_applies(sqs, server, recorder, name):
    url = sqs.create_queue(QueueName=name, Attributes={
        "ReceiveMessageWaitTimeSeconds": "20"})["QueueUrl"]
    sender = make_client(server.endpoint, recorder)
    threading.Timer(0.5, lambda: sender.send_message(QueueUrl=url, MessageBody="x")).start()
    start = time.monotonic()
    r = sqs.receive_message(QueueUrl=url)  # no WaitTimeSeconds: the queue's 20 s applies
    elapsed = time.monotonic() - start
    assert [m["Body"] for m in r["Messages"]] == ["x"]
    assert 0.4 <= elapsed < 3.0, elapsed
