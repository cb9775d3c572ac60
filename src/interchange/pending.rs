//! What a handoff left unfinished, kept in the article's front matter
//! until a translator finishes it: `helpc.untranslated` lists the ids of
//! new segments (their target is still the English), `helpc.fuzzy` those
//! of near matches (a translation of a similar sentence, to review). Both
//! are ids separated by spaces. Exports mark these segments untranslated
//! or fuzzy, `helpc status` counts them, and an import that brings a
//! finished translation for one takes it off its list.

use std::collections::BTreeSet;
use std::ops::Range;

use crate::read::Article;

pub const UNTRANSLATED: &str = "helpc.untranslated";
pub const FUZZY: &str = "helpc.fuzzy";

/// The ids listed under `key`.
pub fn ids(article: &Article, key: &str) -> BTreeSet<String> {
    article
        .front_matter
        .string(key)
        .map(|value| value.split_whitespace().map(str::to_string).collect())
        .unwrap_or_default()
}

/// The front matter line for `key` listing `ids`, or nothing when empty.
pub fn line(key: &str, ids: &BTreeSet<String>) -> String {
    if ids.is_empty() {
        return String::new();
    }
    let list: Vec<&str> = ids.iter().map(String::as_str).collect();
    format!("{key}: \"{}\"\n", list.join(" "))
}

/// The edit that makes the article's `key` line list `ids` (removes it
/// when empty); `None` when the article has no such line.
pub fn edit(
    article: &Article,
    key: &str,
    ids: &BTreeSet<String>,
) -> Option<(Range<usize>, String)> {
    let start = article.front_matter_key(key)?;
    let end = article.text[start..]
        .find('\n')
        .map_or(article.text.len(), |at| start + at + 1);
    let mut replacement = line(key, ids);
    if !article.text[start..end].ends_with('\n') {
        replacement = replacement.trim_end_matches('\n').to_string();
    }
    Some((start..end, replacement))
}

/// Segments of the article listed as untranslated and as fuzzy.
pub fn counts(article: &Article) -> (usize, usize) {
    let untranslated = ids(article, UNTRANSLATED);
    let fuzzy = ids(article, FUZZY);
    let mut counts = (0, 0);
    for segment in &article.scan.segments {
        let id = article.id(segment);
        if untranslated.contains(id) {
            counts.0 += 1;
        } else if fuzzy.contains(id) {
            counts.1 += 1;
        }
    }
    counts
}
