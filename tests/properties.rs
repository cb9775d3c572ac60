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

    /// Output URLs of pages are lower-case in their locale folder, end in
    /// `.html`, and keep the rest of the path.
    #[test]
    fn output_urls_of_pages(locale in "[a-z]{2}-[A-Z]{2}", path in "[a-zA-Z0-9_-]{1,10}(/[a-zA-Z0-9_-]{1,10}){0,3}") {
        let url = helpc::render::nav::output_url(&format!("{locale}/{path}.md"));
        prop_assert_eq!(url, format!("{}/{path}.html", locale.to_ascii_lowercase()));
    }
}
