//! rustc-like text: level, rule, message, `--> path:line:col`, the source
//! line with a caret, and a `help:` line.

use annotate_snippets::{AnnotationKind, Group, Level as SnippetLevel, Origin, Renderer, Snippet};

use super::{Diagnostic, Report};
use crate::rules::Level;

/// Renders every diagnostic and a closing summary line.
pub fn render_human(report: &Report, color: bool) -> String {
    let renderer = if color {
        Renderer::styled()
    } else {
        Renderer::plain()
    };
    let mut out = String::new();
    for diagnostic in &report.diagnostics {
        out.push_str(&renderer.render(&[group(diagnostic)]));
        out.push_str("\n\n");
    }
    out.push_str(&summary_line(report));
    out.push('\n');
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
    fn without_excerpt_names_the_place() {
        let d = Diagnostic::new(Rule::LocaleInvalid, "fr_FR", "bad tag");
        let out = render_human(&Report::new(BTreeMap::new(), vec![d]), false);
        assert!(out.contains("--> fr_FR:1:1"), "{out}");
    }
}
