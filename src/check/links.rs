//! Rules of the "Across files" table that one article can answer alone,
//! given the list of files: relative links and images that point at
//! nothing (`link-target-missing`), DocFX includes that do
//! (`include-missing`), and paths that climb out of the content root
//! (`include-outside-root`).

use std::collections::HashSet;

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use crate::diag::Diagnostic;
use crate::read::{Article, Side, file_offset};
use crate::rules::Rule;

/// Where a relative reference leads, from the folder of `from`.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Relative to CONTENT, `/`-separated.
    Inside(String),
    OutsideRoot,
}

/// Whether `url` is a path into the content: not absolute, no scheme,
/// not only an anchor.
pub fn is_relative_path(url: &str) -> bool {
    let url = url.trim();
    !url.is_empty()
        && !url.starts_with('#')
        && !url.starts_with('/')
        && !url.starts_with('\\')
        && !url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'))
}

pub fn resolve(from: &str, url: &str) -> Resolved {
    let path = url
        .trim()
        .split(['#', '?'])
        .next()
        .unwrap_or_default()
        .replace("%20", " ");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file itself
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Resolved::OutsideRoot;
                }
            }
            other => parts.push(other),
        }
    }
    Resolved::Inside(parts.join("/"))
}

/// `[!INCLUDE[title](path)]` occurrences: (range in the document, path).
fn includes(document: &str) -> Vec<(std::ops::Range<usize>, String)> {
    let mut found = Vec::new();
    let lower = document.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = lower[from..].find("[!include").map(|i| from + i) {
        from = at + 9;
        let rest = &document[at..];
        let Some(open) = rest.find("](") else {
            continue;
        };
        let Some(close) = rest[open..].find(')') else {
            continue;
        };
        if rest[..open].contains('\n') {
            continue;
        }
        found.push((
            at..at + open + close + 1,
            rest[open + 2..open + close].trim().to_string(),
        ));
    }
    found
}

pub fn check(article: &Article, files: &HashSet<String>, out: &mut Vec<Diagnostic>) {
    let (document, origins) = article.document_with_origins(Side::Target);
    let place = |offset: usize, rule: Rule, message: String, help: &str| {
        let (file_at, segment) = file_offset(&origins, offset).unwrap_or((article.body, None));
        let mut diagnostic = Diagnostic::new(rule, article.file.rel.clone(), message)
            .at(&article.text, &article.lines, file_at..file_at + 1)
            .help(help);
        if let Some(index) = segment {
            let segment = &article.scan.segments[index];
            diagnostic = diagnostic
                .line(article.lines.locate(&article.text, segment.start).line)
                .segment(article.id(segment));
        }
        diagnostic
    };
    let include_spans = includes(&document);
    for (span, path) in &include_spans {
        let at = span.start;
        match resolve(&article.file.rel, path) {
            Resolved::OutsideRoot => out.push(place(
                at,
                Rule::IncludeOutsideRoot,
                format!("the include `{path}` points outside the content root"),
                "includes must stay inside the content folder",
            )),
            Resolved::Inside(target) if !files.contains(&target) => out.push(place(
                at,
                Rule::IncludeMissing,
                format!("the include `{path}` does not exist (looked for `{target}`)"),
                "fix the path, or add the fragment under an `includes/` folder",
            )),
            Resolved::Inside(_) => {}
        }
    }
    for (event, range) in
        Parser::new_ext(&document, crate::render::markdown::options()).into_offset_iter()
    {
        let dest_url = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if link_type != LinkType::Email => dest_url,
            Event::Start(Tag::Image { dest_url, .. }) => dest_url,
            _ => continue,
        };
        if !is_relative_path(&dest_url)
            || include_spans
                .iter()
                .any(|(span, _)| span.contains(&range.start))
        {
            continue;
        }
        match resolve(&article.file.rel, &dest_url) {
            Resolved::OutsideRoot => out.push(place(
                range.start,
                Rule::IncludeOutsideRoot,
                format!("the link `{dest_url}` points outside the content root"),
                "link inside the content folder, or use an absolute URL",
            )),
            Resolved::Inside(target)
                if !files.contains(&target) && !files.contains(&format!("{target}.md")) =>
            {
                out.push(place(
                    range.start,
                    Rule::LinkTargetMissing,
                    format!("`{dest_url}` points to `{target}`, which is not in the content"),
                    "fix the path, or add the missing file",
                ))
            }
            Resolved::Inside(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    #[test]
    fn resolving_relative_paths() {
        assert_eq!(
            resolve("fr-FR/a/b.md", "c.md"),
            Resolved::Inside("fr-FR/a/c.md".into())
        );
        assert_eq!(
            resolve("fr-FR/a/b.md", "../media/x%20y.png#t"),
            Resolved::Inside("fr-FR/media/x y.png".into())
        );
        assert_eq!(resolve("fr-FR/b.md", "../../x.md"), Resolved::OutsideRoot);
        assert!(is_relative_path("media/x.png"));
        for absolute in ["https://x/y", "mailto:a@b", "#top", "/abs", "ms-settings:x"] {
            assert!(!is_relative_path(absolute), "{absolute}");
        }
    }

    #[test]
    fn missing_targets_and_includes() {
        let body = format!(
            "{}\n\n![Schéma](media/missing.png) [ok](other.md) <user@example.com>\n\n[!INCLUDE[note](includes/missing.md)]\n\n[!INCLUDE[note](../../outside.md)]\n",
            pair(
                "abcde-102",
                "Voir [la page](absente.md).",
                "See [the page](absent.md)."
            )
        );
        let article = article("fr-FR/a.md", &format!("{HEAD}{body}"));
        let files: HashSet<String> = ["fr-FR/a.md", "fr-FR/other.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut out = Vec::new();
        check(&article, &files, &mut out);
        let found: Vec<_> = out
            .iter()
            .map(|d| (d.rule, d.line, d.segment.clone()))
            .collect();
        assert_eq!(
            found,
            [
                (Rule::IncludeMissing, 9, None),
                (Rule::IncludeOutsideRoot, 11, None),
                (Rule::LinkTargetMissing, 5, Some("abcde-102".to_string())),
                (Rule::LinkTargetMissing, 7, None),
            ]
        );
    }
}
