//! Rules across the articles of one locale: the same English translated
//! differently, different English translated identically, and a bold UI
//! label whose translation is not the locale's usual one (which is how
//! bold moved onto the wrong words shows).
//!
//! Each article leaves a compact [`LocaleArticle`] (hashes and bold labels,
//! no text) while its family is checked; the locale pass reads those, in
//! path order whatever the thread count, and re-reads only the few files it
//! reports on, to quote them and underline the fault.

use std::collections::BTreeMap;

// Look-ups only (nothing iterates them into output): a fast hash.
use foldhash::HashMap;
use std::ops::Range;

use super::inline::TargetFacts;
use crate::diag::Diagnostic;
use crate::discover::ContentFile;
use crate::read::{Article, Shape};
use crate::rules::Rule;

/// A label needs this many aligned occurrences in the locale, and its
/// usual translation this share of them, before other translations of it
/// are questioned.
const LABEL_SUPPORT: usize = 3;
const LABEL_SHARE: f64 = 0.6;
/// Segments shorter than this (in words of the source) are left out of the
/// segment rules: one-word cells and titles legitimately vary with context.
const MIN_WORDS: usize = 4;
/// A word this many bold-bearing targets of the locale write un-bolded is
/// running text, not a label.
const COMMON_WORD: usize = 40;

/// What the locale pass needs of one article.
#[derive(Clone, Debug, Hash, serde::Serialize, serde::Deserialize)]
pub struct LocaleArticle {
    /// The locale folder's name.
    pub locale: String,
    /// The file, as discovery found it (`ContentFile` without serde).
    pub rel: String,
    pub local: String,
    pub abs: std::path::PathBuf,
    /// The article's source is English (see `quality::source_is_english`).
    pub english: bool,
    #[serde(with = "crate::cache::segment_keys")]
    pub segments: Vec<SegmentKey>,
}

impl LocaleArticle {
    fn content_file(&self) -> ContentFile {
        ContentFile {
            abs: self.abs.clone(),
            rel: self.rel.clone(),
            local: self.local.clone(),
            fragment: false,
        }
    }
}

/// One paired body segment.
#[derive(Clone, Debug, Hash, serde::Serialize, serde::Deserialize)]
pub struct SegmentKey {
    /// Index into the article's `scan.segments`.
    pub index: usize,
    /// Hashes of the words of the source and target (punctuation, spacing,
    /// markup and case folded).
    pub source: u64,
    pub target: u64,
    /// Hashes of the source's numbers and code, and of its bold labels.
    pub technical: (u64, u64),
    /// Words of the source.
    pub words: usize,
    /// The bold labels aligned in order (folded source, folded target),
    /// when both sides have the same number of bold spans; else empty.
    pub labels: Vec<(String, String)>,
    /// The same labels as written (white space and final punctuation tidied).
    pub raw_labels: Vec<(String, String)>,
    /// The folded target text without its bold spans, when `labels` is not
    /// empty: where a label's usual translation may stand un-bolded.
    pub plain: String,
}

/// A bold span of a fragment: its bytes (`**` included) and its text.
/// Taken from the analysis the quality rules kept of the fragment when
/// there is one (most often): no second parse.
pub fn bold_spans(fragment: &str) -> Vec<(Range<usize>, String)> {
    if !fragment.contains("**") && !fragment.contains("__") {
        return Vec::new();
    }
    super::sources::kept_bold(fragment).unwrap_or_else(|| super::inline::analyze(fragment).bold)
}

/// White space collapsed, lower case, final punctuation and quotes dropped.
pub fn fold(text: &str) -> String {
    tidy(text).to_lowercase()
}

/// White space collapsed, final punctuation and quotes dropped.
pub fn tidy(text: &str) -> String {
    // The words joined by single spaces, in one buffer.
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    let trimmed = joined.trim_matches(|c: char| {
        matches!(
            c,
            '.' | ':'
                | ','
                | ';'
                | '!'
                | '?'
                | '。'
                | '：'
                | '，'
                | '、'
                | '"'
                | '\''
                | '“'
                | '”'
                | '«'
                | '»'
                | '„'
                | '「'
                | '」'
                | '؟'
                | '،'
                | ' '
        )
    });
    if trimmed.len() == joined.len() {
        joined
    } else {
        trimmed.to_string()
    }
}

fn hash(text: &str) -> u64 {
    crate::cache::hash_of(&text)
}

/// The words of a fragment's text (no link destinations, code or tags), in
/// lower case: punctuation, apostrophes and spacing do not make two
/// translations differ.
fn words(fragment: &str) -> String {
    words_of(&super::inline::text_of(fragment))
}

fn words_of(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_words(&mut out, text);
    out
}

/// The hash of the [`words_of`] a fragment's text, made in a buffer kept
/// by the thread (one per target segment of every article).
fn words_hash(text: &str) -> u64 {
    thread_local! {
        static WORDS: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
    }
    WORDS.with_borrow_mut(|words| {
        words.clear();
        push_words(words, text);
        hash(words)
    })
}

/// [`words_of`] `text`, pushed onto `out`.
fn push_words(out: &mut String, text: &str) {
    // One pass, a space where a run of other characters separated words;
    // ASCII (most of every page) a byte at a time, without decoding.
    let mut apart = false;
    let mut rest = text;
    let table = crate::chars::Table::get();
    while let Some(&b) = rest.as_bytes().first() {
        if b.is_ascii() {
            rest = &rest[1..];
            if b.is_ascii_alphanumeric() {
                if apart && !out.is_empty() {
                    out.push(' ');
                }
                apart = false;
                out.push(char::from(b.to_ascii_lowercase()));
            } else {
                apart = true;
            }
            continue;
        }
        let mut chars = rest.chars();
        let Some(c) = chars.next() else { break };
        rest = chars.as_str();
        if table.is_alphanumeric(c) || is_mark(c) {
            if apart && !out.is_empty() {
                out.push(' ');
            }
            apart = false;
            push_folded(table, out, c);
        } else {
            apart = true;
        }
    }
}

/// A word character as [`words_of`] compares it: lower case, one spelling.
fn push_folded(table: crate::chars::Table, out: &mut String, c: char) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else if let Some(c) = spelling(c) {
        table.push_lowercase(out, c);
    }
}

/// One letter for the spellings a script writes two ways: Arabic hamza
/// seats on alef, alef maqsura and ya, ta marbuta and ha; its vowel signs and
/// tatweel dropped (`تأكد` / `تاكد`, `على` / `علي` are one word).
fn spelling(c: char) -> Option<char> {
    match c {
        'أ' | 'إ' | 'آ' | 'ٱ' => Some('ا'),
        'ى' => Some('ي'),
        'ة' => Some('ه'),
        'ـ' | '\u{064B}'..='\u{0652}' => None,
        _ => Some(c),
    }
}

/// Combining marks (Arabic vowels, Thai and Indic signs) belong to their word.
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0610..=0x061A | 0x064B..=0x065F | 0x0E31..=0x0E4E | 0x0900..=0x0DFF | 0x3099..=0x309A)
}

/// What of a source cannot be said two ways: its bold labels, numbers and
/// inline code. Two sources that differ there need different translations.
/// (numbers and code, bold labels: 0 when there are none).
fn technical(
    facts: &super::inline::Facts,
    bold: &[(Range<usize>, String)],
    sentence: usize,
) -> (u64, u64) {
    // A sentence all in bold (`sentence` words) is emphasis, not a UI label.
    let labels: Vec<String> = bold
        .iter()
        .map(|(_, l)| words_of(l))
        .filter(|l| l.split(' ').count() * 10 < sentence * 7)
        .collect();
    let numbers: Vec<&str> = facts
        .text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|n| !n.is_empty())
        .collect();
    let labels = if labels.is_empty() {
        0
    } else {
        crate::cache::hash_of(&labels)
    };
    (crate::cache::hash_of(&(numbers, &facts.code)), labels)
}

/// Whether two sources with one translation need different ones: other
/// words, and other numbers or code, or other bold labels (both bold).
fn must_differ(a: &SegmentKey, b: &SegmentKey) -> bool {
    a.source != b.source
        && (a.technical.0 != b.technical.0
            || (a.technical.1 != 0 && b.technical.1 != 0 && a.technical.1 != b.technical.1))
}

/// What [`facts`] takes of a source text, the same in every locale.
pub(super) struct SourceKey {
    bold: Vec<(Range<usize>, String)>,
    /// The hash of its words.
    words: u64,
    technical: (u64, u64),
    /// How many words it has.
    count: usize,
}

impl SourceKey {
    fn of(source: &str, facts: &super::inline::Facts) -> SourceKey {
        // One parse serves the bold spans, the words and the technical parts.
        let bold = facts.bold.clone();
        let words = words_of(&facts.text);
        SourceKey {
            words: hash(&words),
            // `split(' ').count()`, counted with memchr.
            technical: technical(
                facts,
                &bold,
                memchr::memchr_iter(b' ', words.as_bytes()).count() + 1,
            ),
            count: source.split_whitespace().count(),
            bold,
        }
    }
}

/// What the locale pass's rules, at the levels the configuration gives
/// them, need of each article: the segments' hashes for
/// `translation-inconsistent` and `translation-shared` (off by default),
/// the bold labels for `label-inconsistent`. A rule that cannot report
/// costs nothing: its facts are not taken, so it finds nothing.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wanted {
    pub segments: bool,
    pub labels: bool,
}

impl Wanted {
    /// Every fact (the tests ask for all).
    pub const ALL: Wanted = Wanted {
        segments: true,
        labels: true,
    };

    /// The bold labels only (what a glossary is proposed from).
    pub const LABELS: Wanted = Wanted {
        segments: false,
        labels: true,
    };

    pub fn of(levels: &crate::config::Levels) -> Wanted {
        Wanted {
            segments: levels.may_report(Rule::TranslationInconsistent)
                || levels.may_report(Rule::TranslationShared),
            labels: levels.may_report(Rule::LabelInconsistent),
        }
    }
}

/// The compact facts of one article (taken while its family is checked);
/// `targets`: what the quality rules made of its targets, when they ran.
/// Without `wanted.segments`, a segment's hashes are 0 (equal source and
/// target hashes keep it out of the groups) and a segment without labels
/// is left out.
pub fn facts(
    article: &Article,
    locale: &str,
    targets: Option<&TargetFacts>,
    wanted: Wanted,
) -> LocaleArticle {
    let mut segments = Vec::new();
    // Nothing wanted: no segment is looked at.
    let scanned: &[crate::read::Segment] = if wanted.segments || wanted.labels {
        &article.scan.segments
    } else {
        &[]
    };
    for (index, segment) in scanned.iter().enumerate() {
        if segment.start < article.body || segment.shape != Shape::Paired {
            continue;
        }
        let (Some(source), target) = (article.source(segment), article.target(segment)) else {
            continue;
        };
        let record = super::sources::source(source);
        let known = wanted.segments.then(|| {
            record
                .key
                .get_or_init(|| SourceKey::of(source, record.facts(source)))
        });
        let kept = targets.and_then(|kept| kept.get(index));
        let (labels, raw_labels, plain) = if wanted.labels {
            let s_bold = match known {
                Some(known) => &known.bold,
                None => &record.facts(source).bold,
            };
            labels_of(s_bold, kept, target)
        } else {
            Default::default()
        };
        let Some(known) = known else {
            if !labels.is_empty() {
                segments.push(SegmentKey {
                    index,
                    source: 0,
                    target: 0,
                    technical: (0, 0),
                    words: 0,
                    labels,
                    raw_labels,
                    plain,
                });
            }
            continue;
        };
        segments.push(SegmentKey {
            index,
            source: known.words,
            target: match kept {
                Some(facts) => words_hash(&facts.text),
                None => words_hash(&super::inline::text_of(target)),
            },
            technical: known.technical,
            words: known.count,
            labels,
            raw_labels,
            plain,
        });
    }
    LocaleArticle {
        locale: locale.to_string(),
        rel: article.file.rel.clone(),
        local: article.file.local.clone(),
        abs: article.file.abs.clone(),
        english: super::quality::source_is_english(article),
        segments,
    }
}

/// Bold labels paired (source, target).
type LabelPairs = Vec<(String, String)>;

/// A segment's bold labels aligned in order, (folded, tidied), and its
/// folded target without them (see [`SegmentKey`]); `kept`: what the
/// quality rules made of the target, when they ran.
fn labels_of(
    s_bold: &[(Range<usize>, String)],
    kept: Option<&super::inline::Facts>,
    target: &str,
) -> (LabelPairs, LabelPairs, String) {
    let made;
    let t_bold: &[(Range<usize>, String)] = match kept {
        Some(facts) => &facts.bold,
        None => {
            made = bold_spans(target);
            &made
        }
    };
    let raw_labels: Vec<(String, String)> = if s_bold.len() == t_bold.len() {
        s_bold
            .iter()
            .zip(t_bold)
            .map(|((_, s), (_, t))| (tidy(s), tidy(t)))
            .filter(|(s, t)| !s.is_empty() && !t.is_empty())
            .collect()
    } else {
        Vec::new()
    };
    let labels: Vec<(String, String)> = raw_labels
        .iter()
        .map(|(s, t)| (s.to_lowercase(), t.to_lowercase()))
        .collect();
    let plain = if labels.is_empty() {
        String::new()
    } else {
        let mut rest = String::new();
        let mut at = 0;
        for (range, _) in t_bold {
            rest.push_str(&target[at..range.start.max(at)]);
            rest.push(' ');
            at = range.end.max(at);
        }
        rest.push_str(&target[at.min(target.len())..]);
        // Link destinations and code are not words of the sentence.
        fold(&super::inline::text_of(&rest))
    };
    (labels, raw_labels, plain)
}

/// What the pass found, before the files are read again to say it.
enum Finding {
    /// (article, segment) translated otherwise than `usual` (article, segment).
    Inconsistent {
        at: (usize, usize),
        usual: (usize, usize),
        others: usize,
    },
    /// (article, segment) shares its translation with `other`, whose English differs.
    Shared {
        at: (usize, usize),
        other: (usize, usize),
    },
    /// Bold label `label` of (article, segment) is translated `found`; the
    /// locale usually writes `usual`, which stands un-bolded in the target.
    /// Bold label `label` of (article, segment) is made of words `uses`
    /// bold-bearing targets of the locale write un-bolded, and bold nowhere else.
    Common {
        at: (usize, usize),
        label: usize,
        uses: usize,
    },
    Label {
        at: (usize, usize),
        label: usize,
        usual: String,
        support: (usize, usize),
    },
}

/// Two forms of one word (`المستخدمون` / `المستخدمين`, `licence` /
/// `licences`): a long common beginning, most of the shorter one.
fn same_stem(a: &str, b: &str) -> bool {
    let common = a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count();
    let shorter = a.chars().count().min(b.chars().count());
    common >= 4 && common * 4 >= shorter * 3
}

/// Whether `needle` is in `haystack` as whole words.
fn has_phrase(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(at, _)| {
        let before = haystack[..at].chars().next_back();
        let after = haystack[at + needle.len()..].chars().next();
        before.is_none_or(|c| !c.is_alphanumeric()) && after.is_none_or(|c| !c.is_alphanumeric())
    })
}

/// How a caller finishes one file's diagnostics, given the file's text
/// (read once here, for the report, and not again by the caller).
pub type Finish<'f> = &'f (dyn Fn(&str, &mut [Diagnostic]) + Sync);

/// What the locale pass found in one locale.
#[derive(Debug, Default)]
pub struct LocalePass {
    /// The locale folder's name.
    pub locale: String,
    pub diagnostics: Vec<Diagnostic>,
    /// The articles its reports quote (paths relative to the content
    /// folder, sorted): their text, read again, is in the reports.
    pub quoted: Vec<String>,
}

/// The locale pass over every locale's articles, locales in parallel; the
/// result is in locale order.
pub fn check_locales<'a>(
    facts: impl Iterator<Item = &'a LocaleArticle>,
    finish: Finish,
) -> Vec<LocalePass> {
    use rayon::prelude::*;
    let mut locales: BTreeMap<&str, Vec<&LocaleArticle>> = BTreeMap::new();
    for article in facts {
        locales.entry(&article.locale).or_default().push(article);
    }
    locales
        .into_values()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|articles| check_locale(articles, finish))
        .collect()
}

/// The locale pass over every article of one locale (`articles` in any
/// order: they are sorted by path here).
pub fn check_locale(mut articles: Vec<&LocaleArticle>, finish: Finish) -> LocalePass {
    articles.sort_by(|a, b| a.rel.cmp(&b.rel));
    let locale = articles
        .first()
        .map(|a| a.locale.clone())
        .unwrap_or_default();
    let mut findings = Vec::new();

    // The usual translation of each bold label. (Hash maps: nothing below
    // depends on their order, every choice breaks ties by name.)
    let mut labels: HashMap<&str, HashMap<&str, usize>> = HashMap::default();
    for article in &articles {
        for segment in &article.segments {
            for (s, t) in &segment.labels {
                *labels.entry(s).or_default().entry(t).or_default() += 1;
            }
        }
    }
    let usual: HashMap<&str, (&str, usize, usize)> = labels
        .iter()
        .filter_map(|(label, targets)| {
            let support: usize = targets.values().sum();
            let (best, count) = targets
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))?;
            (support >= LABEL_SUPPORT && *count as f64 >= LABEL_SHARE * support as f64)
                .then_some((*label, (*best, *count, support)))
        })
        .collect();

    // How many bold-bearing targets use each word un-bolded, and how often
    // each translation is bold: a bold span made only of words the locale
    // writes everywhere and bolds nowhere else is on the wrong words.
    // Word → (targets, the last target counted): a word counts once per target.
    let mut plain_words: HashMap<&str, (usize, usize)> = HashMap::default();
    let mut bold_uses: HashMap<&str, usize> = HashMap::default();
    // How many source labels each bold translation stands for: a word
    // bolded for many different labels (`l’onglet`, `click`) is bold
    // shifted onto it.
    let mut pairs: foldhash::HashSet<(&str, &str)> = foldhash::HashSet::default();
    let mut stands_for: HashMap<&str, usize> = HashMap::default();
    let mut target = 0;
    for article in &articles {
        for segment in &article.segments {
            target += 1;
            for word in segment.plain.split_whitespace() {
                let (count, last) = plain_words.entry(word).or_default();
                if *last != target {
                    *count += 1;
                    *last = target;
                }
            }
            for (s, t) in &segment.labels {
                *bold_uses.entry(t).or_default() += 1;
                if pairs.insert((t, s)) {
                    *stands_for.entry(t).or_default() += 1;
                }
            }
        }
    }
    // One word only: a phrase of common words may well be a label.
    let common = |label: &str, found: &str| -> Option<usize> {
        if found.contains(char::is_whitespace)
            || found.contains(['[', ']', '(', ')', '<', '>'])
            || bold_uses.get(found).copied().unwrap_or(0) > 1
            || !found.chars().any(char::is_alphabetic)
            || label.contains(found)
        {
            return None;
        }
        let uses = plain_words.get(found).map_or(0, |(count, _)| *count);
        (uses >= COMMON_WORD).then_some(uses)
    };

    // Segments by their English and by their translation: (key, article,
    // segment), sorted below into groups of one key in the order found.
    let mut by_source: Vec<(u64, usize, usize)> = Vec::new();
    let mut by_target: Vec<(u64, usize, usize)> = Vec::new();
    for (a, article) in articles.iter().enumerate() {
        for (s, segment) in article.segments.iter().enumerate() {
            for (k, (label, found)) in segment.labels.iter().enumerate() {
                let usual = usual.get(label.as_str());
                // A target all bold is a heading or a cell: nothing is un-bolded.
                if usual.is_none_or(|(best, _, _)| found != best)
                    && segment.plain.chars().any(char::is_alphabetic)
                    && let Some(uses) = common(label, found)
                {
                    findings.push(Finding::Common {
                        at: (a, s),
                        label: k,
                        uses,
                    });
                    continue;
                }
                // Another translation of this label the locale uses at
                // least as often, standing un-bolded in this target: the
                // usual one first, else the most used (long enough not to
                // be there by chance).
                let Some(targets) = labels.get(label.as_str()) else {
                    continue;
                };
                let support: usize = targets.values().sum();
                let mine = targets.get(found.as_str()).copied().unwrap_or(0);
                // This translation is an established one of this label
                // alone (the locale has two): not bold on other words.
                let labels_of_found = stands_for.get(found.as_str()).copied().unwrap_or(0);
                if mine >= LABEL_SUPPORT && labels_of_found <= 2 {
                    continue;
                }
                let other = usual
                    .map(|(best, count, _)| (*best, *count))
                    .filter(|(best, _)| best != found)
                    .into_iter()
                    .chain(targets.iter().map(|(t, n)| (*t, *n)))
                    .filter(|(t, n)| {
                        t != found
                            && *n >= mine
                            && (*n >= LABEL_SUPPORT || t.chars().count() >= 4)
                            && has_phrase(&segment.plain, t)
                            && !has_phrase(found, t)
                            && !same_stem(t, found)
                    })
                    .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)));
                if let Some((best, count)) = other {
                    findings.push(Finding::Label {
                        at: (a, s),
                        label: k,
                        usual: best.to_string(),
                        support: (count, support),
                    });
                }
            }
            if article.english && segment.words >= MIN_WORDS && segment.source != segment.target {
                by_source.push((segment.source, a, s));
                by_target.push((segment.target, a, s));
            }
        }
    }
    // Most keys are found once: a sort groups them at a fraction of the
    // cost of a map of vectors (measured on the corpus).
    by_source.sort_unstable();
    by_target.sort_unstable();
    translations(&articles, &by_source, &by_target, &mut findings);
    let (diagnostics, quoted) = report(&articles, findings, finish);
    LocalePass {
        locale,
        diagnostics,
        quoted,
    }
}

/// `translation-inconsistent` and `translation-shared`: segments grouped by
/// their English (`by_source`) and by their translation (`by_target`),
/// each sorted by key, then by place.
fn translations(
    articles: &[&LocaleArticle],
    by_source: &[(u64, usize, usize)],
    by_target: &[(u64, usize, usize)],
    findings: &mut Vec<Finding>,
) {
    let key = |(a, s): (usize, usize)| &articles[a].segments[s];
    // The same English: the members whose translation is not the most
    // common one, when one translation is clearly the locale's.
    let groups = |sorted: &[(u64, usize, usize)], least: usize| -> Vec<Vec<(usize, usize)>> {
        sorted
            .chunk_by(|x, y| x.0 == y.0)
            .filter(|group| group.len() >= least)
            .map(|group| group.iter().map(|&(_, a, s)| (a, s)).collect())
            .collect()
    };
    for members in groups(by_source, 3) {
        let mut counts: BTreeMap<u64, (usize, (usize, usize))> = BTreeMap::new();
        for &m in &members {
            counts.entry(key(m).target).or_insert((0, m)).0 += 1;
        }
        if counts.len() < 2 {
            continue;
        }
        let Some((&best, &(count, first))) = counts
            .iter()
            .max_by(|a, b| a.1.0.cmp(&b.1.0).then(b.1.1.cmp(&a.1.1)))
        else {
            continue;
        };
        // The usual translation: a majority of at least `LABEL_SUPPORT` uses
        // (two of three is no evidence of a locale's usage).
        if count * 2 <= members.len() || count < LABEL_SUPPORT {
            continue;
        }
        for &m in members.iter().filter(|&&m| key(m).target != best) {
            findings.push(Finding::Inconsistent {
                at: m,
                usual: first,
                others: count,
            });
        }
    }
    // One translation for English that differs in its labels, numbers or
    // code (other wording may well mean the same): each member whose
    // English is not the group's first member's is reported once.
    for members in groups(by_target, 2) {
        let first = members[0];
        for &m in &members[1..] {
            if must_differ(key(m), key(first))
                && !members
                    .iter()
                    .take_while(|&&o| o != m)
                    .any(|&o| o != first && key(o).source == key(m).source)
            {
                findings.push(Finding::Shared {
                    at: m,
                    other: first,
                });
            }
        }
    }
}

/// The words where `a` and `b` differ (between their common beginning and
/// end), at most 8 of each, with one word of context when one side has
/// none: the two quotes never read the same.
fn word_difference(a: &str, b: &str) -> (String, String) {
    let (x, y): (Vec<&str>, Vec<&str>) = (a.split(' ').collect(), b.split(' ').collect());
    let (prefix, suffix) = common_ends(&x, &y);
    let quote = |words: &[&str]| -> String {
        let (from, to) = (prefix, words.len() - suffix);
        // One side only adds words: show the word before as well.
        let from = if from == to || x.len() - suffix == prefix || y.len() - suffix == prefix {
            from.saturating_sub(1)
        } else {
            from
        };
        let shown = &words[from..to.max(from)];
        let mut text = shown.iter().take(8).copied().collect::<Vec<_>>().join(" ");
        if shown.len() > 8 {
            text.push_str(" …");
        }
        if text.is_empty() {
            "nothing".to_string()
        } else {
            text
        }
    };
    (quote(&x), quote(&y))
}

/// How many words `x` and `y` share at their beginning and, after that, at
/// their end.
fn common_ends(x: &[&str], y: &[&str]) -> (usize, usize) {
    let prefix = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    let room = x.len().min(y.len()) - prefix;
    let suffix = x
        .iter()
        .rev()
        .zip(y.iter().rev())
        .take(room)
        .take_while(|(p, q)| p == q)
        .count();
    (prefix, suffix)
}

/// The words of a raw fragment with their bytes, folded as [`words_of`]
/// folds them.
fn word_ranges(raw: &str) -> Vec<(Range<usize>, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (at, c) in raw.char_indices().chain(std::iter::once((raw.len(), ' '))) {
        let inside = c.is_alphanumeric() || is_mark(c);
        match (inside, start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                let mut word = String::new();
                let table = crate::chars::Table::get();
                raw[from..at]
                    .chars()
                    .for_each(|c| push_folded(table, &mut word, c));
                out.push((from..at, word));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// The bytes of `raw` holding the words where `ours` (the folded words of
/// `raw`'s text) differs from `theirs`; where `ours` only lacks words, the
/// word before the gap (or after it). Words are matched to the raw
/// fragment in order, skipping what the text leaves out (link destinations,
/// code).
fn differing_words(raw: &str, ours: &str, theirs: &str) -> Option<Range<usize>> {
    let (x, y): (Vec<&str>, Vec<&str>) = (ours.split(' ').collect(), theirs.split(' ').collect());
    let (prefix, suffix) = common_ends(&x, &y);
    let (mut from, mut to) = (prefix, x.len() - suffix);
    if from >= to {
        // Nothing of ours differs: the neighbour of the gap.
        if from > 0 {
            from -= 1;
        } else {
            to = from + 1;
        }
        to = to.max(from + 1).min(x.len());
    }
    let raw_words = word_ranges(raw);
    let mut placed = Vec::with_capacity(x.len());
    let mut next = 0;
    for word in &x {
        let found = raw_words[next..].iter().position(|(_, w)| w == word)?;
        placed.push(raw_words[next + found].0.clone());
        next += found + 1;
    }
    let (first, last) = (placed.get(from)?, placed.get(to.checked_sub(1)?)?);
    Some(first.start..last.end)
}

/// Whether the bold labels of two sources differ only trivially (`info` /
/// `information`, `I'm` / `I am`): the same labels but for a shortening.
fn labels_differ_trivially(a: &str, b: &str) -> bool {
    let labels = |text: &str| -> Vec<String> {
        bold_spans(text)
            .into_iter()
            .map(|(_, l)| words_of(&l))
            .collect()
    };
    let (x, y) = (labels(a), labels(b));
    x.len() == y.len()
        && x.iter().zip(&y).all(|(p, q)| {
            let (p, q): (String, String) = (p.replace(' ', ""), q.replace(' ', ""));
            p == q
                || p.starts_with(&q)
                || q.starts_with(&p)
                || strsim::normalized_levenshtein(&p, &q) >= 0.75
        })
}

/// Reads the reported files again and says what each finding is; each
/// file's diagnostics are then finished with its text (in the order found).
/// Returns them, and the paths of the files read.
fn report(
    articles: &[&LocaleArticle],
    findings: Vec<Finding>,
    finish: Finish,
) -> (Vec<Diagnostic>, Vec<String>) {
    // The articles the findings quote, read again (the facts keep no
    // text), in parallel: a locale's findings name hundreds of them.
    let mut wanted: Vec<usize> = Vec::new();
    for finding in &findings {
        match finding {
            Finding::Inconsistent { at, usual, .. } => wanted.extend([at.0, usual.0]),
            Finding::Shared { at, other } => wanted.extend([at.0, other.0]),
            Finding::Label { at, .. } | Finding::Common { at, .. } => wanted.push(at.0),
        }
    }
    wanted.sort_unstable();
    wanted.dedup();
    // Sorted, as the articles are.
    let quoted: Vec<String> = wanted.iter().map(|&a| articles[a].rel.clone()).collect();
    let read: HashMap<usize, Option<Article>> = {
        use rayon::prelude::*;
        wanted
            .into_par_iter()
            .map(|a| (a, crate::read::read_file(&articles[a].content_file()).ok()))
            .collect()
    };
    let segment = |(a, s): (usize, usize)| {
        let article = read.get(&a)?.as_ref()?;
        let index = articles[a].segments.get(s)?.index;
        Some((article, article.scan.segments.get(index)?))
    };
    let mut out = Vec::new();
    // By diagnostic: the article it is of.
    let mut owners: Vec<usize> = Vec::new();
    for finding in findings {
        owners.resize(out.len(), 0);
        let at = match &finding {
            Finding::Inconsistent { at, .. }
            | Finding::Shared { at, .. }
            | Finding::Label { at, .. }
            | Finding::Common { at, .. } => *at,
        };
        let Some((article, seg)) = segment(at) else {
            continue;
        };
        let (Some(source), target) = (article.source(seg), article.target(seg)) else {
            continue;
        };
        let place = |other: &Article, o: &crate::read::Segment| {
            format!(
                "{}:{}",
                other.file.rel,
                other.lines.locate(&other.text, o.start).line
            )
        };
        let in_target = |range: Option<Range<usize>>| {
            range.map_or(seg.target.clone(), |r| {
                seg.target.start + r.start..seg.target.start + r.end
            })
        };
        let in_source = |range: Option<Range<usize>>| match (range, &seg.source) {
            (Some(r), Some(span)) => span.text.start + r.start..span.text.start + r.end,
            _ => seg.target.clone(),
        };
        let diagnostic = |rule: Rule, message: String, underline: Range<usize>, help: &str| {
            // Inline allows are the reporter's (`crate::reporter`).
            Some(
                Diagnostic::new(rule, article.file.rel.clone(), message)
                    .at(&article.text, &article.lines, underline)
                    .line(article.lines.locate(&article.text, seg.start).line)
                    .segment(article.id(seg))
                    .help(help),
            )
        };
        // The `label`th bold span of the target (its place in the file and
        // text) and of the source.
        let bold_label = |label: usize| {
            let (spans, source_spans) = (bold_spans(target), bold_spans(source));
            let ((range, found), (_, english)) = (spans.get(label)?, source_spans.get(label)?);
            let underline = seg.target.start + range.start..seg.target.start + range.end;
            Some((
                underline,
                found.trim().to_string(),
                english.trim().to_string(),
            ))
        };
        match finding {
            Finding::Inconsistent { usual, others, .. } => {
                let Some((other, o)) = segment(usual) else {
                    continue;
                };
                let (mine, usual) = (words(target), words(other.target(o)));
                let (ours, theirs) = word_difference(&mine, &usual);
                out.extend(diagnostic(
                    Rule::TranslationInconsistent,
                    format!(
                        "this English is translated otherwise in {others} other segments of the locale: “{ours}” here, “{theirs}” there (e.g. {})",
                        place(other, o)
                    ),
                    in_target(differing_words(target, &mine, &usual)),
                    "use the locale's usual translation of this sentence, or change the others if this one is better",
                ));
            }
            Finding::Shared { other, .. } => {
                let Some((other_article, o)) = segment(other) else {
                    continue;
                };
                let Some(other_source) = other_article.source(o) else {
                    continue;
                };
                let same_facts = articles[at.0].segments[at.1].technical.0
                    == articles[other.0].segments[other.1].technical.0;
                if same_facts && labels_differ_trivially(source, other_source) {
                    continue;
                }
                let (mine, other_words) = (words(source), words(other_source));
                let (ours, theirs) = word_difference(&mine, &other_words);
                out.extend(diagnostic(
                    Rule::TranslationShared,
                    format!(
                        "this translation is also that of a different English sentence ({}): the English has “{ours}” here, “{theirs}” there",
                        place(other_article, o)
                    ),
                    in_source(differing_words(source, &mine, &other_words)),
                    "one of the two translations does not say what its English says: check both",
                ));
            }
            Finding::Common { label, uses, .. } => {
                let Some((underline, found, english)) = bold_label(label) else {
                    continue;
                };
                out.extend(diagnostic(
                    Rule::LabelInconsistent,
                    format!(
                        "bold on other words: **{}** is bold here where the source bolds **{}**, but the locale writes “{}” un-bolded in {uses} other targets and bolds it nowhere else",
                        found, english, found,
                    ),
                    underline,
                    "put the bold on the translation of the source's bold label",
                ));
            }
            Finding::Label {
                label,
                usual,
                support,
                ..
            } => {
                let Some((underline, found, english)) = bold_label(label) else {
                    continue;
                };
                out.extend(diagnostic(
                    Rule::LabelInconsistent,
                    format!(
                        "bold on other words: the source's **{}** is translated **{}** in {} of its {} bold uses in the locale, and “{}” stands here un-bolded while **{}** is bold",
                        english, usual, support.0, support.1, usual, found
                    ),
                    underline,
                    "put the bold on the translation of the source's bold label",
                ));
            }
        }
        owners.resize(out.len(), at.0);
    }
    // Each file's diagnostics together (in the order found), finished
    // with the text read above.
    let mut owned: Vec<(usize, Diagnostic)> = owners.into_iter().zip(out).collect();
    owned.sort_by_key(|(owner, _)| *owner);
    let (owners, mut out): (Vec<usize>, Vec<Diagnostic>) = owned.into_iter().unzip();
    let mut start = 0;
    for group in owners.chunk_by(|a, b| a == b) {
        let end = start + group.len();
        if let Some(Some(article)) = read.get(&group[0]) {
            finish(&article.text, &mut out[start..end]);
        }
        start = end;
    }
    (out, quoted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    #[test]
    fn words_are_read_as_one_char_at_a_time_reads_them() {
        // The byte-wise ASCII path against the plain reading of each char.
        fn by_chars(text: &str) -> String {
            let mut out = String::new();
            let mut apart = false;
            for c in text.chars() {
                if c.is_alphanumeric() || is_mark(c) {
                    if apart && !out.is_empty() {
                        out.push(' ');
                    }
                    apart = false;
                    push_folded(crate::chars::Table::get(), &mut out, c);
                } else {
                    apart = true;
                }
            }
            out
        }
        for text in [
            "",
            "  Hello, World!  ",
            "Ouvrez **Paramètres** > Comptes (ÉTAPE 2).",
            "تأكد من إعدادات الـبريد، ثم اختر «حفظ».",
            "[設定] を選択し、Office 365 の İstanbul ﬁle を開きます。",
            "x\u{300}y \u{200b}z--9",
        ] {
            assert_eq!(words_of(text), by_chars(text), "{text:?}");
        }
    }

    fn locale(texts: &[(&str, String)]) -> Vec<Diagnostic> {
        let facts: Vec<LocaleArticle> = texts
            .iter()
            .map(|(path, body)| {
                let article = article(path, &format!("{HEAD}{body}\n"));
                // As a build takes them (from the quality rules' targets),
                // and the same as taken alone.
                let targets =
                    super::super::quality::check(&article, &Default::default(), &mut Vec::new());
                let kept = facts(&article, "fr-FR", Some(&targets), Wanted::ALL);
                let alone = facts(&article, "fr-FR", None, Wanted::ALL);
                assert_eq!(format!("{kept:?}"), format!("{alone:?}"));
                kept
            })
            .collect();
        // The pass re-reads files: none exist here, so findings are counted
        // through `check_locale` only where files are on disk (fixtures).
        check_locale(facts.iter().collect(), &|_, _| {}).diagnostics
    }

    #[test]
    fn bold_spans_and_fold() {
        let spans = bold_spans("Select **Save** and **Close.**");
        assert_eq!(spans.len(), 2);
        assert_eq!(spans[0].1, "Save");
        assert_eq!(fold(&spans[1].1), "close");
        assert!(bold_spans("\\*\\*Save\\*\\*").is_empty());
    }

    #[test]
    fn word_differences_quote_words() {
        assert_eq!(
            word_difference("select close to keep", "select cancel to keep"),
            ("close".to_string(), "cancel".to_string())
        );
        assert_eq!(
            word_difference("open the new file", "open the file"),
            ("the new".to_string(), "the".to_string())
        );
    }

    #[test]
    fn phrase_needs_word_boundaries() {
        assert!(has_phrase("cliquez sur enregistrer puis", "enregistrer"));
        assert!(!has_phrase("enregistrement", "enregistrer"));
    }

    #[test]
    fn no_files_no_reports() {
        let body = pair("a-1", "Cliquez sur **Enregistrer**.", "Click **Save**.");
        assert!(locale(&[("fr-FR/a.md", body)]).is_empty());
    }
}
