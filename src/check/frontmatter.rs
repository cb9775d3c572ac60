//! Rules of the "Front matter and locale" table.

use unic_langid::LanguageIdentifier;

use crate::diag::Diagnostic;
use crate::locale::{parse_tag, same_locale};
use crate::read::segments::TARGET_OPEN;
use crate::read::{Article, FrontMatter};
use crate::rules::Rule;

const TRANSLATED_HELP: &str = "the front matter was sent through translation: restore it from the source article; only the `title` value is translated, as plain text";

pub fn check(
    article: &Article,
    folder_tag: Option<&LanguageIdentifier>,
    out: &mut Vec<Diagnostic>,
) {
    let path = article.file.rel.as_str();
    let text = article.text.as_str();
    let lines = &article.lines;
    let first_line = lines.line_range(text, 0);
    match &article.front_matter {
        FrontMatter::Missing => {
            if !article.file.fragment {
                out.push(
                    Diagnostic::new(
                        Rule::FrontMatterMissing,
                        path,
                        "article has no front matter block",
                    )
                    .at(text, lines, first_line)
                    .help(
                        "start the file with a `---` line, `title: ...`, and a closing `---` line",
                    ),
                );
            }
        }
        FrontMatter::Unterminated { .. } => out.push(
            Diagnostic::new(
                Rule::FrontMatterInvalid,
                path,
                "the front matter block is never closed",
            )
            .at(text, lines, first_line)
            .help("end the front matter with a `---` line"),
        ),
        FrontMatter::Invalid {
            yaml,
            line,
            message,
        } => {
            let spans = text[yaml.clone()].find(TARGET_OPEN).map(|i| yaml.start + i);
            let offset = match (line, spans) {
                (Some(line), _) => line_start(article, *line),
                (None, Some(span)) => span,
                (None, None) => yaml.start,
            };
            let line_end = lines.line_range(text, offset).end;
            // The segment span YAML cannot read, else the line's text.
            let underline = match text[offset..line_end].find(TARGET_OPEN) {
                Some(at) => offset + at..offset + at + TARGET_OPEN.len(),
                None => {
                    let line = &text[offset..line_end];
                    let start = offset + (line.len() - line.trim_start().len());
                    start..(offset + line.trim_end().len()).max(start)
                }
            };
            let mut diagnostic = Diagnostic::new(
                Rule::FrontMatterInvalid,
                path,
                if spans.is_some() {
                    format!("front matter is not valid YAML ({message}): it holds segment spans")
                } else {
                    format!("front matter is not valid YAML: {message}")
                },
            )
            .at(text, lines, underline);
            if spans.is_some() {
                diagnostic = diagnostic.help(TRANSLATED_HELP);
            }
            out.push(diagnostic);
        }
        FrontMatter::Valid { yaml, .. } => {
            if let Some(span) = text[yaml.clone()].find(TARGET_OPEN) {
                let offset = yaml.start + span;
                out.push(
                    Diagnostic::new(
                        Rule::FrontMatterInvalid,
                        path,
                        "front matter holds segment spans",
                    )
                    .at(text, lines, offset..offset + TARGET_OPEN.len())
                    .help(TRANSLATED_HELP),
                );
            }
            check_keys(article, folder_tag, out);
        }
    }
}

fn line_start(article: &Article, zero_based_line: usize) -> usize {
    let mut offset = 0;
    for _ in 0..zero_based_line {
        match article.text[offset..].find('\n') {
            Some(i) => offset += i + 1,
            None => break,
        }
    }
    offset
}

fn check_keys(
    article: &Article,
    folder_tag: Option<&LanguageIdentifier>,
    out: &mut Vec<Diagnostic>,
) {
    let path = article.file.rel.as_str();
    let text = article.text.as_str();
    let lines = &article.lines;
    let first_line = lines.line_range(text, 0);
    let front_matter = &article.front_matter;

    if !article.file.fragment && front_matter.string("title").is_none() {
        let present = front_matter.map().is_some_and(|m| m.contains_key("title"));
        out.push(
            Diagnostic::new(
                Rule::FrontMatterKeyMissing,
                path,
                if present {
                    "`title` is empty"
                } else {
                    "front matter has no `title`"
                },
            )
            .at(text, lines, first_line.clone())
            .help("add `title: ...` with the article's translated title"),
        );
    }

    let Some(declared) = front_matter.string("ms.contentlocale") else {
        return;
    };
    match parse_tag(&declared) {
        None => out.push(
            Diagnostic::new(
                Rule::LocaleInvalid,
                path,
                format!("`ms.contentlocale: {declared}` is not a BCP 47 language tag"),
            )
            .at(text, lines, first_line)
            .help("use a tag such as `fr-FR`: language, `-`, region"),
        ),
        Some(tag) => {
            if let Some(folder) = folder_tag
                && !same_locale(folder, &tag)
            {
                // The key's line, looked for only when it is reported.
                let span = article
                    .front_matter_key("ms.contentlocale")
                    .map_or(first_line, |offset| {
                        offset..lines.line_range(text, offset).end
                    });
                out.push(
                    Diagnostic::new(
                        Rule::LocaleMismatch,
                        path,
                        format!("`ms.contentlocale` is `{declared}` but the article is in the `{folder}` folder"),
                    )
                    .at(text, lines, span)
                    .help(format!("move the file to the `{tag}` folder, or set `ms.contentlocale: {folder}`")),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    fn run(path: &str, text: &str) -> Vec<(Rule, u32)> {
        let article = article(path, text);
        let folder = parse_tag(path.split('/').next().unwrap());
        let mut out = Vec::new();
        check(&article, folder.as_ref(), &mut out);
        out.iter().map(|d| (d.rule, d.line)).collect()
    }

    #[test]
    fn a_good_head_passes() {
        assert_eq!(run("fr-FR/a.md", &format!("{HEAD}# T\n")), []);
    }

    #[test]
    fn missing_block() {
        assert_eq!(run("fr-FR/a.md", "# T\n"), [(Rule::FrontMatterMissing, 1)]);
        assert_eq!(run("fr-FR/includes/a.md", "# T\n"), []);
    }

    #[test]
    fn invalid_yaml_at_its_line() {
        let found = run("fr-FR/a.md", "---\ntitle: T\nms.custom: [a\nx: y\n---\n");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].0, Rule::FrontMatterInvalid);
        assert!((3..=5).contains(&found[0].1), "{found:?}");
        assert_eq!(
            run("fr-FR/a.md", "---\ntitle: T\n"),
            [(Rule::FrontMatterInvalid, 1)]
        );
        assert_eq!(
            run("fr-FR/a.md", "---\n- a\n---\n"),
            [(Rule::FrontMatterInvalid, 2)]
        );
    }

    #[test]
    fn translated_front_matter_says_so() {
        // The shape of troubleshoot-presence-issues-outlook.md in the corpus.
        let text = format!(
            "---\n{}\n- {}\n---\n# T\n",
            pair(
                "8ae12-101",
                "title: « T » ms.author: x author: y ms.custom: (",
                "title: \"T\" ms.author: x author: y ms.custom: ("
            ),
            pair("8ae12-102", "9257", "9257")
        );
        let article = article("fr-FR/a.md", &text);
        let mut out = Vec::new();
        check(&article, parse_tag("fr-FR").as_ref(), &mut out);
        assert_eq!(out.len(), 1, "{out:?}");
        assert_eq!(out[0].rule, Rule::FrontMatterInvalid);
        assert!(
            out[0].message.contains("segment spans"),
            "{}",
            out[0].message
        );
        assert!(out[0].help.as_deref().unwrap().contains("translation"));
    }

    #[test]
    fn title_missing_or_empty() {
        assert_eq!(
            run("fr-FR/a.md", "---\nms.contentlocale: fr-FR\n---\n"),
            [(Rule::FrontMatterKeyMissing, 1)]
        );
        assert_eq!(
            run("fr-FR/a.md", "---\ntitle: \"  \"\n---\n"),
            [(Rule::FrontMatterKeyMissing, 1)]
        );
    }

    #[test]
    fn locale_rules() {
        assert_eq!(
            run(
                "fr-FR/a.md",
                "---\ntitle: T\nms.contentlocale: fr_FR\n---\n"
            ),
            [(Rule::LocaleInvalid, 1)]
        );
        assert_eq!(
            run(
                "fr-FR/a.md",
                "---\ntitle: T\nauthor: x\nms.contentlocale: de-DE\n---\n"
            ),
            [(Rule::LocaleMismatch, 4)]
        );
        assert_eq!(
            run(
                "fr-FR/a.md",
                "---\ntitle: T\nms.contentlocale: FR-fr\n---\n"
            ),
            []
        );
    }
}
