//! The client-side search index of one locale (`<locale>/search.json`),
//! read by `helpc.js`. Text is cut into terms the same way on both sides:
//! lower-cased words for scripts written with spaces, overlapping pairs of
//! characters (bigrams) for those written without (Chinese, Japanese,
//! Thai, Lao, Khmer, Myanmar), so a query finds words no space delimits.
//! `templates/helpc.js` holds the same tokenizer: keep the two in step.

use std::borrow::Cow;

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
pub fn index_script(json: &[u8]) -> Vec<u8> {
    let json = json.trim_ascii_end();
    let mut script = Vec::with_capacity(json.len() + SCRIPT_GLOBAL.len() + 16);
    script.extend_from_slice(b"window.");
    script.extend_from_slice(SCRIPT_GLOBAL.as_bytes());
    script.extend_from_slice(b" = ");
    script.extend_from_slice(json);
    script.extend_from_slice(b";\n");
    script
}

/// Where a locale's `search.json` holds each document, and its postings:
/// what the next build needs to update the file for the documents that
/// changed, instead of making it again from every page of the locale.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Layout<'a> {
    /// By document number: its page's path, and where its JSON ends in the
    /// file (each starts one byte after the one before, the first right
    /// after [`DOCS_START`]).
    pub docs: Vec<(Cow<'a, str>, u64)>,
    /// Each term, sorted, with the numbers of the documents holding it.
    pub terms: Vec<(Cow<'a, str>, Vec<u32>)>,
}

/// How `search.json` begins: its documents come first.
const DOCS_START: &[u8] = b"{\"docs\":[";

/// `search.json`: `docs` ([title, url, text] by number) and `terms`
/// (term → the numbers of the docs that hold it, ascending), and its
/// layout. `docs`: each page's path and document, in a stable order.
pub fn index_json<'d>(docs: &[(&'d str, &'d SearchDoc)]) -> (Vec<u8>, Layout<'d>) {
    // Postings gathered by hash, then the terms sorted once: a tree keyed
    // by term cost a comparison of strings at every level of every insert.
    let mut postings: foldhash::HashMap<&str, Vec<u32>> =
        foldhash::HashMap::with_capacity_and_hasher(docs.len() * 8, Default::default());
    for (number, (_, doc)) in docs.iter().enumerate() {
        for term in doc.terms.split('\n').filter(|t| !t.is_empty()) {
            postings.entry(term).or_default().push(number as u32);
        }
    }
    let mut terms: Vec<(Cow<str>, Vec<u32>)> = postings
        .into_iter()
        .map(|(term, docs)| (Cow::Borrowed(term), docs))
        .collect();
    terms.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let size = docs
        .iter()
        .map(|(_, d)| d.title.len() + d.url.len() + d.text.len() + 16)
        .sum::<usize>();
    let mut text = Vec::with_capacity(size + terms.len() * 24);
    text.extend_from_slice(DOCS_START);
    let mut ends = Vec::with_capacity(docs.len());
    for (number, (path, doc)) in docs.iter().enumerate() {
        if number > 0 {
            text.push(b',');
        }
        push_doc(&mut text, doc);
        ends.push((Cow::Borrowed(*path), text.len() as u64));
    }
    push_terms(&mut text, &terms);
    (text, Layout { docs: ends, terms })
}

/// `search.json` made from the last build's (`old`, as `layout` describes
/// it) with the documents of `changed` (path, document) put in the place
/// of those of the same paths, and its layout: the same bytes
/// [`index_json`] makes from all the documents. `None` when `layout` does
/// not describe `old` or lacks one of the paths.
pub fn patch_index<'d>(
    old: &[u8],
    mut layout: Layout<'d>,
    changed: &[(&'d str, &'d SearchDoc)],
) -> Option<(Vec<u8>, Layout<'d>)> {
    let starts = doc_starts(old, &layout)?;
    let numbers: foldhash::HashMap<&str, u32> = layout
        .docs
        .iter()
        .enumerate()
        .map(|(number, (path, _))| (path.as_ref(), number as u32))
        .collect();
    let mut replaced: Vec<(u32, &SearchDoc)> = changed
        .iter()
        .map(|(path, doc)| Some((*numbers.get(path)?, *doc)))
        .collect::<Option<_>>()?;
    drop(numbers);
    replaced.sort_unstable_by_key(|(number, _)| *number);
    replaced.dedup_by_key(|(number, _)| *number);
    // The replaced documents leave every posting, then join their terms'.
    let gone: Vec<u32> = replaced.iter().map(|(number, _)| *number).collect();
    for (_, docs) in &mut layout.terms {
        if gone.iter().any(|n| docs.binary_search(n).is_ok()) {
            docs.retain(|n| gone.binary_search(n).is_err());
        }
    }
    let mut added: std::collections::BTreeMap<&str, Vec<u32>> = Default::default();
    for (number, doc) in &replaced {
        for term in doc.terms.split('\n').filter(|t| !t.is_empty()) {
            match layout
                .terms
                .binary_search_by(|(known, _)| known.as_ref().cmp(term))
            {
                Ok(at) => {
                    let docs = &mut layout.terms[at].1;
                    if let Err(place) = docs.binary_search(number) {
                        docs.insert(place, *number);
                    }
                }
                // In number order: each list stays ascending.
                Err(_) => added.entry(term).or_default().push(*number),
            }
        }
    }
    layout.terms.retain(|(_, docs)| !docs.is_empty());
    if !added.is_empty() {
        let kept = std::mem::take(&mut layout.terms);
        let mut merged = Vec::with_capacity(kept.len() + added.len());
        let mut added = added.into_iter().peekable();
        for (term, docs) in kept {
            while let Some((new, _)) = added.peek()
                && *new < term.as_ref()
            {
                if let Some((new, docs)) = added.next() {
                    merged.push((Cow::Borrowed(new), docs));
                }
            }
            merged.push((term, docs));
        }
        merged.extend(added.map(|(term, docs)| (Cow::Borrowed(term), docs)));
        layout.terms = merged;
    }
    // The documents: runs of the old text, the replaced ones anew.
    let docs_end = layout
        .docs
        .last()
        .map_or(Some(DOCS_START.len()), |(_, end)| {
            usize::try_from(*end).ok()
        })?;
    let mut text = Vec::with_capacity(old.len() + 4096);
    // The old text up to `copied` is in `text` (the start of the file too).
    let mut copied = 0;
    let mut next = replaced.iter().peekable();
    let mut shift: i64 = 0;
    for (number, (start, (_, end))) in starts.iter().zip(layout.docs.iter_mut()).enumerate() {
        if let Some((_, doc)) = next.next_if(|(n, _)| *n as usize == number) {
            text.extend_from_slice(old.get(copied..*start)?);
            push_doc(&mut text, doc);
            copied = usize::try_from(*end).ok()?;
            shift = text.len() as i64 - *end as i64;
        }
        *end = end.checked_add_signed(shift)?;
    }
    text.extend_from_slice(old.get(copied..docs_end)?);
    push_terms(&mut text, &layout.terms);
    Some((text, layout))
}

/// Where each document of `layout` starts in `old`; `None` unless each
/// lies where the layout says, one JSON array after another, and the
/// terms are in order, each with ascending numbers of documents it has.
fn doc_starts(old: &[u8], layout: &Layout) -> Option<Vec<usize>> {
    if !old.starts_with(DOCS_START) {
        return None;
    }
    let count = layout.docs.len();
    let ordered = layout.terms.windows(2).all(|pair| pair[0].0 < pair[1].0)
        && layout.terms.iter().all(|(_, docs)| {
            docs.windows(2).all(|pair| pair[0] < pair[1])
                && docs.last().is_none_or(|&n| (n as usize) < count)
        });
    if !ordered {
        return None;
    }
    let mut starts = Vec::with_capacity(layout.docs.len());
    let mut start = DOCS_START.len();
    for (number, (_, end)) in layout.docs.iter().enumerate() {
        let end = usize::try_from(*end).ok()?;
        let after = if number + 1 == layout.docs.len() {
            b']'
        } else {
            b','
        };
        let fits = end > start
            && old.get(start) == Some(&b'[')
            && old.get(end - 1) == Some(&b']')
            && old.get(end) == Some(&after);
        if !fits {
            return None;
        }
        starts.push(start);
        start = end + 1;
    }
    Some(starts)
}

/// One document as `search.json` lists it: `[title, url, text]`.
fn push_doc(text: &mut Vec<u8>, doc: &SearchDoc) {
    // Strings into a `Vec`: nothing here can fail.
    let _ = serde_json::to_writer(&mut *text, &(&doc.title, &doc.url, &doc.text));
}

/// The end of the documents, the terms and the end of the file.
fn push_terms(text: &mut Vec<u8>, terms: &[(Cow<str>, Vec<u32>)]) {
    text.extend_from_slice(b"],\"terms\":{");
    for (at, (term, docs)) in terms.iter().enumerate() {
        if at > 0 {
            text.push(b',');
        }
        let _ = serde_json::to_writer(&mut *text, term.as_ref());
        text.push(b':');
        let _ = serde_json::to_writer(&mut *text, docs);
    }
    text.extend_from_slice(b"}}\n");
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
        let (text, layout) = index_json(&[("x/a.md", &a), ("x/b.md", &b)]);
        let json: Value = serde_json::from_slice(&text).unwrap();
        assert_eq!(json["docs"][1], json!(["Outlook", "b.html", "text"]));
        assert_eq!(json["terms"]["outlook"], json!([0, 1]));
        assert_eq!(json["terms"]["送信"], json!([0]));
        assert_eq!(json["terms"]["で送"], json!([0]));
        assert_eq!(layout.docs[1].0, "x/b.md");
        let script = String::from_utf8(index_script(&index_json(&[("a", &a)]).0)).unwrap();
        assert!(script.starts_with("window.helpcSearchIndex = {\"docs\""));
        assert!(script.ends_with("};\n"));
        let (empty, _) = index_json(&[]);
        assert_eq!(empty, b"{\"docs\":[],\"terms\":{}}\n");
    }

    /// Documents for the patch tests: path `p<n>`, text from `words`.
    fn docs(words: &[&str]) -> Vec<(String, SearchDoc)> {
        words
            .iter()
            .enumerate()
            .map(|(n, text)| {
                let url = format!("a/{n}.html");
                (
                    format!("p{n}"),
                    SearchDoc::new(&format!("T{n}"), &url, text, None),
                )
            })
            .collect()
    }

    fn borrowed(docs: &[(String, SearchDoc)]) -> Vec<(&str, &SearchDoc)> {
        docs.iter().map(|(p, d)| (p.as_str(), d)).collect()
    }

    #[test]
    fn a_patched_index_is_the_index_made_anew() {
        let before = docs(&[
            "alpha beta",
            "beta \"quoted\" gamma",
            "gamma delta 送信",
            "delta",
            "omega",
        ]);
        let (old, layout) = index_json(&borrowed(&before));
        // Each case: documents replaced (by number) with new texts.
        let cases: &[&[(usize, &str)]] = &[
            &[],
            &[(0, "alpha beta")],
            &[(0, "zeta")],
            &[(
                4,
                "alpha and a much longer text than before, with 送信 and \\ too",
            )],
            &[(2, "")],
            &[(1, "aardvark"), (3, "zzz 新しい")],
            &[(3, "omega"), (4, "delta")],
            &[(0, "x"), (1, "y"), (2, "z"), (3, "x"), (4, "y")],
        ];
        for changes in cases {
            let mut after = before.clone();
            for (number, text) in *changes {
                let (path, doc) = &after[*number];
                let new = SearchDoc::new(&doc.title, &doc.url, text, None);
                after[*number] = (path.clone(), new);
            }
            let changed: Vec<(&str, &SearchDoc)> = changes
                .iter()
                .map(|(number, _)| (after[*number].0.as_str(), &after[*number].1))
                .collect();
            let (patched, patched_layout) =
                patch_index(&old, layout.clone(), &changed).expect("the layout fits");
            let (made, made_layout) = index_json(&borrowed(&after));
            assert_eq!(
                String::from_utf8_lossy(&patched),
                String::from_utf8_lossy(&made),
                "{changes:?}"
            );
            assert_eq!(patched_layout, made_layout, "{changes:?}");
            // And the patched layout patches again.
            let again = patch_index(&patched, patched_layout, &changed).unwrap();
            assert_eq!(again.0, made);
        }
    }

    #[test]
    fn a_layout_that_does_not_fit_patches_nothing() {
        let before = docs(&["alpha", "beta"]);
        let (old, layout) = index_json(&borrowed(&before));
        let one = borrowed(&before[..1]);
        assert!(patch_index(&old, layout.clone(), &one).is_some());
        // A path the layout lacks.
        let stranger = SearchDoc::new("T", "u", "text", None);
        assert!(patch_index(&old, layout.clone(), &[("elsewhere", &stranger)]).is_none());
        // Ends moved, or another file.
        let mut moved = layout.clone();
        moved.docs[0].1 += 1;
        assert!(patch_index(&old, moved, &one).is_none());
        let mut beyond = layout.clone();
        beyond.docs[1].1 = u64::MAX;
        assert!(patch_index(&old, beyond, &one).is_none());
        // Postings of a document the index lacks, out of order, or terms
        // out of order.
        for damage in [0, 1, 2] {
            let mut damaged = layout.clone();
            match damage {
                0 => damaged.terms[0].1.push(7),
                1 => damaged.terms[0].1.insert(0, 1),
                _ => damaged.terms.swap(0, 1),
            }
            assert!(patch_index(&old, damaged, &one).is_none(), "{damage}");
        }
        assert!(patch_index(b"{}", layout.clone(), &one).is_none());
        assert!(patch_index(&old[..20], layout, &one).is_none());
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
