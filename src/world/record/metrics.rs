//! Time series per virtual second, named like CloudWatch's SQS metrics, with bounded
//! memory over days of virtual time: recent points at 1 s resolution, older ones
//! downsampled to 1 min, then 1 h, and the oldest hours dropped.
//!
//! Counters (`NumberOfMessagesSent`, …) are summed when downsampled; gauges
//! (`ApproximateNumberOfMessagesVisible`, `ApproximateAgeOfOldestMessage`, …) keep
//! the maximum of the bucket, so a backlog peak stays visible at coarse resolution.

use std::collections::{BTreeMap, VecDeque};

use serde::Serialize;

/// CloudWatch: messages available for retrieval.
pub const VISIBLE: &str = "ApproximateNumberOfMessagesVisible";
/// CloudWatch: messages in flight.
pub const NOT_VISIBLE: &str = "ApproximateNumberOfMessagesNotVisible";
/// CloudWatch: delayed messages.
pub const DELAYED: &str = "ApproximateNumberOfMessagesDelayed";
/// CloudWatch: messages added to the queue.
pub const SENT: &str = "NumberOfMessagesSent";
/// CloudWatch: messages returned by ReceiveMessage.
pub const RECEIVED: &str = "NumberOfMessagesReceived";
/// CloudWatch: messages deleted.
pub const DELETED: &str = "NumberOfMessagesDeleted";
/// CloudWatch: ReceiveMessage calls that returned no message.
pub const EMPTY_RECEIVES: &str = "NumberOfEmptyReceives";
/// CloudWatch: age of the oldest non-deleted message, seconds.
pub const AGE_OF_OLDEST: &str = "ApproximateAgeOfOldestMessage";

/// Consumer metric: messages processed for the first time.
pub const PROCESSED: &str = "Processed";
/// Consumer metric: processing attempts that failed.
pub const FAILED: &str = "Failed";
/// Consumer metric: messages processed again (at-least-once delivery).
pub const DUPLICATE_PROCESSED: &str = "DuplicateProcessed";
/// Order-path metric: orders placed.
pub const PLACED: &str = "Placed";
/// Order-path metric: orders written to the database.
pub const RECORDED: &str = "Recorded";
/// Order-path metric: confirmation e-mails sent.
pub const EMAILED: &str = "Emailed";
/// Order-path metric: orders e-mailed but never recorded.
pub const LOST: &str = "Lost";
/// Order-path metric: orders recorded or e-mailed more than once.
pub const DUPLICATED: &str = "Duplicated";

/// Every per-queue metric, in the order the UI charts them.
pub const QUEUE_METRICS: [&str; 8] = [
    VISIBLE,
    NOT_VISIBLE,
    DELAYED,
    SENT,
    RECEIVED,
    DELETED,
    EMPTY_RECEIVES,
    AGE_OF_OLDEST,
];

/// Scope prefix of a queue's series (`queue:<name>`).
pub const QUEUE_SCOPE: &str = "queue:";
/// Scope prefix of a consumer's series (`consumer:<id>`, the consumer's actor name).
pub const CONSUMER_SCOPE: &str = super::log::actor::CONSUMER_PREFIX;
/// Scope prefix of an order path's series (`path:tight`, `path:decoupled`).
pub const PATH_SCOPE: &str = "path:";

/// The scope of queue `name`'s series.
pub fn queue_scope(name: &str) -> String {
    format!("{QUEUE_SCOPE}{name}")
}

/// The scope of consumer `id`'s series.
pub fn consumer_scope(id: &str) -> String {
    super::log::actor::consumer(id)
}

/// The scope of an order path's series (`path` is `tight` or `decoupled`).
pub fn path_scope(path: &str) -> String {
    format!("{PATH_SCOPE}{path}")
}

/// How points merge when downsampled.
#[derive(Serialize, Debug, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Agg {
    /// Counters: add.
    Sum,
    /// Gauges: keep the maximum.
    Max,
}

/// Resolution and length of each tier: 15 min at 1 s, 12 h at 1 min, 30 days at 1 h.
pub const TIERS: [(u64, usize); 3] = [(1_000, 900), (60_000, 720), (3_600_000, 720)];

/// Most points one series can hold.
pub const MAX_POINTS_PER_SERIES: usize = 900 + 720 + 720;

/// One metric's points, oldest tier first.
#[derive(Debug, Clone)]
pub struct Series {
    agg: Agg,
    tiers: [VecDeque<(u64, u64)>; 3],
    dropped: u64,
}

impl Series {
    /// An empty series.
    pub fn new(agg: Agg) -> Self {
        Series {
            agg,
            tiers: Default::default(),
            dropped: 0,
        }
    }

    /// Adds the value of the second starting at `t_ms` (times must not decrease).
    pub fn push(&mut self, t_ms: u64, value: u64) {
        self.push_tier(0, t_ms, value);
    }

    fn push_tier(&mut self, tier: usize, t_ms: u64, value: u64) {
        let (res, cap) = TIERS[tier];
        let bucket = t_ms - t_ms % res;
        let agg = self.agg;
        let points = &mut self.tiers[tier];
        match points.back_mut() {
            Some((t, v)) if *t == bucket => {
                *v = match agg {
                    Agg::Sum => *v + value,
                    Agg::Max => (*v).max(value),
                }
            }
            _ => points.push_back((bucket, value)),
        }
        if points.len() > cap {
            let (t, v) = points.pop_front().expect("non-empty");
            if tier + 1 < TIERS.len() {
                self.push_tier(tier + 1, t, v);
            } else {
                self.dropped += 1;
            }
        }
        debug_assert!(self.tiers[tier].len() <= cap);
    }

    /// Adds `n` consecutive seconds starting at `t0_ms`, the i-th with value `f(i)`,
    /// without materialising seconds that would only be downsampled anyway: a long
    /// quiet fast-forward (days) costs minutes and hours, not seconds.
    pub fn push_span(&mut self, t0_ms: u64, n: u64, f: impl Fn(u64) -> u64) {
        let keep = TIERS[0].1 as u64;
        let mut i = 0;
        if n > keep {
            // Everything currently at 1 s resolution would be evicted by this span.
            while let Some((t, v)) = self.tiers[0].pop_front() {
                self.push_tier(1, t, v);
            }
            let coarse_end = n - keep;
            while i < coarse_end {
                let t = t0_ms + i * 1_000;
                let res = TIERS[1].0;
                let bucket_end_i = i + (res - t % res).div_ceil(1_000).max(1);
                let end = bucket_end_i.min(coarse_end);
                let v = match self.agg {
                    Agg::Sum => (i..end).map(&f).sum(),
                    Agg::Max => (i..end).map(&f).max().unwrap_or(0),
                };
                self.push_tier(1, t, v);
                i = end;
            }
        }
        while i < n {
            self.push(t0_ms + i * 1_000, f(i));
            i += 1;
        }
    }

    /// All points, oldest first, as `(bucket start ms, bucket resolution ms, value)`.
    pub fn points(&self) -> Vec<(u64, u64, u64)> {
        let mut out = Vec::with_capacity(self.len());
        for tier in (0..TIERS.len()).rev() {
            out.extend(self.tiers[tier].iter().map(|&(t, v)| (t, TIERS[tier].0, v)));
        }
        out
    }

    /// Points whose bucket overlaps `[from_ms, to_ms)`, oldest first, as `(bucket start
    /// ms, resolution ms, value)`: each tier is binary-searched, nothing else is copied.
    pub fn points_between(
        &self,
        from_ms: u64,
        to_ms: u64,
    ) -> impl Iterator<Item = (u64, u64, u64)> + '_ {
        (0..TIERS.len()).rev().flat_map(move |tier| {
            let res = TIERS[tier].0;
            let points = &self.tiers[tier];
            // Buckets are sorted by start; [t, t + res) overlaps iff t + res > from and t < to.
            let a = points.partition_point(|&(t, _)| t + res <= from_ms);
            let b = points.partition_point(|&(t, _)| t < to_ms).max(a);
            points.range(a..b).map(move |&(t, v)| (t, res, v))
        })
    }

    /// Points held.
    pub fn len(&self) -> usize {
        self.tiers.iter().map(VecDeque::len).sum()
    }

    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The most recent value.
    pub fn last(&self) -> Option<u64> {
        self.tiers.iter().find_map(|t| t.back().map(|p| p.1))
    }

    /// Sum over every point held (exact for counters while nothing was dropped).
    pub fn sum(&self) -> u64 {
        self.tiers.iter().flatten().map(|p| p.1).sum()
    }

    /// How to aggregate.
    pub fn agg(&self) -> Agg {
        self.agg
    }
}

/// A series as exported to the UI.
#[derive(Serialize, Debug, Clone, PartialEq)]
pub struct SeriesExport {
    /// Scope, e.g. `queue:orders`, `consumer:c1`, `path:tight`.
    pub scope: String,
    /// Metric name.
    pub metric: &'static str,
    /// Sum or max.
    pub agg: Agg,
    /// `(bucket start ms, resolution ms, value)`, oldest first.
    pub points: Vec<(u64, u64, u64)>,
}

/// All series of a world, by scope then metric name.
#[derive(Debug, Clone, Default)]
pub struct Metrics {
    series: BTreeMap<String, BTreeMap<&'static str, Series>>,
}

impl Metrics {
    /// Records `value` for the second starting at `t_ms`.
    pub fn record(&mut self, scope: &str, metric: &'static str, agg: Agg, t_ms: u64, value: u64) {
        if !self.series.contains_key(scope) {
            self.series.insert(scope.to_string(), BTreeMap::new());
        }
        let by_metric = self.series.get_mut(scope).expect("just inserted");
        by_metric
            .entry(metric)
            .or_insert_with(|| Series::new(agg))
            .push(t_ms, value);
    }

    /// Records `n` consecutive seconds from `t0_ms` (see [`Series::push_span`]).
    pub fn record_span(
        &mut self,
        scope: &str,
        metric: &'static str,
        agg: Agg,
        t0_ms: u64,
        n: u64,
        f: impl Fn(u64) -> u64,
    ) {
        if !self.series.contains_key(scope) {
            self.series.insert(scope.to_string(), BTreeMap::new());
        }
        let by_metric = self.series.get_mut(scope).expect("just inserted");
        by_metric
            .entry(metric)
            .or_insert_with(|| Series::new(agg))
            .push_span(t0_ms, n, f);
    }

    /// One series.
    pub fn series(&self, scope: &str, metric: &str) -> Option<&Series> {
        self.series.get(scope)?.get(metric)
    }

    /// Scopes with data.
    pub fn scopes(&self) -> impl Iterator<Item = &str> {
        self.series.keys().map(String::as_str)
    }

    /// Every series of a scope, exported.
    pub fn export_scope(&self, scope: &str) -> Vec<SeriesExport> {
        self.series
            .get(scope)
            .map(|m| {
                m.iter()
                    .map(|(name, s)| SeriesExport {
                        scope: scope.to_string(),
                        metric: name,
                        agg: s.agg(),
                        points: s.points(),
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Total points held across all series (bounded by series × [`MAX_POINTS_PER_SERIES`]).
    pub fn total_points(&self) -> usize {
        self.series
            .values()
            .flat_map(|m| m.values())
            .map(Series::len)
            .sum()
    }
}
