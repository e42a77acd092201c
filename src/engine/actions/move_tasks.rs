//! StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask (DLQ redrive);
//! the pacing of a running task is in `lifecycle/redrive.rs`.
//!
//! Policies: a task moves one message per step, one step every `1000 / rate` ms
//! (rate = MaxNumberOfMessagesPerSecond, default 500/s, i.e. one every 2 ms). It takes
//! visible messages in queue order; in-flight/delayed messages are waited for. It
//! completes once it has moved the number of messages the source held at start, or the
//! source is empty. Each moved message is a *new* message in the destination (new
//! MessageId, SentTimestamp/enqueue time = move time, receive count 0, same body and
//! attributes, and group for FIFO). Cancelling is immediate (status CANCELLED).
//!
//! Cancel errors: a handle that is not base64 of `{"taskId":…,"sourceArn":…}` →
//! `InvalidParameterValue` "Value for parameter TaskHandle is invalid."; a well-formed
//! handle whose source queue does not exist → `ResourceNotFoundException` for SourceArn;
//! one naming no running task (unknown, or already finished) → `ResourceNotFoundException`
//! "Task does not exist." (moto's tests of CancelMessageMoveTask).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::engine::api::*;
use crate::engine::events::EventKind;
use crate::engine::service::Engine;
use crate::engine::state::move_task::MoveTask;
use crate::engine::SqsError;

/// `ResourceNotFoundException` for the `param` ARN or handle.
pub(crate) fn not_found(param: &str) -> SqsError {
    SqsError::resource_not_found(format!(
        "The resource that you specified for the {param} parameter doesn't exist."
    ))
}

impl Engine {
    /// StartMessageMoveTask.
    pub fn start_message_move_task(
        &mut self,
        caller: &str,
        req: StartMessageMoveTaskRequest,
    ) -> Result<StartMessageMoveTaskResult, SqsError> {
        self.begin();
        if req.source_arn.is_empty() {
            return Err(SqsError::missing_parameter("SourceArn"));
        }
        let src = self
            .qid_by_arn(&req.source_arn)
            .ok_or_else(|| not_found("SourceArn"))?;
        self.authorize(src, caller, "StartMessageMoveTask")?;
        if self.dead_letter_sources(&req.source_arn).is_empty() {
            return Err(SqsError::invalid_parameter_value(
                "Source queue must be configured as a Dead Letter Queue.",
            ));
        }
        if let Some(d) = &req.destination_arn {
            self.qid_by_arn(d)
                .ok_or_else(|| not_found("DestinationArn"))?;
        }
        if let Some(r) = req.max_number_of_messages_per_second {
            if !(1..=500).contains(&r) {
                return Err(SqsError::invalid_parameter(
                    "MaxNumberOfMessagesPerSecond",
                    r,
                    "Must be between 1 and 500.",
                ));
            }
        }
        if self
            .tasks
            .iter()
            .any(|t| t.source_arn == req.source_arn && t.running())
        {
            return Err(SqsError::invalid_parameter_value(
                "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
            ));
        }
        let task_id = self.sim.rng.uuid();
        let handle = STANDARD.encode(format!(
            "{{\"taskId\":\"{task_id}\",\"sourceArn\":\"{}\"}}",
            req.source_arn
        ));
        let task = MoveTask {
            handle: handle.clone(),
            source_arn: req.source_arn.clone(),
            destination_arn: req.destination_arn.clone(),
            rate: req.max_number_of_messages_per_second,
            status: MoveTaskStatus::Running,
            moved: 0,
            to_move: self.q(src).stored(),
            failure_reason: None,
            started_ms: self.sim.now_ms,
            next_tick_ms: None,
        };
        let idx = self.tasks.len() as u32;
        let interval = task.interval_ms();
        self.tasks.push(task);
        self.schedule_task_tick(idx as usize, self.sim.now_ms + interval);
        let name = self.q(src).name.clone();
        self.sim.emit(
            &name,
            None,
            EventKind::MoveTaskStarted {
                task_handle: handle.clone(),
            },
        );
        Ok(StartMessageMoveTaskResult {
            task_handle: handle,
        })
    }

    /// ListMessageMoveTasks: most recent first, up to MaxResults (1–10, default 1).
    pub fn list_message_move_tasks(
        &mut self,
        caller: &str,
        req: ListMessageMoveTasksRequest,
    ) -> Result<ListMessageMoveTasksResult, SqsError> {
        self.begin();
        let src = self
            .qid_by_arn(&req.source_arn)
            .ok_or_else(|| not_found("SourceArn"))?;
        self.authorize(src, caller, "ListMessageMoveTasks")?;
        let max = match req.max_results {
            None => 1,
            Some(n) if (1..=10).contains(&n) => n as usize,
            Some(n) => {
                return Err(SqsError::invalid_parameter(
                    "MaxResults",
                    n,
                    "You must enter a number that's between 1 and 10.",
                ))
            }
        };
        let results = self
            .tasks
            .iter()
            .rev()
            .filter(|t| t.source_arn == req.source_arn)
            .take(max)
            .map(|t| ListMessageMoveTasksResultEntry {
                task_handle: t.running().then(|| t.handle.clone()),
                status: t.status,
                source_arn: t.source_arn.clone(),
                destination_arn: t.destination_arn.clone(),
                max_number_of_messages_per_second: t.rate,
                approximate_number_of_messages_moved: t.moved as i64,
                approximate_number_of_messages_to_move: Some(t.to_move as i64),
                failure_reason: t.failure_reason.clone(),
                started_timestamp: t.started_ms as i64,
            })
            .collect();
        Ok(ListMessageMoveTasksResult { results })
    }

    /// CancelMessageMoveTask.
    pub fn cancel_message_move_task(
        &mut self,
        caller: &str,
        req: CancelMessageMoveTaskRequest,
    ) -> Result<CancelMessageMoveTaskResult, SqsError> {
        self.begin();
        let source_arn = handle_source_arn(&req.task_handle).ok_or_else(|| {
            SqsError::invalid_parameter_value("Value for parameter TaskHandle is invalid.")
        })?;
        let src = self
            .qid_by_arn(&source_arn)
            .ok_or_else(|| not_found("SourceArn"))?;
        self.authorize(src, caller, "CancelMessageMoveTask")?;
        let idx = self
            .tasks
            .iter()
            .position(|t| t.handle == req.task_handle && t.running())
            .ok_or_else(|| SqsError::resource_not_found("Task does not exist."))?;
        self.finish_task(idx, MoveTaskStatus::Cancelled, None);
        Ok(CancelMessageMoveTaskResult {
            approximate_number_of_messages_moved: self.tasks[idx].moved as i64,
        })
    }
}

/// The source ARN named by a well-formed task handle: base64 of a JSON object with string
/// `taskId` and `sourceArn` members (the form [`Engine::start_message_move_task`] issues).
fn handle_source_arn(handle: &str) -> Option<String> {
    let bytes = STANDARD.decode(handle).ok()?;
    let doc: serde_json::Value = serde_json::from_slice(&bytes).ok()?;
    doc.get("taskId")?.as_str()?;
    Some(doc.get("sourceArn")?.as_str()?.to_string())
}
