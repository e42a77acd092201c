//! "Export configuration" in the queue inspector: the queue (with its dead-letter chain)
//! as AWS CLI commands, a CloudFormation template and Terraform, each under its heading
//! with a Copy button. A refused clipboard says so and leaves the text to select.

use yew::prelude::*;

use crate::ui::clipboard;
use crate::ui::context::use_playground;

/// Props of [`QueueExportPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct QueueExportProps {
    /// The queue to export.
    pub queue: String,
}

/// The export button and, once pressed, the three formats.
#[function_component(QueueExportPanel)]
pub fn queue_export_panel(props: &QueueExportProps) -> Html {
    let pg = use_playground();
    let open = use_state(|| false);
    // (is an error, text) of the last copy.
    let status = use_state(|| None::<(bool, String)>);
    let name = props.queue.clone();
    let toggle = {
        let (open, status) = (open.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            open.set(!*open);
            status.set(None);
        })
    };
    let button = html! {
        <button type="button" aria-expanded={(*open).to_string()} onclick={toggle}>
            { format!("Export queue {name} configuration") }
        </button>
    };
    if !*open {
        return button;
    }
    let Some(export) = pg.read(|s| s.world().export_queue(&name)) else {
        return button;
    };
    let formats = [
        (
            "cli",
            "AWS CLI commands",
            "Copy AWS CLI commands",
            export.aws_cli,
        ),
        (
            "cfn",
            "CloudFormation (YAML)",
            "Copy CloudFormation",
            export.cloudformation,
        ),
        ("tf", "Terraform", "Copy Terraform", export.terraform),
    ];
    let blocks = formats.into_iter().map(|(key, heading, copy, text)| {
        let id = format!("export-{key}-{}", slug(&name));
        let onclick = {
            let (status, text, label) = (status.clone(), text.clone(), heading.to_string());
            Callback::from(move |_: MouseEvent| {
                let status = status.clone();
                let label = label.clone();
                clipboard::write_text(&text, move |ok| {
                    status.set(Some(if ok {
                        (false, format!("Copied the {label}."))
                    } else {
                        (true, format!("The browser refused the clipboard: select the {label} above and copy it by hand."))
                    }));
                });
            })
        };
        html! {
            <div class="export-format">
                <div class="export-head">
                    <h5 id={id.clone()}>{ heading }</h5>
                    <button type="button" onclick={onclick}>{ copy }</button>
                </div>
                <pre class="export" aria-labelledby={id} tabindex="0"><code>{ text }</code></pre>
            </div>
        }
    });
    let chain = if export.queues.len() > 1 {
        format!(
            "With its dead-letter queue, created first: {}.",
            export.queues.join(" → ")
        )
    } else {
        String::new()
    };
    html! {
        <>
            { button }
            <section class="queue-export" aria-label={format!("Configuration of queue {name}")}>
                <p class="hint">{ format!("Every configurable attribute, AWS defaults included, so it rebuilds {name} exactly. {chain}") }</p>
                { for blocks }
                <p role="status" class={classes!("export-status", status.as_ref().filter(|s| s.0).map(|_| "error"))}>
                    { status.as_ref().map(|s| s.1.clone()).unwrap_or_default() }
                </p>
            </section>
        </>
    }
}

/// `name` usable in an element id.
fn slug(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}
