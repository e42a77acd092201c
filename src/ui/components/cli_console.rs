//! The AWS CLI console: type `aws sqs …` at the `$ ` prompt, Enter (or "Run command")
//! runs it against the page's SQS as the queue owner. A line that calls SQS becomes a
//! recorded `aws_cli` action (its transcript entry lives in the world, so step back,
//! links, autosave and replay show it again); a line the CLI refuses before calling SQS
//! (a typo, a missing option) and `help` touch nothing and are kept here only. ↑/↓
//! walk the lines typed; the page's shortcuts stay off while typing (see `keyboard`).
//! Output is text in `<pre>`, never HTML; errors say "error" in words, not only in red.

use std::rc::Rc;

use yew::prelude::*;

use crate::awscli::{parse, Parsed};
use crate::engine::queue_url;
use crate::ui::context::use_playground;
use crate::ui::format;
use crate::world::cli::{CliEntry, CliStatus};
use crate::world::Action;

/// Lines of history kept for ↑/↓.
pub const HISTORY: usize = 100;
/// Refusals and help texts kept in the page (not in the world).
pub const LOCAL_ENTRIES: usize = 50;
/// The input's element id (the topology's console node focuses it).
pub const INPUT_ID: &str = "cli-input";

/// Props of [`CliConsole`]: data only.
#[derive(Properties, PartialEq, Clone)]
pub struct CliConsoleProps {
    /// Console entries over the whole run.
    pub total: u64,
    /// Console long polls still waiting.
    pub waiting: usize,
    /// The transcript's fingerprint (the transcript is re-read when it moves).
    pub fingerprint: u64,
    /// Names of the existing queues (for the hint line).
    pub queues: Vec<String>,
    /// Virtual start of the run (times are shown relative to it).
    pub start_ms: u64,
}

/// A line refused before calling SQS, or a help text: kept in the page only.
#[derive(Debug, Clone, PartialEq)]
struct Local {
    /// World entries there were when it ran (it is shown after them).
    after: u64,
    line: String,
    text: String,
    error: bool,
}

/// The console's own state.
#[derive(Debug, Clone, PartialEq, Default)]
struct ConsoleState {
    input: String,
    history: Vec<String>,
    /// Position while walking the history with ↑/↓ (`None`: the line being typed).
    cursor: Option<usize>,
    /// The line being typed before ↑ was pressed.
    draft: String,
    local: Vec<Local>,
}

enum ConsoleAction {
    Input(String),
    /// A line was run; it goes to the history (and `Local` to the page's entries).
    Ran(String, Option<Local>),
    Up,
    Down,
}

impl Reducible for ConsoleState {
    type Action = ConsoleAction;

    fn reduce(self: Rc<Self>, action: ConsoleAction) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            ConsoleAction::Input(text) => {
                s.input = text;
                s.cursor = None;
            }
            ConsoleAction::Ran(line, local) => {
                if s.history.last() != Some(&line) {
                    s.history.push(line);
                }
                if s.history.len() > HISTORY {
                    s.history.remove(0);
                }
                if let Some(l) = local {
                    s.local.push(l);
                    if s.local.len() > LOCAL_ENTRIES {
                        s.local.remove(0);
                    }
                }
                s.input.clear();
                s.cursor = None;
            }
            ConsoleAction::Up => {
                if s.history.is_empty() {
                    return self;
                }
                let i = match s.cursor {
                    None => {
                        s.draft = s.input.clone();
                        s.history.len() - 1
                    }
                    Some(i) => i.saturating_sub(1),
                };
                s.cursor = Some(i);
                s.input = s.history[i].clone();
            }
            ConsoleAction::Down => match s.cursor {
                None => return self,
                Some(i) if i + 1 < s.history.len() => {
                    s.cursor = Some(i + 1);
                    s.input = s.history[i + 1].clone();
                }
                Some(_) => {
                    s.cursor = None;
                    s.input = std::mem::take(&mut s.draft);
                }
            },
        }
        Rc::new(s)
    }
}

fn entry_html(line: &str, text: &str, status: CliStatus, time: Option<String>) -> Html {
    let (class, tag) = match status {
        CliStatus::Ok => ("ok", None),
        CliStatus::Error => ("error", Some("✗ error")),
        CliStatus::Waiting => ("waiting", Some("⏳ waiting (long poll)")),
    };
    html! {
        <div class={classes!("cli-entry", class)}>
            <div class="cli-cmd">
                <span class="cli-prompt" aria-hidden="true">{ "$ " }</span>
                <span class="cli-line">{ line.to_string() }</span>
                if let Some(t) = time { <span class="cli-time">{ t }</span> }
                if let Some(t) = tag { <span class="cli-tag">{ t }</span> }
            </div>
            if !text.is_empty() {
                <pre class="cli-out">{ text.to_string() }</pre>
            } else if status == CliStatus::Ok {
                // The real CLI prints nothing here; say so, outside the output itself.
                <p class="cli-note">{ "(nothing printed: the answer from SQS was empty)" }</p>
            }
        </div>
    }
}

/// The AWS CLI console panel.
#[function_component(CliConsole)]
pub fn cli_console(props: &CliConsoleProps) -> Html {
    let pg = use_playground();
    let state = use_reducer(ConsoleState::default);
    let log_ref = use_node_ref();
    let entries: Rc<Vec<CliEntry>> = {
        let pg = pg.clone();
        use_memo(props.fingerprint, move |_| {
            pg.read(|s| s.world().cli_console().entries().cloned().collect())
        })
    };
    {
        // Keep the newest output in view.
        let log_ref = log_ref.clone();
        let n = entries.len() + state.local.len();
        use_effect_with((n, props.waiting), move |_| {
            if let Some(el) = log_ref.cast::<web_sys::Element>() {
                el.set_scroll_top(el.scroll_height());
            }
        });
    }
    let run = {
        let (pg, state) = (pg.clone(), state.clone());
        let total = props.total;
        Callback::from(move |_: ()| {
            let line = state.input.trim().to_string();
            if line.is_empty() {
                return;
            }
            let local = |text: String, error: bool| Local {
                after: total,
                line: line.clone(),
                text,
                error,
            };
            let local = match parse(&line) {
                Err(e) => Some(local(e.0, true)),
                Ok(Parsed::Help(text)) => Some(local(text, false)),
                Ok(Parsed::Empty) => None,
                Ok(Parsed::Call(_)) => {
                    // Refusals by SQS are in the transcript; nothing else to show.
                    let _ = pg.apply(Action::AwsCli { line: line.clone() });
                    None
                }
            };
            state.dispatch(ConsoleAction::Ran(line, local));
        })
    };
    let oninput = {
        let state = state.clone();
        Callback::from(move |e: InputEvent| {
            let v = e
                .target_unchecked_into::<web_sys::HtmlInputElement>()
                .value();
            state.dispatch(ConsoleAction::Input(v));
        })
    };
    let onkeydown = {
        let (state, run) = (state.clone(), run.clone());
        Callback::from(move |e: KeyboardEvent| {
            match e.key().as_str() {
                "Enter" => {
                    e.prevent_default();
                    run.emit(());
                }
                "ArrowUp" => {
                    e.prevent_default();
                    state.dispatch(ConsoleAction::Up);
                }
                "ArrowDown" => {
                    e.prevent_default();
                    state.dispatch(ConsoleAction::Down);
                }
                _ => {}
            }
            // Keys typed here are the console's, never the page's shortcuts.
            e.stop_propagation();
        })
    };
    let onclick = run.reform(|_: MouseEvent| ());
    let time = |ms: u64| format::elapsed(ms.saturating_sub(props.start_ms));
    // World entries in order, with the page-only entries after the world entries that
    // existed when they were typed.
    let mut items: Vec<Html> = Vec::new();
    let mut locals = state.local.iter().peekable();
    let local_html = |l: &Local| {
        let status = if l.error {
            CliStatus::Error
        } else {
            CliStatus::Ok
        };
        entry_html(&l.line, &l.text, status, None)
    };
    for e in entries.iter() {
        while let Some(l) = locals.next_if(|l| l.after <= e.seq) {
            items.push(local_html(l));
        }
        let t = match e.done_ms {
            Some(d) if d != e.at_ms => format!("{} → {}", time(e.at_ms), time(d)),
            _ => time(e.at_ms),
        };
        items.push(entry_html(&e.line, &e.text, e.status, Some(t)));
    }
    items.extend(locals.map(local_html));
    let hint_queue = props
        .queues
        .first()
        .map_or("orders".to_string(), |q| q.clone());
    let url = queue_url(&hint_queue);
    html! {
        <div class="cli-console">
            <p class="cli-hint note">
                { "Try " }<code>{ "aws sqs list-queues" }</code>{ " · " }
                <code>{ format!("aws sqs receive-message --queue-url {url}") }</code>
                { " · " }<code>{ "aws sqs help" }</code>
            </p>
            <div class="cli-log" role="log" aria-label="AWS CLI output" ref={log_ref} tabindex="0">
                if items.is_empty() {
                    <p class="placeholder">{ "No commands yet. You are the queue owner (account 000000000000, us-east-1)." }</p>
                }
                { for items }
            </div>
            <div class="cli-input-row">
                <span class="cli-prompt" aria-hidden="true">{ "$ " }</span>
                <input id={INPUT_ID} type="text" class="cli-input" aria-label="AWS CLI command"
                    value={state.input.clone()} {oninput} {onkeydown}
                    autocomplete="off" autocapitalize="off" spellcheck="false"
                    placeholder="aws sqs …" />
                <button type="button" {onclick}>{ "Run command" }</button>
            </div>
        </div>
    }
}
