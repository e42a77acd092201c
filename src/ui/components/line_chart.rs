//! A small hand-drawn SVG line chart: one or more series over a time window
//! `[from_ms, to_ms)`, time ticks relative to the run start (`T+00:05:00`), value ticks
//! with the unit on the value axis, one polyline vertex per point, and a legend that
//! states each series' latest value in words, so nothing is told by colour alone (each
//! series also has its own dash pattern). Props are plain data: no world is needed.
//!
//! Each series may end in a *live* point (the present, which moves every frame) drawn
//! as a separate segment after the polyline of its recorded points; the polyline is its
//! own component, so while only the present moves it is neither rebuilt nor touched in
//! the DOM.
//!
//! [`downsample`] turns a metric's `(bucket start, resolution, value)` triples into at
//! most a given number of chart points, merging buckets the way the series itself does
//! (counters add up and are shown per second, gauges keep the maximum).
//!
//! ```text
//! line_chart.rs         the props, ChartSeries, the LineChart and Polyline components
//!                       (drawing, layout constants, the accessible name)
//! line_chart/buckets.rs bucket_width_ms, downsample: metric buckets to chart points
//! line_chart/scale.rs   value_scale, time_ticks and the words of ticks and values
//! ```
//!
//! The two files under `line_chart/` are plain arithmetic (no yew, no DOM; `scale` words
//! numbers with [`crate::ui::format`]), use neither each other nor the components, and
//! are re-exported here.

use yew::prelude::*;

mod buckets;
mod scale;

pub use buckets::{bucket_width_ms, downsample};
pub use scale::{tick_label, time_label, time_ticks, value_scale, value_text};

/// The Okabe–Ito palette; [`ChartSeries::color`] indexes it (modulo its length).
pub const PALETTE: [&str; 8] = [
    "#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#999999",
];

/// Dash patterns, by the position of a series in its chart (the first is solid).
pub const DASHES: [&str; 5] = ["none", "7 3", "2 3", "9 3 2 3", "12 4"];

/// Most points a chart draws per series from history ([`downsample`]'s usual cap).
pub const MAX_POINTS: usize = 300;

/// Width of the SVG drawing, in user units.
pub const WIDTH: f64 = 420.0;
/// Height of the SVG drawing, in user units.
pub const HEIGHT: f64 = 170.0;
const LEFT: f64 = 50.0;
const RIGHT: f64 = 16.0;
const TOP: f64 = 22.0;
const BOTTOM: f64 = 24.0;
const PLOT_W: f64 = WIDTH - LEFT - RIGHT;
const PLOT_H: f64 = HEIGHT - TOP - BOTTOM;

/// The text shown when no series has a point.
pub const EMPTY_TEXT: &str = "no data yet";

/// One line of a chart.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ChartSeries {
    /// What it measures, e.g. the CloudWatch metric name `NumberOfMessagesSent`.
    pub name: AttrValue,
    /// A short label in words, e.g. `sent`.
    pub label: AttrValue,
    /// Index into [`PALETTE`].
    pub color: usize,
    /// Recorded `(t_ms, value)`, oldest first: one polyline vertex each.
    pub points: Vec<(u64, f64)>,
    /// The present `(t_ms, value)`, drawn after the last point (only with points).
    pub live: Option<(u64, f64)>,
}

impl ChartSeries {
    /// The most recent value (the live one if any), if any.
    pub fn latest(&self) -> Option<f64> {
        if self.points.is_empty() {
            return None;
        }
        self.live.or(self.points.last().copied()).map(|p| p.1)
    }

    /// The recorded points and the live one, oldest first.
    fn all_points(&self) -> impl Iterator<Item = (u64, f64)> + '_ {
        let live = self.live.filter(|_| !self.points.is_empty());
        self.points.iter().copied().chain(live)
    }
}

/// Props of [`LineChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct LineChartProps {
    /// Element id of the chart (the legend gets `<id>-legend`); unique in the page.
    pub id: AttrValue,
    /// What the chart shows, e.g. `Messages in queue orders`.
    pub title: AttrValue,
    /// Unit of every value (`messages`, `messages/s`, `s`).
    pub unit: AttrValue,
    /// The lines, drawn in order.
    pub series: Vec<ChartSeries>,
    /// Start of the window, epoch ms.
    pub from_ms: u64,
    /// End of the window (exclusive), epoch ms.
    pub to_ms: u64,
    /// Instant the time labels count from (the run start), epoch ms.
    #[prop_or_default]
    pub origin_ms: u64,
    /// Top of the value axis, to share one scale between charts (else from the data).
    #[prop_or_default]
    pub y_max: Option<f64>,
}

fn x_of(t: u64, from_ms: u64, to_ms: u64) -> f64 {
    let span = to_ms.saturating_sub(from_ms).max(1) as f64;
    let f = (t as f64 - from_ms as f64) / span;
    LEFT + f.clamp(0.0, 1.0) * PLOT_W
}

fn y_of(v: f64, top: f64) -> f64 {
    TOP + PLOT_H - (v / top).clamp(0.0, 1.0) * PLOT_H
}

/// The chart's accessible name: what it shows, in which unit, over which window.
pub fn accessible_name(p: &LineChartProps) -> String {
    let names: Vec<&str> = p.series.iter().map(|s| s.name.as_str()).collect();
    let from = p.from_ms.max(p.origin_ms) - p.origin_ms;
    let to = p.to_ms.max(p.origin_ms) - p.origin_ms;
    let mut name = format!(
        "{}: {} in {}, {} to {}",
        p.title,
        names.join(", "),
        p.unit,
        time_label(from),
        time_label(to)
    );
    if p.series.iter().all(|s| s.points.is_empty()) {
        name.push_str(", ");
        name.push_str(EMPTY_TEXT);
    }
    name
}

/// Props of [`Polyline`].
#[derive(Properties, PartialEq, Clone)]
pub struct PolylineProps {
    /// `(t_ms, value)`, oldest first.
    pub points: Vec<(u64, f64)>,
    /// Start of the window, epoch ms.
    pub from: u64,
    /// End of the window, epoch ms.
    pub to: u64,
    /// Top of the value axis.
    pub top: f64,
    /// Stroke colour.
    pub color: &'static str,
    /// Stroke dash pattern.
    pub dash: &'static str,
}

/// The recorded points of one series, one vertex each. A component of its own so that
/// equal props (only the live point moved) skip rebuilding the vertex list.
#[function_component(Polyline)]
pub fn polyline(p: &PolylineProps) -> Html {
    let mut points = String::with_capacity(p.points.len() * 12);
    for (i, &(t, v)) in p.points.iter().enumerate() {
        use std::fmt::Write;
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(
            points,
            "{sep}{:.1},{:.1}",
            x_of(t, p.from, p.to),
            y_of(v, p.top)
        );
    }
    html! {
        <polyline class="line" {points} fill="none" stroke={p.color} stroke-dasharray={p.dash} />
    }
}

/// A line chart of one or more series with axes, units and a legend of latest values.
#[function_component(LineChart)]
pub fn line_chart(props: &LineChartProps) -> Html {
    let empty = props.series.iter().all(|s| s.points.is_empty());
    let max = props
        .series
        .iter()
        .flat_map(|s| s.all_points().map(|p| p.1))
        .fold(0.0f64, f64::max);
    let integer = props
        .series
        .iter()
        .flat_map(|s| s.all_points())
        .all(|p| p.1.fract() == 0.0);
    let (top, step) = value_scale(props.y_max.unwrap_or(max).max(max), integer);
    let (from, to) = (props.from_ms, props.to_ms.max(props.from_ms + 1));

    let value_ticks = (0..)
        .map(|i| i as f64 * step)
        .take_while(|v| *v <= top + step * 1e-6)
        .map(|v| {
            let y = y_of(v, top);
            html! {
                <g class="tick value-tick">
                    <line class="grid" x1={LEFT.to_string()} x2={(LEFT + PLOT_W).to_string()}
                        y1={format!("{y:.1}")} y2={format!("{y:.1}")} />
                    <text class="tick-label" x={(LEFT - 5.0).to_string()} y={format!("{:.1}", y + 3.5)}
                        text-anchor="end">{ tick_label(v, step) }</text>
                </g>
            }
        });
    let time_ticks = time_ticks(from, to, props.origin_ms).into_iter().map(|t| {
        let x = x_of(t, from, to);
        let anchor = if x - LEFT < 28.0 {
            "start"
        } else if LEFT + PLOT_W - x < 28.0 {
            "end"
        } else {
            "middle"
        };
        html! {
            <g class="tick time-tick">
                <line class="tick-mark" x1={format!("{x:.1}")} x2={format!("{x:.1}")}
                    y1={(TOP + PLOT_H).to_string()} y2={(TOP + PLOT_H + 4.0).to_string()} />
                <text class="tick-label" x={format!("{x:.1}")} y={(HEIGHT - 6.0).to_string()}
                    text-anchor={anchor}>{ time_label(t.saturating_sub(props.origin_ms)) }</text>
            </g>
        }
    });
    let lines = props.series.iter().enumerate().map(|(i, s)| {
        let color = PALETTE[s.color % PALETTE.len()];
        let dash = DASHES[i % DASHES.len()];
        let at = |(t, v): (u64, f64)| (x_of(t, from, to), y_of(v, top));
        let last = s.points.last().map(|&p| at(p));
        let live = s.live.filter(|_| last.is_some()).map(at);
        let segment = last.zip(live).map(|((x1, y1), (x2, y2))| {
            html! {
                <line class="line live" x1={format!("{x1:.1}")} y1={format!("{y1:.1}")}
                    x2={format!("{x2:.1}")} y2={format!("{y2:.1}")} stroke={color} stroke-dasharray={dash} />
            }
        });
        let marker = live.or(last).map(|(x, y)| {
            html! { <circle class="last-point" cx={format!("{x:.1}")} cy={format!("{y:.1}")} r="3" fill={color} /> }
        });
        html! {
            <g class="series" data-metric={s.name.clone()}>
                <Polyline points={s.points.clone()} {from} {to} {top} {color} {dash} />
                { for segment }
                { for marker }
            </g>
        }
    });
    let legend = props.series.iter().enumerate().map(|(i, s)| {
        let color = PALETTE[s.color % PALETTE.len()];
        let value = match s.latest() {
            Some(v) => format!("{} {}", value_text(v), props.unit),
            None => EMPTY_TEXT.to_string(),
        };
        html! {
            <li data-metric={s.name.clone()}>
                <svg class="swatch" viewBox="0 0 24 8" width="24" height="8" aria-hidden="true">
                    <line x1="0" y1="4" x2="24" y2="4" stroke={color}
                        stroke-dasharray={DASHES[i % DASHES.len()]} />
                </svg>
                <span class="series-label">{ format!("{}:", s.label) }</span>
                { " " }
                <span class="series-value">{ value }</span>
                { " " }
                <code class="series-metric">{ s.name.clone() }</code>
            </li>
        }
    });
    let legend_id = format!("{}-legend", props.id);
    html! {
        <figure class="line-chart" id={props.id.clone()}>
            <figcaption class="chart-title">{ props.title.clone() }</figcaption>
            <svg class="chart-svg" viewBox={format!("0 0 {WIDTH} {HEIGHT}")} role="img"
                aria-label={accessible_name(props)} aria-describedby={legend_id.clone()}>
                <text class="axis-unit" x={(LEFT - 5.0).to_string()} y="12" text-anchor="start">
                    { props.unit.clone() }
                </text>
                <g class="value-axis" aria-hidden="true">{ for value_ticks }</g>
                <g class="time-axis" aria-hidden="true">
                    <line class="axis" x1={LEFT.to_string()} x2={(LEFT + PLOT_W).to_string()}
                        y1={(TOP + PLOT_H).to_string()} y2={(TOP + PLOT_H).to_string()} />
                    { for time_ticks }
                </g>
                <g class="lines" aria-hidden="true">{ for lines }</g>
                if empty {
                    <text class="chart-empty" x={(LEFT + PLOT_W / 2.0).to_string()}
                        y={(TOP + PLOT_H / 2.0).to_string()} text-anchor="middle">{ EMPTY_TEXT }</text>
                }
            </svg>
            <ul class="chart-legend" id={legend_id} aria-label={format!("{}: latest values", props.title)}>
                { for legend }
            </ul>
        </figure>
    }
}
