//! The one place that touches `serde_yaml`, which is deprecated upstream:
//! swapping it for another YAML parser only changes this file.

use serde_json::{Map, Number, Value};

/// A YAML document that could not be read as a mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// 0-based line within the YAML text, when the parser knows it.
    pub line: Option<usize>,
    pub message: String,
}

/// Parses `text` as a YAML mapping and returns it as JSON values, keys in
/// document order. Non-string keys are written as their YAML text.
pub fn parse_mapping(text: &str) -> Result<Map<String, Value>, YamlError> {
    // Most front matter is flat `key: text` lines, which a line scan reads
    // many times faster than the YAML parser; anything else goes to it.
    match simple_mapping(text) {
        Some(map) => Ok(map),
        None => parse_mapping_full(text),
    }
}

/// `parse_mapping` through the YAML parser only (public for the test that
/// compares it with the fast path over the corpus).
#[doc(hidden)]
pub fn parse_mapping_full(text: &str) -> Result<Map<String, Value>, YamlError> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| YamlError {
        line: error.location().map(|l| l.line().saturating_sub(1)),
        message: strip_location(&error.to_string()),
    })?;
    match value {
        serde_yaml::Value::Mapping(mapping) => Ok(mapping
            .into_iter()
            .map(|(key, value)| (key_text(key), to_json(value)))
            .collect()),
        serde_yaml::Value::Null => Ok(Map::new()),
        other => Err(YamlError {
            line: None,
            message: format!(
                "expected a mapping of `key: value` lines, found {}",
                kind(&other)
            ),
        }),
    }
}

/// A mapping of `key: scalar` lines and `key:` lines followed by `- scalar`
/// items, read as the YAML parser reads it, or `None` when the text holds
/// anything else (comments, nesting, multi-line or escaped scalars,
/// numbers, tabs, duplicate keys...), which the parser then decides.
#[doc(hidden)]
pub fn simple_mapping(text: &str) -> Option<Map<String, Value>> {
    if text.is_empty() || !plain_text(text) {
        return None;
    }
    // At most a key a line: the table never grows (front matter has a
    // dozen keys, and growing rehashed them with SipHash each time).
    let mut map = Map::with_capacity(memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1);
    let mut lines = split_lines(text)
        .filter(|line| !line.bytes().all(|b| b == b' '))
        .peekable();
    while let Some(line) = lines.next() {
        let (key, after) = line.split_once(':')?;
        if !simple_key(key) {
            return None;
        }
        let rest = after.trim_matches(' ');
        let value = if !rest.is_empty() {
            // `key:value` is one plain scalar in YAML, not a pair.
            if !after.starts_with(' ') {
                return None;
            }
            scalar(rest)?
        } else {
            let mut items = Vec::new();
            let mut indent = None;
            while let Some(item) = lines.next_if(|l| l.trim_start_matches(' ').starts_with("- ")) {
                let body = item.trim_start_matches(' ');
                let depth = item.len() - body.len();
                if *indent.get_or_insert(depth) != depth {
                    return None;
                }
                items.push(scalar(body[2..].trim_matches(' '))?);
            }
            if items.is_empty() {
                Value::Null
            } else {
                Value::Array(items)
            }
        };
        // An indented line after a value continues it, or nests: not simple.
        if lines.peek().is_some_and(|next| next.starts_with(' ')) {
            return None;
        }
        // A key seen before: the parser decides (one look-up, not two).
        if map.insert(key.to_string(), value).is_some() {
            return None;
        }
    }
    Some(map)
}

/// `text.split('\n')`, with the newlines found by `memchr` (std's search
/// for one character was a twentieth of reading front matter).
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// Whether every character of `text` is [`plain_char`]: ASCII a byte at
/// a time, other characters decoded.
fn plain_text(text: &str) -> bool {
    // ASCII control bytes (but `\n`) and DEL, in one pass the compiler can
    // vectorise (no early exit); bytes of longer characters are never such.
    let control = text.bytes().fold(false, |found, b| {
        found | (b < b' ' && b != b'\n') | (b == 0x7f)
    });
    !control && (text.is_ascii() || text.chars().filter(|c| !c.is_ascii()).all(plain_char))
}

/// Characters YAML reads as printable text (no tab, CR, BOM, control or
/// Unicode line separator, which change how lines split or fold).
fn plain_char(c: char) -> bool {
    matches!(c, '\n' | ' '..='~')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

/// A key that is a plain string: letter first, then letters, digits, `._-`,
/// and not a word YAML reads as null or a boolean.
fn simple_key(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_alphabetic())
        && key
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        && !special_word(key)
}

fn special_word(word: &str) -> bool {
    matches!(
        word,
        "null" | "Null" | "NULL" | "true" | "True" | "TRUE" | "false" | "False" | "FALSE"
    )
}

/// One scalar on one line, as YAML resolves it, or `None` when that takes
/// more than this (numbers, escapes, comments, indicators, `: `).
fn scalar(text: &str) -> Option<Value> {
    let bytes = text.as_bytes();
    let first = *bytes.first()?;
    if first == b'"' || first == b'\'' {
        let inner = text[1..].strip_suffix(first as char)?;
        if inner.contains(first as char) || (first == b'"' && inner.contains('\\')) {
            return None;
        }
        return Some(Value::String(inner.to_string()));
    }
    if text.contains(" #") || text.contains(": ") || text.ends_with(':') {
        return None;
    }
    if is_guid(text) {
        // `ms.assetid`: hex digits and hyphens, never a number.
        return Some(Value::String(text.to_string()));
    }
    if first.is_ascii_digit() && bytes.len() <= 18 && bytes.iter().all(u8::is_ascii_digit) {
        // A decimal integer (`ms.custom: 9001196`); with a leading zero
        // YAML schemas differ, so the parser decides.
        if first == b'0' && bytes.len() > 1 {
            return None;
        }
        return text.parse::<i64>().ok().map(Value::from);
    }
    if first.is_ascii_digit() {
        // A number has only digits, letters, signs and points; anything
        // else (a date's `/`, a space) makes the scalar a string, and so do
        // letters other than an exponent's `e` (a hash) without a radix
        // prefix, sign or point.
        if text
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
            && (text.contains(['+', '-', '.'])
                || (first == b'0' && matches!(bytes.get(1), Some(b'x' | b'o' | b'b')))
                || text
                    .bytes()
                    .all(|b| b.is_ascii_digit() || b == b'e' || b == b'E'))
        {
            return None;
        }
    } else if !(first.is_ascii_alphabetic() || first >= 0x80) || special_word(text) {
        return None;
    }
    Some(Value::String(text.to_string()))
}

/// `8-4-4-4-12` hex digits: a GUID.
fn is_guid(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

/// Parses `text` as any YAML value, as JSON.
pub fn parse_value(text: &str) -> Result<Value, YamlError> {
    serde_yaml::from_str::<serde_yaml::Value>(text)
        .map(to_json)
        .map_err(|error| YamlError {
            line: error.location().map(|l| l.line().saturating_sub(1)),
            message: strip_location(&error.to_string()),
        })
}

/// serde_yaml appends " at line L column C"; we report the place ourselves.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

fn kind(value: &serde_yaml::Value) -> &'static str {
    match value {
        serde_yaml::Value::Null => "nothing",
        serde_yaml::Value::Bool(_) => "a boolean",
        serde_yaml::Value::Number(_) => "a number",
        serde_yaml::Value::String(_) => "a string",
        serde_yaml::Value::Sequence(_) => "a list",
        serde_yaml::Value::Mapping(_) => "a mapping",
        serde_yaml::Value::Tagged(_) => "a tagged value",
    }
}

fn key_text(key: serde_yaml::Value) -> String {
    match key {
        serde_yaml::Value::String(s) => s,
        other => match to_json(other) {
            Value::String(s) => s,
            value => value.to_string(),
        },
    }
}

fn to_json(value: serde_yaml::Value) -> Value {
    match value {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => {
            if let Some(i) = n.as_i64() {
                Value::from(i)
            } else if let Some(u) = n.as_u64() {
                Value::from(u)
            } else {
                n.as_f64()
                    .and_then(Number::from_f64)
                    .map_or(Value::Null, Value::Number)
            }
        }
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => {
            Value::Array(items.into_iter().map(to_json).collect())
        }
        serde_yaml::Value::Mapping(mapping) => Value::Object(
            mapping
                .into_iter()
                .map(|(k, v)| (key_text(k), to_json(v)))
                .collect(),
        ),
        serde_yaml::Value::Tagged(tagged) => to_json(tagged.value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mapping_in_document_order() {
        let map = parse_mapping("title: T\nms.custom:\n- \"3156\"\n- 9001196\nROBOTS: NOINDEX\n")
            .unwrap();
        let keys: Vec<_> = map.keys().map(String::as_str).collect();
        assert_eq!(keys, ["title", "ms.custom", "ROBOTS"]);
        assert_eq!(map["ms.custom"], serde_json::json!(["3156", 9001196]));
    }

    #[test]
    fn errors_have_lines() {
        let error = parse_mapping("title: a\nbad: [x\nother: y\n").unwrap_err();
        assert!(error.line.is_some());
        assert!(!error.message.contains(" at line "));
        let error = parse_mapping("- a\n- b\n").unwrap_err();
        assert!(error.message.contains("found a list"), "{}", error.message);
    }

    /// The fast path reads what the parser reads, or leaves the text to it.
    #[test]
    fn simple_mapping_agrees_with_the_parser() {
        let cases = [
            "title: Enregistrement des appels 1:1\nms.date: 12/18/2020\nROBOTS: NOINDEX, NOFOLLOW\n",
            "title: 401 Erreur\nms.custom:\n- \"3156\"\n- 9001196\n  - x\n",
            "a:\n  - x\n  - 'y z'\nb:   c  \n\n   \nd:\n",
            "a: \"q\\\"\"\nb: 'it''s'\n",
            "a: x # comment\n",
            "a: x\n  continued\n",
            "a: 0123\nb: 12\nc: 1e5\nd: 0x1F\ne: .5\n",
            "a: true\nb: Null\nc: ~\nd: nan\ne: Yes\nf: inf\n",
            "true: x\n",
            "a: x\na: y\n",
            "a: [x, y]\nb: {c: d}\n",
            "a: b: c\n",
            "a:b\n",
            "a:\n  b: c\n",
            "a: x\n- y\n",
            "a:\n- x\n  - y\n",
            "a: \u{a0}x\u{a0}\n",
            "a: x\tb\n",
            "a: x\r\nb: y\r\n",
            "# c\na: x\n",
            "---\na: x\n",
            "a: \"\"\nb: ''\n",
            "a: «T» C#\nb: x:y\n",
            "- a\n- b\n",
            "a:\n-\n",
            "h: 8cdadf34a059856338d7f40528446b70373465e4\ni: 1e5\nj: 0b1\nk: 12ab-3\nl: 0123\n",
            "ms.assetid: 686e8f18-b871-4dd2-864f-0123456789ab\nms.custom:\n- 3100021\n- \"9001196\"\n- 0\n",
            "a: 12345678-1234-1234-1234-123456789012\nb: 1e5-1234-1234-1234-123456789012\n",
            "a: 123456789012345678\nb: 1234567890123456789012\nc: 00\nd: 1_000\ne: 1-2\n",
        ];
        for case in cases {
            if let Some(fast) = simple_mapping(case) {
                assert_eq!(Ok(fast), parse_mapping_full(case), "{case:?}");
            }
        }
        assert!(simple_mapping(cases[0]).is_some());
        assert!(simple_mapping("a:\n  - x\n  - 'y z'\nb:   c  \n\n   \nd:\n").is_some());
        assert!(simple_mapping("a: x # comment\n").is_none());
        // GUIDs and decimal integers take the fast path.
        let fast = simple_mapping(
            "ms.assetid: 686e8f18-b871-4dd2-864f-0123456789ab\nms.custom:\n- 3100021\n- 0\n",
        )
        .expect("simple");
        assert_eq!(fast["ms.custom"], serde_json::json!([3100021, 0]));
        assert!(simple_mapping("a: 0123\n").is_none());
        assert!(simple_mapping("a: 1234567890123456789012\n").is_none());
    }

    #[test]
    fn lines_split_as_std_splits_them() {
        for text in ["", "\n", "a", "a\n", "a\nb", "\n\na:\n b\n\n", "é\nき\n"] {
            assert_eq!(
                split_lines(text).collect::<Vec<_>>(),
                text.split('\n').collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn plain_text_is_every_character_plain() {
        for text in [
            "title: Enregistrement «T»\nms.date: 12/18/2020\n",
            "title: ファイルを保存する\n",
            "a: x\tb\n",
            "a: x\r\n",
            "\u{feff}a: x\n",
            "a: x\u{2028}y\n",
            "a: \u{7f}\n",
            "a: \u{85}\n",
            "a: é\u{0}\n",
            "",
        ] {
            assert_eq!(plain_text(text), text.chars().all(plain_char), "{text:?}");
        }
    }

    #[test]
    fn translated_front_matter_does_not_parse() {
        let text = "<span data-ttu-id=\"8ae12-101\">title: « T » ms.author: p author: q</span>\n- <span>x</span>\n";
        assert!(parse_mapping(text).is_err());
    }
}
