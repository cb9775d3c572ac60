//! Property tests (proptest): laws that must hold for any input, checked
//! over generated cases.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

use std::collections::HashSet;

use helpc::discover::ContentFile;
use helpc::render::search::terms;
use proptest::prelude::*;

fn file() -> ContentFile {
    ContentFile {
        abs: "fr-FR/a.md".into(),
        rel: "fr-FR/a.md".into(),
        local: "a.md".into(),
        fragment: false,
    }
}

/// Segment text: anything but the characters that make markup.
fn plain() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9éà漢][^<>&\\[\\]*_`\\\\\\p{C}]{0,39}"
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    /// Whatever pairs an article holds, the reader finds each one, in
    /// order, with byte ranges that give back exactly its id, target and
    /// source, and the checks find no structural fault.
    #[test]
    fn the_reader_finds_every_pair_exactly(
        pairs in prop::collection::vec((0u32..5000, plain(), plain()), 1..30),
        separators in prop::collection::vec(prop::sample::select(vec![" ", "\n", "\n\n", " - "]), 30),
    ) {
        let mut text = String::from("---\ntitle: T\nms.contentlocale: fr-FR\n---\n");
        let mut expected = Vec::new();
        for (index, (number, target, source)) in pairs.iter().enumerate() {
            let id = format!("abcde-{}", number * 100 + index as u32);
            text.push_str(&format!(
                "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
            ));
            text.push_str(separators[index]);
            expected.push((id, target.clone(), source.clone()));
        }
        let article = helpc::read::parse(file(), text.into_bytes()).expect("UTF-8 text reads");
        let found: Vec<(String, String, String)> = article
            .scan
            .segments
            .iter()
            .map(|s| (
                article.id(s).to_string(),
                article.target(s).to_string(),
                article.source(s).unwrap_or_default().to_string(),
            ))
            .collect();
        prop_assert_eq!(&found, &expected);
        let tag = helpc::locale::parse_tag("fr-FR").unwrap();
        let diagnostics = helpc::check::check_article(&article, Some(&tag), &Default::default(), None);
        let structural: Vec<_> = diagnostics
            .iter()
            .filter(|d| d.rule.info().group == helpc::rules::Group::Structure && d.rule != helpc::rules::Rule::IdOrder)
            .map(|d| d.rule.info().name)
            .collect();
        prop_assert!(structural.is_empty(), "{:?}", structural);
    }

    /// Any bytes: reading never panics, and every diagnostic points inside
    /// the file at a character boundary.
    #[test]
    fn any_bytes_read_and_check_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(article) = helpc::read::parse(file(), bytes) {
            let tag = helpc::locale::parse_tag("fr-FR").unwrap();
            for d in helpc::check::check_article(&article, Some(&tag), &Default::default(), None) {
                prop_assert!(d.line >= 1 && d.column >= 1);
                if let Some(excerpt) = &d.excerpt {
                    prop_assert!(excerpt.underline.end <= excerpt.text.len());
                    prop_assert!(excerpt.text.is_char_boundary(excerpt.underline.start));
                }
            }
        }
    }

    /// Search terms are lower-case, never empty, and text made of words
    /// joined by spaces gives the terms of its words, in order.
    #[test]
    fn search_terms_of_words_joined_by_spaces(words in prop::collection::vec("[a-zA-Zéàç0-9]{1,12}|[ぁ-んァ-ン一-龥]{1,6}", 1..20)) {
        let joined = words.join(" ");
        let whole = terms(&joined);
        let parts: Vec<String> = words.iter().flat_map(|w| terms(w)).collect();
        prop_assert_eq!(&whole, &parts);
        for term in &whole {
            prop_assert!(!term.is_empty());
            prop_assert_eq!(term.to_lowercase(), term.clone());
        }
    }

    /// Every two-character window of Japanese text is a term, so any
    /// substring of two or more characters is found by its own terms.
    #[test]
    fn any_japanese_substring_is_found(text in "[ぁ-んァ-ン一-龥]{2,30}", start in 0usize..30, len in 2usize..10) {
        let chars: Vec<char> = text.chars().collect();
        let start = start % (chars.len() - 1);
        let end = (start + len).min(chars.len());
        prop_assume!(end - start >= 2);
        let query: String = chars[start..end].iter().collect();
        let document: HashSet<String> = terms(&text).into_iter().collect();
        for term in terms(&query) {
            prop_assert!(document.contains(&term), "{} not among the terms of {}", term, text);
        }
    }

    /// The byte-scanning tokenizer gives the terms of the first one, which
    /// lower-cased the whole text with std and classified every character.
    #[test]
    fn search_terms_match_the_character_by_character_tokenizer(text in "(\\PC|[ \t\n\u{a0}\u{3000}ΣσİÉ]){0,60}") {
        prop_assert_eq!(terms(&text), terms_char_by_char(&text));
    }

    /// Folding white space by scanning bytes is folding it word by word.
    #[test]
    fn white_space_folds_as_split_whitespace(text in "(\\PC|[ \t\r\n\u{a0}\u{85}\u{2028}\u{3000}]){0,60}") {
        let by_lines = text
            .lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n");
        prop_assert_eq!(helpc::markdown::normalize_space(&text), by_lines);
        prop_assert_eq!(helpc::markdown::collapse_space(&text), text.split_whitespace().collect::<Vec<_>>().join(" "));
    }

    /// Hrefs are encoded as the first, character-by-character encoder did.
    #[test]
    fn site_hrefs_match_the_character_by_character_encoder(path in "(\\PC|[\u{0}-\u{1f}\u{7f}-\u{a0} \"#%:<>?\\\\^`{|}'\\[\\]/é])*") {
        prop_assert_eq!(helpc::url::site_href("../", &path), href_char_by_char("../", &path));
    }

    /// Output URLs of pages are lower-case in their locale folder, end in
    /// `.html`, and keep the rest of the path.
    #[test]
    fn output_urls_of_pages(locale in "[a-z]{2}-[A-Z]{2}", path in "[a-zA-Z0-9_-]{1,10}(/[a-zA-Z0-9_-]{1,10}){0,3}") {
        let url = helpc::render::nav::output_url(&format!("{locale}/{path}.md"));
        prop_assert_eq!(url, format!("{}/{path}.html", locale.to_ascii_lowercase()));
    }
}

/// The first tokenizer, kept as the reference: std's lower case of the
/// whole text, then each character classified (see `render::search`).
fn terms_char_by_char(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let (mut word, mut run): (Option<usize>, Option<usize>) = (None, None);
    let flush_word = |word: &mut Option<usize>, end: usize, out: &mut Vec<String>| {
        if let Some(start) = word.take()
            && lower[start..end].chars().count() <= 40
        {
            out.push(lower[start..end].to_string());
        }
    };
    let flush_run = |run: &mut Option<usize>, end: usize, out: &mut Vec<String>| {
        if let Some(start) = run.take() {
            let chars: Vec<&str> = lower[start..end]
                .char_indices()
                .map(|(i, c)| &lower[start + i..start + i + c.len_utf8()])
                .collect();
            if chars.len() == 1 {
                out.push(chars[0].to_string());
            }
            for pair in chars.windows(2) {
                out.push(format!("{}{}", pair[0], pair[1]));
            }
        }
    };
    for (at, c) in lower.char_indices() {
        if helpc::render::search::unspaced(c) {
            flush_word(&mut word, at, &mut out);
            run.get_or_insert(at);
        } else if c.is_alphanumeric() {
            flush_run(&mut run, at, &mut out);
            word.get_or_insert(at);
        } else {
            flush_word(&mut word, at, &mut out);
            flush_run(&mut run, at, &mut out);
        }
    }
    flush_word(&mut word, lower.len(), &mut out);
    flush_run(&mut run, lower.len(), &mut out);
    out
}

/// The first href encoder, kept as the reference (see `url::site_href`).
fn href_char_by_char(prefix: &str, path: &str) -> String {
    let mut out = String::from(prefix);
    for c in path.chars() {
        if c != '/'
            && (c.is_control()
                || matches!(
                    c,
                    ' ' | '"'
                        | '#'
                        | '%'
                        | ':'
                        | '<'
                        | '>'
                        | '?'
                        | '\\'
                        | '^'
                        | '`'
                        | '{'
                        | '|'
                        | '}'
                        | '\''
                        | '['
                        | ']'
                ))
        {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}
