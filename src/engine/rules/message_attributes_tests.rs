use super::*;

fn one(name: &str, v: MessageAttributeValue) -> BTreeMap<String, MessageAttributeValue> {
    BTreeMap::from([(name.to_string(), v)])
}

#[test]
fn serde_uses_aws_member_names_and_skips_none() {
    let v = MessageAttributeValue::string("x");
    assert_eq!(
        serde_json::to_string(&v).unwrap(),
        r#"{"DataType":"String","StringValue":"x"}"#
    );
    let b: MessageAttributeValue =
        serde_json::from_str(r#"{"DataType":"Binary","BinaryValue":"AQID"}"#).unwrap();
    assert_eq!(b.binary_bytes(), Some(vec![1, 2, 3]));
    assert_eq!(
        serde_json::to_string(&b).unwrap(),
        r#"{"DataType":"Binary","BinaryValue":"AQID"}"#
    );
}

#[test]
fn empty_string_value_has_aws_message() {
    let e = validate_message_attributes(&one("ErrorDetails", MessageAttributeValue::string("")))
        .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
    assert_eq!(
        e.message,
        "Message (user) attribute 'ErrorDetails' must contain a non-empty value of type 'String'."
    );
    let missing = MessageAttributeValue {
        data_type: "Number".into(),
        ..Default::default()
    };
    let e = validate_message_attributes(&one("n", missing)).unwrap_err();
    assert!(e.message.ends_with("of type 'Number'."), "{}", e.message);
    let empty_bin = MessageAttributeValue {
        data_type: "Binary".into(),
        binary_value: Some(String::new()),
        ..Default::default()
    };
    assert!(validate_message_attributes(&one("b", empty_bin)).is_err());
}

#[test]
fn at_most_ten_attributes() {
    let mut a: BTreeMap<String, MessageAttributeValue> = (0..10)
        .map(|i| (format!("a{i}"), MessageAttributeValue::string("v")))
        .collect();
    assert!(validate_message_attributes(&a).is_ok());
    a.insert("a10".into(), MessageAttributeValue::string("v"));
    let e = validate_message_attributes(&a).unwrap_err();
    assert_eq!(
        e.message,
        "Number of message attributes [11] exceeds the allowed maximum [10]."
    );
}

#[test]
fn attribute_names() {
    for ok in ["attr.1øßä", "a", "A-b_c.d", &"L".repeat(256)] {
        assert!(validate_attribute_name(ok).is_ok(), "{ok}");
    }
    for bad in [
        "",
        "aWs.x",
        "AMAZON.x",
        "amazon.x",
        ".x",
        "x.",
        "a..b",
        "Invalid-!-attr",
        "Invalid-\"-attr",
        "Invalid-§-attr",
        "Invalid-(-attr",
        "Invalid-?-attr",
        &"L".repeat(257),
    ] {
        let e = validate_attribute_name(bad).unwrap_err();
        assert_eq!(e.code, "InvalidParameterValue", "{bad}");
    }
    let msg = |n: &str| validate_attribute_name(n).unwrap_err().message;
    assert_eq!(
        msg("aWs.x"),
        "You can't use message attribute names beginning with 'AWS.' or 'Amazon'. These strings \
         are reserved for internal use."
    );
    assert_eq!(
        msg(".x"),
        "Message (user) attribute name must not begin with character '.'."
    );
    assert_eq!(
        msg("x."),
        "Message (user) attribute name must not end with character '.'."
    );
    assert_eq!(
        msg("a..b"),
        "Message (user) attribute name must not have successive '.' characters."
    );
    assert_eq!(
        msg(&"L".repeat(257)),
        "Message (user) attribute name must be shorter than 256 bytes."
    );
    // Names that merely contain the reserved words are fine.
    assert!(validate_attribute_name("myAWS.x").is_ok());
}

#[test]
fn data_types() {
    let typed = |t: &str| MessageAttributeValue {
        data_type: t.into(),
        string_value: Some("1".into()),
        ..Default::default()
    };
    for ok in [
        "String",
        "Number",
        "Number.int",
        "String.json",
        &format!("Number.{}", "L".repeat(249)),
    ] {
        assert!(
            validate_message_attributes(&one("a", typed(ok))).is_ok(),
            "{ok}"
        );
    }
    for bad in [
        "Invalid",
        "string",
        "Number.",
        "",
        &format!("Number.{}", "L".repeat(250)),
    ] {
        assert!(
            validate_message_attributes(&one("a", typed(bad))).is_err(),
            "{bad}"
        );
    }
    let e = validate_message_attributes(&one("a", typed("Invalid"))).unwrap_err();
    assert_eq!(
        e.message,
        "The type of message (user) attribute 'a' is invalid. You must use only the following \
         supported type prefixes: Binary, Number, String."
    );
}

#[test]
fn string_values_reject_invalid_characters_as_invalid_parameter() {
    let e = validate_message_attributes(&one(
        "attr1",
        MessageAttributeValue::string(format!("Invalid-{},{}", '\u{8}', '\u{b}')),
    ))
    .unwrap_err();
    assert_eq!(e.code, "InvalidParameterValue");
}

#[test]
fn numbers() {
    let check = |v: &str| validate_number_value("n", v);
    for ok in [
        "0",
        "1e0",
        "1e00",
        "5e-0",
        "-0",
        "42",
        "+7",
        "-3.25",
        ".5",
        "5.",
        "1e126",
        "1E+126",
        "-1e126",
        "1e-128",
        "0.0000",
        &"9".repeat(38),
        &format!("{}00000", "9".repeat(38)),
        "12345678901234567890123456789012345678e88",
    ] {
        assert!(check(ok).is_ok(), "{ok}");
    }
    for bad in [
        "abc", "", "-", ".", "1e", "0x10", "1_000", "1.2.3", "--1", "NaN", "Infinity",
    ] {
        let e = check(bad).unwrap_err();
        assert_eq!(
            e.message,
            "Can't cast the value of message (user) attribute 'n' to a number."
        );
    }
    for out in [
        "1.1e126",
        "2e126",
        "1e127",
        "1e-129",
        "0.9e-128",
        &"9".repeat(39),
        "1e99999999999",
    ] {
        assert!(check(out).is_err(), "{out}");
    }
    let e = validate_message_attributes(&one("Age", MessageAttributeValue::number("Hello")))
        .unwrap_err();
    assert_eq!(
        e.message,
        "Can't cast the value of message (user) attribute 'Age' to a number."
    );
}

#[test]
fn value_shape_errors() {
    let v = |t: &str, s: Option<&str>, b: Option<&str>| MessageAttributeValue {
        data_type: t.into(),
        string_value: s.map(Into::into),
        binary_value: b.map(Into::into),
        ..Default::default()
    };
    let msg = |x: MessageAttributeValue| {
        validate_message_attributes(&one("a", x))
            .unwrap_err()
            .message
    };
    assert_eq!(
        msg(v("", None, None)),
        "The message (user) attribute 'a' must contain a non-empty message attribute value."
    );
    assert_eq!(
        msg(v("", Some("x"), None)),
        "The message (user) attribute 'a' must contain a non-empty message attribute type."
    );
    assert_eq!(
        msg(v("String", Some("x"), Some("AQID"))),
        "Message (user) attribute 'a' must have a single value."
    );
    assert_eq!(
        msg(v("String", None, Some("AQID"))),
        "Message (user) attribute 'a' with type 'String' must use field 'String'."
    );
    assert_eq!(
        msg(v("Binary", Some("x"), None)),
        "Message (user) attribute 'a' with type 'Binary' must use field 'Binary'."
    );
    assert_eq!(
        msg(v("String.custom", Some(""), None)),
        "Message (user) attribute 'a' must contain a non-empty value of type 'String.custom'."
    );
    assert_eq!(
        msg(v(&format!("String.{}", "x".repeat(250)), Some("v"), None)),
        "Message (user) attribute type must be shorter than 256 bytes."
    );
    assert!(msg(v("String", Some("a\u{8}"), None)).starts_with(
        "Invalid binary character '#x8' was found in the message attribute 'a' value"
    ));
}

#[test]
fn binary_must_be_base64() {
    let bad = MessageAttributeValue {
        data_type: "Binary".into(),
        binary_value: Some("!!notbase64!!".into()),
        ..Default::default()
    };
    assert!(validate_message_attributes(&one("b", bad)).is_err());
    assert!(validate_message_attributes(&one("b", MessageAttributeValue::binary(b"hi"))).is_ok());
}

#[test]
fn md5_binary_and_multiple_attributes_follow_the_algorithm() {
    // Hand-built buffer for {"b": Binary [1,2,3], "s": String "x"} (sorted by name).
    let mut buf = Vec::new();
    for (name, ty, transport, value) in [
        ("b", "Binary", 2u8, vec![1u8, 2, 3]),
        ("s", "String", 1u8, b"x".to_vec()),
    ] {
        buf.extend_from_slice(&(name.len() as u32).to_be_bytes());
        buf.extend_from_slice(name.as_bytes());
        buf.extend_from_slice(&(ty.len() as u32).to_be_bytes());
        buf.extend_from_slice(ty.as_bytes());
        buf.push(transport);
        buf.extend_from_slice(&(value.len() as u32).to_be_bytes());
        buf.extend_from_slice(&value);
    }
    let attrs = BTreeMap::from([
        ("s".to_string(), MessageAttributeValue::string("x")),
        ("b".to_string(), MessageAttributeValue::binary(&[1, 2, 3])),
    ]);
    assert_eq!(md5_of_message_attributes(&attrs), Some(hex_md5(&buf)));
}

#[test]
fn system_attributes_only_aws_trace_header() {
    let ok = one(
        "AWSTraceHeader",
        MessageAttributeValue::string("Root=1-5759e988-bd862e3fe1be46a994272793"),
    );
    assert!(validate_message_system_attributes(&ok).is_ok());
    assert!(md5_of_message_system_attributes(&ok).is_some());
    assert!(
        validate_message_system_attributes(&one("Other", MessageAttributeValue::string("x")))
            .is_err()
    );
    assert!(validate_message_system_attributes(&one(
        "AWSTraceHeader",
        MessageAttributeValue::number("1")
    ))
    .is_err());
    let e = validate_message_system_attributes(&one(
        "AWSTraceHeader",
        MessageAttributeValue::string(""),
    ))
    .unwrap_err();
    assert_eq!(
        e.message,
        "Message (system) attribute 'AWSTraceHeader' must contain a non-empty value of type 'String'."
    );
}
