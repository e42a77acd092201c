"""Message actions through boto3: SendMessage(Batch), ReceiveMessage, DeleteMessage(Batch),
ChangeMessageVisibility(Batch), FIFO, and their common errors."""

import time

from helpers import count, expect_error, md5_hex, md5_of_message_attributes

ATTRS = {
    "colour": {"DataType": "String", "StringValue": "blue ✓"},
    "count": {"DataType": "Number", "StringValue": "42"},
    "blob": {"DataType": "Binary", "BinaryValue": b"\x00\x01\xfe\xff"},
    "kind": {"DataType": "String.custom", "StringValue": "x"},
}


def test_send_receive_delete_with_md5s(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    body = "héllo wörld – ünïcode 🚀"
    sent = sqs.send_message(QueueUrl=url, MessageBody=body, MessageAttributes=ATTRS)
    assert sent["MD5OfMessageBody"] == md5_hex(body)
    assert sent["MD5OfMessageAttributes"] == md5_of_message_attributes(ATTRS)
    assert len(sent["MessageId"]) == 36
    before = int(time.time() * 1000)
    got = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, MessageAttributeNames=["All"],
                              MessageSystemAttributeNames=["All"], VisibilityTimeout=30)
    [m] = got["Messages"]
    assert m["MessageId"] == sent["MessageId"]
    assert m["Body"] == body
    assert m["MD5OfBody"] == md5_hex(body)
    assert m["MessageAttributes"] == ATTRS
    assert m["MD5OfMessageAttributes"] == md5_of_message_attributes(ATTRS)
    a = m["Attributes"]
    assert a["ApproximateReceiveCount"] == "1"
    assert a["SenderId"]
    assert abs(int(a["SentTimestamp"]) - before) < 5000
    assert int(a["ApproximateFirstReceiveTimestamp"]) >= int(a["SentTimestamp"])
    assert count(sqs, url) == (0, 1, 0)
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])
    assert count(sqs, url) == (0, 0, 0)
    # Deleting again with the same handle succeeds, as AWS does.
    sqs.delete_message(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"])


def test_receive_filters_attributes(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="b", MessageAttributes=ATTRS)
    [m] = sqs.receive_message(QueueUrl=url, MessageAttributeNames=["colour", "count"],
                              AttributeNames=["ApproximateReceiveCount"],
                              VisibilityTimeout=0)["Messages"]
    subset = {k: ATTRS[k] for k in ("colour", "count")}
    assert m["MessageAttributes"] == subset
    assert m["Attributes"] == {"ApproximateReceiveCount": "1"}
    # The MD5 is that of the attributes returned, so that SDKs can verify it (the Java
    # SDK does so on every receive).
    assert m["MD5OfMessageAttributes"] == md5_of_message_attributes(subset)
    [m] = sqs.receive_message(QueueUrl=url, VisibilityTimeout=0)["Messages"]
    assert "MessageAttributes" not in m and "Attributes" not in m
    assert "MD5OfMessageAttributes" not in m


def test_change_visibility(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sent = sqs.send_message(QueueUrl=url, MessageBody="v")
    [m] = sqs.receive_message(QueueUrl=url, VisibilityTimeout=60)["Messages"]
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    sqs.change_message_visibility(QueueUrl=url, ReceiptHandle=m["ReceiptHandle"],
                                  VisibilityTimeout=0)
    [again] = sqs.receive_message(QueueUrl=url, AttributeNames=["All"],
                                  VisibilityTimeout=60)["Messages"]
    assert again["MessageId"] == sent["MessageId"]
    assert again["Attributes"]["ApproximateReceiveCount"] == "2"
    assert again["ReceiptHandle"] != m["ReceiptHandle"]
    expect_error(sqs.change_message_visibility, "InvalidParameterValue", None, 400,
                 QueueUrl=url, ReceiptHandle=again["ReceiptHandle"], VisibilityTimeout=43201)


def test_delay_seconds(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    sqs.send_message(QueueUrl=url, MessageBody="later", DelaySeconds=30)
    assert count(sqs, url) == (0, 0, 1)
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    expect_error(sqs.send_message, "InvalidParameterValue", None, 400,
                 QueueUrl=url, MessageBody="x", DelaySeconds=901)


def test_batches(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    entries = [{"Id": f"e{i}", "MessageBody": f"body {i}"} for i in range(3)]
    entries[1]["MessageAttributes"] = ATTRS
    entries[2]["DelaySeconds"] = 0
    r = sqs.send_message_batch(QueueUrl=url, Entries=entries)
    assert r.get("Failed", []) == []
    ok = {s["Id"]: s for s in r["Successful"]}
    assert set(ok) == {"e0", "e1", "e2"}
    for e in entries:
        assert ok[e["Id"]]["MD5OfMessageBody"] == md5_hex(e["MessageBody"])
    assert ok["e1"]["MD5OfMessageAttributes"] == md5_of_message_attributes(ATTRS)
    assert "MD5OfMessageAttributes" not in ok["e0"]
    msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10, VisibilityTimeout=60,
                               MessageAttributeNames=["All"])["Messages"]
    assert sorted(m["Body"] for m in msgs) == ["body 0", "body 1", "body 2"]
    assert {m["MessageId"] for m in msgs} == {s["MessageId"] for s in r["Successful"]}
    handles = [m["ReceiptHandle"] for m in msgs]

    r = sqs.change_message_visibility_batch(QueueUrl=url, Entries=[
        {"Id": "c0", "ReceiptHandle": handles[0], "VisibilityTimeout": 120},
        {"Id": "c1", "ReceiptHandle": "not-a-receipt-handle", "VisibilityTimeout": 0}])
    assert [s["Id"] for s in r["Successful"]] == ["c0"]
    [f] = r["Failed"]
    assert (f["Id"], f["Code"], f["SenderFault"]) == ("c1", "ReceiptHandleIsInvalid", True)

    r = sqs.delete_message_batch(QueueUrl=url, Entries=[
        {"Id": f"d{i}", "ReceiptHandle": h} for i, h in enumerate(handles)] + [
        {"Id": "bad", "ReceiptHandle": "not-a-receipt-handle"}])
    assert sorted(s["Id"] for s in r["Successful"]) == ["d0", "d1", "d2"]
    [f] = r["Failed"]
    assert (f["Id"], f["Code"], f["SenderFault"]) == ("bad", "ReceiptHandleIsInvalid", True)
    assert f["Message"]
    assert count(sqs, url) == (0, 0, 0)


def test_batch_errors(sqs, sqs_raw, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    dup = [{"Id": "same", "MessageBody": "a"}, {"Id": "same", "MessageBody": "b"}]
    expect_error(sqs.send_message_batch, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct",
                 "BatchEntryIdsNotDistinct", 400, QueueUrl=url, Entries=dup)
    eleven = [{"Id": f"e{i}", "MessageBody": "x"} for i in range(11)]
    expect_error(sqs.send_message_batch,
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                 "TooManyEntriesInBatchRequest", 400, QueueUrl=url, Entries=eleven)
    eleven_del = [{"Id": f"e{i}", "ReceiptHandle": "h"} for i in range(11)]
    expect_error(sqs.delete_message_batch,
                 "AWS.SimpleQueueService.TooManyEntriesInBatchRequest",
                 "TooManyEntriesInBatchRequest", 400, QueueUrl=url, Entries=eleven_del)
    expect_error(sqs.change_message_visibility_batch,
                 "AWS.SimpleQueueService.BatchEntryIdsNotDistinct", "BatchEntryIdsNotDistinct",
                 400, QueueUrl=url, Entries=[{"Id": "x", "ReceiptHandle": "h"}] * 2)
    expect_error(sqs_raw.send_message_batch, "AWS.SimpleQueueService.EmptyBatchRequest",
                 "EmptyBatchRequest", 400, QueueUrl=url, Entries=[])
    expect_error(sqs.send_message_batch, "AWS.SimpleQueueService.InvalidBatchEntryId",
                 "InvalidBatchEntryId", 400, QueueUrl=url,
                 Entries=[{"Id": "not valid!", "MessageBody": "x"}])
    # Nothing was sent by the refused batches.
    assert count(sqs, url) == (0, 0, 0)


def test_body_size_limit_is_one_mib(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    limit = 1_048_576
    body = "a" * limit
    sent = sqs.send_message(QueueUrl=url, MessageBody=body)
    assert sent["MD5OfMessageBody"] == md5_hex(body)
    [m] = sqs.receive_message(QueueUrl=url)["Messages"]
    assert len(m["Body"]) == limit and m["MD5OfBody"] == md5_hex(body)
    expect_error(sqs.send_message, "InvalidParameterValue", None, 400,
                 QueueUrl=url, MessageBody="a" * (limit + 1))
    # The limit counts the attributes too.
    expect_error(sqs.send_message, "InvalidParameterValue", None, 400, QueueUrl=url,
                 MessageBody="a" * (limit - 10),
                 MessageAttributes={"k": {"DataType": "String", "StringValue": "v" * 20}})
    # The queue's MaximumMessageSize is the limit when lower.
    sqs.set_queue_attributes(QueueUrl=url, Attributes={"MaximumMessageSize": "1024"})
    sqs.send_message(QueueUrl=url, MessageBody="a" * 1024)
    expect_error(sqs.send_message, "InvalidParameterValue", None, 400,
                 QueueUrl=url, MessageBody="a" * 1025)
    # A batch entry over the limit fails the whole batch (BatchRequestTooLong).
    expect_error(sqs.send_message_batch, "AWS.SimpleQueueService.BatchRequestTooLong",
                 "BatchRequestTooLong", 400, QueueUrl=url,
                 Entries=[{"Id": "a", "MessageBody": "a" * 600_000},
                          {"Id": "b", "MessageBody": "b" * 600_000}])


def test_empty_and_invalid_bodies(sqs, sqs_raw, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    err = expect_error(sqs_raw.send_message, "MissingParameter", None, 400,
                       QueueUrl=url, MessageBody="")
    assert "MessageBody" in err.response["Error"]["Message"]
    expect_error(sqs.send_message, "InvalidMessageContents", "InvalidMessageContents", 400,
                 QueueUrl=url, MessageBody="bad \x00 char")
    assert count(sqs, url) == (0, 0, 0)


def test_invalid_receipt_handle(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    expect_error(sqs.delete_message, "ReceiptHandleIsInvalid", "ReceiptHandleIsInvalid",
                 400, 'The input receipt handle "garbage" is not a valid receipt handle.',
                 QueueUrl=url, ReceiptHandle="garbage")
    expect_error(sqs.change_message_visibility, "ReceiptHandleIsInvalid",
                 "ReceiptHandleIsInvalid", 400, QueueUrl=url, ReceiptHandle="garbage",
                 VisibilityTimeout=10)


def test_fifo(sqs, name):
    url = sqs.create_queue(QueueName=f"{name}.fifo", Attributes={
        "FifoQueue": "true", "ContentBasedDeduplication": "true"})["QueueUrl"]
    a = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
    assert (a["FifoQueue"], a["ContentBasedDeduplication"]) == ("true", "true")
    expect_error(sqs.send_message, "MissingParameter", None, 400,
                 "The request must contain the parameter MessageGroupId.",
                 QueueUrl=url, MessageBody="no group")
    first = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g")
    assert first["SequenceNumber"].isdigit()
    dup = sqs.send_message(QueueUrl=url, MessageBody="one", MessageGroupId="g")
    assert dup["MessageId"] == first["MessageId"]
    second = sqs.send_message(QueueUrl=url, MessageBody="two", MessageGroupId="g",
                              MessageDeduplicationId="d2")
    assert int(second["SequenceNumber"]) > int(first["SequenceNumber"])
    # In a batch a missing group id fails the whole request, with another code than
    # SendMessage's (as AWS does).
    expect_error(sqs.send_message_batch, "InvalidParameterValue", None, 400,
                 "The request must contain the parameter MessageGroupId.", QueueUrl=url,
                 Entries=[{"Id": "a", "MessageBody": "three", "MessageGroupId": "g"},
                          {"Id": "b", "MessageBody": "no group"}])
    r = sqs.send_message_batch(QueueUrl=url, Entries=[
        {"Id": "a", "MessageBody": "three", "MessageGroupId": "g"}])
    assert [s["Id"] for s in r["Successful"]] == ["a"] and not r.get("Failed")
    assert int(r["Successful"][0]["SequenceNumber"]) > int(second["SequenceNumber"])
    expect_error(sqs.send_message, "InvalidParameterValue", None, 400,
                 QueueUrl=url, MessageBody="x", MessageGroupId="g", DelaySeconds=5)
    msgs = sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10,
                               MessageSystemAttributeNames=["All"])["Messages"]
    assert [m["Body"] for m in msgs] == ["one", "two", "three"]
    assert all(m["Attributes"]["MessageGroupId"] == "g" for m in msgs)
    assert msgs[0]["Attributes"]["SequenceNumber"] == first["SequenceNumber"]
    assert msgs[1]["Attributes"]["MessageDeduplicationId"] == "d2"
    # The group is blocked while its messages are in flight.
    assert "Messages" not in sqs.receive_message(QueueUrl=url)
    # A .fifo name needs FifoQueue=true.
    expect_error(sqs.create_queue, "InvalidParameterValue", None, 400,
                 QueueName=f"{name}-std.fifo")


def test_system_attribute_aws_trace_header(sqs, name):
    url = sqs.create_queue(QueueName=name)["QueueUrl"]
    trace = {"AWSTraceHeader": {"DataType": "String",
                                "StringValue": "Root=1-5759e988-bd862e3fe1be46a994272793;Sampled=1"}}
    sent = sqs.send_message(QueueUrl=url, MessageBody="traced", MessageSystemAttributes=trace)
    assert sent["MD5OfMessageSystemAttributes"] == md5_of_message_attributes(trace)
    assert "MD5OfMessageAttributes" not in sent
    [m] = sqs.receive_message(QueueUrl=url, MessageSystemAttributeNames=["AWSTraceHeader"])["Messages"]
    assert m["Attributes"] == {"AWSTraceHeader": trace["AWSTraceHeader"]["StringValue"]}
