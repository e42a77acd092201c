//! Applying [`Action`]s: user clicks (recorded for replay) and scheduled faults. Every
//! action is validated here, at the moment it applies — by SQS itself for queue and
//! message actions, by the scenario's own checks ([`crate::world::scenario::checks`])
//! for actor specs — so a refused action is refused the same way on every replay.
//! Actor actions (add, edit, remove, start, stop, …) are in `apply_actors.rs`.

use std::sync::Arc;

use serde::Serialize;

use super::record::log::actor;
use super::record::world_event::{WorldEvent, WorldKind};
use super::scenario::{Action, ScenarioError, TimedAction, MAX_SERVERS};
use super::world::World;
use crate::engine::{
    queue_arn as arn, queue_url as url, CancelMessageMoveTaskRequest, CreateQueueRequest,
    DeleteQueueRequest, ListMessageMoveTasksRequest, MoveTaskStatus, PurgeQueueRequest,
    SendMessageRequest, SetQueueAttributesRequest, SqsError, StartMessageMoveTaskRequest,
    OWNER_ARN,
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

impl ActionError {
    /// A refusal by the world (not SQS), about `field` if given.
    pub fn new(field: Option<&str>, message: impl Into<String>) -> Self {
        ActionError {
            field: field.map(str::to_string),
            code: None,
            message: message.into(),
        }
    }

    /// SQS refused it: AWS's code and message; the field is the parameter AWS's message
    /// names (mapped through `fields`: AWS name → form field; an unmapped name is kept as
    /// it is, e.g. an attribute such as `VisibilityTimeout`), else `fallback`.
    pub fn sqs(e: SqsError, fields: &[(&str, &str)], fallback: Option<&str>) -> Self {
        let field = named_parameter(&e.message)
            .map(|p| {
                fields
                    .iter()
                    .find(|(aws, _)| *aws == p)
                    .map_or(p, |(_, f)| *f)
                    .to_string()
            })
            .or_else(|| {
                // No "parameter X": the first known name the message mentions as a word.
                fields
                    .iter()
                    .filter_map(|(aws, f)| word_at(&e.message, aws).map(|i| (i, *f)))
                    .min_by_key(|(i, _)| *i)
                    .map(|(_, f)| f.to_string())
            })
            .or_else(|| fallback.map(str::to_string));
        ActionError {
            field,
            code: Some(e.code),
            message: e.message,
        }
    }
}

impl From<ScenarioError> for ActionError {
    fn from(e: ScenarioError) -> Self {
        ActionError {
            field: (e.field != ".").then_some(e.field),
            code: None,
            message: e.message,
        }
    }
}

/// The parameter AWS's message names: `… for parameter X …`, `… the parameter X.`,
/// `Unknown Attribute X.`, `You can specify the X only …`.
fn named_parameter(message: &str) -> Option<&str> {
    [
        "for parameter ",
        "the parameter ",
        "Unknown Attribute ",
        "You can specify the ",
    ]
    .iter()
    .find_map(|p| {
        let rest = &message[message.find(p)? + p.len()..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        (end > 0).then(|| &rest[..end])
    })
}

/// Byte offset of `word` in `text` as a whole word.
fn word_at(text: &str, word: &str) -> Option<usize> {
    let is_word = |c: char| c.is_ascii_alphanumeric() || c == '_';
    text.match_indices(word).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
        let after = text[i + word.len()..]
            .chars()
            .next()
            .is_none_or(|c| !is_word(c));
        before && after
    })
}

/// Form fields of actions on a queue by URL: a missing queue is about the queue field.
const QUEUE_FIELDS: &[(&str, &str)] = &[("QueueUrl", "queue")];

/// Form fields of `send_message`.
const SEND_FIELDS: &[(&str, &str)] = &[
    ("QueueUrl", "queue"),
    ("MessageBody", "body"),
    ("DelaySeconds", "delay_s"),
    ("MessageGroupId", "group_id"),
    ("MessageDeduplicationId", "dedup_id"),
    ("MessageAttributes", "attributes"),
    ("MessageAttribute", "attributes"),
];

/// Form fields of `start_redrive` / `cancel_redrive`.
const REDRIVE_FIELDS: &[(&str, &str)] = &[
    ("SourceArn", "source_queue"),
    ("DestinationArn", "destination_queue"),
    ("MaxNumberOfMessagesPerSecond", "rate_per_s"),
];

impl World {
    /// Applies a user action now and records it in the action log (with the current
    /// step), so that saving and replaying reproduces this run exactly. Returns why the
    /// action was refused, naming the form field (it is still recorded and logged: a
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
    }

    /// Applies an action attributed to `actor` and logs the outcome.
    pub(super) fn apply_as(
        &mut self,
        actor: &Arc<str>,
        action: &Action,
    ) -> Result<(), ActionError> {
        let result = self.apply_inner(action);
        self.rec.absorb_from(actor, &mut self.engine);
        let kind = WorldKind::ActionApplied {
            action: action.name(),
            error: result.as_ref().err().map(ActionError::to_string),
        };
        self.rec
            .world(self.now_ms(), actor, WorldEvent::plain(kind));
        // A manual send may satisfy a waiting long poll at once.
        self.deliver_polls();
        result
    }

    fn system_changed(&mut self, system: &'static str, up: bool) {
        let actor: Arc<str> = Arc::from(system);
        self.rec.world(
            self.now_ms(),
            &actor,
            WorldEvent::plain(WorldKind::SystemChanged { system, up }),
        );
    }

    fn apply_inner(&mut self, action: &Action) -> Result<(), ActionError> {
        let server_err = |e: SqsError| ActionError::sqs(e, &[], Some("server"));
        match action {
            Action::KillServer { server } => self.engine.kill_server(*server).map_err(server_err),
            Action::ReviveServer { server } => {
                self.engine.revive_server(*server).map_err(server_err)
            }
            Action::AddServer => {
                if self.engine.server_count() >= MAX_SERVERS {
                    return Err(ActionError::new(
                        None,
                        format!("a region has at most {MAX_SERVERS} servers"),
                    ));
                }
                self.engine.add_server();
                Ok(())
            }
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
                    .map_err(|e| ActionError::sqs(e, SEND_FIELDS, Some("queue")))
            }
            Action::CreateQueue {
                name,
                attributes,
                tags,
            } => {
                let req = CreateQueueRequest {
                    queue_name: name.clone(),
                    attributes: attributes.clone(),
                    tags: tags.clone(),
                };
                let mut fields: Vec<(&str, &str)> = attributes
                    .keys()
                    .map(|k| (k.as_str(), k.as_str()))
                    .collect();
                fields.extend([("QueueName", "name"), ("Tags", "tags"), ("tag", "tags")]);
                self.engine
                    .create_queue(OWNER_ARN, req)
                    .map(|_| ())
                    .map_err(|e| ActionError::sqs(e, &fields, Some("name")))
            }
            Action::DeleteQueue { queue } => self
                .engine
                .delete_queue(
                    OWNER_ARN,
                    DeleteQueueRequest {
                        queue_url: url(queue),
                    },
                )
                .map(|_| ())
                .map_err(|e| ActionError::sqs(e, QUEUE_FIELDS, Some("queue"))),
            Action::PurgeQueue { queue } => self
                .engine
                .purge_queue(
                    OWNER_ARN,
                    PurgeQueueRequest {
                        queue_url: url(queue),
                    },
                )
                .map(|_| ())
                .map_err(|e| ActionError::sqs(e, QUEUE_FIELDS, Some("queue"))),
            Action::SetQueueAttributes { queue, attributes } => {
                let req = SetQueueAttributesRequest {
                    queue_url: url(queue),
                    attributes: attributes.clone(),
                };
                let mut fields: Vec<(&str, &str)> = attributes
                    .keys()
                    .map(|k| (k.as_str(), k.as_str()))
                    .collect();
                fields.extend(QUEUE_FIELDS);
                self.engine
                    .set_queue_attributes(OWNER_ARN, req)
                    .map(|_| ())
                    .map_err(|e| {
                        let fallback = (e.code == SqsError::queue_does_not_exist().code)
                            .then_some("queue")
                            .or_else(|| (attributes.len() == 1).then_some("attributes"));
                        ActionError::sqs(e, &fields, fallback)
                    })
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
                    .map_err(|e| ActionError::sqs(e, REDRIVE_FIELDS, Some("source_queue")))
            }
            Action::CancelRedrive { source_queue } => self.cancel_redrive(source_queue),
            Action::AwsCli { line } => self.apply_cli(line),
            Action::CrashConsumer { .. }
            | Action::RestartConsumer { .. }
            | Action::StartProducer { .. }
            | Action::StopProducer { .. }
            | Action::SetProducerRate { .. }
            | Action::AddProducer { .. }
            | Action::AddConsumer { .. }
            | Action::EditProducer { .. }
            | Action::RemoveProducer { .. }
            | Action::EditConsumer { .. }
            | Action::RemoveConsumer { .. } => self.apply_actor_action(action),
        }
    }

    /// CancelMessageMoveTask of the running task whose source is `source_queue`.
    fn cancel_redrive(&mut self, source_queue: &str) -> Result<(), ActionError> {
        let err = |e| ActionError::sqs(e, REDRIVE_FIELDS, Some("source_queue"));
        let list = self
            .engine
            .list_message_move_tasks(
                OWNER_ARN,
                ListMessageMoveTasksRequest {
                    source_arn: arn(source_queue),
                    max_results: Some(1),
                },
            )
            .map_err(err)?;
        let running = list
            .results
            .into_iter()
            .find(|t| t.status == MoveTaskStatus::Running)
            .and_then(|t| t.task_handle);
        let Some(task_handle) = running else {
            return Err(ActionError::new(
                Some("source_queue"),
                format!("no redrive from {source_queue} is running"),
            ));
        };
        self.engine
            .cancel_message_move_task(OWNER_ARN, CancelMessageMoveTaskRequest { task_handle })
            .map(|_| ())
            .map_err(err)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_field_is_the_parameter_aws_names() {
        let e =
            SqsError::invalid_attribute_value("Invalid value for the parameter VisibilityTimeout.");
        let got = ActionError::sqs(e, &[("VisibilityTimeout", "VisibilityTimeout")], None);
        assert_eq!(got.field.as_deref(), Some("VisibilityTimeout"));
        assert_eq!(got.code.as_deref(), Some("InvalidAttributeValue"));
        let e = SqsError::invalid_parameter("DelaySeconds", 901, "out of range");
        assert_eq!(
            ActionError::sqs(e, SEND_FIELDS, Some("queue"))
                .field
                .as_deref(),
            Some("delay_s")
        );
        let e = SqsError::queue_does_not_exist();
        assert_eq!(
            ActionError::sqs(e, SEND_FIELDS, Some("queue"))
                .field
                .as_deref(),
            Some("queue")
        );
        assert_eq!(
            word_at("a MessageGroupIdX MessageGroupId.", "MessageGroupId"),
            Some(18)
        );
    }
}
