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

    #[test]
    fn translated_front_matter_does_not_parse() {
        let text = "<span data-ttu-id=\"8ae12-101\">title: « T » ms.author: p author: q</span>\n- <span>x</span>\n";
        assert!(parse_mapping(text).is_err());
    }
}
