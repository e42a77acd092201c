use super::*;

fn attrs(pairs: &[(&str, MessageAttributeValue)]) -> BTreeMap<String, MessageAttributeValue> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.clone()))
        .collect()
}

#[test]
fn md5_test_vectors_from_aws() {
    assert_eq!(md5_of_body("foobar"), "3858f62230ac3c915f300c664312c63f");
    let a = attrs(&[("MyAttribute", MessageAttributeValue::string("foobar"))]);
    assert_eq!(
        md5_of_message_attributes(&a).as_deref(),
        Some("adb59cd4678ea5a855436b949cd07ab6")
    );
    assert_eq!(md5_of_message_attributes(&BTreeMap::new()), None);
}

#[test]
fn content_dedup_id_is_sha256_of_body() {
    assert_eq!(
        content_deduplication_id("foobar"),
        "c3ab8ff13720e8ad9047dd39466b3c8974e592c2fa383d4a3960714caef0c4f2"
    );
}

#[test]
fn empty_body_is_missing_parameter() {
    let e = validate_body("", 1024).unwrap_err();
    assert_eq!(e.code, "MissingParameter");
    assert_eq!(e.shape, "MissingRequiredParameterException");
    assert_eq!(
        e.message,
        "The request must contain the parameter MessageBody."
    );
}

#[test]
fn disallowed_characters_are_invalid_message_contents() {
    for c in ['\u{0}', '\u{8}', '\u{13}', '\u{FFFF}', '\u{FFFE}'] {
        let body = format!("Invalid-{c}");
        let e = validate_body(&body, 1_048_576).unwrap_err();
        assert_eq!(e.code, "InvalidMessageContents", "{:?}", c);
    }
    // Wording captured from real AWS.
    assert_eq!(
        validate_body("a\u{FFFF}", 1024).unwrap_err().message,
        "Invalid binary character '#xFFFF' was found in the message body, the set of allowed \
         characters is #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]."
    );
    for ok in [
        "\t\n\r x",
        "\u{D7FF}\u{E000}\u{FFFD}\u{10000}\u{10FFFF}",
        "ümlaut",
    ] {
        assert!(validate_body(ok, 1_048_576).is_ok(), "{ok:?}");
    }
}

#[test]
fn size_limit_is_inclusive_and_counts_attributes() {
    assert!(validate_body(&"a".repeat(1024), 1024).is_ok());
    let e = validate_body(&"a".repeat(1025), 1024).unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "One or more parameters are invalid. Reason: Message must be shorter than 1024 bytes."
    );
    let max = MAX_MESSAGE_SIZE_BYTES;
    assert!(validate_message(&"a".repeat(max), &BTreeMap::new(), max, false).is_ok());
    let e = validate_message(&"a".repeat(max + 1), &BTreeMap::new(), max, false).unwrap_err();
    assert_eq!(
        e.message,
        "One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes."
    );
    // name (4) + type (6) + value (3) = 13 bytes of attributes
    let a = attrs(&[("attr", MessageAttributeValue::string("abc"))]);
    assert_eq!(message_size_bytes("x", &a), 14);
    assert!(validate_message(&"a".repeat(1011), &a, 1024, false).is_ok());
    let e = validate_message(&"a".repeat(1012), &a, 1024, true).unwrap_err();
    assert_eq!(
        e.message,
        "One or more parameters cannot be validated. Reason: Message must be shorter than 1024 bytes."
    );
    // Binary values count decoded bytes.
    let b = attrs(&[("b", MessageAttributeValue::binary(&[1, 2, 3, 4]))]);
    assert_eq!(message_size_bytes("", &b), 1 + 6 + 4);
}

#[test]
fn fifo_ids() {
    assert!(validate_message_group_id("g-1").is_ok());
    assert!(validate_message_group_id(&"g".repeat(128)).is_ok());
    assert!(validate_message_group_id(&"g".repeat(129)).is_err());
    assert!(validate_message_group_id("").is_err());
    assert!(validate_message_group_id("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~").is_ok());
    let e = validate_message_group_id("group 123").unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "Value group 123 for parameter MessageGroupId is invalid. Reason: MessageGroupId can only \
         include alphanumeric and punctuation characters. 1 to 128 in length."
    );
    let e = validate_deduplication_id("dédup").unwrap_err();
    assert!(e
        .message
        .starts_with("Value dédup for parameter MessageDeduplicationId is invalid."));
    assert!(validate_receive_request_attempt_id(&"a".repeat(128)).is_ok());
    assert!(validate_receive_request_attempt_id(&"a".repeat(129)).is_err());
}

#[test]
fn system_attribute_selection() {
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    assert_eq!(requested_system_attributes(&s(&["All"]), &[]).len(), 9);
    assert_eq!(requested_system_attributes(&[], &s(&["All"])).len(), 9);
    assert_eq!(
        requested_system_attributes(&s(&["SentTimestamp", "Bogus"]), &s(&["SenderId"])),
        vec!["SenderId", "SentTimestamp"]
    );
    assert!(requested_system_attributes(&[], &[]).is_empty());
}

#[test]
fn message_attribute_filters_as_validated_against_aws() {
    let f = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    for all in ["All", ".*", "*"] {
        assert!(message_attribute_filter_matches(&f(&[all]), "Hello"));
    }
    assert!(!message_attribute_filter_matches(&[], "Hello"));
    assert!(!message_attribute_filter_matches(
        &f(&["Foo", "Help"]),
        "Help.Me"
    ));
    assert!(message_attribute_filter_matches(
        &f(&["Foo", "Hello"]),
        "Hello"
    ));
    assert!(message_attribute_filter_matches(&f(&["Hel.*"]), "Hello"));
    assert!(message_attribute_filter_matches(&f(&["Hel.*"]), "Help.Me"));
    assert!(!message_attribute_filter_matches(&f(&["Hel.*"]), "General"));
    assert!(!message_attribute_filter_matches(&f(&["hello"]), "Hello"));
    let a = attrs(&[
        ("Help.Me", MessageAttributeValue::string("Me")),
        ("Hello", MessageAttributeValue::string("There")),
        ("General", MessageAttributeValue::string("Kenobi")),
    ]);
    let kept = filter_message_attributes(&f(&["Hel.*"]), &a);
    assert_eq!(kept.keys().collect::<Vec<_>>(), vec!["Hello", "Help.Me"]);
}
