//! The [`World`]: the engine plus actors plus a clock driver. Actors act only through
//! the engine's typed API; the world only schedules them and records what happens.

use std::cmp::Reverse;
use std::collections::{BTreeMap, BinaryHeap, VecDeque};
use std::sync::Arc;

use super::actors::actor_ctx::{ActorCtx, Shared, Wake};
use super::actors::consumer::Consumer;
use super::actors::downstream::System;
use super::actors::producer::Producer;
use super::actors::shop::Shop;
use super::record::log::{actor, DEFAULT_LOG_CAPACITY};
use super::record::recorder::Recorder;
use super::scenario::{ConsumerSpec, ProducerSpec, Scenario, ScenarioError, TimedAction};
use crate::engine::{
    CreateQueueRequest, Engine, EngineConfig, PollId, DEFAULT_START_MS, OWNER_ARN,
};

/// Tuning of a world that is not part of the scenario (it never changes outcomes).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WorldOptions {
    /// Entries kept in the event-log ring buffer.
    pub log_capacity: usize,
}

impl Default for WorldOptions {
    fn default() -> Self {
        WorldOptions {
            log_capacity: DEFAULT_LOG_CAPACITY,
        }
    }
}

/// A running simulation. `Clone` is a full, independent copy (the timeline's
/// checkpoints): the clone runs on exactly as the original would.
#[derive(Clone)]
pub struct World {
    /// The loaded document without its step-pinned (recorded) user actions, which live
    /// in `recorded`.
    pub(super) base: Scenario,
    /// Every step-pinned user action of this run, in the order they apply: the loaded
    /// document's recorded actions and the clicks since. `recorded[..user_next]` have
    /// been applied; the rest lie ahead (a loaded run being replayed, or the future
    /// after a step back) and run when the driver reaches their step.
    pub(super) recorded: Vec<TimedAction>,
    /// How many of `recorded` have been applied.
    pub(super) user_next: usize,
    pub(super) engine: Engine,
    pub(super) start_ms: u64,
    pub(super) steps: u64,
    pub(super) wake_seq: u64,
    pub(super) wakes: BinaryHeap<Reverse<(u64, u64, Wake)>>,
    pub(super) scratch_wakes: Vec<(u64, Wake)>,
    pub(super) producers: Vec<Producer>,
    pub(super) consumers: Vec<Consumer>,
    pub(super) shop: Option<Shop>,
    pub(super) polls: BTreeMap<PollId, usize>,
    pub(super) shared: Shared,
    pub(super) rec: Recorder,
    /// Scheduled actions (the fault schedule and hand-written actions), in time order.
    pub(super) pending: VecDeque<TimedAction>,
    pub(super) next_sample_ms: u64,
    pub(super) last_consumer_counts: Vec<[u64; 3]>,
    pub(super) sqs_actor: Arc<str>,
    pub(super) user_actor: Arc<str>,
    pub(super) schedule_actor: Arc<str>,
    /// The AWS CLI console: transcript, waiting long polls, received messages.
    pub(super) cli: super::cli::CliConsole,
}

/// Which actor a dispatch goes to.
#[derive(Debug, Clone, Copy)]
pub(super) enum Target {
    Producer(usize),
    Consumer(usize),
    Shop,
}

impl World {
    /// Builds a world from a checked scenario. Fails (naming the field) when SQS refuses
    /// a queue; the caller's current world, if any, is untouched.
    pub fn from_scenario(scenario: &Scenario) -> Result<World, ScenarioError> {
        World::with_options(scenario, WorldOptions::default())
    }

    /// Parses, checks and builds in one go.
    pub fn from_json(text: &str) -> Result<World, ScenarioError> {
        World::from_scenario(&Scenario::from_json(text)?)
    }

    /// Replaces this world with the one described by `text`. On any error (bad JSON,
    /// a field out of range, a future version, a queue SQS refuses) nothing changes:
    /// the current world keeps running as it was.
    pub fn load_json(&mut self, text: &str) -> Result<(), ScenarioError> {
        let next = World::with_options(
            &Scenario::from_json(text)?,
            WorldOptions {
                log_capacity: self.rec.log.capacity(),
            },
        )?;
        *self = next;
        Ok(())
    }

    /// [`World::from_scenario`] with explicit options.
    pub fn with_options(scenario: &Scenario, opts: WorldOptions) -> Result<World, ScenarioError> {
        scenario.check()?;
        let start_ms = scenario.start_ms.unwrap_or(DEFAULT_START_MS);
        let engine = Engine::new(EngineConfig {
            seed: scenario.seed,
            servers: scenario.servers,
            start_ms,
        });
        let (user, mut sched): (Vec<TimedAction>, Vec<TimedAction>) = scenario
            .actions
            .iter()
            .cloned()
            .partition(|a| a.step.is_some());
        let mut base = scenario.clone();
        base.actions = sched.clone();
        let mut w = World {
            base,
            recorded: user,
            user_next: 0,
            engine,
            start_ms,
            steps: 0,
            wake_seq: 0,
            wakes: BinaryHeap::new(),
            scratch_wakes: Vec::new(),
            producers: Vec::new(),
            consumers: Vec::new(),
            shop: None,
            polls: BTreeMap::new(),
            shared: Shared {
                database: System::new(scenario.downstream.database.up),
                mail_server: System::new(scenario.downstream.mail_server.up),
                ..Default::default()
            },
            rec: Recorder::new(opts.log_capacity),
            pending: VecDeque::new(),
            next_sample_ms: start_ms + 1_000,
            last_consumer_counts: Vec::new(),
            sqs_actor: Arc::from(actor::SQS),
            user_actor: Arc::from(actor::USER),
            schedule_actor: Arc::from(actor::SCHEDULE),
            cli: Default::default(),
        };
        w.create_queues()?;
        for spec in scenario.producers.clone() {
            w.add_producer(spec);
        }
        for spec in scenario.consumers.clone() {
            w.add_consumer(spec);
        }
        if let Some(spec) = &scenario.shop {
            let mut shop = Shop::new(spec.clone());
            w.with_ctx(Arc::from(actor::SHOP), |ctx| shop.start(ctx, start_ms));
            w.shop = Some(shop);
        }
        let mut pending: Vec<TimedAction> = scenario.faults.clone();
        pending.append(&mut sched);
        pending.sort_by_key(|a| a.at_ms); // stable: faults before actions at the same time
        w.pending = pending.into();
        Ok(w)
    }

    fn create_queues(&mut self) -> Result<(), ScenarioError> {
        // Dead-letter targets must exist first, so create in dependency order.
        let specs = self.base.queues.clone();
        let dlq_of = |i: usize| -> Option<String> {
            let rp = specs[i].attributes.get("RedrivePolicy")?;
            let v: serde_json::Value = serde_json::from_str(rp).ok()?;
            let arn = v.get("deadLetterTargetArn")?.as_str()?;
            Some(arn.rsplit(':').next()?.to_string())
        };
        let mut remaining: Vec<usize> = (0..specs.len()).collect();
        while !remaining.is_empty() {
            let waits_for_other = |i: usize, rem: &[usize]| match dlq_of(i) {
                Some(d) => rem.iter().any(|&j| j != i && specs[j].name == d),
                None => false,
            };
            // A cycle (or a missing target) takes the first one: SQS then explains the problem.
            let pos = remaining
                .iter()
                .position(|&i| !waits_for_other(i, &remaining))
                .unwrap_or(0);
            let i = remaining.remove(pos);
            let req = CreateQueueRequest {
                queue_name: specs[i].name.clone(),
                attributes: specs[i].attributes.clone(),
                tags: specs[i].tags.clone(),
            };
            self.engine.create_queue(OWNER_ARN, req).map_err(|e| {
                ScenarioError::new(
                    format!("queues[{i}]"),
                    format!("CreateQueue {:?} failed: {e}", specs[i].name),
                )
            })?;
        }
        self.rec.absorb_from(&self.sqs_actor, &mut self.engine);
        Ok(())
    }

    pub(super) fn add_producer(&mut self, spec: ProducerSpec) {
        let idx = self.producers.len();
        let first = self
            .now_ms()
            .max(self.start_ms.saturating_add(spec.start_ms));
        let running = spec.running;
        let mut p = Producer::new(spec, idx, self.base.seed);
        if running {
            self.with_ctx(p.actor.clone(), |ctx| p.start(ctx, first));
        }
        self.producers.push(p);
    }

    pub(super) fn add_consumer(&mut self, spec: ConsumerSpec) {
        let idx = self.consumers.len();
        let first = self
            .now_ms()
            .max(self.start_ms.saturating_add(spec.start_ms));
        let mut c = Consumer::new(spec, idx, self.base.seed);
        self.with_ctx(c.actor.clone(), |ctx| c.start(ctx, first));
        self.consumers.push(c);
        self.last_consumer_counts.push([0; 3]);
    }

    /// Runs `f` with an acting context for `actor`, then queues the wake-ups it asked for.
    pub(super) fn with_ctx<R>(&mut self, actor: Arc<str>, f: impl FnOnce(&mut ActorCtx) -> R) -> R {
        let now_ms = self.engine.now_ms();
        let mut wakes = std::mem::take(&mut self.scratch_wakes);
        let mut ctx = ActorCtx {
            engine: &mut self.engine,
            rec: &mut self.rec,
            shared: &mut self.shared,
            now_ms,
            actor,
            wakes: &mut wakes,
        };
        let r = f(&mut ctx);
        ctx.flush();
        for (t, w) in wakes.drain(..) {
            self.wakes.push(Reverse((t, self.wake_seq, w)));
            self.wake_seq += 1;
        }
        self.scratch_wakes = wakes;
        r
    }

    /// Runs `f` on one actor with its context.
    pub(super) fn act(&mut self, target: Target, f: impl FnOnce(&mut ActorRef, &mut ActorCtx)) {
        let now_ms = self.engine.now_ms();
        let mut wakes = std::mem::take(&mut self.scratch_wakes);
        {
            let (mut actor_ref, name) = match target {
                Target::Producer(i) => {
                    let p = &mut self.producers[i];
                    let name = p.actor.clone();
                    (ActorRef::Producer(p), name)
                }
                Target::Consumer(i) => {
                    let c = &mut self.consumers[i];
                    let name = c.actor.clone();
                    (ActorRef::Consumer(c), name)
                }
                Target::Shop => match self.shop.as_mut() {
                    Some(s) => {
                        let name = s.actor.clone();
                        (ActorRef::Shop(s), name)
                    }
                    None => {
                        self.scratch_wakes = wakes;
                        return;
                    }
                },
            };
            let mut ctx = ActorCtx {
                engine: &mut self.engine,
                rec: &mut self.rec,
                shared: &mut self.shared,
                now_ms,
                actor: name,
                wakes: &mut wakes,
            };
            f(&mut actor_ref, &mut ctx);
            ctx.flush();
        }
        for (t, w) in wakes.drain(..) {
            self.wakes.push(Reverse((t, self.wake_seq, w)));
            self.wake_seq += 1;
        }
        self.scratch_wakes = wakes;
        // A long poll an actor just started is routed back to it when it completes.
        if let Target::Consumer(i) = target {
            if let Some(id) = self.consumers[i].pending_poll() {
                self.polls.insert(id, i);
            }
        }
    }

    /// Current virtual time, epoch ms (the engine's clock: the world has no clock of its own).
    pub fn now_ms(&self) -> u64 {
        self.engine.now_ms()
    }

    /// Virtual start instant, epoch ms.
    pub fn start_ms(&self) -> u64 {
        self.start_ms
    }

    /// Virtual time elapsed since the start, ms.
    pub fn elapsed_ms(&self) -> u64 {
        self.now_ms() - self.start_ms
    }

    /// Instants processed so far.
    pub fn steps(&self) -> u64 {
        self.steps
    }

    /// The engine, read-only (for inspection; actors are the only writers).
    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// The event log, mutable (to tap it; entries cannot be altered).
    pub fn log_mut(&mut self) -> &mut super::record::log::EventLog {
        &mut self.rec.log
    }

    /// The recorder: event log, queue statistics, metrics.
    pub fn recorder(&self) -> &Recorder {
        &self.rec
    }

    /// Downstream systems, S3, orders and id windows.
    pub fn shared(&self) -> &Shared {
        &self.shared
    }

    /// The producers by slot, removed ones included (see [`Producer::is_removed`]; the
    /// snapshot and the queries hide them).
    pub fn producers(&self) -> &[Producer] {
        &self.producers
    }

    /// The consumers by slot, removed ones included (see [`Consumer::is_removed`]).
    pub fn consumers(&self) -> &[Consumer] {
        &self.consumers
    }

    /// The live (not removed) consumer with this id.
    pub fn consumer(&self, id: &str) -> Option<&Consumer> {
        self.consumers
            .iter()
            .find(|c| !c.is_removed() && c.spec.id == id)
    }

    /// The live (not removed) producer with this id.
    pub fn producer(&self, id: &str) -> Option<&Producer> {
        self.producers
            .iter()
            .find(|p| !p.is_removed() && p.spec.id == id)
    }

    /// The shop, if the scenario has one.
    pub fn shop(&self) -> Option<&Shop> {
        self.shop.as_ref()
    }

    /// Hex SHA-256 of the event log's canonical JSON lines (the replay fingerprint).
    pub fn event_log_hash(&self) -> String {
        self.rec.log.hash_hex()
    }

    /// The scenario as it would be saved now: the loaded document plus every user
    /// action of this run (with its time and step) — applied so far, or still ahead
    /// when this world replays a loaded run or was stepped back — so a load replays it.
    pub fn to_scenario(&self) -> Scenario {
        let mut s = self.base.clone();
        s.actions.extend(self.recorded.iter().cloned());
        s.actions.sort_by_key(|a| a.at_ms); // stable: recorded ones keep their order
        s
    }

    /// True when recorded user actions lie ahead of the current position.
    pub fn has_pending_user_actions(&self) -> bool {
        self.user_next < self.recorded.len()
    }
}

/// Mutable access to one actor while it acts.
pub(super) enum ActorRef<'a> {
    Producer(&'a mut Producer),
    Consumer(&'a mut Consumer),
    Shop(&'a mut Shop),
}
