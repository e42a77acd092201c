//! The [`Engine`] type: configuration, the state it owns, queue lookup and access
//! control. Its behaviour is added by `impl Engine` blocks elsewhere: the AWS actions in
//! `actions/`, what time and faults do in `lifecycle/`, observation in `observe.rs`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::api::ReceiveMessageResult;
use super::events::EngineEvent;
use super::identity::{
    account_root_arn, caller_account, queue_name_of_arn, OWNER_ACCOUNT, QUEUE_URL_PREFIX,
};
use super::rules::policy;
use super::sim::clock::Sim;
use super::state::ledger::MessageLedger;
use super::state::move_task::MoveTask;
use super::state::queue::Queue;
use super::SqsError;

/// Default virtual start: 2026-01-01T00:00:00Z.
pub const DEFAULT_START_MS: u64 = 1_767_225_600_000;

/// Engine configuration.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(default)]
pub struct EngineConfig {
    /// RNG seed.
    pub seed: u64,
    /// Number of storage servers (at least 1; 0 is treated as 1).
    pub servers: usize,
    /// Virtual start instant, epoch ms.
    pub start_ms: u64,
}

impl Default for EngineConfig {
    fn default() -> Self {
        EngineConfig {
            seed: 0,
            servers: 1,
            start_ms: DEFAULT_START_MS,
        }
    }
}

/// Identifies a pending long poll.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PollId(pub u64);

/// Result of ReceiveMessage: complete now, or a long poll that completes later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReceiveOutcome {
    /// Completed immediately.
    Complete(ReceiveMessageResult),
    /// Waiting; the result arrives via [`Engine::take_completed_polls`].
    Pending(PollId),
}

/// A long poll that finished while the clock advanced (or a send satisfied it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletedPoll {
    /// Which poll.
    pub poll_id: PollId,
    /// Virtual time it returned, epoch ms.
    pub t_ms: u64,
    /// The response.
    pub result: Result<ReceiveMessageResult, SqsError>,
}

/// Parsed, validated ReceiveMessage parameters (kept by a waiting long poll).
#[derive(Debug, Clone)]
pub(crate) struct ReceiveParams {
    pub max: usize,
    pub visibility_s: Option<u32>,
    pub system_names: Vec<&'static str>,
    pub attribute_filters: Vec<String>,
    pub attempt_id: Option<String>,
}

/// A waiting long poll.
#[derive(Debug, Clone)]
pub(crate) struct PendingPoll {
    pub qid: u32,
    pub params: ReceiveParams,
    /// When the poll returns empty if nothing arrives (epoch ms).
    pub deadline_ms: u64,
}

/// The SQS engine: a small discrete-event simulator of one region's SQS.
#[derive(Debug, Clone)]
pub struct Engine {
    pub(crate) sim: Sim,
    pub(crate) queues: Vec<Option<Queue>>,
    pub(crate) by_name: BTreeMap<String, u32>,
    pub(crate) deleted_at_ms: BTreeMap<String, u64>,
    pub(crate) polls: BTreeMap<u64, PendingPoll>,
    pub(crate) next_poll_id: u64,
    pub(crate) completed: Vec<CompletedPoll>,
    pub(crate) tasks: Vec<MoveTask>,
    pub(crate) next_incarnation: u32,
    pub(crate) owner_sender_id: std::sync::Arc<str>,
}

impl Engine {
    /// Creates an engine at `cfg.start_ms` with `cfg.servers` storage servers, all up.
    pub fn new(cfg: EngineConfig) -> Engine {
        Engine {
            sim: Sim::new(cfg.seed, cfg.servers, cfg.start_ms),
            queues: Vec::new(),
            by_name: BTreeMap::new(),
            deleted_at_ms: BTreeMap::new(),
            polls: BTreeMap::new(),
            next_poll_id: 1,
            completed: Vec::new(),
            tasks: Vec::new(),
            next_incarnation: 1,
            owner_sender_id: std::sync::Arc::from(OWNER_ACCOUNT),
        }
    }

    /// Current virtual time, epoch ms.
    pub fn now_ms(&self) -> u64 {
        self.sim.now_ms
    }

    /// Long polls completed since the last call, in completion order.
    pub fn take_completed_polls(&mut self) -> Vec<CompletedPoll> {
        std::mem::take(&mut self.completed)
    }

    /// Events since the last call, in (time, seq) order.
    pub fn drain_events(&mut self) -> Vec<EngineEvent> {
        // Keep the buffer's capacity: one allocation per drain instead of regrowing.
        let cap = self.sim.events.capacity().min(1 << 16);
        std::mem::replace(&mut self.sim.events, Vec::with_capacity(cap))
    }

    /// Moves the events since the last call to the end of `out`, in (time, seq) order.
    /// Allocates nothing: both buffers keep their capacity (the world drains after every
    /// actor call, so this is on its hot path).
    pub fn drain_events_into(&mut self, out: &mut Vec<EngineEvent>) {
        out.append(&mut self.sim.events);
    }

    /// Names of existing queues, sorted.
    pub fn queue_names(&self) -> Vec<String> {
        self.by_name.keys().cloned().collect()
    }

    /// Conservation counters of a queue.
    pub fn ledger(&self, name: &str) -> Option<MessageLedger> {
        let qid = *self.by_name.get(name)?;
        Some(self.q(qid).ledger())
    }

    /// SenderId for a caller; the owner's is shared rather than allocated per message.
    pub(crate) fn sender_id(&self, caller: &str) -> std::sync::Arc<str> {
        let account = caller_account(caller);
        if account == OWNER_ACCOUNT {
            self.owner_sender_id.clone()
        } else {
            std::sync::Arc::from(account)
        }
    }

    pub(crate) fn q(&self, qid: u32) -> &Queue {
        self.queues[qid as usize].as_ref().expect("live queue")
    }

    pub(crate) fn qm(&mut self, qid: u32) -> &mut Queue {
        self.queues[qid as usize].as_mut().expect("live queue")
    }

    /// Fires everything due at the current instant (called at the start of every action).
    pub(crate) fn begin(&mut self) {
        let now = self.sim.now_ms;
        self.advance_to(now);
    }

    /// Resolves a queue URL (or, leniently, a bare name) to a live queue.
    pub(crate) fn qid_by_url(&self, url: &str) -> Result<u32, SqsError> {
        if url.is_empty() {
            return Err(SqsError::missing_parameter("QueueUrl"));
        }
        if let Some(name) = url.strip_prefix(QUEUE_URL_PREFIX) {
            return self
                .by_name
                .get(name)
                .copied()
                .ok_or_else(SqsError::queue_does_not_exist);
        }
        let mut parts = url.rsplit('/');
        let name = parts.next().unwrap_or("");
        if let Some(account) = parts.next() {
            if account != OWNER_ACCOUNT {
                return Err(SqsError::queue_does_not_exist());
            }
        }
        self.by_name
            .get(name)
            .copied()
            .ok_or_else(SqsError::queue_does_not_exist)
    }

    /// Resolves a queue ARN to a live queue.
    pub(crate) fn qid_by_arn(&self, arn: &str) -> Option<u32> {
        let name = queue_name_of_arn(arn)?;
        self.by_name.get(name).copied()
    }

    /// Enforces the queue policy for `caller` doing `sqs:<action>`: any principal of the
    /// owner account (000000000000) is always allowed; others need an Allow and no Deny.
    pub(crate) fn authorize(&self, qid: u32, caller: &str, action: &str) -> Result<(), SqsError> {
        if caller_account(caller) == OWNER_ACCOUNT {
            return Ok(()); // fast path, no policy evaluation
        }
        let q = self.q(qid);
        let caller = if caller.starts_with("arn:") {
            caller.to_string()
        } else {
            account_root_arn(caller)
        };
        policy::authorize(
            q.policy.as_ref(),
            &caller,
            &format!("sqs:{action}"),
            &q.arn,
            &q.url,
        )
    }
}
