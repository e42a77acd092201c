//! Where the topology draws each entity: producers (and the shop) on the left, queues in
//! the middle (dead-letter queues under their sources), consumers on the right, the order
//! story's database and mail server beyond them, the AWS CLI console (once used) under
//! the producers, storage servers along the bottom.
//! Pure geometry from the frame, so the drawing code only places shapes.

use std::collections::BTreeMap;

use super::frame::{Frame, TOKENS_PER_QUEUE};
use crate::world::scenario::ConsumerRole;

/// Width of the drawing (SVG user units).
pub const WIDTH: f64 = 1000.0;
/// Queue box size.
pub const QUEUE_W: f64 = 250.0;
/// Queue box height (token grid included).
pub const QUEUE_H: f64 = 150.0;
/// Actor box size.
pub const ACTOR_W: f64 = 150.0;
/// Actor box height.
pub const ACTOR_H: f64 = 46.0;
/// Tokens per row inside a queue box.
pub const TOKENS_PER_ROW: usize = 10;
/// Distance between token centres.
pub const TOKEN_PITCH: f64 = 22.0;
/// Server box size.
pub const SERVER_W: f64 = 128.0;
/// Server box height.
pub const SERVER_H: f64 = 50.0;

const PRODUCER_X: f64 = 20.0;
const QUEUE_X: f64 = 300.0;
const CONSUMER_X: f64 = 640.0;
const SYSTEM_X: f64 = 835.0;
const TOP: f64 = 40.0;
const GAP: f64 = 26.0;

/// A box: top-left corner and size.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

impl Rect {
    /// Middle of the left edge.
    pub fn left(&self) -> (f64, f64) {
        (self.x, self.y + self.h / 2.0)
    }
    /// Middle of the right edge.
    pub fn right(&self) -> (f64, f64) {
        (self.x + self.w, self.y + self.h / 2.0)
    }
    /// Middle of the bottom edge.
    pub fn bottom(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y + self.h)
    }
    /// Middle of the top edge.
    pub fn top(&self) -> (f64, f64) {
        (self.x + self.w / 2.0, self.y)
    }
}

/// Positions of every entity of a frame.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Layout {
    /// Queue boxes by name.
    pub queues: BTreeMap<String, Rect>,
    /// Producer boxes by id.
    pub producers: BTreeMap<String, Rect>,
    /// Consumer boxes by id.
    pub consumers: BTreeMap<String, Rect>,
    /// The shop.
    pub shop: Option<Rect>,
    /// The database.
    pub database: Option<Rect>,
    /// The mail server.
    pub mail_server: Option<Rect>,
    /// The AWS CLI console (once it ran a command), with the messages it holds beside it.
    pub cli: Option<Rect>,
    /// Storage servers, by index.
    pub servers: Vec<Rect>,
    /// Total height of the drawing.
    pub height: f64,
}

/// Centre of token `i` (queue order) inside queue box `q`.
pub fn token_in_queue(q: &Rect, i: usize) -> (f64, f64) {
    let col = (i % TOKENS_PER_ROW) as f64;
    let row = (i / TOKENS_PER_ROW) as f64;
    (q.x + 16.0 + col * TOKEN_PITCH, q.y + 62.0 + row * 17.0)
}

/// Centre of the `i`-th message held by consumer box `c` (drawn beside it).
pub fn token_at_consumer(c: &Rect, i: usize) -> (f64, f64) {
    let col = (i % 5) as f64;
    let row = (i / 5) as f64;
    (c.x + 14.0 + col * 26.0, c.y + c.h + 12.0 + row * 20.0)
}

/// Lays out `frame`.
pub fn layout(frame: &Frame) -> Layout {
    const { assert!(TOKENS_PER_QUEUE <= TOKENS_PER_ROW * 5) };
    let mut l = Layout::default();
    // Queues in the order messages flow: those producers (or the shop) send to first,
    // then those consumers forward to, each followed by its dead-letter queues.
    let mut order: Vec<&str> = Vec::new();
    let fed: Vec<&str> = frame
        .queues
        .iter()
        .map(|q| q.name.as_str())
        .filter(|q| {
            frame.producers.iter().any(|p| p.queue == *q)
                || frame
                    .shop
                    .as_ref()
                    .is_some_and(|s| s.queue.as_deref() == Some(*q))
        })
        .collect();
    let forwards = |q: &str| -> Vec<&str> {
        frame
            .consumers
            .iter()
            .filter(|c| c.queue == q)
            .filter_map(|c| match frame.roles.get(&c.id) {
                Some(ConsumerRole::DbWriter {
                    then_send_to: Some(next),
                }) => Some(next.as_str()),
                _ => None,
            })
            .collect()
    };
    let mut flow: Vec<&str> = Vec::new();
    let mut todo: std::collections::VecDeque<&str> = fed.into_iter().collect();
    while let Some(q) = todo.pop_front() {
        if flow.contains(&q) {
            continue;
        }
        flow.push(q);
        todo.extend(forwards(q));
    }
    let dlq_of = |q: &str| -> Vec<&str> {
        frame
            .edges
            .iter()
            .filter(|e| e.source == q)
            .map(|e| e.dlq.as_str())
            .collect()
    };
    let rest = frame
        .queues
        .iter()
        .map(|q| q.name.as_str())
        .filter(|q| !flow.contains(q));
    let flow: Vec<&str> = flow.iter().copied().chain(rest).collect();
    for q in flow {
        if frame.queues.iter().any(|f| f.name == q && f.is_dlq) || order.contains(&q) {
            continue;
        }
        order.push(q);
        for d in dlq_of(q) {
            if !order.contains(&d) {
                order.push(d);
            }
        }
    }
    for q in &frame.queues {
        if !order.contains(&q.name.as_str()) {
            order.push(&q.name);
        }
    }
    let mut y = TOP;
    let mut rows_end = TOP;
    for name in order {
        let producers: Vec<&str> = frame
            .producers
            .iter()
            .filter(|p| p.queue == name)
            .map(|p| p.id.as_str())
            .collect();
        let consumers: Vec<&str> = frame
            .consumers
            .iter()
            .filter(|c| c.queue == name)
            .map(|c| c.id.as_str())
            .collect();
        let shop_here = frame
            .shop
            .as_ref()
            .is_some_and(|s| s.queue.as_deref() == Some(name));
        let left = producers.len() + usize::from(shop_here);
        // A consumer's held messages are drawn under it: leave room for two rows.
        let actor_slot = ACTOR_H + 50.0;
        let band = QUEUE_H
            .max(left as f64 * (ACTOR_H + 12.0))
            .max(consumers.len() as f64 * actor_slot);
        l.queues.insert(
            name.to_string(),
            Rect {
                x: QUEUE_X,
                y,
                w: QUEUE_W,
                h: QUEUE_H,
            },
        );
        let mut py = y;
        if shop_here {
            l.shop = Some(Rect {
                x: PRODUCER_X,
                y: py,
                w: ACTOR_W,
                h: ACTOR_H,
            });
            py += ACTOR_H + 12.0;
        }
        for p in producers {
            l.producers.insert(
                p.to_string(),
                Rect {
                    x: PRODUCER_X,
                    y: py,
                    w: ACTOR_W,
                    h: ACTOR_H,
                },
            );
            py += ACTOR_H + 12.0;
        }
        for (i, c) in consumers.iter().enumerate() {
            let cy = y + i as f64 * actor_slot;
            l.consumers.insert(
                c.to_string(),
                Rect {
                    x: CONSUMER_X,
                    y: cy,
                    w: ACTOR_W,
                    h: ACTOR_H,
                },
            );
        }
        y += band + GAP;
        rows_end = y;
    }
    if frame.cli_total > 0 {
        // A client like a consumer, in the left column under the rows; what it holds is
        // drawn under it.
        l.cli = Some(Rect {
            x: PRODUCER_X,
            y: rows_end,
            w: ACTOR_W,
            h: ACTOR_H,
        });
        rows_end += ACTOR_H + 50.0 + GAP;
    }
    if frame.shop.is_some() {
        if l.shop.is_none() {
            l.shop = Some(Rect {
                x: PRODUCER_X,
                y: TOP,
                w: ACTOR_W,
                h: ACTOR_H,
            });
        }
        l.database = Some(Rect {
            x: SYSTEM_X,
            y: TOP,
            w: ACTOR_W,
            h: ACTOR_H,
        });
        l.mail_server = Some(Rect {
            x: SYSTEM_X,
            y: TOP + ACTOR_H + 40.0,
            w: ACTOR_W,
            h: ACTOR_H,
        });
        rows_end = rows_end.max(TOP + 2.0 * ACTOR_H + 40.0 + GAP);
    }
    let n = frame.servers.len().max(1) as f64;
    let pitch = ((WIDTH - 40.0) / n).min(SERVER_W + 24.0);
    let total = pitch * n - 24.0;
    let x0 = (WIDTH - total) / 2.0;
    let sy = rows_end + 26.0;
    l.servers = (0..frame.servers.len())
        .map(|i| Rect {
            x: x0 + i as f64 * pitch,
            y: sy,
            w: (pitch - 24.0).min(SERVER_W),
            h: SERVER_H,
        })
        .collect();
    l.height = sy + SERVER_H + 20.0;
    l
}
