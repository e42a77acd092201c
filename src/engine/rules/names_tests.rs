use super::*;

#[test]
fn standard_names_at_the_80_character_boundary() {
    assert!(validate_queue_name(&"a".repeat(80), false).is_ok());
    let err = validate_queue_name(&"a".repeat(81), false).unwrap_err();
    assert_eq!(err.code, "InvalidParameterValue");
    assert_eq!(err.shape, "InvalidParameterValueException");
    assert_eq!(
        err.message,
        "Can only include alphanumeric characters, hyphens, or underscores. 1 to 80 in length"
    );
    assert!(validate_queue_name("", false).is_err());
    assert!(validate_queue_name("Az09_-", false).is_ok());
    for bad in ["a.b", "a b", "ä", "q!", "x.fifo"] {
        assert!(validate_queue_name(bad, false).is_err(), "{bad}");
    }
}

#[test]
fn fifo_suffix_counts_toward_80() {
    let ok = format!("{}.fifo", "a".repeat(75));
    assert_eq!(ok.len(), 80);
    assert!(validate_queue_name(&ok, true).is_ok());
    let long = format!("{}.fifo", "a".repeat(76));
    let err = validate_queue_name(&long, true).unwrap_err();
    assert!(
        err.message.starts_with("The name of a FIFO queue"),
        "{}",
        err.message
    );
    assert!(validate_queue_name("q", true).is_err());
    assert!(validate_queue_name(".fifo", true).is_err());
    assert!(validate_queue_name("a.b.fifo", true).is_err());
}

#[test]
fn batch_entry_errors_match_aws() {
    let e = validate_batch_entries("SendMessageBatchRequestEntry", &[]).unwrap_err();
    assert_eq!(e.shape, "EmptyBatchRequest");
    assert_eq!(e.code, "AWS.SimpleQueueService.EmptyBatchRequest");
    assert_eq!(
        e.message,
        "There should be at least one SendMessageBatchRequestEntry in the request."
    );
    let ids: Vec<String> = (0..11).map(|i| format!("id_{i}")).collect();
    let refs: Vec<&str> = ids.iter().map(String::as_str).collect();
    let e = validate_batch_entries("DeleteMessageBatchRequestEntry", &refs).unwrap_err();
    assert_eq!(
        e.code,
        "AWS.SimpleQueueService.TooManyEntriesInBatchRequest"
    );
    assert_eq!(
        e.message,
        "Maximum number of entries per request are 10. You have sent 11."
    );
    assert!(validate_batch_entries("X", &refs[..10]).is_ok());

    let e = validate_batch_entries("X", &["id_1", "id_2", "id_3", "id_2", "id_1"]).unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.BatchEntryIdsNotDistinct");
    assert_eq!(e.message, "Id id_2 repeated.");

    let long = "a".repeat(81);
    for bad in ["", ".!@#", long.as_str()] {
        let e = validate_batch_entries("X", &[bad]).unwrap_err();
        assert_eq!(
            e.code, "AWS.SimpleQueueService.InvalidBatchEntryId",
            "{bad}"
        );
        assert_eq!(
            e.message,
            "A batch entry id can only contain alphanumeric characters, hyphens and underscores. \
             It can be at most 80 letters long."
        );
    }
    assert!(validate_batch_entries("X", &[&"a".repeat(80)]).is_ok());
}

#[test]
fn batch_total_size_boundary() {
    assert!(validate_batch_total_size(1_048_576).is_ok());
    let e = validate_batch_total_size(1_048_577).unwrap_err();
    assert_eq!(e.code, "AWS.SimpleQueueService.BatchRequestTooLong");
    assert_eq!(
        e.message,
        "Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes."
    );
}

#[test]
fn permission_labels() {
    assert!(validate_permission_label(&"L".repeat(80)).is_ok());
    assert!(validate_permission_label(&"L".repeat(81)).is_err());
    assert!(validate_permission_label("").is_err());
    assert!(validate_permission_label("bad label").is_err());
}

#[test]
fn tags_limits() {
    let mut existing = BTreeMap::new();
    for i in 0..49 {
        existing.insert(format!("k{i}"), "v".to_string());
    }
    let one = BTreeMap::from([("new".to_string(), "v".to_string())]);
    assert!(validate_tags("q", &existing, &one).is_ok());
    existing.insert("k49".into(), "v".into());
    let e = validate_tags("q", &existing, &one).unwrap_err();
    assert_eq!(e.message, "Too many tags added for queue q.");
    // Overwriting an existing key does not add a tag.
    let overwrite = BTreeMap::from([("k0".to_string(), "w".to_string())]);
    assert!(validate_tags("q", &existing, &overwrite).is_ok());

    let empty = BTreeMap::new();
    let key128 = BTreeMap::from([("k".repeat(128), "v".repeat(256))]);
    assert!(validate_tags("q", &empty, &key128).is_ok());
    let key129 = BTreeMap::from([("k".repeat(129), String::new())]);
    assert!(validate_tags("q", &empty, &key129).is_err());
    let val257 = BTreeMap::from([("k".to_string(), "v".repeat(257))]);
    assert!(validate_tags("q", &empty, &val257).is_err());
    let reserved = BTreeMap::from([("aws:x".to_string(), "v".to_string())]);
    assert!(validate_tags("q", &empty, &reserved).is_err());
    let reserved_case = BTreeMap::from([("AWS:x".to_string(), "v".to_string())]);
    assert!(validate_tags("q", &empty, &reserved_case).is_err());
    assert!(validate_untag_keys(&[]).is_err());
    assert!(validate_untag_keys(&["k".into()]).is_ok());
}
