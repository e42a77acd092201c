//! `sqs-replay`: run a script of JSON lines against the engine, one JSON line out
//! per request. The format is part of the product; it is specified in
//! `docs/replay-format.md` and summarised here.
//!
//! Input, one item per line:
//! - blank lines and lines starting with `#` are ignored;
//! - `{"config": {"seed": 7, "servers": 1, "start_ms": 1767225600000, "events": false}}` —
//!   optional, only as the first non-comment line; overrides the command-line flags;
//! - `{"advance_ms": 1000}` — moves the virtual clock, firing everything due in order;
//! - `{"id": "r1", "action": "SendMessage", "params": {…}, "caller": "arn:…"}` — an AWS
//!   JSON request (`id` defaults to `L<line number>`, `caller` to the queue owner);
//! - `{"fault": "kill_server"|"revive_server", "server": k}` (servers from 0);
//! - `${ID.path}` inside `params` strings refers to an earlier response's `ok` object.
//!
//! Output, one compact JSON object per line with a fixed member order:
//! `{"id","action","t_ms","ok"}`, `{"id","action","t_ms","error":{"type","code","status","message"}}`,
//! `{"fault","server","t_ms"}`, `{"line","error":{"type":"ReplayInputError","message"}}`
//! and, with events on, `{"event","t_ms","queue","message_id","cause"}`.
//!
//! This module is pure (no files, no processes, no clock): the `sqs-replay` binary
//! does the I/O. Same options + same script ⇒ byte-identical output.

pub mod output;
pub mod runner;
pub mod script;
pub mod subst;

pub use runner::{run_script, Replay, ReplayOptions};
pub use script::{parse_line, ConfigLine, FaultKind, RequestLine, ScriptLine};
pub use subst::substitute;
