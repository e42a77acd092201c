//! Queue-level actions: CreateQueue, DeleteQueue, GetQueueUrl, ListQueues, PurgeQueue.
//! (Attributes, tags and permissions are in `actions_attrs.rs`.)

use std::collections::{BTreeMap, VecDeque};

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;

use crate::engine::api::*;
use crate::engine::events::EventKind;
use crate::engine::identity::{caller_account, queue_arn, queue_url, OWNER_ACCOUNT};
use crate::engine::rules::names::validate_tags;
use crate::engine::rules::{QueueAttributes, QueuePolicy};
use crate::engine::service::Engine;
use crate::engine::state::ledger::MessageLedger;
use crate::engine::state::queue::Queue;
use crate::engine::SqsError;

/// A deleted queue's name stays blocked for this long (QueueDeletedRecently).
pub const QUEUE_DELETE_COOLDOWN_MS: u64 = 60_000;
/// PurgeQueue may run once per this period (PurgeQueueInProgress).
pub const PURGE_COOLDOWN_MS: u64 = 60_000;

impl Engine {
    /// CreateQueue: validates the name and attributes; idempotent for identical attributes.
    pub fn create_queue(
        &mut self,
        caller: &str,
        req: CreateQueueRequest,
    ) -> Result<CreateQueueResult, SqsError> {
        self.begin();
        let name = req.queue_name.as_str();
        if name.is_empty() {
            return Err(SqsError::missing_parameter("QueueName"));
        }
        // The playground simulates only the owner account, and cross-account permissions
        // never apply to CreateQueue (AWS: "Limitations of Amazon SQS custom policies"),
        // so a principal of another account cannot create a queue here.
        if caller_account(caller) != OWNER_ACCOUNT {
            return Err(SqsError::access_denied(format!(
                "Access to the resource {} is denied.",
                queue_url(name)
            )));
        }
        let attrs = QueueAttributes::for_create_queue(name, &req.attributes)?;
        if let Some(&qid) = self.by_name.get(name) {
            self.q(qid).attrs.check_create_matches(&req.attributes)?;
            return Ok(CreateQueueResult {
                queue_url: self.q(qid).url.clone(),
            });
        }
        if let Some(&t) = self.deleted_at_ms.get(name) {
            if self.sim.now_ms < t + QUEUE_DELETE_COOLDOWN_MS {
                return Err(SqsError::new(
                    "QueueDeletedRecently",
                    "AWS.SimpleQueueService.QueueDeletedRecently",
                    400,
                    "You must wait 60 seconds after deleting a queue before you can create another with the same name.",
                ));
            }
        }
        self.validate_redrive(name, &attrs, req.attributes.get("RedrivePolicy"))?;
        let policy = attrs
            .policy
            .as_deref()
            .map(QueuePolicy::parse)
            .transpose()?;
        validate_tags(name, &BTreeMap::new(), &req.tags)?;
        let now_s = self.sim.now_ms / 1000;
        let replica_set = if attrs.fifo {
            self.choose_replica_set()
        } else {
            Vec::new()
        };
        let seq_base =
            18_000_000_000_000_000_000u128 + self.sim.rng.below_u64(1_000_000_000_000_000) as u128;
        let incarnation = self.next_incarnation;
        self.next_incarnation += 1;
        let fifo = attrs.fifo;
        let q = Queue {
            name: name.into(),
            url: queue_url(name),
            arn: queue_arn(name),
            incarnation,
            dedup_scope_group: Queue::scope_is_group(&attrs),
            attrs,
            policy,
            created_s: now_s,
            last_modified_s: now_s,
            tags: req.tags.clone(),
            slots: Vec::new(),
            free: Vec::new(),
            visible: BTreeMap::new(),
            delayed: BTreeMap::new(),
            inflight: BTreeMap::new(),
            retention: BTreeMap::new(),
            n_visible: 0,
            groups: BTreeMap::new(),
            spare_deques: Vec::new(),
            ready: BTreeMap::new(),
            dedup: Default::default(),
            next_seq: 1,
            next_sequence_number: seq_base,
            ledger: MessageLedger::default(),
            purge_blocked_until_ms: 0,
            throttle: BTreeMap::new(),
            throttle_queue: Vec::new(),
            attempts: BTreeMap::new(),
            stale_copies: VecDeque::new(),
            stale_per_server: Vec::new(),
            copies_per_server: Vec::new(),
            replica_set,
            wake_at: None,
            pending_polls: VecDeque::new(),
        };
        let url = q.url.clone();
        let qid = self.queues.len() as u32;
        self.queues.push(Some(q));
        self.by_name.insert(name.to_string(), qid);
        self.sim.emit(name, None, EventKind::QueueCreated { fifo });
        Ok(CreateQueueResult { queue_url: url })
    }

    /// DeleteQueue: removes the queue and its messages at once; the name is blocked for 60 s.
    pub fn delete_queue(
        &mut self,
        caller: &str,
        req: DeleteQueueRequest,
    ) -> Result<DeleteQueueResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "DeleteQueue")?;
        let q = self.queues[qid as usize].take().expect("live queue");
        self.by_name.remove(q.name.as_str());
        self.deleted_at_ms
            .insert(q.name.to_string(), self.sim.now_ms);
        for id in q.pending_polls.iter() {
            self.take_poll(*id);
        }
        let lost = q.stored();
        self.sim.emit(
            &q.name,
            None,
            EventKind::QueueDeleted {
                messages_lost: lost,
            },
        );
        for id in q.pending_polls.iter().copied() {
            self.finish_poll_named(id, &q.name, Err(SqsError::queue_does_not_exist()));
        }
        Ok(DeleteQueueResult::default())
    }

    /// GetQueueUrl.
    pub fn get_queue_url(
        &mut self,
        caller: &str,
        req: GetQueueUrlRequest,
    ) -> Result<GetQueueUrlResult, SqsError> {
        self.begin();
        if req.queue_name.is_empty() {
            return Err(SqsError::missing_parameter("QueueName"));
        }
        if let Some(owner) = &req.queue_owner_aws_account_id {
            if owner != OWNER_ACCOUNT {
                return Err(SqsError::queue_does_not_exist());
            }
        }
        let qid = *self
            .by_name
            .get(&req.queue_name)
            .ok_or_else(SqsError::queue_does_not_exist)?;
        self.authorize(qid, caller, "GetQueueUrl")?;
        Ok(GetQueueUrlResult {
            queue_url: self.q(qid).url.clone(),
        })
    }

    /// ListQueues: by name order, optional prefix; NextToken only when MaxResults is given.
    pub fn list_queues(
        &mut self,
        caller: &str,
        req: ListQueuesRequest,
    ) -> Result<ListQueuesResult, SqsError> {
        self.begin();
        let prefix = req.queue_name_prefix.clone().unwrap_or_default();
        let names: Vec<u32> = self
            .by_name
            .iter()
            .filter(|(n, _)| n.starts_with(&prefix))
            .map(|(_, q)| *q)
            .filter(|q| self.authorize(*q, caller, "ListQueues").is_ok())
            .collect();
        let urls: Vec<String> = names.iter().map(|q| self.q(*q).url.clone()).collect();
        let (queue_urls, next_token) = paginate(urls, req.max_results, req.next_token.as_deref())?;
        Ok(ListQueuesResult {
            queue_urls,
            next_token,
        })
    }

    /// PurgeQueue: removes every message (visible, in flight, delayed) at once, clears the
    /// FIFO dedup cache and stale copies; a second purge within 60 s is PurgeQueueInProgress (403).
    pub fn purge_queue(
        &mut self,
        caller: &str,
        req: PurgeQueueRequest,
    ) -> Result<PurgeQueueResult, SqsError> {
        self.begin();
        let qid = self.qid_by_url(&req.queue_url)?;
        self.authorize(qid, caller, "PurgeQueue")?;
        let now = self.sim.now_ms;
        let q = self.qm(qid);
        if now < q.purge_blocked_until_ms {
            return Err(SqsError::new(
                "PurgeQueueInProgress",
                "AWS.SimpleQueueService.PurgeQueueInProgress",
                403,
                format!(
                    "Only one PurgeQueue operation on {} is allowed every 60 seconds.",
                    q.name
                ),
            ));
        }
        q.purge_blocked_until_ms = now + PURGE_COOLDOWN_MS;
        let slots: Vec<u32> = q.retention.values().copied().collect();
        let count = slots.len() as u64;
        for slot in slots {
            q.remove(slot);
        }
        q.ledger.purged += count;
        q.dedup.clear();
        q.attempts.clear();
        // Stale copies are part of the queue's contents: purged too (they stay counted as deleted).
        q.clear_stale_copies();
        let name = q.name.clone();
        self.sim.emit(&name, None, EventKind::Purged { count });
        Ok(PurgeQueueResult::default())
    }
}

/// Shared pagination of ListQueues / ListDeadLetterSourceQueues: MaxResults 1–1000;
/// the token is the base64 of the index of the next item.
pub(crate) fn paginate(
    items: Vec<String>,
    max_results: Option<i64>,
    token: Option<&str>,
) -> Result<(Vec<String>, Option<String>), SqsError> {
    let start = match token {
        None | Some("") => 0,
        Some(t) => STANDARD
            .decode(t)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .and_then(|s| {
                s.strip_prefix("next:")
                    .and_then(|n| n.parse::<usize>().ok())
            })
            .ok_or_else(|| SqsError::invalid_parameter_value("Invalid NextToken value."))?,
    };
    let Some(max) = max_results else {
        return Ok((items.into_iter().skip(start).take(1000).collect(), None));
    };
    if !(1..=1000).contains(&max) {
        return Err(SqsError::invalid_parameter(
            "MaxResults",
            max,
            "MaxResults must be an integer between 1 and 1000.",
        ));
    }
    let end = start.saturating_add(max as usize).min(items.len());
    let page = items
        .get(start..end)
        .map(<[String]>::to_vec)
        .unwrap_or_default();
    let next = (end < items.len()).then(|| STANDARD.encode(format!("next:{end}")));
    Ok((page, next))
}
