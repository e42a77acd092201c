//! Metric buckets to chart points: [`bucket_width_ms`] picks a round bucket width for a
//! window and a point budget, [`downsample`] merges a metric's buckets into it.

use crate::world::metrics::Agg;

/// Buckets of `width_ms` used to keep `[from_ms, to_ms)` within `max_points` points: the
/// smallest "round" width (1 s, 2 s, 5 s, 10 s, 15 s, 30 s, 1 min, …) that is enough.
pub fn bucket_width_ms(from_ms: u64, to_ms: u64, max_points: usize) -> u64 {
    const WIDTHS_S: [u64; 16] = [
        1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1_800, 3_600, 7_200, 21_600, 86_400,
    ];
    let span = to_ms.saturating_sub(from_ms).max(1);
    let want = span.div_ceil(max_points.max(1) as u64);
    WIDTHS_S
        .iter()
        .map(|s| s * 1_000)
        .find(|&w| w >= want)
        .unwrap_or_else(|| want.div_ceil(1_000) * 1_000)
}

/// Chart points of a metric's `(bucket start ms, resolution ms, value)` triples (oldest
/// first) that overlap `[from_ms, to_ms)`: at most `max_points`, the oldest dropped first.
/// Buckets finer than [`bucket_width_ms`] merge like the series does: counters
/// ([`Agg::Sum`]) add up and are shown per second of the time they cover (a coarse
/// bucket still filling covers only up to the next bucket), gauges ([`Agg::Max`]) keep
/// the peak.
pub fn downsample(
    buckets: &[(u64, u64, u64)],
    agg: Agg,
    from_ms: u64,
    to_ms: u64,
    max_points: usize,
) -> Vec<(u64, f64)> {
    let width = bucket_width_ms(from_ms, to_ms, max_points);
    let value = |sum: u64, covered_ms: u64| match agg {
        Agg::Sum => sum as f64 * 1_000.0 / covered_ms.max(1) as f64,
        Agg::Max => sum as f64,
    };
    let mut out: Vec<(u64, f64)> = Vec::new();
    // The bucket being merged: (key, aggregated value, time covered).
    let mut cur: Option<(u64, u64, u64)> = None;
    for (i, &(t, res, v)) in buckets.iter().enumerate() {
        if t.saturating_add(res) <= from_ms || t >= to_ms {
            continue;
        }
        // The newest bucket of a coarse tier is still filling: its data ends where the
        // next (finer) bucket starts.
        let res = match buckets.get(i + 1) {
            Some(&(next, _, _)) if next > t => res.min(next - t),
            _ => res,
        };
        if res >= width {
            if let Some((k, acc, covered)) = cur.take() {
                out.push((k, value(acc, covered)));
            }
            out.push((t, value(v, res)));
            continue;
        }
        let key = t - t % width;
        cur = match cur {
            Some((k, acc, covered)) if k == key => Some((
                k,
                match agg {
                    Agg::Sum => acc + v,
                    Agg::Max => acc.max(v),
                },
                covered + res,
            )),
            other => {
                if let Some((k, acc, covered)) = other {
                    out.push((k, value(acc, covered)));
                }
                Some((key, v, res))
            }
        };
    }
    if let Some((k, acc, covered)) = cur {
        out.push((k, value(acc, covered)));
    }
    if out.len() > max_points {
        out.drain(..out.len() - max_points);
    }
    out
}
