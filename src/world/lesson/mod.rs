//! Guided lessons: one per claim about SQS, each a scenario document plus steps. A step
//! says what to look at ([`Watch`]), may act on the world ([`LessonStep::actions`],
//! applied as recorded user actions so the run replays), plays for at most
//! [`LessonStep::run_ms`] of virtual time, and may carry a [`Check`] that fires when the
//! world shows the point — [`evaluate`] returns the [`Seen`] sentence built from what
//! happened ("seen: message 7f3a9c12… delivered twice — server 2 was down when it was
//! deleted …").
//!
//! ```text
//! lesson/
//!   mod.rs     the types: Lesson, LessonStep, Watch, Check, Seen; all_lessons()
//!   load/      Lesson::from_json: version first, serde with field-named errors, the
//!              scenario through the scenario loader (mod.rs), then ranges and step
//!              actions (validate.rs) and references (refs.rs)
//!   eval/      evaluate(): every check kind, pure (&World only) — log checks (log.rs),
//!              send order against deliveries (order.rs), state and series (state.rs)
//!   run.rs     StepStart, start_step, run_step, rewind_to (Back / Restart a step)
//!   text.rs    sentences: shortened MessageIds, phrases for kinds and counters
//! ```
//!
//! Inside, every file uses the types here; `eval` reads a `StepStart` (run.rs) and the
//! words of `text`, `run` calls `evaluate`, and `load` uses none of the others.
//!
//! Pure and wasm-friendly: no I/O; the shipped lessons (`static/lessons/*.json`) are
//! embedded with `include_str!`. See `docs/lessons.md` for the file format, the check
//! kinds and how the UI drives a lesson.

use serde::{Deserialize, Serialize};

use super::scenario::duration::de_ms;
use super::scenario::{Action, Scenario};

mod eval;
mod load;
mod run;
mod text;

pub use eval::evaluate;
pub use load::{KNOWN_KINDS, LESSON_VERSION, MAX_STEP_RUN_MS};
pub use run::{rewind_to, run_step, start_step, StepStart, EVAL_EVERY_MS};
pub use text::short_id;

/// A guided lesson: what the article claims, what SQS really does, the world to show it
/// in, and the steps that show it.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct Lesson {
    /// Format version ([`LESSON_VERSION`]).
    pub version: u32,
    /// Short identifier, lower-case letters, digits and `-` (e.g. `at-least-once`).
    pub id: String,
    /// Position in the list of lessons, from 1.
    pub number: u32,
    /// Title shown in the lesson list.
    pub title: String,
    /// What the article says (quoted or paraphrased).
    pub claim: String,
    /// What SQS really does; says plainly where the article is outdated or loose.
    pub reality: String,
    /// The world the lesson runs in (checked by the scenario loader).
    pub scenario: Scenario,
    /// The steps, in order (at least one).
    pub steps: Vec<LessonStep>,
}

/// One step of a lesson.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct LessonStep {
    /// What to do or look at, in a few short sentences. MessageIds appear only in the
    /// check's [`Seen`] sentence.
    pub text: String,
    /// The entity the UI highlights.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub watch: Option<Watch>,
    /// Applied as user actions when the step starts (recorded: the run replays).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actions: Vec<Action>,
    /// Virtual time the step plays at most, ms (also `"90s"`, `"5d"`, …); 1 ms to
    /// [`MAX_STEP_RUN_MS`].
    #[serde(deserialize_with = "de_ms")]
    pub run_ms: u64,
    /// Suggested playback speed for the UI (× real time), e.g. `10`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub speed: Option<f64>,
    /// What lights up when the world shows the step's point.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub check: Option<Check>,
}

/// The entity a step highlights: `{"queue": "tasks"}`, `{"consumer": "worker-1"}`,
/// `{"producer": "app"}`, `{"server": 1}`, `{"system": "database"}`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(rename_all = "snake_case", deny_unknown_fields)]
pub enum Watch {
    /// A queue, by name.
    Queue(String),
    /// A consumer, by id.
    Consumer(String),
    /// A producer, by id.
    Producer(String),
    /// A storage server, by index (0-based).
    Server(usize),
    /// The order story's database, mail server or shop.
    System(WatchedSystem),
}

/// The systems of the order story a step can highlight.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "kebab-case")]
pub enum WatchedSystem {
    /// The order database (`database`).
    Database,
    /// The mail server (`mail-server`).
    MailServer,
    /// The order shop (`shop`).
    Shop,
}

/// Why a message was delivered again, as a [`Check::Redelivered`] asks for it.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// A server that was down at the delete kept a copy
    /// ([`crate::engine::RedeliveryCause::StaleCopy`]).
    StaleCopy,
    /// The visibility timeout expired before the delete.
    VisibilityTimeoutExpired,
    /// The visibility timeout was set to 0.
    VisibilityTerminated,
}

/// A consumer counter ([`crate::world::consumer::ConsumerCounters`]).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum ConsumerCounter {
    /// Messages processed the first time.
    Processed,
    /// Processing attempts that failed.
    Failed,
    /// Messages processed again although already processed.
    DuplicateProcessed,
    /// Duplicates the idempotency store caught.
    SkippedDuplicates,
    /// ReceiveMessage calls.
    Receives,
    /// ReceiveMessage calls that returned nothing.
    EmptyReceives,
    /// Visibility heartbeats sent.
    Heartbeats,
    /// Crashes.
    Crashes,
    /// Messages processed after a later-sent one (of the same group, for FIFO).
    OutOfOrder,
}

/// A path of the order story ([`crate::world::OrderPath`]).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PathName {
    /// Database write and e-mail in the checkout.
    Tight,
    /// Through the queue.
    Decoupled,
}

/// A counter of one order path ([`crate::world::downstream::PathCounters`]).
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum PathCounter {
    /// Orders placed.
    Placed,
    /// Orders recorded in the database.
    Recorded,
    /// Orders whose confirmation went out.
    Emailed,
    /// Orders e-mailed but never recorded.
    Lost,
    /// Orders recorded or e-mailed more than once.
    Duplicated,
    /// Orders placed and not recorded yet.
    Pending,
}

/// What makes a step's check light up. Log checks look at the entries logged since the
/// step began ([`StepStart::seq`]), so they can be evaluated at any rate; state checks
/// (`stored`, `attribute`, `consumer`, `orders`) read the world as it is now.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Check {
    /// At least `min` (default 1) and at most `max` (if given) log entries of `kind`
    /// (a [`crate::world::LogEvent::kind_name`], see [`KNOWN_KINDS`]) since the step
    /// began, optionally only on `queue`, by `actor` (a log actor name such as
    /// `producer:app`, `consumer:worker-1`, `user`, `sqs`) and whose rendered text
    /// contains `text`.
    Event {
        /// The entry kind.
        kind: String,
        /// Only entries about this queue.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue: Option<String>,
        /// Only entries by this actor.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actor: Option<String>,
        /// Only entries whose text contains this (case-sensitive).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        text: Option<String>,
        /// Fewest matching entries.
        #[serde(default = "one")]
        min: u64,
        /// Most matching entries (e.g. `"min": 0, "max": 0`: none at all).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u64>,
    },
    /// A message delivered again for `cause`, optionally on `queue`.
    Redelivered {
        /// Why it came back.
        cause: CauseKind,
        /// Only on this queue.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue: Option<String>,
    },
    /// A request refused with the AWS error `code` (query code, e.g. `AccessDenied`,
    /// `InvalidParameterValue`, `ThrottlingException`): a failed send, receive, delete
    /// or visibility change, or a refused user action. `queue` only matches entries
    /// that name a queue (refused actions name none).
    Error {
        /// AWS error code.
        code: String,
        /// Only entries about this queue.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue: Option<String>,
        /// Only entries by this actor.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        actor: Option<String>,
    },
    /// A message of `queue` received (first delivery) after one sent later — of the same
    /// message group on a FIFO queue.
    OutOfOrder {
        /// The queue.
        queue: String,
    },
    /// FIFO: while a message was in flight for at least `min_ms`, a later message of its
    /// group waited although messages of other groups were received meanwhile.
    GroupBlocked {
        /// The FIFO queue.
        queue: String,
        /// Shortest wait that counts, ms (also `"5s"`).
        #[serde(default, deserialize_with = "de_ms")]
        min_ms: u64,
    },
    /// Since the step began, the short-polling `consumer` received a message of `queue`
    /// more than its `idle_pause_ms` after the message became visible, holding nothing
    /// in between: so at least one of its polls came back empty while the message
    /// waited (short polls sample servers). Assumes the message's servers stayed up.
    EmptyWhileWaiting {
        /// The queue.
        queue: String,
        /// The short-polling consumer (id).
        consumer: String,
    },
    /// `queue` holds at least `min` (default 1) messages now (visible, in flight or
    /// delayed; not stale copies), the oldest older than `older_than_ms` if given.
    Stored {
        /// The queue.
        queue: String,
        /// Fewest messages.
        #[serde(default = "one")]
        min: u64,
        /// The oldest must be at least this old, ms (also `"4d"`).
        #[serde(
            default,
            deserialize_with = "super::scenario::duration::de_opt_ms",
            skip_serializing_if = "Option::is_none"
        )]
        older_than_ms: Option<u64>,
    },
    /// The queue attribute `name` (as GetQueueAttributes returns it) equals `equals`.
    Attribute {
        /// The queue.
        queue: String,
        /// Attribute name, e.g. `SqsManagedSseEnabled`.
        name: String,
        /// Its expected value, e.g. `"true"`.
        equals: String,
    },
    /// A whole second since the step began whose CloudWatch-named queue metric (e.g.
    /// `NumberOfMessagesSent`) was at least `min` and at most `max` (if given).
    Metric {
        /// The queue.
        queue: String,
        /// Metric name ([`crate::world::metrics::QUEUE_METRICS`]).
        metric: String,
        /// Smallest value.
        min: u64,
        /// Largest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u64>,
    },
    /// A consumer counter (summed over the consumers of `queue`, or all consumers, when
    /// `consumer` is absent) is within `[min, max]` now (at least one bound).
    Consumer {
        /// The consumer id.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        consumer: Option<String>,
        /// Only consumers of this queue (when `consumer` is absent).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        queue: Option<String>,
        /// Which counter.
        counter: ConsumerCounter,
        /// Smallest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u64>,
        /// Largest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u64>,
    },
    /// An order-path counter is within `[min, max]` now (at least one bound).
    Orders {
        /// Which path.
        path: PathName,
        /// Which counter.
        counter: PathCounter,
        /// Smallest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        min: Option<u64>,
        /// Largest value.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        max: Option<u64>,
    },
    /// Every one of `checks` fires (their sentences joined with `; `).
    All {
        /// The checks (at least one).
        checks: Vec<Check>,
    },
}

fn one() -> u64 {
    1
}

/// What a check saw: the sentence the UI lights up, and what it is about.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    /// `seen: …`, MessageIds shortened to 8 characters and `…`.
    pub text: String,
    /// Sequence number of the log entry that made it fire, if one did.
    pub seq: Option<u64>,
    /// The full MessageId the sentence is about, if any (to highlight it).
    pub message_id: Option<String>,
    /// Virtual time it was seen at, epoch ms (the entry's time, or now for a state).
    pub t_ms: u64,
}

/// The shipped lesson files, in number order.
const LESSON_FILES: [(&str, &str); 12] = [
    (
        "01-decoupling.json",
        include_str!("../../../static/lessons/01-decoupling.json"),
    ),
    (
        "02-at-least-once.json",
        include_str!("../../../static/lessons/02-at-least-once.json"),
    ),
    (
        "03-best-effort-order.json",
        include_str!("../../../static/lessons/03-best-effort-order.json"),
    ),
    (
        "04-fifo.json",
        include_str!("../../../static/lessons/04-fifo.json"),
    ),
    (
        "05-visibility-timeout.json",
        include_str!("../../../static/lessons/05-visibility-timeout.json"),
    ),
    (
        "06-dead-letter-queue.json",
        include_str!("../../../static/lessons/06-dead-letter-queue.json"),
    ),
    (
        "07-poison-vs-stop-pill.json",
        include_str!("../../../static/lessons/07-poison-vs-stop-pill.json"),
    ),
    (
        "08-retention.json",
        include_str!("../../../static/lessons/08-retention.json"),
    ),
    (
        "09-delay.json",
        include_str!("../../../static/lessons/09-delay.json"),
    ),
    (
        "10-security.json",
        include_str!("../../../static/lessons/10-security.json"),
    ),
    (
        "11-message-size.json",
        include_str!("../../../static/lessons/11-message-size.json"),
    ),
    (
        "12-throughput.json",
        include_str!("../../../static/lessons/12-throughput.json"),
    ),
];

/// Every shipped lesson, parsed from the embedded `static/lessons/*.json`, in number
/// order (1 to 12).
///
/// # Panics
/// When a shipped file does not load — never in a tested build: `tests/lessons.rs`
/// loads every one.
pub fn all_lessons() -> Vec<Lesson> {
    let mut lessons: Vec<Lesson> = LESSON_FILES
        .iter()
        .map(|(name, text)| {
            Lesson::from_json(text).unwrap_or_else(|e| panic!("static/lessons/{name}: {e}"))
        })
        .collect();
    lessons.sort_by_key(|l| l.number);
    lessons
}
