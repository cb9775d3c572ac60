//! Whether a source is English, and whether it holds words to translate:
//! what `untranslated` and `near-untranslated` ask before they fire.

use super::inline::Facts;
use super::placeholders::without_placeholders;
use crate::read::Article;

/// Whether an article's source side is English: declared by
/// `source-language` in its front matter, else read from the function
/// words of all its sources (some "English" sources are Spanish,
/// Portuguese or French articles published as they are).
pub fn source_is_english(article: &Article) -> bool {
    article.english_once(|| decide_english(article))
}

fn decide_english(article: &Article) -> bool {
    if let Some(declared) = article.front_matter.string("source-language") {
        return declared.trim().to_ascii_lowercase().starts_with("en");
    }
    let (mut other, mut english) = (0, 0);
    for segment in article.body_segments() {
        if let Some(source) = article.source(segment) {
            // Every locale's article repeats the family's sources.
            let (o, e) = *super::sources::source(source)
                .votes
                .get_or_init(|| super::tokens::language_votes(source));
            other += o;
            english += e;
        }
    }
    !(other >= 4 && other > english * 2)
}

/// Frequent function words of Spanish and Portuguese: a source made of
/// them (and of no English one) is an article written in that language on
/// purpose, not an English sentence left untranslated.
const ROMANCE_WORDS: &[&str] = &[
    "el", "los", "las", "del", "que", "para", "con", "una", "por", "como", "más", "mas", "puede",
    "usted", "su", "sus", "da", "do", "das", "dos", "um", "uma", "não", "você", "seu", "sua", "é",
    "em", "ao", "pelo", "pela",
];
const ENGLISH_WORDS: &[&str] = &[
    "the", "and", "to", "of", "a", "is", "in", "for", "you", "your", "with", "on", "this", "that",
    "are", "be", "can", "or", "not", "it", "from", "select", "click", "go", "see", "open",
];

fn written_in_another_language(text: &str) -> bool {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let romance = words
        .iter()
        .filter(|w| ROMANCE_WORDS.contains(&w.as_str()))
        .count();
    let english = words
        .iter()
        .filter(|w| ENGLISH_WORDS.contains(&w.as_str()))
        .count();
    romance >= 2 && english == 0
}

/// Whether the source holds words a translator should have translated:
/// something is left after removing code, URLs, numbers, placeholders and
/// do-not-translate terms, and it reads as language (a lower-case word of
/// three letters or more), not only as names.
pub(crate) fn has_words_to_translate(source: &Facts, do_not_translate: &[String]) -> bool {
    if written_in_another_language(&source.text) {
        return false;
    }
    let mut text = without_placeholders(&source.text);
    for term in do_not_translate {
        if !term.is_empty() {
            text = text.replace(term.as_str(), " ");
        }
    }
    // A command line (`**sfc /scannow**`, `ipconfig /all`): short, with a
    // switch or a path among its words.
    let words: Vec<&str> = text.split_whitespace().collect();
    let switch = |word: &&str| {
        let word = word.trim_matches(['*', '_', '"', '“', '”']);
        word.len() > 1 && (word.starts_with(['/', '-']) || word.contains(['\\', '=']))
    };
    if words.len() <= 4 && words.iter().any(switch) {
        return false;
    }
    words
        .into_iter()
        .filter(|word| !word.contains("://") && !word.starts_with("www."))
        .map(|word| word.trim_matches(|c: char| !c.is_alphabetic()))
        .any(|word| {
            word.chars().count() >= 3
                && word.chars().all(|c| c.is_alphabetic() && c.is_lowercase())
                && !FUNCTION_WORDS.contains(&word)
        })
}

/// Short English words that also sit inside names (`Outlook for Windows`,
/// `Search and Intelligence`): alone, they do not make a sentence.
const FUNCTION_WORDS: &[&str] = &[
    "and", "are", "but", "can", "for", "from", "has", "into", "its", "not", "off", "one", "our",
    "the", "this", "via", "was", "with", "you", "your",
];
