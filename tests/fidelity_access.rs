//! Fidelity: queue access policy (Policy attribute, AddPermission, RemovePermission)
//! enforced against the caller of each request.

mod fidelity_util;

use fidelity_util::*;
use serde_json::{json, Value};

fn policy(effect: &str, principal: Value, action: &str, resource: &str) -> String {
    json!({"Version": "2012-10-17", "Statement": [
        {"Sid": "s1", "Effect": effect, "Principal": principal, "Action": action, "Resource": resource}
    ]})
    .to_string()
}

#[test]
fn other_accounts_are_denied_without_a_policy_owner_always_allowed() {
    let mut s = Sim::new();
    let q = s.create("private", json!({}));
    let e = s.err_as(
        BOB,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    assert_eq!(e["status"], 403, "{e}");
    assert_eq!(e["code"], "AccessDenied");
    let e = s.err_as(BOB, "ReceiveMessage", json!({"QueueUrl": q}));
    assert_eq!(e["code"], "AccessDenied");
    // An IAM user of the owner account is the owner account.
    s.ok_as(
        "arn:aws:iam::000000000000:user/alice",
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    assert_eq!(s.counts(&q), (1, 0, 0));
}

#[test]
fn policy_allow_and_explicit_deny() {
    let mut s = Sim::new();
    let q = s.create("shared", json!({}));
    let allow = policy(
        "Allow",
        json!({"AWS": "arn:aws:iam::111122223333:root"}),
        "sqs:SendMessage",
        &arn("shared"),
    );
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"Policy": allow}}),
    );
    s.ok_as(
        BOB,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    // Only the allowed action.
    let e = s.err_as(BOB, "ReceiveMessage", json!({"QueueUrl": q}));
    assert_eq!(e["code"], "AccessDenied");
    // Wildcards.
    let all = policy("Allow", json!("*"), "sqs:*", "*");
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"Policy": all}}),
    );
    s.ok_as(BOB, "ReceiveMessage", json!({"QueueUrl": q}));
    // An explicit Deny wins over an Allow.
    let both = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "sqs:*", "Resource": arn("shared")},
        {"Effect": "Deny", "Principal": {"AWS": ["111122223333"]}, "Action": "sqs:SendMessage", "Resource": arn("shared")}
    ]})
    .to_string();
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"Policy": both}}),
    );
    let e = s.err_as(
        BOB,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    assert_eq!(e["code"], "AccessDenied");
    s.ok_as(BOB, "ReceiveMessage", json!({"QueueUrl": q}));
    // The owner is never locked out.
    s.send(&q, "owner");
    // An empty Policy removes it.
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"Policy": ""}}),
    );
    let a = s.attrs(&q, &["Policy"]);
    assert!(a.get("Policy").is_none(), "{a}");
    let e = s.err_as(BOB, "ReceiveMessage", json!({"QueueUrl": q}));
    assert_eq!(e["code"], "AccessDenied");
}

#[test]
fn add_and_remove_permission() {
    let mut s = Sim::new();
    let q = s.create("perm", json!({}));
    s.ok(
        "AddPermission",
        json!({"QueueUrl": q, "Label": "bob-send", "AWSAccountIds": ["111122223333"], "Actions": ["SendMessage"]}),
    );
    s.ok_as(
        BOB,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    let e = s.err_as(BOB, "DeleteQueue", json!({"QueueUrl": q}));
    assert_eq!(e["code"], "AccessDenied");
    let p: Value = serde_json::from_str(&s.attr(&q, "Policy")).unwrap();
    let st = &p["Statement"][0];
    assert_eq!(st["Sid"], "bob-send");
    assert_eq!(st["Effect"], "Allow");
    assert_eq!(st["Resource"], arn("perm"));
    // Same label twice.
    let e = s.err(
        "AddPermission",
        json!({"QueueUrl": q, "Label": "bob-send", "AWSAccountIds": ["111122223333"], "Actions": ["ReceiveMessage"]}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
    // More than 7 actions → OverLimit.
    let e = s.err(
        "AddPermission",
        json!({"QueueUrl": q, "Label": "many", "AWSAccountIds": ["111122223333"],
               "Actions": ["SendMessage", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility",
                           "GetQueueAttributes", "GetQueueUrl", "PurgeQueue", "ListDeadLetterSourceQueues"]}),
    );
    assert_eq!(e["code"], "OverLimit");
    s.ok(
        "RemovePermission",
        json!({"QueueUrl": q, "Label": "bob-send"}),
    );
    let e = s.err_as(
        BOB,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    assert_eq!(e["code"], "AccessDenied");
    let e = s.err(
        "RemovePermission",
        json!({"QueueUrl": q, "Label": "bob-send"}),
    );
    assert_eq!(e["code"], "InvalidParameterValue");
}

#[test]
fn cross_account_permissions_do_not_apply_to_owner_only_actions() {
    let mut s = Sim::new();
    let q = s.create("owned", json!({}));
    let all = policy("Allow", json!("*"), "sqs:*", "*");
    s.ok(
        "SetQueueAttributes",
        json!({"QueueUrl": q, "Attributes": {"Policy": all}}),
    );
    // Message-level actions work across accounts.
    s.ok_as(
        BOB,
        "SendMessage",
        json!({"QueueUrl": q, "MessageBody": "x"}),
    );
    s.ok_as(
        BOB,
        "GetQueueAttributes",
        json!({"QueueUrl": q, "AttributeNames": ["All"]}),
    );
    s.ok_as(
        BOB,
        "GetQueueUrl",
        json!({"QueueName": "owned", "QueueOwnerAWSAccountId": "000000000000"}),
    );
    // Queue administration does not, whatever the policy says.
    for (action, params) in [
        ("DeleteQueue", json!({"QueueUrl": q})),
        (
            "SetQueueAttributes",
            json!({"QueueUrl": q, "Attributes": {"DelaySeconds": "1"}}),
        ),
        ("TagQueue", json!({"QueueUrl": q, "Tags": {"a": "b"}})),
        ("UntagQueue", json!({"QueueUrl": q, "TagKeys": ["a"]})),
        ("ListQueueTags", json!({"QueueUrl": q})),
        (
            "AddPermission",
            json!({"QueueUrl": q, "Label": "x", "AWSAccountIds": ["111122223333"], "Actions": ["SendMessage"]}),
        ),
        ("RemovePermission", json!({"QueueUrl": q, "Label": "s1"})),
        ("CreateQueue", json!({"QueueName": "bobs"})),
    ] {
        let e = s.err_as(BOB, action, params);
        assert_eq!(e["status"], 403, "{action}: {e}");
        assert_eq!(e["code"], "AccessDenied", "{action}");
    }
    let r = s.ok_as(BOB, "ListQueues", json!({}));
    assert!(r.get("QueueUrls").is_none(), "{r}");
    assert_eq!(s.counts(&q), (1, 0, 0));
}

#[test]
fn policy_matching_of_principal_forms_actions_and_resources() {
    let mut s = Sim::new();
    let q = s.create("match", json!({}));
    let set = |s: &mut Sim, p: String| {
        s.ok(
            "SetQueueAttributes",
            json!({"QueueUrl": q, "Attributes": {"Policy": p}}),
        );
    };
    let send_ok = |s: &mut Sim| {
        s.call_as(
            BOB,
            "SendMessage",
            json!({"QueueUrl": q, "MessageBody": "x"}),
        )
        .get("ok")
        .is_some()
    };
    // A bare account id principal covers every principal of that account.
    set(
        &mut s,
        policy(
            "Allow",
            json!({"AWS": "111122223333"}),
            "sqs:SendMessage",
            &arn("match"),
        ),
    );
    assert!(send_ok(&mut s));
    // Another account's principal does not match.
    set(
        &mut s,
        policy(
            "Allow",
            json!({"AWS": "arn:aws:iam::444455556666:root"}),
            "sqs:SendMessage",
            &arn("match"),
        ),
    );
    assert!(!send_ok(&mut s));
    // A statement for another queue's ARN does not match.
    set(
        &mut s,
        policy("Allow", json!("*"), "sqs:SendMessage", &arn("other")),
    );
    assert!(!send_ok(&mut s));
    // Action names are case-insensitive; wildcards in actions work.
    set(
        &mut s,
        policy("Allow", json!("*"), "SQS:send*", &arn("match")),
    );
    assert!(send_ok(&mut s));
    // A Deny on * beats an Allow for the same caller.
    let p = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow", "Principal": "*", "Action": "sqs:SendMessage", "Resource": arn("match")},
        {"Effect": "Deny", "Principal": "*", "Action": "sqs:*", "Resource": arn("match")}
    ]})
    .to_string();
    set(&mut s, p);
    assert!(!send_ok(&mut s));
    // Even a Deny for everyone never locks the owner out.
    s.send(&q, "owner");
}
