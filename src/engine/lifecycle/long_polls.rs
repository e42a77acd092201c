//! Waiting long polls: they complete at the first instant a message becomes available
//! to them (oldest poll first), or empty at their deadline; completed polls wait in
//! [`Engine::take_completed_polls`].

use crate::engine::api::ReceiveMessageResult;
use crate::engine::events::EventKind;
use crate::engine::service::{CompletedPoll, Engine, PendingPoll, PollId};
use crate::engine::SqsError;

impl Engine {
    /// Forgets a waiting poll (answered, expired or its queue deleted).
    pub(crate) fn take_poll(&mut self, id: u64) -> Option<PendingPoll> {
        self.polls.remove(&id)
    }

    /// A long poll's wait time ended.
    pub(crate) fn poll_deadline(&mut self, id: u64) {
        // A message that becomes receivable at the deadline instant itself is still
        // returned, whatever the order of the timers due at that millisecond: bring the
        // queue up to date and serve its waiting polls (oldest first) before expiring.
        if let Some(qid) = self.polls.get(&id).map(|p| p.qid) {
            if matches!(self.queues.get(qid as usize), Some(Some(_))) {
                self.fire_due_in_queue(qid);
                self.reschedule(qid);
                self.service_polls(qid);
            }
        }
        if let Some(p) = self.take_poll(id) {
            if let Some(Some(q)) = self.queues.get_mut(p.qid as usize) {
                q.pending_polls.retain(|x| *x != id);
            }
            self.finish_poll(id, p.qid, Ok(ReceiveMessageResult::default()));
        }
    }

    /// Records a completed long poll.
    pub(crate) fn finish_poll(
        &mut self,
        id: u64,
        qid: u32,
        result: Result<ReceiveMessageResult, SqsError>,
    ) {
        let name = self.q(qid).name.clone();
        self.finish_poll_named(id, &name, result);
    }

    /// Records a completed long poll on queue `name`.
    pub(crate) fn finish_poll_named(
        &mut self,
        id: u64,
        name: &str,
        result: Result<ReceiveMessageResult, SqsError>,
    ) {
        let n = result.as_ref().map(|r| r.messages.len()).unwrap_or(0);
        self.sim.emit(
            name,
            None,
            EventKind::LongPollCompleted {
                poll_id: id,
                messages: n,
            },
        );
        self.completed.push(CompletedPoll {
            poll_id: PollId(id),
            t_ms: self.sim.now_ms,
            result,
        });
    }

    /// Completes waiting long polls on `qid` while messages are available, oldest poll first.
    pub(crate) fn service_polls(&mut self, qid: u32) {
        loop {
            let Some(Some(q)) = self.queues.get(qid as usize) else {
                return;
            };
            if q.n_visible == 0 {
                return;
            }
            let Some(&id) = q.pending_polls.front() else {
                return;
            };
            let params = self.polls[&id].params.clone();
            match self.receive_now(qid, &params, true) {
                Ok(msgs) if msgs.is_empty() => return,
                result => {
                    self.qm(qid).pending_polls.pop_front();
                    self.take_poll(id);
                    let result = result.map(|messages| ReceiveMessageResult { messages });
                    self.finish_poll(id, qid, result);
                }
            }
        }
    }
}
