//! The chart components in a real headless Chromium, without a world: `LineChart` and
//! `PathsChart` are mounted with plain data and their DOM is checked (axes and units,
//! one polyline vertex per point, the empty state, accessible names, latest values in
//! words), plus the downsampling and tick arithmetic they rely on.
//! Run: `cargo test --target wasm32-unknown-unknown --test browser_charts`.
#![cfg(target_arch = "wasm32")]

use std::time::Duration;

use sqs_playground::ui::components::line_chart::{
    bucket_width_ms, downsample, tick_label, time_label, time_ticks, value_scale, ChartSeries,
    LineChart, LineChartProps, EMPTY_TEXT, MAX_POINTS,
};
use sqs_playground::ui::components::paths_chart::{PathSeries, PathsChart, PathsChartProps};
use sqs_playground::world::metrics::{self, Agg};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Run start used by every chart here (epoch ms).
const ORIGIN: u64 = 1_767_225_600_000;
const MIN: u64 = 60_000;

fn fresh_root(id: &str) -> web_sys::Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    root.set_id(id);
    document.body().unwrap().append_child(&root).unwrap();
    root
}

/// Polls until `f` returns `Some` (Yew renders asynchronously); fails after 5 s with `what`.
async fn wait_for<T>(what: &str, mut f: impl FnMut() -> Option<T>) -> T {
    for _ in 0..500 {
        if let Some(v) = f() {
            return v;
        }
        yew::platform::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("timed out after 5 s waiting for {what}");
}

fn texts(root: &web_sys::Element, selector: &str) -> Vec<String> {
    let list = root.query_selector_all(selector).unwrap();
    (0..list.length())
        .filter_map(|i| list.item(i))
        .map(|n| n.text_content().unwrap_or_default())
        .collect()
}

fn attr(root: &web_sys::Element, selector: &str, name: &str) -> Option<String> {
    root.query_selector(selector).ok()??.get_attribute(name)
}

fn series(name: &str, label: &str, color: usize, points: Vec<(u64, f64)>) -> ChartSeries {
    ChartSeries {
        name: name.to_string().into(),
        label: label.to_string().into(),
        color,
        points,
        live: None,
    }
}

fn props(id: &str, unit: &str, series: Vec<ChartSeries>) -> LineChartProps {
    LineChartProps {
        id: id.to_string().into(),
        title: "Messages in orders".into(),
        unit: unit.to_string().into(),
        series,
        from_ms: ORIGIN,
        to_ms: ORIGIN + 5 * MIN,
        origin_ms: ORIGIN,
        y_max: None,
    }
}

fn mount(root_id: &str, p: LineChartProps) -> web_sys::Element {
    let root = fresh_root(root_id);
    yew::Renderer::<LineChart>::with_root_and_props(root.clone(), p).render();
    root
}

#[wasm_bindgen_test]
async fn axes_show_the_unit_and_time_since_the_start() {
    let points = (0..30).map(|i| (ORIGIN + i * 10_000, i as f64)).collect();
    let root = mount(
        "chart-units",
        props(
            "c-units",
            "messages/s",
            vec![series(metrics::SENT, "sent", 4, points)],
        ),
    );
    let unit = wait_for("the unit label", || texts(&root, ".axis-unit").pop()).await;
    assert_eq!(unit.trim(), "messages/s");
    let time = texts(&root, ".time-tick .tick-label");
    assert_eq!(time, ["T+00:00:00", "T+00:02:00", "T+00:04:00"]);
    let values = texts(&root, ".value-tick .tick-label");
    // Values up to 29 → round ticks 0, 10, 20, 30.
    assert_eq!(values, ["0", "10", "20", "30"]);
}

#[wasm_bindgen_test]
async fn each_point_is_one_polyline_vertex() {
    let a: Vec<(u64, f64)> = (0..7).map(|i| (ORIGIN + i * 1_000, 2.0)).collect();
    let b: Vec<(u64, f64)> = (0..3).map(|i| (ORIGIN + i * 1_000, 1.0)).collect();
    let root = mount(
        "chart-vertices",
        props(
            "c-vertices",
            "messages",
            vec![
                series(metrics::VISIBLE, "visible", 4, a),
                series(metrics::NOT_VISIBLE, "in flight", 5, b),
            ],
        ),
    );
    let lines = wait_for("two polylines", || {
        let list = root.query_selector_all("polyline.line").unwrap();
        (list.length() == 2).then(|| {
            (0..2)
                .map(|i| {
                    list.item(i)
                        .unwrap()
                        .dyn_into::<web_sys::Element>()
                        .unwrap()
                })
                .collect::<Vec<_>>()
        })
    })
    .await;
    let counts: Vec<usize> = lines
        .iter()
        .map(|l| {
            l.get_attribute("points")
                .unwrap()
                .split_whitespace()
                .count()
        })
        .collect();
    assert_eq!(counts, [7, 3]);
    // Distinct dash patterns, so the lines differ by more than colour.
    let dashes: Vec<String> = lines
        .iter()
        .map(|l| l.get_attribute("stroke-dasharray").unwrap())
        .collect();
    assert_ne!(dashes[0], dashes[1]);
}

#[wasm_bindgen_test]
async fn the_live_point_extends_the_line_and_is_the_latest_value() {
    let mut s = series(
        metrics::SENT,
        "sent",
        4,
        (0..4).map(|i| (ORIGIN + i * 1_000, 2.0)).collect(),
    );
    s.live = Some((ORIGIN + 4_500, 7.0));
    let root = mount("chart-live", props("c-live", "messages/s", vec![s]));
    let points = wait_for("the polyline", || attr(&root, "polyline.line", "points")).await;
    assert_eq!(points.split_whitespace().count(), 4, "recorded points only");
    let last_vertex = points.split_whitespace().last().unwrap().to_string();
    let (x1, y1) = (
        attr(&root, "line.live", "x1").unwrap(),
        attr(&root, "line.live", "y1").unwrap(),
    );
    assert_eq!(
        format!("{x1},{y1}"),
        last_vertex,
        "the live segment starts at the last point"
    );
    assert_eq!(
        attr(&root, "line.live", "x2"),
        attr(&root, "circle.last-point", "cx"),
        "the marker sits on the present"
    );
    assert_eq!(texts(&root, ".series-value"), ["7 messages/s"]);
    // Values up to the live 7 → the axis reaches 8.
    assert_eq!(texts(&root, ".value-tick .tick-label").last().unwrap(), "8");
}

#[wasm_bindgen_test]
async fn an_empty_series_shows_the_empty_state() {
    let root = mount(
        "chart-empty",
        props(
            "c-empty",
            "s",
            vec![series(metrics::AGE_OF_OLDEST, "age", 4, vec![])],
        ),
    );
    let text = wait_for("the empty state", || texts(&root, ".chart-empty").pop()).await;
    assert_eq!(text, EMPTY_TEXT);
    assert_eq!(texts(&root, ".chart-legend .series-value"), [EMPTY_TEXT]);
    let name = attr(&root, "svg.chart-svg", "aria-label").unwrap();
    assert!(name.ends_with(EMPTY_TEXT), "accessible name: {name}");
    let points = attr(&root, "polyline.line", "points").unwrap();
    assert_eq!(points, "", "no vertex without data");
}

#[wasm_bindgen_test]
async fn the_accessible_name_names_the_metric_unit_and_window() {
    let root = mount(
        "chart-name",
        props(
            "c-name",
            "messages",
            vec![series(metrics::VISIBLE, "visible", 4, vec![(ORIGIN, 3.0)])],
        ),
    );
    let svg = wait_for("the chart", || {
        root.query_selector("svg.chart-svg").unwrap()
    })
    .await;
    assert_eq!(svg.get_attribute("role").as_deref(), Some("img"));
    assert_eq!(
        svg.get_attribute("aria-label").unwrap(),
        "Messages in orders: ApproximateNumberOfMessagesVisible in messages, T+00:00:00 to T+00:05:00"
    );
    assert_eq!(
        svg.get_attribute("aria-describedby").as_deref(),
        Some("c-name-legend")
    );
    assert!(root.query_selector("#c-name-legend").unwrap().is_some());
    assert_eq!(texts(&root, ".chart-title"), ["Messages in orders"]);
}

#[wasm_bindgen_test]
async fn the_legend_states_latest_values_in_words() {
    let root = mount(
        "chart-legend",
        props(
            "c-legend",
            "messages",
            vec![
                series(
                    metrics::VISIBLE,
                    "visible",
                    4,
                    vec![(ORIGIN, 3.0), (ORIGIN + 1_000, 1_204.0)],
                ),
                series(metrics::DELAYED, "delayed", 2, vec![(ORIGIN, 0.0)]),
            ],
        ),
    );
    let items = wait_for("two legend items", || {
        let t = texts(&root, ".chart-legend li");
        (t.len() == 2).then_some(t)
    })
    .await;
    assert_eq!(
        items,
        [
            "visible: 1,204 messages ApproximateNumberOfMessagesVisible",
            "delayed: 0 messages ApproximateNumberOfMessagesDelayed"
        ]
    );
}

#[wasm_bindgen_test]
async fn re_rendering_with_new_points_moves_the_line() {
    // The panel re-renders every frame: new props must replace the old vertices.
    let root = fresh_root("chart-update");
    let one = props(
        "c-update",
        "messages",
        vec![series(metrics::VISIBLE, "visible", 4, vec![(ORIGIN, 1.0)])],
    );
    let mut handle = yew::Renderer::<LineChart>::with_root_and_props(root.clone(), one).render();
    wait_for("the first vertex", || {
        attr(&root, "polyline.line", "points").filter(|p| p.split_whitespace().count() == 1)
    })
    .await;
    let more = (0..5).map(|i| (ORIGIN + i * 1_000, i as f64)).collect();
    let mut next = props(
        "c-update",
        "messages",
        vec![series(metrics::VISIBLE, "visible", 4, more)],
    );
    next.title = "Messages in emails".into();
    handle.update(next);
    wait_for("five vertices", || {
        attr(&root, "polyline.line", "points").filter(|p| p.split_whitespace().count() == 5)
    })
    .await;
    assert_eq!(texts(&root, ".chart-title"), ["Messages in emails"]);
}

#[wasm_bindgen_test]
async fn order_paths_side_by_side_with_lost_orders_in_words() {
    let path = |name: &str, lost: f64, placed: f64| PathSeries {
        path: name.to_string().into(),
        series: vec![
            series(
                metrics::PLACED,
                "placed",
                4,
                vec![(ORIGIN, 0.0), (ORIGIN + MIN, placed)],
            ),
            series(
                metrics::LOST,
                "lost",
                5,
                vec![(ORIGIN, 0.0), (ORIGIN + MIN, lost)],
            ),
        ],
    };
    let root = fresh_root("paths");
    yew::Renderer::<PathsChart>::with_root_and_props(
        root.clone(),
        PathsChartProps {
            paths: vec![path("tight", 23.0, 120.0), path("decoupled", 0.0, 40.0)],
            from_ms: ORIGIN,
            to_ms: ORIGIN + 5 * MIN,
            origin_ms: ORIGIN,
        },
    )
    .render();
    let summary = wait_for("the summary", || texts(&root, ".paths-summary").pop()).await;
    assert_eq!(summary, "tight: lost 23, decoupled: lost 0");
    let names: Vec<String> = ["#chart-path-tight", "#chart-path-decoupled"]
        .iter()
        .map(|id| attr(&root, &format!("{id} svg"), "aria-label").unwrap())
        .collect();
    assert!(
        names[0].starts_with("Order path tight (cumulative): Placed, Lost in orders"),
        "{}",
        names[0]
    );
    assert!(names[1].starts_with("Order path decoupled"), "{}", names[1]);
    // One scale for both paths, from the larger one (120 placed → ticks 0, 50, 100, 150).
    let ticks = |id: &str| texts(&root, &format!("{id} .value-tick .tick-label"));
    assert_eq!(ticks("#chart-path-tight"), ["0", "50", "100", "150"]);
    assert_eq!(ticks("#chart-path-decoupled"), ticks("#chart-path-tight"));
}

#[wasm_bindgen_test]
fn downsampling_caps_points_and_keeps_each_series_aggregation() {
    // One hour of one-second buckets: 2 messages sent each second, a gauge peaking once.
    let hour = 3_600u64;
    let counters: Vec<(u64, u64, u64)> =
        (0..hour).map(|s| (ORIGIN + s * 1_000, 1_000, 2)).collect();
    let pts = downsample(
        &counters,
        Agg::Sum,
        ORIGIN,
        ORIGIN + hour * 1_000,
        MAX_POINTS,
    );
    assert!(pts.len() <= MAX_POINTS, "{} points", pts.len());
    assert_eq!(
        bucket_width_ms(ORIGIN, ORIGIN + hour * 1_000, MAX_POINTS),
        15_000
    );
    assert_eq!(pts.len(), 240);
    assert!(
        pts.iter().all(|p| (p.1 - 2.0).abs() < 1e-9),
        "a rate of 2 messages/s"
    );
    assert!(pts.windows(2).all(|w| w[0].0 < w[1].0), "time increases");

    let gauges: Vec<(u64, u64, u64)> = (0..hour)
        .map(|s| (ORIGIN + s * 1_000, 1_000, if s == 1_000 { 99 } else { 1 }))
        .collect();
    let g = downsample(&gauges, Agg::Max, ORIGIN, ORIGIN + hour * 1_000, MAX_POINTS);
    assert_eq!(
        g.iter().map(|p| p.1).fold(0.0, f64::max),
        99.0,
        "the peak survives"
    );

    // Coarse buckets (1 min of a counter = 600 messages) are kept and shown per second;
    // buckets outside the window are dropped.
    let mixed = [
        (ORIGIN - 120_000, 60_000, 5),
        (ORIGIN, 60_000, 600),
        (ORIGIN + 60_000, 1_000, 3),
    ];
    let m = downsample(&mixed, Agg::Sum, ORIGIN, ORIGIN + 3_600_000, MAX_POINTS);
    assert_eq!(m, [(ORIGIN, 10.0), (ORIGIN + 60_000, 3.0)]);

    // The newest hour of the coarsest tier is still filling (30 min of 2 messages/s);
    // the minutes after it are still at 1 min: one steady rate, no dip at the seam.
    let seam = [
        (ORIGIN, 3_600_000, 3_600),
        (ORIGIN + 30 * MIN, 60_000, 120),
        (ORIGIN + 31 * MIN, 60_000, 120),
    ];
    let day = downsample(&seam, Agg::Sum, ORIGIN, ORIGIN + 86_400_000, MAX_POINTS);
    assert!(day.iter().all(|p| (p.1 - 2.0).abs() < 1e-9), "{day:?}");

    // Five minutes at one second: 300 points, the oldest partial bucket dropped first.
    let five: Vec<(u64, u64, u64)> = (0..=300).map(|s| (ORIGIN + s * 1_000, 1_000, 1)).collect();
    let f = downsample(&five, Agg::Sum, ORIGIN + 500, ORIGIN + 300_500, MAX_POINTS);
    assert_eq!(f.len(), 300);
    assert_eq!(f[0].0, ORIGIN + 1_000);
}

#[wasm_bindgen_test]
fn ticks_are_round_and_labelled_from_the_start() {
    assert_eq!(value_scale(0.0, true), (1.0, 1.0));
    assert_eq!(value_scale(29.0, true), (30.0, 10.0));
    let (top, step) = value_scale(0.3, false);
    assert!(
        (top - 0.3).abs() < 1e-9 && (step - 0.1).abs() < 1e-9,
        "{top} {step}"
    );
    assert_eq!(value_scale(0.3, true), (1.0, 1.0));
    let day = 86_400_000;
    let t = time_ticks(ORIGIN + day, ORIGIN + 2 * day, ORIGIN);
    let labels: Vec<String> = t.iter().map(|t| time_label(t - ORIGIN)).collect();
    assert_eq!(labels, ["T+1d 00:00:00", "T+1d 12:00:00", "T+2d 00:00:00"]);
    let hour = time_ticks(ORIGIN + 90 * MIN, ORIGIN + 150 * MIN, ORIGIN);
    let labels: Vec<String> = hour.iter().map(|t| time_label(t - ORIGIN)).collect();
    assert_eq!(
        labels,
        ["T+01:40:00", "T+02:00:00", "T+02:20:00"],
        "20-minute ticks over an hour"
    );
    assert_eq!(tick_label(5_000.0, 5_000.0), "5k");
    assert_eq!(tick_label(2_500.0, 500.0), "2,500");
    assert_eq!(tick_label(1_500_000.0, 500_000.0), "1.5M");
    assert_eq!(tick_label(1_250_000.0, 250_000.0), "1.25M");
    assert_eq!(tick_label(0.25, 0.05), "0.25");
}

#[wasm_bindgen_test]
fn the_window_is_the_first_stretch_then_follows_now_in_whole_buckets() {
    use sqs_playground::ui::components::charts::window_bounds;
    let five = 5 * MIN;
    // Younger than the window: a steady axis from the start.
    assert_eq!(
        window_bounds(ORIGIN, ORIGIN + 90_000, five),
        (ORIGIN, ORIGIN + five)
    );
    // Older: the last 5 min, its end rounded up to the next whole second.
    assert_eq!(
        window_bounds(ORIGIN, ORIGIN + 10 * MIN + 250, five),
        (ORIGIN + 5 * MIN + 1_000, ORIGIN + 10 * MIN + 1_000)
    );
    // An hour moves in 15 s buckets.
    let (from, to) = window_bounds(ORIGIN, ORIGIN + 2 * 3_600_000 + 1, 3_600_000);
    assert_eq!(
        (from, to),
        (ORIGIN + 3_600_000 + 15_000, ORIGIN + 2 * 3_600_000 + 15_000)
    );
}
