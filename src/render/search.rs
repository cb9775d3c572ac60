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
    let mut lower = String::with_capacity(text.len());
    lowercase_into(text, &mut lower);
    let mut out = Vec::new();
    each_term(&lower, |term| out.push(term.to_string()));
    out
}

/// Appends `text` lower-cased, as `str::to_lowercase` does it: ASCII runs
/// a byte at a time, other characters one by one (a capital sigma, whose
/// lower case depends on its neighbours, sends the whole text to std).
fn lowercase_into(text: &str, out: &mut String) {
    if text.contains('Σ') {
        out.push_str(&text.to_lowercase());
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            crate::chars::push_lowercase(out, c);
            rest = chars.as_str();
        }
    }
}

/// Calls `f` with each term of `lower` (already lower-cased), in order: each
/// is a slice of it, as words and bigrams are runs of adjacent characters.
/// ASCII is classified byte by byte; other characters are decoded.
fn each_term<'t>(lower: &'t str, mut f: impl FnMut(&'t str)) {
    // Where the current word and the current unspaced run start.
    let (mut word, mut run): (Option<usize>, Option<usize>) = (None, None);
    let flush_word = |word: &mut Option<usize>, end: usize, f: &mut dyn FnMut(&'t str)| {
        if let Some(start) = word.take() {
            let term = &lower[start..end];
            // At most MAX_TERM_CHARS bytes is at most as many characters.
            if term.len() <= MAX_TERM_CHARS || term.chars().count() <= MAX_TERM_CHARS {
                f(term);
            }
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
    let bytes = lower.as_bytes();
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (class, width) = if byte.is_ascii() {
            let class = if byte.is_ascii_alphanumeric() {
                Class::Word
            } else {
                Class::Other
            };
            (class, 1)
        } else {
            lower[at..].chars().next().map_or((Class::Other, 1), |c| {
                let class = if unspaced(c) {
                    Class::Unspaced
                } else if crate::chars::is_alphanumeric(c) {
                    Class::Word
                } else {
                    Class::Other
                };
                (class, c.len_utf8())
            })
        };
        match class {
            Class::Unspaced => {
                flush_word(&mut word, at, &mut f);
                run.get_or_insert(at);
            }
            Class::Word => {
                flush_run(&mut run, at, &mut f);
                word.get_or_insert(at);
            }
            Class::Other => {
                flush_word(&mut word, at, &mut f);
                flush_run(&mut run, at, &mut f);
            }
        }
        at += width;
    }
    flush_word(&mut word, lower.len(), &mut f);
    flush_run(&mut run, lower.len(), &mut f);
}

/// What a character is to the tokenizer.
#[derive(Clone, Copy)]
enum Class {
    /// Of a script written without spaces: cut into bigrams.
    Unspaced,
    /// A letter or digit of a word.
    Word,
    /// Anything else: ends words and runs.
    Other,
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
    /// Its distinct terms, title and text, one per line, in the order first
    /// found (the index sorts the terms once for the whole locale): one
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
        // Terms are slices of one lower-cased copy of title and text,
        // deduplicated by hash, kept in the order first found: the order
        // is the text's, so the same page gives the same terms.
        let mut lower = String::with_capacity(title.len() + text.len());
        lowercase_into(title, &mut lower);
        let title_end = lower.len();
        lowercase_into(text, &mut lower);
        let mut seen: foldhash::HashSet<&str> = foldhash::HashSet::default();
        let mut set: Vec<&str> = Vec::new();
        let mut keep = |t| {
            if seen.insert(t) {
                set.push(t);
            }
        };
        each_term(&lower[..title_end], &mut keep);
        each_term(&lower[title_end..], &mut keep);
        let mut terms = String::with_capacity(set.iter().map(|t| t.len() + 1).sum());
        for term in &set {
            if !terms.is_empty() {
                terms.push('\n');
            }
            terms.push_str(term);
        }
        let flat = crate::markdown::collapse_space(text);
        let mut body = flat.as_str();
        if let Some(heading) = heading {
            let heading = crate::markdown::collapse_space(heading);
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
            terms,
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
    let mut postings: foldhash::HashMap<&str, Vec<u32>> =
        foldhash::HashMap::with_capacity_and_hasher(docs.len() * 8, Default::default());
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
