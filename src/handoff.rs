//! `helpc handoff`: from a source-locale article, the span-aligned file of
//! a locale. The English body is cut into segments (the text of headings,
//! list items, quotes, table cells and paragraphs, sentence by sentence);
//! each gets an id in the format (the existing file's prefix, else one
//! derived from the path) and a target: the existing translation of the
//! same sentence, else that of a near match (flagged for review), else the
//! English itself (flagged as new; `untranslated` reports it until a
//! translator replaces it). Unchanged sentences keep their ids; new and
//! near-match ones are listed as unfinished in the front matter.

use std::collections::{BTreeSet, HashMap, VecDeque};

use crate::read::Article;

/// How a segment's target was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Origin {
    /// The same English sentence was translated before.
    Carried,
    /// A similar sentence was: its translation needs a review.
    NearMatch,
    /// No translation yet: the target is the English.
    New,
}

#[derive(Clone, Debug, serde::Serialize)]
pub struct HandedOff {
    pub id: String,
    pub origin: Origin,
    pub source: String,
}

/// Below this similarity (0 to 1), a sentence is new rather than near.
const NEAR: f64 = 0.75;

/// The locale's file for the source article `source`, given the locale's
/// current file (`existing`), if any. `date`: the handoff date
/// (`MM/DD/YYYY`).
///
/// A segment whose English is unchanged keeps its id (and its translation);
/// every other segment gets a new id after the file's highest, so an export
/// made before the handoff never lands on the wrong sentence after it. New
/// and near-match segments are listed in the front matter as unfinished
/// (see [`crate::interchange::pending`]); `ms.translationtype` is kept.
pub fn hand_off(
    source: &Article,
    existing: Option<&Article>,
    locale: &str,
    date: &str,
) -> (String, Vec<HandedOff>) {
    use crate::interchange::pending;
    let memory: Vec<(String, String, String)> = existing
        .map(|article| {
            article
                .scan
                .segments
                .iter()
                .filter_map(|s| {
                    Some((
                        normal(article.source(s)?),
                        article.target(s).to_string(),
                        article.id(s).to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    // English → the ids (in order) and targets of the segments that hold it.
    let mut unused: HashMap<&str, VecDeque<(&str, &str)>> = HashMap::new();
    let mut exact: HashMap<&str, &str> = HashMap::new();
    for (source, target, id) in &memory {
        unused
            .entry(source.as_str())
            .or_default()
            .push_back((id.as_str(), target.as_str()));
        exact.entry(source.as_str()).or_insert(target.as_str());
    }
    let pairs: Vec<(String, String)> = memory
        .iter()
        .map(|(s, t, _)| (s.clone(), t.clone()))
        .collect();
    let was_untranslated = existing
        .map(|a| pending::ids(a, pending::UNTRANSLATED))
        .unwrap_or_default();
    let was_fuzzy = existing
        .map(|a| pending::ids(a, pending::FUZZY))
        .unwrap_or_default();
    let prefix = existing
        .and_then(|article| {
            let id = article.id(article.scan.segments.first()?);
            id.split_once('-').map(|(p, _)| p.to_string())
        })
        .unwrap_or_else(|| new_prefix(&source.file.local));
    let highest = memory
        .iter()
        .filter_map(|(_, _, id)| {
            let (_, number) = id.rsplit_once('-')?;
            number.trim_start_matches('p').parse::<u64>().ok()
        })
        .max()
        .unwrap_or(0);
    let mut number = highest.max(100) + 1;
    let mut untranslated = BTreeSet::new();
    let mut fuzzy = BTreeSet::new();
    let mut segments = Vec::new();
    let mut pair = |english: &str| -> String {
        let key = normal(english);
        let mut fresh = || {
            let id = format!("{prefix}-{number}");
            number += 1;
            id
        };
        let kept = unused.get_mut(key.as_str()).and_then(VecDeque::pop_front);
        let (id, target, origin) = match kept {
            Some((id, target)) => {
                if was_untranslated.contains(id) {
                    untranslated.insert(id.to_string());
                } else if was_fuzzy.contains(id) {
                    fuzzy.insert(id.to_string());
                }
                (id.to_string(), target.to_string(), Origin::Carried)
            }
            None => match exact.get(key.as_str()) {
                // The same sentence once more: its translation, a new id.
                Some(target) => (fresh(), target.to_string(), Origin::Carried),
                None => match composed(&key, &pairs) {
                    Some(target) => (fresh(), target, Origin::Carried),
                    None => match nearest(&key, &pairs) {
                        Some(target) => {
                            let id = fresh();
                            fuzzy.insert(id.clone());
                            (id, target.to_string(), Origin::NearMatch)
                        }
                        None => {
                            let id = fresh();
                            untranslated.insert(id.clone());
                            (id, english.to_string(), Origin::New)
                        }
                    },
                },
            },
        };
        segments.push(HandedOff {
            id: id.clone(),
            origin,
            source: english.to_string(),
        });
        format!(
            "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{english}</span></span>"
        )
    };
    let mut body_out = String::new();
    let body = &source.text[source.body..];
    let mut fence: Option<&str> = None;
    for line in body.split_inclusive('\n') {
        let (content, ending) = match line.strip_suffix('\n') {
            Some(content) => (content, "\n"),
            None => (line, ""),
        };
        let trimmed = content.trim_start();
        if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            body_out.push_str(line);
            continue;
        }
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            fence = Some(&trimmed[..3]);
            body_out.push_str(line);
            continue;
        }
        body_out.push_str(&segment_line(content, &mut pair));
        body_out.push_str(ending);
    }
    let mut out = front_matter(source, existing, locale, date);
    // The unfinished lists close the block.
    let close = out.len() - "---\n".len();
    out.insert_str(
        close,
        &format!(
            "{}{}",
            pending::line(pending::UNTRANSLATED, &untranslated),
            pending::line(pending::FUZZY, &fuzzy)
        ),
    );
    out.push_str(&body_out);
    (out, segments)
}

/// The source's front matter, for the locale: its own `title` and
/// `description` where the existing file has them.
fn front_matter(source: &Article, existing: Option<&Article>, locale: &str, date: &str) -> String {
    let mut out = String::from("---\n");
    let yaml = source
        .front_matter
        .yaml_range()
        .map_or("", |range| &source.text[range]);
    for line in yaml.lines() {
        let key = line.split(':').next().unwrap_or("").trim();
        let kept = match key {
            "ms.contentlocale"
            | "ms.lasthandoff"
            | "ms.translationtype"
            | crate::interchange::pending::UNTRANSLATED
            | crate::interchange::pending::FUZZY => continue,
            "title" | "description" => existing
                .and_then(|e| e.front_matter.string(key))
                .map(|value| format!("{key}: {}", yaml_scalar(&value))),
            _ => None,
        };
        out.push_str(&kept.unwrap_or_else(|| line.to_string()));
        out.push('\n');
    }
    out.push_str(&format!("ms.contentlocale: {locale}\n"));
    out.push_str(&format!("ms.lasthandoff: {date}\n"));
    // Machine or human translation: what the locale's file said.
    if let Some(kind) = existing.and_then(|e| e.front_matter.string("ms.translationtype")) {
        out.push_str(&format!("ms.translationtype: {}\n", yaml_scalar(&kind)));
    }
    out.push_str("---\n");
    out
}

fn yaml_scalar(value: &str) -> String {
    if value.chars().any(|c| {
        matches!(
            c,
            ':' | '#'
                | '"'
                | '\''
                | '['
                | ']'
                | '{'
                | '}'
                | ','
                | '&'
                | '*'
                | '!'
                | '|'
                | '>'
                | '%'
                | '@'
                | '`'
        )
    }) {
        format!("\"{}\"", value.replace('\\', "\\\\").replace('"', "\\\""))
    } else {
        value.to_string()
    }
}

/// One line of the body with its text cut into segments; markup that
/// opens the line (heading, list, quote, table pipes) stays outside.
fn segment_line(line: &str, pair: &mut dyn FnMut(&str) -> String) -> String {
    let trimmed = line.trim_start();
    let indent = &line[..line.len() - trimmed.len()];
    if trimmed.is_empty()
        || trimmed.starts_with('<')
        || trimmed.starts_with("[!INCLUDE")
        || trimmed.starts_with("> [!")
        || is_rule(trimmed)
    {
        return line.to_string();
    }
    if trimmed.starts_with('|') {
        if trimmed.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
            return line.to_string();
        }
        let cells: Vec<String> = trimmed
            .trim_end()
            .trim_matches('|')
            .split('|')
            .map(|cell| {
                let text = cell.trim();
                if text.is_empty() {
                    cell.to_string()
                } else {
                    format!(" {} ", sentences(text, pair))
                }
            })
            .collect();
        return format!("{indent}|{}|", cells.join("|"));
    }
    let marker_len = marker(trimmed);
    let (marker, text) = trimmed.split_at(marker_len);
    if text.trim().is_empty() {
        return line.to_string();
    }
    format!("{indent}{marker}{}", sentences(text, pair))
}

fn is_rule(text: &str) -> bool {
    let t = text.trim();
    t.len() >= 3
        && (t.chars().all(|c| c == '-' || c == ' ') || t.chars().all(|c| c == '*' || c == ' '))
}

/// The length of the markup that opens a line: `#`s, `>`s, a list marker.
fn marker(text: &str) -> usize {
    let mut at = 0;
    let bytes = text.as_bytes();
    loop {
        let rest = &text[at..];
        if rest.starts_with('#') {
            let hashes = rest.bytes().take_while(|&b| b == b'#').count();
            if rest[hashes..].starts_with(' ') {
                at += hashes + 1;
                continue;
            }
        }
        if rest.starts_with("> ") {
            at += 2;
            continue;
        }
        if rest.starts_with("- ") || rest.starts_with("* ") || rest.starts_with("+ ") {
            at += 2;
            continue;
        }
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0
            && matches!(bytes.get(at + digits), Some(b'.' | b')'))
            && bytes.get(at + digits + 1) == Some(&b' ')
        {
            at += digits + 2;
            continue;
        }
        // A DocFX heading anchor stays outside the segment too.
        if rest.starts_with("<a name=\"")
            && let Some(end) = rest.find("</a>")
        {
            at += end + 4;
            continue;
        }
        return at;
    }
}

/// `text` cut into sentences, each one a segment, joined by the spaces
/// between them.
fn sentences(text: &str, pair: &mut dyn FnMut(&str) -> String) -> String {
    let mut out = String::new();
    let mut start = 0;
    let mut depth = 0i32;
    let mut code = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(at, c)) in chars.iter().enumerate() {
        match c {
            '`' => code = !code,
            '[' | '(' if !code => depth += 1,
            ']' | ')' if !code => depth -= 1,
            '.' | '!' | '?' if !code && depth <= 0 => {
                // A sentence ends at a space followed by a capital or markup.
                let next = chars.get(k + 1).map(|&(_, c)| c);
                let after = chars.get(k + 2).map(|&(_, c)| c);
                let abbreviation =
                    text[start..at].ends_with("e.g") || text[start..at].ends_with("i.e");
                if next == Some(' ')
                    && after.is_some_and(|c| c.is_uppercase() || matches!(c, '[' | '*' | '_' | '`'))
                    && !abbreviation
                {
                    out.push_str(&pair(&text[start..=at]));
                    out.push(' ');
                    start = at + c.len_utf8() + 1;
                }
            }
            _ => {}
        }
    }
    let rest = text[start..].trim_end();
    if !rest.is_empty() {
        out.push_str(&pair(rest));
    }
    out.push_str(&text[start + rest.len()..]);
    out
}

/// The translations of consecutive remembered segments whose sources, put
/// together, are `sentence`: the old file cut it into several segments.
fn composed(sentence: &str, memory: &[(String, String)]) -> Option<String> {
    for start in 0..memory.len() {
        if !sentence.starts_with(memory[start].0.as_str()) {
            continue;
        }
        let mut sources = memory[start].0.clone();
        let mut targets = memory[start].1.clone();
        for (source, target) in &memory[start + 1..] {
            if sources.len() >= sentence.len() {
                break;
            }
            sources.push(' ');
            sources.push_str(source);
            targets.push(' ');
            targets.push_str(target);
            if sources == sentence {
                return Some(targets);
            }
        }
    }
    None
}

fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The translation of the most similar remembered sentence, if similar enough.
fn nearest<'m>(sentence: &str, memory: &'m [(String, String)]) -> Option<&'m str> {
    let words = |s: &str| -> Vec<String> { s.split_whitespace().map(str::to_lowercase).collect() };
    let ours = words(sentence);
    memory
        .iter()
        .map(|(source, target)| (similarity(&ours, &words(source)), target))
        .filter(|(score, _)| *score >= NEAR)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, target)| target.as_str())
}

/// The id prefix of a new translation: the first five hexadecimal digits
/// of the SHA-256 of the article's path relative to the locale folder
/// (UTF-8, `/`-separated). Ids are written into content, so this must never
/// change with the compiler or helpc's version (`DefaultHasher` may).
pub fn new_prefix(local: &str) -> String {
    use sha2::{Digest, Sha256};
    let digest = Sha256::digest(local.as_bytes());
    format!("{:02x}{:02x}{:x}", digest[0], digest[1], digest[2] >> 4)
}

/// 1 − word edit distance ÷ the longer length.
fn similarity(a: &[String], b: &[String]) -> f64 {
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    // strsim compares sized collections: views of the two word lists.
    let (a, b): (Vec<&String>, Vec<&String>) = (a.iter().collect(), b.iter().collect());
    1.0 - strsim::generic_levenshtein(&a, &b) as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::ContentFile;

    #[test]
    fn new_prefixes_are_the_documented_hash() {
        // SHA-256("AlchemyInsights/reset.md") starts with these digits; a
        // change here would give new translations other ids than before.
        let expected = {
            use sha2::{Digest, Sha256};
            let hex: String = Sha256::digest(b"AlchemyInsights/reset.md")
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            hex[..5].to_string()
        };
        assert_eq!(new_prefix("AlchemyInsights/reset.md"), expected);
        assert_eq!(new_prefix("a.md").len(), 5);
    }

    fn article(rel: &str, text: &str) -> Article {
        crate::read::parse(
            ContentFile {
                abs: rel.into(),
                rel: rel.into(),
                local: rel.split_once('/').unwrap().1.into(),
                fragment: false,
            },
            text.as_bytes().to_vec(),
        )
        .unwrap()
    }

    #[test]
    fn sentences_the_old_file_cut_in_two_are_carried_over() {
        let memory = vec![
            ("One thing.".to_string(), "Une chose.".to_string()),
            ("another thing.".to_string(), "une autre.".to_string()),
        ];
        assert_eq!(
            composed("One thing. another thing.", &memory).as_deref(),
            Some("Une chose. une autre.")
        );
        assert_eq!(composed("One thing. a third.", &memory), None);
    }

    #[test]
    fn sentences_markup_and_code_stay_apart() {
        let mut seen = Vec::new();
        let mut pair = |s: &str| {
            seen.push(s.to_string());
            format!("[{s}]")
        };
        assert_eq!(
            sentences(
                "First one. See [the page. Really](x.md). Use `a. B` here, e.g. Now.",
                &mut pair
            ),
            "[First one.] [See [the page. Really](x.md).] [Use `a. B` here, e.g. Now.]"
        );
        let mut count = 0;
        let mut numbered = |s: &str| {
            count += 1;
            format!("<{s}>")
        };
        assert_eq!(
            segment_line("## <a name=\"x\"></a>Title", &mut numbered),
            "## <a name=\"x\"></a><Title>"
        );
        assert_eq!(
            segment_line("1. Step one. Step two.", &mut numbered),
            "1. <Step one.> <Step two.>"
        );
        assert_eq!(segment_line("| a | b |", &mut numbered), "| <a> | <b> |");
        assert_eq!(segment_line("|---|---|", &mut numbered), "|---|---|");
        assert_eq!(count, 5);
    }

    #[test]
    fn a_changed_article_keeps_unchanged_translations_and_flags_the_rest() {
        let english = article(
            "en-US/a.md",
            "---\ntitle: Reset\nms.date: 01/02/2025\n---\n# Reset your password\n\nOpen the settings page. Choose a new password of at least 12 characters.\n\nA brand new sentence about devices.\n\n```\ncode. Not segmented.\n```\n",
        );
        let old = article(
            "fr-FR/a.md",
            "---\ntitle: Réinitialiser\nms.contentlocale: fr-FR\nms.translationtype: MT\n---\n# <span data-ttu-id=\"abcde-101\">Réinitialiser votre mot de passe</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Reset your password</span></span>\n\n<span data-ttu-id=\"abcde-102\">Ouvrez la page des paramètres.</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Open the settings page.</span></span> <span data-ttu-id=\"abcde-103\">Choisissez un mot de passe d’au moins 8 caractères.</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-103\">Choose a new password of at least 8 characters.</span></span>\n",
        );
        let (text, segments) = hand_off(&english, Some(&old), "fr-FR", "11/23/2026");
        let origins: Vec<(&str, Origin)> =
            segments.iter().map(|s| (s.id.as_str(), s.origin)).collect();
        assert_eq!(
            origins,
            [
                ("abcde-101", Origin::Carried),
                ("abcde-102", Origin::Carried),
                // Changed English: new ids after the file's highest.
                ("abcde-104", Origin::NearMatch),
                ("abcde-105", Origin::New),
            ]
        );
        assert!(text.contains("title: Réinitialiser\nms.date: 01/02/2025\nms.contentlocale: fr-FR\nms.lasthandoff: 11/23/2026\nms.translationtype: MT\nhelpc.untranslated: \"abcde-105\"\nhelpc.fuzzy: \"abcde-104\"\n---\n"), "{text}");
        assert!(text.contains(">Ouvrez la page des paramètres.</span>"));
        assert!(text.contains("```\ncode. Not segmented.\n```\n"));
        // The result reads back as a well-formed span-aligned article.
        let handed = article("fr-FR/a.md", &text);
        assert_eq!(handed.scan.segments.len(), 4);
        assert!(handed.is_machine_translated());
        assert_eq!(crate::interchange::pending::counts(&handed), (1, 1));
        // A second handoff of the same English changes nothing.
        let (again, _) = hand_off(&english, Some(&handed), "fr-FR", "11/23/2026");
        assert_eq!(again, text);
        let tag = crate::locale::parse_tag("fr-FR").unwrap();
        let errors: Vec<_> =
            crate::check::check_article(&handed, Some(&tag), &Default::default(), None)
                .into_iter()
                .filter(|d| d.level == crate::rules::Level::Error)
                .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}
