//! The AWS CLI console's parser never panics, whatever is typed, and a parsed line always
//! names one of the engine's actions with an object body.

use proptest::prelude::*;
use sqs_playground::awscli::{parse, Parsed};
use sqs_playground::engine::protocol::ACTIONS;

fn check(line: &str) {
    if let Ok(Parsed::Call(r)) = parse(line) {
        assert!(ACTIONS.iter().any(|(a, _)| *a == r.operation));
        assert!(r.body.is_object());
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2_000))]

    #[test]
    fn any_line(line in "\\PC{0,80}") {
        check(&line);
    }

    #[test]
    fn any_shorthand(value in "[a-zA-Z0-9=,{}\\[\\]'\" \\\\é]{0,40}") {
        for opt in ["--attributes", "--message-attributes", "--entries", "--tag-keys", "--delay-seconds"] {
            check(&format!("aws sqs send-message-batch --queue-url x {opt} '{value}'"));
            check(&format!("aws sqs create-queue --queue-name q {opt} {value}"));
            check(&format!("aws sqs send-message --queue-url x --message-body b {opt} \"{value}\""));
        }
    }
}
