//! Rules of the "Across files" table that one article can answer alone,
//! given the list of files: relative links and images that point at
//! nothing (`link-target-missing`), DocFX includes that do
//! (`include-missing`), and paths that climb out of the content root
//! (`include-outside-root`).

use pulldown_cmark::{Event, LinkType, Tag};

use crate::diag::Diagnostic;
use crate::read::docfx::{Resolved, includes, is_relative_path, resolve};
use crate::read::{Article, Origin, file_offset};
use crate::rules::Rule;

/// The link rules over a stream of the target document's events, fed one at
/// a time so the caller parses the document once for several rules.
pub struct Links<'a> {
    article: &'a Article,
    origins: &'a [Origin],
    files: &'a crate::discover::FileSet,
    /// The DocFX includes of the document: their spans and paths.
    include_spans: Vec<(std::ops::Range<usize>, String)>,
}

impl<'a> Links<'a> {
    /// Reports the includes that lead nowhere; links come with `event`.
    pub fn new(
        article: &'a Article,
        target: &'a (String, Vec<Origin>),
        files: &'a crate::discover::FileSet,
        out: &mut Vec<Diagnostic>,
    ) -> Self {
        let links = Links {
            article,
            origins: &target.1,
            files,
            include_spans: includes(&target.0),
        };
        for (span, path) in &links.include_spans {
            let at = span.start;
            match resolve(&article.file.rel, path) {
                Resolved::OutsideRoot => out.push(links.place(
                    at,
                    Rule::IncludeOutsideRoot,
                    format!("the include `{path}` points outside the content root"),
                    "includes must stay inside the content folder",
                )),
                Resolved::Inside(target) if !files.contains(&target) => out.push(links.place(
                    at,
                    Rule::IncludeMissing,
                    format!("the include `{path}` does not exist (looked for `{target}`)"),
                    "fix the path, or add the fragment under an `includes/` folder",
                )),
                Resolved::Inside(_) => {}
            }
        }
        links
    }

    fn place(&self, offset: usize, rule: Rule, message: String, help: &str) -> Diagnostic {
        let article = self.article;
        let (file_at, segment) = file_offset(self.origins, offset).unwrap_or((article.body, None));
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
    }

    pub fn event(
        &self,
        event: &Event<'_>,
        range: &std::ops::Range<usize>,
        out: &mut Vec<Diagnostic>,
    ) {
        let (dest_url, usage) = match event {
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                ..
            }) if *link_type != LinkType::Email => (dest_url, crate::url::Use::Link),
            Event::Start(Tag::Image { dest_url, .. }) => (dest_url, crate::url::Use::Image),
            _ => return,
        };
        let (article, files) = (self.article, self.files);
        // Whatever the rule levels, a refused URL is never written: the page
        // shows the link's text (see `render::markdown`).
        if let Err(refusal) = crate::url::check(dest_url, usage) {
            out.push(self.place(
                range.start,
                if refusal.is_active() {
                    Rule::MarkupUnsafe
                } else {
                    Rule::LinkScheme
                },
                format!(
                    "the URL `{}` is not written to the page: {refusal}",
                    crate::url::shown(dest_url)
                ),
                "link with http, https, mailto or a relative path",
            ));
            return;
        }
        if is_root_relative(dest_url) {
            if !resolves_from_root(&article.file.rel, dest_url, files) {
                out.push(self.place(
                    range.start,
                    Rule::LinkRootMissing,
                    format!("the root-relative link `{dest_url}` leads to no file of the site"),
                    "link relative to the article, or set `link-root` to the site it was written for",
                ));
            }
            return;
        }
        if !is_relative_path(dest_url)
            || self
                .include_spans
                .iter()
                .any(|(span, _)| span.contains(&range.start))
        {
            return;
        }
        match resolve(&article.file.rel, dest_url) {
            Resolved::OutsideRoot => out.push(self.place(
                range.start,
                Rule::IncludeOutsideRoot,
                format!("the link `{dest_url}` points outside the content root"),
                "link inside the content folder, or use an absolute URL",
            )),
            Resolved::Inside(target)
                if !files.contains(&target) && !files.contains(&format!("{target}.md")) =>
            {
                out.push(self.place(
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

/// `target`: the article's target document with its origins, made once by the caller.
pub fn check<'e>(
    article: &Article,
    target: &(String, Vec<Origin>),
    events: impl IntoIterator<Item = (Event<'e>, std::ops::Range<usize>)>,
    files: &crate::discover::FileSet,
    out: &mut Vec<Diagnostic>,
) {
    let links = Links::new(article, target, files, out);
    for (event, range) in events {
        links.event(&event, &range, out);
    }
}

/// `/path`, not `//host/path`.
pub fn is_root_relative(dest: &str) -> bool {
    dest.starts_with('/') && !dest.starts_with("//") && !dest.starts_with("/\\")
}

/// Whether the root-relative `dest` names a file of the content: its path
/// (without query or fragment) read from the content root or from the
/// locale folder of `from`, as written or with `.md` added.
pub fn resolves_from_root(from: &str, dest: &str, files: &crate::discover::FileSet) -> bool {
    let path = dest.split(['?', '#']).next().unwrap_or_default();
    let path = path.trim_matches('/');
    if path.is_empty() || path.split('/').any(|part| part == "..") {
        return false;
    }
    let locale = from.split_once('/').map(|(locale, _)| locale);
    let candidates = [
        Some(path.to_string()),
        locale.map(|l| format!("{l}/{path}")),
    ];
    candidates.into_iter().flatten().any(|candidate| {
        files.contains(&candidate)
            || files.contains(&format!("{candidate}.md"))
            || files.contains(&format!("{candidate}/index.md"))
    })
}

/// The rules a `TOC.yml` answers: `toc-invalid` when it cannot be read or
/// parsed, and its entries' links like an article's. Returns the TOC when
/// it could be read.
pub fn check_toc(
    rel: &str,
    text: Result<String, crate::read::ReadError>,
    files: &crate::discover::FileSet,
    out: &mut Vec<Diagnostic>,
) -> Option<crate::read::toc::Toc> {
    use crate::read::toc::{TocEntry, TocLink, parse};
    let text = match text {
        Ok(text) => text,
        Err(why) => {
            out.push(Diagnostic::new(Rule::TocInvalid, rel, why.to_string()).line(1));
            return None;
        }
    };
    let toc = match parse(rel, &text) {
        Ok(toc) => toc,
        Err(error) => {
            out.push(
                Diagnostic::new(Rule::TocInvalid, rel, error.message)
                    .line(error.line)
                    .help(
                        "write a list of `- name: …` / `  href: …` entries, with nested `items:`",
                    ),
            );
            return None;
        }
    };
    let lines = crate::source::LineIndex::new(&text);
    let place = |entry: &TocEntry, rule: Rule, message: String| {
        let diagnostic = Diagnostic::new(rule, rel, message);
        if entry.span.is_empty() {
            diagnostic.line(entry.line)
        } else {
            diagnostic.at(&text, &lines, entry.span.clone())
        }
    };
    fn walk(
        rel: &str,
        entries: &[TocEntry],
        files: &crate::discover::FileSet,
        place: &dyn Fn(&TocEntry, Rule, String) -> Diagnostic,
        out: &mut Vec<Diagnostic>,
    ) {
        for entry in entries {
            match &entry.link {
                TocLink::Inside { target, written }
                    if !files.contains(target) && !files.contains(&format!("{target}.md")) =>
                {
                    out.push(
                        place(
                            entry,
                            Rule::LinkTargetMissing,
                            format!(
                                "`{written}` points to `{target}`, which is not in the content"
                            ),
                        )
                        .help("fix the path, or remove the entry"),
                    );
                }
                // A root-relative link (`/AlchemyInsights/index`) no file answers: the
                // side bar shows the entry's name without a link.
                TocLink::External(url)
                    if url.starts_with('/')
                        && !url.starts_with("//")
                        && !resolves_from_root(rel, url, files) =>
                {
                    out.push(
                        place(
                            entry,
                            Rule::LinkRootMissing,
                            format!("the root-relative link `{url}` leads to no file of the site"),
                        )
                        .help("link relative to the TOC, or set `link-root` to the site it was written for"),
                    );
                }
                TocLink::External(url) => {
                    if let Err(refusal) = crate::url::check(url, crate::url::Use::Link) {
                        out.push(
                            place(
                                entry,
                                Rule::TocInvalid,
                                format!(
                                    "the entry's link `{}` is not written to the site: {refusal}",
                                    crate::url::shown(url)
                                ),
                            )
                            .help("link with http, https, mailto or a path inside the content"),
                        );
                    }
                }
                TocLink::OutsideRoot { written } => out.push(
                    place(
                        entry,
                        Rule::IncludeOutsideRoot,
                        format!("the link `{written}` points outside the content root"),
                    )
                    .help("link inside the content folder, or use an absolute URL"),
                ),
                _ => {}
            }
            walk(rel, &entry.items, files, place, out);
        }
    }
    walk(rel, &toc.entries, files, &place, out);
    Some(toc)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    #[test]
    fn missing_targets_and_includes() {
        let body = format!(
            "{}\n\n![Schéma](media/missing.png) [ok](other.md) <user@example.com>\n\n[!INCLUDE[note](includes/missing.md)]\n\n[!INCLUDE[note](../../outside.md)]\n\n[site](/fr-FR/other) [home](/other.md#x) [gone](/product/gone)\n",
            pair(
                "abcde-102",
                "Voir [la page](absente.md).",
                "See [the page](absent.md)."
            )
        );
        let article = article("fr-FR/a.md", &format!("{HEAD}{body}"));
        let files: crate::discover::FileSet = ["fr-FR/a.md", "fr-FR/other.md"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut out = Vec::new();
        let target = article.document_with_origins(crate::read::Side::Target);
        check(
            &article,
            &target,
            crate::check::events_of(&target.0),
            &files,
            &mut out,
        );
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
                (Rule::LinkRootMissing, 13, None),
            ]
        );
    }

    #[test]
    fn tocs_are_checked() {
        let files: crate::discover::FileSet = ["fr-FR/a.md".to_string()].into_iter().collect();
        let mut out = Vec::new();
        let toc = check_toc(
            "fr-FR/TOC.yml",
            Ok("- name: A\n  href: a.md\n- name: B\n  href: b.md\n".into()),
            &files,
            &mut out,
        );
        assert_eq!(toc.map(|t| t.entries.len()), Some(2));
        let mut rooted = Vec::new();
        check_toc(
            "fr-FR/TOC.yml",
            Ok("- name: A\n  href: /a\n- name: B\n  href: /gone/page\n".into()),
            &files,
            &mut rooted,
        );
        let rules: Vec<Rule> = rooted.iter().map(|d| d.rule).collect();
        assert_eq!(rules, [Rule::LinkRootMissing], "{rooted:?}");
        assert_eq!(rooted[0].line, 4);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule, Rule::LinkTargetMissing);
        assert_eq!(out[0].line, 4);
        out.clear();
        assert!(check_toc("fr-FR/TOC.yml", Ok("- [\n".into()), &files, &mut out).is_none());
        assert!(
            check_toc(
                "fr-FR/TOC.yml",
                Err(crate::read::ReadError::Io("denied".into())),
                &files,
                &mut out
            )
            .is_none()
        );
        assert!(out.iter().all(|d| d.rule == Rule::TocInvalid) && out.len() == 2);
    }
}
