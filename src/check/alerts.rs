//! `alert-unknown`: quote blocks whose first line is a `[!…]` marker that
//! is not one of the five alert names, read as the renderer reads them
//! (`read::markers`).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::read::markers::{Marker, marker};
use crate::read::{Article, Origin, file_offset};
use crate::rules::Rule;

/// `events`: the target document's, with their offsets.
pub fn check(
    article: &Article,
    target: &(String, Vec<Origin>),
    events: &[(Event<'_>, Range<usize>)],
    out: &mut Vec<Diagnostic>,
) {
    let origins = target.1.as_slice();
    // Some(start) while reading the first line of a plain quote block.
    let mut line: Option<(usize, String)> = None;
    let mut after_quote = None;
    for (event, range) in events {
        match event {
            Event::Start(Tag::BlockQuote(None)) => after_quote = Some(range.start),
            Event::Start(Tag::Paragraph) if after_quote.is_some() => {
                line = after_quote.take().map(|at| (at, String::new()));
            }
            Event::Text(text) if line.is_some() => {
                if let Some((_, l)) = &mut line {
                    l.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)
                if line.is_some() =>
            {
                if let Some((at, text)) = line.take()
                    && let Some(Marker::Alert { written, kind }) = marker(&text)
                {
                    let meant = match kind {
                        Some(kind) => format!("read as `[!{}]`", kind_name(kind)),
                        None => "read as a note".to_string(),
                    };
                    let (file_at, _) = file_offset(origins, at).unwrap_or((article.body, None));
                    out.push(
                        Diagnostic::new(
                            Rule::AlertUnknown,
                            article.file.rel.clone(),
                            format!("`[!{written}]` is not an alert marker ({meant})"),
                        )
                        .at(&article.text, &article.lines, file_at..file_at + 1)
                        .help("use one of [!NOTE], [!TIP], [!IMPORTANT], [!CAUTION], [!WARNING], in English"),
                    );
                }
            }
            _ => {
                after_quote = None;
                line = None;
            }
        }
    }
}

fn kind_name(kind: pulldown_cmark::BlockQuoteKind) -> &'static str {
    use pulldown_cmark::BlockQuoteKind::*;
    match kind {
        Note => "NOTE",
        Tip => "TIP",
        Important => "IMPORTANT",
        Warning => "WARNING",
        Caution => "CAUTION",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article};

    #[test]
    fn unknown_markers_are_reported() {
        let text = format!(
            "{HEAD}> [!NOTE]\n> Fine.\n\n> [!TIPS]\n> Typo.\n\n> [! 提示]\n> Translated.\n\n> [!VIDEO https://www.youtube.com/embed/x]\n\n> Quote [!NOTE]\n\n> [!Frob]\n"
        );
        let article = article("fr-FR/a.md", &text);
        let target = article.document_with_origins(crate::read::Side::Target);
        let mut out = Vec::new();
        check(
            &article,
            &target,
            &crate::check::events_of(&target.0),
            &mut out,
        );
        let messages: Vec<&str> = out.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`[!TIPS]` is not an alert marker (read as `[!TIP]`)",
                "`[!提示]` is not an alert marker (read as `[!TIP]`)",
                "`[!Frob]` is not an alert marker (read as a note)",
            ]
        );
        assert!(out.iter().all(|d| d.rule == Rule::AlertUnknown));
    }
}
