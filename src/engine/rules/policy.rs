//! Queue access policies: a small IAM-style evaluator for the `Policy` attribute.
//!
//! Supported: `Version`, `Id`, `Statement` (object or array) with `Sid`, `Effect`
//! (Allow/Deny), `Principal`/`NotPrincipal` (`"*"`, `{"AWS": "*" | account id | ARN | [..]}`),
//! `Action`/`NotAction` (string or array; case-insensitive; `*` and `?` wildcards),
//! `Resource`/`NotResource` (string or array; `*` and `?` wildcards; absent = this queue)
//! and `Condition` (see [`super::policy_condition`]). Explicit Deny wins over Allow.

use serde_json::{Map, Value};

use super::policy_condition::{Condition, RequestContext};
use crate::engine::error::SqsError;

/// Result of evaluating a policy for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// An Allow statement matched and no Deny did.
    Allow,
    /// An explicit Deny matched (wins over any Allow).
    Deny,
    /// No statement matched (implicit deny for callers outside the owner account).
    NoMatch,
}

/// Allow or Deny.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effect {
    /// Grants the matched actions.
    Allow,
    /// Refuses the matched actions, whatever else allows them.
    Deny,
}

/// Who a statement is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Principal {
    /// `"*"` or `{"AWS": "*"}`: everyone.
    Anyone,
    /// `{"AWS": [..]}`: account ids or ARNs (an account id or `:root` ARN means every
    /// principal of that account). Other principal types (e.g. `Service`) never match a
    /// caller here.
    Aws(Vec<String>),
}

/// One parsed statement.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    /// `Sid`, if any (AddPermission uses the label).
    pub sid: Option<String>,
    /// `Effect`.
    pub effect: Effect,
    /// `Principal` or `NotPrincipal`.
    pub principal: Principal,
    /// True when the principal came from `NotPrincipal`.
    pub not_principal: bool,
    /// `Action` or `NotAction` patterns.
    pub actions: Vec<String>,
    /// True when the actions came from `NotAction`.
    pub not_action: bool,
    /// `Resource` or `NotResource` patterns; empty = the queue the policy is attached to.
    pub resources: Vec<String>,
    /// True when the resources came from `NotResource`.
    pub not_resource: bool,
    /// `Condition`, if any.
    pub condition: Option<Condition>,
}

/// A parsed queue policy; `document` is the JSON as given (for rendering and edits).
#[derive(Debug, Clone, PartialEq)]
pub struct QueuePolicy {
    /// The policy document as JSON.
    pub document: Value,
    /// Parsed statements, in document order.
    pub statements: Vec<Statement>,
}

pub(crate) fn policy_error(reason: impl std::fmt::Display) -> SqsError {
    SqsError::invalid_attribute_value(format!(
        "Invalid value for the parameter Policy. Reason: {reason}"
    ))
}

/// A string or an array of strings, as IAM allows almost everywhere.
fn string_list(v: &Value, what: &str) -> Result<Vec<String>, SqsError> {
    match v {
        Value::String(s) => Ok(vec![s.clone()]),
        Value::Array(items) if !items.is_empty() => items
            .iter()
            .map(|i| {
                i.as_str().map(str::to_string).ok_or_else(|| {
                    policy_error(format!("{what} must be a string or a list of strings."))
                })
            })
            .collect(),
        _ => Err(policy_error(format!(
            "{what} must be a string or a non-empty list of strings."
        ))),
    }
}

fn parse_principal(v: &Value) -> Result<Principal, SqsError> {
    match v {
        Value::String(s) if s == "*" => Ok(Principal::Anyone),
        Value::Object(map) if !map.is_empty() => {
            let mut aws = Vec::new();
            for (kind, ids) in map {
                let ids = string_list(ids, "Principal")?;
                if kind == "AWS" {
                    if ids.iter().any(|i| i == "*") {
                        return Ok(Principal::Anyone);
                    }
                    aws.extend(ids);
                } else if !matches!(kind.as_str(), "Service" | "Federated" | "CanonicalUser") {
                    return Err(policy_error(format!("Unsupported principal type {kind}.")));
                }
            }
            Ok(Principal::Aws(aws))
        }
        _ => Err(policy_error(
            "Principal must be \"*\" or an object such as {\"AWS\": ...}.",
        )),
    }
}

/// Picks `key` or `Not<key>` from a statement; exactly one must be present if `required`.
fn either<'a>(
    st: &'a Map<String, Value>,
    key: &str,
) -> Result<Option<(&'a Value, bool)>, SqsError> {
    let not_key = format!("Not{key}");
    match (st.get(key), st.get(&not_key)) {
        (Some(_), Some(_)) => Err(policy_error(format!(
            "A statement can't have both {key} and {not_key}."
        ))),
        (Some(v), None) => Ok(Some((v, false))),
        (None, Some(v)) => Ok(Some((v, true))),
        (None, None) => Ok(None),
    }
}

/// [`either`] for an element every statement must have.
fn required<'a>(st: &'a Map<String, Value>, key: &str) -> Result<(&'a Value, bool), SqsError> {
    either(st, key)?.ok_or_else(|| policy_error(format!("Statement is missing {key}.")))
}

fn parse_statement(v: &Value) -> Result<Statement, SqsError> {
    let Value::Object(st) = v else {
        return Err(policy_error("Each statement must be a JSON object."));
    };
    let effect = match st.get("Effect").and_then(Value::as_str) {
        Some("Allow") => Effect::Allow,
        Some("Deny") => Effect::Deny,
        _ => return Err(policy_error("Effect must be \"Allow\" or \"Deny\".")),
    };
    let sid = match st.get("Sid") {
        None => None,
        Some(Value::String(s)) => Some(s.clone()),
        Some(_) => return Err(policy_error("Sid must be a string.")),
    };
    let (principal, not_principal) = required(st, "Principal")?;
    let principal = parse_principal(principal)?;
    let (actions, not_action) = required(st, "Action")?;
    let actions = string_list(actions, "Action")?;
    let (resources, not_resource) = match either(st, "Resource")? {
        Some((r, not)) => (string_list(r, "Resource")?, not),
        None => (Vec::new(), false),
    };
    let condition = st.get("Condition").map(Condition::parse).transpose()?;
    Ok(Statement {
        sid,
        effect,
        principal,
        not_principal,
        actions,
        not_action,
        resources,
        not_resource,
        condition,
    })
}

/// Maximum statements in a queue policy (SQS quota).
pub const MAX_POLICY_STATEMENTS: usize = 20;

/// `OverLimit` when a policy would hold more than [`MAX_POLICY_STATEMENTS`] statements.
pub fn check_statement_count(count: usize) -> Result<(), SqsError> {
    if count > MAX_POLICY_STATEMENTS {
        return Err(SqsError::over_limit(format!(
            "{count} statements were found in the submitted policy, max allowed is \
             {MAX_POLICY_STATEMENTS}"
        )));
    }
    Ok(())
}

/// Glob match with `*` (any run) and `?` (one character).
pub fn wildcard_match(pattern: &str, text: &str, case_insensitive: bool) -> bool {
    let norm = |s: &str| -> Vec<char> {
        if case_insensitive {
            s.to_lowercase().chars().collect()
        } else {
            s.chars().collect()
        }
    };
    let (p, t) = (norm(pattern), norm(text));
    // Iterative matcher with single-star backtracking: linear in practice, no recursion.
    let (mut pi, mut ti) = (0usize, 0usize);
    let (mut star, mut mark) = (None::<usize>, 0usize);
    while ti < t.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == t[ti]) {
            pi += 1;
            ti += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ti;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ti = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The account id of an IAM ARN (`arn:aws:iam::123456789012:user/x`) or a bare account id.
fn account_of(principal: &str) -> Option<&str> {
    if principal.len() == 12 && principal.bytes().all(|b| b.is_ascii_digit()) {
        return Some(principal);
    }
    let parts: Vec<&str> = principal.splitn(6, ':').collect();
    (parts.len() == 6 && parts[0] == "arn").then(|| parts[4])
}

/// Normalises an action for matching: batch actions are authorised by their single form.
fn canonical_action(action: &str) -> String {
    let a = if action.contains(':') {
        action.to_string()
    } else {
        format!("sqs:{action}")
    };
    for base in ["SendMessage", "DeleteMessage", "ChangeMessageVisibility"] {
        if a.eq_ignore_ascii_case(&format!("sqs:{base}Batch")) {
            return format!("sqs:{base}");
        }
    }
    a
}

impl Principal {
    fn matches(&self, caller_arn: &str) -> bool {
        match self {
            Principal::Anyone => true,
            Principal::Aws(ids) => ids.iter().any(|id| {
                if id == caller_arn {
                    return true;
                }
                let whole_account =
                    account_of(id).is_some_and(|acct| id == acct || id.ends_with(":root"));
                whole_account && account_of(id) == account_of(caller_arn)
            }),
        }
    }
}

impl Statement {
    fn matches(&self, ctx: &RequestContext, action: &str, resource_arn: &str) -> bool {
        let principal_hit = self.principal.matches(ctx.principal_arn) != self.not_principal;
        let action_hit =
            self.actions.iter().any(|p| wildcard_match(p, action, true)) != self.not_action;
        let resource_hit = self.resources.is_empty()
            || (self
                .resources
                .iter()
                .any(|p| wildcard_match(p, resource_arn, false))
                != self.not_resource);
        principal_hit
            && action_hit
            && resource_hit
            && self.condition.as_ref().is_none_or(|c| c.matches(ctx))
    }
}

impl QueuePolicy {
    /// Parses and validates a policy JSON string (`InvalidAttributeValue` when invalid).
    pub fn parse(json: &str) -> Result<QueuePolicy, SqsError> {
        let document: Value = serde_json::from_str(json)
            .map_err(|e| policy_error(format!("The policy is not valid JSON: {e}.")))?;
        let Value::Object(map) = &document else {
            return Err(policy_error("The policy must be a JSON object."));
        };
        if let Some(v) = map.get("Version") {
            if !matches!(v.as_str(), Some("2012-10-17" | "2008-10-17")) {
                return Err(policy_error(
                    "Version must be \"2012-10-17\" or \"2008-10-17\".",
                ));
            }
        }
        let statements = match map.get("Statement") {
            Some(Value::Array(items)) => items
                .iter()
                .map(parse_statement)
                .collect::<Result<_, _>>()?,
            Some(v @ Value::Object(_)) => vec![parse_statement(v)?],
            _ => {
                return Err(policy_error(
                    "The policy must contain a Statement (object or list).",
                ))
            }
        };
        check_statement_count(statements.len())?;
        Ok(QueuePolicy {
            document,
            statements,
        })
    }

    /// Evaluates the policy for `caller_arn` doing `action` (e.g. `sqs:SendMessage`; a bare
    /// `SendMessage` and batch forms are accepted) on `resource_arn`.
    pub fn evaluate(&self, caller_arn: &str, action: &str, resource_arn: &str) -> Decision {
        self.evaluate_in(&RequestContext::new(caller_arn), action, resource_arn)
    }

    /// [`Self::evaluate`] with a full request context for conditions.
    pub fn evaluate_in(&self, ctx: &RequestContext, action: &str, resource_arn: &str) -> Decision {
        let action = canonical_action(action);
        let mut allowed = false;
        for st in self
            .statements
            .iter()
            .filter(|s| s.matches(ctx, &action, resource_arn))
        {
            match st.effect {
                Effect::Deny => return Decision::Deny,
                Effect::Allow => allowed = true,
            }
        }
        if allowed {
            Decision::Allow
        } else {
            Decision::NoMatch
        }
    }

    /// The policy as compact JSON.
    pub fn to_json(&self) -> String {
        self.document.to_string()
    }
}

/// Actions that cross-account permissions never apply to (AWS Developer Guide,
/// "Limitations of Amazon SQS custom policies"): only principals of the queue's own
/// account may call them, whatever the queue policy grants.
pub const OWNER_ONLY_ACTIONS: [&str; 12] = [
    "AddPermission",
    "CancelMessageMoveTask",
    "CreateQueue",
    "DeleteQueue",
    "ListMessageMoveTasks",
    "ListQueues",
    "ListQueueTags",
    "RemovePermission",
    "SetQueueAttributes",
    "StartMessageMoveTask",
    "TagQueue",
    "UntagQueue",
];

/// Access check for one request: callers in the queue owner's account are always allowed;
/// anyone else needs a matching Allow and no matching Deny, and is never allowed an
/// action of [`OWNER_ONLY_ACTIONS`]. The error is AWS's `AccessDenied` ("Access to the
/// resource <queue URL> is denied.").
pub fn authorize(
    policy: Option<&QueuePolicy>,
    caller_arn: &str,
    action: &str,
    queue_arn: &str,
    queue_url: &str,
) -> Result<(), SqsError> {
    if account_of(caller_arn).is_some() && account_of(caller_arn) == account_of(queue_arn) {
        return Ok(());
    }
    let bare = action.strip_prefix("sqs:").unwrap_or(action);
    let owner_only = OWNER_ONLY_ACTIONS
        .iter()
        .any(|a| a.eq_ignore_ascii_case(bare));
    match policy.map(|p| p.evaluate(caller_arn, action, queue_arn)) {
        Some(Decision::Allow) if !owner_only => Ok(()),
        _ => Err(SqsError::access_denied(format!(
            "Access to the resource {queue_url} is denied."
        ))),
    }
}

#[cfg(test)]
#[path = "policy_tests.rs"]
mod tests;
