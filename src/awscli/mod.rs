//! An AWS CLI v2 console for the page: `aws sqs <command> [options]` lines parsed into
//! an operation and its AWS JSON request body, and the engine's answers printed as the
//! CLI prints them.
//!
//! ```text
//! parse("aws sqs create-queue --queue-name orders --attributes VisibilityTimeout=60")
//!   → Parsed::Call(Request { operation: "CreateQueue",
//!                            body: {"QueueName":"orders","Attributes":{"VisibilityTimeout":"60"}} })
//! ```
//!
//! - [`commands`]: the 23 commands, their options and the members they fill;
//! - [`shorthand`]: `Key=Value,…` shorthand, typed by the member's shape;
//! - [`args`]: the line → global options, command, options → [`Request`];
//! - [`help`]: `aws sqs help` and `aws sqs <command> help`;
//! - [`output`]: JSON output (`json.dumps(indent=4)`) and the CLI's error lines;
//! - [`text`]: `--output text`;
//! - [`run`]: one request through the engine's JSON front door
//!   ([`crate::engine::protocol::handle_json`]) as the queue owner.
//!
//! A client of the engine like [`crate::replay`]: it depends on the engine's public API
//! (the protocol module, identity constants) and `shlex` for shell quoting, never on the
//! world or the UI. Pure: no I/O, no clock. See `docs/aws-cli-console.md`.

pub mod args;
pub mod commands;
pub mod help;
pub mod output;
pub mod run;
pub mod shorthand;
pub mod text;

pub use args::parse;
pub use run::{call, Ran};

use serde_json::Value;

/// A line that asks SQS for something: the operation and its AWS JSON request.
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    /// The operation, e.g. `SendMessage` (an entry of the engine's `ACTIONS`).
    pub operation: &'static str,
    /// The AWS JSON request body.
    pub body: Value,
    /// Remarks printed before the output (e.g. `--endpoint-url` is ignored here).
    pub notes: Vec<String>,
    /// How the answer is printed (`--output`).
    pub output: Output,
}

/// The `--output` formats this console prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Output {
    /// `--output json` (the default).
    #[default]
    Json,
    /// `--output text`: tab-separated, as the CLI's text formatter writes it.
    Text,
}

/// What a line is.
#[derive(Debug, Clone, PartialEq)]
pub enum Parsed {
    /// Nothing (blank line).
    Empty,
    /// A call to SQS.
    Call(Request),
    /// Help text to print (asks SQS nothing).
    Help(String),
}

/// A line the CLI refuses before calling SQS, with the text the CLI prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CliError(pub String);

impl std::fmt::Display for CliError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for CliError {}
