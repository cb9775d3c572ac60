//! Where a segment's fault is, for the underline: the bytes of the target
//! that are wrong, or, when the fault is what the target lacks, the bytes of
//! the source that it lacks.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::render::markdown::options;

/// The fault's bytes, relative to the segment's target or source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Place {
    Target(Range<usize>),
    Source(Range<usize>),
}

/// `needle` in `haystack` as an item: a number is not found inside a
/// longer number (`1` in `10`), a word not inside a longer ASCII word.
pub fn find_item(haystack: &str, needle: &str) -> Option<Range<usize>> {
    if needle.is_empty() {
        return None;
    }
    let glued = |c: Option<char>, edge: Option<char>| match (c, edge) {
        (Some(c), Some(e)) if e.is_ascii_digit() => c.is_ascii_digit(),
        (Some(c), Some(e)) if e.is_ascii_alphanumeric() => c.is_ascii_alphanumeric(),
        _ => false,
    };
    let first = needle.chars().next();
    let last = needle.chars().next_back();
    let mut fallback = None;
    for (at, _) in haystack.match_indices(needle) {
        let range = at..at + needle.len();
        let before = haystack[..at].chars().next_back();
        let after = haystack[range.end..].chars().next();
        if !glued(before, first) && !glued(after, last) {
            return Some(range);
        }
        fallback.get_or_insert(range);
    }
    fallback.or_else(|| find_escaped_slowly(haystack, needle))
}

/// `plain` (text read from Markdown, its backslash escapes gone) in `raw`,
/// the text as written: each character may be written escaped there
/// (`\<username \>` is read `\<username >`).
pub fn find_escaped(raw: &str, plain: &str) -> Option<Range<usize>> {
    if plain.is_empty() {
        return None;
    }
    match raw.find(plain) {
        Some(at) => Some(at..at + plain.len()),
        None => find_escaped_slowly(raw, plain),
    }
}

/// [`find_escaped`] where `plain` is not written as it is: tried at every
/// start, so only for items of a bounded length (a hostile kilobyte-long
/// item is underlined as its whole segment instead).
fn find_escaped_slowly(raw: &str, plain: &str) -> Option<Range<usize>> {
    const LONGEST: usize = 512;
    if plain.is_empty() || plain.len() > LONGEST {
        return None;
    }
    let matched_from = |start: usize| -> Option<usize> {
        let mut at = start;
        for c in plain.chars() {
            let rest = &raw[at..];
            let mut chars = rest.chars();
            match (chars.next(), chars.next()) {
                (Some('\\'), Some(p)) if p == c && p.is_ascii_punctuation() => at += 2,
                (Some(r), _) if r == c => at += r.len_utf8(),
                _ => return None,
            }
        }
        Some(at)
    };
    raw.char_indices()
        .find_map(|(start, _)| matched_from(start).map(|end| start..end))
}

/// `text` cut to `max` characters, with `…` when cut.
pub fn shorten(text: &str, max: usize) -> String {
    match text.char_indices().nth(max) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text.to_string(),
    }
}

/// The first of `added` found in the target, else the first of `lost`
/// found in the source.
pub fn locate(target: &str, source: &str, added: &[String], lost: &[String]) -> Option<Place> {
    added
        .iter()
        .find_map(|item| find_item(target, item))
        .map(Place::Target)
        .or_else(|| {
            lost.iter()
                .find_map(|item| find_item(source, item))
                .map(Place::Source)
        })
}

/// The bold (`strong`) or italic spans of a fragment, `**` included, in order.
pub fn emphasis_spans(fragment: &str, strong: bool) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(fragment, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Strong) if strong => open.push(range.start),
            Event::Start(Tag::Emphasis) if !strong => open.push(range.start),
            Event::End(TagEnd::Strong) if strong => {
                if let Some(start) = open.pop() {
                    spans.push(start..range.end);
                }
            }
            Event::End(TagEnd::Emphasis) if !strong => {
                if let Some(start) = open.pop() {
                    spans.push(start..range.end);
                }
            }
            _ => {}
        }
    }
    spans.sort_by_key(|r| r.start);
    spans
}

/// A `**` or `__` run the Markdown leaves as text: the last one that is not
/// part of a bold span (an unpaired marker is usually the later one).
pub fn loose_strong(fragment: &str) -> Option<Range<usize>> {
    let bold = emphasis_spans(fragment, true);
    let inside = |at: usize| {
        bold.iter()
            .any(|r| (r.start..r.start + 2).contains(&at) || (r.end - 2..r.end).contains(&at))
    };
    let mut found = None;
    for marker in ["**", "__"] {
        for (at, _) in fragment.match_indices(marker) {
            let escaped = fragment[..at].ends_with('\\');
            if !escaped && !inside(at) && !inside(at + 1) {
                found = found.max(Some(at));
            }
        }
    }
    found.map(|at| at..at + 2)
}

/// For `emphasis-mismatch`: the side with more spans of a kind, from its
/// first span beyond the other side's count to the end of its last one
/// (spans are matched in order: which one a translation dropped cannot be
/// known, the ones after the count are the candidates). An unpaired `**` of
/// the target comes first.
pub fn emphasis_fault(target: &str, source: &str) -> Option<Place> {
    if let Some(range) = loose_strong(target) {
        return Some(Place::Target(range));
    }
    for strong in [true, false] {
        let (t, s) = (
            emphasis_spans(target, strong),
            emphasis_spans(source, strong),
        );
        let beyond = |spans: &[Range<usize>], count: usize| {
            let first = spans.get(count)?;
            let last = spans.last()?;
            Some(first.start..last.end)
        };
        if t.len() > s.len() {
            return beyond(&t, s.len()).map(Place::Target);
        }
        if s.len() > t.len() {
            return beyond(&s, t.len()).map(Place::Source);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_read_from_markdown_is_found_where_it_is_written_escaped() {
        let raw = r"dans C:\Users \\<username \> \AppData";
        let plain = r"C:\Users \<username > \AppData";
        let range = find_escaped(raw, plain).unwrap();
        assert_eq!(&raw[range], r"C:\Users \\<username \> \AppData");
        assert_eq!(
            find_item(r"C:\Users\\<name\>", r"C:\Users\<name>"),
            Some(0..17)
        );
        assert_eq!(find_escaped("abc", "abd"), None);
        // A long item written otherwise is not searched for at every start.
        let raw = "\\*".repeat(200_000);
        let plain = format!("{}x", "*".repeat(600));
        let started = std::time::Instant::now();
        assert_eq!(find_escaped(&raw, &plain), None);
        assert!(started.elapsed() < std::time::Duration::from_secs(1));
    }

    #[test]
    fn numbers_are_found_whole() {
        assert_eq!(find_item("10 and 1", "1"), Some(7..8));
        assert_eq!(find_item("Office365 を", "365"), Some(6..9));
        assert_eq!(find_item("abc", "x"), None);
    }

    #[test]
    fn added_items_first_then_lost_ones() {
        let added = vec!["`b`".to_string()];
        let lost = vec!["a".to_string()];
        assert_eq!(
            locate("x `b`", "a", &added, &lost),
            Some(Place::Target(2..5))
        );
        assert_eq!(locate("x", "y a", &[], &lost), Some(Place::Source(2..3)));
    }

    #[test]
    fn emphasis_faults() {
        // The target lost the second bold: the source's second one is underlined.
        assert_eq!(
            emphasis_fault(
                "Wählen Sie **Speichern** und Schließen",
                "Select **Save** and **Close**"
            ),
            Some(Place::Source(20..29))
        );
        // An unpaired marker of the target.
        assert_eq!(
            emphasis_fault("Wählen Sie **Speichern", "Select **Save**"),
            Some(Place::Target(12..14))
        );
        // An extra italic in the target.
        assert_eq!(
            emphasis_fault("Un *mot* ici", "A word here"),
            Some(Place::Target(3..8))
        );
        assert_eq!(emphasis_fault("**a**", "**b**"), None);
    }
}
