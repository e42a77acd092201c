//! Small function components, one file each (a file may keep helpers in a folder of its
//! name: `line_chart/` holds the chart's arithmetic); props are plain data. Components read the
//! session through the [`crate::ui::context::Playground`] context and change the world
//! only through recorded actions.

pub mod action_button;
pub mod actor_inspector;
pub mod break_panel;
pub mod build_panel;
pub mod charts;
pub mod cli_console;
pub mod consumer_form;
pub mod controls;
pub mod event_log;
pub mod field;
pub mod header;
pub mod help_dialog;
pub mod inspector;
pub mod legend;
pub mod lesson_list;
pub mod lesson_panel;
pub mod line_chart;
pub mod message_inspector;
pub mod message_list;
pub mod paths_chart;
pub mod preset_picker;
pub mod producer_form;
pub mod queue_export;
pub mod queue_form;
pub mod queue_inspector;
pub mod redrive_form;
pub mod region;
pub mod run_menu;
pub mod send_form;
pub mod system_inspector;
pub mod tokens;
pub mod topology;
