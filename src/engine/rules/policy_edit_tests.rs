use super::*;
use crate::engine::rules::policy::Decision;

const Q: &str = "arn:aws:sqs:us-east-1:000000000000:q";

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

#[test]
fn add_permission_builds_aws_statement() {
    let json = add_permission(None, Q, "lbl", &s(&["111122223333"]), &s(&["SendMessage"])).unwrap();
    assert_eq!(
        json,
        format!(
            r#"{{"Version":"2012-10-17","Id":"{Q}/SQSDefaultPolicy","Statement":[{{"Sid":"lbl","Effect":"Allow","Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"SQS:SendMessage","Resource":"{Q}"}}]}}"#
        )
    );
    let pol = QueuePolicy::parse(&json).unwrap();
    assert_eq!(
        pol.evaluate("arn:aws:iam::111122223333:user/bob", "sqs:SendMessage", Q),
        Decision::Allow
    );

    let two = add_permission(
        Some(&json),
        Q,
        "second",
        &s(&["111122223333", "444455556666"]),
        &s(&["ReceiveMessage", "DeleteMessage"]),
    )
    .unwrap();
    let doc: Value = serde_json::from_str(&two).unwrap();
    let st = &doc["Statement"][1];
    assert_eq!(st["Sid"], "second");
    assert_eq!(
        st["Principal"]["AWS"],
        serde_json::json!([
            "arn:aws:iam::111122223333:root",
            "arn:aws:iam::444455556666:root"
        ])
    );
    assert_eq!(
        st["Action"],
        serde_json::json!(["SQS:ReceiveMessage", "SQS:DeleteMessage"])
    );
}

#[test]
fn add_permission_errors() {
    let e = add_permission(None, Q, "l", &s(&["111122223333"]), &[]).unwrap_err();
    assert_eq!(e.code, "MissingParameter");
    let e = add_permission(None, Q, "l", &[], &s(&["SendMessage"])).unwrap_err();
    assert_eq!(
        e.message,
        "Value [] for parameter PrincipalId is invalid. Reason: Unable to verify."
    );
    let eight = s(&["SendMessage"; 8]);
    let e = add_permission(None, Q, "l", &s(&["111122223333"]), &eight).unwrap_err();
    assert_eq!((e.code.as_str(), e.status), ("OverLimit", 403));
    assert_eq!(e.message, "8 Actions were found, maximum allowed is 7.");
    assert!(add_permission(None, Q, "l", &s(&["111122223333"]), &s(&["SendMessage"; 7])).is_ok());
    let e = add_permission(None, Q, "l", &s(&["111122223333"]), &s(&["CreateQueue"])).unwrap_err();
    assert_eq!(
        e.message,
        "Value SQS:CreateQueue for parameter ActionName is invalid. Reason: Only the queue owner is \
         allowed to invoke this action."
    );
    let first = add_permission(None, Q, "dup", &s(&["111122223333"]), &s(&["*"])).unwrap();
    let e = add_permission(Some(&first), Q, "dup", &s(&["111122223333"]), &s(&["*"])).unwrap_err();
    assert_eq!(
        e.message,
        "Value dup for parameter Label is invalid. Reason: Already exists."
    );
    assert!(add_permission(None, Q, &"x".repeat(81), &s(&["111122223333"]), &s(&["*"])).is_err());
    assert!(add_permission(None, Q, "l", &s(&["12345"]), &s(&["*"])).is_err());
}

#[test]
fn add_permission_keeps_an_existing_user_policy() {
    let user = r#"{"Version":"2012-10-17","Statement":{"Sid":"mine","Effect":"Deny","Principal":"*","Action":"sqs:PurgeQueue"}}"#;
    let out = add_permission(
        Some(user),
        Q,
        "l",
        &s(&["111122223333"]),
        &s(&["SendMessage"]),
    )
    .unwrap();
    let doc: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(doc["Statement"].as_array().unwrap().len(), 2);
    assert_eq!(doc["Statement"][0]["Sid"], "mine");
}

#[test]
fn remove_permission() {
    let one = add_permission(None, Q, "a", &s(&["111122223333"]), &s(&["SendMessage"])).unwrap();
    let two = add_permission(
        Some(&one),
        Q,
        "b",
        &s(&["111122223333"]),
        &s(&["ReceiveMessage"]),
    )
    .unwrap();
    let after = super::remove_permission(Some(&two), "a").unwrap().unwrap();
    let doc: Value = serde_json::from_str(&after).unwrap();
    assert_eq!(doc["Statement"].as_array().unwrap().len(), 1);
    assert_eq!(doc["Statement"][0]["Sid"], "b");
    assert_eq!(super::remove_permission(Some(&after), "b").unwrap(), None);
    let e = super::remove_permission(Some(&after), "zzz").unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "Value zzz for parameter Label is invalid. Reason: can't find label on existing policy."
    );
    assert!(super::remove_permission(None, "a").is_err());
}

#[test]
fn at_most_twenty_statements() {
    let mut policy: Option<String> = None;
    for i in 0..20 {
        policy = Some(
            add_permission(
                policy.as_deref(),
                Q,
                &format!("l{i}"),
                &s(&["111122223333"]),
                &s(&["*"]),
            )
            .unwrap(),
        );
    }
    let e = add_permission(
        policy.as_deref(),
        Q,
        "l20",
        &s(&["111122223333"]),
        &s(&["*"]),
    )
    .unwrap_err();
    assert_eq!(e.code, "OverLimit");
    assert_eq!(
        e.message,
        "21 statements were found in the submitted policy, max allowed is 20"
    );
}
