//! `--format json`: one JSON document, stable field order.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::{Counts, Report};
use crate::rules::Level;

/// The document `--format json` writes (version 1 of the contract in
/// `cli.md`), field for field in its order.
#[derive(Serialize)]
pub struct JsonReport<'r> {
    pub version: u32,
    pub summary: Summary<'r>,
    pub diagnostics: Vec<JsonDiagnostic<'r>>,
}

#[derive(Serialize)]
pub struct Summary<'r> {
    pub locales: usize,
    pub files: usize,
    pub articles: usize,
    pub segments: usize,
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
    pub by_rule: BTreeMap<&'static str, usize>,
    pub by_locale: &'r BTreeMap<String, Counts>,
}

#[derive(Serialize)]
pub struct JsonDiagnostic<'r> {
    pub rule: &'static str,
    pub level: &'static str,
    pub path: &'r str,
    pub line: u32,
    pub column: u32,
    pub segment: Option<&'r str>,
    pub message: &'r str,
    pub help: Option<&'r str>,
}

impl<'r> JsonReport<'r> {
    pub fn of(report: &'r Report) -> JsonReport<'r> {
        let totals = report.totals();
        JsonReport {
            version: 1,
            summary: Summary {
                locales: report.by_locale.len(),
                files: totals.files,
                articles: totals.articles,
                segments: totals.segments,
                errors: report.count(Level::Error),
                warnings: report.count(Level::Warning),
                notes: report.count(Level::Note),
                by_rule: report.by_rule(),
                by_locale: &report.by_locale,
            },
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| JsonDiagnostic {
                    rule: d.rule.name(),
                    level: d.level.as_str(),
                    path: &d.path,
                    line: d.line,
                    column: d.column,
                    segment: d.segment.as_deref(),
                    message: &d.message,
                    help: d.help.as_deref(),
                })
                .collect(),
        }
    }
}

/// The report as a JSON value, for callers that add to it.
pub fn report_value(report: &Report) -> Value {
    serde_json::to_value(JsonReport::of(report)).unwrap_or(Value::Null)
}

/// Written straight from the report: no value tree of thousands of
/// diagnostics built first (the same text as [`report_value`]'s).
pub fn render_json(report: &Report) -> String {
    to_json_text(&JsonReport::of(report))
}

/// `value` as pretty JSON and a final newline.
pub fn to_json_text<T: Serialize + ?Sized>(value: &T) -> String {
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
