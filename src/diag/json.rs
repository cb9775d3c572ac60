//! `--format json`: one JSON document, stable field order.

use serde_json::{Value, json};

use super::Report;
use crate::rules::Level;

/// The report as a JSON value, for callers that add to it.
pub fn report_value(report: &Report) -> Value {
    let totals = report.totals();
    let by_locale: serde_json::Map<String, Value> = report
        .by_locale
        .iter()
        .map(|(locale, counts)| {
            (
                locale.clone(),
                json!({"files": counts.files, "articles": counts.articles, "segments": counts.segments}),
            )
        })
        .collect();
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            json!({
                "rule": d.rule.name(),
                "level": d.level.as_str(),
                "path": d.path,
                "line": d.line,
                "column": d.column,
                "segment": d.segment,
                "message": d.message,
                "help": d.help,
            })
        })
        .collect();
    json!({
        "version": 1,
        "summary": {
            "locales": report.by_locale.len(),
            "files": totals.files,
            "articles": totals.articles,
            "segments": totals.segments,
            "errors": report.count(Level::Error),
            "warnings": report.count(Level::Warning),
            "notes": report.count(Level::Note),
            "by_rule": report.by_rule(),
            "by_locale": by_locale,
        },
        "diagnostics": diagnostics,
    })
}

pub fn render_json(report: &Report) -> String {
    to_json_text(&report_value(report))
}

pub fn to_json_text(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Counts, Diagnostic};
    use crate::rules::Rule;
    use std::collections::BTreeMap;

    #[test]
    fn has_the_contract_fields() {
        let mut by_locale = BTreeMap::new();
        by_locale.insert(
            "fr-FR".to_string(),
            Counts {
                files: 2,
                articles: 1,
                segments: 7,
            },
        );
        let d = Diagnostic::new(Rule::IdOrder, "fr-FR/a.md", "m")
            .line(4)
            .segment("abcde-9");
        let value: Value =
            serde_json::from_str(&render_json(&Report::new(by_locale, vec![d]))).unwrap();
        assert_eq!(value["version"], 1);
        assert_eq!(value["summary"]["locales"], 1);
        assert_eq!(value["summary"]["files"], 2);
        assert_eq!(value["summary"]["articles"], 1);
        assert_eq!(value["summary"]["segments"], 7);
        assert_eq!(value["summary"]["warnings"], 1);
        assert_eq!(value["summary"]["by_rule"]["id-order"], 1);
        let first = &value["diagnostics"][0];
        assert_eq!(first["rule"], "id-order");
        assert_eq!(first["level"], "warning");
        assert_eq!(first["line"], 4);
        assert_eq!(first["segment"], "abcde-9");
        assert_eq!(first["help"], Value::Null);
    }
}
