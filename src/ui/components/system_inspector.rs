//! Storage servers and the order story's systems in the inspector: a server's state and
//! the copies it holds (live and stale), the database and mail server with their
//! kill/revive actions, and the shop with both paths' counters side by side.

use yew::prelude::*;

use super::action_button::ActionButton;
use crate::ui::format;
use crate::ui::frame::Frame;
use crate::world::Action;

/// Props of [`ServerInspector`].
#[derive(Properties, PartialEq, Clone)]
pub struct ServerInspectorProps {
    /// The frame.
    pub frame: crate::ui::frame::Shared<Frame>,
    /// Server index.
    pub index: usize,
}

/// A storage server.
#[function_component(ServerInspector)]
pub fn server_inspector(props: &ServerInspectorProps) -> Html {
    let Some(s) = props.frame.servers.get(props.index) else {
        return html! { <p>{ "No such server." }</p> };
    };
    let name = format::server_name(s.index);
    html! {
        <div class="inspector-server">
            <h3>{ format!("Storage {name}") }</h3>
            <p>{ if s.up { "UP: serves the copies it holds." } else { "DOWN: its copies cannot be read; deletes leave stale copies here." } }</p>
            <ul class="counts">
                <li>{ format!("{} copies of stored messages", format::count(s.copies)) }</li>
                <li>{ format!("{} stale copies of deleted messages", format::count(s.stale_copies)) }</li>
            </ul>
            <div class="buttons">
                if s.up {
                    <ActionButton label={format!("Kill {name}")} action={Action::KillServer { server: s.index }} />
                } else {
                    <ActionButton label={format!("Revive {name}")} action={Action::ReviveServer { server: s.index }} />
                }
            </div>
            <p class="note">{ "A standard queue stores each message on up to 3 servers. A delete while one of them is down leaves a stale copy there; reviving the server makes that copy visible again — a duplicate delivery. FIFO queues refuse requests (503) without a majority of their servers, so they never duplicate." }</p>
        </div>
    }
}

/// Props of [`SystemInspector`].
#[derive(Properties, PartialEq, Clone)]
pub struct SystemInspectorProps {
    /// The frame.
    pub frame: crate::ui::frame::Shared<Frame>,
    /// `shop`, `database` or `mail-server`.
    pub system: &'static str,
}

/// The shop, the database or the mail server.
#[function_component(SystemInspector)]
pub fn system_inspector(props: &SystemInspectorProps) -> Html {
    let f = &props.frame;
    match props.system {
        "database" | "mail-server" => {
            let (sys, name, kill, revive) = if props.system == "database" {
                (
                    &f.database,
                    "database",
                    Action::KillDatabase,
                    Action::ReviveDatabase,
                )
            } else {
                (
                    &f.mail_server,
                    "mail server",
                    Action::KillMailServer,
                    Action::ReviveMailServer,
                )
            };
            html! {
                <div class="inspector-system">
                    <h3>{ format!("The {name}") }</h3>
                    <p>{ format!("{} · {} operations done, {} refused while down", if sys.up { "UP" } else { "DOWN" }, format::count(sys.ok), format::count(sys.refused)) }</p>
                    <div class="buttons">
                        if sys.up {
                            <ActionButton label={format!("Kill the {name}")} action={kill} />
                        } else {
                            <ActionButton label={format!("Revive the {name}")} action={revive} />
                        }
                    </div>
                </div>
            }
        }
        _ => {
            let rows = f.paths.iter().map(|(path, c)| {
                html! {
                    <tr>
                        <th scope="row">{ *path }</th>
                        <td class="num">{ format::count(c.placed) }</td>
                        <td class="num">{ format::count(c.recorded) }</td>
                        <td class="num">{ format::count(c.emailed) }</td>
                        <td class="num lost">{ format::count(c.lost) }</td>
                        <td class="num">{ format::count(c.duplicated) }</td>
                        <td class="num">{ format::count(c.pending) }</td>
                        <td class="num">{ format::duration(c.mean_delay_ms()) }</td>
                    </tr>
                }
            });
            html! {
                <div class="inspector-shop">
                    <h3>{ "The shop: two ways to confirm an order" }</h3>
                    <p>{ "Tight path: the checkout writes the order to the database, then sends the e-mail itself. Decoupled path: the checkout only puts the order on a queue; consumers record it and e-mail it, retrying until it works." }</p>
                    <div class="table-wrap"><table class="paths">
                        <thead><tr><th>{ "path" }</th><th>{ "placed" }</th><th>{ "recorded" }</th><th>{ "e-mailed" }</th>
                            <th>{ "lost" }</th><th>{ "dupl." }</th><th>{ "pending" }</th><th>{ "delay" }</th></tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table></div>
                </div>
            }
        }
    }
}
