//! Queries about queues, their messages and the servers holding them, composed from the
//! engine's borrowed message views (`engine::observe`): no body is copied except the
//! one [`World::message_body`] returns, nothing is received or changed.

use std::collections::BTreeMap;

use super::{
    DeadLetterEdge, HolderView, MessageFilter, MessagePage, MessageRow, RowState, ServerView,
    StateKind, MAX_PAGE_ROWS, PREVIEW_CHARS,
};
use crate::engine::{FoundMessage, MessageState, MessageView, ReceiptStatus, StaleCopyView};
use crate::world::world::World;

/// A live message or a stale copy, before it becomes a row.
#[derive(Clone, Copy)]
enum Item<'a> {
    Live(MessageView<'a>),
    Stale(StaleCopyView<'a>),
}

impl<'a> Item<'a> {
    fn message_id(&self) -> &'a str {
        match self {
            Item::Live(m) => m.message_id(),
            Item::Stale(c) => c.message_id(),
        }
    }

    fn body(&self) -> &'a str {
        match self {
            Item::Live(m) => m.body(),
            Item::Stale(c) => c.body(),
        }
    }

    fn group_id(&self) -> Option<&'a str> {
        match self {
            Item::Live(m) => m.group_id(),
            Item::Stale(c) => c.group_id(),
        }
    }

    fn state(&self) -> RowState {
        match self {
            Item::Live(m) => match m.state() {
                MessageState::Visible => RowState::Visible,
                MessageState::InFlight { until_ms } => RowState::InFlight { until_ms },
                MessageState::Delayed { until_ms } => RowState::Delayed { until_ms },
            },
            Item::Stale(c) => RowState::StaleCopy {
                deleted_at_ms: c.deleted_at_ms(),
            },
        }
    }
}

fn kind_of(s: RowState) -> StateKind {
    match s {
        RowState::Visible => StateKind::Visible,
        RowState::InFlight { .. } => StateKind::InFlight,
        RowState::Delayed { .. } => StateKind::Delayed,
        RowState::StaleCopy { .. } => StateKind::StaleCopy,
    }
}

/// The body's first [`PREVIEW_CHARS`] characters, control characters as spaces.
fn preview(body: &str) -> String {
    body.chars()
        .take(PREVIEW_CHARS)
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

/// Does the preview of `body` contain `text`? Without building the preview unless the
/// body's first characters hold a control character (a filtered scan allocates nothing).
fn preview_contains(body: &str, text: &str) -> bool {
    let end = body
        .char_indices()
        .nth(PREVIEW_CHARS)
        .map_or(body.len(), |(i, _)| i);
    let head = &body[..end];
    if head.chars().any(char::is_control) {
        preview(body).contains(text)
    } else {
        head.contains(text)
    }
}

impl MessageFilter {
    /// True when it keeps every row.
    pub fn is_empty(&self) -> bool {
        self.states.is_empty() && self.text.is_empty() && self.group.is_none()
    }

    fn keeps(&self, item: &Item) -> bool {
        (self.states.is_empty() || self.states.contains(&kind_of(item.state())))
            && self
                .group
                .as_deref()
                .is_none_or(|g| item.group_id() == Some(g))
            && (self.text.is_empty()
                || item.message_id().starts_with(self.text.as_str())
                || preview_contains(item.body(), &self.text))
    }
}

impl World {
    /// Names of existing queues, sorted.
    pub fn queue_names(&self) -> Vec<String> {
        self.engine.queue_names()
    }

    /// MessageId → id of the consumer whose receipt currently holds it (or
    /// [`crate::world::cli::CLI_HOLDER`] for the AWS CLI console), for `queue`
    /// (O(consumers × batch + console receipts), one receipt decode each).
    fn holders_of(&self, queue: &str) -> BTreeMap<&str, &str> {
        let mut out = BTreeMap::new();
        for c in self
            .consumers
            .iter()
            .filter(|c| !c.is_removed() && c.queue() == queue)
        {
            for (m, _) in c.held() {
                if let ReceiptStatus::InFlight { .. } =
                    self.engine.receipt_status(queue, &m.receipt_handle)
                {
                    out.insert(m.message_id.as_str(), c.spec.id.as_str());
                }
            }
        }
        for m in self.cli_held_in(queue) {
            out.insert(m, crate::world::cli::CLI_HOLDER);
        }
        out
    }

    fn row(&self, queue: &str, item: Item, held: &BTreeMap<&str, &str>) -> MessageRow {
        let up = |s: usize| self.engine.server_is_up(s);
        let (holders, reachable) = match item {
            Item::Live(m) => (
                m.holders()
                    .iter()
                    .map(|&server| HolderView {
                        server,
                        up: up(server),
                        stale: false,
                    })
                    .collect(),
                m.reachable(),
            ),
            Item::Stale(c) => (
                c.servers()
                    .iter()
                    .map(|&server| HolderView {
                        server,
                        up: up(server),
                        stale: true,
                    })
                    .collect(),
                false,
            ),
        };
        let (receive_count, sequence_number, sent_ms, retention_deadline_ms, dls) = match item {
            Item::Live(m) => (
                m.receive_count(),
                m.sequence_number(),
                m.sent_ms(),
                m.retention_deadline_ms(),
                m.dead_letter_source(),
            ),
            Item::Stale(c) => (
                c.receive_count(),
                None,
                c.sent_ms(),
                c.retention_deadline_ms(),
                c.dead_letter_source(),
            ),
        };
        let held_by = match item {
            Item::Live(_) => held.get(item.message_id()).map(|c| c.to_string()),
            Item::Stale(_) => None,
        };
        let duplicate =
            matches!(item, Item::Live(_)) && self.already_processed(queue, item.message_id());
        MessageRow {
            duplicate,
            message_id: item.message_id().to_string(),
            queue: queue.to_string(),
            size_bytes: item.body().len(),
            preview: preview(item.body()),
            state: item.state(),
            receive_count,
            group_id: item.group_id().map(str::to_string),
            sequence_number,
            sent_ms,
            retention_deadline_ms,
            holders,
            held_by,
            reachable,
            dead_letter_source: dls.map(str::to_string),
        }
    }

    /// One page of `queue`'s messages matching `filter` (at most `limit`, capped at
    /// [`MAX_PAGE_ROWS`], from the `offset`-th match) in queue order, stale copies after
    /// the stored messages. `None` for an unknown queue. With an empty filter this costs
    /// O(offset + limit) and `matching` is exact without a scan; a filter scans the queue.
    pub fn queue_messages(
        &self,
        queue: &str,
        filter: &MessageFilter,
        offset: usize,
        limit: usize,
    ) -> Option<MessagePage> {
        let limit = limit.min(MAX_PAGE_ROWS);
        let (stored, stale) = self.engine.message_counts(queue)?;
        let items = self
            .engine
            .messages(queue)?
            .map(Item::Live)
            .chain(self.engine.stale_copies(queue)?.map(Item::Stale));
        let held = self.holders_of(queue);
        let total = stored + stale;
        let (rows, matching) = if filter.is_empty() {
            let rows = items
                .skip(offset)
                .take(limit)
                .map(|it| self.row(queue, it, &held))
                .collect();
            (rows, total)
        } else {
            let mut rows = Vec::new();
            let mut matching = 0u64;
            for it in items.filter(|it| filter.keeps(it)) {
                if matching >= offset as u64 && rows.len() < limit {
                    rows.push(self.row(queue, it, &held));
                }
                matching += 1;
            }
            (rows, matching)
        };
        debug_assert!(rows.len() <= limit && matching <= total);
        Some(MessagePage {
            rows,
            offset,
            matching,
            total,
        })
    }

    /// The message with this MessageId in any queue (a live message first, else a
    /// stale copy). Scans every queue (O(messages)): not for every frame on huge queues.
    pub fn find_message(&self, message_id: &str) -> Option<MessageRow> {
        let (queue, found) = self.engine.find_message(message_id)?;
        let item = match found {
            FoundMessage::Live(m) => Item::Live(m),
            FoundMessage::Stale(c) => Item::Stale(c),
        };
        Some(self.row(queue, item, &self.holders_of(queue)))
    }

    /// The body of a stored message or stale copy (the inspector's detail view; bodies
    /// are text). Scans like [`World::find_message`].
    pub fn message_body(&self, message_id: &str) -> Option<String> {
        let (_, found) = self.engine.find_message(message_id)?;
        Some(match found {
            FoundMessage::Live(m) => m.body().to_string(),
            FoundMessage::Stale(c) => c.body().to_string(),
        })
    }

    /// Age of the oldest message in `queue`, ms (`None` when empty or unknown). O(log n):
    /// the engine's retention index (the base of `ApproximateAgeOfOldestMessage`).
    pub fn oldest_message_age_ms(&self, queue: &str) -> Option<u64> {
        let oldest = self.engine.oldest_message_ms(queue)?;
        Some(self.now_ms().saturating_sub(oldest))
    }

    /// `queue`'s attributes as GetQueueAttributes(All) returns them, without a request.
    pub fn queue_attributes(&self, queue: &str) -> Option<BTreeMap<String, String>> {
        self.engine.queue_attributes(queue)
    }

    /// Every storage server with the copies it holds. O(queues × servers): cheap every
    /// frame whatever the queue depth (the engine keeps the counts).
    pub fn servers(&self) -> Vec<ServerView> {
        self.engine
            .server_loads()
            .into_iter()
            .enumerate()
            .map(|(index, s)| ServerView {
                index,
                up: s.up,
                copies: s.copies,
                stale_copies: s.stale_copies,
            })
            .collect()
    }

    /// Every RedrivePolicy edge between existing queues, by source name.
    pub fn dead_letter_edges(&self) -> Vec<DeadLetterEdge> {
        let names = self.engine.queue_names();
        names
            .iter()
            .filter_map(|source| {
                let (dlq, max_receive_count) = self.engine.dead_letter_target(source)?;
                names.iter().any(|n| n == dlq).then(|| DeadLetterEdge {
                    source: source.clone(),
                    dlq: dlq.to_string(),
                    max_receive_count,
                })
            })
            .collect()
    }
}
