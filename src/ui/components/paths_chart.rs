//! The order story's two paths side by side: one [`LineChart`] per path (tight,
//! decoupled) of its cumulative counts (placed, recorded, e-mailed, lost, duplicated) on
//! one shared scale, with the latest numbers in words ("tight: lost 23, decoupled:
//! lost 0"). Props are plain data.

use yew::prelude::*;

use super::line_chart::{value_text, ChartSeries, LineChart};
use crate::world::metrics;

/// One order path's series.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PathSeries {
    /// `tight` or `decoupled`.
    pub path: AttrValue,
    /// Its cumulative counts, one series per metric (`Placed`, …, `Duplicated`).
    pub series: Vec<ChartSeries>,
}

impl PathSeries {
    /// Latest value of `metric` (a name in [`metrics`], e.g. [`metrics::LOST`]).
    pub fn latest(&self, metric: &str) -> Option<f64> {
        self.series
            .iter()
            .find(|s| s.name == metric)
            .and_then(ChartSeries::latest)
    }
}

/// Props of [`PathsChart`].
#[derive(Properties, PartialEq, Clone)]
pub struct PathsChartProps {
    /// The paths, in the order drawn.
    pub paths: Vec<PathSeries>,
    /// Start of the window, epoch ms.
    pub from_ms: u64,
    /// End of the window (exclusive), epoch ms.
    pub to_ms: u64,
    /// The run start, epoch ms (time labels count from it).
    pub origin_ms: u64,
}

/// "tight: lost 23, decoupled: lost 0" (a path without data says so).
pub fn lost_summary(paths: &[PathSeries]) -> String {
    paths
        .iter()
        .map(|p| match p.latest(metrics::LOST) {
            Some(v) => format!("{}: lost {}", p.path, value_text(v)),
            None => format!("{}: no data yet", p.path),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The order paths, side by side.
#[function_component(PathsChart)]
pub fn paths_chart(props: &PathsChartProps) -> Html {
    // One scale for both, so the paths compare at a glance.
    let y_max = props
        .paths
        .iter()
        .flat_map(|p| p.series.iter().flat_map(|s| s.points.iter().map(|q| q.1)))
        .fold(0.0f64, f64::max);
    let charts = props.paths.iter().map(|p| {
        html! {
            <LineChart id={format!("chart-path-{}", p.path)}
                title={format!("Order path {} (cumulative)", p.path)} unit="orders"
                series={p.series.clone()} from_ms={props.from_ms} to_ms={props.to_ms}
                origin_ms={props.origin_ms} y_max={Some(y_max)} />
        }
    });
    html! {
        <section class="paths-chart" aria-labelledby="paths-chart-title">
            <h3 id="paths-chart-title">{ "Order paths" }</h3>
            <p class="paths-summary">{ lost_summary(&props.paths) }</p>
            <div class="paths-grid">{ for charts }</div>
        </section>
    }
}
