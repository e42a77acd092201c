//! The `Condition` block of a policy statement: a small, deterministic subset of IAM.
//!
//! Operators: `StringEquals`, `StringNotEquals`, `StringEqualsIgnoreCase`,
//! `StringNotEqualsIgnoreCase`, `StringLike`, `StringNotLike`, `ArnEquals`, `ArnLike`,
//! `ArnNotEquals`, `ArnNotLike`, `Bool`, `Null`, each optionally with `IfExists`.
//! Keys are looked up case-insensitively in a [`RequestContext`]. An operator outside this
//! set is accepted when parsing but never matches, so such a statement never applies
//! (documented policy: unknown conditions are not guessed at).

use std::collections::BTreeMap;

use serde_json::Value;

use super::policy::{policy_error, wildcard_match};
use crate::engine::error::SqsError;

/// What a request looks like to conditions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext<'a> {
    /// The caller's ARN (`aws:PrincipalArn`); its account is `aws:PrincipalAccount`.
    pub principal_arn: &'a str,
    /// Further keys, e.g. `aws:SourceArn` (lower-cased on lookup).
    pub extra: BTreeMap<String, String>,
}

impl<'a> RequestContext<'a> {
    /// A context with only the caller known (`aws:SecureTransport` is `true`: the
    /// simulated endpoint is HTTPS).
    pub fn new(principal_arn: &'a str) -> Self {
        RequestContext {
            principal_arn,
            extra: BTreeMap::new(),
        }
    }

    /// The value of a condition key, if the request has one.
    pub fn get(&self, key: &str) -> Option<String> {
        let key = key.to_ascii_lowercase();
        match key.as_str() {
            "aws:principalarn" => Some(self.principal_arn.to_string()),
            "aws:principalaccount" => {
                let parts: Vec<&str> = self.principal_arn.splitn(6, ':').collect();
                (parts.len() == 6).then(|| parts[4].to_string())
            }
            "aws:securetransport" => Some("true".to_string()),
            _ => self
                .extra
                .iter()
                .find(|(k, _)| k.to_ascii_lowercase() == key)
                .map(|(_, v)| v.clone()),
        }
    }
}

/// One `Operator: {key: values}` test.
#[derive(Debug, Clone, PartialEq)]
struct Test {
    operator: String,
    if_exists: bool,
    key: String,
    values: Vec<String>,
}

/// A parsed `Condition` block: every test must hold.
#[derive(Debug, Clone, PartialEq)]
pub struct Condition {
    tests: Vec<Test>,
}

fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

impl Condition {
    /// Parses a `Condition` object.
    pub fn parse(v: &Value) -> Result<Condition, SqsError> {
        let bad = || policy_error("Condition must map operators to {key: value(s)} objects.");
        let Value::Object(ops) = v else {
            return Err(bad());
        };
        let mut tests = Vec::new();
        for (op, block) in ops {
            let Value::Object(keys) = block else {
                return Err(bad());
            };
            let (operator, if_exists) = match op.strip_suffix("IfExists") {
                Some(base) => (base.to_string(), true),
                None => (op.clone(), false),
            };
            for (key, vals) in keys {
                let values = match vals {
                    Value::Array(items) => items.iter().map(scalar).collect::<Option<Vec<_>>>(),
                    other => scalar(other).map(|s| vec![s]),
                }
                .ok_or_else(bad)?;
                tests.push(Test {
                    operator: operator.clone(),
                    if_exists,
                    key: key.clone(),
                    values,
                });
            }
        }
        Ok(Condition { tests })
    }

    /// True when every test holds for `ctx`.
    pub fn matches(&self, ctx: &RequestContext) -> bool {
        self.tests.iter().all(|t| t.holds(ctx))
    }
}

impl Test {
    fn holds(&self, ctx: &RequestContext) -> bool {
        let actual = ctx.get(&self.key);
        if self.operator == "Null" {
            // Null: "true" means the key must be absent.
            let want_absent = self.values.iter().any(|v| v.eq_ignore_ascii_case("true"));
            return actual.is_none() == want_absent;
        }
        let Some(actual) = actual else {
            // Missing key: IfExists passes; negated operators pass; others fail (as IAM).
            return self.if_exists || self.operator.contains("Not");
        };
        let any = |f: &dyn Fn(&str) -> bool| self.values.iter().any(|v| f(v));
        match self.operator.as_str() {
            "StringEquals" | "ArnEquals" => any(&|v| v == actual),
            "StringNotEquals" | "ArnNotEquals" => !any(&|v| v == actual),
            "StringEqualsIgnoreCase" => any(&|v| v.eq_ignore_ascii_case(&actual)),
            "StringNotEqualsIgnoreCase" => !any(&|v| v.eq_ignore_ascii_case(&actual)),
            "StringLike" | "ArnLike" => any(&|v| wildcard_match(v, &actual, false)),
            "StringNotLike" | "ArnNotLike" => !any(&|v| wildcard_match(v, &actual, false)),
            "Bool" => any(&|v| v.eq_ignore_ascii_case(&actual)),
            _ => false,
        }
    }
}
