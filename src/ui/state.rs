//! View state of the page as a reducer (`State` + `Action` + `impl Reducible`, as in
//! yew's `function_todomvc`): what is selected, which form is open, the log filter, the
//! chart window, dialogs. The world itself lives in the [`super::session::Session`].

use std::rc::Rc;

use yew::Reducible;

/// What the inspector shows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Selection {
    /// Nothing selected: the inspector explains how to select.
    #[default]
    None,
    /// A queue.
    Queue(String),
    /// A message (by MessageId).
    Message(String),
    /// A consumer (by id).
    Consumer(String),
    /// A producer (by id).
    Producer(String),
    /// A storage server (0-based).
    Server(usize),
    /// The order story: the shop, the database or the mail server.
    System(&'static str),
}

/// Which build form is open.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Form {
    /// None.
    #[default]
    None,
    /// Create a queue.
    NewQueue,
    /// Edit a queue's attributes.
    EditQueue(String),
    /// Add a producer.
    NewProducer,
    /// Edit a producer.
    EditProducer(String),
    /// Add a consumer.
    NewConsumer,
    /// Edit a consumer.
    EditConsumer(String),
    /// Send a message by hand to a queue.
    SendMessage(String),
    /// Start a redrive from a dead-letter queue.
    Redrive(String),
}

/// The event log's filter (empty fields keep everything).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LogFilter {
    /// Entry kind (`received`, `deleted`, …).
    pub kind: String,
    /// Queue name.
    pub queue: String,
    /// Actor (`consumer:worker-1`, `sqs`, …).
    pub actor: String,
    /// MessageId (prefix).
    pub message_id: String,
}

/// The chart window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ChartWindow {
    /// The last 5 minutes.
    #[default]
    FiveMinutes,
    /// The last hour.
    OneHour,
    /// The last day.
    OneDay,
}

impl ChartWindow {
    /// Length in ms.
    pub fn ms(self) -> u64 {
        match self {
            ChartWindow::FiveMinutes => 5 * 60_000,
            ChartWindow::OneHour => 3_600_000,
            ChartWindow::OneDay => 86_400_000,
        }
    }

    /// Label.
    pub fn label(self) -> &'static str {
        match self {
            ChartWindow::FiveMinutes => "5 min",
            ChartWindow::OneHour => "1 h",
            ChartWindow::OneDay => "1 day",
        }
    }
}

/// The page's view state.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct UiState {
    /// What the inspector shows.
    pub selection: Selection,
    /// The open build form.
    pub form: Form,
    /// The event log's filter.
    pub log_filter: LogFilter,
    /// The chart window.
    pub chart_window: ChartWindow,
    /// The keyboard help dialog is open.
    pub help_open: bool,
    /// The user asked for reduced motion (besides the system setting).
    pub reduce_motion: bool,
    /// Projector mode: large type, high contrast (`?projector=1` or the toggle).
    pub projector: bool,
    /// The list of lessons is shown.
    pub lessons_open: bool,
    /// The AWS CLI console is shown.
    pub cli_open: bool,
}

/// Changes of the view state.
#[derive(Debug, Clone, PartialEq)]
pub enum UiAction {
    /// Show this in the inspector.
    Select(Selection),
    /// Open a build form (or close it with `Form::None`).
    Open(Form),
    /// Replace the log filter.
    Filter(LogFilter),
    /// Pick the chart window.
    Window(ChartWindow),
    /// Open or close the help dialog.
    Help(bool),
    /// Turn reduced motion on or off.
    ReduceMotion(bool),
    /// Turn projector mode on or off.
    Projector(bool),
    /// Show or hide the list of lessons.
    Lessons(bool),
    /// Show or hide the AWS CLI console.
    Cli(bool),
    /// Close whatever is on top (dialog, then form).
    Escape,
}

impl Reducible for UiState {
    type Action = UiAction;

    fn reduce(self: Rc<Self>, action: UiAction) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            UiAction::Select(s) => next.selection = s,
            UiAction::Open(f) => next.form = f,
            UiAction::Filter(f) => next.log_filter = f,
            UiAction::Window(w) => next.chart_window = w,
            UiAction::Help(open) => next.help_open = open,
            UiAction::ReduceMotion(on) => next.reduce_motion = on,
            UiAction::Projector(on) => next.projector = on,
            UiAction::Lessons(open) => next.lessons_open = open,
            UiAction::Cli(open) => next.cli_open = open,
            UiAction::Escape => {
                if next.help_open {
                    next.help_open = false;
                } else if next.lessons_open {
                    next.lessons_open = false;
                } else {
                    next.form = Form::None;
                }
            }
        }
        if next == *self {
            self
        } else {
            Rc::new(next)
        }
    }
}
