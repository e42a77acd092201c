//! StartMessageMoveTask / ListMessageMoveTasks / CancelMessageMoveTask (DLQ redrive),
//! paced on the virtual clock.
//!
//! Policies: a task moves one message per step, one step every `1000 / rate` ms
//! (rate = MaxNumberOfMessagesPerSecond, default 500/s, i.e. one every 2 ms). It takes
//! visible messages in queue order; in-flight/delayed messages are waited for. It
//! completes once it has moved the number of messages the source held at start, or the
//! source is empty. Each moved message is a *new* message in the destination (new
//! MessageId, SentTimestamp/enqueue time = move time, receive count 0, same body and
//! attributes, and group for FIFO). Cancelling is immediate (status CANCELLED).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use super::api::*;
use super::ctx::Timer;
use super::dlq::replica_set_holders;
use super::events::EventKind;
use super::queue::{format_sequence_number, InlineStr, MsgState, Queue};
use super::service::Engine;
use super::SqsError;

/// Default pace when MaxNumberOfMessagesPerSecond is omitted.
pub const DEFAULT_MOVE_RATE: i64 = 500;

/// A message move task.
#[derive(Debug, Clone)]
pub(crate) struct MoveTask {
    pub handle: String,
    pub source_arn: String,
    pub destination_arn: Option<String>,
    pub rate: Option<i64>,
    pub status: &'static str,
    pub moved: u64,
    pub to_move: u64,
    pub failure_reason: Option<String>,
    pub started_ms: u64,
    /// When the next step is scheduled (read by `next_timer_ms`).
    pub next_tick_ms: Option<u64>,
}

fn not_found(param: &str) -> SqsError {
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
            .any(|t| t.source_arn == req.source_arn && t.status == "RUNNING")
        {
            return Err(SqsError::invalid_parameter_value(
                "There is already a task running. Only one active task is allowed for a source queue arn at a given time.",
            ));
        }
        let task_id = self.ctx.rng.uuid();
        let handle = STANDARD.encode(format!(
            "{{\"taskId\":\"{task_id}\",\"sourceArn\":\"{}\"}}",
            req.source_arn
        ));
        let task = MoveTask {
            handle: handle.clone(),
            source_arn: req.source_arn.clone(),
            destination_arn: req.destination_arn.clone(),
            rate: req.max_number_of_messages_per_second,
            status: "RUNNING",
            moved: 0,
            to_move: self.q(src).stored(),
            failure_reason: None,
            started_ms: self.ctx.now_ms,
            next_tick_ms: None,
        };
        let idx = self.tasks.len() as u32;
        let interval = interval_ms(&task);
        self.tasks.push(task);
        self.schedule_task_tick(idx as usize, self.ctx.now_ms + interval);
        let name = self.q(src).name.clone();
        self.ctx.emit(
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
                task_handle: (t.status == "RUNNING").then(|| t.handle.clone()),
                status: t.status.to_string(),
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
        let idx = self
            .tasks
            .iter()
            .position(|t| t.handle == req.task_handle)
            .ok_or_else(|| not_found("TaskHandle"))?;
        if let Some(src) = self.qid_by_arn(&self.tasks[idx].source_arn.clone()) {
            self.authorize(src, caller, "CancelMessageMoveTask")?;
        }
        if self.tasks[idx].status != "RUNNING" {
            return Err(SqsError::invalid_parameter_value(
                "Only active tasks can be cancelled.",
            ));
        }
        self.finish_task(idx, "CANCELLED", None);
        Ok(CancelMessageMoveTaskResult {
            approximate_number_of_messages_moved: self.tasks[idx].moved as i64,
        })
    }

    fn finish_task(&mut self, idx: usize, status: &'static str, reason: Option<String>) {
        let t = &mut self.tasks[idx];
        t.status = status;
        t.failure_reason = reason;
        let moved = t.moved;
        let name = t
            .source_arn
            .rsplit(':')
            .next()
            .unwrap_or_default()
            .to_string();
        self.ctx.emit(
            &name,
            None,
            EventKind::MoveTaskFinished {
                status: status.to_string(),
                moved,
            },
        );
    }

    /// One pacing step of task `idx`.
    pub(crate) fn move_task_tick(&mut self, idx: usize) {
        if self.tasks.get(idx).is_none_or(|t| t.status != "RUNNING") {
            return;
        }
        let nonexistent = Some("AWS.SimpleQueueService.NonExistentQueue".to_string());
        let Some(src) = self.qid_by_arn(&self.tasks[idx].source_arn.clone()) else {
            return self.finish_task(idx, "FAILED", nonexistent);
        };
        if self.tasks[idx].moved >= self.tasks[idx].to_move || self.q(src).stored() == 0 {
            return self.finish_task(idx, "COMPLETED", None);
        }
        let next = self.ctx.now_ms + interval_ms(&self.tasks[idx]);
        if let Some(slot) = first_visible(self.q(src)) {
            let dest_arn = self.tasks[idx]
                .destination_arn
                .clone()
                .or_else(|| self.q(src).msg(slot).meta().dlq_source_arn.clone());
            let Some(dest) = dest_arn.and_then(|a| self.qid_by_arn(&a)) else {
                return self.finish_task(idx, "FAILED", nonexistent);
            };
            self.redrive_one(idx, src, slot, dest);
        }
        self.schedule_task_tick(idx, next);
    }

    fn schedule_task_tick(&mut self, idx: usize, at_ms: u64) {
        self.tasks[idx].next_tick_ms = Some(at_ms);
        self.ctx.schedule(at_ms, Timer::MoveTaskTick(idx as u32));
    }

    fn redrive_one(&mut self, idx: usize, src: u32, slot: u32, dest: u32) {
        let now = self.ctx.now_ms;
        let q = self.qm(src);
        let mut m = q.remove(slot);
        q.ledger.moved_by_task += 1;
        let src_name = q.name.clone();
        let old_id = m.message_id;
        let new_id = self.ctx.rng.uuid();
        let fifo = self.q(dest).fifo();
        m.holders = if fifo {
            replica_set_holders(&self.q(dest).replica_set)
        } else {
            self.choose_replicas().unwrap_or(m.holders)
        };
        let gap = if fifo {
            self.ctx.rng.below_u64(1 << 16) as u128
        } else {
            0
        };
        let d = self.qm(dest);
        m.seq = d.next_seq;
        d.next_seq += 1;
        m.message_id = InlineStr::new(&new_id);
        m.sent_ms = now;
        m.enqueued_ms = now;
        m.first_receive_ms = None;
        m.receive_count = 0;
        m.meta_mut().dlq_source_arn = None;
        m.pending_cause = None;
        m.queue_delay = false;
        if fifo {
            m.group_id
                .get_or_insert_with(|| std::sync::Arc::from(new_id.as_str()));
            m.meta_mut().dedup_id = Some(new_id.clone());
            m.meta_mut().sequence_number = Some(d.take_sequence_number(gap));
        } else {
            m.meta_mut().sequence_number = None;
            m.meta_mut().dedup_id = None;
        }
        m.meta = m.meta.take().and_then(|b| (*b).boxed()); // drop an all-empty box
        let kind = EventKind::Sent {
            delay_s: 0,
            group_id: m.group_id.as_deref().map(str::to_string),
            sequence_number: m.meta().sequence_number.map(format_sequence_number),
            servers: m.holders.server_list(),
        };
        d.insert(m, MsgState::Visible);
        d.ledger.accepted += 1;
        let dest_name = d.name.clone();
        self.tasks[idx].moved += 1;
        self.ctx.emit(
            &src_name,
            Some(&old_id),
            EventKind::MoveTaskMoved {
                destination: dest_name.to_string(),
                new_message_id: new_id.clone(),
            },
        );
        self.ctx.emit(&dest_name, Some(&new_id), kind);
        self.reschedule(dest);
        self.service_polls(dest);
    }
}

fn interval_ms(t: &MoveTask) -> u64 {
    (1000 / t.rate.unwrap_or(DEFAULT_MOVE_RATE).max(1) as u64).max(1)
}

/// The first receivable message in queue order.
fn first_visible(q: &Queue) -> Option<u32> {
    if q.fifo() {
        q.ready
            .values()
            .next()
            .and_then(|g| q.groups[&**g].msgs.front().map(|(_, s)| *s))
    } else {
        q.visible.values().next().copied()
    }
}
