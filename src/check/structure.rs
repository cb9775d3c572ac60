//! Rules of the "Segment structure" table.

use foldhash::HashSet;

use crate::diag::Diagnostic;
use crate::read::segments::{SOURCE_OPEN, TARGET_OPEN};
use crate::read::{Article, Segment, Shape, Stray};
use crate::rules::Rule;

/// A well-formed id, split: `(prefix, merged paragraph?, number)`.
pub fn parse_id(id: &str) -> Option<(&str, bool, u64)> {
    let (prefix, rest) = id.split_once('-')?;
    let hex = prefix.len() == 5
        && prefix
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    let (merged, digits) = match rest.strip_prefix('p') {
        Some(digits) => (true, digits),
        None => (false, rest),
    };
    let number_ok = !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit());
    if !hex || !number_ok {
        return None;
    }
    Some((prefix, merged, digits.parse().unwrap_or(u64::MAX)))
}

pub fn check(article: &Article, out: &mut Vec<Diagnostic>) {
    let mut seen: HashSet<&str> = HashSet::default();
    let mut first_prefix: Option<&str> = None;
    let mut prefix_reported = false;
    let mut last_plain: Option<(u64, &str)> = None;

    for segment in &article.scan.segments {
        let id = article.id(segment);
        let at = |rule: Rule, message: String, span: std::ops::Range<usize>| {
            Diagnostic::new(rule, article.file.rel.clone(), message)
                .at(&article.text, &article.lines, span)
                .segment(id)
        };
        let marker = segment.start..segment.start + TARGET_OPEN.len() + id.len() + 2;

        out.extend(shape(article, segment, id, &marker));

        let well_formed = parse_id(id);
        if well_formed.is_none() {
            out.push(
                at(
                    Rule::IdMalformed,
                    format!("segment id `{id}` is not five hex digits, `-`, and a number"),
                    segment.id.clone(),
                )
                .help("ids look like `5f5d2-103` or `5f5d2-p104`"),
            );
        }
        if let Some(source) = &segment.source {
            let source_id = &article.text[source.id.clone()];
            if source_id != id {
                out.push(
                    at(
                        Rule::IdMismatch,
                        format!("target id `{id}` is paired with source id `{source_id}`"),
                        source.id.clone(),
                    )
                    .help("a target and its source carry the same id; check that the segments were not reordered"),
                );
                if parse_id(source_id).is_none() {
                    out.push(at(
                        Rule::IdMalformed,
                        format!(
                            "segment id `{source_id}` is not five hex digits, `-`, and a number"
                        ),
                        source.id.clone(),
                    ));
                }
            }
        }

        let duplicate = !seen.insert(id);
        if duplicate {
            out.push(
                at(
                    Rule::IdDuplicate,
                    format!("segment id `{id}` is used by an earlier segment of this file"),
                    segment.id.clone(),
                )
                .help("every segment of a file needs its own id"),
            );
        }

        if let Some((prefix, merged, number)) = well_formed {
            match first_prefix {
                None => first_prefix = Some(prefix),
                Some(first) if first != prefix && !prefix_reported => {
                    prefix_reported = true;
                    out.push(
                        at(
                            Rule::PrefixMixed,
                            format!("segment `{id}` has prefix `{prefix}`, but this file's segments use `{first}`"),
                            segment.id.clone(),
                        )
                        .help("segments pasted from another file keep that file's prefix"),
                    );
                }
                Some(_) => {}
            }
            // A duplicate id is reported as such, not also as out of order.
            if !merged && !duplicate {
                if let Some((previous, previous_id)) = last_plain
                    && number <= previous
                {
                    out.push(
                        at(
                            Rule::IdOrder,
                            format!("segment `{id}` comes after `{previous_id}`: plain numbers should rise"),
                            segment.id.clone(),
                        )
                        .help("segments may have been moved; numbers are how locales are aligned"),
                    );
                }
                last_plain = Some((number, id));
            }
        }

        check_empty(article, segment, id, marker, out);
    }

    strays(article, out);
}

/// A segment's shape problem: no source span, or a span left open.
fn shape(
    article: &Article,
    segment: &Segment,
    id: &str,
    marker: &std::ops::Range<usize>,
) -> Option<Diagnostic> {
    let at = |rule: Rule, message: String, span: std::ops::Range<usize>| {
        Diagnostic::new(rule, article.file.rel.clone(), message)
            .at(&article.text, &article.lines, span)
            .segment(id)
    };
    match segment.shape {
        Shape::Paired => None,
        Shape::Unpaired => Some(
            at(
                Rule::UnpairedTarget,
                format!("segment `{id}` has a target span but no source span after it"),
                marker.clone(),
            )
            .help(format!(
                "add `<span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">SOURCE</span></span>` right after the target span"
            )),
        ),
        Shape::TargetUnclosed => Some(
            at(
                Rule::SpanUnclosed,
                format!(
                    "the target span of segment `{id}` is not closed before {}",
                    limit_name(article, segment.end)
                ),
                marker.clone(),
            )
            .help("close the target with `</span>` followed by its source span"),
        ),
        Shape::SourceUnclosed => {
            let source_at = segment
                .source
                .as_ref()
                .map_or(segment.target.end, |s| s.id.start);
            Some(
                at(
                    Rule::SpanUnclosed,
                    format!(
                        "the source span of segment `{id}` is not closed before {}",
                        limit_name(article, segment.end)
                    ),
                    marker.clone(),
                )
                .help(format!(
                    "close the source with `</span></span>` (the source starts at column {})",
                    article.lines.locate(&article.text, source_at).column
                )),
            )
        }
    }
}

/// Source spans with no target, and segment openings cut off.
fn strays(article: &Article, out: &mut Vec<Diagnostic>) {
    for stray in &article.scan.strays {
        out.push(match stray {
            Stray::OrphanSource { at, id } => {
                let id_text = &article.text[id.clone()];
                let mut d = Diagnostic::new(
                    Rule::UnpairedSource,
                    article.file.rel.clone(),
                    format!("source span `{id_text}` has no target span right before it"),
                )
                .at(&article.text, &article.lines, at.clone())
                .help("restore the target span `<span data-ttu-id=\"ID\">TARGET</span>` directly before it");
                if !id_text.is_empty() {
                    d = d.segment(id_text);
                }
                d
            }
            Stray::CutOpening { at } => Diagnostic::new(
                Rule::SpanUnclosed,
                article.file.rel.clone(),
                "a segment's opening tag is cut off: `<span data-ttu-id=\"ID\">` is incomplete",
            )
            .at(&article.text, &article.lines, at.clone())
            .help("complete the tag as `<span data-ttu-id=\"ID\">`"),
        });
    }
}

fn check_empty(
    article: &Article,
    segment: &Segment,
    id: &str,
    marker: std::ops::Range<usize>,
    out: &mut Vec<Diagnostic>,
) {
    let empty_target =
        article.target(segment).trim().is_empty() && segment.shape != Shape::TargetUnclosed;
    let empty_source = segment.shape == Shape::Paired
        && article.source(segment).is_some_and(|s| s.trim().is_empty());
    let which = match (empty_target, empty_source) {
        (true, true) => "target and source are",
        (true, false) => "target is",
        (false, true) => "source is",
        (false, false) => return,
    };
    out.push(
        Diagnostic::new(
            Rule::SegmentEmpty,
            article.file.rel.clone(),
            format!("segment `{id}`: {which} empty"),
        )
        .at(&article.text, &article.lines, marker)
        .segment(id)
        .help("restore the sentence, or remove the whole segment"),
    );
}

/// What stopped the search for a closing tag at `end`.
fn limit_name(article: &Article, end: usize) -> &'static str {
    let rest = &article.text[end.min(article.text.len())..];
    if rest.is_empty() {
        "the end of the file"
    } else if rest.starts_with(TARGET_OPEN) {
        "the next segment starts"
    } else if rest.starts_with(SOURCE_OPEN) {
        "another source span starts"
    } else {
        "the paragraph ends"
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    fn run(body: &str) -> Vec<(Rule, u32, Option<String>)> {
        let article = article("fr-FR/a.md", &format!("{HEAD}{body}"));
        let mut out = Vec::new();
        check(&article, &mut out);
        out.into_iter()
            .map(|d| (d.rule, d.line, d.segment))
            .collect()
    }

    fn seg(id: &str) -> Option<String> {
        Some(id.to_string())
    }

    #[test]
    fn ids() {
        assert_eq!(parse_id("5f5d2-103"), Some(("5f5d2", false, 103)));
        assert_eq!(parse_id("5f5d2-p104"), Some(("5f5d2", true, 104)));
        for bad in [
            "5F5D2-103",
            "5f5d-103",
            "5f5d2-",
            "5f5d2-1a",
            "5f5d2103",
            "5f5d2-p",
            "g5f5d-1",
        ] {
            assert_eq!(parse_id(bad), None, "{bad}");
        }
    }

    #[test]
    fn clean_segments_pass() {
        let body = format!(
            "# {}\n\n{} {}\n\n{}\n",
            pair("abcde-102", "a", "a"),
            pair("abcde-103", "b", "b"),
            pair("abcde-p105", "c", "c"),
            pair("abcde-107", "d", "d")
        );
        assert_eq!(run(&body), []);
    }

    #[test]
    fn pairing_faults_at_their_lines() {
        let body = format!(
            "{}\n\n<span data-ttu-id=\"abcde-103\">seul</span>\n\n<span class=\"sxs-lookup\"><span data-stu-id=\"abcde-104\">alone</span></span>\n",
            pair("abcde-102", "a", "a")
        );
        // HEAD has 4 lines: the body starts on line 5.
        assert_eq!(
            run(&body),
            [
                (Rule::UnpairedTarget, 7, seg("abcde-103")),
                (Rule::UnpairedSource, 9, seg("abcde-104")),
            ]
        );
    }

    #[test]
    fn id_faults() {
        let body = format!(
            "{} {} {} {} {}\n",
            pair("abcde-105", "a", "a"),
            pair("abcde-104", "b", "b"),
            pair("abcde-104", "c", "c"),
            pair("12345-106", "d", "d"),
            pair("ABCDE-107", "e", "e"),
        );
        let found: Vec<_> = run(&body).into_iter().map(|(r, l, _)| (r, l)).collect();
        assert_eq!(
            found,
            [
                (Rule::IdOrder, 5),
                (Rule::IdDuplicate, 5),
                (Rule::PrefixMixed, 5),
                (Rule::IdMalformed, 5),
            ]
        );
        let mismatch = "<span data-ttu-id=\"abcde-1\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-2\">a</span></span>\n";
        assert_eq!(run(mismatch), [(Rule::IdMismatch, 5, seg("abcde-1"))]);
    }

    #[test]
    fn unclosed_and_empty() {
        let body = "<span data-ttu-id=\"abcde-1\">a\n\nnext\n";
        assert_eq!(run(body), [(Rule::SpanUnclosed, 5, seg("abcde-1"))]);
        let body = "x\n<span data-ttu-id=\"abcde-1\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-1\">a";
        assert_eq!(run(body), [(Rule::SpanUnclosed, 6, seg("abcde-1"))]);
        assert_eq!(
            run("<span data-ttu-id=\"abc"),
            [(Rule::SpanUnclosed, 5, None)]
        );
        let body = format!("{}\n", pair("abcde-1", " ", "a"));
        assert_eq!(run(&body), [(Rule::SegmentEmpty, 5, seg("abcde-1"))]);
    }

    #[test]
    fn a_stray_closing_tag_is_not_a_structure_error() {
        let body = format!(
            "- {}\n",
            pair(
                "baff7-112",
                "fournies </span> dans cet [article](u).",
                "instructions</span> found in this [article](u)."
            )
        );
        assert_eq!(run(&body), []);
    }
}
