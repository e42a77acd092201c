//! Actor actions: add, edit and remove producers and consumers, start/stop/rate, crash
//! and restart. New and edited specs pass the same checks as a loaded scenario
//! ([`check_producer`] / [`check_consumer`] against the queues that exist now), so a
//! runtime-added actor can never make the saved document unloadable.
//!
//! Actors are addressed by index in their wake-ups, so a removed one keeps its slot as a
//! tombstone (stopped, never acting again, hidden from snapshots and queries); its id
//! may be used again by a later `add_*`.

use super::actors::consumer::ConsumerState;
use super::apply::ActionError;
use super::scenario::{check_consumer, check_producer, specs, Action, QueueFacts};
use super::world::{ActorRef, Target, World};

impl World {
    /// Index of the live consumer `id`.
    fn consumer_idx(&self, id: &str, field: &str) -> Result<usize, ActionError> {
        self.consumers
            .iter()
            .position(|c| !c.is_removed() && c.spec.id == id)
            .ok_or_else(|| ActionError::new(Some(field), format!("no consumer {id:?}")))
    }

    /// Index of the live producer `id`.
    fn producer_idx(&self, id: &str, field: &str) -> Result<usize, ActionError> {
        self.producers
            .iter()
            .position(|p| !p.is_removed() && p.spec.id == id)
            .ok_or_else(|| ActionError::new(Some(field), format!("no producer {id:?}")))
    }

    /// The queues that exist now, as the spec checks see them.
    pub(super) fn queue_facts(&self) -> QueueFacts {
        let mut facts = QueueFacts::new();
        for name in self.engine.queue_names() {
            let attrs = self.engine.queue_attributes(&name).unwrap_or_default();
            facts.insert(&name, &attrs);
        }
        facts
    }

    /// When an actor added or edited now starts: now, or its `start_ms` after the
    /// scenario start if that is later.
    fn start_at(&self, start_ms: u64) -> u64 {
        self.now_ms().max(self.start_ms.saturating_add(start_ms))
    }

    /// Drops the long poll consumer `i` waits on from the routing table: whatever it
    /// returns is abandoned in flight.
    fn forget_poll(&mut self, i: usize) {
        if let Some(id) = self.consumers[i].pending_poll() {
            self.polls.remove(&id);
        }
    }

    pub(super) fn apply_actor_action(&mut self, action: &Action) -> Result<(), ActionError> {
        match action {
            Action::CrashConsumer { consumer } => {
                let i = self.consumer_idx(consumer, "consumer")?;
                self.forget_poll(i);
                self.act_consumer(i, |c, ctx| c.crash(ctx));
                Ok(())
            }
            Action::RestartConsumer { consumer } => {
                let i = self.consumer_idx(consumer, "consumer")?;
                if !matches!(
                    self.consumers[i].state,
                    ConsumerState::Crashed | ConsumerState::Stopped
                ) {
                    return Err(ActionError::new(
                        Some("consumer"),
                        format!("consumer {consumer:?} is running"),
                    ));
                }
                self.act_consumer(i, |c, ctx| c.restart(ctx));
                Ok(())
            }
            Action::StartProducer { producer } => {
                let i = self.producer_idx(producer, "producer")?;
                let now = self.now_ms();
                self.act_producer(i, |p, ctx| p.start(ctx, now));
                Ok(())
            }
            Action::StopProducer { producer } => {
                let i = self.producer_idx(producer, "producer")?;
                self.act_producer(i, |p, ctx| p.stop(ctx));
                Ok(())
            }
            Action::SetProducerRate {
                producer,
                rate_per_s,
            } => {
                specs::check_rate(*rate_per_s)
                    .map_err(|e| ActionError::new(Some("rate_per_s"), e))?;
                let i = self.producer_idx(producer, "producer")?;
                let rate = *rate_per_s;
                self.act_producer(i, |p, ctx| p.set_rate(ctx, rate));
                Ok(())
            }
            Action::AddProducer { producer } => {
                if self.producer_idx(&producer.id, "id").is_ok() {
                    return Err(ActionError::new(
                        Some("id"),
                        format!("producer {:?} exists", producer.id),
                    ));
                }
                check_producer(producer, "", &self.queue_facts())?;
                self.add_producer((**producer).clone());
                Ok(())
            }
            Action::AddConsumer { consumer } => {
                if self.consumer_idx(&consumer.id, "id").is_ok() {
                    return Err(ActionError::new(
                        Some("id"),
                        format!("consumer {:?} exists", consumer.id),
                    ));
                }
                check_consumer(consumer, "", &self.queue_facts())?;
                self.add_consumer((**consumer).clone());
                Ok(())
            }
            Action::EditProducer { producer } => {
                let i = self.producer_idx(&producer.id, "id")?;
                check_producer(producer, "", &self.queue_facts())?;
                let (spec, at) = ((**producer).clone(), self.start_at(producer.start_ms));
                self.act_producer(i, |p, ctx| p.edit(ctx, spec, at));
                Ok(())
            }
            Action::RemoveProducer { producer } => {
                let i = self.producer_idx(producer, "producer")?;
                self.act_producer(i, |p, ctx| p.remove(ctx));
                Ok(())
            }
            Action::EditConsumer { consumer } => {
                let i = self.consumer_idx(&consumer.id, "id")?;
                check_consumer(consumer, "", &self.queue_facts())?;
                self.forget_poll(i);
                let (spec, at) = ((**consumer).clone(), self.start_at(consumer.start_ms));
                self.act_consumer(i, |c, ctx| c.edit(ctx, spec, at));
                Ok(())
            }
            Action::RemoveConsumer { consumer } => {
                let i = self.consumer_idx(consumer, "consumer")?;
                self.forget_poll(i);
                self.act_consumer(i, |c, ctx| c.remove(ctx));
                Ok(())
            }
            other => unreachable!("{} is not an actor action", other.name()),
        }
    }

    fn act_producer(
        &mut self,
        i: usize,
        f: impl FnOnce(&mut super::producer::Producer, &mut super::actors::actor_ctx::ActorCtx),
    ) {
        self.act(Target::Producer(i), |a, ctx| {
            if let ActorRef::Producer(p) = a {
                f(p, ctx);
            }
        });
    }

    fn act_consumer(
        &mut self,
        i: usize,
        f: impl FnOnce(&mut super::consumer::Consumer, &mut super::actors::actor_ctx::ActorCtx),
    ) {
        self.act(Target::Consumer(i), |a, ctx| {
            if let ActorRef::Consumer(c) = a {
                f(c, ctx);
            }
        });
    }
}
