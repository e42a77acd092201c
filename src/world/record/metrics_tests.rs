//! Unit tests of the metric series: downsampling, spans, windows, peaks.

use super::metrics::*;

#[test]
fn counters_downsample_by_sum_and_stay_bounded() {
    let mut s = Series::new(Agg::Sum);
    let days = 40;
    for sec in 0..days * 86_400u64 {
        s.push(sec * 1_000, 1);
    }
    assert!(s.len() <= MAX_POINTS_PER_SERIES);
    // Recent seconds are at full resolution, minutes hold 60, hours 3600.
    let pts = s.points();
    assert_eq!(
        pts.last().unwrap(),
        &((days * 86_400 - 1) * 1_000, 1_000, 1)
    );
    assert!(pts.iter().any(|p| p.1 == 60_000 && p.2 == 60));
    assert!(pts.iter().any(|p| p.1 == 3_600_000 && p.2 == 3_600));
    assert!(
        pts.windows(2).all(|w| w[0].0 < w[1].0),
        "strictly increasing times"
    );
}

#[test]
fn spans_match_point_by_point_pushes() {
    for n in [1u64, 899, 900, 901, 5_000, 4 * 86_400] {
        let mut a = Series::new(Agg::Sum);
        let mut b = Series::new(Agg::Sum);
        let mut g = Series::new(Agg::Max);
        let mut h = Series::new(Agg::Max);
        for sec in 0..1_000u64 {
            a.push(sec * 1_000, sec % 3);
            b.push(sec * 1_000, sec % 3);
            g.push(sec * 1_000, sec);
            h.push(sec * 1_000, sec);
        }
        let t0 = 1_000_000;
        b.push_span(t0, n, |i| u64::from(i == 0) * 7);
        h.push_span(t0, n, |i| 1_000 + i);
        for i in 0..n {
            a.push(t0 + i * 1_000, u64::from(i == 0) * 7);
            g.push(t0 + i * 1_000, 1_000 + i);
        }
        assert_eq!(a.points(), b.points(), "sum span of {n}");
        assert_eq!(g.points(), h.points(), "max span of {n}");
    }
}

#[test]
fn points_between_is_the_overlapping_part_of_points() {
    let mut s = Series::new(Agg::Sum);
    for sec in 0..5_000u64 {
        s.push(sec * 1_000, sec);
    }
    let all = s.points();
    for (from, to) in [
        (0, 1),
        (0, u64::MAX),
        (59_999, 60_001),
        (3_600_000, 4_200_500),
        (4_999_000, 5_000_000),
        (7, 7),
        (9, 3),
    ] {
        let want: Vec<_> = all
            .iter()
            .copied()
            .filter(|&(t, res, _)| t < to && t + res > from)
            .collect();
        assert_eq!(
            s.points_between(from, to).collect::<Vec<_>>(),
            want,
            "[{from}, {to})"
        );
    }
    assert!(
        s.points_between(0, u64::MAX).count() > 900,
        "spans every tier"
    );
}

#[test]
fn gauges_keep_the_peak() {
    let mut s = Series::new(Agg::Max);
    for sec in 0..2_000u64 {
        s.push(sec * 1_000, if sec == 5 { 99 } else { 1 });
    }
    let pts = s.points();
    assert_eq!(pts[0], (0, 60_000, 99));
}
