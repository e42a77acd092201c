//! The export as a CloudFormation template (YAML): one `AWS::SQS::Queue` per queue,
//! dead-letter queues first, and an `AWS::SQS::QueuePolicy` for a queue with a Policy.

use serde_json::Value;

use super::{dlq_target, json_value, unique_ids, Kind, QueueConfig};

/// A logical id: the name's alphanumeric runs, each capitalised (`orders-dlq.fifo` →
/// `OrdersDlqFifo`); `Queue` in front when that would not start with a letter.
fn logical_id(name: &str) -> String {
    let mut id: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            let first = cs.next().map(|c| c.to_ascii_uppercase());
            first.into_iter().chain(cs).collect::<String>()
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic()) {
        id.insert_str(0, "Queue");
    }
    id
}

/// A YAML double-quoted scalar (JSON string escapes are valid YAML escapes).
fn quoted(text: &str) -> String {
    Value::String(text.to_string()).to_string()
}

/// A property value as YAML.
fn scalar(kind: Kind, v: &str) -> String {
    match kind {
        Kind::Bool if v == "true" || v == "false" => v.to_string(),
        Kind::Int if v.parse::<u64>().is_ok() => v.to_string(),
        Kind::Json => json_value(v),
        _ => quoted(v),
    }
}

/// The template.
pub(super) fn render(configs: &[QueueConfig]) -> String {
    let ids = unique_ids(configs, logical_id);
    let mut out = String::from("AWSTemplateFormatVersion: \"2010-09-09\"\nResources:\n");
    for (c, id) in configs.iter().zip(&ids) {
        out.push_str(&format!(
            "  {id}:\n    Type: AWS::SQS::Queue\n    Properties:\n"
        ));
        out.push_str(&format!("      QueueName: {}\n", quoted(&c.name)));
        for (p, v) in c.plain_attributes() {
            out.push_str(&format!("      {}: {}\n", p.cfn, scalar(p.kind, v)));
        }
        if let Some((dlq, max)) = &c.dead_letter {
            let target = match dlq_target(configs, dlq) {
                Ok(i) => format!("!GetAtt {}.Arn", ids[i]),
                Err(arn) => quoted(&arn),
            };
            out.push_str("      RedrivePolicy:\n");
            out.push_str(&format!("        deadLetterTargetArn: {target}\n"));
            out.push_str(&format!("        maxReceiveCount: {max}\n"));
        }
        if !c.tags.is_empty() {
            out.push_str("      Tags:\n");
            for (k, v) in &c.tags {
                out.push_str(&format!(
                    "        - Key: {}\n          Value: {}\n",
                    quoted(k),
                    quoted(v)
                ));
            }
        }
        if let Some(policy) = c.attributes.get("Policy") {
            out.push_str(&format!(
                "  {id}Policy:\n    Type: AWS::SQS::QueuePolicy\n    Properties:\n      Queues:\n        - !Ref {id}\n      PolicyDocument: {}\n",
                json_value(policy)
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logical_ids_are_alphanumeric() {
        assert_eq!(logical_id("orders-dlq.fifo"), "OrdersDlqFifo");
        assert_eq!(logical_id("my_queue"), "MyQueue");
        assert_eq!(logical_id("1st"), "Queue1st");
    }
}
