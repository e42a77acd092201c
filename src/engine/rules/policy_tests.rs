use super::*;

const Q: &str = "arn:aws:sqs:us-east-1:000000000000:q";
const BOB: &str = "arn:aws:iam::111122223333:user/bob";
const EVE: &str = "arn:aws:iam::444455556666:user/eve";

fn p(json: &str) -> QueuePolicy {
    QueuePolicy::parse(json).unwrap()
}

#[test]
fn allow_by_account_root_and_action() {
    let pol = p(&format!(
        r#"{{"Version":"2012-10-17","Statement":{{"Sid":"s","Effect":"Allow",
        "Principal":{{"AWS":"arn:aws:iam::111122223333:root"}},"Action":"sqs:SendMessage","Resource":"{Q}"}}}}"#
    ));
    assert_eq!(pol.evaluate(BOB, "sqs:SendMessage", Q), Decision::Allow);
    assert_eq!(pol.evaluate(BOB, "SQS:SENDMESSAGE", Q), Decision::Allow);
    assert_eq!(pol.evaluate(BOB, "SendMessageBatch", Q), Decision::Allow);
    assert_eq!(
        pol.evaluate(BOB, "sqs:ReceiveMessage", Q),
        Decision::NoMatch
    );
    assert_eq!(pol.evaluate(EVE, "sqs:SendMessage", Q), Decision::NoMatch);
    assert_eq!(
        pol.evaluate(
            BOB,
            "sqs:SendMessage",
            "arn:aws:sqs:us-east-1:000000000000:other"
        ),
        Decision::NoMatch
    );
}

#[test]
fn principal_forms() {
    for principal in [r#""*""#, r#"{"AWS":"*"}"#, r#"{"AWS":["*"]}"#] {
        let pol = p(&format!(
            r#"{{"Statement":[{{"Effect":"Allow","Principal":{principal},"Action":"*"}}]}}"#
        ));
        assert_eq!(
            pol.evaluate(EVE, "sqs:DeleteMessage", Q),
            Decision::Allow,
            "{principal}"
        );
    }
    let by_id = p(
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":["111122223333"]},"Action":"sqs:*"}]}"#,
    );
    assert_eq!(by_id.evaluate(BOB, "sqs:PurgeQueue", Q), Decision::Allow);
    assert_eq!(by_id.evaluate(EVE, "sqs:PurgeQueue", Q), Decision::NoMatch);
    let exact = p(&format!(
        r#"{{"Statement":[{{"Effect":"Allow","Principal":{{"AWS":"{BOB}"}},"Action":"sqs:*"}}]}}"#
    ));
    assert_eq!(exact.evaluate(BOB, "sqs:SendMessage", Q), Decision::Allow);
    assert_eq!(
        exact.evaluate("arn:aws:iam::111122223333:user/alice", "sqs:SendMessage", Q),
        Decision::NoMatch
    );
    let service = p(
        r#"{"Statement":[{"Effect":"Allow","Principal":{"Service":"sns.amazonaws.com"},"Action":"sqs:*"}]}"#,
    );
    assert_eq!(
        service.evaluate(BOB, "sqs:SendMessage", Q),
        Decision::NoMatch
    );
}

#[test]
fn explicit_deny_wins() {
    let pol = p(&format!(
        r#"{{"Statement":[
        {{"Effect":"Allow","Principal":"*","Action":"sqs:*","Resource":"*"}},
        {{"Effect":"Deny","Principal":{{"AWS":"{EVE}"}},"Action":["sqs:Send*","sqs:Delete?essage"],"Resource":"arn:aws:sqs:*:*:q"}}]}}"#
    ));
    assert_eq!(pol.evaluate(BOB, "sqs:SendMessage", Q), Decision::Allow);
    assert_eq!(pol.evaluate(EVE, "sqs:SendMessage", Q), Decision::Deny);
    assert_eq!(pol.evaluate(EVE, "sqs:DeleteMessage", Q), Decision::Deny);
    assert_eq!(pol.evaluate(EVE, "sqs:ReceiveMessage", Q), Decision::Allow);
}

#[test]
fn not_action_and_conditions() {
    let pol =
        p(r#"{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"sqs:PurgeQueue"}]}"#);
    assert_eq!(pol.evaluate(EVE, "sqs:SendMessage", Q), Decision::Allow);
    assert_eq!(pol.evaluate(EVE, "sqs:PurgeQueue", Q), Decision::NoMatch);
    let cond = p(
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage",
        "Condition":{"StringEquals":{"aws:PrincipalAccount":"111122223333"}}}]}"#,
    );
    assert_eq!(cond.evaluate(BOB, "sqs:SendMessage", Q), Decision::Allow);
    assert_eq!(cond.evaluate(EVE, "sqs:SendMessage", Q), Decision::NoMatch);
    let source = p(
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage",
        "Condition":{"ArnLike":{"aws:SourceArn":"arn:aws:sns:*:*:topic"}}}]}"#,
    );
    assert_eq!(
        source.evaluate(BOB, "sqs:SendMessage", Q),
        Decision::NoMatch
    );
    let mut ctx = super::super::policy_condition::RequestContext::new(BOB);
    ctx.extra.insert(
        "aws:SourceArn".into(),
        "arn:aws:sns:us-east-1:1:topic".into(),
    );
    assert_eq!(
        source.evaluate_in(&ctx, "sqs:SendMessage", Q),
        Decision::Allow
    );
    let unknown_op = p(
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*",
        "Condition":{"IpAddress":{"aws:SourceIp":"10.0.0.0/8"}}}]}"#,
    );
    assert_eq!(
        unknown_op.evaluate(BOB, "sqs:SendMessage", Q),
        Decision::NoMatch
    );
}

#[test]
fn invalid_policies_are_invalid_attribute_value() {
    for bad in [
        "{not json",
        "[]",
        r#"{"Version":"2012-10-17"}"#,
        r#"{"Version":"2020-01-01","Statement":[]}"#,
        r#"{"Statement":[{"Effect":"Maybe","Principal":"*","Action":"*"}]}"#,
        r#"{"Statement":[{"Effect":"Allow","Action":"*"}]}"#,
        r#"{"Statement":[{"Effect":"Allow","Principal":"*"}]}"#,
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":[]}]}"#,
        r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","NotAction":"*"}]}"#,
        r#"{"Statement":["x"]}"#,
    ] {
        let e = QueuePolicy::parse(bad).unwrap_err();
        assert_eq!(e.code, "InvalidAttributeValue", "{bad}");
        assert!(
            e.message
                .starts_with("Invalid value for the parameter Policy. Reason: "),
            "{}",
            e.message
        );
    }
}

#[test]
fn wildcards() {
    assert!(wildcard_match("sqs:*", "SQS:SendMessage", true));
    assert!(!wildcard_match("sqs:*", "SQS:SendMessage", false));
    assert!(wildcard_match("a?c*", "abcdef", false));
    assert!(wildcard_match("*", "", false));
    assert!(!wildcard_match("a?c", "ac", false));
    assert!(wildcard_match("*q*e*", "queue", false));
    assert!(!wildcard_match("*x*", "queue", false));
}

#[test]
fn authorize_owner_always_and_others_by_policy() {
    let url = "https://sqs.us-east-1.amazonaws.com/000000000000/q";
    let deny_all = p(r#"{"Statement":[{"Effect":"Deny","Principal":"*","Action":"*"}]}"#);
    assert!(authorize(
        Some(&deny_all),
        "arn:aws:iam::000000000000:root",
        "sqs:SendMessage",
        Q,
        url
    )
    .is_ok());
    assert!(authorize(
        None,
        "arn:aws:iam::000000000000:user/me",
        "sqs:SendMessage",
        Q,
        url
    )
    .is_ok());
    let e = authorize(None, BOB, "sqs:SendMessage", Q, url).unwrap_err();
    assert_eq!(e.status, 403);
    assert_eq!(
        e.message,
        format!("Access to the resource {url} is denied.")
    );
    let allow = p(
        r#"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"111122223333"},"Action":"sqs:SendMessage"}]}"#,
    );
    assert!(authorize(Some(&allow), BOB, "sqs:SendMessage", Q, url).is_ok());
    assert!(authorize(Some(&allow), BOB, "sqs:ReceiveMessage", Q, url).is_err());
}
