//! Actor actions as they appear in the event log, with lazily rendered causes.

use std::sync::Arc;

use serde::Serialize;

/// Why a consumer did not finish a message.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum FailReason {
    /// The configured failure probability struck.
    Random,
    /// The body carries the poison marker: it always fails.
    Poison,
    /// The order database is down.
    DatabaseDown,
    /// The mail server is down.
    MailServerDown,
    /// The S3 object the pointer names is missing.
    PayloadMissing,
}

impl FailReason {
    fn text(self) -> &'static str {
        match self {
            FailReason::Random => "a random processing failure",
            FailReason::Poison => "it is a poison message (it always fails)",
            FailReason::DatabaseDown => "the database is down",
            FailReason::MailServerDown => "the mail server is down",
            FailReason::PayloadMissing => "its S3 payload is missing",
        }
    }
}

/// Which side of the order story.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum OrderPath {
    /// Write the database, then e-mail, synchronously in the checkout.
    Tight,
    /// Send the order to a queue; consumers record and e-mail it.
    Decoupled,
}

impl OrderPath {
    /// `tight` or `decoupled`.
    pub fn name(self) -> &'static str {
        match self {
            OrderPath::Tight => "tight",
            OrderPath::Decoupled => "decoupled",
        }
    }
}

/// What an actor did.
#[derive(Serialize, Debug, Clone, PartialEq)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum WorldKind {
    /// A consumer processed a message for the first time.
    Processed {
        /// ApproximateReceiveCount of this delivery.
        receive_count: u32,
    },
    /// A consumer processed a message that had already been processed.
    DuplicateProcessed {
        /// ApproximateReceiveCount of this delivery.
        receive_count: u32,
    },
    /// The idempotency store recognised an already processed message: deleted without work.
    SkippedDuplicate,
    /// Processing failed; the message is left to come back after its visibility timeout.
    ProcessingFailed {
        /// Why.
        reason: FailReason,
        /// ApproximateReceiveCount of this delivery.
        receive_count: u32,
    },
    /// Visibility heartbeat extended the timeout.
    HeartbeatExtended {
        /// New timeout from now.
        visibility_timeout_s: u32,
    },
    /// The consumer crashed with messages in flight.
    Crashed {
        /// Messages it held.
        in_flight: u32,
    },
    /// The consumer was restarted.
    Restarted,
    /// The consumer received the stop pill.
    StopPill,
    /// The consumer finished its work and stopped.
    Stopped,
    /// A send was refused or failed.
    SendFailed {
        /// AWS error code.
        code: String,
        /// AWS message.
        message: String,
        /// Whether the producer will retry with the same dedup id.
        will_retry: bool,
    },
    /// A receive failed.
    ReceiveFailed {
        /// AWS error code.
        code: String,
        /// AWS message.
        message: String,
    },
    /// A delete or visibility change failed.
    DeleteFailed {
        /// AWS error code.
        code: String,
        /// AWS message.
        message: String,
    },
    /// Extended-client pattern: the body went to S3, the queue carries a pointer.
    PayloadStored {
        /// Bucket.
        bucket: String,
        /// Object key.
        key: String,
        /// Payload size.
        size_bytes: u64,
    },
    /// A consumer fetched a payload from S3 through the pointer.
    PayloadFetched {
        /// Object key.
        key: String,
        /// Payload size.
        size_bytes: u64,
    },
    /// A producer started.
    ProducerStarted,
    /// A producer stopped.
    ProducerStopped,
    /// The shop placed an order on a path.
    OrderPlaced {
        /// Order number.
        order: u64,
        /// Path.
        path: OrderPath,
    },
    /// An order was written to the database.
    OrderRecorded {
        /// Order number.
        order: u64,
        /// Path.
        path: OrderPath,
        /// Time since the order was placed.
        delay_ms: u64,
        /// True when this order was already recorded (a duplicate row).
        duplicate: bool,
    },
    /// The database write failed (tight path swallows the error).
    OrderNotRecorded {
        /// Order number.
        order: u64,
        /// Path.
        path: OrderPath,
    },
    /// A confirmation e-mail went out.
    OrderEmailed {
        /// Order number.
        order: u64,
        /// Path.
        path: OrderPath,
        /// True when the customer already had one.
        duplicate: bool,
        /// True when the order is not in the database (a lost order).
        unrecorded: bool,
    },
    /// Tight path: the e-mail failed, so the checkout failed; the customer will retry.
    CheckoutFailed {
        /// Order number.
        order: u64,
    },
    /// A downstream system went down or came back, or a user/schedule action ran.
    SystemChanged {
        /// `database` or `mail-server`.
        system: &'static str,
        /// Now up?
        up: bool,
    },
    /// A user or scheduled action was applied.
    ActionApplied {
        /// Action name.
        action: &'static str,
        /// Error when the action could not be applied.
        error: Option<String>,
    },
    /// A producer or consumer was given a new spec (it restarts with it).
    Reconfigured {
        /// Messages a consumer held, abandoned in flight (0 for a producer).
        abandoned: u32,
    },
    /// A producer or consumer was removed from the world.
    Removed {
        /// Messages a consumer held, abandoned in flight (0 for a producer).
        abandoned: u32,
    },
}

impl WorldKind {
    /// Stable snake_case name for totals.
    pub fn name(&self) -> &'static str {
        match self {
            WorldKind::Processed { .. } => "processed",
            WorldKind::DuplicateProcessed { .. } => "duplicate_processed",
            WorldKind::SkippedDuplicate => "skipped_duplicate",
            WorldKind::ProcessingFailed { .. } => "processing_failed",
            WorldKind::HeartbeatExtended { .. } => "heartbeat_extended",
            WorldKind::Crashed { .. } => "consumer_crashed",
            WorldKind::Restarted => "consumer_restarted",
            WorldKind::StopPill => "stop_pill",
            WorldKind::Stopped => "consumer_stopped",
            WorldKind::SendFailed { .. } => "send_failed",
            WorldKind::ReceiveFailed { .. } => "receive_failed",
            WorldKind::DeleteFailed { .. } => "delete_failed",
            WorldKind::PayloadStored { .. } => "payload_stored",
            WorldKind::PayloadFetched { .. } => "payload_fetched",
            WorldKind::ProducerStarted => "producer_started",
            WorldKind::ProducerStopped => "producer_stopped",
            WorldKind::OrderPlaced { .. } => "order_placed",
            WorldKind::OrderRecorded { .. } => "order_recorded",
            WorldKind::OrderNotRecorded { .. } => "order_not_recorded",
            WorldKind::OrderEmailed { .. } => "order_emailed",
            WorldKind::CheckoutFailed { .. } => "checkout_failed",
            WorldKind::SystemChanged { .. } => "system_changed",
            WorldKind::ActionApplied { .. } => "action_applied",
            WorldKind::Reconfigured { .. } => "actor_reconfigured",
            WorldKind::Removed { .. } => "actor_removed",
        }
    }
}

/// An actor action in the log.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct WorldEvent {
    /// Queue involved.
    #[serde(serialize_with = "super::serde_arc::ser_opt_arc")]
    pub queue: Option<Arc<str>>,
    /// MessageId involved.
    pub message_id: Option<String>,
    /// What happened.
    pub kind: WorldKind,
}

impl WorldEvent {
    /// An event without queue or message.
    pub fn plain(kind: WorldKind) -> Self {
        WorldEvent {
            queue: None,
            message_id: None,
            kind,
        }
    }

    /// Human-readable sentence with the cause.
    pub fn describe(&self) -> String {
        let m = self.message_id.as_deref().unwrap_or("?");
        let q = self.queue.as_deref().unwrap_or("?");
        match &self.kind {
            WorldKind::Processed { receive_count } => {
                format!("processed message {m} from {q} (receive #{receive_count}) and deleted it")
            }
            WorldKind::DuplicateProcessed { receive_count } => format!(
                "processed message {m} from {q} AGAIN (receive #{receive_count}): it had already been processed — at-least-once delivery"
            ),
            WorldKind::SkippedDuplicate => format!(
                "message {m} from {q} is already in the idempotency store: deleted it without processing again"
            ),
            WorldKind::ProcessingFailed { reason, receive_count } => format!(
                "processing message {m} from {q} failed (receive #{receive_count}) because {}; not deleted, it comes back after the visibility timeout",
                reason.text()
            ),
            WorldKind::HeartbeatExtended { visibility_timeout_s } => format!(
                "heartbeat: extended the visibility of {m} in {q} to {visibility_timeout_s} s"
            ),
            WorldKind::Crashed { in_flight } => format!(
                "crashed with {in_flight} message(s) in flight; they reappear after their visibility timeout"
            ),
            WorldKind::Restarted => "restarted".to_string(),
            WorldKind::StopPill => {
                format!("received the stop pill {m} from {q}: deleting it, finishing the batch, then stopping")
            }
            WorldKind::Stopped => "stopped".to_string(),
            WorldKind::SendFailed { code, message, will_retry } => format!(
                "send to {q} failed: {code}: {message}{}",
                if *will_retry { "; retrying with the same deduplication id" } else { "; giving up" }
            ),
            WorldKind::ReceiveFailed { code, message } => format!("receive from {q} failed: {code}: {message}"),
            WorldKind::DeleteFailed { code, message } => {
                format!("delete/visibility change of {m} in {q} failed: {code}: {message}")
            }
            WorldKind::PayloadStored { bucket, key, size_bytes } => format!(
                "payload of {size_bytes} bytes is over the limit: stored as s3://{bucket}/{key}, the message to {q} carries a pointer"
            ),
            WorldKind::PayloadFetched { key, size_bytes } => {
                format!("message {m} from {q} points to S3 object {key}: fetched {size_bytes} bytes")
            }
            WorldKind::ProducerStarted => format!("started producing to {q}"),
            WorldKind::ProducerStopped => format!("stopped producing to {q}"),
            WorldKind::OrderPlaced { order, path } => {
                format!("order #{order} placed ({} path)", path.name())
            }
            WorldKind::OrderRecorded { order, path, delay_ms, duplicate: false } => format!(
                "order #{order} recorded in the database ({} path) {delay_ms} ms after it was placed",
                path.name()
            ),
            WorldKind::OrderRecorded { order, path, .. } => format!(
                "order #{order} recorded in the database AGAIN ({} path): a duplicate row",
                path.name()
            ),
            WorldKind::OrderNotRecorded { order, path } => format!(
                "order #{order} ({} path): the database is down, the write failed and the checkout carried on",
                path.name()
            ),
            WorldKind::OrderEmailed { order, path, duplicate, unrecorded } => {
                let mut s = format!("confirmation e-mail for order #{order} sent ({} path)", path.name());
                if *duplicate {
                    s.push_str(" — the customer already had one");
                }
                if *unrecorded {
                    s.push_str(" — but the order is NOT in the database: a lost order");
                }
                s
            }
            WorldKind::CheckoutFailed { order } => format!(
                "order #{order}: the mail server is down, the checkout shows an error; the customer will try again"
            ),
            WorldKind::SystemChanged { system, up } => {
                format!("{system} is {}", if *up { "back up" } else { "down" })
            }
            WorldKind::ActionApplied { action, error: None } => format!("action {action} applied"),
            WorldKind::ActionApplied { action, error: Some(e) } => format!("action {action} failed: {e}"),
            WorldKind::Reconfigured { abandoned: 0 } => format!("reconfigured (queue {q}); restarting"),
            WorldKind::Reconfigured { abandoned } => format!(
                "reconfigured (queue {q}); {abandoned} message(s) it held are abandoned in flight and reappear after their visibility timeout"
            ),
            WorldKind::Removed { abandoned: 0 } => "removed".to_string(),
            WorldKind::Removed { abandoned } => format!(
                "removed; {abandoned} message(s) it held are abandoned in flight and reappear after their visibility timeout"
            ),
        }
    }
}
