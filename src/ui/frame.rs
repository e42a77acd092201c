//! The cheap per-frame picture of the world that components draw: built from the
//! world's side-effect-free queries after each tick that changed something, then handed
//! to components as plain data. Token lists are capped per queue ([`TOKENS_PER_QUEUE`])
//! so the DOM stays bounded; every count is exact.

use std::collections::BTreeMap;
use std::rc::Rc;

use super::lesson_run::LessonView;
use super::session::Session;
use crate::world::downstream::{PathCounters, System};
use crate::world::query::{DeadLetterEdge, HeldMessage, MessageFilter, MessageRow, ServerView};
use crate::world::recorder::QueueStats;
use crate::world::scenario::ConsumerRole;
use crate::world::view::{ConsumerView, ProducerView};

/// Message tokens drawn per queue (the rest are counted as "+N more").
pub const TOKENS_PER_QUEUE: usize = 50;

/// The time controls' view of the session.
#[derive(Debug, Clone, PartialEq)]
pub struct ClockView {
    /// Virtual now, epoch ms.
    pub now_ms: u64,
    /// Virtual start, epoch ms.
    pub start_ms: u64,
    /// Seed of the run.
    pub seed: u64,
    /// Steps (instants) processed.
    pub steps: u64,
    /// Playing?
    pub running: bool,
    /// Requested speed.
    pub speed: f64,
    /// Achieved speed (smoothed).
    pub achieved_speed: f64,
    /// Not keeping up with the requested speed.
    pub lagging: bool,
    /// A jump in progress: (fraction done, target instant).
    pub jump: Option<(f64, u64)>,
    /// Recorded user actions lie ahead (after a step back).
    pub has_future: bool,
    /// Notice from the last control.
    pub notice: Option<String>,
    /// Fingerprint of the event log so far.
    pub hash: String,
    /// A shared or saved run being opened: fraction done.
    pub restoring: Option<f64>,
    /// Why autosave is off, if it is.
    pub storage_error: Option<String>,
    /// The moment last autosaved (virtual ms since the start).
    pub saved_at_ms: Option<u64>,
}

/// One queue as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueFrame {
    /// Name.
    pub name: String,
    /// FIFO?
    pub fifo: bool,
    /// ApproximateNumberOfMessages.
    pub visible: u64,
    /// ApproximateNumberOfMessagesNotVisible.
    pub in_flight: u64,
    /// ApproximateNumberOfMessagesDelayed.
    pub delayed: u64,
    /// Stale copies of deleted messages on down servers.
    pub stale: u64,
    /// Totals over the run.
    pub stats: QueueStats,
    /// The first [`TOKENS_PER_QUEUE`] messages in queue order.
    pub tokens: Vec<MessageRow>,
    /// Messages (and stale copies) in all, for "+N more".
    pub total: u64,
    /// Some queue dead-letters into this one.
    pub is_dlq: bool,
    /// Age of the oldest message, ms.
    pub oldest_age_ms: Option<u64>,
}

/// What the order story's shop does.
#[derive(Debug, Clone, PartialEq)]
pub struct ShopFrame {
    /// Orders per second.
    pub rate_per_s: f64,
    /// Runs the tightly coupled path.
    pub tight: bool,
    /// Queue of the decoupled path.
    pub queue: Option<String>,
}

/// Everything drawn in one frame.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The session revision it was built from.
    pub revision: u64,
    /// Clock and controls.
    pub clock: ClockView,
    /// Scenario title.
    pub title: String,
    /// The guided lesson being followed.
    pub lesson: Option<LessonView>,
    /// Scenario id.
    pub scenario_id: String,
    /// Storage servers.
    pub servers: Vec<ServerView>,
    /// Queues, by name.
    pub queues: Vec<QueueFrame>,
    /// RedrivePolicy edges.
    pub edges: Vec<DeadLetterEdge>,
    /// Producers.
    pub producers: Vec<ProducerView>,
    /// Consumers.
    pub consumers: Vec<ConsumerView>,
    /// What each consumer holds (by consumer id), with visibility deadlines.
    pub held: BTreeMap<String, Vec<HeldMessage>>,
    /// Each consumer's role (by consumer id).
    pub roles: BTreeMap<String, ConsumerRole>,
    /// The order shop, if the scenario has one.
    pub shop: Option<ShopFrame>,
    /// The order database.
    pub database: System,
    /// The mail server.
    pub mail_server: System,
    /// Order-story counters per path (`tight`, `decoupled`).
    pub paths: BTreeMap<&'static str, PathCounters>,
    /// Log entries over the whole run.
    pub log_total: u64,
    /// Event-log fingerprint.
    pub hash: String,
    /// Controls used and actions applied so far in the session (slow panels redraw at
    /// once when it moves).
    pub actions: u64,
    /// AWS CLI console entries over the whole run.
    pub cli_total: u64,
    /// AWS CLI console long polls still waiting.
    pub cli_waiting: usize,
    /// Moves whenever the console's transcript changes.
    pub cli_fingerprint: u64,
}

impl Frame {
    /// Builds the frame of `s` now.
    pub fn build(s: &Session) -> Frame {
        let w = s.world();
        let snap = w.snapshot();
        let edges = w.dead_letter_edges();
        let queues = w
            .queue_names()
            .into_iter()
            .map(|name| {
                let page = w
                    .queue_messages(&name, &MessageFilter::default(), 0, TOKENS_PER_QUEUE)
                    .unwrap_or_default();
                let view = snap.queues.iter().find(|q| q.name == name);
                let stats = view.map(|v| v.stats.clone()).unwrap_or_default();
                let (visible, in_flight, delayed) =
                    view.map_or((0, 0, 0), |v| (v.visible, v.in_flight, v.delayed));
                QueueFrame {
                    fifo: name.ends_with(".fifo"),
                    visible,
                    in_flight,
                    delayed,
                    stale: page.total.saturating_sub(visible + in_flight + delayed),
                    stats,
                    tokens: page.rows,
                    total: page.total,
                    is_dlq: edges.iter().any(|e| e.dlq == name),
                    oldest_age_ms: w.oldest_message_age_ms(&name),
                    name,
                }
            })
            .collect();
        let shop = w.shop().map(|shop| ShopFrame {
            rate_per_s: shop.spec.rate_per_s,
            tight: shop.spec.tight,
            queue: shop.spec.queue.clone(),
        });
        let mut held = BTreeMap::new();
        let mut roles = BTreeMap::new();
        for c in &snap.consumers {
            if let Some(d) = w.consumer_detail(&c.id) {
                held.insert(c.id.clone(), d.held);
                roles.insert(c.id.clone(), d.spec.role);
            }
        }
        Frame {
            revision: s.revision,
            clock: ClockView {
                now_ms: w.now_ms(),
                start_ms: w.start_ms(),
                seed: s.base.seed,
                steps: w.steps(),
                running: s.running,
                speed: s.speed,
                achieved_speed: s.achieved_speed,
                lagging: s.lagging,
                jump: s.jump.map(|j| (j.progress(w.now_ms()), j.to_ms)),
                has_future: s.timeline.has_future(),
                notice: s.notice.clone(),
                restoring: s.restoring.as_ref().map(|r| r.progress()),
                hash: w.event_log_hash(),
                storage_error: s.storage_error.clone(),
                saved_at_ms: s.saved_at_ms,
            },
            title: s.base.title.clone(),
            lesson: s.lesson.as_ref().map(LessonView::of),
            scenario_id: s.base.id.clone(),
            servers: w.servers(),
            queues,
            edges,
            producers: snap.producers,
            consumers: snap.consumers,
            held,
            roles,
            shop,
            database: snap.database,
            mail_server: snap.mail_server,
            paths: snap.paths,
            log_total: snap.log_total,
            hash: snap.event_log_hash,
            actions: s.actions,
            cli_total: w.cli_console().total(),
            cli_waiting: w.cli_console().waiting(),
            cli_fingerprint: w.cli_console().fingerprint(),
        }
    }
}

/// Panels that need not redraw on every animation frame while time runs.
pub const SLOW_LANES: usize = 4;
/// How often each slow panel redraws while time runs, wall ms.
pub const SLOW_INTERVAL_MS: f64 = 250.0;

/// The frames the slow panels draw (inspector, charts, event log, build and break
/// panels). While time runs each lane takes the newest frame at most every
/// [`SLOW_INTERVAL_MS`], and at most one lane per animation frame, so their redraws are
/// spread over different frames; when paused, or right after a user action, all of them
/// take it at once.
#[derive(Debug, Clone)]
pub struct SlowLanes {
    frames: Vec<Shared<Frame>>,
    at_ms: Vec<f64>,
    actions: u64,
}

impl SlowLanes {
    /// Every lane starts on `f`.
    pub fn new(f: &Shared<Frame>) -> Self {
        SlowLanes {
            frames: vec![f.clone(); SLOW_LANES],
            at_ms: (0..SLOW_LANES)
                .map(|i| -(i as f64) * SLOW_INTERVAL_MS / SLOW_LANES as f64)
                .collect(),
            actions: f.actions,
        }
    }

    /// Brings the lanes up to date with `f` at wall time `now_ms`.
    pub fn update(&mut self, f: &Shared<Frame>, now_ms: f64) {
        let busy = f.clock.running || f.clock.jump.is_some();
        if !busy || f.actions != self.actions {
            self.actions = f.actions;
            for (frame, at) in self.frames.iter_mut().zip(self.at_ms.iter_mut()) {
                *frame = f.clone();
                *at = now_ms;
            }
            return;
        }
        let (i, _) = self
            .at_ms
            .iter()
            .enumerate()
            .min_by(|a, b| a.1.total_cmp(b.1))
            .expect("lanes exist");
        if now_ms - self.at_ms[i] >= SLOW_INTERVAL_MS {
            self.frames[i] = f.clone();
            self.at_ms[i] = now_ms;
        }
    }

    /// The frame of lane `i`.
    pub fn lane(&self, i: usize) -> Shared<Frame> {
        self.frames[i % SLOW_LANES].clone()
    }
}

/// Shared data compared by identity: a new frame is a new `Rc`, so unchanged props skip
/// re-rendering without a deep comparison.
#[derive(Debug)]
pub struct Shared<T>(pub Rc<T>);

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared(self.0.clone())
    }
}

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}
