//! `markup-unbalanced`: HTML tags that do not balance within their block.
//! Checked on the assembled documents, so a tag opened in one segment and
//! closed in the next (or in the text between) balances, as it does on the
//! page; a stray `</span>` inside one sentence does not.

use super::inline::{VOID_ELEMENTS, tags_in};
use crate::diag::Diagnostic;
use crate::read::{Article, Origin, Side, file_offset};
use crate::rules::Rule;

/// A tag that does not balance: its offset in the document, and the tag.
struct Unbalanced {
    at: usize,
    tag: String,
    stray_close: bool,
}

/// `target`: the article's target document with its origins, made once by the caller.
pub fn check(article: &Article, target: &(String, Vec<Origin>), out: &mut Vec<Diagnostic>) {
    // Broken segment markup is reported by the structure rules; its
    // leftovers are not content tags.
    let broken = !article.scan.strays.is_empty()
        || article
            .scan
            .segments
            .iter()
            .any(|s| s.shape != crate::read::Shape::Paired);
    if broken {
        return;
    }
    let mut reported_segments = Vec::new();
    let source = article.document_with_origins(Side::Source);
    for (side, (document, origins)) in [(Side::Target, target), (Side::Source, &source)] {
        for problem in unbalanced(document) {
            let Some((offset, segment)) = file_offset(origins, problem.at) else {
                continue;
            };
            // One report per segment: the target's, or else the source's.
            if segment.is_some() && reported_segments.contains(&segment) {
                continue;
            }
            if segment.is_none() && side == Side::Source {
                continue; // text between segments was checked with the target
            }
            reported_segments.push(segment);
            let which = match (segment, side) {
                (None, _) => "the text",
                (Some(_), Side::Target) => "the target",
                (Some(_), Side::Source) => "the source",
            };
            let message = if problem.stray_close {
                format!(
                    "`{}` in {which} closes a tag that was never opened",
                    problem.tag
                )
            } else {
                format!("`{}` in {which} is never closed", problem.tag)
            };
            let mut diagnostic =
                Diagnostic::new(Rule::MarkupUnbalanced, article.file.rel.clone(), message)
                    .at(
                        &article.text,
                        &article.lines,
                        offset..offset + problem.tag.len(),
                    )
                    .help(if problem.stray_close {
                        "remove the stray closing tag; the page would come out broken"
                    } else {
                        "close the tag in the same paragraph, or remove it"
                    });
            if let Some(index) = segment {
                let segment = &article.scan.segments[index];
                diagnostic = diagnostic
                    .line(article.lines.locate(&article.text, segment.start).line)
                    .segment(article.id(segment));
            }
            out.push(diagnostic);
        }
    }
}

/// Tags that do not balance, block by block (a blank line ends a block),
/// outside fenced code and inline code.
fn unbalanced(document: &str) -> Vec<Unbalanced> {
    let mut problems = Vec::new();
    let mut open: Vec<(usize, String)> = Vec::new();
    let mut fence: Option<String> = None;
    let mut offset = 0;
    for line in document.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let trimmed = line.trim_start();
        if let Some(marker) = &fence {
            if trimmed.starts_with(marker.as_str()) {
                fence = None;
            }
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(trimmed[..3].to_string());
            continue;
        }
        if trimmed.trim().is_empty() {
            close_block(&mut open, &mut problems);
            continue;
        }
        scan_line(line, start, &mut open, &mut problems);
    }
    close_block(&mut open, &mut problems);
    problems.sort_by_key(|p| p.at);
    problems
}

fn close_block(open: &mut Vec<(usize, String)>, problems: &mut Vec<Unbalanced>) {
    for (at, name) in open.drain(..) {
        problems.push(Unbalanced {
            at,
            tag: format!("<{name}>"),
            stray_close: false,
        });
    }
}

fn scan_line(
    line: &str,
    base: usize,
    open: &mut Vec<(usize, String)>,
    problems: &mut Vec<Unbalanced>,
) {
    let bytes = line.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'`' => {
                // Skip an inline code span: a run of backticks up to the same run.
                let run = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                let fence = &line[i..i + run];
                match line[i + run..].find(fence) {
                    Some(end) => i += run + end + run,
                    None => i += run,
                }
            }
            b'\\' => i += 2,
            b'<' => {
                let end = line[i..].find('>').map_or(line.len(), |e| i + e + 1);
                for tag in tags_in(&line[i..end]) {
                    if tag.pseudo || tag.self_closing || VOID_ELEMENTS.contains(&tag.name.as_str())
                    {
                        continue;
                    }
                    if tag.closing {
                        match open.iter().rposition(|(_, name)| *name == tag.name) {
                            Some(position) => {
                                // Elements left open inside it are unclosed.
                                for (at, name) in open.drain(position..).skip(1) {
                                    problems.push(Unbalanced {
                                        at,
                                        tag: format!("<{name}>"),
                                        stray_close: false,
                                    });
                                }
                            }
                            None => problems.push(Unbalanced {
                                at: base + i,
                                tag: format!("</{}>", tag.name),
                                stray_close: true,
                            }),
                        }
                    } else {
                        open.push((base + i, tag.name));
                    }
                }
                i = end.max(i + 1);
            }
            // Nothing else matters: jump to the next byte that does.
            _ => {
                i = memchr::memchr3(b'`', b'\\', b'<', &bytes[i..]).map_or(bytes.len(), |at| i + at)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    fn run(body: &str) -> Vec<(Rule, Option<String>, String)> {
        let article = article("fr-FR/a.md", &format!("{HEAD}{body}"));
        let mut out = Vec::new();
        let target = article.document_with_origins(Side::Target);
        check(&article, &target, &mut out);
        out.into_iter()
            .map(|d| (d.rule, d.segment, d.message))
            .collect()
    }

    #[test]
    fn a_stray_closing_tag_is_reported_once() {
        // outlook-com-setting-changes.md, segment baff7-112, in every locale.
        let found = run(&format!(
            "- {}\n",
            pair(
                "baff7-112",
                "fournies </span> dans cet [article](u).",
                "instructions</span> found in this [article](u)."
            )
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].1.as_deref(), Some("baff7-112"));
        assert!(
            found[0].2.contains("`</span>` in the target"),
            "{}",
            found[0].2
        );
    }

    #[test]
    fn tags_balanced_across_segments_or_code_pass() {
        let body = format!(
            "{} {}\n\n`<b>` and ```</i>```\n\n```html\n<div>\n```\n\n<br> <img src=x> <app>\n",
            pair("abcde-102", "<b>Gras", "<b>Bold"),
            pair("abcde-103", "fin</b>.", "end</b>.")
        );
        assert_eq!(run(&body), []);
    }

    #[test]
    fn an_unclosed_tag_in_the_target_only() {
        let found = run(&format!(
            "{}\n\nNext.\n",
            pair("abcde-102", "<b>Gras", "<b>Bold</b>")
        ));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].2.contains("`<b>` in the target is never closed"));
    }
}
