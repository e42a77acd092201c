//! "Break things": one button per failure a user can cause — kill or revive each storage
//! server, add a server, kill or revive the database and mail server, crash or restart
//! each consumer, stop or start each producer. Each is a recorded world action.

use yew::prelude::*;

use super::action_button::ActionButton;
use crate::ui::format;
use crate::ui::frame::{Frame, Shared};
use crate::world::consumer::ConsumerState;
use crate::world::Action;

/// Props of [`BreakPanel`].
#[derive(Properties, PartialEq, Clone)]
pub struct BreakPanelProps {
    /// The frame.
    pub frame: Shared<Frame>,
}

/// The failure buttons.
#[function_component(BreakPanel)]
pub fn break_panel(props: &BreakPanelProps) -> Html {
    let f = &props.frame;
    let servers = f.servers.iter().map(|s| {
        let name = format::server_name(s.index);
        if s.up {
            html! { <ActionButton class="danger" label={format!("Kill {name}")} action={Action::KillServer { server: s.index }} /> }
        } else {
            html! { <ActionButton class="revive" label={format!("Revive {name}")} action={Action::ReviveServer { server: s.index }} /> }
        }
    });
    let consumers = f.consumers.iter().map(|c| {
        let id = c.id.clone();
        if matches!(c.state, ConsumerState::Crashed | ConsumerState::Stopped) {
            html! { <ActionButton class="revive" label={format!("Restart consumer {id}")} action={Action::RestartConsumer { consumer: id.clone() }} /> }
        } else {
            html! { <ActionButton class="danger" label={format!("Crash consumer {id}")} action={Action::CrashConsumer { consumer: id.clone() }} /> }
        }
    });
    let producers = f.producers.iter().map(|p| {
        let id = p.id.clone();
        if p.running {
            html! { <ActionButton label={format!("Stop producer {id}")} action={Action::StopProducer { producer: id.clone() }} /> }
        } else {
            html! { <ActionButton label={format!("Start producer {id}")} action={Action::StartProducer { producer: id.clone() }} /> }
        }
    });
    let systems = f.shop.is_some().then(|| {
        let db = if f.database.up {
            html! { <ActionButton class="danger" label="Kill the database" action={Action::KillDatabase} /> }
        } else {
            html! { <ActionButton class="revive" label="Revive the database" action={Action::ReviveDatabase} /> }
        };
        let mail = if f.mail_server.up {
            html! { <ActionButton class="danger" label="Kill the mail server" action={Action::KillMailServer} /> }
        } else {
            html! { <ActionButton class="revive" label="Revive the mail server" action={Action::ReviveMailServer} /> }
        };
        html! { <div class="break-row" role="group" aria-label="Order story systems">{ db }{ mail }</div> }
    });
    html! {
        <div class="break-panel">
            <div class="break-row" role="group" aria-label="Storage servers">
                { for servers }
                <ActionButton label="Add a server" action={Action::AddServer} />
            </div>
            { systems.unwrap_or_default() }
            if !f.consumers.is_empty() {
                <div class="break-row" role="group" aria-label="Consumers">{ for consumers }</div>
            }
            if !f.producers.is_empty() {
                <div class="break-row" role="group" aria-label="Producers">{ for producers }</div>
            }
        </div>
    }
}
