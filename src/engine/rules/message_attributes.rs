//! Message attributes: the value type, AWS's validation rules, sizes and MD5 digests.

use std::collections::BTreeMap;

use base64::Engine as _;
use serde::{Deserialize, Serialize};

pub use super::digest::{hex_md5, md5_of_message_attributes, md5_of_message_system_attributes};
use crate::engine::error::SqsError;

/// Maximum number of user message attributes on one message.
pub const MAX_MESSAGE_ATTRIBUTES: usize = 10;
/// Maximum length of an attribute name (characters).
pub const MAX_ATTRIBUTE_NAME_LEN: usize = 256;
/// Maximum length of an attribute data type, custom suffix included (characters).
pub const MAX_ATTRIBUTE_TYPE_LEN: usize = 256;
/// Maximum significant digits of a `Number` attribute.
pub const MAX_NUMBER_DIGITS: usize = 38;

/// A message (user or system) attribute value, with AWS's JSON member names.
/// `BinaryValue` keeps the base64 text exactly as it travels in JSON; use
/// [`MessageAttributeValue::binary_bytes`] for the decoded bytes.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct MessageAttributeValue {
    /// `String`, `Number` or `Binary`, optionally with a custom suffix (`Number.int`).
    pub data_type: String,
    /// Value of a String or Number attribute.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_value: Option<String>,
    /// Value of a Binary attribute, base64 text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary_value: Option<String>,
    /// Reserved by AWS ("not implemented"); kept for round-tripping and MD5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_list_values: Option<Vec<String>>,
    /// Reserved by AWS ("not implemented"); base64 texts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub binary_list_values: Option<Vec<String>>,
}

/// The three base data types an attribute type starts with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BaseDataType {
    /// `String` or `String.<label>`.
    String,
    /// `Number` or `Number.<label>`.
    Number,
    /// `Binary` or `Binary.<label>`.
    Binary,
}

impl BaseDataType {
    /// AWS's name of the base type.
    pub fn name(self) -> &'static str {
        match self {
            BaseDataType::String => "String",
            BaseDataType::Number => "Number",
            BaseDataType::Binary => "Binary",
        }
    }

    /// Parses `String`, `Number`, `Binary`, each optionally followed by `.` and a label.
    pub fn parse(data_type: &str) -> Option<BaseDataType> {
        let (base, label) = match data_type.split_once('.') {
            Some((b, l)) => (b, Some(l)),
            None => (data_type, None),
        };
        if label.is_some_and(str::is_empty) {
            return None;
        }
        match base {
            "String" => Some(BaseDataType::String),
            "Number" => Some(BaseDataType::Number),
            "Binary" => Some(BaseDataType::Binary),
            _ => None,
        }
    }
}

impl MessageAttributeValue {
    /// A `String` attribute.
    pub fn string(value: impl Into<String>) -> Self {
        MessageAttributeValue {
            data_type: "String".into(),
            string_value: Some(value.into()),
            ..Default::default()
        }
    }

    /// A `Number` attribute (value kept as text, as SQS does).
    pub fn number(value: impl Into<String>) -> Self {
        MessageAttributeValue {
            data_type: "Number".into(),
            string_value: Some(value.into()),
            ..Default::default()
        }
    }

    /// A `Binary` attribute from raw bytes (stored base64-encoded).
    pub fn binary(bytes: &[u8]) -> Self {
        MessageAttributeValue {
            data_type: "Binary".into(),
            binary_value: Some(base64::engine::general_purpose::STANDARD.encode(bytes)),
            ..Default::default()
        }
    }

    /// Base type of `data_type`, if it is valid.
    pub fn base_type(&self) -> Option<BaseDataType> {
        BaseDataType::parse(&self.data_type)
    }

    /// Decoded bytes of `BinaryValue` (`None` if absent or not valid base64).
    pub fn binary_bytes(&self) -> Option<Vec<u8>> {
        self.binary_value.as_deref().and_then(decode_base64)
    }

    /// Bytes of the value as SQS counts them toward the message size.
    pub fn value_size_bytes(&self) -> usize {
        if let Some(s) = &self.string_value {
            s.len()
        } else if let Some(b) = self.binary_bytes() {
            b.len()
        } else {
            let strings: usize = self
                .string_list_values
                .iter()
                .flatten()
                .map(String::len)
                .sum();
            let binaries: usize = self
                .binary_list_values
                .iter()
                .flatten()
                .filter_map(|b| decode_base64(b))
                .map(|b| b.len())
                .sum();
            strings + binaries
        }
    }
}

/// Decodes standard base64 (padding optional, surrounding whitespace ignored).
pub fn decode_base64(text: &str) -> Option<Vec<u8>> {
    let t = text.trim();
    base64::engine::general_purpose::STANDARD
        .decode(t)
        .or_else(|_| base64::engine::general_purpose::STANDARD_NO_PAD.decode(t))
        .ok()
}

/// Size an attribute adds to a message: name + data type + value bytes.
pub fn attribute_size_bytes(name: &str, value: &MessageAttributeValue) -> usize {
    name.len() + value.data_type.len() + value.value_size_bytes()
}

/// Total size of a set of message attributes as counted toward MaximumMessageSize.
pub fn message_attributes_size_bytes(attrs: &BTreeMap<String, MessageAttributeValue>) -> usize {
    attrs.iter().map(|(k, v)| attribute_size_bytes(k, v)).sum()
}

fn invalid(message: String) -> SqsError {
    SqsError::invalid_parameter_value(message)
}

/// Validates an attribute name: 1–256 characters, alphanumeric (Unicode letters and digits
/// accepted, as AWS does) plus `_`, `-`, `.`; not starting with `AWS.`/`Amazon.` (any case);
/// no leading/trailing `.`; no `..`.
pub fn validate_attribute_name(name: &str) -> Result<(), SqsError> {
    validate_attribute_name_of("user", name)
}

/// [`validate_attribute_name`] for `kind` = `user` or `system` (used in the wording).
fn validate_attribute_name_of(kind: &str, name: &str) -> Result<(), SqsError> {
    if name.trim().is_empty() {
        return Err(invalid(format!(
            "The request must contain non-empty message ({kind}) attribute names."
        )));
    }
    if name.chars().count() > MAX_ATTRIBUTE_NAME_LEN {
        return Err(invalid(format!(
            "Message ({kind}) attribute name must be shorter than {MAX_ATTRIBUTE_NAME_LEN} bytes."
        )));
    }
    let lower = name.to_lowercase();
    if lower.starts_with("aws.") || lower.starts_with("amazon.") {
        return Err(invalid(
            "You can't use message attribute names beginning with 'AWS.' or 'Amazon'. These \
             strings are reserved for internal use."
                .into(),
        ));
    }
    if name.starts_with('.') {
        return Err(invalid(format!(
            "Message ({kind}) attribute name must not begin with character '.'."
        )));
    }
    if name.ends_with('.') {
        return Err(invalid(format!(
            "Message ({kind}) attribute name must not end with character '.'."
        )));
    }
    if name.contains("..") {
        return Err(invalid(format!(
            "Message ({kind}) attribute name must not have successive '.' characters."
        )));
    }
    if let Some(bad) = name
        .chars()
        .find(|c| !(c.is_alphanumeric() || matches!(c, '_' | '-' | '.')))
    {
        return Err(invalid(format!(
            "Message ({kind}) attribute name '{name}' contains the invalid character '{bad}'. \
             Names can only contain alphanumeric characters, hyphens, underscores and periods."
        )));
    }
    Ok(())
}

/// Validates a `Number` attribute value: a decimal numeral (optional sign, digits with at
/// most one point, optional exponent) with ≤ 38 significant digits, 0 or a magnitude
/// in `[10^-128, 10^126]`.
pub fn validate_number_value(name: &str, value: &str) -> Result<(), SqsError> {
    let cant_cast = || {
        invalid(format!(
            "Can't cast the value of message (user) attribute '{name}' to a number."
        ))
    };
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let (whole, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits_only = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if !digits_only(whole) || !digits_only(frac) || (whole.is_empty() && frac.is_empty()) {
        return Err(cant_cast());
    }
    let exp: i64 = match exponent {
        None => 0,
        Some(e) => {
            let e_digits = e.strip_prefix(['-', '+']).unwrap_or(e);
            if e_digits.is_empty() || !digits_only(e_digits) {
                return Err(cant_cast());
            }
            // Anything this long is far outside the range either way; saturate.
            let magnitude: i64 = match e_digits.trim_start_matches('0') {
                "" => 0,
                d => d.parse().unwrap_or(1_000_000),
            };
            if e.starts_with('-') {
                -magnitude.min(1_000_000)
            } else {
                magnitude.min(1_000_000)
            }
        }
    };
    let all_digits: String = format!("{whole}{frac}");
    let Some(first_nonzero) = all_digits.find(|c| c != '0') else {
        return Ok(()); // zero
    };
    let significant = all_digits[first_nonzero..].trim_end_matches('0');
    if significant.len() > MAX_NUMBER_DIGITS {
        return Err(invalid(format!(
            "Number attribute value {value} for message (user) attribute '{name}' has more than \
             {MAX_NUMBER_DIGITS} digits of precision."
        )));
    }
    // |x| = d.ddd × 10^adjusted
    let adjusted = whole.len() as i64 - first_nonzero as i64 - 1 + exp;
    let too_big = adjusted > 126 || (adjusted == 126 && significant != "1");
    if adjusted < -128 || too_big {
        return Err(invalid(format!(
            "Number attribute value {value} for message (user) attribute '{name}' should be in \
             range (-10**126..-10**-128, 0, 10**-128..10**126)."
        )));
    }
    Ok(())
}

/// The allowed character set as AWS spells it in its errors.
pub const ALLOWED_CHARACTERS: &str =
    "#x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]";

/// True for characters SQS accepts in bodies and string values:
/// `#x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF`.
pub fn is_allowed_message_char(c: char) -> bool {
    matches!(c as u32, 0x9 | 0xA | 0xD | 0x20..=0xD7FF | 0xE000..=0xFFFD | 0x10000..=0x10FFFF)
}

/// Validates one attribute's type and value (`kind` is `user` or `system`, used in
/// AWS's messages), in AWS's order.
fn validate_one(kind: &str, name: &str, v: &MessageAttributeValue) -> Result<(), SqsError> {
    let has_any_value = v.string_value.is_some()
        || v.binary_value.is_some()
        || v.string_list_values.is_some()
        || v.binary_list_values.is_some();
    if v.data_type.is_empty() && !has_any_value {
        return Err(invalid(format!(
            "The message ({kind}) attribute '{name}' must contain a non-empty message attribute \
             value."
        )));
    }
    if v.data_type.is_empty() {
        return Err(invalid(format!(
            "The message ({kind}) attribute '{name}' must contain a non-empty message attribute \
             type."
        )));
    }
    let Some(base) = v.base_type() else {
        return Err(invalid(format!(
            "The type of message ({kind}) attribute '{name}' is invalid. You must use only the \
             following supported type prefixes: Binary, Number, String."
        )));
    };
    let data_type = &v.data_type;
    let empty_value =
        v.string_value.as_deref() == Some("") || v.binary_value.as_deref() == Some("");
    if empty_value || !has_any_value {
        return Err(invalid(format!(
            "Message ({kind}) attribute '{name}' must contain a non-empty value of type \
             '{data_type}'."
        )));
    }
    if v.string_value.is_some() && v.binary_value.is_some() {
        return Err(invalid(format!(
            "Message ({kind}) attribute '{name}' must have a single value."
        )));
    }
    if v.data_type.chars().count() > MAX_ATTRIBUTE_TYPE_LEN {
        return Err(invalid(format!(
            "Message ({kind}) attribute type must be shorter than {MAX_ATTRIBUTE_TYPE_LEN} bytes."
        )));
    }
    match base {
        BaseDataType::String | BaseDataType::Number => {
            let Some(value) = v.string_value.as_deref() else {
                return Err(invalid(format!(
                    "Message ({kind}) attribute '{name}' with type '{}' must use field 'String'.",
                    base.name()
                )));
            };
            if let Some(bad) = value.chars().find(|c| !is_allowed_message_char(*c)) {
                return Err(invalid(format!(
                    "Invalid binary character '#x{:X}' was found in the message attribute \
                     '{name}' value, the set of allowed characters is {ALLOWED_CHARACTERS}.",
                    bad as u32
                )));
            }
            if base == BaseDataType::Number {
                validate_number_value(name, value)?;
            }
        }
        BaseDataType::Binary => {
            let Some(text) = v.binary_value.as_deref() else {
                return Err(invalid(format!(
                    "Message ({kind}) attribute '{name}' with type 'Binary' must use field \
                     'Binary'."
                )));
            };
            let bytes = decode_base64(text).ok_or_else(|| {
                invalid(format!(
                    "Message ({kind}) attribute '{name}' has an invalid BinaryValue: it must be \
                     valid base64."
                ))
            })?;
            if bytes.is_empty() {
                return Err(invalid(format!(
                    "Message ({kind}) attribute '{name}' must contain a non-empty value of type \
                     '{data_type}'."
                )));
            }
        }
    }
    Ok(())
}

/// Validates user message attributes: at most 10, valid names, types and values.
pub fn validate_message_attributes(
    attrs: &BTreeMap<String, MessageAttributeValue>,
) -> Result<(), SqsError> {
    if attrs.len() > MAX_MESSAGE_ATTRIBUTES {
        return Err(invalid(format!(
            "Number of message attributes [{}] exceeds the allowed maximum [{MAX_MESSAGE_ATTRIBUTES}].",
            attrs.len()
        )));
    }
    for (name, value) in attrs {
        validate_attribute_name(name)?;
        validate_one("user", name, value)?;
    }
    Ok(())
}

/// Names of message system attributes a sender may set.
pub const SETTABLE_SYSTEM_ATTRIBUTES: [&str; 1] = ["AWSTraceHeader"];

/// Validates `MessageSystemAttributes` on send: only `AWSTraceHeader`, of type `String`,
/// non-empty. These do not count toward the message size.
pub fn validate_message_system_attributes(
    attrs: &BTreeMap<String, MessageAttributeValue>,
) -> Result<(), SqsError> {
    for (name, value) in attrs {
        if !SETTABLE_SYSTEM_ATTRIBUTES.contains(&name.as_str()) {
            return Err(invalid(format!(
                "Message system attribute name '{name}' is invalid."
            )));
        }
        validate_one("system", name, value)?;
        if value.data_type != "String" {
            return Err(invalid(format!(
                "The type of message (system) attribute '{name}' is invalid. It must be String."
            )));
        }
    }
    Ok(())
}

#[cfg(test)]
#[path = "message_attributes_tests.rs"]
mod tests;
