//! Applying [`Action`]s: user clicks (recorded for replay) and scheduled faults.

use std::sync::Arc;

use serde::Serialize;

use super::actors::consumer::ConsumerState;
use super::record::log::actor;
use super::record::world_event::{WorldEvent, WorldKind};
use super::scenario::{check_rate, Action, TimedAction};
use super::world::{ActorRef, Target, World};
use crate::engine::{
    queue_arn as arn, queue_url as url, PurgeQueueRequest, SendMessageRequest,
    SetQueueAttributesRequest, StartMessageMoveTaskRequest, OWNER_ARN,
};

/// A refused action: what the UI shows next to the field (AWS's code and message when
/// SQS refused it).
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct ActionError {
    /// The form field it is about (`rate_per_s`, `VisibilityTimeout`, `name`, …), if one.
    pub field: Option<String>,
    /// AWS's error code (`InvalidAttributeValue`, …) when SQS refused it.
    pub code: Option<String>,
    /// Why, in words (AWS's message where AWS has one).
    pub message: String,
}

impl std::fmt::Display for ActionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.code {
            Some(code) => write!(f, "{code}: {}", self.message),
            None => f.write_str(&self.message),
        }
    }
}

impl std::error::Error for ActionError {}

impl World {
    /// Applies a user action now and records it in the action log (with the current
    /// step), so that saving and replaying reproduces this run exactly. Returns the
    /// error text when the action could not be applied (it is still recorded: a
    /// refused click is part of the story, and replays refuse it the same way).
    pub fn apply(&mut self, action: Action) -> Result<(), ActionError> {
        // Recorded among the applied ones: actions still ahead (if any) stay after it.
        self.recorded.insert(
            self.user_next,
            TimedAction {
                at_ms: self.now_ms() - self.start_ms,
                step: Some(self.steps),
                action: action.clone(),
            },
        );
        self.user_next += 1;
        let actor = self.user_actor.clone();
        self.apply_as(&actor, &action)
            .map_err(|message| ActionError {
                field: None,
                code: None,
                message,
            })
    }

    /// Applies an action attributed to `actor` and logs the outcome.
    pub(super) fn apply_as(&mut self, actor: &Arc<str>, action: &Action) -> Result<(), String> {
        let result = self.apply_inner(action);
        let evs = self.engine.drain_events();
        self.rec.absorb(actor, evs);
        let kind = WorldKind::ActionApplied {
            action: action.name(),
            error: result.clone().err(),
        };
        self.rec
            .world(self.now_ms(), actor, WorldEvent::plain(kind));
        // A manual send may satisfy a waiting long poll at once.
        self.deliver_polls();
        result
    }

    fn consumer_idx(&self, id: &str) -> Result<usize, String> {
        self.consumers
            .iter()
            .position(|c| c.spec.id == id)
            .ok_or_else(|| format!("no consumer {id:?}"))
    }

    fn producer_idx(&self, id: &str) -> Result<usize, String> {
        self.producers
            .iter()
            .position(|p| p.spec.id == id)
            .ok_or_else(|| format!("no producer {id:?}"))
    }

    fn system_changed(&mut self, system: &'static str, up: bool) {
        let actor: Arc<str> = Arc::from(system);
        self.rec.world(
            self.now_ms(),
            &actor,
            WorldEvent::plain(WorldKind::SystemChanged { system, up }),
        );
    }

    fn apply_inner(&mut self, action: &Action) -> Result<(), String> {
        match action {
            Action::KillServer { server } => {
                self.engine.kill_server(*server).map_err(|e| e.to_string())
            }
            Action::ReviveServer { server } => self
                .engine
                .revive_server(*server)
                .map_err(|e| e.to_string()),
            Action::KillDatabase | Action::ReviveDatabase => {
                let up = matches!(action, Action::ReviveDatabase);
                self.shared.database.up = up;
                self.system_changed(actor::DATABASE, up);
                Ok(())
            }
            Action::KillMailServer | Action::ReviveMailServer => {
                let up = matches!(action, Action::ReviveMailServer);
                self.shared.mail_server.up = up;
                self.system_changed(actor::MAIL_SERVER, up);
                Ok(())
            }
            Action::CrashConsumer { consumer } => {
                let i = self.consumer_idx(consumer)?;
                if let Some(id) = self.consumers[i].pending_poll() {
                    self.polls.remove(&id);
                }
                self.act(Target::Consumer(i), |a, ctx| {
                    if let ActorRef::Consumer(c) = a {
                        c.crash(ctx);
                    }
                });
                Ok(())
            }
            Action::RestartConsumer { consumer } => {
                let i = self.consumer_idx(consumer)?;
                if !matches!(
                    self.consumers[i].state,
                    ConsumerState::Crashed | ConsumerState::Stopped
                ) {
                    return Err(format!("consumer {consumer:?} is running"));
                }
                self.act(Target::Consumer(i), |a, ctx| {
                    if let ActorRef::Consumer(c) = a {
                        c.restart(ctx);
                    }
                });
                Ok(())
            }
            Action::StartProducer { producer } => {
                let i = self.producer_idx(producer)?;
                let now = self.now_ms();
                self.act(Target::Producer(i), |a, ctx| {
                    if let ActorRef::Producer(p) = a {
                        p.start(ctx, now);
                    }
                });
                Ok(())
            }
            Action::StopProducer { producer } => {
                let i = self.producer_idx(producer)?;
                self.act(Target::Producer(i), |a, ctx| {
                    if let ActorRef::Producer(p) = a {
                        p.stop(ctx);
                    }
                });
                Ok(())
            }
            Action::SetProducerRate {
                producer,
                rate_per_s,
            } => {
                check_rate(*rate_per_s).map_err(|e| format!("rate_per_s {e}"))?;
                let i = self.producer_idx(producer)?;
                let rate = *rate_per_s;
                self.act(Target::Producer(i), |a, ctx| {
                    if let ActorRef::Producer(p) = a {
                        p.set_rate(ctx, rate);
                    }
                });
                Ok(())
            }
            Action::SendMessage {
                queue,
                body,
                caller,
                group_id,
                dedup_id,
                delay_s,
                attributes,
            } => {
                let req = SendMessageRequest {
                    queue_url: url(queue),
                    message_body: body.clone(),
                    message_attributes: attributes.clone(),
                    delay_seconds: delay_s.map(i64::from),
                    message_group_id: group_id.clone(),
                    message_deduplication_id: dedup_id.clone(),
                    ..Default::default()
                };
                self.engine
                    .send_message(caller, req)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Action::StartRedrive {
                source_queue,
                destination_queue,
                rate_per_s,
            } => {
                let req = StartMessageMoveTaskRequest {
                    source_arn: arn(source_queue),
                    destination_arn: destination_queue.as_deref().map(arn),
                    max_number_of_messages_per_second: rate_per_s.map(i64::from),
                };
                self.engine
                    .start_message_move_task(OWNER_ARN, req)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Action::PurgeQueue { queue } => self
                .engine
                .purge_queue(
                    OWNER_ARN,
                    PurgeQueueRequest {
                        queue_url: url(queue),
                    },
                )
                .map(|_| ())
                .map_err(|e| e.to_string()),
            Action::SetQueueAttributes { queue, attributes } => {
                let req = SetQueueAttributesRequest {
                    queue_url: url(queue),
                    attributes: attributes.clone(),
                };
                self.engine
                    .set_queue_attributes(OWNER_ARN, req)
                    .map(|_| ())
                    .map_err(|e| e.to_string())
            }
            Action::AddProducer { producer } => {
                if self.producers.iter().any(|p| p.spec.id == producer.id) {
                    return Err(format!("producer {:?} exists", producer.id));
                }
                let spec = (**producer).clone();
                if !self.engine.queue_names().contains(&spec.queue) {
                    return Err(format!("no queue {:?}", spec.queue));
                }
                self.add_producer(spec);
                Ok(())
            }
            Action::AddConsumer { consumer } => {
                if self.consumers.iter().any(|c| c.spec.id == consumer.id) {
                    return Err(format!("consumer {:?} exists", consumer.id));
                }
                let spec = (**consumer).clone();
                if !self.engine.queue_names().contains(&spec.queue) {
                    return Err(format!("no queue {:?}", spec.queue));
                }
                self.add_consumer(spec);
                Ok(())
            }
            Action::CreateQueue { .. }
            | Action::DeleteQueue { .. }
            | Action::AddServer
            | Action::CancelRedrive { .. }
            | Action::EditProducer { .. }
            | Action::RemoveProducer { .. }
            | Action::EditConsumer { .. }
            | Action::RemoveConsumer { .. } => todo!("world action: {}", action.name()),
        }
    }
}
