//! Small value types shared by the engine's state and its events: a shared queue name
//! ([`QueueName`]), short text stored inline ([`MessageIdStr`]: MessageIds, MD5 hex
//! digests) and an inline server list ([`ServerList`]). Storing a message or recording an
//! event then allocates nothing for them (the benchmark's lifecycles emit three events
//! each). Depends on nothing else in the engine.
//!
//! The two text types behave like `str` for callers: `Deref<Target = str>`, `as_str()`, `Display`,
//! `Debug` (quoted like a `String`), `==` with `str`/`&str`/`String`, `Borrow<str>` (so
//! they key maps looked up by `&str`), and serde as a plain JSON string.

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::ops::Deref;
use std::sync::Arc;

use arrayvec::ArrayString;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Implements the string-like traits for a type with `fn as_str(&self) -> &str`.
macro_rules! str_like {
    ($t:ty) => {
        impl Deref for $t {
            type Target = str;
            fn deref(&self) -> &str {
                self.as_str()
            }
        }
        impl AsRef<str> for $t {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
        impl Borrow<str> for $t {
            fn borrow(&self) -> &str {
                self.as_str()
            }
        }
        impl fmt::Display for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(self.as_str(), f)
            }
        }
        impl fmt::Debug for $t {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Debug::fmt(self.as_str(), f)
            }
        }
        impl PartialEq for $t {
            fn eq(&self, other: &Self) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl Eq for $t {}
        impl PartialOrd for $t {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }
        impl Ord for $t {
            fn cmp(&self, other: &Self) -> Ordering {
                self.as_str().cmp(other.as_str())
            }
        }
        impl Hash for $t {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.as_str().hash(state) // same as str, as `Borrow<str>` requires
            }
        }
        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }
        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }
        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl PartialEq<$t> for str {
            fn eq(&self, other: &$t) -> bool {
                self == other.as_str()
            }
        }
        impl PartialEq<$t> for &str {
            fn eq(&self, other: &$t) -> bool {
                *self == other.as_str()
            }
        }
        impl PartialEq<$t> for String {
            fn eq(&self, other: &$t) -> bool {
                self.as_str() == other.as_str()
            }
        }
        impl From<&str> for $t {
            fn from(s: &str) -> Self {
                <$t>::new(s)
            }
        }
        impl From<&String> for $t {
            fn from(s: &String) -> Self {
                <$t>::new(s)
            }
        }
        impl From<String> for $t {
            fn from(s: String) -> Self {
                <$t>::new(&s)
            }
        }
        impl From<$t> for String {
            fn from(s: $t) -> String {
                s.as_str().to_string()
            }
        }
        impl Serialize for $t {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
        impl<'de> Deserialize<'de> for $t {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Ok(<$t>::new(&s))
            }
        }
    };
}

/// A queue name shared by reference count: cloning it (once per event) never allocates.
#[derive(Clone, Default)]
pub struct QueueName(Arc<str>);

impl QueueName {
    /// A new shared name.
    pub fn new(s: &str) -> Self {
        QueueName(Arc::from(s))
    }

    /// The name.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&QueueName> for QueueName {
    fn from(q: &QueueName) -> Self {
        q.clone()
    }
}

str_like!(QueueName);

/// Longest text kept inline (a UUID MessageId is 36 bytes, an MD5 hex digest 32).
pub const INLINE_CAP: usize = 36;

/// Short text stored inline: MessageIds (UUIDs fit) and MD5 hex digests, so copying one
/// into a stored message or an event never allocates. Longer text (possible only through
/// deserialization) is shared instead. The one short-string type of the engine.
#[derive(Clone)]
pub struct MessageIdStr(Repr);

#[derive(Clone)]
enum Repr {
    Inline(ArrayString<INLINE_CAP>),
    Shared(Arc<str>),
}

impl MessageIdStr {
    /// Short text from `s` (inline up to [`INLINE_CAP`] bytes, shared beyond).
    pub fn new(s: &str) -> Self {
        match ArrayString::from(s) {
            Ok(inline) => MessageIdStr(Repr::Inline(inline)),
            Err(_) => MessageIdStr(Repr::Shared(Arc::from(s))),
        }
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        match &self.0 {
            Repr::Inline(s) => s.as_str(),
            Repr::Shared(s) => s,
        }
    }

    /// True when the text is stored inline (no heap allocation).
    pub fn is_inline(&self) -> bool {
        matches!(self.0, Repr::Inline(_))
    }
}

str_like!(MessageIdStr);

/// Most servers a message is stored on.
const MAX_SERVERS: usize = 3;

/// The servers holding a message's copies (at most 3), stored inline so a `Sent` event
/// allocates nothing. Derefs to `[usize]`; `Debug` and serde render it like a `Vec`.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct ServerList {
    ids: [usize; MAX_SERVERS],
    len: u8,
}

impl ServerList {
    /// A list of at most 3 server indexes (extra entries are a bug; kept out in release).
    pub fn from_slice(ids: &[usize]) -> Self {
        debug_assert!(ids.len() <= MAX_SERVERS);
        let n = ids.len().min(MAX_SERVERS);
        let mut out = ServerList::default();
        out.ids[..n].copy_from_slice(&ids[..n]);
        out.len = n as u8;
        out
    }

    /// The indexes.
    pub fn as_slice(&self) -> &[usize] {
        &self.ids[..self.len as usize]
    }

    /// As a `Vec`.
    pub fn to_vec(&self) -> Vec<usize> {
        self.as_slice().to_vec()
    }
}

impl Deref for ServerList {
    type Target = [usize];
    fn deref(&self) -> &[usize] {
        self.as_slice()
    }
}

impl fmt::Debug for ServerList {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_slice(), f)
    }
}

impl PartialEq<Vec<usize>> for ServerList {
    fn eq(&self, other: &Vec<usize>) -> bool {
        self.as_slice() == other.as_slice()
    }
}

impl PartialEq<[usize]> for ServerList {
    fn eq(&self, other: &[usize]) -> bool {
        self.as_slice() == other
    }
}

impl From<Vec<usize>> for ServerList {
    fn from(v: Vec<usize>) -> Self {
        ServerList::from_slice(&v)
    }
}

impl Serialize for ServerList {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(self.as_slice()) // exactly as a Vec<usize> serializes
    }
}

impl<'de> Deserialize<'de> for ServerList {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let v = Vec::<usize>::deserialize(d)?;
        if v.len() > MAX_SERVERS {
            return Err(serde::de::Error::custom("a message has at most 3 servers"));
        }
        Ok(ServerList::from_slice(&v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behave_like_strings() {
        let q = QueueName::new("orders");
        assert_eq!(q, "orders");
        assert_eq!(q.as_str(), "orders");
        assert_eq!(format!("{q} {q:?}"), "orders \"orders\"");
        assert_eq!(serde_json::to_string(&q).unwrap(), "\"orders\"");
        let m = MessageIdStr::new("0123456789abcdef0123456789abcdef0123");
        assert_eq!(m.len(), 36);
        assert!(m.is_inline());
        let long = "x".repeat(40);
        assert_eq!(MessageIdStr::new(&long), long);
        assert!(!MessageIdStr::new(&long).is_inline());
        // The inline boundary: 36 bytes inline, 37 shared; multi-byte text stays whole.
        let at_cap = "é".repeat(18);
        assert_eq!(at_cap.len(), 36);
        assert!(MessageIdStr::new(&at_cap).is_inline());
        assert_eq!(MessageIdStr::new(&at_cap), at_cap);
        let over = format!("{at_cap}x");
        assert!(!MessageIdStr::new(&over).is_inline());
        assert_eq!(MessageIdStr::new(&over), over);
        assert_eq!(MessageIdStr::new(""), "");
        let back: MessageIdStr = serde_json::from_str("\"abc\"").unwrap();
        assert_eq!(back, "abc");
        let mut set = std::collections::BTreeSet::new();
        set.insert(m.clone());
        assert!(set.contains("0123456789abcdef0123456789abcdef0123"));
        let servers = ServerList::from_slice(&[0, 2]);
        assert_eq!(format!("{servers:?}"), format!("{:?}", vec![0usize, 2]));
        assert_eq!(
            serde_json::to_string(&servers).unwrap(),
            serde_json::to_string(&vec![0usize, 2]).unwrap()
        );
        let back: ServerList = serde_json::from_str("[1,2,0]").unwrap();
        assert_eq!(back, vec![1, 2, 0]);
        assert!(serde_json::from_str::<ServerList>("[1,2,0,3]").is_err());
    }
}
