//! Diagnostics are values: a rule, a level, a place and words. The
//! renderers in this module turn a [`Report`] into text, JSON or SARIF.

mod github;
mod human;
mod json;
mod sarif;

pub use github::{render_github, render_github_log};
pub use human::{
    Blocks, HumanOptions, block_key, by_rule_table, render_human, render_human_reusing,
    render_human_with, summary_line,
};
pub use json::{render_json, report_value, to_json_text};
pub use sarif::render_sarif;

use std::collections::BTreeMap;
use std::ops::Range;

use crate::rules::{Level, Rule};
use crate::source::{LineIndex, floor_char_boundary};

/// The source line a diagnostic points into, with the bytes to underline.
#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Excerpt {
    pub text: String,
    pub underline: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Diagnostic {
    pub rule: Rule,
    pub level: Level,
    /// Relative to CONTENT, with `/` separators.
    pub path: String,
    pub line: u32,
    pub column: u32,
    pub segment: Option<String>,
    pub message: String,
    pub help: Option<String>,
    pub excerpt: Option<Excerpt>,
}

impl Diagnostic {
    /// A diagnostic at the start of a file (or folder), with no excerpt.
    pub fn new(rule: Rule, path: impl Into<String>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            rule,
            level: rule.default_level(),
            path: path.into(),
            line: 1,
            column: 1,
            segment: None,
            message: message.into(),
            help: None,
            excerpt: None,
        }
    }

    /// Places the diagnostic at `span` of `text`: its line, column and excerpt.
    pub fn at(mut self, text: &str, lines: &LineIndex, span: Range<usize>) -> Diagnostic {
        let start = floor_char_boundary(text, span.start.min(text.len()));
        let location = lines.locate(text, start);
        self.line = location.line;
        self.column = location.column;
        let line = lines.line_range(text, start);
        // A span may start on a line end and run over several lines: cut it to this line.
        let from = start.min(line.end);
        let to = floor_char_boundary(text, span.end.min(line.end)).max(from);
        self.excerpt = Some(Excerpt {
            text: text[line.clone()].to_string(),
            underline: (from - line.start)..(to - line.start),
        });
        self
    }

    pub fn line(mut self, line: u32) -> Diagnostic {
        self.line = line;
        self
    }

    pub fn segment(mut self, id: impl Into<String>) -> Diagnostic {
        self.segment = Some(id.into());
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    fn sort_key(&self) -> (&str, u32, u32, &str, &str) {
        (
            &self.path,
            self.line,
            self.column,
            self.rule.name(),
            &self.message,
        )
    }
}

/// A diagnostic's path as seen from where helpc ran: CONTENT as the user
/// named it, then the path below it (for SARIF URIs and annotations).
pub fn content_path(content_base: &str, path: &str) -> String {
    let base = content_base.trim_end_matches('/');
    if base.is_empty() || base == "." {
        path.to_string()
    } else {
        format!("{base}/{path}")
    }
}

/// What a run looked at, for the summary.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub struct Counts {
    pub files: usize,
    pub articles: usize,
    pub segments: usize,
}

impl Counts {
    pub fn add(&mut self, other: &Counts) {
        self.files += other.files;
        self.articles += other.articles;
        self.segments += other.segments;
    }
}

/// Everything a check run found, sorted and counted.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub by_locale: BTreeMap<String, Counts>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn new(by_locale: BTreeMap<String, Counts>, mut diagnostics: Vec<Diagnostic>) -> Report {
        diagnostics.retain(|d| d.level != Level::Allow);
        diagnostics.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
        Report {
            by_locale,
            diagnostics,
        }
    }

    pub fn totals(&self) -> Counts {
        let mut total = Counts::default();
        for counts in self.by_locale.values() {
            total.add(counts);
        }
        total
    }

    pub fn count(&self, level: Level) -> usize {
        self.diagnostics.iter().filter(|d| d.level == level).count()
    }

    pub fn by_rule(&self) -> BTreeMap<&'static str, usize> {
        let mut map = BTreeMap::new();
        for d in &self.diagnostics {
            *map.entry(d.rule.name()).or_insert(0) += 1;
        }
        map
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(|d| d.level == Level::Error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpt_is_the_line_with_the_span_underlined() {
        let text = "---\ntitle: x\n---\nhello <b>world</b>\n";
        let lines = LineIndex::new(text);
        let start = text.find("<b>").unwrap();
        let d = Diagnostic::new(Rule::SegmentEmpty, "a.md", "m").at(text, &lines, start..start + 3);
        assert_eq!((d.line, d.column), (4, 7));
        let excerpt = d.excerpt.unwrap();
        assert_eq!(excerpt.text, "hello <b>world</b>");
        assert_eq!(&excerpt.text[excerpt.underline], "<b>");
    }

    #[test]
    fn a_span_over_several_lines_is_cut_at_the_line_end() {
        let text = "one two\nthree";
        let lines = LineIndex::new(text);
        let d = Diagnostic::new(Rule::SegmentEmpty, "a.md", "m").at(text, &lines, 4..text.len());
        let excerpt = d.excerpt.unwrap();
        assert_eq!(&excerpt.text[excerpt.underline], "two");
    }

    #[test]
    fn report_sorts_and_drops_allowed() {
        let mut allowed = Diagnostic::new(Rule::IdOrder, "b.md", "x");
        allowed.level = Level::Allow;
        let report = Report::new(
            BTreeMap::new(),
            vec![
                Diagnostic::new(Rule::IdOrder, "b.md", "x").line(3),
                Diagnostic::new(Rule::IdMismatch, "b.md", "x").line(3),
                Diagnostic::new(Rule::IdOrder, "a.md", "x").line(9),
                allowed,
            ],
        );
        let order: Vec<_> = report
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.line, d.rule.name()))
            .collect();
        assert_eq!(
            order,
            [
                ("a.md", 9, "id-order"),
                ("b.md", 3, "id-mismatch"),
                ("b.md", 3, "id-order")
            ]
        );
        assert_eq!(report.count(Level::Error), 1);
        assert_eq!(report.count(Level::Warning), 2);
    }
}
