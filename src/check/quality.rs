//! Rules of the "Translation quality" table: each well-formed segment's
//! TARGET against its SOURCE.

// Counted and looked up, never iterated into output unsorted: a fast hash.
use foldhash::HashMap;
use std::ops::Range;

use super::fault::{Place, emphasis_fault, find_item, locate};
use super::inline::{Facts, HtmlTag, TargetFacts, analyze};
use super::language::has_words_to_translate;
pub use super::language::source_is_english;
use super::placeholders::{placeholders, without};
use super::sources::Source;
use super::{numbers, tokens};
use crate::diag::Diagnostic;
use crate::read::{Article, Segment, Shape};
use crate::rules::Rule;

/// What the quality rules need besides the article.
#[derive(Clone, Debug, Default)]
pub struct QualityOptions {
    /// Terms that stay in the source language (product names, commands):
    /// a segment made only of them is not `untranslated`.
    pub do_not_translate: Vec<String>,
    /// Locales (tags as written in helpc.toml) whose style writes native
    /// digits: `digits-native` accepts them there.
    pub native_digits: Vec<String>,
    /// Terms whose translation is prescribed (`glossary` in helpc.toml).
    pub glossary: Option<std::sync::Arc<crate::glossary::Glossary>>,
    /// The product names searched for in each source, built once on first
    /// use from the built-in list and `do_not_translate`.
    pub products: std::sync::OnceLock<tokens::Products>,
}

impl QualityOptions {
    fn products(&self) -> &tokens::Products {
        self.products
            .get_or_init(|| tokens::Products::new(&self.do_not_translate))
    }
}

/// The rules over each paired segment; gives back what was made of each
/// target with markup, for the consistency facts of the same article.
pub fn check(
    article: &Article,
    options: &QualityOptions,
    out: &mut Vec<Diagnostic>,
) -> TargetFacts {
    let mut kept = TargetFacts::default();
    let english = source_is_english(article);
    let locale = article.file.rel.split('/').next().unwrap_or_default();
    let context = Context {
        english,
        native_digits: options
            .native_digits
            .iter()
            .any(|l| l.eq_ignore_ascii_case(locale)),
    };
    let terms = options
        .glossary
        .as_ref()
        .map(|g| g.for_locale(locale))
        .unwrap_or_default();
    for (index, segment) in article.scan.segments.iter().enumerate() {
        if segment.start < article.body || segment.shape != Shape::Paired {
            continue;
        }
        let (Some(source), target) = (article.source(segment), article.target(segment)) else {
            continue;
        };
        let t = analyze(target);
        // What every locale's copy of this source shares: looked up once.
        let known = super::sources::source(source);
        let source = (source, &*known);
        compare(
            article,
            segment,
            (target, &t),
            source,
            options,
            &context,
            out,
        );
        if !terms.is_empty() && target.trim() != source.0.trim() {
            check_glossary(article, segment, (target, &t), source, &terms, out);
        }
        kept.keep(index, target, t);
    }
    kept
}

/// `glossary-missing` and `glossary-forbidden` for one segment.
fn check_glossary(
    article: &Article,
    segment: &Segment,
    (target, t): (&str, &Facts),
    (source, known): (&str, &Source),
    terms: &[(&str, &crate::glossary::Translations)],
    out: &mut Vec<Diagnostic>,
) {
    use crate::glossary::find_term;
    let source_text = &known.facts(source).text;
    let target_text = &t.text;
    let report = |rule: Rule, message: String, help: &str, within: Option<Place>| {
        let underline = within
            .and_then(|place| in_file(segment, place))
            .unwrap_or(segment.target.clone());
        Diagnostic::new(rule, article.file.rel.clone(), message)
            .at(&article.text, &article.lines, underline)
            .line(article.lines.locate(&article.text, segment.start).line)
            .segment(article.id(segment))
            .help(help)
    };
    for (term, translations) in terms {
        if find_term(source_text, term).is_none() {
            continue;
        }
        if let Some((variant, at)) = translations
            .forbidden
            .iter()
            .find_map(|v| find_term(target, v).map(|at| (v, at)))
        {
            out.push(report(
                Rule::GlossaryForbidden,
                format!("the glossary forbids `{variant}` for `{term}`; it is in the target"),
                &format!(
                    "write {} as the glossary says",
                    translations
                        .preferred
                        .iter()
                        .map(|p| format!("`{p}`"))
                        .collect::<Vec<_>>()
                        .join(" or ")
                ),
                Some(Place::Target(at)),
            ));
            continue;
        }
        if !translations.preferred.is_empty()
            && translations
                .preferred
                .iter()
                .all(|p| find_term(target_text, p).is_none())
        {
            let wanted = translations
                .preferred
                .iter()
                .map(|p| format!("`{p}`"))
                .collect::<Vec<_>>()
                .join(" or ");
            out.push(report(
                Rule::GlossaryMissing,
                format!("the source has the glossary term `{term}`; the target lacks its translation {wanted}"),
                "use the glossary's translation, or add this one to the glossary",
                find_term(source, term).map(Place::Source),
            ));
        }
    }
}

fn multiset<T: Eq + std::hash::Hash + Clone>(
    items: impl IntoIterator<Item = T>,
) -> HashMap<T, usize> {
    let mut map = HashMap::default();
    for item in items {
        *map.entry(item).or_insert(0) += 1;
    }
    map
}

/// Items of `a` not in `b`, counting repeats.
fn minus<T: Eq + std::hash::Hash + Clone + Ord>(
    a: &HashMap<T, usize>,
    b: &HashMap<T, usize>,
) -> Vec<T> {
    let mut out: Vec<T> = a
        .iter()
        .flat_map(|(k, n)| {
            std::iter::repeat_n(k.clone(), n.saturating_sub(b.get(k).copied().unwrap_or(0)))
        })
        .collect();
    out.sort();
    out
}

fn list(items: &[String]) -> String {
    if items.is_empty() {
        "nothing".to_string()
    } else {
        items
            .iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// What holds for a whole article.
struct Context {
    /// The source side is English (see [`source_is_english`]).
    english: bool,
    /// The article's locale writes native digits.
    native_digits: bool,
}

fn compare(
    article: &Article,
    segment: &Segment,
    (target, t): (&str, &Facts),
    (source, known): (&str, &Source),
    options: &QualityOptions,
    context: &Context,
    out: &mut Vec<Diagnostic>,
) {
    let id = article.id(segment);
    let span = segment.target.clone();
    // `within`: the fault's bytes in the target (or in the source, for what
    // the target lacks), when the rule knows them; else the whole target.
    let report_at = |rule: Rule, message: String, help: &str, within: Option<Place>| {
        let underline = within
            .and_then(|place| in_file(segment, place))
            .unwrap_or(span.clone());
        Diagnostic::new(rule, article.file.rel.clone(), message)
            .at(&article.text, &article.lines, underline)
            .line(article.lines.locate(&article.text, segment.start).line)
            .segment(id)
            .help(help)
    };
    let report = |rule: Rule, message: String, help: &str| report_at(rule, message, help, None);
    let s = known.facts(source);

    // markup-unsafe first: injected active content is an error, and the
    // tags it adds are not reported again as a markup mismatch.
    let source_kinds = unsafe_kinds(s, source);
    let unsafe_added = unsafe_kinds(t, target)
        .into_iter()
        .filter(|(kind, n)| *n > source_kinds.get(kind).copied().unwrap_or(0))
        .map(|(kind, _)| kind)
        .collect::<Vec<_>>();
    if !unsafe_added.is_empty() {
        let mut kinds = unsafe_added.clone();
        kinds.sort();
        // The first active tag the source does not have, else a raw `<script`.
        let added: Vec<String> = t
            .tags
            .iter()
            .filter(|tag| {
                (tag.active || is_unsafe_element(&tag.name)) && !source.contains(&tag.text)
            })
            .map(|tag| tag.text.clone())
            .collect();
        let place = locate(target, source, &added, &[]).or_else(|| {
            let at = target.to_ascii_lowercase().find("<script")?;
            Some(Place::Target(at..at + "<script".len()))
        });
        out.push(report_at(
            Rule::MarkupUnsafe,
            format!(
                "the translation brings active content the source lacks: {}",
                kinds.join(", ")
            ),
            "remove it: a translation never adds scripts, event handlers or script URLs",
            place,
        ));
    }

    if target.trim() == source.trim() {
        if context.english && has_words_to_translate(s, &options.do_not_translate) {
            out.push(report(
                Rule::Untranslated,
                "the target is the source text, unchanged".to_string(),
                "translate the segment, or add its terms to `do-not-translate` in helpc.toml if they stay in English",
            ));
        }
        return;
    }
    if context.english
        && tokens::trivially_equal(target, source)
        && has_words_to_translate(s, &options.do_not_translate)
    {
        let (ours, theirs) = first_difference(target, source);
        out.push(report_at(
            Rule::NearUntranslated,
            format!(
                "the target is the English source with a trivial edit: it has {ours} where the source has {theirs}"
            ),
            "translate the segment",
            differing_bytes(target, source).map(Place::Target),
        ));
        return;
    }

    let raw = (target, source);
    check_links(t, s, raw, &report_at, out);

    // Escaped markers are their own fault, not also a count of bold.
    let before = out.len();
    check_escapes(t, s, target, source, &report_at, out);
    let escaped = out.len() > before;
    check_markup(t, s, raw, escaped, &report_at, out);
    check_placeholders_and_numbers(t, (s, known), raw, &report_at, out);

    if !context.native_digits
        && s.text.chars().any(|c| c.is_ascii_digit())
        && tokens::native_digits(source).is_none()
        && let Some(range) = tokens::native_digits(target)
    {
        out.push(report_at(
            Rule::DigitsNative,
            format!(
                "the target writes `{}` in native digits where the source has ASCII digits",
                &target[range.clone()]
            ),
            "write the digits 0-9 as the source does (or list the locale in `native-digits` in helpc.toml)",
            Some(Place::Target(range)),
        ));
    }
    check_tokens((s, known), t, (target, source), options, &report_at, out);

    check_invisible(t, s, target, &report_at, out);
}

type ReportAt<'a> = dyn Fn(Rule, String, &str, Option<Place>) -> Diagnostic + 'a;

/// A fault's place as bytes of the file; `None` when it is empty or not
/// inside its side's text.
fn in_file(segment: &Segment, place: Place) -> Option<Range<usize>> {
    let (side, r) = match place {
        Place::Target(r) => (segment.target.clone(), r),
        Place::Source(r) => (segment.source.as_ref()?.text.clone(), r),
    };
    (r.start < r.end && r.end <= side.len()).then(|| side.start + r.start..side.start + r.end)
}

/// The raw texts of tags whose normal form (`tag_text`) is one of `wanted`.
fn raw_tags(tags: &[HtmlTag], wanted: &[String]) -> Vec<String> {
    tags.iter()
        .filter(|tag| wanted.contains(&tag_text(tag)))
        .map(|tag| tag.text.clone())
        .collect()
}

/// Up to four bold (or italic) spans of a fragment, quoted.
fn quote_spans(fragment: &str, strong: bool) -> String {
    let spans = super::fault::emphasis_spans(fragment, strong);
    if spans.is_empty() {
        return String::new();
    }
    let mut quoted: Vec<String> = spans
        .iter()
        .take(4)
        .map(|r| super::fault::shorten(&fragment[r.clone()], 40))
        .collect();
    if spans.len() > 4 {
        quoted.push("…".to_string());
    }
    format!(" ({})", quoted.join(", "))
}

/// `code-mismatch`, `emphasis-mismatch`, `markup-mismatch`.
fn check_markup(
    t: &Facts,
    s: &Facts,
    (target, source): (&str, &str),
    escaped: bool,
    report_at: &ReportAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let code_t = multiset(t.code.iter().cloned());
    let code_s = multiset(s.code.iter().cloned());
    if code_t != code_s || t.loose_backticks != s.loose_backticks {
        let lost = minus(&code_s, &code_t);
        let added = minus(&code_t, &code_s);
        let place = locate(target, source, &added, &lost)
            .or_else(|| target.find('`').map(|at| Place::Target(at..at + 1)));
        out.push(report_at(
            Rule::CodeMismatch,
            format!(
                "inline code differs: the source has {} that the target lacks; the target has {}",
                list(&lost),
                list(&added)
            ),
            "inline code is never translated: copy it from the source as it is",
            place,
        ));
    }

    let strong_t = t.strong * 2 + t.loose_strong;
    let strong_s = s.strong * 2 + s.loose_strong;
    if !escaped && (strong_t != strong_s || t.emphasis != s.emphasis) {
        let strong = strong_t != strong_s;
        out.push(report_at(
            Rule::EmphasisMismatch,
            format!(
                "emphasis differs: the source has {} bold and {} italic{}, the target {} bold and {} italic{}",
                strong_s / 2 + strong_s % 2,
                s.emphasis,
                quote_spans(source, strong),
                strong_t / 2 + strong_t % 2,
                t.emphasis,
                quote_spans(target, strong),
            ),
            "keep the `**` and `*` markers around the translated words",
            emphasis_fault(target, source),
        ));
    }

    let shown = |tags: &[HtmlTag]| {
        multiset(
            tags.iter()
                .filter(|t| !t.active && !is_unsafe_element(&t.name))
                .map(tag_text),
        )
    };
    let tags_t = shown(&t.tags);
    let tags_s = shown(&s.tags);
    if tags_t != tags_s {
        let lost = minus(&tags_s, &tags_t);
        let added = minus(&tags_t, &tags_s);
        let place = locate(
            target,
            source,
            &raw_tags(&t.tags, &added),
            &raw_tags(&s.tags, &lost),
        );
        out.push(report_at(
            Rule::MarkupMismatch,
            format!(
                "HTML tags differ: the source has {} that the target lacks; the target has {}",
                list(&lost),
                list(&added)
            ),
            "keep the source's tags and pseudo-tags as they are",
            place,
        ));
    }
}

/// What `placeholder-mismatch` and `number-mismatch` read of a source.
pub(super) struct SourceSide {
    /// Its placeholders as written, and as compared ([`fold_placeholder`]).
    placeholders: Vec<String>,
    folded: HashMap<String, usize>,
    /// Its numbers outside the placeholders.
    numbers: Vec<numbers::Number>,
}

impl SourceSide {
    fn of(s: &Facts) -> SourceSide {
        let placeholders = placeholders(&s.text);
        SourceSide {
            folded: multiset(placeholders.iter().map(|p| fold_placeholder(p))),
            numbers: numbers::numbers(&without(&s.text, &placeholders)),
            placeholders,
        }
    }
}

/// A placeholder as compared: PowerShell and shell-like `$variables`
/// ignore case (`$True` = `$true`).
fn fold_placeholder(p: &str) -> String {
    if p.starts_with('$') {
        p.to_ascii_lowercase()
    } else {
        p.to_string()
    }
}

/// `placeholder-mismatch`, `number-mismatch`.
fn check_placeholders_and_numbers(
    t: &Facts,
    (s, known): (&Facts, &Source),
    (target, source): (&str, &str),
    report_at: &ReportAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let found_t = placeholders(&t.text);
    // Each locale's copy of a source has the same: found once per thread.
    let side = known.side.get_or_init(|| SourceSide::of(s));
    let (found_s, placeholders_s) = (&side.placeholders, &side.folded);
    let folded = |p: &String| fold_placeholder(p);
    let placeholders_t = multiset(found_t.iter().map(folded));
    if placeholders_t != *placeholders_s {
        let lost = minus(placeholders_s, &placeholders_t);
        let added = minus(&placeholders_t, placeholders_s);
        // As written (the lists fold `$variables`' case).
        let written = |found: &[String], wanted: &[String]| -> Vec<String> {
            found
                .iter()
                .filter(|p| wanted.contains(&folded(p)))
                .cloned()
                .collect()
        };
        let place = locate(
            target,
            source,
            &written(&found_t, &added),
            &written(found_s, &lost),
        );
        out.push(report_at(
            Rule::PlaceholderMismatch,
            format!(
                "placeholders differ: the source has {} that the target lacks; the target has {}",
                list(&lost),
                list(&added)
            ),
            "placeholders are filled in by software or by the reader: copy them from the source",
            place,
        ));
    }

    let source_numbers = &side.numbers;
    let target_numbers = numbers::numbers(&without(&t.text, &found_t));
    let lost = numbers::missing(source_numbers, &target_numbers);
    if !lost.is_empty() {
        // A number the target has too, but fewer times, is said so.
        let times = |numbers: &[numbers::Number], n: &numbers::Number| {
            numbers
                .iter()
                .filter(|m| m.readings.iter().any(|r| n.readings.contains(r)))
                .count()
        };
        let mut described: Vec<String> = Vec::new();
        for n in &lost {
            let in_target = times(&target_numbers, n);
            let text = if in_target > 0 {
                let plural = if in_target == 1 { "" } else { "s" };
                format!(
                    "`{}` {} times (the target {in_target} time{plural})",
                    n.written,
                    times(source_numbers, n),
                )
            } else {
                format!("`{}`", n.written)
            };
            if !described.contains(&text) {
                described.push(text);
            }
        }
        let target_list: Vec<String> = target_numbers.iter().map(|n| n.written.clone()).collect();
        // A number of the target the source lacks is the likely fault;
        // else the source's number the target lacks.
        let written = |numbers: &[&numbers::Number]| -> Vec<String> {
            numbers.iter().map(|n| n.written.clone()).collect()
        };
        let place = locate(
            target,
            source,
            &written(&numbers::missing(&target_numbers, source_numbers)),
            &written(&lost),
        );
        out.push(report_at(
            Rule::NumberMismatch,
            format!(
                "numbers differ: the source has {} that the target lacks (the target has {})",
                described.join(", "),
                list(&target_list)
            ),
            "check the number: only its separators may change between languages",
            place,
        ));
    }
}

/// `invisible-tag`: a pseudo-tag the page would read as HTML.
fn check_invisible(
    t: &Facts,
    s: &Facts,
    target: &str,
    report_at: &ReportAt,
    out: &mut Vec<Diagnostic>,
) {
    if let Some(tag) = t.tags.iter().find(|tag| tag.pseudo && !tag.closing) {
        let inherited = if s.tags.iter().any(|other| other.text == tag.text) {
            " (inherited: the English source has it too)"
        } else {
            ""
        };
        let within = target
            .find(tag.text.as_str())
            .map(|at| Place::Target(at..at + tag.text.len()));
        out.push(report_at(
            Rule::InvisibleTag,
            format!(
                "`{}` is read as an HTML tag, so the page shows nothing in its place{inherited}",
                tag.text
            ),
            &format!(
                "escape it as `\\{}\\>` to show it as text",
                tag.text.trim_end_matches('>')
            ),
            within,
        ));
    }
}

/// `emphasis-escaped`: `\*\*` on one side where the other has real bold.
fn check_escapes(
    t: &Facts,
    s: &Facts,
    target: &str,
    source: &str,
    report_at: &ReportAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    let (t_double, t_single) = tokens::escaped_markers(target);
    let (s_double, s_single) = tokens::escaped_markers(source);
    let target_escapes = (t_double > s_double && s.strong > t.strong)
        || (t_single > s_single && s.emphasis > t.emphasis);
    let source_escapes = (s_double > t_double && t.strong > s.strong)
        || (s_single > t_single && t.emphasis > s.emphasis);
    if target_escapes {
        out.push(report_at(
            Rule::EmphasisEscaped,
            "the target escapes its emphasis markers (`\\*\\*`): the page shows asterisks where the source is bold or italic".to_string(),
            "write `**…**` (or `*…*`) without backslashes, as the source does",
            tokens::first_escaped(target).map(Place::Target),
        ));
    } else if source_escapes {
        let within = target.find("**").or_else(|| target.find('*')).map(|at| {
            let run = if target[at..].starts_with("**") { 2 } else { 1 };
            Place::Target(at..at + run)
        });
        out.push(report_at(
            Rule::EmphasisEscaped,
            "the source shows its asterisks literally (`\\*\\*`) and the target makes them bold or italic".to_string(),
            "escape the markers (`\\*`) as the source does, or check the English source",
            within,
        ));
    }
}

/// `token-mangled`: the source's technical tokens that are not in the
/// target as written.
fn check_tokens(
    (s, known): (&Facts, &Source),
    t: &Facts,
    (raw_target, raw_source): (&str, &str),
    options: &QualityOptions,
    report_at: &ReportAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // The target's text and code, not its link destinations: a cmdlet's
    // name in the URL of its documentation is not the cmdlet in the text.
    let mut target = t.text.clone();
    for code in &t.code {
        target.push('\n');
        target.push_str(code);
    }
    let target = target.as_str();
    let found = source_tokens(known, &s.text, options.products());
    let mut missing = Vec::new();
    let mut underline = None;
    let mut case_only: Option<(String, String, Option<Place>)> = None;
    for &(ref token, times) in found.iter() {
        if let Err(place) = tokens::find_times(target, token, times) {
            // Written with native digits (`Microsoft ๓๖๕`): `digits-native`'s.
            if tokens::find_times(&numbers::ascii_digits(target), token, times).is_ok() {
                continue;
            }
            // The product's new name.
            let renamed = tokens::RENAMED
                .iter()
                .filter(|(old, _)| *old == token.text)
                .any(|(_, new)| {
                    let new = tokens::Token {
                        kind: token.kind,
                        text: new.to_string(),
                    };
                    tokens::find_times(target, &new, times).is_ok()
                });
            if renamed {
                continue;
            }
            // A longer token that holds this one is reported instead.
            if found.iter().any(|(other, _)| {
                other.text != token.text
                    && other.text.contains(&token.text)
                    && tokens::find_times(target, other, 1).is_err()
            }) {
                continue;
            }
            // Only the letter case or spacing of a product name changed:
            // `token-case`, a note.
            if token.kind == tokens::Kind::Product
                && let Some(range) = &place
                && same_letters(&target[range.clone()], &token.text)
            {
                if case_only.is_none() {
                    let found = &target[range.clone()];
                    case_only = Some((
                        token.text.clone(),
                        found.to_string(),
                        raw_target
                            .find(found)
                            .map(|at| Place::Target(at..at + found.len())),
                    ));
                }
                continue;
            }
            let shown = match &place {
                Some(range) => format!(
                    "the source's {} `{}` is written `{}` here",
                    token.kind.describe(),
                    token.text,
                    &target[range.clone()]
                ),
                None => format!(
                    "the source's {} `{}` is not in the target",
                    token.kind.describe(),
                    token.text
                ),
            };
            if underline.is_none() {
                // From the text searched back to the raw target; a token
                // the target lacks, in the source.
                underline = match place {
                    Some(range) => {
                        super::fault::find_escaped(raw_target, &target[range]).map(Place::Target)
                    }
                    None => find_item(raw_source, &token.text).map(Place::Source),
                };
            }
            missing.push(shown);
        }
    }
    if !missing.is_empty() {
        out.push(report_at(
            Rule::TokenMangled,
            format!("technical token altered: {}", missing.join("; ")),
            "copy commands, keys, file names, paths, URLs and product names as the source writes them",
            underline,
        ));
    }
    if let Some((name, found, within)) = case_only {
        out.push(report_at(
            Rule::TokenCase,
            format!("the source's product name `{name}` is written `{found}` here"),
            "write product names with the source's capitals and spaces",
            within,
        ));
    }
}

/// A source's tokens, each with the times a target must have it.
pub(super) type SourceTokens = Vec<(tokens::Token, usize)>;

/// The tokens of a source's text, each with the number of times the target
/// must have it: made once per source and list of products on a worker
/// thread (kept in `known`), as every locale's article repeats the source.
fn source_tokens(
    known: &Source,
    text: &str,
    products: &tokens::Products,
) -> std::rc::Rc<SourceTokens> {
    if let Some((id, found)) = &*known.tokens.borrow()
        && *id == products.id
    {
        return std::rc::Rc::clone(found);
    }
    let found: std::rc::Rc<SourceTokens> = std::rc::Rc::new(
        tokens::tokens(text, products)
            .into_iter()
            .map(|token| {
                // Repeated names are often merged by a translation;
                // technical tokens must all be there.
                let times = match token.kind {
                    tokens::Kind::Product => 1,
                    _ => tokens::count_of(text, &token.text, token.kind).max(1),
                };
                (token, times)
            })
            .collect(),
    );
    *known.tokens.borrow_mut() = Some((products.id, std::rc::Rc::clone(&found)));
    found
}

/// The same letters, ignoring case and white space (`Office365`, `office 365`).
fn same_letters(a: &str, b: &str) -> bool {
    let letters = |s: &str| -> String {
        s.chars()
            .filter(|c| !c.is_whitespace())
            .flat_map(char::to_lowercase)
            .collect()
    };
    letters(a) == letters(b)
}

/// What `a` has where `b` differs, and what `b` has there: the differing
/// characters with the word they sit in, white space named (a trivial edit
/// is often only a space), so the two quotes never read the same.
fn first_difference(a: &str, b: &str) -> (String, String) {
    let (mut ra, mut rb) = diff_ranges(a, b);
    // A difference in white space: only the first run of it.
    let space_run = |text: &str, at: usize| {
        at + text[at..]
            .find(|c: char| !c.is_whitespace())
            .unwrap_or(text.len() - at)
    };
    let mut at = ra.start;
    let starts_with_space = |text: &str, at: usize| text[at..].starts_with(char::is_whitespace);
    if starts_with_space(a, at) || starts_with_space(b, at) {
        // The whole run, with the spaces both sides share before it.
        while let Some(c) = a[..at].chars().next_back().filter(|c| c.is_whitespace()) {
            at -= c.len_utf8();
        }
        ra = at..space_run(a, at);
        rb = at..space_run(b, at);
    } else {
        // Punctuation (`，` for `,`): only its run, not the rest of the text.
        let marks = |text: &str| {
            at + text[at..]
                .find(char::is_alphanumeric)
                .unwrap_or(text.len() - at)
        };
        let mark_at = |text: &str| text[at..].starts_with(|c: char| !c.is_alphanumeric());
        if mark_at(a) || mark_at(b) {
            // Both ends are character boundaries: the end of the run, or
            // the end of the differing middle, whichever comes first.
            ra = at..marks(a).min(ra.end).max(at);
            rb = at..marks(b).min(rb.end).max(at);
        }
    }
    let describe = |text: &str, range: Range<usize>| -> String {
        let part = &text[range.clone()];
        if part.is_empty() {
            return "nothing".to_string();
        }
        if part.chars().all(char::is_whitespace) {
            let n = part.chars().count();
            let plural = if n == 1 { "" } else { "s" };
            if part.chars().all(|c| c == ' ') {
                return format!("{n} space{plural}");
            }
            let codes: Vec<String> = part
                .chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            return format!("{n} special space{plural} ({})", codes.join(" "));
        }
        if part.chars().all(|c| !c.is_alphanumeric()) {
            let codes: Vec<String> = part
                .chars()
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            return format!("`{part}` ({})", codes.join(" "));
        }
        // Letters: the whole word(s) they belong to.
        let start = text[..range.start]
            .rfind(char::is_whitespace)
            .map_or(0, |p| p + 1);
        let end = text[range.end..]
            .find(char::is_whitespace)
            .map_or(text.len(), |p| range.end + p);
        format!("`{}`", &text[start..end])
    };
    let (ours, theirs) = (describe(a, ra.clone()), describe(b, rb));
    // Where it is: after the word before the difference.
    let before = a[..ra.start].trim_end();
    let word = before
        .rfind(char::is_whitespace)
        .map_or(before, |p| &before[p + 1..]);
    if word.is_empty() {
        (ours, theirs)
    } else {
        (format!("{ours} after `{word}`"), theirs)
    }
}

/// The differing middles of `a` and `b`: after their common prefix,
/// before their common suffix.
fn diff_ranges(a: &str, b: &str) -> (Range<usize>, Range<usize>) {
    let prefix = a
        .char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or(a.len().min(b.len()), |((i, _), _)| i);
    let suffix = a[prefix..]
        .chars()
        .rev()
        .zip(b[prefix..].chars().rev())
        .take_while(|(x, y)| x == y)
        .map(|(x, _)| x.len_utf8())
        .sum::<usize>();
    (prefix..a.len() - suffix, prefix..b.len() - suffix)
}

/// The bytes of `a` that differ from `b`; for a dropped character, the
/// one before where it was.
fn differing_bytes(a: &str, b: &str) -> Option<Range<usize>> {
    let (range, _) = diff_ranges(a, b);
    if range.is_empty() {
        let before = a[..range.start].char_indices().next_back()?.0;
        return Some(before..range.start);
    }
    Some(range)
}

/// The link rules: what parses as a link, and the halves a segment cut.
fn check_links(
    t: &Facts,
    s: &Facts,
    (target, source): (&str, &str),
    report_at: &ReportAt<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // `] (` followed by a word is bracketed text (Japanese UI labels), not
    // a link: such halves count only where the other side links there.
    let all = |f: &Facts, other: &Facts| {
        multiset(
            f.destinations
                .iter()
                .chain(&f.closers)
                .chain(f.spaced_closers.iter().filter(|d| {
                    other.destinations.contains(d)
                        || other.closers.contains(d)
                        || other.spaced_closers.contains(d)
                }))
                // Localised links (`/fr-fr/`, `?ui=fr-FR`) lead to the same page.
                .map(|d| super::urls::fold(d))
                .filter(|d| !d.is_empty()),
        )
    };
    // A link the source has that no longer parses in the target, whose
    // destination the target still holds as text (`] (url)`, a lost `[`).
    let parsed_t = multiset(t.destinations.iter().chain(&t.closers).cloned());
    let parsed_s = multiset(s.destinations.iter().chain(&s.closers).cloned());
    let unparsed: Vec<String> = minus(&parsed_s, &parsed_t)
        .into_iter()
        .filter(|d| !d.is_empty() && t.text_outside_links().contains(d.as_str()))
        .collect();
    let spaced = unparsed.iter().any(|d| t.spaced_closers.contains(d));
    let lost_opener =
        s.openers > 0 && t.openers < s.openers && t.destinations.len() <= s.destinations.len();
    if !unparsed.is_empty() || lost_opener {
        let (what, place) = if spaced {
            (
                "`] (`: the space between `]` and `(` breaks the link".to_string(),
                spaced_closer(target),
            )
        } else if !unparsed.is_empty() {
            (
                format!("the link to {} no longer parses as a link", list(&unparsed)),
                locate(target, source, &unparsed, &[]),
            )
        } else {
            (
                "a `[` that opens a link in the source is missing".to_string(),
                target
                    .find("](")
                    .map(|at| Place::Target(at..at + 2))
                    .or_else(|| source.find('[').map(|at| Place::Source(at..at + 1))),
            )
        };
        out.push(report_at(
            Rule::LinkBroken,
            format!("link syntax broken in the target: {what}"),
            "write links as `[text](url)`, with the brackets and parenthesis of the source",
            place,
        ));
        return;
    }
    let dest_t = all(t, s);
    let dest_s = all(s, t);
    if dest_t != dest_s {
        let lost = minus(&dest_s, &dest_t);
        let added = minus(&dest_t, &dest_s);
        // The destinations as written (the lists are folded).
        let written = |f: &Facts, wanted: &[String]| -> Vec<String> {
            f.destinations
                .iter()
                .chain(&f.closers)
                .chain(&f.spaced_closers)
                .filter(|d| wanted.contains(&super::urls::fold(d)))
                .cloned()
                .collect()
        };
        out.push(report_at(
            Rule::LinkMismatch,
            format!("link destinations differ: the source links to {} that the target lacks; the target links to {}", list(&lost), list(&added)),
            "keep every link and image of the source, with the same destination",
            locate(target, source, &written(t, &added), &written(s, &lost)),
        ));
    }
}

/// The first `]` + white space + `(` of a fragment.
fn spaced_closer(fragment: &str) -> Option<Place> {
    fragment.match_indices(']').find_map(|(at, _)| {
        let rest = &fragment[at + 1..];
        let spaces = rest.len() - rest.trim_start().len();
        (spaces > 0 && rest[spaces..].starts_with('(')).then(|| Place::Target(at..at + 2 + spaces))
    })
}

fn tag_text(tag: &HtmlTag) -> String {
    match (tag.closing, tag.self_closing) {
        (true, _) => format!("</{}>", tag.name),
        (false, true) => format!("<{}/>", tag.name),
        (false, false) => format!("<{}>", tag.name),
    }
}

fn is_unsafe_element(name: &str) -> bool {
    matches!(name, "script" | "iframe" | "object" | "embed" | "style")
}

/// Counts of each kind of active content on one side.
fn unsafe_kinds(facts: &Facts, raw: &str) -> HashMap<&'static str, usize> {
    let mut kinds = HashMap::default();
    for tag in &facts.tags {
        if !tag.closing && is_unsafe_element(&tag.name) {
            *kinds
                .entry(match tag.name.as_str() {
                    "script" => "<script>",
                    "iframe" => "<iframe>",
                    "object" => "<object>",
                    "embed" => "<embed>",
                    _ => "<style>",
                })
                .or_insert(0) += 1;
        }
        if tag.active {
            *kinds
                .entry("an event handler or script URL in a tag")
                .or_insert(0) += 1;
        }
    }
    // Script URLs in Markdown links are `links::check`'s: every document,
    // whatever the source has, through the URL policy.
    // Tags pulldown-cmark does not see as HTML (inside a link text, say)
    // still reach the page through the raw text.
    let bytes = raw.as_bytes();
    let raw_scripts = memchr::memchr_iter(b'<', bytes)
        .filter(|&at| {
            bytes
                .get(at..at + "<script".len())
                .is_some_and(|word| word.eq_ignore_ascii_case(b"<script"))
        })
        .count();
    if raw_scripts > kinds.get("<script>").copied().unwrap_or(0) {
        kinds.insert("<script>", raw_scripts);
    }
    kinds
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::testing::{HEAD, article, pair};

    fn run(target: &str, source: &str) -> Vec<Rule> {
        run_with(target, source, &QualityOptions::default())
    }

    fn run_with(target: &str, source: &str, options: &QualityOptions) -> Vec<Rule> {
        let text = format!("{HEAD}{}\n", pair("abcde-102", target, source));
        let article = article("fr-FR/a.md", &text);
        let mut out = Vec::new();
        check(&article, options, &mut out);
        out.iter().map(|d| d.rule).collect()
    }

    #[test]
    fn a_faithful_translation_passes() {
        assert_eq!(
            run(
                "Voir [le **guide**](https://x/a) et `cmd`, 50 000 $ en 2 étapes {0}.",
                "See [the **guide**](https://x/a) and `cmd`, $50,000 in 2 steps {0}."
            ),
            []
        );
    }

    #[test]
    fn each_fault_has_its_rule() {
        let source = "See [the guide](https://x/a) and `cmd` for **24** hours, \\<CustomDomain\\>.";
        let cases = [
            (
                "Voir [le guide](https://x/b) et `cmd` pendant **24** heures, \\<CustomDomain\\>.",
                Rule::LinkMismatch,
            ),
            (
                "Voir le guide et `cmd` pendant **24** heures, \\<CustomDomain\\>.",
                Rule::LinkMismatch,
            ),
            (
                "Voir [le guide] (https://x/a) et `cmd` pendant **24** heures, \\<CustomDomain\\>.",
                Rule::LinkBroken,
            ),
            (
                "Voir [le guide](https://x/a) et `commande` pendant **24** heures, \\<CustomDomain\\>.",
                Rule::CodeMismatch,
            ),
            (
                "Voir [le guide](https://x/a) et `cmd` pendant 24 heures, \\<CustomDomain\\>.",
                Rule::EmphasisMismatch,
            ),
            (
                "Voir [le guide](https://x/a) et `cmd` pendant **42** heures, \\<CustomDomain\\>.",
                Rule::NumberMismatch,
            ),
            (
                "Voir [le guide](https://x/a) et `cmd` pendant **24** heures.",
                Rule::PlaceholderMismatch,
            ),
            (
                "Voir [le guide](https://x/a) <script>x</script> et `cmd` pendant **24** heures, \\<CustomDomain\\>.",
                Rule::MarkupUnsafe,
            ),
            (
                "Voir [le guide](https://x/a) <img src=x onerror=y> et `cmd` pendant **24** heures, \\<CustomDomain\\>.",
                Rule::MarkupUnsafe,
            ),
            (
                "Voir [le guide](https://x/a) et `cmd` pendant <b>**24**</b> heures, \\<CustomDomain\\>.",
                Rule::MarkupMismatch,
            ),
            (
                "Voir [le guide](https://x/a) et `cmd` pendant **24** heures, <CustomDomain>.",
                Rule::InvisibleTag,
            ),
            (source, Rule::Untranslated),
        ];
        for (target, rule) in cases {
            let found = run(target, source);
            assert!(found.contains(&rule), "{rule}: {target} -> {found:?}");
        }
    }

    #[test]
    fn shared_halves_of_links_are_not_flagged() {
        assert_eq!(run("[**Paramètres**", "[**Settings**"), []);
        assert_eq!(
            run(
                "**Stockage**](https://x/y), ou",
                "**Storage**](https://x/y), or"
            ),
            []
        );
        assert_eq!(
            run(
                "**Stockage**] ( https://x/y) ou",
                "**Storage**](https://x/y), or"
            ),
            [Rule::LinkBroken]
        );
        assert_eq!(run("**Paramètres**", "[**Settings**"), [Rule::LinkBroken]);
        // A link whose text is its URL, pointed elsewhere, is a mismatch.
        assert_eq!(
            run(
                "Aller à [https://a.b/c](https://x.y/z).",
                "Go to [https://a.b/c](https://a.b/c)."
            ),
            [Rule::LinkMismatch]
        );
        // Japanese brackets UI labels: `[設定] (...)` is not a link.
        assert_eq!(
            run(
                "[**設定**] > [**アカウント**] (Windows 10 の場合)",
                "**Settings** > **Account** (if Windows 10)"
            ),
            []
        );
    }

    #[test]
    fn untranslated_skips_names_code_and_terms() {
        assert_eq!(run("Microsoft Teams", "Microsoft Teams"), []);
        assert_eq!(
            run("**Outlook for Windows**:", "**Outlook for Windows**:"),
            []
        );
        assert_eq!(run("`helpc check`", "`helpc check`"), []);
        assert_eq!(run("https://aka.ms/x", "https://aka.ms/x"), []);
        assert_eq!(run("**sfc /scannow**", "**sfc /scannow**"), []);
        assert_eq!(run("ipconfig /flushdns", "ipconfig /flushdns"), []);
        assert_eq!(
            run("Open the settings", "Open the settings"),
            [Rule::Untranslated]
        );
        let options = QualityOptions {
            do_not_translate: vec!["Open the settings".into()],
            ..QualityOptions::default()
        };
        assert_eq!(
            run_with("Open the settings", "Open the settings", &options),
            []
        );
    }

    #[test]
    fn new_rules_each_find_their_fault() {
        assert_eq!(
            run("Wählen Sie \\*\\*Speichern\\*\\*.", "Select **Save**."),
            [Rule::EmphasisEscaped]
        );
        assert_eq!(
            run("Sélectionnez **Enregistrer**.", "Select \\*\\*Save\\*\\*."),
            [Rule::EmphasisEscaped]
        );
        // Escaped alike on both sides: meant literally.
        assert_eq!(run("Tapez \\*\\*x.", "Type \\*\\*x."), []);
        assert_eq!(
            run("ใช้ Microsoft ๓๖๕ ได้", "Use Microsoft 365 now"),
            [Rule::DigitsNative]
        );
        let thai = QualityOptions {
            native_digits: vec!["fr-fr".into()],
            ..QualityOptions::default()
        };
        assert_eq!(
            run_with("ใช้ Microsoft ๓๖๕ ได้", "Use Microsoft 365 now", &thai),
            []
        );
        assert_eq!(
            run("Exécutez Supprimer-MsolGroup.", "Run Remove-MsolGroup."),
            [Rule::TokenMangled]
        );
        assert_eq!(
            run(
                "Ouvrez HKEY_LOCAL_MACHINE \\SOFTWARE.",
                "Open HKEY_LOCAL_MACHINE\\SOFTWARE."
            ),
            [Rule::TokenMangled]
        );
        assert_eq!(run("เปิด ทีม", "Open Teams"), [Rule::TokenMangled]);
        assert_eq!(
            run("Ouvrez Teams et setup.EXE.", "Open Teams and setup.exe."),
            []
        );
        assert_eq!(
            run(
                "Open the settings，then save",
                "Open the settings, then save."
            ),
            [Rule::NearUntranslated]
        );
        assert_eq!(run("Microsoft Teams.", "Microsoft Teams"), []);
    }

    #[test]
    fn messages_point_at_the_fault() {
        let text = format!(
            "{HEAD}{}\n",
            pair(
                "abcde-102",
                "Wählen Sie \\*\\*Speichern\\*\\*.",
                "Select **Save**."
            )
        );
        let first = article("fr-FR/a.md", &text);
        let mut out = Vec::new();
        check(&first, &QualityOptions::default(), &mut out);
        assert_eq!(out.len(), 1, "{out:#?}");
        let excerpt = out[0].excerpt.as_ref().unwrap();
        assert_eq!(&excerpt.text[excerpt.underline.clone()], "\\*\\*");
        let text = format!(
            "{HEAD}{}\n",
            pair(
                "abcde-102",
                "Go to **Home**  > **Save** to keep changes",
                "Go to **Home** > **Save** to keep changes"
            )
        );
        let second = article("fr-FR/a.md", &text);
        let mut out = Vec::new();
        check(&second, &QualityOptions::default(), &mut out);
        assert_eq!(out[0].rule, Rule::NearUntranslated);
        assert_eq!(
            out[0].message,
            "the target is the English source with a trivial edit: it has 2 spaces after `**Home**` where the source has 1 space"
        );
    }

    #[test]
    fn articles_whose_source_is_not_english_are_not_untranslated() {
        let spanish = [
            "Para pagar con boleto, abra la aplicación.",
            "Seleccione el método de pago y la fecha.",
            "Los pagos se procesan en dos días.",
        ];
        let mut text = HEAD.to_string();
        for (n, sentence) in spanish.iter().enumerate() {
            text.push_str(&pair(&format!("abcde-{}", 102 + n), sentence, sentence));
            text.push_str("\n\n");
        }
        let spanish_article = article("fr-FR/a.md", &text);
        let mut out = Vec::new();
        check(&spanish_article, &QualityOptions::default(), &mut out);
        assert!(out.is_empty(), "{out:#?}");
        // Declared in the front matter.
        let declared = text.replace("---\ntitle", "---\nsource-language: en\ntitle");
        let mut out = Vec::new();
        check(
            &article("fr-FR/a.md", &declared),
            &QualityOptions::default(),
            &mut out,
        );
        assert!(out.iter().any(|d| d.rule == Rule::Untranslated), "{out:#?}");
    }

    #[test]
    fn placeholder_forms() {
        assert_eq!(
            placeholders("{0} {name} %s %1$s $user <Domain> 50% $5 {} <3 ユーザー$count"),
            ["{0}", "{name}", "%s", "%1$s", "$user", "<Domain>", "$count"]
        );
        // The name ends where the script changes.
        assert_eq!(placeholders("$name를 입력"), ["$name"]);
        assert_eq!(placeholders("$users名前"), ["$users"]);
        // PowerShell ignores case.
        assert_eq!(run("Définir sur $true.", "Set to $True."), []);
        assert_eq!(
            run("Définir sur $faux.", "Set to $False."),
            [Rule::PlaceholderMismatch]
        );
    }
}
