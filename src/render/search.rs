//! The client-side search index of one locale (`<locale>/search.json`),
//! read by `helpc.js`. Text is cut into terms the same way on both sides:
//! lower-cased words for scripts written with spaces, overlapping pairs of
//! characters (bigrams) for those written without (Chinese, Japanese,
//! Thai, Lao, Khmer, Myanmar), so a query finds words no space delimits.
//! `templates/helpc.js` holds the same tokenizer: keep the two in step.

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
    each_term(&lower, |term| out.push(term.to_string()));
    out
}

/// Calls `f` with each term of `lower` (already lower-cased), in order: each
/// is a slice of it, as words and bigrams are runs of adjacent characters.
fn each_term<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
    // Where the current word and the current unspaced run start.
    let (mut word, mut run): (Option<usize>, Option<usize>) = (None, None);
    let flush_word = |word: &mut Option<usize>, end: usize, f: &mut dyn FnMut(&'t str)| {
        if let Some(start) = word.take()
            && lower[start..end].chars().count() <= MAX_TERM_CHARS
        {
            f(&lower[start..end]);
        }
    };
    let flush_run = |run: &mut Option<usize>, end: usize, f: &mut dyn FnMut(&'t str)| {
        let Some(start) = run.take() else {
            return;
        };
        // One character alone, else each overlapping pair.
        let mut at = lower[start..end]
            .char_indices()
            .map(|(i, _)| start + i)
            .chain(std::iter::once(end));
        let (Some(a), Some(b)) = (at.next(), at.next()) else {
            return;
        };
        let Some(c) = at.next() else {
            f(&lower[a..b]);
            return;
        };
        f(&lower[a..c]);
        let mut last = (b, c);
        for next in at {
            f(&lower[last.0..next]);
            last = (last.1, next);
        }
    };
    for (at, c) in lower.char_indices() {
        if unspaced(c) {
            flush_word(&mut word, at, &mut f);
            run.get_or_insert(at);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, at, &mut f);
            word.get_or_insert(at);
        } else {
            flush_word(&mut word, at, &mut f);
            flush_run(&mut run, at, &mut f);
        }
    }
    flush_word(&mut word, lower.len(), &mut f);
    flush_run(&mut run, lower.len(), &mut f);
}

/// One searchable page.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct SearchDoc {
    pub title: String,
    /// Relative to the locale's folder.
    pub url: String,
    /// The page's text after its title, white space collapsed, cut at
    /// `TEXT_CHARS`: the script takes the snippet around a match from it.
    pub text: String,
    /// Its distinct terms, title and text, sorted, one per line: one
    /// allocation per page, as every page of the site waits in memory for
    /// the index.
    pub terms: String,
}

/// Characters of a page's text kept for snippets (the median corpus page
/// has 700, the longest 9,000); terms come from the whole text.
const TEXT_CHARS: usize = 4000;

impl SearchDoc {
    /// `heading`: the page's first heading, left out of the snippet text
    /// when the text starts with it (it repeats the title).
    pub fn new(title: &str, url: &str, text: &str, heading: Option<&str>) -> SearchDoc {
        // Terms are slices of the lower-cased texts, sorted and deduplicated
        // as the one string they are kept as.
        let (title_lower, text_lower) = (title.to_lowercase(), text.to_lowercase());
        let mut set: Vec<&str> = Vec::new();
        each_term(&title_lower, |t| set.push(t));
        each_term(&text_lower, |t| set.push(t));
        set.sort_unstable();
        set.dedup();
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut body = flat.as_str();
        if let Some(heading) = heading {
            let heading = heading.split_whitespace().collect::<Vec<_>>().join(" ");
            if let Some(rest) = body.strip_prefix(heading.as_str())
                && !heading.is_empty()
                && (rest.is_empty() || rest.starts_with(' '))
            {
                body = rest.trim_start();
            }
        }
        let text = match body.char_indices().nth(TEXT_CHARS) {
            Some((cut, _)) => format!("{}…", &body[..cut]),
            None => body.to_string(),
        };
        SearchDoc {
            title: title.to_string(),
            url: url.to_string(),
            text,
            terms: set.join("\n"),
        }
    }
}

/// The global `search.js` sets: `search.json` as a script, which pages
/// opened from disk can load (browsers refuse `fetch` on `file:` URLs).
pub const SCRIPT_GLOBAL: &str = "helpcSearchIndex";

/// `search.js`: the index `index_json` made, assigned to `SCRIPT_GLOBAL`.
/// JSON is valid JavaScript, and nothing in it can end the statement.
pub fn index_script(json: &str) -> String {
    format!("window.{SCRIPT_GLOBAL} = {};\n", json.trim_end())
}

/// `search.json`: `docs` ([title, url, text] by number) and `terms`
/// (term → the numbers of the docs that hold it, ascending). `docs` must
/// come in a stable order.
pub fn index_json(docs: &[&SearchDoc]) -> String {
    // Postings gathered by hash, then the terms sorted once: a tree keyed
    // by term cost a comparison of strings at every level of every insert.
    let mut postings: std::collections::HashMap<&str, Vec<u32>> =
        std::collections::HashMap::with_capacity(docs.len() * 8);
    for (number, doc) in docs.iter().enumerate() {
        for term in doc.terms.split('\n').filter(|t| !t.is_empty()) {
            postings.entry(term).or_default().push(number as u32);
        }
    }
    let mut terms: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(b.0));
    /// The terms as a JSON object, in the order given (sorted).
    struct Terms<'a>(&'a [(&'a str, Vec<u32>)]);
    impl serde::Serialize for Terms<'_> {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            use serde::ser::SerializeMap;
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (term, docs) in self.0 {
                map.serialize_entry(term, docs)?;
            }
            map.end()
        }
    }
    // Serialized from borrowed fields: no copy of the texts into a tree.
    #[derive(serde::Serialize)]
    struct Index<'a> {
        docs: Vec<(&'a str, &'a str, &'a str)>,
        terms: Terms<'a>,
    }
    let document = Index {
        docs: docs
            .iter()
            .map(|d| (d.title.as_str(), d.url.as_str(), d.text.as_str()))
            .collect(),
        terms: Terms(&terms),
    };
    let mut text = serde_json::to_string(&document).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

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
        let a = SearchDoc::new("送信", "a.html", "Outlook で送信", None);
        let b = SearchDoc::new("Outlook", "b.html", "text", None);
        let json: Value = serde_json::from_str(&index_json(&[&a, &b])).unwrap();
        assert_eq!(json["docs"][1], json!(["Outlook", "b.html", "text"]));
        assert_eq!(json["terms"]["outlook"], json!([0, 1]));
        assert_eq!(json["terms"]["送信"], json!([0]));
        assert_eq!(json["terms"]["で送"], json!([0]));
        let script = index_script(&index_json(&[&a]));
        assert!(script.starts_with("window.helpcSearchIndex = {\"docs\""));
        assert!(script.ends_with("};\n"));
    }

    #[test]
    fn long_texts_are_cut_and_the_title_is_not_repeated() {
        let doc = SearchDoc::new("t", "u", &"mot ".repeat(2000), None);
        assert_eq!(doc.text.chars().count(), TEXT_CHARS + 1);
        assert!(doc.text.ends_with('…'));
        let doc = SearchDoc::new(
            "Reset a password",
            "u",
            "Reset your  password\nOpen Settings.",
            Some("Reset your password"),
        );
        assert_eq!(doc.text, "Open Settings.");
        assert!(doc.terms.contains("reset"), "the heading is still searched");
        let doc = SearchDoc::new("Open", "u", "Open Settings.", Some("Op"));
        assert_eq!(doc.text, "Open Settings.", "only a whole heading");
    }
}
