//! Property tests: every rule returns a value or an `SqsError` for arbitrary input,
//! never panics.

use std::collections::BTreeMap;

use proptest::prelude::*;

use super::message::*;
use super::names::*;
use super::policy::{wildcard_match, QueuePolicy};
use super::policy_edit::{add_permission, remove_permission};
use super::queue_attributes::{validate_attribute_names, QueueAttributes};
use super::redrive::{RedriveAllowPolicy, RedrivePolicy};

/// Strings that often hit edge cases: JSON-ish, ARN-ish, numeric-ish, odd characters.
fn edgy() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-zA-Z0-9_.:*?{}\\[\\]\",-]{0,40}",
        "[-+0-9.eE]{0,20}",
        Just(
            r#"{"deadLetterTargetArn":"arn:aws:sqs:us-east-1:000000000000:d","maxReceiveCount":5}"#
                .to_string()
        ),
        Just(r#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*"}]}"#.to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn string_rules_never_panic(s in edgy(), t in edgy()) {
        let _ = validate_queue_name(&s, s.ends_with(".fifo"));
        let _ = validate_batch_entries("X", &[s.as_str(), t.as_str()]);
        let _ = validate_permission_label(&s);
        let _ = validate_body(&s, 1024);
        let _ = validate_message_group_id(&s);
        let _ = validate_number_value("n", &s);
        let _ = validate_attribute_name(&s);
        let _ = RedrivePolicy::parse(&s);
        let _ = RedriveAllowPolicy::parse(&s);
        if let Ok(p) = QueuePolicy::parse(&s) {
            let _ = p.evaluate(&t, "sqs:SendMessage", &t);
        }
        let _ = wildcard_match(&s, &t, true);
        let _ = remove_permission(Some(&s), &t);
        let _ = add_permission(Some(&s), &t, "l", &["111122223333".to_string()], std::slice::from_ref(&t));
        let _ = message_attribute_filter_matches(std::slice::from_ref(&s), &t);
    }

    #[test]
    fn attribute_maps_never_panic(pairs in proptest::collection::btree_map(edgy(), edgy(), 0..4), fifo in any::<bool>()) {
        let _ = QueueAttributes::for_create(fifo, &pairs);
        let mut q = QueueAttributes::defaults(fifo);
        let before = q.clone();
        if q.apply_set(&pairs).is_err() {
            prop_assert_eq!(q, before);
        }
        let _ = QueueAttributes::defaults(fifo).create_conflict(&pairs);
        let names: Vec<String> = pairs.keys().cloned().collect();
        let _ = validate_attribute_names(&names, fifo);
        let attrs: BTreeMap<String, MessageAttributeValue> = pairs
            .iter()
            .map(|(k, v)| (k.clone(), MessageAttributeValue { data_type: v.clone(), string_value: Some(k.clone()), ..Default::default() }))
            .collect();
        let _ = validate_message(&names.join(""), &attrs, 1024, fifo);
        let _ = md5_of_message_attributes(&attrs);
    }
}
