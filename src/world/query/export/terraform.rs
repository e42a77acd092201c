//! The export as Terraform: one `resource "aws_sqs_queue"` block per queue, dead-letter
//! queues first.

use super::{dlq_target, json_value, unique_ids, Kind, QueueConfig};

/// A resource name: lower case, every other character `_` (`Orders-DLQ.fifo` →
/// `orders_dlq_fifo`); `q_` in front when it would start with a digit.
fn resource_name(name: &str) -> String {
    let mut id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.insert_str(0, "q_");
    }
    id
}

/// An HCL quoted string: JSON escapes, and `${` / `%{` escaped so nothing interpolates.
fn hcl_string(text: &str) -> String {
    serde_json::Value::String(text.to_string())
        .to_string()
        .replace("${", "$${")
        .replace("%{", "%%{")
}

/// An argument value as HCL.
fn value(kind: Kind, v: &str) -> String {
    match kind {
        Kind::Bool if v == "true" || v == "false" => v.to_string(),
        Kind::Int if v.parse::<u64>().is_ok() => v.to_string(),
        Kind::Json => format!(
            "jsonencode({})",
            json_value(v).replace("${", "$${").replace("%{", "%%{")
        ),
        _ => hcl_string(v),
    }
}

/// The blocks.
pub(super) fn render(configs: &[QueueConfig]) -> String {
    let ids = unique_ids(configs, resource_name);
    let mut blocks = Vec::new();
    for (c, id) in configs.iter().zip(&ids) {
        let mut b = format!("resource \"aws_sqs_queue\" \"{id}\" {{\n");
        b.push_str(&format!("  name = {}\n", hcl_string(&c.name)));
        for (p, v) in c.plain_attributes() {
            b.push_str(&format!("  {} = {}\n", p.tf, value(p.kind, v)));
        }
        if let Some((dlq, max)) = &c.dead_letter {
            let target = match dlq_target(configs, dlq) {
                Ok(i) => format!("aws_sqs_queue.{}.arn", ids[i]),
                Err(arn) => hcl_string(&arn),
            };
            b.push_str("  redrive_policy = jsonencode({\n");
            b.push_str(&format!("    deadLetterTargetArn = {target}\n"));
            b.push_str(&format!("    maxReceiveCount     = {max}\n"));
            b.push_str("  })\n");
        }
        if let Some(policy) = c.attributes.get("Policy") {
            b.push_str(&format!("  policy = {}\n", value(Kind::Json, policy)));
        }
        if !c.tags.is_empty() {
            b.push_str("  tags = {\n");
            for (k, v) in &c.tags {
                b.push_str(&format!("    {} = {}\n", hcl_string(k), hcl_string(v)));
            }
            b.push_str("  }\n");
        }
        b.push_str("}\n");
        blocks.push(b);
    }
    blocks.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_strings() {
        assert_eq!(resource_name("Orders-DLQ.fifo"), "orders_dlq_fifo");
        assert_eq!(resource_name("9lives"), "q_9lives");
        assert_eq!(hcl_string("a${b}%{c}\""), r#""a$${b}%%{c}\"""#);
    }
}
