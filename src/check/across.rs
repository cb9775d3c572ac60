//! Rules across the locales of one article (the "Across files" table):
//! `translation-stale` (a translation's English differs from the current
//! source article), `source-drift` (two locales were translated from
//! different versions of the English), `translation-missing` and
//! `translation-orphan`.
//!
//! The English a translation was made from is the document rebuilt from its
//! segments' sources. Documents are compared paragraph by paragraph, with
//! white space normalised, so a segment boundary that merely moved is not a
//! change; changed paragraphs are paired by a longest-common-subsequence
//! alignment and reported at the translation's line and segment.

use unic_langid::LanguageIdentifier;

use crate::diag::Diagnostic;
use crate::locale::same_locale;
use crate::read::{Article, Origin, Side, file_offset};
use crate::rules::Rule;

/// One locale's article of the family.
pub struct Member<'a> {
    /// The locale folder's name.
    pub locale: &'a str,
    pub tag: Option<&'a LanguageIdentifier>,
    pub article: &'a Article,
}

/// What the rules need to know of the content beyond the family.
pub struct Context<'a> {
    pub source_locale: &'a LanguageIdentifier,
    /// Whether a source-locale folder exists.
    pub source_folder: bool,
    /// Locale folders (names) other than the source's that hold articles.
    pub translated_locales: &'a [String],
}

/// Longer quotes in messages are cut to this many characters.
const QUOTE_CHARS: usize = 140;

pub fn check_family(members: &[Member], context: &Context) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let is_source = |m: &Member| m.tag.is_some_and(|t| same_locale(t, context.source_locale));
    let source = members.iter().find(|m| is_source(m));
    let translations: Vec<&Member> = members.iter().filter(|m| !is_source(m)).collect();
    match source {
        Some(source) => {
            let current = English::of(source.article, false);
            for member in &translations {
                if member.article.scan.segments.is_empty() {
                    continue; // not span-aligned: nothing to compare
                }
                let english = English::of(member.article, false);
                compare(
                    &english,
                    &current,
                    member,
                    &mut out,
                    &|ours, theirs| match (ours, theirs) {
                        (Some(ours), Some(theirs)) => (
                            Rule::TranslationStale,
                            format!(
                                "the English source of this passage changed since it was translated: it was “{}”, it is now “{}”",
                                quote(ours),
                                quote(theirs)
                            ),
                        ),
                        (Some(ours), None) => (
                            Rule::TranslationStale,
                            format!(
                                "this passage was removed from the English source: “{}”",
                                quote(ours)
                            ),
                        ),
                        (None, theirs) => (
                            Rule::TranslationStale,
                            format!(
                                "the English source has a new passage with no translation here: “{}”",
                                quote(theirs.unwrap_or_default())
                            ),
                        ),
                    },
                );
            }
            let present: Vec<&str> = members.iter().map(|m| m.locale).collect();
            for locale in context.translated_locales {
                if !present.contains(&locale.as_str()) {
                    out.push(
                        Diagnostic::new(
                            Rule::TranslationMissing,
                            source.article.file.rel.clone(),
                            format!("this article has no {locale} translation"),
                        )
                        .help(format!(
                            "hand it off to {locale}, or ignore: the {locale} site links to the English page"
                        )),
                    );
                }
            }
        }
        None if context.source_folder => {
            for member in &translations {
                out.push(
                    Diagnostic::new(
                        Rule::TranslationOrphan,
                        member.article.file.rel.clone(),
                        format!(
                            "no {} article at `{}/{}`: this translation has no source",
                            context.source_locale, context.source_locale, member.article.file.local
                        ),
                    )
                    .help("remove the translation, or restore (or rename) the source article"),
                );
            }
        }
        None => drift(&translations, &mut out),
    }
    out
}

/// Without a source article: members translated from another English than
/// the newest handoff's are reported, paragraph by paragraph.
fn drift(translations: &[&Member], out: &mut Vec<Diagnostic>) {
    let documents: Vec<(&Member, (String, Vec<Origin>))> = translations
        .iter()
        .filter(|m| !m.article.scan.segments.is_empty())
        .map(|m| (*m, m.article.document_with_origins(Side::Source)))
        .collect();
    // Most articles were translated from one English: the same rebuilt
    // document everywhere is no drift, and needs no paragraph comparison.
    if documents.len() < 2
        || documents
            .iter()
            .all(|(_, (document, _))| *document == documents[0].1.0)
    {
        return;
    }
    let aligned: Vec<(&Member, English)> = documents
        .into_iter()
        .map(|(member, document)| (member, English::from_document(document, true)))
        .collect();
    // The reference: the newest handoff; among equals, the version most
    // members share; then locale order.
    let count = |english: &English| {
        aligned
            .iter()
            .filter(|(_, other)| other.keys() == english.keys())
            .count()
    };
    let Some((reference, reference_english)) = aligned.iter().max_by(|a, b| {
        (handoff(a.0.article), count(&a.1))
            .cmp(&(handoff(b.0.article), count(&b.1)))
            .then_with(|| b.0.locale.cmp(a.0.locale))
    }) else {
        return;
    };
    let date = reference
        .article
        .front_matter
        .string("ms.lasthandoff")
        .map_or_else(String::new, |d| format!(", handed off {d}"));
    for (member, english) in &aligned {
        if english.keys() == reference_english.keys() {
            continue;
        }
        let locale = reference.locale;
        let first = out.len();
        compare(english, reference_english, member, out, &|ours, theirs| {
            let message = match (ours, theirs) {
                (Some(ours), Some(theirs)) => format!(
                    "translated from another version of the English than {locale}{date}: here “{ours}”, in {locale} “{theirs}”"
                ),
                (Some(ours), None) => format!(
                    "translated from an English passage {locale}{date} does not have: “{ours}”"
                ),
                (None, theirs) => format!(
                    "{locale}{date} was translated from an English passage this locale lacks: “{}”",
                    theirs.unwrap_or_default()
                ),
            };
            (Rule::SourceDrift, message)
        });
        merge_drift(out, first);
    }
}

/// `ms.lasthandoff` (`MM/DD/YYYY`) as (year, month, day).
pub fn handoff(article: &Article) -> Option<(u32, u32, u32)> {
    let date = article.front_matter.string("ms.lasthandoff")?;
    let mut parts = date.split('/').map(|p| p.trim().parse::<u32>().ok());
    let (month, day, year) = (parts.next()??, parts.next()??, parts.next()??);
    Some((year, month, day))
}

/// An English document as paragraphs: normalised text and where each
/// lies in the document.
struct English {
    paragraphs: Vec<Paragraph>,
    origins: Vec<Origin>,
}

struct Paragraph {
    /// The text, white space collapsed: what messages quote.
    shown: String,
    /// What is compared: see [`key`].
    key: String,
    /// Where it lies in the document.
    range: std::ops::Range<usize>,
}

/// A paragraph's text for comparison: white space collapsed; HTML comments
/// (`<!-- helpc-allow: … -->` among them, which are no part of the English)
/// and DocFX heading anchors (`<a name="x"></a>`, which localisation adds
/// to translated files) left out.
fn normalise(block: &str) -> String {
    let mut text = block.split_whitespace().collect::<Vec<_>>().join(" ");
    while let Some(start) = text.find("<!--") {
        let Some(length) = text[start..].find("-->") else {
            break;
        };
        text.replace_range(start..start + length + "-->".len(), "");
    }
    while let Some(start) = text.find("<a name=\"") {
        let Some(length) = text[start..].find("</a>") else {
            break;
        };
        let end = start + length + "</a>".len();
        let after = text[end..].trim_start().len();
        text.replace_range(start..text.len() - after, "");
    }
    text.trim().to_string()
}

/// A paragraph's comparison key: the words of `text` (markup and all
/// white space left out, so a link or a space that a segment boundary put
/// inside one locale's segment and outside another's is no change), then
/// the destinations of every link and image of the whole `block` (a changed
/// URL is a changed source), with their locale folded out (each locale's
/// links lead to its own language: `/de-de/` is the same page as `/en-us/`).
fn key(text: &str, block: &str) -> String {
    use pulldown_cmark::{Event, Parser, Tag};
    let mut key: String = crate::markdown::plain_text(text)
        .split_whitespace()
        .collect();
    for event in Parser::new_ext(block, crate::markdown::options()) {
        if let Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) = event {
            key.push('\u{1}');
            key.push_str(&super::urls::fold(&dest_url));
        }
    }
    key
}

impl English {
    /// With `segments_only`, a paragraph is the sources of its segments
    /// alone: text between segments (markup, and sometimes translated
    /// image text) is not English a translator was given.
    fn of(article: &Article, segments_only: bool) -> English {
        English::from_document(article.document_with_origins(Side::Source), segments_only)
    }

    fn from_document((document, origins): (String, Vec<Origin>), segments_only: bool) -> English {
        let mut paragraphs = Vec::new();
        let mut start = 0;
        for block in document.split("\n\n") {
            let lead = block.len() - block.trim_start().len();
            let range = start + lead..start + block.len();
            start += block.len() + 2;
            let text = if segments_only {
                let first = origins.partition_point(|o| o.document + o.len <= range.start);
                origins[first..]
                    .iter()
                    .take_while(|o| o.document < range.end)
                    .filter(|o| o.segment.is_some())
                    .filter_map(|o| document.get(o.document..o.document + o.len))
                    .collect::<Vec<_>>()
                    .join(" ")
            } else {
                block.to_string()
            };
            let shown = normalise(&text);
            if !shown.is_empty() {
                let key = key(&shown, block);
                paragraphs.push(Paragraph { shown, key, range });
            }
        }
        English {
            paragraphs,
            origins,
        }
    }

    fn keys(&self) -> Vec<&str> {
        self.paragraphs.iter().map(|p| p.key.as_str()).collect()
    }
}

/// Words a difference: (our passage, theirs) → rule and message.
type Describe<'a> = dyn Fn(Option<&str>, Option<&str>) -> (Rule, String) + 'a;

enum Step {
    /// The same paragraph: its index in ours.
    Same(usize),
    /// Paragraph of ours only.
    Ours(usize),
    /// Paragraph of theirs only.
    Theirs(usize),
}

/// An alignment of two paragraph lists: a shortest edit script (Myers's
/// algorithm, from `similar`), in linear space whatever the lengths.
fn align(ours: &[&str], theirs: &[&str]) -> Vec<Step> {
    use similar::DiffOp;
    let mut steps = Vec::with_capacity(ours.len().max(theirs.len()));
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, ours, theirs) {
        match op {
            DiffOp::Equal { old_index, len, .. } => {
                steps.extend((old_index..old_index + len).map(Step::Same));
            }
            DiffOp::Delete {
                old_index, old_len, ..
            } => steps.extend((old_index..old_index + old_len).map(Step::Ours)),
            DiffOp::Insert {
                new_index, new_len, ..
            } => steps.extend((new_index..new_index + new_len).map(Step::Theirs)),
            DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                steps.extend((new_index..new_index + new_len).map(Step::Theirs));
                steps.extend((old_index..old_index + old_len).map(Step::Ours));
            }
        }
    }
    steps
}

/// Reports each difference of `ours` (the member's English) against
/// `theirs`: replaced paragraphs in pairs, then what is left on either side.
fn compare(
    ours: &English,
    theirs: &English,
    member: &Member,
    out: &mut Vec<Diagnostic>,
    describe: &Describe<'_>,
) {
    let (a, b) = (ours.keys(), theirs.keys());
    if a == b {
        return;
    }
    let steps = align(&a, &b);
    let (a, b) = (
        ours.paragraphs
            .iter()
            .map(|p| p.shown.as_str())
            .collect::<Vec<_>>(),
        theirs
            .paragraphs
            .iter()
            .map(|p| p.shown.as_str())
            .collect::<Vec<_>>(),
    );
    let article = member.article;
    // Where a passage of ours is: its line and segment in the member's file.
    let place = |paragraph: Option<usize>, rule: Rule, message: String| {
        let range = paragraph.map_or(0..0, |p| ours.paragraphs[p].range.clone());
        let mut diagnostic = Diagnostic::new(rule, article.file.rel.clone(), message);
        // The paragraph's first segment, if it has one (a list marker or an
        // anchor may come before it).
        let first = ours
            .origins
            .partition_point(|o| o.document + o.len <= range.start);
        let segment = ours.origins[first..]
            .iter()
            .take_while(|o| o.document < range.end)
            .find_map(|o| o.segment);
        match file_offset(&ours.origins, range.start) {
            Some((file_at, _)) => {
                // At the segment's line: a comment or anchor line may open the paragraph.
                let segment = segment.map(|index| &article.scan.segments[index]);
                let at = segment.map_or(file_at, |s| s.start);
                diagnostic = diagnostic.line(article.lines.locate(&article.text, at).line);
                if let Some(segment) = segment {
                    diagnostic = diagnostic.segment(article.id(segment));
                }
            }
            None => {
                diagnostic = diagnostic.line(article.lines.locate(&article.text, article.body).line)
            }
        }
        diagnostic
    };
    let mut index = 0;
    let mut last_ours = None;
    while index < steps.len() {
        if let Step::Same(i) = steps[index] {
            last_ours = Some(i);
            index += 1;
            continue;
        }
        // A run of differences: pair ours with theirs in order.
        let mut run_ours = Vec::new();
        let mut run_theirs = Vec::new();
        while index < steps.len() {
            match steps[index] {
                Step::Ours(i) => run_ours.push(i),
                Step::Theirs(j) => run_theirs.push(j),
                Step::Same(_) => break,
            }
            index += 1;
        }
        for k in 0..run_ours.len().max(run_theirs.len()) {
            let mine = run_ours.get(k).map(|&i| a[i]);
            let other = run_theirs.get(k).map(|&j| b[j]);
            // Replaced paragraphs are quoted around where they differ.
            let (mine, other) = match (mine, other) {
                // The same words: a link of the paragraph leads elsewhere.
                (Some(x), Some(y)) if x == y => {
                    let (x, y) = link_difference(
                        &ours.paragraphs[run_ours[k]].key,
                        &theirs.paragraphs[run_theirs[k]].key,
                    );
                    (Some(x), Some(y))
                }
                (Some(x), Some(y)) => {
                    let (x, y) = difference(x, y);
                    (Some(x), Some(y))
                }
                (x, y) => (x.map(quote), y.map(quote)),
            };
            let (rule, message) = describe(mine.as_deref(), other.as_deref());
            // A passage only theirs goes after the last of ours before it.
            let at = run_ours.get(k).or(run_ours.last()).copied().or(last_ours);
            out.push(place(at, rule, message).help(match rule {
                Rule::SourceDrift => "hand the current English off to this locale again",
                _ => "update the translation of this passage (helpc handoff carries over the rest)",
            }));
        }
        last_ours = run_ours.last().copied().or(last_ours);
    }
}

/// One `source-drift` per article: the article was translated from another
/// English, and the remedy (a new handoff) is one. The first passage is
/// quoted; the others' lines are listed.
fn merge_drift(out: &mut Vec<Diagnostic>, first: usize) {
    let drifted: Vec<usize> = (first..out.len())
        .filter(|&i| out[i].rule == Rule::SourceDrift)
        .collect();
    let Some((&keep, rest)) = drifted.split_first() else {
        return;
    };
    if rest.is_empty() {
        return;
    }
    let mut lines: Vec<u32> = rest.iter().map(|&i| out[i].line).collect();
    lines.dedup();
    let shown: Vec<String> = lines.iter().take(8).map(u32::to_string).collect();
    let more = if lines.len() > 8 { ", …" } else { "" };
    let (plural, verb) = if rest.len() == 1 {
        ("", "differs")
    } else {
        ("s", "differ")
    };
    out[keep].message.push_str(&format!(
        "; {} more passage{plural} {verb} (line{} {}{more})",
        rest.len(),
        if lines.len() == 1 { "" } else { "s" },
        shown.join(", "),
    ));
    for &i in rest.iter().rev() {
        out.remove(i);
    }
}

/// Two paragraph keys with the same words: the first link destination
/// that differs, on each side (folded, as compared).
fn link_difference(a: &str, b: &str) -> (String, String) {
    let links = |key: &str| {
        key.split('\u{1}')
            .skip(1)
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let (ours, theirs) = (links(a), links(b));
    let describe = |link: Option<&String>| match link {
        Some(link) => quote(link),
        None => "no link".to_string(),
    };
    for i in 0..ours.len().max(theirs.len()) {
        if ours.get(i) != theirs.get(i) {
            return (describe(ours.get(i)), describe(theirs.get(i)));
        }
    }
    (describe(None), describe(None))
}

/// Context kept before the first difference, in characters.
const CONTEXT_CHARS: usize = 30;

/// The two texts from a little before where they start to differ to a
/// little after where they stop: a readable diff of one paragraph.
fn difference(a: &str, b: &str) -> (String, String) {
    let prefix = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let prefix = floor_boundary(a, prefix).min(floor_boundary(b, prefix));
    let suffix = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    let cut = |text: &str| {
        let start = text[..prefix]
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS)
            .map_or(0, |(i, _)| i);
        // Start at a word.
        let start = match text[start..prefix].find(' ') {
            Some(space) if start > 0 => start + space + 1,
            _ => start,
        };
        let end = text.len() - suffix;
        let tail = text[end..].chars().take(CONTEXT_CHARS).collect::<String>();
        let mut shown = String::new();
        if start > 0 {
            shown.push('…');
        }
        shown.push_str(&quote(&text[start..end]));
        shown.push_str(&tail);
        if end + tail.len() < text.len() {
            shown.push('…');
        }
        shown
    };
    (cut(a), cut(b))
}

fn floor_boundary(text: &str, at: usize) -> usize {
    crate::source::floor_char_boundary(text, at.min(text.len()))
}

fn quote(text: &str) -> String {
    match text.char_indices().nth(QUOTE_CHARS) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::ContentFile;

    fn article(rel: &str, text: &str) -> Article {
        let (locale, local) = rel.split_once('/').unwrap();
        crate::read::parse(
            ContentFile {
                abs: rel.into(),
                rel: rel.into(),
                local: local.into(),
                fragment: false,
            },
            text.replace("LOCALE", locale).into_bytes(),
        )
        .unwrap()
    }

    fn pair(id: &str, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
        )
    }

    fn translated(rel: &str, handoff: &str, sources: &[&str]) -> Article {
        let mut text =
            format!("---\ntitle: T\nms.contentlocale: LOCALE\nms.lasthandoff: {handoff}\n---\n");
        for (n, source) in sources.iter().enumerate() {
            text.push_str(&pair(
                &format!("abcde-{}", 101 + n),
                &format!("Cible {n}."),
                source,
            ));
            text.push_str("\n\n");
        }
        article(rel, &text)
    }

    fn tag(s: &str) -> LanguageIdentifier {
        s.parse().unwrap()
    }

    #[test]
    fn stale_segments_are_reported_at_their_line() {
        let en = tag("en-US");
        let fr = tag("fr-FR");
        let source = article(
            "en-US/a.md",
            "---\ntitle: T\n---\nFirst sentence.\n\nSecond sentence, reworded.\n\nA new third one.\n",
        );
        let translation = translated(
            "fr-FR/a.md",
            "05/19/2021",
            &["First sentence.", "Second sentence."],
        );
        let members = [
            Member {
                locale: "en-US",
                tag: Some(&en),
                article: &source,
            },
            Member {
                locale: "fr-FR",
                tag: Some(&fr),
                article: &translation,
            },
        ];
        let locales = vec!["fr-FR".to_string(), "ja-JP".to_string()];
        let context = Context {
            source_locale: &en,
            source_folder: true,
            translated_locales: &locales,
        };
        let found = check_family(&members, &context);
        let stale: Vec<(u32, Option<&str>)> = found
            .iter()
            .filter(|d| d.rule == Rule::TranslationStale)
            .map(|d| (d.line, d.segment.as_deref()))
            .collect();
        assert_eq!(
            stale,
            [(8, Some("abcde-102")), (8, Some("abcde-102"))],
            "{found:#?}"
        );
        assert!(found[0].message.contains("Second sentence, reworded."));
        assert!(found[1].message.contains("A new third one."));
        let missing: Vec<&str> = found
            .iter()
            .filter(|d| d.rule == Rule::TranslationMissing)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(missing, ["this article has no ja-JP translation"]);
    }

    #[test]
    fn comments_are_no_part_of_the_english() {
        assert_eq!(
            normalise("<!-- helpc-allow: untranslated -->Turn   it on.<!-- x -->"),
            "Turn it on."
        );
        assert_eq!(normalise("<!-- only a comment -->"), "");
    }

    #[test]
    fn moved_boundaries_are_not_drift_but_other_english_is() {
        let fr = tag("fr-FR");
        let ja = tag("ja-JP");
        let ar = tag("ar-SA");
        let en = tag("en-US");
        // ja cuts the same English into other segments: not drift.
        let newer = translated("fr-FR/a.md", "05/19/2021", &["One. Two.", "Three."]);
        let same = translated("ja-JP/a.md", "05/19/2021", &["One.", "Two.", "Three."]);
        let same = article(
            "ja-JP/a.md",
            &same.text.replace(
                "</span></span>\n\n<span data-ttu-id=\"abcde-102\"",
                "</span></span> <span data-ttu-id=\"abcde-102\"",
            ),
        );
        let older = translated("ar-SA/a.md", "01/02/2020", &["One. Two.", "Old three."]);
        let members = [
            Member {
                locale: "ar-SA",
                tag: Some(&ar),
                article: &older,
            },
            Member {
                locale: "fr-FR",
                tag: Some(&fr),
                article: &newer,
            },
            Member {
                locale: "ja-JP",
                tag: Some(&ja),
                article: &same,
            },
        ];
        let context = Context {
            source_locale: &en,
            source_folder: false,
            translated_locales: &[],
        };
        let found = check_family(&members, &context);
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!(found[0].rule, Rule::SourceDrift);
        assert_eq!(found[0].path, "ar-SA/a.md");
        assert_eq!(found[0].segment.as_deref(), Some("abcde-102"));
        assert!(found[0].message.contains("Old three.") && found[0].message.contains("Three."));
    }

    #[test]
    fn localised_urls_are_no_drift_and_changed_ones_are_quoted() {
        let (fr, ja, en) = (tag("fr-FR"), tag("ja-JP"), tag("en-US"));
        let context = Context {
            source_locale: &en,
            source_folder: false,
            translated_locales: &[],
        };
        let run = |ours: &str, theirs: &str| {
            let a = translated("fr-FR/a.md", "05/19/2021", &["Intro.", ours]);
            let b = translated("ja-JP/a.md", "05/19/2021", &["Intro.", theirs]);
            let members = [
                Member {
                    locale: "fr-FR",
                    tag: Some(&fr),
                    article: &a,
                },
                Member {
                    locale: "ja-JP",
                    tag: Some(&ja),
                    article: &b,
                },
            ];
            check_family(&members, &context)
        };
        let found = run(
            "See [help](https://Support.Office.com/fr-FR/article/x?ui=fr-FR&rs=fr-FR&ad=FR).",
            "See [help](https://support.office.com/en-us/article/x?ui=en-US&rs=en-US&ad=US).",
        );
        assert!(found.is_empty(), "{found:#?}");
        let found = run(
            "See [help](https://support.office.com/article/old).",
            "See [help](https://support.office.com/article/new).",
        );
        assert_eq!(found.len(), 1, "{found:#?}");
        let message = &found[0].message;
        assert!(
            message.contains("article/old") && message.contains("article/new"),
            "{message}"
        );
    }

    #[test]
    fn differences_are_quoted_where_they_are() {
        let (a, b) = difference(
            "Microsoft Edge is released in four channels that control how often the browser is updated; see the old page.",
            "Microsoft Edge is released in four channels that control how often the browser is updated; see the new page.",
        );
        assert_eq!(a, "…browser is updated; see the old page.");
        assert_eq!(b, "…browser is updated; see the new page.");
        assert_eq!(
            normalise("## <a name=\"x\"></a>Title\n  text"),
            "## Title text"
        );
    }

    #[test]
    fn orphans_when_the_source_folder_exists() {
        let en = tag("en-US");
        let fr = tag("fr-FR");
        let translation = translated("fr-FR/a.md", "05/19/2021", &["One."]);
        let members = [Member {
            locale: "fr-FR",
            tag: Some(&fr),
            article: &translation,
        }];
        let with = Context {
            source_locale: &en,
            source_folder: true,
            translated_locales: &[],
        };
        let found = check_family(&members, &with);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule, Rule::TranslationOrphan);
        let without = Context {
            source_locale: &en,
            source_folder: false,
            translated_locales: &[],
        };
        assert!(check_family(&members, &without).is_empty());
    }
}
