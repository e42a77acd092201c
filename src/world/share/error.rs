//! Why a link or a saved run cannot be opened ([`ShareError`]), and the helpers that
//! word it.

use std::fmt;

use crate::world::scenario::ScenarioError;

/// Why a link or a saved run cannot be opened. [`fmt::Display`] is the message for the
/// user; the variants let the UI word it differently (e.g. for autosave).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Not an intact run: cut short, edited, or not made by the playground at all. The
    /// text says what was found, e.g. `"its checksum does not match"`.
    Damaged(String),
    /// Made by a newer playground: which format, and what this build reads.
    TooNew(String),
    /// Intact, but a field is wrong: the loader's field-named error, with the path
    /// relative to the run document (`scenario.producers[1].batch_size`, `at_ms`).
    Invalid(ScenarioError),
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShareError::Damaged(why) => write!(f, "This link is damaged or incomplete: {why}."),
            ShareError::TooNew(what) => write!(
                f,
                "This link was made by a newer playground ({what}): reload the page to get \
                 the latest version, then open the link again."
            ),
            ShareError::Invalid(e) => write!(
                f,
                "This link's run cannot be loaded: {}: {}",
                e.field, e.message
            ),
        }
    }
}

impl std::error::Error for ShareError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ShareError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

pub(super) fn damaged(why: impl Into<String>) -> ShareError {
    ShareError::Damaged(why.into())
}

/// A scenario error with its path made relative to the run document.
pub(super) fn in_scenario(e: ScenarioError) -> ShareError {
    let field = if e.field == "." || e.field.is_empty() {
        "scenario".to_string()
    } else {
        format!("scenario.{}", e.field)
    };
    ShareError::Invalid(ScenarioError::new(field, e.message))
}
