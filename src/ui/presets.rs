//! Preset scenarios: the picker's list comes from `scenarios/index.json`, fetched at run
//! time next to the page (so a host can add files), and each preset from its own file.
//! The default (order confirmation) is built in, so the first paint needs no network.

use serde::Deserialize;

use crate::world::Scenario;

/// The preset the page opens on.
pub const DEFAULT_PRESET: &str = "order-confirmation";

/// The default preset's document, built into the app.
pub const DEFAULT_DOCUMENT: &str = include_str!("../../static/scenarios/order-confirmation.json");

/// The index of the preset files.
pub const INDEX_URL: &str = "scenarios/index.json";

/// One preset of the index.
#[derive(Deserialize, Debug, Clone, PartialEq)]
pub struct PresetEntry {
    /// Stable id (`?preset=<id>`).
    pub id: String,
    /// Title.
    pub title: String,
    /// One line on what it shows.
    #[serde(default)]
    pub description: String,
    /// File name next to the index.
    pub file: String,
}

/// The built-in default scenario.
pub fn default_scenario() -> Scenario {
    Scenario::from_json(DEFAULT_DOCUMENT).expect("the built-in preset is valid")
}

/// The `preset` parameter of the page's query string, if any.
pub fn preset_param(search: &str) -> Option<String> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter_map(|kv| kv.split_once('='))
        .find(|(k, _)| *k == "preset")
        .map(|(_, v)| v.to_string())
        .filter(|v| !v.is_empty())
}

async fn fetch_text(url: &str) -> Result<String, String> {
    let res = gloo_net::http::Request::get(url)
        .send()
        .await
        .map_err(|e| format!("could not fetch {url}: {e}"))?;
    if !res.ok() {
        return Err(format!("could not fetch {url}: HTTP {}", res.status()));
    }
    res.text()
        .await
        .map_err(|e| format!("could not read {url}: {e}"))
}

/// Fetches the preset index.
pub async fn fetch_index() -> Result<Vec<PresetEntry>, String> {
    let text = fetch_text(INDEX_URL).await?;
    serde_json::from_str(&text).map_err(|e| format!("{INDEX_URL} is not a preset list: {e}"))
}

/// Fetches and checks one preset document (the loader's field-named error on failure).
pub async fn fetch_preset(entry: &PresetEntry) -> Result<Scenario, String> {
    let url = format!("scenarios/{}", entry.file);
    let text = fetch_text(&url).await?;
    Scenario::from_json(&text).map_err(|e| format!("preset {}: {e}", entry.id))
}
