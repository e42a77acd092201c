//! Runs a replay script against a real [`Engine`], line by line.

use std::collections::BTreeMap;

use serde_json::Value;

use super::output::{error_line, event_line, fault_line, input_error_line, ok_line};
use super::script::{parse_line, ConfigLine, FaultKind, RequestLine, ScriptLine, MAX_CLOCK_MS};
use super::subst::{substitute, Responses};
use crate::engine::protocol::{handle_json, receive_result_json, JsonOutcome};
use crate::engine::{Engine, EngineConfig, PollId, SqsError, OWNER_ARN};

/// Settings of a run; a script's first-line `config` overrides them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReplayOptions {
    /// Seed of the engine's RNG.
    pub seed: u64,
    /// Number of storage servers.
    pub servers: usize,
    /// Virtual start instant, epoch milliseconds.
    pub start_ms: u64,
    /// Also print engine events (`{"event":…}` lines) as they happen.
    pub events: bool,
}

impl Default for ReplayOptions {
    fn default() -> Self {
        let cfg = EngineConfig::default();
        ReplayOptions {
            seed: cfg.seed,
            servers: cfg.servers,
            start_ms: cfg.start_ms,
            events: false,
        }
    }
}

impl ReplayOptions {
    fn apply(&mut self, cfg: &ConfigLine) {
        self.seed = cfg.seed.unwrap_or(self.seed);
        self.servers = cfg.servers.unwrap_or(self.servers);
        self.start_ms = cfg.start_ms.unwrap_or(self.start_ms);
        self.events = cfg.events.unwrap_or(self.events);
    }
}

/// What became of an earlier request, for `${ID.path}` references.
#[derive(Debug, Clone)]
enum Response {
    Ok(Value),
    Failed(String),
    Pending,
}

#[derive(Default)]
struct ResponseTable(BTreeMap<String, Response>);

impl Responses for ResponseTable {
    fn ok_of(&self, id: &str) -> Result<&Value, String> {
        match self.0.get(id) {
            Some(Response::Ok(v)) => Ok(v),
            Some(Response::Failed(shape)) => Err(format!(
                "request {id:?} failed with {shape}, so it has no ok response"
            )),
            Some(Response::Pending) => Err(format!(
                "request {id:?} is a long poll that has not returned yet (advance the clock first)"
            )),
            None => Err(format!("no earlier request with id {id:?}")),
        }
    }
}

/// A long poll still waiting, and the request it answers.
struct PendingPoll {
    poll_id: PollId,
    id: String,
    action: String,
}

/// Upper bound on timer steps while draining pending long polls at the end of a
/// script; every long poll returns within 20 s, so this is only a guard against a
/// engine that never completes one.
const MAX_DRAIN_STEPS: usize = 1_000_000;

/// An in-progress replay. Feed it lines with [`Replay::feed_line`], then call
/// [`Replay::finish`]; each returns the output lines produced, in order.
pub struct Replay {
    opts: ReplayOptions,
    engine: Option<Engine>,
    line_no: usize,
    /// True once any line other than blank/comment was seen (even a malformed one):
    /// a config line after that is not "the first line".
    started: bool,
    responses: ResponseTable,
    pending: Vec<PendingPoll>,
}

impl Replay {
    /// A replay that will build its engine from `opts` (or the script's config line).
    pub fn new(opts: ReplayOptions) -> Self {
        Replay {
            opts,
            engine: None,
            line_no: 0,
            started: false,
            responses: ResponseTable::default(),
            pending: Vec::new(),
        }
    }

    /// The engine, once the first meaningful line has created it.
    pub fn engine(&self) -> Option<&Engine> {
        self.engine.as_ref()
    }

    /// The options in force (after any config line).
    pub fn options(&self) -> &ReplayOptions {
        &self.opts
    }

    /// Runs the next script line (line numbers count from 1, every physical line
    /// counts) and returns the output lines it produced.
    pub fn feed_line(&mut self, text: &str) -> Vec<String> {
        self.line_no += 1;
        let line = self.line_no;
        let parsed = parse_line(text);
        let first = !self.started;
        if parsed != Ok(ScriptLine::Skip) {
            self.started = true;
        }
        let parsed = match parsed {
            Ok(p) => p,
            Err(msg) => return vec![input_error_line(line, &msg)],
        };
        let mut out = Vec::new();
        match parsed {
            ScriptLine::Skip => {}
            ScriptLine::Config(cfg) => {
                if !first {
                    out.push(input_error_line(
                        line,
                        "a config line is allowed only as the first line of the script (before any other non-comment line)",
                    ));
                } else {
                    self.opts.apply(&cfg);
                    self.ensure_engine();
                }
            }
            ScriptLine::Advance { advance_ms } => {
                let engine = self.ensure_engine();
                let now = engine.now_ms();
                match now.checked_add(advance_ms).filter(|t| *t <= MAX_CLOCK_MS) {
                    Some(target) => {
                        engine.advance_to(target);
                        self.collect(&mut out);
                    }
                    None => out.push(input_error_line(
                        line,
                        &format!(
                            "advance_ms {advance_ms} would move the clock past {MAX_CLOCK_MS} (9999-12-31T23:59:59.999Z); at most {} is left",
                            MAX_CLOCK_MS.saturating_sub(now)
                        ),
                    )),
                }
            }
            ScriptLine::Fault { kind, server } => {
                let engine = self.ensure_engine();
                let result = match kind {
                    FaultKind::KillServer => engine.kill_server(server),
                    FaultKind::ReviveServer => engine.revive_server(server),
                };
                let t_ms = engine.now_ms();
                match result {
                    Ok(()) => out.push(fault_line(kind.name(), server, t_ms)),
                    Err(e) => out.push(input_error_line(line, &e.message)),
                }
                self.collect(&mut out);
            }
            ScriptLine::Request(req) => self.request(line, req, &mut out),
        }
        out
    }

    /// Runs the next script line given as raw bytes (without its `\n`; a trailing `\r`
    /// is dropped too). A line that is not valid UTF-8 is that line's input error and
    /// the run goes on.
    pub fn feed_bytes(&mut self, bytes: &[u8]) -> Vec<String> {
        let bytes = bytes.strip_suffix(b"\r").unwrap_or(bytes);
        match std::str::from_utf8(bytes) {
            Ok(text) => self.feed_line(text),
            Err(e) => {
                self.line_no += 1;
                self.started = true; // a malformed line counts as a line
                let msg = format!(
                    "the line is not valid UTF-8 (invalid byte at offset {})",
                    e.valid_up_to()
                );
                vec![input_error_line(self.line_no, &msg)]
            }
        }
    }

    /// Ends the script: advances the clock timer by timer until no long poll is
    /// pending, and returns what that printed.
    pub fn finish(&mut self) -> Vec<String> {
        let mut out = Vec::new();
        let mut steps = 0;
        while !self.pending.is_empty() && steps < MAX_DRAIN_STEPS {
            let Some(engine) = self.engine.as_mut() else {
                break;
            };
            let Some(next_ms) = engine.next_timer_ms() else {
                break;
            };
            // A timer due "now" that advance_to(now) did not consume would loop
            // forever; step past it instead.
            let now = engine.now_ms();
            let target = if next_ms <= now { now + 1 } else { next_ms };
            if target > MAX_CLOCK_MS {
                // Nothing carries the clock past its range (poll deadlines are clamped to
                // it, so only an engine bug gets here); report what is still pending.
                break;
            }
            engine.advance_to(target);
            self.collect(&mut out);
            steps += 1;
        }
        // Only an engine bug leaves a poll pending here; say so rather than hang or hide it.
        let t_ms = self
            .engine
            .as_ref()
            .map_or(self.opts.start_ms, Engine::now_ms);
        for p in std::mem::take(&mut self.pending) {
            let e = SqsError {
                sender_fault: false,
                ..SqsError::new(
                    "ReplayInternalError",
                    "ReplayInternalError",
                    500,
                    "the long poll never completed: no timer left to fire",
                )
            };
            out.push(error_line(&p.id, &p.action, t_ms, &e));
        }
        out
    }

    fn ensure_engine(&mut self) -> &mut Engine {
        let opts = &self.opts;
        self.engine.get_or_insert_with(|| {
            Engine::new(EngineConfig {
                seed: opts.seed,
                servers: opts.servers,
                start_ms: opts.start_ms,
            })
        })
    }

    fn request(&mut self, line: usize, req: RequestLine, out: &mut Vec<String>) {
        let id = req.id.unwrap_or_else(|| format!("L{line}"));
        if self.responses.0.contains_key(&id) {
            out.push(input_error_line(
                line,
                &format!("duplicate request id {id:?}: ids must be unique within a script"),
            ));
            return;
        }
        let params = match substitute(&req.params, &self.responses) {
            Ok(p) => p,
            Err(msg) => {
                out.push(input_error_line(line, &msg));
                return;
            }
        };
        let caller = req.caller.unwrap_or_else(|| OWNER_ARN.to_string());
        let engine = self.ensure_engine();
        let outcome = handle_json(engine, &req.action, &params, &caller);
        let t_ms = engine.now_ms();
        match outcome {
            JsonOutcome::Ok(v) => {
                out.push(ok_line(&id, &req.action, t_ms, &v));
                self.responses.0.insert(id, Response::Ok(v));
            }
            JsonOutcome::Err(e) => {
                out.push(error_line(&id, &req.action, t_ms, &e));
                self.responses.0.insert(id, Response::Failed(e.shape));
            }
            JsonOutcome::Pending(poll_id) => {
                self.responses.0.insert(id.clone(), Response::Pending);
                self.pending.push(PendingPoll {
                    poll_id,
                    id,
                    action: req.action,
                });
            }
        }
        // A send may have completed a waiting long poll.
        self.collect(out);
    }

    /// Prints long polls that completed (and, if enabled, engine events), in virtual-time order.
    fn collect(&mut self, out: &mut Vec<String>) {
        let Some(engine) = self.engine.as_mut() else {
            return;
        };
        // (t_ms, kind: 0 = event before 1 = poll at the same instant, order of arrival, line)
        let mut lines: Vec<(u64, u8, usize, String)> = Vec::new();
        if self.opts.events {
            for (i, ev) in engine.drain_events().into_iter().enumerate() {
                let text = event_line(
                    ev.kind.name(),
                    ev.t_ms,
                    &ev.queue,
                    ev.message_id.as_deref(),
                    &ev.describe(),
                );
                lines.push((ev.t_ms, 0, i, text));
            }
        } else {
            // Keep the event buffer from growing without bound.
            engine.drain_events();
        }
        for (i, done) in engine.take_completed_polls().into_iter().enumerate() {
            let Some(pos) = self.pending.iter().position(|p| p.poll_id == done.poll_id) else {
                continue; // not ours (cannot happen: every poll is started here)
            };
            let p = self.pending.remove(pos);
            let text = match receive_result_json(done.result) {
                Ok(v) => {
                    let text = ok_line(&p.id, &p.action, done.t_ms, &v);
                    self.responses.0.insert(p.id, Response::Ok(v));
                    text
                }
                Err(e) => {
                    let text = error_line(&p.id, &p.action, done.t_ms, &e);
                    self.responses.0.insert(p.id, Response::Failed(e.shape));
                    text
                }
            };
            lines.push((done.t_ms, 1, i, text));
        }
        lines.sort_by_key(|(t, kind, i, _)| (*t, *kind, *i));
        out.extend(lines.into_iter().map(|(_, _, _, text)| text));
    }
}

/// Runs a whole script and returns every output line (what `sqs-replay` prints).
pub fn run_script(script: &str, opts: ReplayOptions) -> Vec<String> {
    let mut replay = Replay::new(opts);
    let mut out = Vec::new();
    for line in script.lines() {
        out.extend(replay.feed_line(line));
    }
    out.extend(replay.finish());
    out
}
