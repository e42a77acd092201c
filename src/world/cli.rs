//! The AWS CLI console's side of the world: an `aws_cli` action runs one `aws sqs …`
//! line against the engine (as the queue owner, at the current instant) and its
//! transcript entry — the line, what the CLI printed, the virtual time — is kept here,
//! so step back, links, autosave and replay give the same transcript. A
//! `receive-message --wait-time-seconds N` is a real long poll: its entry waits until the
//! driver completes the poll (`World::cli_poll_completed`). Messages the console
//! received are held by [`CLI_HOLDER`] while their receipt is current.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use super::apply::ActionError;
use super::world::World;
use crate::awscli::run::{finished, received};
use crate::awscli::{call, parse, Output, Parsed, Ran};
use crate::engine::protocol::receive_result_json;
use crate::engine::{PollId, ReceiptStatus, ReceiveMessageResult, SqsError};

/// Transcript entries the world keeps (older ones are dropped; the total stays exact).
pub const CLI_TRANSCRIPT_CAPACITY: usize = 200;

/// Who holds the messages the console received (the message queries' `held_by`).
pub const CLI_HOLDER: &str = "the AWS CLI console";

/// Receipts the console remembers for [`CLI_HOLDER`] (the oldest are forgotten).
const MAX_HELD: usize = 100;

/// How a console entry ended.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CliStatus {
    /// Printed its output (possibly nothing).
    Ok,
    /// Printed an error.
    Error,
    /// A long poll still waiting.
    Waiting,
}

/// One command of the console and what it printed.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct CliEntry {
    /// 0-based number of the entry over the whole run.
    pub seq: u64,
    /// Virtual time it ran, epoch ms.
    pub at_ms: u64,
    /// Virtual time its output arrived (a long poll's return), epoch ms.
    pub done_ms: Option<u64>,
    /// The command line as typed.
    pub line: String,
    /// Ok, error or waiting.
    pub status: CliStatus,
    /// What the CLI printed (notes, then the output or the error).
    pub text: String,
}

/// The console's transcript and its pending long polls.
#[derive(Debug, Clone, Default)]
pub struct CliConsole {
    entries: VecDeque<CliEntry>,
    total: u64,
    /// Waiting long polls → (entry seq, queue name, notes, output format).
    pub(super) polls: BTreeMap<PollId, (u64, String, String, Output)>,
    /// (queue, MessageId, ReceiptHandle) of messages the console received.
    held: VecDeque<(String, String, String)>,
    /// FNV-1a over every entry written (see [`CliConsole::fingerprint`]).
    fingerprint: u64,
}

/// FNV-1a of `bytes` continuing from `h`.
fn fnv(mut h: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl CliConsole {
    /// The kept entries, oldest first (at most [`CLI_TRANSCRIPT_CAPACITY`]).
    pub fn entries(&self) -> impl DoubleEndedIterator<Item = &CliEntry> + ExactSizeIterator {
        self.entries.iter()
    }

    /// Long polls still waiting.
    pub fn waiting(&self) -> usize {
        self.polls.len()
    }

    /// Entries over the whole run (dropped ones included).
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Changes whenever an entry is written or finished (a UI redraws the transcript
    /// when it moves; two different transcripts practically never share one).
    pub fn fingerprint(&self) -> u64 {
        self.fingerprint
    }

    fn mark(&mut self, seq: u64, status: CliStatus, line: &str, text: &str) {
        let h = fnv(self.fingerprint ^ 0xcbf2_9ce4_8422_2325, &seq.to_le_bytes());
        let h = fnv(h, &[status as u8]);
        let h = fnv(h, line.as_bytes());
        self.fingerprint = fnv(h, text.as_bytes());
    }

    fn push(&mut self, at_ms: u64, line: &str, status: CliStatus, text: String) -> u64 {
        let seq = self.total;
        self.total += 1;
        self.mark(seq, status, line, &text);
        self.entries.push_back(CliEntry {
            seq,
            at_ms,
            done_ms: (status != CliStatus::Waiting).then_some(at_ms),
            line: line.to_string(),
            status,
            text,
        });
        while self.entries.len() > CLI_TRANSCRIPT_CAPACITY {
            self.entries.pop_front();
        }
        seq
    }

    fn finish(&mut self, seq: u64, at_ms: u64, status: CliStatus, text: String) {
        self.mark(seq, status, "", &text);
        if let Some(e) = self.entries.iter_mut().find(|e| e.seq == seq) {
            e.status = status;
            e.text = text;
            e.done_ms = Some(at_ms);
        }
    }
}

/// `notes` then `text`, one per line.
fn with_notes(notes: &str, text: &str) -> String {
    match (notes.is_empty(), text.is_empty()) {
        (true, _) => text.to_string(),
        (false, true) => notes.to_string(),
        (false, false) => format!("{notes}\n{text}"),
    }
}

/// The queue name of a request's `QueueUrl` (its last path segment).
fn queue_of(body: &serde_json::Value) -> String {
    body.get("QueueUrl")
        .and_then(serde_json::Value::as_str)
        .and_then(|u| u.trim_end_matches('/').rsplit('/').next())
        .unwrap_or_default()
        .to_string()
}

fn refused(e: &SqsError) -> ActionError {
    ActionError {
        field: None,
        code: Some(e.code.clone()),
        message: e.message.clone(),
    }
}

impl World {
    /// The AWS CLI console's transcript (side-effect free).
    pub fn cli_console(&self) -> &CliConsole {
        &self.cli
    }

    /// Runs one console line now (the `aws_cli` action).
    pub(super) fn apply_cli(&mut self, line: &str) -> Result<(), ActionError> {
        let now = self.now_ms();
        let req = match parse(line) {
            Err(e) => {
                self.cli.push(now, line, CliStatus::Error, e.0.clone());
                return Err(ActionError::new(Some("line"), e.0));
            }
            Ok(Parsed::Empty) => return Ok(()),
            Ok(Parsed::Help(text)) => {
                self.cli.push(now, line, CliStatus::Ok, text);
                return Ok(());
            }
            Ok(Parsed::Call(req)) => req,
        };
        let notes = req.notes.join("\n");
        match call(&mut self.engine, &req) {
            Ran::Output(text, v) => {
                if req.operation == "ReceiveMessage" {
                    self.cli_hold(&queue_of(&req.body), &v);
                }
                self.cli
                    .push(now, line, CliStatus::Ok, with_notes(&notes, &text));
                Ok(())
            }
            Ran::Error(text, e) => {
                self.cli
                    .push(now, line, CliStatus::Error, with_notes(&notes, &text));
                Err(refused(&e))
            }
            Ran::Pending(id) => {
                let seq = self.cli.push(
                    now,
                    line,
                    CliStatus::Waiting,
                    with_notes(&notes, "waiting…"),
                );
                self.cli
                    .polls
                    .insert(id, (seq, queue_of(&req.body), notes, req.output));
                Ok(())
            }
        }
    }

    /// A console long poll returned: its entry gets the output.
    pub(super) fn cli_poll_completed(
        &mut self,
        id: PollId,
        result: Result<ReceiveMessageResult, SqsError>,
    ) {
        let Some((seq, queue, notes, output)) = self.cli.polls.remove(&id) else {
            return;
        };
        let now = self.now_ms();
        let (status, text) = match finished("ReceiveMessage", output, receive_result_json(result)) {
            Ran::Output(text, v) => {
                self.cli_hold(&queue, &v);
                (CliStatus::Ok, text)
            }
            Ran::Error(text, _) => (CliStatus::Error, text),
            Ran::Pending(_) => return,
        };
        self.cli.finish(seq, now, status, with_notes(&notes, &text));
    }

    /// Remembers the receipts of a console receive (forgetting those no longer current).
    fn cli_hold(&mut self, queue: &str, response: &serde_json::Value) {
        let got = received(response);
        if got.is_empty() {
            return;
        }
        let engine = &self.engine;
        self.cli.held.retain(|(q, _, rh)| {
            matches!(engine.receipt_status(q, rh), ReceiptStatus::InFlight { .. })
        });
        for (mid, rh) in got {
            self.cli.held.push_back((queue.to_string(), mid, rh));
        }
        while self.cli.held.len() > MAX_HELD {
            self.cli.held.pop_front();
        }
    }

    /// MessageIds of `queue` the console holds now (its receipt is the current one).
    pub(super) fn cli_held_in(&self, queue: &str) -> Vec<&str> {
        self.cli
            .held
            .iter()
            .filter(|(q, _, rh)| {
                q == queue
                    && matches!(
                        self.engine.receipt_status(q, rh),
                        ReceiptStatus::InFlight { .. }
                    )
            })
            .map(|(_, m, _)| m.as_str())
            .collect()
    }
}
