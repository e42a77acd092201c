"""Runs last (files are collected in name order): every one of the 23 SQS actions
answered 200 to boto3 at least once during this run."""

import pytest

from conftest import SESSION_RECORDER

ACTIONS = [
    "CreateQueue", "GetQueueUrl", "ListQueues", "GetQueueAttributes", "SetQueueAttributes",
    "DeleteQueue", "PurgeQueue", "SendMessage", "SendMessageBatch", "ReceiveMessage",
    "DeleteMessage", "DeleteMessageBatch", "ChangeMessageVisibility",
    "ChangeMessageVisibilityBatch", "ListDeadLetterSourceQueues", "TagQueue", "UntagQueue",
    "ListQueueTags", "AddPermission", "RemovePermission", "StartMessageMoveTask",
    "ListMessageMoveTasks", "CancelMessageMoveTask",
]


def test_all_23_actions_succeeded_through_boto3(request):
    modules = {item.module.__name__ for item in request.session.items}
    if len(modules) < 6:
        pytest.skip("meaningful only when the whole suite runs")
    assert len(ACTIONS) == 23
    missing = [a for a in ACTIONS if a not in SESSION_RECORDER.succeeded()]
    assert not missing, f"never answered 200: {missing}"
    SESSION_RECORDER.check()
