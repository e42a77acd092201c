//! A labelled layout region (landmark) of the playground.

use yew::prelude::*;

/// Props of [`Region`].
#[derive(Properties, PartialEq, Clone)]
pub struct RegionProps {
    /// Stable id, used for the element id (`region-<id>`) and CSS grid area.
    pub id: AttrValue,
    /// Visible heading, also the region's accessible name.
    pub title: AttrValue,
    /// Text shown while the region has no content yet.
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// Region content.
    #[prop_or_default]
    pub children: Html,
}

/// A `<section>` with a heading that names it for assistive technology.
#[function_component(Region)]
pub fn region(props: &RegionProps) -> Html {
    let heading_id = format!("region-{}-title", props.id);
    html! {
        <section id={format!("region-{}", props.id)} class={classes!("region", format!("region-{}", props.id))}
            aria-labelledby={heading_id.clone()}>
            <h2 id={heading_id}>{ props.title.clone() }</h2>
            if let Some(text) = &props.placeholder {
                <p class="placeholder">{ text.clone() }</p>
            }
            { props.children.clone() }
        </section>
    }
}
