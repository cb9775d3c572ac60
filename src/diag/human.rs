//! rustc-like text: level, rule, message, `--> path:line:col`, the source
//! line with a caret, and a `help:` line.

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Origin, Renderer, Snippet};

use super::{Diagnostic, Report};
use crate::rules::Level;

/// How the command line shapes `--format human` (and `github`, but for color).
#[derive(Clone, Copy, Debug, Default, Hash)]
pub struct HumanOptions {
    pub color: bool,
    /// `--statistics`: the by-rule table only, no diagnostic.
    pub statistics: bool,
    /// `--max-diagnostics N`: print at most N (the counts still hold all).
    pub max_diagnostics: Option<usize>,
    /// `-q`: no by-rule table and no summary line.
    pub quiet: bool,
}

/// Renders every diagnostic and a closing summary line.
pub fn render_human(report: &Report, color: bool) -> String {
    render_human_with(
        report,
        &HumanOptions {
            color,
            ..HumanOptions::default()
        },
    )
}

/// Errors first, then warnings, then notes (each in the report's order:
/// path, line, column, rule), then the by-rule table and the summary line.
pub fn render_human_with(report: &Report, options: &HumanOptions) -> String {
    render_human_reusing(report, options, &foldhash::HashMap::default()).0
}

/// Where each diagnostic's text lies in a human report: the diagnostic's
/// [`block_key`], and the text's start and end.
pub type Blocks = Vec<(u64, usize, usize)>;

/// What a diagnostic's rendered text depends on: the diagnostic and color.
/// (The caller keeps texts of this helpc only: the renderer may change.)
pub fn block_key(diagnostic: &Diagnostic, color: bool) -> u64 {
    crate::cache::hash_of(&(diagnostic, color))
}

/// [`render_human_with`], taking each diagnostic's text from `kept` (by
/// [`block_key`]) where it is, as a rebuild after one edit finds all but a
/// few (annotate-snippets took 30 µs a diagnostic); and where each
/// diagnostic's text lies in the result, for the next run.
pub fn render_human_reusing(
    report: &Report,
    options: &HumanOptions,
    kept: &foldhash::HashMap<u64, &str>,
) -> (String, Blocks) {
    let renderer = if options.color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    let mut blocks = Blocks::new();
    if !options.statistics {
        let mut ordered: Vec<&Diagnostic> = report.diagnostics.iter().collect();
        // Stable: the report's order is kept within a level.
        ordered.sort_by_key(|d| rank(d.level));
        let shown = options.max_diagnostics.unwrap_or(usize::MAX);
        // Rendered in parallel (thousands on a large site), printed in order.
        use rayon::prelude::*;
        let rendered: Vec<(u64, std::borrow::Cow<str>)> = ordered
            .par_iter()
            .take(shown)
            .map(|diagnostic| {
                let key = block_key(diagnostic, options.color);
                let text = match kept.get(&key) {
                    Some(text) => std::borrow::Cow::Borrowed(*text),
                    None => std::borrow::Cow::Owned(renderer.render(&[group(diagnostic)])),
                };
                (key, text)
            })
            .collect();
        out.reserve(rendered.iter().map(|(_, text)| text.len() + 2).sum());
        blocks.reserve(rendered.len());
        for (key, text) in rendered {
            let start = out.len();
            out.push_str(&text);
            blocks.push((key, start, out.len()));
            out.push_str("\n\n");
        }
        if ordered.len() > shown {
            out.push_str(&format!(
                "... {} not shown (--max-diagnostics {shown})\n\n",
                plural(ordered.len() - shown, "more diagnostic"),
            ));
        }
    }
    if options.statistics || (!options.quiet && !report.diagnostics.is_empty()) {
        out.push_str(&by_rule_table(report));
        out.push('\n');
    }
    if !options.quiet {
        out.push_str(&summary_line(report));
        out.push('\n');
    }
    (out, blocks)
}

/// Where a level sorts in human output: the ones that fail the run first.
fn rank(level: Level) -> u8 {
    match level {
        Level::Error => 0,
        Level::Warning => 1,
        Level::Note | Level::Allow => 2,
    }
}

/// `count  rule  level`, one line per rule and level: errors first, then
/// by count (highest first), then by name.
pub fn by_rule_table(report: &Report) -> String {
    let mut counts: std::collections::BTreeMap<(u8, &str, &str), usize> =
        std::collections::BTreeMap::new();
    for d in &report.diagnostics {
        *counts
            .entry((rank(d.level), d.rule.name(), d.level.as_str()))
            .or_insert(0) += 1;
    }
    let mut rows: Vec<((u8, &str, &str), usize)> = counts.into_iter().collect();
    rows.sort_by(|((ra, na, _), ca), ((rb, nb, _), cb)| {
        ra.cmp(rb).then(cb.cmp(ca)).then(na.cmp(nb))
    });
    let digits = rows
        .iter()
        .map(|(_, c)| c.to_string().len())
        .max()
        .unwrap_or(1);
    let width = rows.iter().map(|((_, n, _), _)| n.len()).max().unwrap_or(0);
    let mut out = String::new();
    for ((_, name, level), count) in rows {
        out.push_str(&format!("{count:>digits$}  {name:width$}  {level}\n"));
    }
    out
}

fn snippet_level(level: Level) -> SnippetLevel<'static> {
    match level {
        Level::Error => SnippetLevel::ERROR,
        Level::Warning => SnippetLevel::WARNING,
        Level::Note | Level::Allow => SnippetLevel::NOTE,
    }
}

fn group(d: &Diagnostic) -> Group<'_> {
    let title = snippet_level(d.level)
        .primary_title(d.message.as_str())
        .id(d.rule.name());
    let mut group = match &d.excerpt {
        Some(excerpt) => title.element(
            Snippet::source(excerpt.text.as_str())
                .line_start(d.line as usize)
                .path(d.path.as_str())
                .annotation(AnnotationKind::Primary.span(excerpt.underline.clone())),
        ),
        None => title.element(
            Origin::path(d.path.as_str())
                .line(d.line as usize)
                .char_column(d.column as usize),
        ),
    };
    if let Some(segment) = &d.segment {
        group = group.element(SnippetLevel::NOTE.message(format!("segment {segment}")));
    }
    if let Some(help) = &d.help {
        group = group.element(SnippetLevel::HELP.message(help.as_str()));
    }
    group
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// `checked 5 locales, 14573 files, 135112 segments: 5 errors, 812 warnings, 0 notes`
pub fn summary_line(report: &Report) -> String {
    let totals = report.totals();
    format!(
        "checked {}, {}, {}: {}, {}, {}",
        plural(report.by_locale.len(), "locale"),
        plural(totals.files, "file"),
        plural(totals.segments, "segment"),
        plural(report.count(Level::Error), "error"),
        plural(report.count(Level::Warning), "warning"),
        plural(report.count(Level::Note), "note"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rule;
    use crate::source::LineIndex;
    use std::collections::BTreeMap;

    #[test]
    fn looks_like_rustc() {
        let text = "---\ntitle: t\n---\n<span data-ttu-id=\"abcde-1\">x</span>\n";
        let lines = LineIndex::new(text);
        let start = text.find("<span").unwrap();
        let d = Diagnostic::new(Rule::UnpairedTarget, "fr-FR/a.md", "no source span")
            .at(text, &lines, start..start + 5)
            .segment("abcde-1")
            .help("restore the source span");
        let out = render_human(&Report::new(BTreeMap::new(), vec![d]), false);
        assert!(
            out.starts_with("error[unpaired-target]: no source span\n"),
            "{out}"
        );
        assert!(out.contains("--> fr-FR/a.md:4:1"), "{out}");
        assert!(out.contains("4 | <span data-ttu-id"), "{out}");
        assert!(out.contains("^^^^^"), "{out}");
        assert!(out.contains("= note: segment abcde-1"), "{out}");
        assert!(out.contains("= help: restore the source span"), "{out}");
        assert!(out.ends_with("0 warnings, 0 notes\n"), "{out}");
    }

    #[test]
    fn errors_first_a_table_by_rule_and_a_limit() {
        let report = Report::new(
            BTreeMap::new(),
            vec![
                Diagnostic::new(Rule::IdOrder, "a.md", "w1"),
                Diagnostic::new(Rule::IdOrder, "b.md", "w2"),
                Diagnostic::new(Rule::UnpairedTarget, "c.md", "e1"),
            ],
        );
        let out = render_human(&report, false);
        assert!(out.starts_with("error[unpaired-target]: e1"), "{out}");
        assert!(out.find("w1").unwrap() < out.find("w2").unwrap(), "{out}");
        assert!(
            out.contains("1  unpaired-target  error\n2  id-order         warning\n"),
            "{out}"
        );
        let limited = HumanOptions {
            max_diagnostics: Some(1),
            ..HumanOptions::default()
        };
        let out = render_human_with(&report, &limited);
        assert!(!out.contains("w1"), "{out}");
        assert!(out.contains("... 2 more diagnostics not shown"), "{out}");
        assert!(out.ends_with("1 error, 2 warnings, 0 notes\n"), "{out}");
        let statistics = HumanOptions {
            statistics: true,
            quiet: true,
            ..HumanOptions::default()
        };
        assert_eq!(
            render_human_with(&report, &statistics),
            "1  unpaired-target  error\n2  id-order         warning\n\n"
        );
    }

    #[test]
    fn without_excerpt_names_the_place() {
        let d = Diagnostic::new(Rule::LocaleInvalid, "fr_FR", "bad tag");
        let out = render_human(&Report::new(BTreeMap::new(), vec![d]), false);
        assert!(out.contains("--> fr_FR:1:1"), "{out}");
    }
}
