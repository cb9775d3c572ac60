//! `alert-unknown`: quote blocks whose first line is a `[!…]` marker that
//! is not one of the five alert names, read as the renderer reads them
//! (`read::markers`).

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diag::Diagnostic;
use crate::read::markers::{Marker, marker};
use crate::read::{Article, Origin, file_offset};
use crate::rules::Rule;

/// The alert rule over a stream of the target document's events, fed one
/// at a time so the caller parses the document once for several rules.
pub struct Alerts<'a> {
    article: &'a Article,
    origins: &'a [Origin],
    /// The first line of a plain quote block while it is read: where it starts, its text.
    line: Option<(usize, String)>,
    /// Where the quote block that just opened starts.
    after_quote: Option<usize>,
}

impl<'a> Alerts<'a> {
    pub fn new(article: &'a Article, origins: &'a [Origin]) -> Self {
        Alerts {
            article,
            origins,
            line: None,
            after_quote: None,
        }
    }

    pub fn event(&mut self, event: &Event<'_>, range: &Range<usize>, out: &mut Vec<Diagnostic>) {
        match event {
            Event::Start(Tag::BlockQuote(None)) => self.after_quote = Some(range.start),
            Event::Start(Tag::Paragraph) if self.after_quote.is_some() => {
                self.line = self.after_quote.take().map(|at| (at, String::new()));
            }
            Event::Text(text) if self.line.is_some() => {
                if let Some((_, l)) = &mut self.line {
                    l.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak | Event::End(TagEnd::Paragraph)
                if self.line.is_some() =>
            {
                if let Some((at, text)) = self.line.take()
                    && let Some(Marker::Alert { written, kind }) = marker(&text)
                {
                    let meant = match kind {
                        Some(kind) => format!("read as `[!{}]`", kind_name(kind)),
                        None => "read as a note".to_string(),
                    };
                    let article = self.article;
                    let (file_at, _) =
                        file_offset(self.origins, at).unwrap_or((article.body, None));
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
                self.after_quote = None;
                self.line = None;
            }
        }
    }
}

/// `events`: the target document's, with their offsets.
#[cfg(test)]
pub fn check<'e>(
    article: &Article,
    target: &(String, Vec<Origin>),
    events: impl IntoIterator<Item = (Event<'e>, Range<usize>)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut alerts = Alerts::new(article, &target.1);
    for (event, range) in events {
        alerts.event(&event, &range, out);
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
            crate::check::events_of(&target.0),
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
