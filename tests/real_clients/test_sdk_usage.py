"""How applications use the SDK beyond one call at a time: the boto3 resource API,
queue URLs in AWS's form, several long polls in parallel, and receive parameter errors."""

import threading
import time

import boto3

from conftest import CLIENT_CONFIG, CLIENT_ENV, REGION, make_client
from helpers import count, expect_error


def test_boto3_resource_api(server, name):
    sqs = boto3.session.Session().resource(
        "sqs", endpoint_url=server.endpoint, region_name=REGION, config=CLIENT_CONFIG,
        aws_access_key_id=CLIENT_ENV["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CLIENT_ENV["AWS_SECRET_ACCESS_KEY"])
    queue = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "40"})
    assert queue.url == server.queue_url(name)
    assert queue.attributes["VisibilityTimeout"] == "40"
    assert sqs.get_queue_by_name(QueueName=name).url == queue.url
    assert [q.url for q in sqs.queues.filter(QueueNamePrefix=name)] == [queue.url]
    queue.send_messages(Entries=[{"Id": str(i), "MessageBody": f"r{i}"} for i in range(3)])
    msgs = queue.receive_messages(MaxNumberOfMessages=10, WaitTimeSeconds=1)
    assert sorted(m.body for m in msgs) == ["r0", "r1", "r2"]
    msgs[0].delete()
    msgs[1].change_visibility(VisibilityTimeout=0)
    queue.reload()
    assert queue.attributes["ApproximateNumberOfMessages"] == "1"
    assert queue.attributes["ApproximateNumberOfMessagesNotVisible"] == "1"
    queue.delete()


def test_queue_url_in_aws_form_is_accepted(sqs, server, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    aws_url = f"https://sqs.{REGION}.amazonaws.com/000000000000/{name}"
    sent = sqs.send_message(QueueUrl=aws_url, MessageBody="via the AWS form")
    [m] = sqs.receive_message(QueueUrl=url)["Messages"]
    assert m["MessageId"] == sent["MessageId"]


def test_parallel_long_polls_each_get_a_message(sqs, server, recorder, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    got, errors = [], []

    def poll():
        client = make_client(server.endpoint, recorder)
        try:
            r = client.receive_message(QueueUrl=url, WaitTimeSeconds=10, VisibilityTimeout=60)
            got.extend(m["Body"] for m in r.get("Messages", []))
        except Exception as e:  # surfaced below
            errors.append(e)

    threads = [threading.Thread(target=poll) for _ in range(3)]
    for t in threads:
        t.start()
    time.sleep(0.5)
    start = time.monotonic()
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"p{i}")
    for t in threads:
        t.join(timeout=15)
    assert not errors, errors
    assert sorted(got) == ["p0", "p1", "p2"]
    assert time.monotonic() - start < 5
    assert count(sqs, url) == (0, 3, 0)


def test_receive_parameter_errors(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    for kw in ({"MaxNumberOfMessages": 11}, {"MaxNumberOfMessages": 0},
               {"WaitTimeSeconds": 21}, {"VisibilityTimeout": 43201}):
        expect_error(sqs.receive_message, "InvalidParameterValue", None, 400, QueueUrl=url, **kw)
    expect_error(sqs.get_queue_url, "AWS.SimpleQueueService.NonExistentQueue",
                 "QueueDoesNotExist", 400, QueueName=name, QueueOwnerAWSAccountId="111122223333")
