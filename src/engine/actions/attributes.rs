//! Get/SetQueueAttributes, tags, ListDeadLetterSourceQueues, Add/RemovePermission, and the
//! RedrivePolicy checks that need other queues (target exists, same type, allowed).

use std::collections::BTreeMap;

use super::queues::paginate;
use crate::engine::api::*;
use crate::engine::events::EventKind;
use crate::engine::identity::queue_arn;
use crate::engine::rules::names::{validate_tags, validate_untag_keys};
use crate::engine::rules::queue_attributes::validate_attribute_names;
use crate::engine::rules::redrive::{
    dead_letter_queue_type_mismatch, dead_letter_target_does_not_exist,
    dead_letter_target_not_allowed,
};
use crate::engine::rules::{QueueAttributes, QueuePolicy};
use crate::engine::service::Engine;
use crate::engine::state::message::MsgState;
use crate::engine::state::queue::Queue;
use crate::engine::SqsError;

impl Engine {
    /// GetQueueAttributes: stored attributes plus Approximate* counts, timestamps (epoch
    /// seconds) and QueueArn. No names ⇒ no attributes.
    pub fn get_queue_attributes(
        &mut self,
        caller: &str,
        req: GetQueueAttributesRequest,
    ) -> Result<GetQueueAttributesResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "GetQueueAttributes")?;
        let names = validate_attribute_names(&req.attribute_names, self.q(qid).fifo())?;
        let all = self.all_attributes(qid);
        let attributes = names
            .iter()
            .filter_map(|n| Some((n.clone(), all.get(n)?.clone())))
            .collect();
        Ok(GetQueueAttributesResult { attributes })
    }

    /// Every attribute of a queue as GetQueueAttributes(All) would return it.
    pub(crate) fn all_attributes(&self, qid: u32) -> BTreeMap<String, String> {
        let q = self.q(qid);
        let mut m = q.attrs.static_attribute_map();
        m.insert(
            "ApproximateNumberOfMessages".into(),
            q.n_visible.to_string(),
        );
        m.insert(
            "ApproximateNumberOfMessagesNotVisible".into(),
            q.inflight.len().to_string(),
        );
        m.insert(
            "ApproximateNumberOfMessagesDelayed".into(),
            q.delayed.len().to_string(),
        );
        m.insert("CreatedTimestamp".into(), q.created_s.to_string());
        m.insert(
            "LastModifiedTimestamp".into(),
            q.last_modified_s.to_string(),
        );
        m.insert("QueueArn".into(), q.arn.clone());
        m
    }

    /// SetQueueAttributes: all or nothing, applied immediately (AWS's up-to-60 s / 15 min
    /// propagation is not simulated). Retention changes apply to stored messages at once;
    /// a DelaySeconds change is retroactive on FIFO queues only (as AWS documents).
    pub fn set_queue_attributes(
        &mut self,
        caller: &str,
        req: SetQueueAttributesRequest,
    ) -> Result<SetQueueAttributesResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "SetQueueAttributes")?;
        let mut attrs = self.q(qid).attrs.clone();
        attrs.apply_set(&req.attributes)?;
        let name = self.q(qid).name.clone();
        self.validate_redrive(&name, &attrs, req.attributes.get("RedrivePolicy"))?;
        let policy = attrs
            .policy
            .as_deref()
            .map(QueuePolicy::parse)
            .transpose()?;
        let old_delay = self.q(qid).attrs.delay_s;
        let old_retention = self.q(qid).attrs.message_retention_period_s;
        let now = self.sim.now_ms;
        let q = self.qm(qid);
        if attrs.message_retention_period_s < old_retention {
            // The queue's wake-up was set for the longer period: a message sent from now
            // on may be due before it (a send only schedules a wake when there is none).
            q.wake_at = None;
        }
        q.attrs = attrs;
        q.policy = policy;
        q.last_modified_s = now / 1000;
        if q.fifo() && q.attrs.delay_s != old_delay {
            retime_fifo_delays(q, now);
        }
        let names: Vec<String> = req.attributes.keys().cloned().collect();
        self.sim
            .emit(&name, None, EventKind::AttributesChanged { names });
        self.fire_due_in_queue(qid);
        self.reschedule(qid);
        self.service_polls(qid);
        Ok(SetQueueAttributesResult::default())
    }

    /// RedrivePolicy checks that involve the target queue: it exists, has the same type,
    /// and its RedriveAllowPolicy allows this source.
    pub(crate) fn validate_redrive(
        &self,
        source_name: &str,
        attrs: &QueueAttributes,
        raw: Option<&String>,
    ) -> Result<(), SqsError> {
        let Some(rp) = &attrs.redrive_policy else {
            return Ok(());
        };
        let raw = raw.cloned().unwrap_or_else(|| rp.to_json());
        let Some(dlq) = self.qid_by_arn(&rp.dead_letter_target_arn) else {
            return Err(dead_letter_target_does_not_exist(&raw));
        };
        let dlq = self.q(dlq);
        if dlq.fifo() != attrs.fifo {
            return Err(dead_letter_queue_type_mismatch(&raw));
        }
        let source_arn = queue_arn(source_name);
        // Policy: redrive chains must not loop back to the source (a message could then
        // bounce between queues forever within one instant).
        let mut next = Some(dlq);
        for _ in 0..self.queues.len() {
            let Some(q) = next else { break };
            if q.name == source_name {
                return Err(SqsError::invalid_parameter(
                    "RedrivePolicy",
                    &raw,
                    "Dead-letter queue chains must not form a cycle.",
                ));
            }
            next = q
                .attrs
                .redrive_policy
                .as_ref()
                .and_then(|r| self.qid_by_arn(&r.dead_letter_target_arn))
                .map(|id| self.q(id));
        }
        if let Some(allow) = &dlq.attrs.redrive_allow_policy {
            if !allow.allows(&source_arn) {
                return Err(dead_letter_target_not_allowed(&raw, &source_arn));
            }
        }
        Ok(())
    }

    /// TagQueue: adds or overwrites tags.
    pub fn tag_queue(
        &mut self,
        caller: &str,
        req: TagQueueRequest,
    ) -> Result<TagQueueResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "TagQueue")?;
        let q = self.qm(qid);
        validate_tags(&q.name, &q.tags, &req.tags)?;
        q.tags.extend(req.tags);
        Ok(TagQueueResult::default())
    }

    /// UntagQueue: removes tags by key (missing keys are ignored).
    pub fn untag_queue(
        &mut self,
        caller: &str,
        req: UntagQueueRequest,
    ) -> Result<UntagQueueResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "UntagQueue")?;
        validate_untag_keys(&req.tag_keys)?;
        let q = self.qm(qid);
        for k in &req.tag_keys {
            q.tags.remove(k);
        }
        Ok(UntagQueueResult::default())
    }

    /// ListQueueTags.
    pub fn list_queue_tags(
        &mut self,
        caller: &str,
        req: ListQueueTagsRequest,
    ) -> Result<ListQueueTagsResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "ListQueueTags")?;
        Ok(ListQueueTagsResult {
            tags: self.q(qid).tags.clone(),
        })
    }

    /// ListDeadLetterSourceQueues: queues whose RedrivePolicy targets this queue.
    pub fn list_dead_letter_source_queues(
        &mut self,
        caller: &str,
        req: ListDeadLetterSourceQueuesRequest,
    ) -> Result<ListDeadLetterSourceQueuesResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "ListDeadLetterSourceQueues")?;
        let arn = self.q(qid).arn.clone();
        let urls = self.dead_letter_sources(&arn);
        let (queue_urls, next_token) = paginate(urls, req.max_results, req.next_token.as_deref())?;
        Ok(ListDeadLetterSourceQueuesResult {
            queue_urls,
            next_token,
        })
    }

    /// URLs of queues whose RedrivePolicy targets `dlq_arn`, by name.
    pub(crate) fn dead_letter_sources(&self, dlq_arn: &str) -> Vec<String> {
        self.queues
            .iter()
            .flatten()
            .filter(|q| {
                q.attrs
                    .redrive_policy
                    .as_ref()
                    .is_some_and(|r| r.dead_letter_target_arn == dlq_arn)
            })
            .map(|q| (q.name.clone(), q.url.clone()))
            .collect::<BTreeMap<_, _>>()
            .into_values()
            .collect()
    }
}

/// FIFO queue delay changes are retroactive: messages delayed by the queue delay get
/// `enqueued + new delay` (and become visible now if that has passed).
fn retime_fifo_delays(q: &mut Queue, now: u64) {
    let delay_ms = q.attrs.delay_s as u64 * 1000;
    let slots: Vec<u32> = q.delayed.values().copied().collect();
    for slot in slots {
        let m = q.msg(slot);
        if !m.queue_delay {
            continue;
        }
        let until = m.enqueued_ms + delay_ms;
        let state = if until <= now {
            MsgState::Visible
        } else {
            MsgState::Delayed(until)
        };
        q.set_state(slot, state);
    }
}
