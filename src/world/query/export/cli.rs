//! The export as `aws sqs create-queue` commands, dead-letter queues first.

use std::collections::BTreeMap;

use super::QueueConfig;

/// `text` as one shell word in single quotes (`'` written as `'\''`).
fn shell_quote(text: &str) -> String {
    format!("'{}'", text.replace('\'', r"'\''"))
}

/// A name as a shell word: bare when it is only `[A-Za-z0-9_.-]` (every valid queue
/// name), quoted otherwise.
fn shell_word(text: &str) -> String {
    let bare = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    if bare {
        text.to_string()
    } else {
        shell_quote(text)
    }
}

/// The `--attributes` map: every exported attribute, RedrivePolicy and Policy included.
fn attributes(c: &QueueConfig) -> BTreeMap<&str, &str> {
    let kms = c.attributes.contains_key("KmsMasterKeyId");
    c.attributes
        .iter()
        .filter(|(k, _)| !(kms && k.as_str() == "SqsManagedSseEnabled"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect()
}

/// The commands, one per queue, in creation order.
pub(super) fn render(configs: &[QueueConfig]) -> String {
    let mut out = String::new();
    if let Some(last) = configs.last() {
        out.push_str(&format!("# Queue {}", last.name));
        if configs.len() > 1 {
            out.push_str(
                " and its dead-letter queue, created first (the RedrivePolicy names its ARN)",
            );
        }
        out.push_str(".\n# ARNs name the playground's account 000000000000 in us-east-1.\n");
    }
    for c in configs {
        let attrs = serde_json::to_string(&attributes(c)).unwrap_or_default();
        let mut line = format!(
            "aws sqs create-queue --queue-name {} --attributes {}",
            shell_word(&c.name),
            shell_quote(&attrs)
        );
        if !c.tags.is_empty() {
            let tags = serde_json::to_string(&c.tags).unwrap_or_default();
            line.push_str(&format!(" --tags {}", shell_quote(&tags)));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting() {
        assert_eq!(shell_quote("it's"), r"'it'\''s'");
        assert_eq!(shell_word("orders.fifo"), "orders.fifo");
        assert_eq!(shell_word("a b"), "'a b'");
    }
}
