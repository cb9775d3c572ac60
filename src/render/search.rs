//! The client-side search index of one locale (`<locale>/search.json`),
//! read by `helpc.js`. Text is cut into terms the same way on both sides:
//! lower-cased words for scripts written with spaces, overlapping pairs of
//! characters (bigrams) for those written without (Chinese, Japanese,
//! Thai, Lao, Khmer, Myanmar), so a query finds words no space delimits.
//! `templates/helpc.js` holds the same tokenizer: keep the two in step.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};

/// Terms longer than this (in characters) are noise: hashes, long URLs.
const MAX_TERM_CHARS: usize = 40;

/// Characters of scripts written without spaces between words.
pub fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF        // Thai, Lao
        | 0x1000..=0x109F      // Myanmar
        | 0x1780..=0x17FF      // Khmer
        | 0x3040..=0x30FF      // Hiragana, Katakana
        | 0x31F0..=0x31FF      // Katakana extensions
        | 0x3400..=0x4DBF      // CJK extension A
        | 0x4E00..=0x9FFF      // CJK unified ideographs
        | 0xF900..=0xFAFF      // CJK compatibility ideographs
        | 0xFF66..=0xFF9F      // half-width Katakana
        | 0x20000..=0x2FFFF) // CJK extensions B and later
}

/// The search terms of `text`, in order, repeats included.
pub fn terms(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut word = String::new();
    let mut run: Vec<char> = Vec::new();
    let flush_word = |word: &mut String, out: &mut Vec<String>| {
        if !word.is_empty() && word.chars().count() <= MAX_TERM_CHARS {
            out.push(std::mem::take(word));
        }
        word.clear();
    };
    let flush_run = |run: &mut Vec<char>, out: &mut Vec<String>| {
        match run.len() {
            0 => {}
            1 => out.push(run[0].to_string()),
            _ => out.extend(run.windows(2).map(|pair| pair.iter().collect::<String>())),
        }
        run.clear();
    };
    for c in lower.chars() {
        if unspaced(c) {
            flush_word(&mut word, &mut out);
            run.push(c);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, &mut out);
            word.push(c);
        } else {
            flush_word(&mut word, &mut out);
            flush_run(&mut run, &mut out);
        }
    }
    flush_word(&mut word, &mut out);
    flush_run(&mut run, &mut out);
    out
}

/// One searchable page.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SearchDoc {
    pub title: String,
    /// Relative to the locale's folder.
    pub url: String,
    pub excerpt: String,
    /// Its distinct terms, title and text, sorted, one per line: one
    /// allocation per page, as every page of the site waits in memory for
    /// the index.
    pub terms: String,
}

/// Characters of text shown under a result.
const EXCERPT_CHARS: usize = 160;

impl SearchDoc {
    pub fn new(title: &str, url: &str, text: &str) -> SearchDoc {
        let mut set: BTreeSet<String> = terms(title).into_iter().collect();
        set.extend(terms(text));
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let excerpt = match flat.char_indices().nth(EXCERPT_CHARS) {
            Some((cut, _)) => format!("{}…", &flat[..cut]),
            None => flat,
        };
        SearchDoc {
            title: title.to_string(),
            url: url.to_string(),
            excerpt,
            terms: set.into_iter().collect::<Vec<_>>().join("\n"),
        }
    }
}

/// `search.json`: `docs` ([title, url, excerpt] by number) and `terms`
/// (term → the numbers of the docs that hold it, ascending). `docs` must
/// come in a stable order.
pub fn index_json(docs: &[&SearchDoc]) -> String {
    let mut postings: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (number, doc) in docs.iter().enumerate() {
        for term in doc.terms.split('\n').filter(|t| !t.is_empty()) {
            postings.entry(term).or_default().push(number);
        }
    }
    let document = json!({
        "docs": docs.iter().map(|d| json!([d.title, d.url, d.excerpt])).collect::<Vec<Value>>(),
        "terms": postings,
    });
    let mut text = serde_json::to_string(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_and_bigrams() {
        assert_eq!(
            terms("Sign in to Outlook-2016!"),
            ["sign", "in", "to", "outlook", "2016"]
        );
        assert_eq!(
            terms("メールを送信できない Outlook"),
            [
                "メー", "ール", "ルを", "を送", "送信", "信で", "でき", "きな", "ない", "outlook"
            ]
        );
        assert_eq!(terms("一 個"), ["一", "個"]);
        assert_eq!(terms("ส่งอีเมล")[0], "ส่");
        assert_eq!(terms("Vérifiez l'ÉTAT"), ["vérifiez", "l", "état"]);
        assert_eq!(terms("الرسائل المرسلة"), ["الرسائل", "المرسلة"]);
    }

    #[test]
    fn index_lists_docs_by_term() {
        let a = SearchDoc::new("送信", "a.html", "Outlook で送信");
        let b = SearchDoc::new("Outlook", "b.html", "text");
        let json: Value = serde_json::from_str(&index_json(&[&a, &b])).unwrap();
        assert_eq!(json["docs"][1], json!(["Outlook", "b.html", "text"]));
        assert_eq!(json["terms"]["outlook"], json!([0, 1]));
        assert_eq!(json["terms"]["送信"], json!([0]));
        assert_eq!(json["terms"]["で送"], json!([0]));
    }

    #[test]
    fn long_excerpts_are_cut() {
        let doc = SearchDoc::new("t", "u", &"mot ".repeat(100));
        assert_eq!(doc.excerpt.chars().count(), EXCERPT_CHARS + 1);
        assert!(doc.excerpt.ends_with('…'));
    }
}
