//! The AWS CLI's shorthand syntax (`Key=Value,Key2=Value2`, `k={DataType=String,StringValue=v}`,
//! `a=[x,y]`), parsed as botocore's `ShorthandParser` does, and turned into the request
//! member's JSON by its [`Shape`] (integers where the model has integers, strings
//! elsewhere). Errors read like the CLI's: `Expected: '=', received: 'EOF' for input: …`.

use serde_json::{Map, Value};

use super::commands::Shape;

/// A parsed shorthand value, before shapes give it types.
#[derive(Debug, Clone, PartialEq)]
pub enum Sval {
    /// A scalar.
    Str(String),
    /// `[a,b]` or `a,b` after a key.
    List(Vec<Sval>),
    /// `{k=v,…}` or the top level.
    Struct(Vec<(String, Sval)>),
}

/// Where the shorthand went wrong: the CLI's `Expected: …, received: …` and the offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShorthandError {
    /// What was expected (`'='`).
    pub expected: String,
    /// What was found (`'EOF'`, `','`).
    pub received: String,
    /// Byte offset in the input.
    pub at: usize,
}

impl ShorthandError {
    /// The CLI's text: `Expected: '=', received: 'EOF' for input:` + the input + a caret.
    pub fn render(&self, input: &str) -> String {
        let col = input[..self.at.min(input.len())].chars().count();
        format!(
            "Expected: {}, received: {} for input:\n{input}\n{}^",
            self.expected,
            self.received,
            " ".repeat(col)
        )
    }
}

struct Parser<'a> {
    s: &'a str,
    i: usize,
}

impl Parser<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.i..].chars().next()
    }

    fn err(&self, expected: &str) -> ShorthandError {
        ShorthandError {
            expected: expected.to_string(),
            received: match self.peek() {
                Some(c) => format!("'{c}'"),
                None => "'EOF'".to_string(),
            },
            at: self.i,
        }
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.i += 1;
        }
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_ws();
        if self.peek() == Some(c) {
            self.i += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn keyvals(&mut self, close: Option<char>) -> Result<Vec<(String, Sval)>, ShorthandError> {
        let mut out = Vec::new();
        loop {
            let key = self.key()?;
            if !self.eat('=') {
                return Err(self.err("'='"));
            }
            let v = self.values(close)?;
            out.push((key, v));
            self.skip_ws();
            match (self.peek(), close) {
                (Some(','), _) => self.i += 1,
                (None, None) => return Ok(out),
                (Some(c), Some(cl)) if c == cl => return Ok(out),
                _ => return Err(self.err(close.map_or("','", |_| "','"))),
            }
        }
    }

    fn key(&mut self) -> Result<String, ShorthandError> {
        self.skip_ws();
        let start = self.i;
        while self
            .peek()
            .is_some_and(|c| !matches!(c, '=' | ',' | '{' | '}' | '[' | ']'))
        {
            self.i += self.peek().map_or(1, char::len_utf8);
        }
        let key = self.s[start..self.i].trim();
        if key.is_empty() {
            return Err(self.err("key"));
        }
        Ok(key.to_string())
    }

    /// The value after `key=`: explicit list or struct, or a scalar; `a,b` (a comma not
    /// followed by `key=`) continues it as a list, as the CLI does.
    fn values(&mut self, close: Option<char>) -> Result<Sval, ShorthandError> {
        let first = self.value(close)?;
        if matches!(first, Sval::List(_) | Sval::Struct(_)) {
            return Ok(first);
        }
        let mut items = vec![first];
        while self.peek() == Some(',') && !self.next_is_key() {
            self.i += 1;
            items.push(self.value(close)?);
        }
        Ok(if items.len() == 1 {
            items.pop().expect("one item")
        } else {
            Sval::List(items)
        })
    }

    /// After a `,`: does a `key=` follow?
    fn next_is_key(&self) -> bool {
        let rest = &self.s[self.i + 1..];
        let end = rest
            .find([',', '{', '}', '[', ']', '='])
            .unwrap_or(rest.len());
        rest[end..].starts_with('=') && !rest[..end].trim().is_empty()
    }

    fn value(&mut self, close: Option<char>) -> Result<Sval, ShorthandError> {
        self.skip_ws();
        match self.peek() {
            Some('[') => {
                self.i += 1;
                let mut items = Vec::new();
                if self.eat(']') {
                    return Ok(Sval::List(items));
                }
                loop {
                    items.push(self.value(Some(']'))?);
                    if self.eat(']') {
                        return Ok(Sval::List(items));
                    }
                    if !self.eat(',') {
                        return Err(self.err("','"));
                    }
                }
            }
            Some('{') => {
                self.i += 1;
                let kv = self.keyvals(Some('}'))?;
                self.i += 1; // the '}'
                Ok(Sval::Struct(kv))
            }
            Some(q @ ('"' | '\'')) => {
                // Quoted: up to the matching quote; `\q` and `\\` are escapes.
                self.i += 1;
                let mut text = String::new();
                let mut chars = self.s[self.i..].char_indices();
                while let Some((k, c)) = chars.next() {
                    match c {
                        '\\' => match chars.next() {
                            Some((_, e)) if e == q || e == '\\' => text.push(e),
                            Some((_, e)) => {
                                text.push('\\');
                                text.push(e);
                            }
                            None => text.push('\\'),
                        },
                        c if c == q => {
                            self.i += k + 1;
                            return Ok(Sval::Str(text));
                        }
                        c => text.push(c),
                    }
                }
                self.i = self.s.len();
                Err(self.err(&format!("'{q}'")))
            }
            _ => {
                let start = self.i;
                let nested = close.is_some();
                while let Some(c) = self.peek() {
                    if c == ',' || (nested && matches!(c, '}' | ']')) {
                        break;
                    }
                    self.i += c.len_utf8();
                }
                Ok(Sval::Str(self.s[start..self.i].trim().to_string()))
            }
        }
    }
}

/// Parses `Key=Value,…` (the top level of a structure or map).
pub fn parse_struct(input: &str) -> Result<Vec<(String, Sval)>, ShorthandError> {
    Parser { s: input, i: 0 }.keyvals(None)
}

/// Gives a shorthand value its JSON type by `shape`; `Err` names the problem and the
/// member path (`Entries.DelaySeconds`).
pub fn typed(v: &Sval, shape: &Shape, path: &str) -> Result<Value, String> {
    match (shape, v) {
        (Shape::Str, Sval::Str(s)) => Ok(Value::String(s.clone())),
        (Shape::Int, Sval::Str(s)) => s
            .parse::<i64>()
            .map(Value::from)
            .map_err(|_| format!("invalid literal for int() with base 10: '{s}' ({path})")),
        (Shape::List(inner), Sval::List(items)) => items
            .iter()
            .map(|i| typed(i, inner, path))
            .collect::<Result<_, _>>()
            .map(Value::Array),
        (Shape::List(inner), one @ Sval::Str(_)) => {
            Ok(Value::Array(vec![typed(one, inner, path)?]))
        }
        (Shape::Map(inner), Sval::Struct(kv)) => {
            let mut m = Map::new();
            for (k, v) in kv {
                m.insert(k.clone(), typed(v, inner, &format!("{path}.{k}"))?);
            }
            Ok(Value::Object(m))
        }
        (Shape::Struct(members), Sval::Struct(kv)) => {
            let mut m = Map::new();
            for (k, v) in kv {
                let Some((_, s)) = members.iter().find(|(name, _)| name == k) else {
                    let valid: Vec<&str> = members.iter().map(|(n, _)| *n).collect();
                    return Err(format!(
                        "Unknown parameter in {path}: \"{k}\", must be one of: {}",
                        valid.join(", ")
                    ));
                };
                m.insert(k.clone(), typed(v, s, &format!("{path}.{k}"))?);
            }
            Ok(Value::Object(m))
        }
        (Shape::Str | Shape::Int, _) => Err(format!(
            "{path} takes a single value, not a list or structure (use the JSON form)"
        )),
        (Shape::List(_), Sval::Struct(_)) => Err(format!("{path} takes a list")),
        (Shape::Map(_) | Shape::Struct(_), _) => Err(format!("{path} takes Key=Value pairs")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(x: &str) -> Sval {
        Sval::Str(x.into())
    }

    #[test]
    fn keyvals_nested_lists_and_quotes() {
        assert_eq!(
            parse_struct("a=1, b = two ,c={d=3,e=[x,y]},f='g,h'").unwrap(),
            vec![
                ("a".into(), s("1")),
                ("b".into(), s("two")),
                (
                    "c".into(),
                    Sval::Struct(vec![
                        ("d".into(), s("3")),
                        ("e".into(), Sval::List(vec![s("x"), s("y")]))
                    ])
                ),
                ("f".into(), s("g,h")),
            ]
        );
        assert_eq!(
            parse_struct("a=b,c,d=e").unwrap(),
            vec![
                ("a".into(), Sval::List(vec![s("b"), s("c")])),
                ("d".into(), s("e"))
            ]
        );
    }

    #[test]
    fn errors_point_at_the_problem() {
        let e = parse_struct("VisibilityTimeout").unwrap_err();
        assert_eq!(
            e.render("VisibilityTimeout"),
            "Expected: '=', received: 'EOF' for input:\nVisibilityTimeout\n                 ^"
        );
        let e = parse_struct("a={b=1").unwrap_err();
        assert_eq!((e.expected.as_str(), e.received.as_str()), ("','", "'EOF'"));
    }
}
