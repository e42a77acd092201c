//! AddPermission / RemovePermission: edits of the queue's `Policy` document, as AWS does.
//!
//! AddPermission appends a statement `{"Sid": label, "Effect": "Allow", "Principal":
//! {"AWS": "arn:aws:iam::<account>:root" | [..]}, "Action": "SQS:<action>" | [..],
//! "Resource": <queue ARN>}` (single-element lists collapse to a string, as AWS renders
//! them) to the existing policy, or to a new `{"Version": "2012-10-17", "Id":
//! "<queue ARN>/SQSDefaultPolicy", "Statement": []}`. RemovePermission drops the statement
//! whose `Sid` is the label; a policy left without statements is removed.

use serde_json::{Map, Value};

use super::names::validate_permission_label;
use super::policy::{check_statement_count, QueuePolicy};
use crate::engine::error::SqsError;

/// Action names AddPermission accepts (without the `SQS:` prefix).
pub const ADD_PERMISSION_ACTIONS: [&str; 9] = [
    "*",
    "ChangeMessageVisibility",
    "DeleteMessage",
    "GetQueueAttributes",
    "GetQueueUrl",
    "ListDeadLetterSourceQueues",
    "PurgeQueue",
    "ReceiveMessage",
    "SendMessage",
];
/// Maximum actions in one AddPermission statement.
pub const MAX_PERMISSION_ACTIONS: usize = 7;

fn label_error(label: &str, reason: &str) -> SqsError {
    SqsError::invalid_parameter("Label", label, reason)
}

fn one_or_many(items: Vec<String>) -> Value {
    if items.len() == 1 {
        Value::String(items.into_iter().next().unwrap_or_default())
    } else {
        Value::from(items)
    }
}

/// Renders a JSON object with `first` keys in that order, then the rest sorted, so
/// generated policies read like AWS's (`Version`, `Id`, `Statement`; `Sid`, `Effect`, …).
fn ordered(
    map: &Map<String, Value>,
    first: &[&str],
    nested: &dyn Fn(&str, &Value) -> String,
) -> String {
    let mut keys: Vec<&String> = first
        .iter()
        .filter_map(|k| map.get_key_value(*k).map(|(k, _)| k))
        .collect();
    keys.extend(map.keys().filter(|k| !first.contains(&k.as_str())));
    let body: Vec<String> = keys
        .iter()
        .map(|k| {
            format!(
                "{}:{}",
                Value::String(k.to_string()),
                nested(k, &map[k.as_str()])
            )
        })
        .collect();
    format!("{{{}}}", body.join(","))
}

/// Compact JSON of a policy document with AWS's key order.
pub fn render_policy(doc: &Value) -> String {
    let Value::Object(top) = doc else {
        return doc.to_string();
    };
    let statement = |v: &Value| match v {
        Value::Object(st) => ordered(
            st,
            &["Sid", "Effect", "Principal", "Action", "Resource"],
            &|_, v| v.to_string(),
        ),
        other => other.to_string(),
    };
    ordered(top, &["Version", "Id", "Statement"], &|k, v| match (k, v) {
        ("Statement", Value::Array(items)) => {
            format!(
                "[{}]",
                items.iter().map(statement).collect::<Vec<_>>().join(",")
            )
        }
        ("Statement", st @ Value::Object(_)) => statement(st),
        _ => v.to_string(),
    })
}

/// Statements of a document as a list (a single-object `Statement` becomes one element).
fn statements_of(doc: &Value) -> Vec<Value> {
    match doc.get("Statement") {
        Some(Value::Array(items)) => items.clone(),
        Some(st @ Value::Object(_)) => vec![st.clone()],
        _ => Vec::new(),
    }
}

/// AddPermission: validates the request in AWS's order and returns the new policy JSON.
/// `current_policy` is the queue's Policy attribute (if any), `account_ids` are 12-digit
/// AWS account ids, `actions` are names from [`ADD_PERMISSION_ACTIONS`].
pub fn add_permission(
    current_policy: Option<&str>,
    queue_arn: &str,
    label: &str,
    account_ids: &[String],
    actions: &[String],
) -> Result<String, SqsError> {
    validate_permission_label(label)?;
    if actions.is_empty() {
        return Err(SqsError::missing_parameter("Actions"));
    }
    if account_ids.is_empty() {
        return Err(SqsError::invalid_parameter_value(
            "Value [] for parameter PrincipalId is invalid. Reason: Unable to verify.",
        ));
    }
    if let Some(bad) = account_ids
        .iter()
        .find(|a| a.len() != 12 || !a.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(SqsError::invalid_parameter_value(format!(
            "Value [{bad}] for parameter PrincipalId is invalid. Reason: Unable to verify."
        )));
    }
    if actions.len() > MAX_PERMISSION_ACTIONS {
        return Err(SqsError::over_limit(format!(
            "{} Actions were found, maximum allowed is {MAX_PERMISSION_ACTIONS}.",
            actions.len()
        )));
    }
    if let Some(bad) = actions
        .iter()
        .find(|a| !ADD_PERMISSION_ACTIONS.contains(&a.as_str()))
    {
        return Err(SqsError::invalid_parameter(
            "ActionName",
            format!("SQS:{bad}"),
            "Only the queue owner is allowed to invoke this action.",
        ));
    }
    let mut doc = match current_policy.filter(|p| !p.trim().is_empty()) {
        Some(p) => QueuePolicy::parse(p)?.document,
        None => serde_json::json!({
            "Version": "2012-10-17",
            "Id": format!("{queue_arn}/SQSDefaultPolicy"),
            "Statement": [],
        }),
    };
    let mut statements = statements_of(&doc);
    if statements
        .iter()
        .any(|s| s.get("Sid").and_then(Value::as_str) == Some(label))
    {
        return Err(label_error(label, "Already exists."));
    }
    let principals = account_ids
        .iter()
        .map(|a| crate::engine::identity::account_root_arn(a))
        .collect();
    let action_names = actions.iter().map(|a| format!("SQS:{a}")).collect();
    statements.push(serde_json::json!({
        "Sid": label,
        "Effect": "Allow",
        "Principal": {"AWS": one_or_many(principals)},
        "Action": one_or_many(action_names),
        "Resource": queue_arn,
    }));
    check_statement_count(statements.len())?;
    if let Value::Object(map) = &mut doc {
        map.insert("Statement".into(), Value::Array(statements));
    }
    Ok(render_policy(&doc))
}

/// RemovePermission: returns the new policy JSON, or `None` when no statement is left
/// (the Policy attribute is then removed). Unknown label →
/// "Value L for parameter Label is invalid. Reason: can't find label on existing policy."
pub fn remove_permission(
    current_policy: Option<&str>,
    label: &str,
) -> Result<Option<String>, SqsError> {
    let not_found = || label_error(label, "can't find label on existing policy.");
    let Some(policy) = current_policy.filter(|p| !p.trim().is_empty()) else {
        return Err(not_found());
    };
    let mut doc = QueuePolicy::parse(policy)?.document;
    let statements = statements_of(&doc);
    let kept: Vec<Value> = statements
        .iter()
        .filter(|s| s.get("Sid").and_then(Value::as_str) != Some(label))
        .cloned()
        .collect();
    if kept.len() == statements.len() {
        return Err(not_found());
    }
    if kept.is_empty() {
        return Ok(None);
    }
    if let Value::Object(map) = &mut doc {
        map.insert("Statement".into(), Value::Array(kept));
    }
    Ok(Some(render_policy(&doc)))
}

#[cfg(test)]
#[path = "policy_edit_tests.rs"]
mod tests;
