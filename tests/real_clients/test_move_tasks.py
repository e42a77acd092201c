"""Dead-letter queues and message move tasks through boto3: StartMessageMoveTask,
ListMessageMoveTasks, CancelMessageMoveTask and their errors."""

import base64
import json

from conftest import ACCOUNT, REGION
from helpers import count, expect_error, wait_until


def arn(name):
    return f"arn:aws:sqs:{REGION}:{ACCOUNT}:{name}"


def make_redrive_pair(sqs, name, messages):
    """A source queue with maxReceiveCount 1 and its DLQ holding `messages` messages."""
    dlq = sqs.create_queue(QueueName=f"{name}-dlq")["QueueUrl"]
    src = sqs.create_queue(QueueName=f"{name}-src", Attributes={"RedrivePolicy": json.dumps(
        {"deadLetterTargetArn": arn(f"{name}-dlq"), "maxReceiveCount": 1})})["QueueUrl"]
    for i in range(0, messages, 10):
        sqs.send_message_batch(QueueUrl=src, Entries=[
            {"Id": str(j), "MessageBody": f"m{j}"} for j in range(i, min(i + 10, messages))])
    # A receive beyond maxReceiveCount moves the message to the DLQ.
    def all_in_dlq():
        sqs.receive_message(QueueUrl=src, MaxNumberOfMessages=10, VisibilityTimeout=0)
        return count(sqs, dlq)[0] == messages
    wait_until(all_in_dlq)
    assert count(sqs, src) == (0, 0, 0)
    return src, dlq


def test_redrive_back_to_source(sqs, name):
    src, dlq = make_redrive_pair(sqs, name, 3)
    [m] = sqs.receive_message(QueueUrl=dlq, AttributeNames=["All"], VisibilityTimeout=0)["Messages"]
    assert m["Attributes"]["DeadLetterQueueSourceArn"] == arn(f"{name}-src")
    handle = sqs.start_message_move_task(SourceArn=arn(f"{name}-dlq"))["TaskHandle"]
    assert handle

    def done():
        [t] = sqs.list_message_move_tasks(SourceArn=arn(f"{name}-dlq"))["Results"]
        return t if t["Status"] == "COMPLETED" else None
    t = wait_until(done)
    assert t["ApproximateNumberOfMessagesMoved"] == 3
    assert t["SourceArn"] == arn(f"{name}-dlq")
    assert isinstance(t["StartedTimestamp"], int)
    assert "TaskHandle" not in t  # only a running task shows its handle
    assert count(sqs, src)[0] == 3 and count(sqs, dlq) == (0, 0, 0)
    bodies = sorted(m["Body"] for m in sqs.receive_message(
        QueueUrl=src, MaxNumberOfMessages=10)["Messages"])
    assert bodies == ["m0", "m1", "m2"]


def test_move_to_an_explicit_destination_and_cancel(sqs, name):
    src, dlq = make_redrive_pair(sqs, name, 20)
    other = sqs.create_queue(QueueName=f"{name}-other")["QueueUrl"]
    handle = sqs.start_message_move_task(SourceArn=arn(f"{name}-dlq"),
                                         DestinationArn=arn(f"{name}-other"),
                                         MaxNumberOfMessagesPerSecond=1)["TaskHandle"]
    [t] = sqs.list_message_move_tasks(SourceArn=arn(f"{name}-dlq"), MaxResults=10)["Results"]
    assert t["Status"] == "RUNNING" and t["TaskHandle"] == handle
    assert t["DestinationArn"] == arn(f"{name}-other")
    assert t["MaxNumberOfMessagesPerSecond"] == 1
    assert t["ApproximateNumberOfMessagesToMove"] == 20
    # Only one running task per source.
    expect_error(sqs.start_message_move_task, "InvalidParameterValue", None, 400,
                 "There is already a task running. Only one active task is allowed for a "
                 "source queue arn at a given time.", SourceArn=arn(f"{name}-dlq"))
    moved = sqs.cancel_message_move_task(TaskHandle=handle)["ApproximateNumberOfMessagesMoved"]
    assert 0 <= moved < 20

    def stopped():
        [t] = sqs.list_message_move_tasks(SourceArn=arn(f"{name}-dlq"))["Results"]
        return t if t["Status"] in ("CANCELLING", "CANCELLED") else None
    t = wait_until(stopped)
    left, _, _ = count(sqs, dlq)
    assert left + count(sqs, other)[0] == 20 and left > 0
    # A task that is no longer running cannot be cancelled again.
    expect_error(sqs.cancel_message_move_task, "ResourceNotFoundException",
                 "ResourceNotFoundException", 404, "Task does not exist.", TaskHandle=handle)


def test_move_task_errors(sqs, name):
    plain = sqs.create_queue(QueueName=f"{name}-plain")["QueueUrl"]
    assert plain
    # The source must be a dead-letter queue of some queue.
    expect_error(sqs.start_message_move_task, "InvalidParameterValue", None, 400,
                 "Source queue must be configured as a Dead Letter Queue.",
                 SourceArn=arn(f"{name}-plain"))
    # An unknown source queue.
    expect_error(sqs.start_message_move_task, "ResourceNotFoundException",
                 "ResourceNotFoundException", 404, SourceArn=arn(f"{name}-nope"))
    # A handle that is not a task handle at all ("not-a-task" in base64).
    expect_error(sqs.cancel_message_move_task, "InvalidParameterValue", None, 400,
                 "Value for parameter TaskHandle is invalid.", TaskHandle="bm90LWEtdGFzaw==")
    # A well-formed handle of a task that does not exist.
    unknown = base64.b64encode(json.dumps(
        {"taskId": "00000000-0000-0000-0000-000000000000",
         "sourceArn": arn(f"{name}-plain")}).encode()).decode()
    expect_error(sqs.cancel_message_move_task, "ResourceNotFoundException",
                 "ResourceNotFoundException", 404, "Task does not exist.", TaskHandle=unknown)
    # Listing tasks of a queue that never had one: no Results member.
    assert sqs.list_message_move_tasks(SourceArn=arn(f"{name}-plain")).get("Results", []) == []
    expect_error(sqs.list_message_move_tasks, "ResourceNotFoundException",
                 "ResourceNotFoundException", 404, SourceArn=arn(f"{name}-nope"))
