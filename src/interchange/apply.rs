//! Which entries of an exchanged file go into the article: only finished
//! translations of the article's current source, and only targets the
//! article can hold. Nothing is decided by the order of the entries.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::{Exchange, State, entries, pending};
use crate::read::Article;

#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// Apply fuzzy translations too.
    pub accept_fuzzy: bool,
}

/// What became of one entry.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case", tag = "outcome", content = "reason")]
pub enum Outcome {
    /// The target replaces the article's.
    Applied,
    /// The target is the article's already.
    Unchanged,
    /// Not applied; the article keeps its target.
    Skipped(Skip),
    /// The file cannot be imported because of this entry.
    Refused(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Skip {
    /// No translation (empty, or marked untranslated).
    Empty,
    /// Marked fuzzy (`--accept-fuzzy` applies it).
    Fuzzy,
    /// Its source is not the article's current source.
    Stale,
    /// The article has no segment with this key.
    Unknown,
    /// The target is the English, or holds a sentence of it the article's
    /// translation does not: what CAT tools write for what they could not
    /// translate.
    English,
    /// The target is made only of translations other segments of the
    /// import already have for the same English: what a CAT tool's
    /// auto-propagation writes, not an edit.
    Propagated,
}

impl Skip {
    pub fn describe(self) -> &'static str {
        match self {
            Skip::Empty => "no translation: the article keeps its target",
            Skip::Fuzzy => "marked fuzzy: not applied (--accept-fuzzy applies it)",
            Skip::Stale => "its source is not the article's current source (stale)",
            Skip::Unknown => "the article has no segment with this key",
            Skip::English => {
                "the target is (partly) the English source, left untranslated: the article keeps its translation"
            }
            Skip::Propagated => {
                "the target only repeats other segments' translations of the same English (auto-propagation): the article keeps its own"
            }
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct EntryReport {
    /// The entry's key (segment id), or `?` when it names none.
    pub entry: String,
    /// The line of the exchanged file.
    pub line: usize,
    #[serde(flatten)]
    pub outcome: Outcome,
}

/// The article as the file would leave it.
pub struct Plan {
    pub entries: Vec<EntryReport>,
    /// The new text of the article, when it changes and nothing is refused.
    pub text: Option<String>,
}

impl Plan {
    pub fn refused(&self) -> bool {
        self.entries
            .iter()
            .any(|e| matches!(e.outcome, Outcome::Refused(_)))
    }

    pub fn count(&self, wanted: fn(&Outcome) -> bool) -> usize {
        self.entries.iter().filter(|e| wanted(&e.outcome)).count()
    }
}

/// Sentence pairs (English → translations) of the articles of an import.
#[derive(Default)]
pub struct Memory {
    pairs: HashMap<String, BTreeSet<String>>,
}

impl Memory {
    /// Learns the segments of `article` as they are now.
    pub fn learn(&mut self, article: &Article) {
        for segment in &article.scan.segments {
            let (Some(source), target) = (article.source(segment), article.target(segment)) else {
                continue;
            };
            let english = sentences(source);
            let translated = sentences(target);
            self.add(&normal(source), &normal(target));
            // CAT tools also carry a translation over to a sentence that
            // differs only in its numbers.
            self.add(&without_numbers(source), &without_numbers(target));
            if english.len() == translated.len() && english.len() > 1 {
                for (s, t) in english.iter().zip(&translated) {
                    self.add(s, t);
                }
            }
        }
    }

    fn add(&mut self, source: &str, target: &str) {
        self.pairs
            .entry(source.to_string())
            .or_default()
            .insert(target.to_string());
    }

    fn knows(&self, source: &str, target: &str) -> bool {
        self.pairs.get(source).is_some_and(|t| t.contains(target))
    }

    /// Whether `target` is made only of known translations of `source`'s sentences.
    fn propagated(&self, source: &str, target: &str) -> bool {
        if self.knows(&normal(source), &normal(target))
            || self.knows(&without_numbers(source), &without_numbers(target))
        {
            return true;
        }
        let english = sentences(source);
        let translated = sentences(target);
        english.len() == translated.len()
            && english
                .iter()
                .zip(&translated)
                .all(|(s, t)| self.knows(s, t))
    }
}

fn without_numbers(text: &str) -> String {
    text.split_whitespace()
        .filter(|w| !w.chars().all(|c| c.is_ascii_digit()))
        .collect::<Vec<_>>()
        .join(" ")
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// `text` cut after `.`, `!`, `?` or `:` followed by white space, each
/// sentence with its white space normalised.
fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        current.push(c);
        if matches!(c, '.' | '!' | '?' | ':') && chars.peek().is_some_and(|n| n.is_whitespace()) {
            out.push(normal(&current));
            current.clear();
        }
    }
    if !current.trim().is_empty() {
        out.push(normal(&current));
    }
    out.retain(|s| !s.is_empty());
    out
}

/// Whether `target` holds English of `source` that `current` does not:
/// the whole source, or one of its sentences of three words or more.
fn holds_english(target: &str, source: &str, current: &str) -> bool {
    let (target, current) = (normal(target), normal(current));
    if target == normal(source) {
        return current != target;
    }
    sentences(source).iter().any(|sentence| {
        sentence.split(' ').count() >= 3
            && target.contains(sentence.as_str())
            && !current.contains(sentence.as_str())
    })
}

pub fn plan(article: &Article, exchange: &Exchange, options: Options) -> Plan {
    plan_with(article, exchange, options, &Memory::default())
}

/// Why a target is not written into an article: it would lose or corrupt
/// the translation, or break the file.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unholdable(pub String);

/// [`plan`], with the sentence pairs of every article of the import.
pub fn plan_with(
    article: &Article,
    exchange: &Exchange,
    options: Options,
    memory: &Memory,
) -> Plan {
    let current = entries(article);
    let by_key: HashMap<&str, usize> = current
        .iter()
        .enumerate()
        .map(|(i, e)| (e.key.as_str(), i))
        .collect();
    let mut times: HashMap<&str, usize> = HashMap::new();
    for unit in &exchange.units {
        if let Some(key) = &unit.key {
            *times.entry(key.as_str()).or_insert(0) += 1;
        }
    }
    let mut reports = Vec::new();
    // Segment index → new target.
    let mut chosen: HashMap<usize, &str> = HashMap::new();
    // Ids whose translation is finished now.
    let mut finished: BTreeSet<&str> = BTreeSet::new();
    for unit in &exchange.units {
        let label = unit.key.clone().unwrap_or_else(|| "?".to_string());
        let outcome = (|| {
            if let Some(problem) = &unit.problem {
                return Outcome::Refused(problem.clone());
            }
            let Some(key) = unit.key.as_deref() else {
                return Outcome::Skipped(Skip::Unknown);
            };
            let count = times.get(key).copied().unwrap_or(0);
            if count > 1 {
                return Outcome::Refused(format!(
                    "the entry appears {count} times in the file: which one is meant?"
                ));
            }
            let Some(&index) = by_key.get(key) else {
                return Outcome::Skipped(Skip::Unknown);
            };
            let entry = &current[index];
            if unit.state == State::Untranslated || unit.target.trim().is_empty() {
                return Outcome::Skipped(Skip::Empty);
            }
            if unit.source.as_ref().is_some_and(|s| *s != entry.source) {
                return Outcome::Skipped(Skip::Stale);
            }
            if unit.state == State::Fuzzy && !options.accept_fuzzy {
                return Outcome::Skipped(Skip::Fuzzy);
            }
            // A CAT tool trimming the edges is no edit.
            if unit.target != entry.target && unit.target.trim() == entry.target.trim() {
                return Outcome::Unchanged;
            }
            if unit.target != entry.target
                && holds_english(&unit.target, &entry.source, &entry.target)
            {
                return Outcome::Skipped(Skip::English);
            }
            if unit.target != entry.target && memory.propagated(&entry.source, &unit.target) {
                return Outcome::Skipped(Skip::Propagated);
            }
            if unit.target == entry.target {
                if entry.state != State::Final && unit.state == State::Final {
                    // A translator confirmed what the handoff left to review.
                    finished.insert(entry.id.as_str());
                    return Outcome::Applied;
                }
                return Outcome::Unchanged;
            }
            if let Err(reason) = holdable(&unit.target, &entry.source, &entry.target) {
                return Outcome::Refused(reason.to_string());
            }
            chosen.insert(index, unit.target.as_str());
            finished.insert(entry.id.as_str());
            Outcome::Applied
        })();
        reports.push(EntryReport {
            entry: label,
            line: unit.line,
            outcome,
        });
    }
    let mut plan = Plan {
        entries: reports,
        text: None,
    };
    if plan.refused() || (chosen.is_empty() && finished.is_empty()) {
        return plan;
    }
    let mut edits: Vec<(Range<usize>, String)> = chosen
        .iter()
        .map(|(&index, &target)| {
            (
                article.scan.segments[index].target.clone(),
                target.to_string(),
            )
        })
        .collect();
    for key in [pending::UNTRANSLATED, pending::FUZZY] {
        let before = pending::ids(article, key);
        let after: BTreeSet<String> = before
            .iter()
            .filter(|id| !finished.contains(id.as_str()))
            .cloned()
            .collect();
        if after != before
            && let Some(edit) = pending::edit(article, key, &after)
        {
            edits.push(edit);
        }
    }
    edits.sort_by_key(|(range, _)| std::cmp::Reverse(range.start));
    let mut text = article.text.clone();
    for (range, replacement) in edits {
        text.replace_range(range, &replacement);
    }
    // The result must read as the same segments with the new targets.
    match verify(article, &text, &chosen) {
        Ok(()) => plan.text = Some(text),
        Err(reason) => plan.entries.push(EntryReport {
            entry: "(article)".to_string(),
            line: 0,
            outcome: Outcome::Refused(reason.to_string()),
        }),
    }
    plan
}

fn verify(article: &Article, text: &str, chosen: &HashMap<usize, &str>) -> Result<(), Unholdable> {
    let after =
        crate::read::parse(article.file.clone(), text.as_bytes().to_vec()).map_err(|_| {
            Unholdable("the translations would make the article unreadable".to_string())
        })?;
    let same = after.scan.segments.len() == article.scan.segments.len()
        && after
            .scan
            .segments
            .iter()
            .zip(&article.scan.segments)
            .enumerate()
            .all(|(index, (new, old))| {
                after.id(new) == article.id(old)
                    && after.source(new) == article.source(old)
                    && after.target(new)
                        == chosen
                            .get(&index)
                            .copied()
                            .unwrap_or_else(|| article.target(old))
            });
    if same {
        Ok(())
    } else {
        Err(Unholdable(
            "the translations would change the article's segments (markup they cannot hold)"
                .to_string(),
        ))
    }
}

/// Whether the segment can hold `target` in place of `current` (its
/// source `source`): the reason when it cannot.
pub fn holdable(target: &str, source: &str, current: &str) -> Result<(), Unholdable> {
    let had = |c: char| source.contains(c) || current.contains(c);
    if let Some(c) = target
        .chars()
        .find(|&c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r') || c == '\u{0}') && !had(c))
    {
        return Err(Unholdable(format!(
            "a control character (U+{:04X})",
            c as u32
        )));
    }
    let lower = target.to_ascii_lowercase();
    for marker in ["data-ttu-id", "data-stu-id", "sxs-lookup"] {
        if lower.contains(marker) {
            return Err(Unholdable(format!(
                "segment markup (`{marker}`) inside a target"
            )));
        }
    }
    let blank_line = |text: &str| {
        let normal = text.replace("\r\n", "\n");
        let lines: Vec<&str> = normal.split('\n').collect();
        lines.len() > 2
            && lines[1..lines.len() - 1]
                .iter()
                .any(|l| l.trim().is_empty())
    };
    if blank_line(target) && !blank_line(source) && !blank_line(current) {
        return Err(Unholdable(
            "a blank line: it would end the paragraph".to_string(),
        ));
    }
    if target.contains('\n') && !source.contains('\n') && !current.contains('\n') {
        return Err(Unholdable(
            "a line break the segment cannot hold (its source has none)".to_string(),
        ));
    }
    let balance = |text: &str| {
        let l = text.to_ascii_lowercase();
        l.matches("<span").count() as isize - l.matches("</span").count() as isize
    };
    if balance(target) != 0 && balance(target) != balance(current) {
        return Err(Unholdable(
            "an unbalanced `<span>`: it would end the segment".to_string(),
        ));
    }
    let allowed: BTreeSet<String> = tags(source).into_iter().chain(tags(current)).collect();
    let added: Vec<String> = tags(target)
        .into_iter()
        .filter(|t| !allowed.contains(t))
        .collect();
    if !added.is_empty() {
        let list: Vec<String> = added.iter().map(|t| format!("<{t}>")).collect();
        return Err(Unholdable(format!(
            "markup the source does not have: {}",
            list.join(", ")
        )));
    }
    Ok(())
}

/// The names of the HTML-like tags of `text`, lower case.
fn tags(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let bytes = text.as_bytes();
    for (at, _) in text.match_indices('<') {
        let mut start = at + 1;
        if bytes.get(start) == Some(&b'/') {
            start += 1;
        }
        let name: String = text[start..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-')
            .collect();
        if name.starts_with(|c: char| c.is_ascii_alphabetic()) {
            out.insert(name.to_ascii_lowercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_that_would_break_the_article_are_refused() {
        let source = "Open the <b>menu</b>.";
        let current = "Ouvrez le <b>menu</b>.";
        assert_eq!(holdable("Ouvrez <b>le</b> menu.", source, current), Ok(()));
        for (target, reason) in [
            ("Un</span><span data-ttu-id=\"a-2\">deux", "segment markup"),
            ("Un.\n\nDeux.", "blank line"),
            ("Un.\nDeux.", "line break"),
            ("Un\u{0}", "control character"),
            (
                "Un <script>x</script>",
                "markup the source does not have: <script>",
            ),
            ("Un</span> deux", "unbalanced"),
        ] {
            let error = holdable(target, source, current).unwrap_err();
            assert!(error.to_string().contains(reason), "{target:?}: {error}");
        }
        assert!(holds_english(
            "Go to the page.",
            "Go to the page.",
            "Allez à la page."
        ));
        assert!(holds_english(
            "Ouvrez. Then select the item.",
            "Open. Then select the item.",
            "Ouvrez. Puis."
        ));
        assert!(!holds_english(
            "Ouvrez. Puis choisissez.",
            "Open. Then select the item.",
            "Ouvrez."
        ));
        let mut memory = Memory::default();
        memory.add("One.", "Un.");
        memory.add("Two.", "Deux.");
        assert!(memory.propagated("One. Two.", "Un.  Deux."));
        assert!(!memory.propagated("One. Two.", "Un. Deux !"));
        // What the article already holds stays possible.
        assert_eq!(holdable("Un\u{b}.", "One\u{b}.", "Un\u{b}"), Ok(()));
        assert_eq!(holdable("Un.\nDeux.", "One.\nTwo.", "x"), Ok(()));
    }
}
