//! The engine facade (temporary stub; real implementation follows).

use crate::engine::api::*;
use crate::engine::events::EngineEvent;
use crate::engine::snapshot::{MessageLedger, QueueSnapshot};
use crate::engine::SqsError;
use serde::{Deserialize, Serialize};

/// Owner account of every queue.
pub const OWNER_ACCOUNT: &str = "000000000000";
/// The owner's principal ARN (always allowed).
pub const OWNER_ARN: &str = "arn:aws:iam::000000000000:root";
/// Region of every queue.
pub const REGION: &str = "us-east-1";
/// Default virtual start: 2026-01-01T00:00:00Z.
pub const DEFAULT_START_MS: u64 = 1_767_225_600_000;

/// Engine configuration.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub struct EngineConfig {
    /// RNG seed.
    pub seed: u64,
    /// Number of storage servers (at least 1).
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

/// The SQS engine.
#[derive(Debug)]
pub struct Engine {
    cfg: EngineConfig,
    now_ms: u64,
}

fn todo_err() -> SqsError {
    SqsError::new(
        "UnsupportedOperation",
        "AWS.SimpleQueueService.UnsupportedOperation",
        400,
        "not implemented yet",
    )
}

macro_rules! stub {
    ($($name:ident($req:ty) -> $res:ty;)*) => {
        $(
            /// AWS action (stub).
            pub fn $name(&mut self, caller: &str, req: $req) -> Result<$res, SqsError> {
                let _ = (caller, req);
                Err(todo_err())
            }
        )*
    };
}

impl Engine {
    /// Creates an engine.
    pub fn new(cfg: EngineConfig) -> Engine {
        Engine {
            now_ms: cfg.start_ms,
            cfg,
        }
    }
    /// Current virtual time, epoch ms.
    pub fn now_ms(&self) -> u64 {
        self.now_ms
    }
    /// Advances the clock to `t_ms`, firing every due timer in (time, seq) order.
    pub fn advance_to(&mut self, t_ms: u64) {
        self.now_ms = self.now_ms.max(t_ms);
    }
    /// Earliest pending timer.
    pub fn next_timer_ms(&self) -> Option<u64> {
        None
    }
    /// Number of servers.
    pub fn server_count(&self) -> usize {
        self.cfg.servers
    }
    /// Kills a server.
    pub fn kill_server(&mut self, idx: usize) -> Result<(), SqsError> {
        let _ = idx;
        Err(todo_err())
    }
    /// Revives a server.
    pub fn revive_server(&mut self, idx: usize) -> Result<(), SqsError> {
        let _ = idx;
        Err(todo_err())
    }
    /// Is the server up?
    pub fn server_is_up(&self, idx: usize) -> bool {
        idx < self.cfg.servers
    }
    stub! {
        create_queue(CreateQueueRequest) -> CreateQueueResult;
        delete_queue(DeleteQueueRequest) -> DeleteQueueResult;
        get_queue_url(GetQueueUrlRequest) -> GetQueueUrlResult;
        list_queues(ListQueuesRequest) -> ListQueuesResult;
        get_queue_attributes(GetQueueAttributesRequest) -> GetQueueAttributesResult;
        set_queue_attributes(SetQueueAttributesRequest) -> SetQueueAttributesResult;
        purge_queue(PurgeQueueRequest) -> PurgeQueueResult;
        tag_queue(TagQueueRequest) -> TagQueueResult;
        untag_queue(UntagQueueRequest) -> UntagQueueResult;
        list_queue_tags(ListQueueTagsRequest) -> ListQueueTagsResult;
        list_dead_letter_source_queues(ListDeadLetterSourceQueuesRequest) -> ListDeadLetterSourceQueuesResult;
        add_permission(AddPermissionRequest) -> AddPermissionResult;
        remove_permission(RemovePermissionRequest) -> RemovePermissionResult;
        send_message(SendMessageRequest) -> SendMessageResult;
        send_message_batch(SendMessageBatchRequest) -> SendMessageBatchResult;
        delete_message(DeleteMessageRequest) -> DeleteMessageResult;
        delete_message_batch(DeleteMessageBatchRequest) -> DeleteMessageBatchResult;
        change_message_visibility(ChangeMessageVisibilityRequest) -> ChangeMessageVisibilityResult;
        change_message_visibility_batch(ChangeMessageVisibilityBatchRequest) -> ChangeMessageVisibilityBatchResult;
        start_message_move_task(StartMessageMoveTaskRequest) -> StartMessageMoveTaskResult;
        list_message_move_tasks(ListMessageMoveTasksRequest) -> ListMessageMoveTasksResult;
        cancel_message_move_task(CancelMessageMoveTaskRequest) -> CancelMessageMoveTaskResult;
    }
    /// ReceiveMessage.
    pub fn receive_message(
        &mut self,
        caller: &str,
        req: ReceiveMessageRequest,
    ) -> Result<ReceiveOutcome, SqsError> {
        let _ = (caller, req);
        Err(todo_err())
    }
    /// Long polls completed since the last call.
    pub fn take_completed_polls(&mut self) -> Vec<CompletedPoll> {
        Vec::new()
    }
    /// Events since the last call.
    pub fn drain_events(&mut self) -> Vec<EngineEvent> {
        Vec::new()
    }
    /// Queue names in order.
    pub fn queue_names(&self) -> Vec<String> {
        Vec::new()
    }
    /// Snapshot of a queue.
    pub fn queue_snapshot(&self, name: &str) -> Option<QueueSnapshot> {
        let _ = name;
        None
    }
    /// Conservation ledger of a queue.
    pub fn ledger(&self, name: &str) -> Option<MessageLedger> {
        let _ = name;
        None
    }
}
