//! `aws sqs help` (the commands, one line each) and `aws sqs <command> help` (its
//! options, the required ones marked, the member and type each fills).

use super::commands::{Command, Shape, COMMANDS};

/// The list of commands.
pub fn sqs_help() -> String {
    let width = COMMANDS.iter().map(|c| c.name().len()).max().unwrap_or(0);
    let mut out = String::from(
        "aws sqs <command> [options]   (aws sqs <command> help lists a command's options)\n\nCommands:\n",
    );
    for c in COMMANDS {
        out.push_str(&format!("  {:width$}  {}\n", c.name(), c.summary));
    }
    out.push_str(
        "\nGlobal options: --region, --output json|text, --no-cli-pager, --endpoint-url (ignored here)",
    );
    out
}

fn describe(shape: &Shape) -> String {
    match shape {
        Shape::Str => "string".into(),
        Shape::Int => "integer".into(),
        Shape::List(inner) => match inner {
            Shape::Struct(_) => "list of structures: Key=Value,… per entry, or JSON".into(),
            _ => format!("list of {}s, space-separated", describe(inner)),
        },
        Shape::Map(inner) => match inner {
            Shape::Struct(_) => "map: name={DataType=String,StringValue=…},… or JSON".into(),
            _ => "map: Key=Value,Key2=Value2 or JSON".into(),
        },
        Shape::Struct(_) => "structure: Key=Value,… or JSON".into(),
    }
}

/// The options of `cmd`.
pub fn command_help(cmd: &Command) -> String {
    let width = cmd.options.iter().map(|o| o.flag.len()).max().unwrap_or(0);
    let mut out = format!(
        "aws sqs {} — {}\n\nOptions (* required):\n",
        cmd.name(),
        cmd.summary
    );
    for o in cmd.options {
        let star = if cmd.requires(o) { "*" } else { " " };
        out.push_str(&format!(
            "  {star} {:width$}  {} ({})\n",
            o.flag,
            o.member,
            describe(&o.shape)
        ));
    }
    out.pop();
    out
}
