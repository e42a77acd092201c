"""Queue actions through boto3: CreateQueue, GetQueueUrl, ListQueues, GetQueueAttributes,
SetQueueAttributes, DeleteQueue, PurgeQueue, tags, permissions, ListDeadLetterSourceQueues,
and their common errors."""

import json
import time

from conftest import ACCOUNT, REGION
from helpers import attrs_of, count, expect_error


def arn(name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def test_create_get_list_delete(sqs, server, name):
    url = sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "45"})["QueueUrl"]
    assert url == server.queue_url(name)
    # Same name, same attributes: idempotent. Different attributes: QueueAlreadyExists.
    assert sqs.create_queue(QueueName=name, Attributes={"VisibilityTimeout": "45"})["QueueUrl"] == url
    expect_error(sqs.create_queue, "QueueAlreadyExists", "QueueNameExists", 400,
                 QueueName=name, Attributes={"VisibilityTimeout": "46"})
    assert sqs.get_queue_url(QueueName=name)["QueueUrl"] == url
    assert sqs.get_queue_url(QueueName=name, QueueOwnerAWSAccountId=ACCOUNT)["QueueUrl"] == url
    assert sqs.list_queues(QueueNamePrefix=name)["QueueUrls"] == [url]
    sqs.delete_queue(QueueUrl=url)
    expect_error(sqs.get_queue_url, "AWS.SimpleQueueService.NonExistentQueue",
                 "QueueDoesNotExist", 400, "The specified queue does not exist.", QueueName=name)
    assert "QueueUrls" not in sqs.list_queues(QueueNamePrefix=name)


def test_list_queues_prefix_and_pages(sqs, name):
    urls = {sqs.create_queue(QueueName=f"{name}-{i}")["QueueUrl"] for i in range(3)}
    sqs.create_queue(QueueName=f"other-{name}")
    assert set(sqs.list_queues(QueueNamePrefix=name)["QueueUrls"]) == urls
    first = sqs.list_queues(QueueNamePrefix=name, MaxResults=2)
    assert len(first["QueueUrls"]) == 2 and first["NextToken"]
    rest = sqs.list_queues(QueueNamePrefix=name, MaxResults=2, NextToken=first["NextToken"])
    assert len(rest["QueueUrls"]) == 1 and "NextToken" not in rest
    assert set(first["QueueUrls"]) | set(rest["QueueUrls"]) == urls
    # The paginator follows NextToken the same way.
    pages = sqs.get_paginator("list_queues").paginate(QueueNamePrefix=name,
                                                       PaginationConfig={"PageSize": 1})
    assert {u for p in pages for u in p["QueueUrls"]} == urls


def test_attribute_defaults(sqs, name):
    before = int(time.time())
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    a = attrs_of(sqs, url)
    assert a["QueueArn"] == arn(name)
    expected = {
        "ApproximateNumberOfMessages": "0",
        "ApproximateNumberOfMessagesNotVisible": "0",
        "ApproximateNumberOfMessagesDelayed": "0",
        "VisibilityTimeout": "30",
        "MaximumMessageSize": "1048576",
        "MessageRetentionPeriod": "345600",
        "DelaySeconds": "0",
        "ReceiveMessageWaitTimeSeconds": "0",
        "SqsManagedSseEnabled": "true",
    }
    assert {k: a.get(k) for k in expected} == expected
    # The server's clock follows wall time.
    for k in ("CreatedTimestamp", "LastModifiedTimestamp"):
        assert abs(int(a[k]) - before) <= 5, (k, a[k], before)
    assert "FifoQueue" not in a
    # Asking for some names returns just those.
    assert attrs_of(sqs, url, "VisibilityTimeout", "DelaySeconds") == {
        "VisibilityTimeout": "30", "DelaySeconds": "0"}


def test_set_attributes_and_bad_values(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.set_queue_attributes(QueueUrl=url, Attributes={
        "VisibilityTimeout": "60", "DelaySeconds": "5", "ReceiveMessageWaitTimeSeconds": "2",
        "MaximumMessageSize": "2048", "MessageRetentionPeriod": "3600"})
    assert attrs_of(sqs, url, "VisibilityTimeout", "DelaySeconds",
                    "ReceiveMessageWaitTimeSeconds", "MaximumMessageSize",
                    "MessageRetentionPeriod") == {
        "VisibilityTimeout": "60", "DelaySeconds": "5", "ReceiveMessageWaitTimeSeconds": "2",
        "MaximumMessageSize": "2048", "MessageRetentionPeriod": "3600"}
    for attr, value in [("VisibilityTimeout", "43201"), ("VisibilityTimeout", "ten"),
                        ("DelaySeconds", "901"), ("MessageRetentionPeriod", "59"),
                        ("MaximumMessageSize", "1048577"), ("ReceiveMessageWaitTimeSeconds", "21")]:
        expect_error(sqs.set_queue_attributes, "InvalidAttributeValue",
                     "InvalidAttributeValue", 400, QueueUrl=url, Attributes={attr: value})
    expect_error(sqs.set_queue_attributes, "InvalidAttributeName", "InvalidAttributeName",
                 400, QueueUrl=url, Attributes={"NoSuchAttribute": "1"})
    expect_error(sqs.get_queue_attributes, "InvalidAttributeName", "InvalidAttributeName",
                 400, QueueUrl=url, AttributeNames=["NoSuchAttribute"])
    expect_error(sqs.create_queue, "InvalidAttributeValue", "InvalidAttributeValue", 400,
                 QueueName=f"{name}-bad", Attributes={"VisibilityTimeout": "-1"})
    # Nothing changed.
    assert attrs_of(sqs, url, "VisibilityTimeout")["VisibilityTimeout"] == "60"


def test_unknown_queue(sqs, server, name):
    missing = server.queue_url(f"{name}-missing")
    for call, kw in [
        (sqs.get_queue_url, {"QueueName": f"{name}-missing"}),
        (sqs.get_queue_attributes, {"QueueUrl": missing, "AttributeNames": ["All"]}),
        (sqs.send_message, {"QueueUrl": missing, "MessageBody": "x"}),
        (sqs.receive_message, {"QueueUrl": missing}),
        (sqs.delete_queue, {"QueueUrl": missing}),
        (sqs.purge_queue, {"QueueUrl": missing}),
        (sqs.list_queue_tags, {"QueueUrl": missing}),
    ]:
        expect_error(call, "AWS.SimpleQueueService.NonExistentQueue", "QueueDoesNotExist",
                     400, "The specified queue does not exist.", **kw)


def test_invalid_queue_name(sqs, name):
    for bad in ["has space", "x" * 81, "dots.not.allowed"]:
        expect_error(sqs.create_queue, "InvalidParameterValue", None, 400, QueueName=bad)
    # A FIFO queue's name must end in .fifo.
    expect_error(sqs.create_queue, "InvalidParameterValue", None, 400,
                 QueueName=name, Attributes={"FifoQueue": "true"})


def test_recreate_within_60_seconds_is_refused(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.delete_queue(QueueUrl=url)
    expect_error(sqs.create_queue, "AWS.SimpleQueueService.QueueDeletedRecently",
                 "QueueDeletedRecently", 400,
                 "You must wait 60 seconds after deleting a queue before you can create "
                 "another with the same name.", QueueName=name)
    # Other names are not affected.
    sqs.create_queue(QueueName=f"{name}-other")


def test_purge_and_its_60_second_cooldown(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    for i in range(3):
        sqs.send_message(QueueUrl=url, MessageBody=f"m{i}")
    sqs.receive_message(QueueUrl=url, VisibilityTimeout=60)  # one in flight
    assert count(sqs, url) == (2, 1, 0)
    sqs.purge_queue(QueueUrl=url)
    assert count(sqs, url) == (0, 0, 0)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    expect_error(sqs.purge_queue, "AWS.SimpleQueueService.PurgeQueueInProgress",
                 "PurgeQueueInProgress", 403,
                 f"Only one PurgeQueue operation on {name} is allowed every 60 seconds.",
                 QueueUrl=url)
    # Sending still works during the cooldown.
    sqs.send_message(QueueUrl=url, MessageBody="after")
    assert count(sqs, url)[0] == 1


def test_tags(sqs, name):
    url = sqs.create_queue(QueueName=name, tags={"team": "blue", "env": "test"})["QueueUrl"]
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "blue", "env": "test"}
    sqs.tag_queue(QueueUrl=url, Tags={"team": "red", "cost": "42"})
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "red", "env": "test", "cost": "42"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["env", "cost", "absent"])
    assert sqs.list_queue_tags(QueueUrl=url)["Tags"] == {"team": "red"}
    sqs.untag_queue(QueueUrl=url, TagKeys=["team"])
    assert "Tags" not in sqs.list_queue_tags(QueueUrl=url)


def test_permissions(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.add_permission(QueueUrl=url, Label="senders", AWSAccountIds=["111122223333"],
                       Actions=["SendMessage", "ReceiveMessage"])
    policy = json.loads(attrs_of(sqs, url, "Policy")["Policy"])
    [stmt] = policy["Statement"]
    assert stmt["Sid"] == "senders"
    assert stmt["Effect"] == "Allow"
    assert stmt["Principal"] == {"AWS": "arn:aws:iam::111122223333:root"}
    assert sorted(stmt["Action"]) == ["SQS:ReceiveMessage", "SQS:SendMessage"]
    assert stmt["Resource"] == arn(name)
    expect_error(sqs.add_permission, "InvalidParameterValue", None, 400, QueueUrl=url,
                 Label="senders", AWSAccountIds=["111122223333"], Actions=["SendMessage"])
    expect_error(sqs.remove_permission, "InvalidParameterValue", None, 400,
                 QueueUrl=url, Label="nobody")
    sqs.remove_permission(QueueUrl=url, Label="senders")
    remaining = attrs_of(sqs, url, "Policy").get("Policy")
    assert remaining is None or json.loads(remaining).get("Statement") in (None, [])


def test_list_dead_letter_source_queues(sqs, name):
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    policy = json.dumps({"deadLetterTargetArn": arn(f"{name}-dlq"), "maxReceiveCount": 3})
    srcs = sorted(sqs.create_queue(QueueName=f"{name}-src{i}",
                                   Attributes={"RedrivePolicy": policy})["QueueUrl"]
                  for i in range(2))
    sqs.create_queue(QueueName=f"{name}-plain")
    r = sqs.list_dead_letter_source_queues(QueueUrl=dlq)
    assert sorted(r["queueUrls"]) == srcs
    first = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=1)
    assert len(first["queueUrls"]) == 1 and first["NextToken"]
    rest = sqs.list_dead_letter_source_queues(QueueUrl=dlq, MaxResults=1,
                                              NextToken=first["NextToken"])
    assert sorted(first["queueUrls"] + rest["queueUrls"]) == srcs
    got = json.loads(attrs_of(sqs, srcs[0], "RedrivePolicy")["RedrivePolicy"])
    assert got == {"deadLetterTargetArn": arn(f"{name}-dlq"), "maxReceiveCount": 3}
    assert sqs.list_dead_letter_source_queues(QueueUrl=srcs[0])["queueUrls"] == []
