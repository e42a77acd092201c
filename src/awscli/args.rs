//! A command line → [`Parsed`]: shell quoting (by `shlex`), the global options people
//! type (`--region`, `--output json|text`, `--no-cli-pager`, `--endpoint-url`, `--profile`),
//! the command, and its options as argparse reads them (`--opt value`, `--opt=value`,
//! list options take every value up to the next `--option`).

use serde_json::{Map, Value};

use super::commands::{command, Command, Opt, Shape, COMMANDS};
use super::help::{command_help, sqs_help};
use super::shorthand::{parse_struct, typed};
use super::{CliError, Output, Parsed, Request};
use crate::engine::REGION;

/// Global options taking a value.
const GLOBAL_WITH_VALUE: &[&str] = &[
    "--region",
    "--output",
    "--endpoint-url",
    "--profile",
    "--color",
    "--cli-read-timeout",
    "--cli-connect-timeout",
    "--ca-bundle",
];

/// Global flags.
const GLOBAL_FLAGS: &[&str] = &[
    "--no-cli-pager",
    "--no-paginate",
    "--no-verify-ssl",
    "--no-sign-request",
    "--debug",
    "--no-cli-auto-prompt",
];

fn err(text: impl Into<String>) -> CliError {
    CliError(text.into())
}

/// Parses one console line.
pub fn parse(line: &str) -> Result<Parsed, CliError> {
    if line.trim().is_empty() {
        return Ok(Parsed::Empty);
    }
    let Some(tokens) = shlex::split(line) else {
        return Err(err(
            "bash: unexpected EOF while looking for a matching quote (close the ' or \")",
        ));
    };
    let Some((first, rest)) = tokens.split_first() else {
        return Ok(Parsed::Empty);
    };
    if first != "aws" {
        return Err(err(format!(
            "bash: {first}: command not found (this console runs aws commands: try aws sqs help)"
        )));
    }
    let (rest, notes, output) = globals(rest)?;
    match rest.first().map(String::as_str) {
        None => Err(err(
            "aws: error: the following arguments are required: command",
        )),
        Some("help") => Ok(Parsed::Help(
            "Only the sqs commands are available in this playground: aws sqs help lists them."
                .into(),
        )),
        Some("sqs") => sqs(&rest[1..], notes, output),
        Some(other) => Err(err(format!(
            "aws: error: argument command: Invalid choice '{other}': only sqs is available in this playground"
        ))),
    }
}

/// Takes the global options out of `tokens` (they may stand anywhere); returns the
/// rest, the notes they ask for and the output format.
fn globals(tokens: &[String]) -> Result<(Vec<String>, Vec<String>, Output), CliError> {
    let mut rest = Vec::new();
    let mut notes = Vec::new();
    let mut output = Output::Json;
    let mut it = tokens.iter();
    while let Some(t) = it.next() {
        let (flag, inline) = match t.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (t.as_str(), None),
        };
        if GLOBAL_FLAGS.contains(&flag) {
            if flag != "--no-cli-pager" && flag != "--no-paginate" {
                notes.push(format!("note: {flag} changes nothing here"));
            }
            continue;
        }
        if !GLOBAL_WITH_VALUE.contains(&flag) {
            rest.push(t.clone());
            continue;
        }
        let Some(value) = inline.or_else(|| it.next().cloned()) else {
            return Err(err(format!(
                "aws: error: argument {flag}: expected one argument"
            )));
        };
        match flag {
            "--output" if value == "json" => output = Output::Json,
            "--output" if value == "text" => output = Output::Text,
            "--output" => {
                let valid = ["table", "yaml", "yaml-stream"];
                return Err(err(if valid.contains(&value.as_str()) {
                    format!("aws: error: --output {value} is not available in this console: it prints json or text")
                } else {
                    "aws: error: argument --output: Invalid choice, valid choices are:\n\njson | text | table | yaml | yaml-stream".to_string()
                }));
            }
            "--region" if value != REGION => notes.push(format!(
                "note: --region {value} is ignored: the playground's queues live in {REGION}"
            )),
            "--endpoint-url" => notes.push(format!(
                "note: --endpoint-url {value} is ignored: this console calls the page's own SQS"
            )),
            "--profile" => notes.push(format!(
                "note: --profile {value} is ignored: you are the queue owner here"
            )),
            _ => {}
        }
    }
    Ok((rest, notes, output))
}

fn sqs(tokens: &[String], notes: Vec<String>, output: Output) -> Result<Parsed, CliError> {
    let Some(name) = tokens.first() else {
        return Err(err(
            "aws: error: the following arguments are required: operation",
        ));
    };
    if name == "help" {
        return Ok(Parsed::Help(sqs_help()));
    }
    let Some(cmd) = command(name) else {
        return Err(err(invalid_operation()));
    };
    let args = &tokens[1..];
    if args.first().map(String::as_str) == Some("help") {
        return Ok(Parsed::Help(command_help(cmd)));
    }
    let body = options(cmd, args)?;
    Ok(Parsed::Call(Request {
        operation: cmd.operation,
        body,
        notes,
        output,
    }))
}

/// argparse's "Invalid choice" with the valid operations, two a line.
fn invalid_operation() -> String {
    let names: Vec<String> = COMMANDS.iter().map(Command::name).collect();
    let lines: Vec<String> = names.chunks(2).map(|c| c.join(" | ")).collect();
    format!(
        "aws: error: argument operation: Invalid choice, valid choices are:\n\n{}",
        lines.join("\n")
    )
}

/// The options of `cmd` → the request body.
fn options(cmd: &Command, args: &[String]) -> Result<Value, CliError> {
    let mut given: Vec<(&'static Opt, Vec<String>)> = Vec::new();
    let mut unknown: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        let t = &args[i];
        i += 1;
        let (flag, inline) = match t.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f, Some(v.to_string())),
            _ => (t.as_str(), None),
        };
        let Some(opt) = flag.starts_with("--").then(|| cmd.option(flag)).flatten() else {
            unknown.push(t.clone());
            continue;
        };
        let mut values: Vec<String> = inline.into_iter().collect();
        let many = matches!(opt.shape, Shape::List(_));
        while i < args.len() && (values.is_empty() || many) && !args[i].starts_with("--") {
            values.push(args[i].clone());
            i += 1;
        }
        if values.is_empty() {
            return Err(err(format!(
                "aws: error: argument {}: expected {}",
                opt.flag,
                if many {
                    "at least one argument"
                } else {
                    "one argument"
                }
            )));
        }
        given.retain(|(o, _)| o.flag != opt.flag); // the last one wins, as in argparse
        given.push((opt, values));
    }
    let missing: Vec<&str> = cmd
        .options
        .iter()
        .filter(|o| cmd.requires(o) && !given.iter().any(|(g, _)| g.flag == o.flag))
        .map(|o| o.flag)
        .collect();
    if !missing.is_empty() {
        return Err(err(format!(
            "aws: error: the following arguments are required: {}",
            missing.join(", ")
        )));
    }
    if !unknown.is_empty() {
        return Err(err(format!("Unknown options: {}", unknown.join(", "))));
    }
    let mut body = Map::new();
    // In the command's option order, as the CLI builds its parameters.
    for opt in cmd.options {
        if let Some((_, values)) = given.iter().find(|(g, _)| g.flag == opt.flag) {
            body.insert(opt.member.to_string(), value_of(opt, values)?);
        }
    }
    Ok(Value::Object(body))
}

/// One option's values → the member's JSON (JSON form when it starts with `{` or `[`).
fn value_of(opt: &Opt, values: &[String]) -> Result<Value, CliError> {
    let bad = |why: String| err(format!("Error parsing parameter '{}': {why}", opt.flag));
    if let Some(v) = values
        .iter()
        .find(|v| v.starts_with("file://") || v.starts_with("fileb://"))
    {
        let scheme = &v[..v.find("://").unwrap_or(0) + 3];
        return Err(bad(format!(
            "{scheme} is not available in the browser (there are no files here): paste the value itself"
        )));
    }
    let json = |text: &str| -> Result<Value, CliError> {
        serde_json::from_str(text)
            .map_err(|e| bad(format!("Invalid JSON: {e}\nJSON received: {text}")))
    };
    let first = values[0].as_str();
    match opt.shape {
        Shape::Str => Ok(Value::String(first.to_string())),
        Shape::Int => first
            .trim()
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| bad(format!("invalid literal for int() with base 10: '{first}'"))),
        Shape::List(inner) => {
            if values.len() == 1 && first.trim_start().starts_with('[') {
                return json(first);
            }
            let mut items = Vec::new();
            for v in values {
                match inner {
                    Shape::Struct(_) | Shape::Map(_) => {
                        if v.trim_start().starts_with('{') {
                            items.push(json(v)?);
                            continue;
                        }
                        let kv = parse_struct(v).map_err(|e| bad(e.render(v)))?;
                        let sval = super::shorthand::Sval::Struct(kv);
                        items.push(typed(&sval, inner, opt.member).map_err(bad)?);
                    }
                    // A list of scalars is one value per argument (`--tag-keys a b`); the CLI
                    // does not split `a,b`.
                    _ => {
                        let sval = super::shorthand::Sval::Str(v.clone());
                        items.push(typed(&sval, inner, opt.member).map_err(bad)?);
                    }
                }
            }
            Ok(Value::Array(items))
        }
        Shape::Map(_) | Shape::Struct(_) => {
            if first.trim_start().starts_with('{') {
                return json(first);
            }
            let kv = parse_struct(first).map_err(|e| bad(e.render(first)))?;
            typed(&super::shorthand::Sval::Struct(kv), &opt.shape, opt.member).map_err(bad)
        }
    }
}
