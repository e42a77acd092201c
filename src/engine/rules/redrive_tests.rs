use super::*;

const DLQ: &str = "arn:aws:sqs:us-east-1:000000000000:dlq";

fn policy(count: &str) -> String {
    format!(r#"{{"deadLetterTargetArn":"{DLQ}","maxReceiveCount":{count}}}"#)
}

#[test]
fn max_receive_count_bounds() {
    for ok in ["1", "1000", "\"5\"", "10"] {
        let p = RedrivePolicy::parse(&policy(ok)).unwrap();
        assert_eq!(p.dead_letter_target_arn, DLQ);
        assert_eq!(p.dead_letter_queue_name(), "dlq");
    }
    for (bad, shown) in [
        ("0", "0"),
        ("1001", "1001"),
        ("-36", "-36"),
        ("1.5", "1.5"),
        ("\"x\"", "x"),
    ] {
        let raw = policy(bad);
        let e = RedrivePolicy::parse(&raw).unwrap_err();
        assert_eq!(e.code, "InvalidParameterValue");
        assert_eq!(
            e.message,
            format!(
                "Value {raw} for parameter RedrivePolicy is invalid. Reason: Invalid value for \
                 maxReceiveCount: {shown}, valid values are from 1 to 1000 both inclusive."
            )
        );
    }
}

#[test]
fn missing_attributes_and_bad_json() {
    let e = RedrivePolicy::parse("{}").unwrap_err();
    assert_eq!(
        e.message,
        "Value {} for parameter RedrivePolicy is invalid. Reason: Redrive policy does not contain \
         mandatory attribute: maxReceiveCount."
    );
    let e = RedrivePolicy::parse(r#"{"maxReceiveCount":10}"#).unwrap_err();
    assert!(
        e.message
            .ends_with("mandatory attribute: deadLetterTargetArn."),
        "{}",
        e.message
    );
    assert_eq!(
        RedrivePolicy::parse("not json").unwrap_err().message,
        "Invalid value for the parameter RedrivePolicy. Reason: Redrive policy is not a valid JSON map."
    );
    assert!(RedrivePolicy::parse("[1]").is_err());
    let raw = format!(r#"{{"deadLetterTargetArn":"{DLQ}","maxReceiveCount":3,"x":1}}"#);
    assert!(RedrivePolicy::parse(&raw).unwrap_err().message.ends_with(
        "Reason: Only following attributes are supported: [maxReceiveCount, deadLetterTargetArn]."
    ));
}

#[test]
fn target_arn_format() {
    for bad in [
        "dlq",
        "arn:aws:sns:us-east-1:000000000000:topic",
        "arn:aws:sqs:us-east-1:000000000000",
        "arn:aws:sqs:us-east-1:123:dlq",
        "arn:aws:sqs:us-east-1:000000000000:bad name",
    ] {
        let raw = format!(r#"{{"deadLetterTargetArn":"{bad}","maxReceiveCount":3}}"#);
        assert!(RedrivePolicy::parse(&raw).is_err(), "{bad}");
    }
    let sns =
        r#"{"deadLetterTargetArn":"arn:aws:sns:us-east-1:000000000000:t","maxReceiveCount":3}"#;
    assert!(RedrivePolicy::parse(sns)
        .unwrap_err()
        .message
        .ends_with("Only SQS queues are valid resources for deadLetterTargetArn."));
    let fifo = r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:d.fifo","maxReceiveCount":3}"#;
    assert!(RedrivePolicy::parse(fifo).is_ok());
}

#[test]
fn renders_like_aws() {
    let p = RedrivePolicy::parse(&policy("\"7\"")).unwrap();
    assert_eq!(
        p.to_json(),
        format!(r#"{{"deadLetterTargetArn":"{DLQ}","maxReceiveCount":7}}"#)
    );
    assert_eq!(RedrivePolicy::parse(&p.to_json()).unwrap(), p);
}

#[test]
fn state_errors() {
    let raw = policy("3");
    assert!(dead_letter_target_does_not_exist(&raw)
        .message
        .ends_with("Reason: Dead letter target does not exist."));
    assert!(dead_letter_queue_type_mismatch(&raw)
        .message
        .ends_with("Dead-letter queue must be same type of queue as the source.."));
    assert_eq!(
        dead_letter_target_not_allowed(&raw, DLQ).code,
        "InvalidParameterValue"
    );
}

#[test]
fn redrive_allow_policy() {
    assert_eq!(
        RedriveAllowPolicy::parse(r#"{"redrivePermission":"allowAll"}"#).unwrap(),
        RedriveAllowPolicy::AllowAll
    );
    let deny = RedriveAllowPolicy::parse(r#"{"redrivePermission":"denyAll"}"#).unwrap();
    assert!(!deny.allows(DLQ));
    let arns: Vec<String> = (0..10)
        .map(|i| format!("arn:aws:sqs:us-east-1:000000000000:src{i}"))
        .collect();
    let raw =
        serde_json::json!({"redrivePermission": "byQueue", "sourceQueueArns": arns}).to_string();
    let by = RedriveAllowPolicy::parse(&raw).unwrap();
    assert!(by.allows("arn:aws:sqs:us-east-1:000000000000:src9"));
    assert!(!by.allows("arn:aws:sqs:us-east-1:000000000000:other"));
    assert_eq!(RedriveAllowPolicy::parse(&by.to_json()).unwrap(), by);

    let e = RedriveAllowPolicy::parse(r#"{"redrivePermission":"byQueue"}"#).unwrap_err();
    assert_eq!(
        e.message,
        r#"Value {"redrivePermission":"byQueue"} for parameter RedriveAllowPolicy is invalid. Reason: Amazon SQS can't create the redrive allow policy. When you specify the byQueue permission type, you must also specify one or more sourceQueueArns values."#
    );
    assert_eq!(
        RedriveAllowPolicy::parse("nope").unwrap_err().message,
        "Invalid value for the parameter RedriveAllowPolicy. Reason: Amazon SQS can't create the \
         redrive allow policy, as it’s in an unsupported format."
    );
    let mut eleven = arns.clone();
    eleven.push("arn:aws:sqs:us-east-1:000000000000:src10".into());
    let raw =
        serde_json::json!({"redrivePermission": "byQueue", "sourceQueueArns": eleven}).to_string();
    let e = RedriveAllowPolicy::parse(&raw).unwrap_err();
    assert!(
        e.message.contains("maximum number of source queue ARNs"),
        "{}",
        e.message
    );
    for bad in [
        r#"{"redrivePermission":"byQueue"}"#,
        r#"{"redrivePermission":"byQueue","sourceQueueArns":[]}"#,
        r#"{"redrivePermission":"allowAll","sourceQueueArns":["arn:aws:sqs:us-east-1:000000000000:a"]}"#,
        r#"{"redrivePermission":"sometimes"}"#,
        r#"{}"#,
        "nope",
    ] {
        assert_eq!(
            RedriveAllowPolicy::parse(bad).unwrap_err().code,
            "InvalidParameterValue",
            "{bad}"
        );
    }
}
