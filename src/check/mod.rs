//! Stage 3: the rules. Each check turns what the reader found into
//! [`Diagnostic`]s at the rule's default level; levels from configuration
//! are applied afterwards by [`crate::config::Levels`].

pub mod across;
mod alerts;
pub mod consistency;
pub mod fault;
mod frontmatter;
pub mod inline;
mod language;
pub mod links;
mod markup;
pub mod numbers;
pub mod placeholders;
pub mod quality;
pub mod sources;
pub mod structure;
pub mod tokens;
pub mod urls;

pub use quality::QualityOptions;

use unic_langid::LanguageIdentifier;

use crate::diag::Diagnostic;
use crate::discover::ContentFile;
use crate::read::{Article, ReadError};
use crate::rules::Rule;
use crate::source::LineIndex;

/// Runs every per-file rule over one article.
/// `files`: every file of the content tree (relative to CONTENT), for the
/// link and include rules; `None` skips them.
pub fn check_article(
    article: &Article,
    folder_tag: Option<&LanguageIdentifier>,
    options: &QualityOptions,
    files: Option<&crate::discover::FileSet>,
) -> Vec<Diagnostic> {
    check_article_keeping(article, folder_tag, options, files).0
}

/// [`check_article`], and what its rules made of the targets, which the
/// article's consistency facts read ([`consistency::facts`]).
pub fn check_article_keeping(
    article: &Article,
    folder_tag: Option<&LanguageIdentifier>,
    options: &QualityOptions,
    files: Option<&crate::discover::FileSet>,
) -> (Vec<Diagnostic>, inline::TargetFacts) {
    let mut diagnostics = Vec::new();
    frontmatter::check(article, folder_tag, &mut diagnostics);
    structure::check(article, &mut diagnostics);
    let targets = quality::check(article, options, &mut diagnostics);
    // The target document serves three checks: assembled and parsed once.
    let target = article.document_with_origins(crate::read::Side::Target);
    markup::check(article, &target, &mut diagnostics);
    // Its Markdown events are streamed once to the alert and link rules
    // (collected, a 50 MB article's events would take gigabytes).
    let mut alerts = alerts::Alerts::new(article, &target.1);
    let mut link_diagnostics = Vec::new();
    let links =
        files.map(|files| links::Links::new(article, &target, files, &mut link_diagnostics));
    for (event, range) in events_of(&target.0) {
        alerts.event(&event, &range, &mut diagnostics);
        if let Some(links) = &links {
            links.event(&event, &range, &mut link_diagnostics);
        }
    }
    diagnostics.append(&mut link_diagnostics);
    (diagnostics, targets)
}

/// A document's Markdown events with their offsets, as the renderer reads it.
pub(crate) fn events_of(
    document: &str,
) -> impl Iterator<Item = (pulldown_cmark::Event<'_>, std::ops::Range<usize>)> {
    pulldown_cmark::Parser::new_ext(document, crate::markdown::options()).into_offset_iter()
}

/// The diagnostic for a file that could not be read as text.
pub fn read_error(file: &ContentFile, error: &ReadError) -> Diagnostic {
    match error {
        ReadError::Io(why) => Diagnostic::new(
            Rule::FileUnreadable,
            file.rel.clone(),
            format!("cannot read this file: {why}"),
        ),
        ReadError::Encoding {
            text,
            offset,
            reason,
        } => {
            let lines = LineIndex::new(text);
            Diagnostic::new(Rule::EncodingInvalid, file.rel.clone(), reason.clone())
                .at(text, &lines, *offset..*offset + 1)
                .help("save the file as UTF-8 text")
        }
    }
}

/// Segment pairs whose markup holds together.
pub fn well_formed_segments(article: &Article) -> usize {
    article
        .scan
        .segments
        .iter()
        .filter(|s| s.shape == crate::read::Shape::Paired)
        .count()
}

#[cfg(test)]
pub(crate) mod testing {
    use crate::discover::ContentFile;
    use crate::read::{Article, parse};

    pub fn article(path: &str, text: &str) -> Article {
        let local = path.split_once('/').map_or(path, |(_, l)| l).to_string();
        let file = ContentFile {
            abs: path.into(),
            rel: path.into(),
            fragment: local.contains("includes/"),
            local,
        };
        parse(file, text.as_bytes().to_vec()).expect("test text is UTF-8")
    }

    pub fn pair(id: &str, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
        )
    }

    pub const HEAD: &str = "---\ntitle: Titre\nms.contentlocale: fr-FR\n---\n";
}
