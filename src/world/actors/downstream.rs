//! Downstream systems of the order story (database, mail server), the simulated S3
//! bucket of the extended-client pattern, and the per-path order book with its counters.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

use crate::world::record::world_event::OrderPath;

/// Orders whose per-order state is remembered (older ones only live on in the counters).
pub const ORDER_WINDOW: usize = 100_000;

/// Counters of one path of the order story.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct PathCounters {
    /// Orders placed.
    pub placed: u64,
    /// Orders recorded in the database at least once.
    pub recorded: u64,
    /// Orders whose confirmation e-mail went out at least once.
    pub emailed: u64,
    /// Orders e-mailed but not recorded (the customer thinks it was placed; the shop has no record).
    pub lost: u64,
    /// Orders recorded or e-mailed more than once.
    pub duplicated: u64,
    /// Placed but not recorded yet.
    pub pending: u64,
    /// Sum of delays until first recorded, ms (mean = sum / recorded).
    pub delay_sum_ms: u64,
    /// Longest delay until recorded, ms.
    pub delay_max_ms: u64,
    /// Mean delay until recorded, ms.
    pub delay_mean_ms: u64,
}

impl PathCounters {
    /// Mean delay until recorded, ms (0 when nothing was recorded).
    pub fn mean_delay_ms(&self) -> u64 {
        self.delay_sum_ms.checked_div(self.recorded).unwrap_or(0)
    }
}

#[derive(Debug, Clone, Default)]
struct OrderState {
    placed_ms: u64,
    recorded: u32,
    emailed: u32,
    duplicated: bool,
}

/// Result of recording or e-mailing an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OrderEffect {
    /// It had happened before (a duplicate).
    pub duplicate: bool,
    /// For e-mails: the order is not recorded (lost so far).
    pub unrecorded: bool,
    /// For records: ms since the order was placed.
    pub delay_ms: u64,
}

/// Per-path order tracking with a bounded window of per-order state.
#[derive(Debug, Clone, Default)]
pub struct OrderBook {
    counters: BTreeMap<OrderPath, PathCounters>,
    orders: BTreeMap<(OrderPath, u64), OrderState>,
    window: VecDeque<(OrderPath, u64)>,
}

impl OrderBook {
    /// Counters of a path.
    pub fn counters(&self, path: OrderPath) -> PathCounters {
        self.counters.get(&path).cloned().unwrap_or_default()
    }

    /// All paths that saw orders.
    pub fn paths(&self) -> impl Iterator<Item = (OrderPath, &PathCounters)> {
        self.counters.iter().map(|(p, c)| (*p, c))
    }

    /// An order was placed at `t_ms` (a customer retry of the same order is not a new placement).
    pub fn place(&mut self, path: OrderPath, order: u64, t_ms: u64) {
        if self.orders.contains_key(&(path, order)) {
            return;
        }
        let c = self.counters.entry(path).or_default();
        c.placed += 1;
        c.pending += 1;
        self.orders.insert(
            (path, order),
            OrderState {
                placed_ms: t_ms,
                ..Default::default()
            },
        );
        self.window.push_back((path, order));
        if self.window.len() > ORDER_WINDOW {
            let old = self.window.pop_front().expect("non-empty");
            self.orders.remove(&old);
        }
        debug_assert!(self.orders.len() <= ORDER_WINDOW);
    }

    /// The order was written to the database at `t_ms`.
    pub fn record(&mut self, path: OrderPath, order: u64, t_ms: u64) -> OrderEffect {
        let c = self.counters.entry(path).or_default();
        let Some(st) = self.orders.get_mut(&(path, order)) else {
            // Forgotten (outside the window): count it as a duplicate-free late record.
            return OrderEffect {
                duplicate: false,
                unrecorded: false,
                delay_ms: 0,
            };
        };
        st.recorded += 1;
        let delay_ms = t_ms.saturating_sub(st.placed_ms);
        if st.recorded == 1 {
            c.recorded += 1;
            c.pending = c.pending.saturating_sub(1);
            c.delay_sum_ms += delay_ms;
            c.delay_max_ms = c.delay_max_ms.max(delay_ms);
            c.delay_mean_ms = c.delay_sum_ms / c.recorded;
            if st.emailed > 0 {
                c.lost = c.lost.saturating_sub(1);
            }
        } else if !st.duplicated {
            st.duplicated = true;
            c.duplicated += 1;
        }
        OrderEffect {
            duplicate: st.recorded > 1,
            unrecorded: false,
            delay_ms,
        }
    }

    /// The confirmation e-mail went out.
    pub fn email(&mut self, path: OrderPath, order: u64) -> OrderEffect {
        let c = self.counters.entry(path).or_default();
        let Some(st) = self.orders.get_mut(&(path, order)) else {
            return OrderEffect {
                duplicate: false,
                unrecorded: false,
                delay_ms: 0,
            };
        };
        st.emailed += 1;
        let unrecorded = st.recorded == 0;
        if st.emailed == 1 {
            c.emailed += 1;
            if unrecorded {
                c.lost += 1;
            }
        } else if !st.duplicated {
            st.duplicated = true;
            c.duplicated += 1;
        }
        OrderEffect {
            duplicate: st.emailed > 1,
            unrecorded,
            delay_ms: 0,
        }
    }

    /// Orders whose state is still remembered.
    pub fn remembered(&self) -> usize {
        self.orders.len()
    }
}

/// A downstream system that can be killed and revived.
#[derive(Serialize, Debug, Clone, PartialEq, Eq)]
pub struct System {
    /// Up right now?
    pub up: bool,
    /// Successful operations (rows written / e-mails sent).
    pub ok: u64,
    /// Operations refused while down.
    pub refused: u64,
}

impl System {
    /// A system in the given state.
    pub fn new(up: bool) -> Self {
        System {
            up,
            ok: 0,
            refused: 0,
        }
    }

    /// Tries one operation: true when the system is up.
    pub fn call(&mut self) -> bool {
        if self.up {
            self.ok += 1;
        } else {
            self.refused += 1;
        }
        self.up
    }
}

impl Default for System {
    fn default() -> Self {
        System::new(true)
    }
}

/// The simulated S3 bucket(s) of the extended-client pattern: object key → size.
/// Only sizes are kept (bodies are regenerated on demand), so memory stays small.
#[derive(Serialize, Debug, Clone, Default, PartialEq, Eq)]
pub struct S3 {
    /// Live objects: `bucket/key` → size in bytes.
    pub objects: BTreeMap<String, u64>,
    /// Objects ever stored.
    pub puts: u64,
    /// Objects fetched.
    pub gets: u64,
    /// Objects deleted after their message was processed.
    pub deletes: u64,
    /// Bytes ever stored.
    pub bytes_stored: u64,
}

impl S3 {
    /// Stores an object.
    pub fn put(&mut self, bucket: &str, key: &str, size_bytes: u64) {
        self.objects.insert(format!("{bucket}/{key}"), size_bytes);
        self.puts += 1;
        self.bytes_stored += size_bytes;
    }

    /// Fetches an object's size.
    pub fn get(&mut self, bucket: &str, key: &str) -> Option<u64> {
        let size = self.objects.get(&format!("{bucket}/{key}")).copied();
        if size.is_some() {
            self.gets += 1;
        }
        size
    }

    /// Deletes an object.
    pub fn delete(&mut self, bucket: &str, key: &str) {
        if self.objects.remove(&format!("{bucket}/{key}")).is_some() {
            self.deletes += 1;
        }
    }
}

/// The pointer the extended client puts in the queue instead of a large body
/// (the Java client's `PayloadS3Pointer` JSON form).
pub fn s3_pointer_body(bucket: &str, key: &str) -> String {
    format!(
        "[\"software.amazon.payloadoffloading.PayloadS3Pointer\",{{\"s3BucketName\":\"{bucket}\",\"s3Key\":\"{key}\"}}]"
    )
}

/// Parses an extended-client pointer body into `(bucket, key)`.
pub fn parse_s3_pointer(body: &str) -> Option<(String, String)> {
    if !body.starts_with("[\"software.amazon.payloadoffloading.PayloadS3Pointer\"") {
        return None;
    }
    let v: serde_json::Value = serde_json::from_str(body).ok()?;
    let o = v.get(1)?;
    Some((
        o.get("s3BucketName")?.as_str()?.to_string(),
        o.get("s3Key")?.as_str()?.to_string(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lost_and_duplicated_orders_are_counted_once() {
        let mut b = OrderBook::default();
        b.place(OrderPath::Tight, 1, 0);
        b.place(OrderPath::Tight, 2, 0);
        assert!(b.email(OrderPath::Tight, 1).unrecorded);
        b.record(OrderPath::Tight, 2, 5);
        b.record(OrderPath::Tight, 2, 9);
        b.email(OrderPath::Tight, 2);
        b.email(OrderPath::Tight, 2);
        let c = b.counters(OrderPath::Tight);
        assert_eq!(
            (
                c.placed,
                c.recorded,
                c.emailed,
                c.lost,
                c.duplicated,
                c.pending
            ),
            (2, 1, 2, 1, 1, 1)
        );
        assert_eq!((c.delay_sum_ms, c.delay_max_ms), (5, 5));
    }

    #[test]
    fn order_window_is_bounded() {
        let mut b = OrderBook::default();
        for i in 0..(ORDER_WINDOW as u64 + 10) {
            b.place(OrderPath::Decoupled, i, i);
        }
        assert_eq!(b.remembered(), ORDER_WINDOW);
        assert_eq!(
            b.counters(OrderPath::Decoupled).placed,
            ORDER_WINDOW as u64 + 10
        );
    }

    #[test]
    fn pointer_round_trips() {
        let body = s3_pointer_body("big-bucket", "p1/7");
        assert_eq!(
            parse_s3_pointer(&body),
            Some(("big-bucket".into(), "p1/7".into()))
        );
        assert_eq!(parse_s3_pointer("hello"), None);
    }
}
