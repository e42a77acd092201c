use super::*;

fn m(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

fn create_std(pairs: &[(&str, &str)]) -> Result<QueueAttributes, SqsError> {
    QueueAttributes::for_create(false, &m(pairs))
}

fn create_fifo(pairs: &[(&str, &str)]) -> Result<QueueAttributes, SqsError> {
    let mut attrs = m(pairs);
    attrs.insert("FifoQueue".into(), "true".into());
    QueueAttributes::for_create(true, &attrs)
}

#[test]
fn standard_defaults_render_like_aws() {
    let a = create_std(&[]).unwrap();
    assert_eq!(
        a.static_attribute_map(),
        m(&[
            ("DelaySeconds", "0"),
            ("MaximumMessageSize", "1048576"),
            ("MessageRetentionPeriod", "345600"),
            ("ReceiveMessageWaitTimeSeconds", "0"),
            ("SqsManagedSseEnabled", "true"),
            ("VisibilityTimeout", "30"),
        ])
    );
}

#[test]
fn fifo_defaults_add_fifo_attributes() {
    let a = create_fifo(&[]).unwrap();
    let map = a.static_attribute_map();
    assert_eq!(map["FifoQueue"], "true");
    assert_eq!(map["ContentBasedDeduplication"], "false");
    assert_eq!(map["DeduplicationScope"], "queue");
    assert_eq!(map["FifoThroughputLimit"], "perQueue");
    assert_eq!(map.len(), 10);
}

#[test]
fn integer_ranges_at_their_boundaries() {
    let cases: [(&str, u32, u32); 6] = [
        ("DelaySeconds", 0, 900),
        ("MaximumMessageSize", 1024, 1_048_576),
        ("MessageRetentionPeriod", 60, 1_209_600),
        ("ReceiveMessageWaitTimeSeconds", 0, 20),
        ("VisibilityTimeout", 0, 43_200),
        ("KmsDataKeyReusePeriodSeconds", 60, 86_400),
    ];
    for (name, lo, hi) in cases {
        for ok in [lo, hi] {
            let a = create_std(&[(name, &ok.to_string())]).unwrap();
            assert_eq!(a.attribute_value(name), Some(ok.to_string()), "{name}={ok}");
        }
        let mut bad = vec![
            (hi + 1).to_string(),
            "-1".into(),
            "abc".into(),
            "".into(),
            "1.5".into(),
        ];
        if lo > 0 {
            bad.push((lo - 1).to_string());
        }
        for v in bad {
            let e = create_std(&[(name, &v)]).unwrap_err();
            assert_eq!(e.code, "InvalidAttributeValue", "{name}={v}");
            assert_eq!(
                e.message,
                format!("Invalid value for the parameter {name}.")
            );
        }
    }
}

#[test]
fn unknown_and_read_only_names() {
    for name in [
        "Bogus",
        "QueueArn",
        "ApproximateNumberOfMessages",
        "CreatedTimestamp",
        "All",
    ] {
        let e = create_std(&[(name, "1")]).unwrap_err();
        assert_eq!(e.code, "InvalidAttributeName");
        assert_eq!(e.message, format!("Unknown Attribute {name}."));
    }
}

#[test]
fn fifo_queue_attribute_rules() {
    // Standard queue: FifoQueue is an unknown attribute, whatever its value.
    for v in ["false", "true"] {
        let e = QueueAttributes::for_create_queue("q", &m(&[("FifoQueue", v)]));
        let e = e.unwrap_err();
        if v == "false" {
            assert_eq!(e.message, "Unknown Attribute FifoQueue.");
        } else {
            assert!(
                e.message.starts_with("The name of a FIFO queue"),
                "{}",
                e.message
            );
        }
    }
    let e = QueueAttributes::for_create_queue("q.fifo", &m(&[])).unwrap_err();
    assert_eq!(
        e.message,
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
    );
    assert!(
        QueueAttributes::for_create_queue("q.fifo", &m(&[("FifoQueue", "true")]))
            .unwrap()
            .fifo
    );
    let mut std_q = create_std(&[]).unwrap();
    let e = std_q.apply_set(&m(&[("FifoQueue", "true")])).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidAttributeName", "Unknown Attribute FifoQueue.")
    );

    let mut fifo_q = create_fifo(&[]).unwrap();
    fifo_q.apply_set(&m(&[("FifoQueue", "true")])).unwrap();
    let e = fifo_q.apply_set(&m(&[("FifoQueue", "false")])).unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    assert_eq!(
        e.message,
        "Invalid value for the parameter FifoQueue. Reason: Modifying queue type is not supported."
    );
}

#[test]
fn fifo_only_attributes_on_standard() {
    let e = create_std(&[("DeduplicationScope", "queue")]).unwrap_err();
    assert_eq!(e.code, "InvalidAttributeName");
    assert_eq!(
        e.message,
        "You can specify the DeduplicationScope only when FifoQueue is set to true."
    );
    let e = create_std(&[("ContentBasedDeduplication", "true")]).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        (
            "InvalidAttributeName",
            "Unknown Attribute ContentBasedDeduplication."
        )
    );
    let e = create_std(&[("FifoThroughputLimit", "perQueue")]).unwrap_err();
    assert_eq!(
        e.message,
        "You can specify the FifoThroughputLimit only when FifoQueue is set to true."
    );
    let e = create_std(&[])
        .unwrap()
        .apply_set(&m(&[("DeduplicationScope", "messageGroup")]))
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeName");
}

#[test]
fn high_throughput_needs_message_group_scope() {
    let a = create_fifo(&[
        ("DeduplicationScope", "messageGroup"),
        ("FifoThroughputLimit", "perMessageGroupId"),
    ])
    .unwrap();
    assert_eq!(a.deduplication_scope, DeduplicationScope::MessageGroup);
    assert_eq!(
        a.fifo_throughput_limit,
        FifoThroughputLimit::PerMessageGroupId
    );
    let e = create_fifo(&[("FifoThroughputLimit", "perMessageGroupId")]).unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    // Set is checked on the resulting state, and is all-or-nothing.
    let mut q = a.clone();
    assert!(q
        .apply_set(&m(&[
            ("DeduplicationScope", "queue"),
            ("VisibilityTimeout", "5")
        ]))
        .is_err());
    assert_eq!(q, a);
    assert!(create_fifo(&[("DeduplicationScope", "group")]).is_err());
    assert!(create_fifo(&[("FifoThroughputLimit", "perGroup")]).is_err());
    assert!(create_fifo(&[("ContentBasedDeduplication", "yes")]).is_err());
    assert!(
        create_fifo(&[("ContentBasedDeduplication", "true")])
            .unwrap()
            .content_based_deduplication
    );
}

#[test]
fn sse_kms_and_sqs_are_mutually_exclusive() {
    let e = create_std(&[
        ("KmsMasterKeyId", "testKeyId"),
        ("SqsManagedSseEnabled", "true"),
    ])
    .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeName");
    assert_eq!(
        e.message,
        "You can use one type of server-side encryption (SSE) at one time. You can either enable \
         KMS SSE or SQS SSE."
    );
    let kms = create_std(&[("KmsMasterKeyId", "alias/aws/sqs")]).unwrap();
    assert!(!kms.sqs_managed_sse_enabled);
    let map = kms.static_attribute_map();
    assert_eq!(map["KmsMasterKeyId"], "alias/aws/sqs");
    assert_eq!(map["KmsDataKeyReusePeriodSeconds"], "300");
    assert_eq!(map["SqsManagedSseEnabled"], "false");
    let mut back = kms.clone();
    back.apply_set(&m(&[("SqsManagedSseEnabled", "true")]))
        .unwrap();
    assert_eq!(back.kms_master_key_id, None);
    let mut off = kms;
    off.apply_set(&m(&[("KmsMasterKeyId", "")])).unwrap();
    assert_eq!(off.kms_master_key_id, None);
    assert!(create_std(&[("SqsManagedSseEnabled", "maybe")]).is_err());
}

#[test]
fn redrive_policy_set_and_clear() {
    let raw = r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":"1000"}"#;
    let mut a = create_std(&[("RedrivePolicy", raw)]).unwrap();
    assert_eq!(a.redrive_policy.as_ref().unwrap().max_receive_count, 1000);
    assert_eq!(
        a.static_attribute_map()["RedrivePolicy"],
        r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:dlq","maxReceiveCount":1000}"#
    );
    let bad = raw.replace("1000", "1001");
    assert_eq!(
        a.clone()
            .apply_set(&m(&[("RedrivePolicy", &bad)]))
            .unwrap_err()
            .code,
        "InvalidParameterValue"
    );
    a.apply_set(&m(&[("RedrivePolicy", "")])).unwrap();
    assert_eq!(a.redrive_policy, None);
    assert!(!a.static_attribute_map().contains_key("RedrivePolicy"));
}

#[test]
fn policy_must_parse_and_empty_removes() {
    let p = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":"*","Action":"sqs:SendMessage","Resource":"*"}]}"#;
    let mut a = create_std(&[("Policy", p)]).unwrap();
    assert_eq!(a.static_attribute_map()["Policy"], p);
    let e = a
        .clone()
        .apply_set(&m(&[("Policy", "{not json")]))
        .unwrap_err();
    assert_eq!(e.code, "InvalidAttributeValue");
    a.apply_set(&m(&[("Policy", "")])).unwrap();
    assert_eq!(a.policy, None);
}

#[test]
fn apply_set_is_all_or_nothing() {
    let mut a = create_std(&[]).unwrap();
    let before = a.clone();
    assert!(a
        .apply_set(&m(&[("DelaySeconds", "5"), ("VisibilityTimeout", "43201")]))
        .is_err());
    assert_eq!(a, before);
    a.apply_set(&m(&[("DelaySeconds", "5"), ("VisibilityTimeout", "43200")]))
        .unwrap();
    assert_eq!((a.delay_s, a.visibility_timeout_s), (5, 43_200));
}

#[test]
fn idempotent_create_reports_first_differing_attribute() {
    let q = create_std(&[("DelaySeconds", "10"), ("VisibilityTimeout", "60")]).unwrap();
    assert_eq!(q.create_conflict(&m(&[])).unwrap(), None);
    assert_eq!(
        q.create_conflict(&m(&[("VisibilityTimeout", "60")]))
            .unwrap(),
        None
    );
    // Defaults that were not given at creation still compare by value.
    assert_eq!(
        q.create_conflict(&m(&[("MaximumMessageSize", "1048576")]))
            .unwrap(),
        None
    );
    assert_eq!(
        q.create_conflict(&m(&[("DelaySeconds", "0"), ("VisibilityTimeout", "60")]))
            .unwrap(),
        Some("DelaySeconds".to_string())
    );
    let e = q
        .check_create_matches(&m(&[("DelaySeconds", "11")]))
        .unwrap_err();
    assert_eq!(
        (e.shape.as_str(), e.code.as_str()),
        ("QueueNameExists", "QueueAlreadyExists")
    );
    assert_eq!(
        e.message,
        "A queue already exists with the same name and a different value for attribute DelaySeconds"
    );
    assert_eq!(
        q.create_conflict(&m(&[("DelaySeconds", "901")]))
            .unwrap_err()
            .code,
        "InvalidAttributeValue"
    );
    let p = r#"{"Statement":[]}"#;
    let with_policy = create_std(&[("Policy", p)]).unwrap();
    assert_eq!(
        with_policy
            .create_conflict(&m(&[("Policy", r#"{ "Statement" : [ ] }"#)]))
            .unwrap(),
        None
    );
}

#[test]
fn get_queue_attribute_names() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert!(validate_attribute_names(&[], false).unwrap().is_empty());
    assert_eq!(
        validate_attribute_names(&s(&["All"]), false).unwrap().len(),
        17
    );
    assert_eq!(
        validate_attribute_names(&s(&["All"]), true).unwrap().len(),
        21
    );
    assert_eq!(
        validate_attribute_names(&s(&["QueueArn", "VisibilityTimeout", "QueueArn"]), false)
            .unwrap(),
        s(&["VisibilityTimeout", "QueueArn"])
    );
    let e = validate_attribute_names(&s(&["FifoQueue"]), false).unwrap_err();
    assert_eq!(
        (e.code.as_str(), e.message.as_str()),
        ("InvalidAttributeName", "Unknown Attribute FifoQueue.")
    );
    assert!(validate_attribute_names(&s(&["FifoQueue"]), true).is_ok());
    assert!(validate_attribute_names(&s(&["Nope"]), true).is_err());
}
