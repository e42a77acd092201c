//! CloudWatch-style charts of one queue (the selected queue, else the first): its
//! gauges (`ApproximateNumberOfMessagesVisible` / `NotVisible` / `Delayed`), its flow
//! (`NumberOfMessagesSent` / `Received` / `Deleted`), `NumberOfEmptyReceives` and
//! `ApproximateAgeOfOldestMessage`, over the last 5 min, 1 h or 1 day; and, when the
//! scenario has the shop, the two order paths side by side.
//!
//! Each frame it queries only the window ([`World::metric_points`]), downsampled to at
//! most [`MAX_POINTS`] points per series, and adds the present as the rightmost (live)
//! point: the gauges' current values and the counts so far of the second in progress
//! ([`World::partial_second`]). The window advances in whole buckets, so between two
//! buckets only the live points change and the recorded lines are not redrawn.

use yew::prelude::*;

use super::line_chart::{bucket_width_ms, downsample, ChartSeries, LineChart, MAX_POINTS};
use super::paths_chart::{PathSeries, PathsChart};
use crate::ui::context::{use_playground, use_ui};
use crate::ui::frame::{Frame, QueueFrame, Shared};
use crate::ui::state::{ChartWindow, Selection, UiAction};
use crate::world::metrics::{self, Agg};
use crate::world::World;

/// The windows offered, in order.
pub const WINDOWS: [ChartWindow; 3] = [
    ChartWindow::FiveMinutes,
    ChartWindow::OneHour,
    ChartWindow::OneDay,
];

/// One line: which metric, its label in words, its colour and how it aggregates.
struct Line {
    metric: &'static str,
    label: &'static str,
    color: usize,
    agg: Agg,
}

// Colours index the Okabe–Ito palette; the first three have ≥ 3:1 contrast on white.
const BLUE: usize = 4;
const VERMILLION: usize = 5;
const GREEN: usize = 2;
const PURPLE: usize = 6;
const ORANGE: usize = 0;

const GAUGES: [Line; 3] = [
    Line {
        metric: metrics::VISIBLE,
        label: "visible",
        color: BLUE,
        agg: Agg::Max,
    },
    Line {
        metric: metrics::NOT_VISIBLE,
        label: "in flight",
        color: VERMILLION,
        agg: Agg::Max,
    },
    Line {
        metric: metrics::DELAYED,
        label: "delayed",
        color: GREEN,
        agg: Agg::Max,
    },
];

const FLOWS: [Line; 3] = [
    Line {
        metric: metrics::SENT,
        label: "sent",
        color: BLUE,
        agg: Agg::Sum,
    },
    Line {
        metric: metrics::RECEIVED,
        label: "received",
        color: VERMILLION,
        agg: Agg::Sum,
    },
    Line {
        metric: metrics::DELETED,
        label: "deleted",
        color: GREEN,
        agg: Agg::Sum,
    },
];

const EMPTY_RECEIVES: Line = Line {
    metric: metrics::EMPTY_RECEIVES,
    label: "empty receives",
    color: PURPLE,
    agg: Agg::Sum,
};

const AGE: Line = Line {
    metric: metrics::AGE_OF_OLDEST,
    label: "age of the oldest message",
    color: BLUE,
    agg: Agg::Max,
};

const PATH_LINES: [Line; 5] = [
    Line {
        metric: metrics::PLACED,
        label: "placed",
        color: BLUE,
        agg: Agg::Max,
    },
    Line {
        metric: metrics::RECORDED,
        label: "recorded",
        color: GREEN,
        agg: Agg::Max,
    },
    Line {
        metric: metrics::EMAILED,
        label: "e-mailed",
        color: PURPLE,
        agg: Agg::Max,
    },
    Line {
        metric: metrics::LOST,
        label: "lost",
        color: VERMILLION,
        agg: Agg::Max,
    },
    Line {
        metric: metrics::DUPLICATED,
        label: "duplicated",
        color: ORANGE,
        agg: Agg::Max,
    },
];

/// The window `[from, to)` shown at `now_ms` for a run that started at `start_ms`: the
/// first `len_ms` while the run is younger (the line grows from the left on a steady
/// axis), then the last `len_ms` up to `now_ms` rounded up to the chart's bucket width,
/// so the recorded points stay put between two buckets and only the present moves.
pub fn window_bounds(start_ms: u64, now_ms: u64, len_ms: u64) -> (u64, u64) {
    let now = now_ms.max(start_ms);
    if now - start_ms < len_ms {
        return (start_ms, start_ms + len_ms);
    }
    let width = bucket_width_ms(0, len_ms, MAX_POINTS);
    let to = start_ms + (now - start_ms).div_ceil(width) * width;
    (to - len_ms, to)
}

/// The queue the charts show: the selected queue if it exists, else the first one.
pub fn chart_queue<'a>(frame: &'a Frame, selection: &Selection) -> Option<&'a QueueFrame> {
    let selected = match selection {
        Selection::Queue(name) => frame.queues.iter().find(|q| &q.name == name),
        _ => None,
    };
    selected.or_else(|| frame.queues.first())
}

/// Time and value of the present for one line.
type Live = Option<(u64, f64)>;

/// One series of `scope` over `[from, to)`, with `live` (the present) after its points.
fn series(w: &World, scope: &str, line: &Line, from: u64, to: u64, live: Live) -> ChartSeries {
    let buckets = w.metric_points(scope, line.metric, from, to);
    let points = downsample(&buckets, line.agg, from, to, MAX_POINTS);
    let live = live.filter(|&(t, _)| t >= from && points.last().is_some_and(|l| t >= l.0));
    ChartSeries {
        name: line.metric.into(),
        label: line.label.into(),
        color: line.color,
        points,
        live,
    }
}

/// What one frame of the panel draws.
struct Drawn {
    gauges: Vec<ChartSeries>,
    flows: Vec<ChartSeries>,
    empty_receives: Vec<ChartSeries>,
    age: Vec<ChartSeries>,
    paths: Vec<PathSeries>,
}

fn draw(w: &World, frame: &Frame, queue: Option<&QueueFrame>, from: u64, to: u64) -> Drawn {
    let now = frame.clock.now_ms;
    let mut d = Drawn {
        gauges: Vec::new(),
        flows: Vec::new(),
        empty_receives: Vec::new(),
        age: Vec::new(),
        paths: Vec::new(),
    };
    if let Some(q) = queue {
        let scope = metrics::queue_scope(&q.name);
        let gauge_now = [q.visible, q.in_flight, q.delayed];
        d.gauges = GAUGES
            .iter()
            .zip(gauge_now)
            .map(|(line, v)| series(w, &scope, line, from, to, Some((now, v as f64))))
            .collect();
        // The second in progress, as counted so far (none yet right at its start).
        let part = w.partial_second(&q.name);
        let so_far = |n: u64| (now > part.t_ms).then_some((part.t_ms, n as f64));
        let flow_now = [part.sent, part.received, part.deleted];
        d.flows = FLOWS
            .iter()
            .zip(flow_now)
            .map(|(line, n)| series(w, &scope, line, from, to, so_far(n)))
            .collect();
        d.empty_receives = vec![series(
            w,
            &scope,
            &EMPTY_RECEIVES,
            from,
            to,
            so_far(part.empty_receives),
        )];
        let age_s = q.oldest_age_ms.unwrap_or(0) / 1_000;
        d.age = vec![series(w, &scope, &AGE, from, to, Some((now, age_s as f64)))];
    }
    if let Some(shop) = &frame.shop {
        let mut names: Vec<&'static str> = Vec::new();
        if shop.tight || frame.paths.contains_key("tight") {
            names.push("tight");
        }
        if shop.queue.is_some() || frame.paths.contains_key("decoupled") {
            names.push("decoupled");
        }
        d.paths = names
            .into_iter()
            .map(|path| {
                let scope = metrics::path_scope(path);
                let c = frame.paths.get(path).cloned().unwrap_or_default();
                let now_values = [c.placed, c.recorded, c.emailed, c.lost, c.duplicated];
                PathSeries {
                    path: path.into(),
                    series: PATH_LINES
                        .iter()
                        .zip(now_values)
                        .map(|(line, v)| series(w, &scope, line, from, to, Some((now, v as f64))))
                        .collect(),
                }
            })
            .collect();
    }
    d
}

/// Props of [`Charts`].
#[derive(Properties, PartialEq, Clone)]
pub struct ChartsProps {
    /// The frame.
    pub frame: Shared<Frame>,
}

/// The charts panel: the queue and window pickers, the queue's charts, the order paths.
#[function_component(Charts)]
pub fn charts(props: &ChartsProps) -> Html {
    let pg = use_playground();
    let ui = use_ui();
    let f = &*props.frame;
    let queue = chart_queue(f, &ui.selection);
    let window = ui.chart_window;
    let (from, to) = window_bounds(f.clock.start_ms, f.clock.now_ms, window.ms());
    let d = pg.read(|s| draw(s.world(), f, queue, from, to));
    let origin = f.clock.start_ms;

    let window_buttons = WINDOWS.iter().map(|&w| {
        let ui = ui.clone();
        let onclick = Callback::from(move |_: MouseEvent| ui.dispatch(UiAction::Window(w)));
        html! {
            <button type="button" aria-pressed={(w == window).to_string()} {onclick}
                aria-label={format!("Chart window {}", w.label())}>
                { w.label() }
            </button>
        }
    });
    let on_queue = {
        let ui = ui.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            ui.dispatch(UiAction::Select(Selection::Queue(select.value())));
        })
    };
    let queue_picker = queue.map(|q| {
        let options = f.queues.iter().map(|o| {
            html! { <option value={o.name.clone()} selected={o.name == q.name}>{ o.name.clone() }</option> }
        });
        html! {
            <label class="chart-queue">
                <span>{ "Queue" }</span>
                <select onchange={on_queue}>{ for options }</select>
            </label>
        }
    });
    let queue_charts = match queue {
        Some(q) => html! {
            <div class="chart-grid">
                <LineChart id="chart-queue-messages" title={format!("Messages in {}", q.name)}
                    unit="messages" series={d.gauges} from_ms={from} to_ms={to} origin_ms={origin} />
                <LineChart id="chart-queue-flow" title={format!("Messages per second through {}", q.name)}
                    unit="messages/s" series={d.flows} from_ms={from} to_ms={to} origin_ms={origin} />
                <LineChart id="chart-queue-empty" title={format!("Empty receives from {}", q.name)}
                    unit="receives/s" series={d.empty_receives} from_ms={from} to_ms={to} origin_ms={origin} />
                <LineChart id="chart-queue-age" title={format!("Age of the oldest message in {}", q.name)}
                    unit="s" series={d.age} from_ms={from} to_ms={to} origin_ms={origin} />
            </div>
        },
        None => {
            html! { <p class="chart-none">{ "No queue to chart yet: create one in Build." }</p> }
        }
    };
    html! {
        <div class="charts">
            <div class="charts-bar">
                { for queue_picker }
                <div class="chart-window" role="group" aria-label="Chart window">
                    <span class="group-label">{ "Window" }</span>
                    { for window_buttons }
                </div>
            </div>
            { queue_charts }
            if !d.paths.is_empty() {
                <PathsChart paths={d.paths} from_ms={from} to_ms={to} origin_ms={origin} />
            }
        </div>
    }
}
