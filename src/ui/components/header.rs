//! App header with the product name and version.

use yew::prelude::*;

/// Props of [`Header`].
#[derive(Properties, PartialEq, Clone)]
pub struct HeaderProps {
    /// Product name.
    pub name: AttrValue,
    /// Version string, shown as `v<version>`.
    pub version: AttrValue,
}

/// The top bar of the page.
#[function_component(Header)]
pub fn header(props: &HeaderProps) -> Html {
    html! {
        <header class="app-header">
            <h1>{ props.name.clone() }</h1>
            <span class="version" aria-label="version">{ format!("v{}", props.version) }</span>
            <span class="tagline">{ "Learn Amazon SQS by watching it work" }</span>
        </header>
    }
}
