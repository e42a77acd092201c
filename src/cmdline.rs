//! Command-line flags shared by the native tools (`sqs-replay`, `sqs-server`): a cursor
//! over the arguments that accepts `--flag value` and `--flag=value`, and the checks of
//! the flags the tools share (`--seed`, `--servers`), so each message is written once.
//!
//! Pure (no I/O); depends only on [`crate::replay::script::validate_servers`], the one
//! check of a server count.

use crate::replay::script::validate_servers;

/// One argument as a flag: its name (`--seed` of `--seed=7`) and the value given inline
/// after `=`, if any. A non-flag argument (a file name, `-`) has no inline value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Flag<'a> {
    /// The whole argument as typed.
    pub arg: &'a str,
    /// The flag's name: the argument up to `=` for `--name=value`, else the argument.
    pub name: &'a str,
    /// The value after `=`, for `--name=value`.
    pub inline: Option<&'a str>,
}

/// A cursor over the arguments after the program name.
#[derive(Debug, Clone)]
pub struct Flags<'a> {
    args: &'a [String],
    next: usize,
}

impl<'a> Flags<'a> {
    /// A cursor at the first argument.
    pub fn new(args: &'a [String]) -> Self {
        Flags { args, next: 0 }
    }

    /// The next argument, split into name and inline value when it is `--name=value`.
    pub fn next_flag(&mut self) -> Option<Flag<'a>> {
        let arg = self.args.get(self.next)?.as_str();
        self.next += 1;
        Some(match arg.split_once('=') {
            Some((name, value)) if name.starts_with("--") => Flag {
                arg,
                name,
                inline: Some(value),
            },
            _ => Flag {
                arg,
                name: arg,
                inline: None,
            },
        })
    }

    /// The value of `flag`: its inline value, else the next argument ("`--x` needs a
    /// value" when there is none).
    pub fn value(&mut self, flag: &Flag<'a>) -> Result<&'a str, String> {
        if let Some(v) = flag.inline {
            return Ok(v);
        }
        let v = self
            .args
            .get(self.next)
            .ok_or_else(|| format!("{} needs a value", flag.name))?;
        self.next += 1;
        Ok(v)
    }
}

/// `--seed`: a non-negative integer.
pub fn parse_seed(v: &str) -> Result<u64, String> {
    v.parse()
        .map_err(|_| format!("--seed must be a non-negative integer, got {v:?}"))
}

/// `--servers`: a positive integer within the engine's range of storage servers.
pub fn parse_servers(v: &str) -> Result<usize, String> {
    let n: u64 = v
        .parse()
        .map_err(|_| format!("--servers must be a positive integer, got {v:?}"))?;
    validate_servers(n).map_err(|e| format!("--servers: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn inline_and_separate_values() {
        let args = strings(&["--seed=7", "--servers", "3", "file.jsonl", "--x"]);
        let mut f = Flags::new(&args);
        let a = f.next_flag().unwrap();
        assert_eq!((a.name, a.inline), ("--seed", Some("7")));
        assert_eq!(f.value(&a), Ok("7"));
        let b = f.next_flag().unwrap();
        assert_eq!((b.name, b.inline), ("--servers", None));
        assert_eq!(f.value(&b), Ok("3"));
        let c = f.next_flag().unwrap();
        assert_eq!(
            (c.arg, c.name, c.inline),
            ("file.jsonl", "file.jsonl", None)
        );
        let d = f.next_flag().unwrap();
        assert_eq!(f.value(&d), Err("--x needs a value".to_string()));
        assert_eq!(f.next_flag(), None);
    }

    #[test]
    fn shared_checks() {
        assert_eq!(parse_seed("42"), Ok(42));
        assert!(parse_seed("-1")
            .unwrap_err()
            .contains("non-negative integer"));
        assert_eq!(parse_servers("3"), Ok(3));
        assert!(parse_servers("x").unwrap_err().contains("positive integer"));
        assert!(parse_servers("0").unwrap_err().starts_with("--servers: "));
    }
}
