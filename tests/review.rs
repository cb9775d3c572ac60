//! `helpc review`: side-by-side pages and QA summaries for translators.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use common::{files_with_extension, helpc, html5_errors, project};

#[test]
fn review_pages_show_each_segment_with_its_diagnostics() {
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("review");
    let case = project().join("tests/fixtures/quality");
    let output = helpc(
        &case,
        &[
            "review",
            "content",
            "--out",
            out_dir.to_str().unwrap(),
            "--format",
            "json",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );

    let page = std::fs::read_to_string(out_dir.join("fr-fr/link-broken.html")).unwrap();
    assert!(html5_errors(&page).is_empty(), "{:?}", html5_errors(&page));
    // The flagged row carries its segment id, line, both sides and its diagnostic.
    let row_start = page
        .find("<tr id=\"s-d00d1-103\" class=\"flagged\">")
        .expect("flagged row");
    let row = &page[row_start..row_start + page[row_start..].find("</tr>").unwrap()];
    assert!(row.contains("<td>8</td>"));
    assert!(row.contains("See [the guide](https://example.com/guide)."));
    assert!(row.contains("Voir [le guide] (https://example.com/guide)."));
    assert!(row.contains("error[link-broken]"));
    assert!(
        page.contains("id=\"flagged-only\""),
        "the filter to flagged rows"
    );
    assert!(
        page.contains("<tr id=\"s-d00d1-102\">"),
        "unflagged rows stay"
    );

    let summary: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out_dir.join("fr-fr/summary.json")).unwrap())
            .unwrap();
    assert_eq!(summary["locale"], "fr-FR");
    assert_eq!(summary["machine_translated"], 13);
    assert!(summary["segments"].as_u64().unwrap() >= 30);
    assert_eq!(summary["by_rule"]["link-broken"], 1);
    assert_eq!(summary["worst"][0]["path"], "fr-FR/markup-unsafe.md");
    // The configuration applies: one untranslated segment is allowed inline,
    // one is a do-not-translate term, one is below an overridden path.
    assert_eq!(summary["untranslated"], 1);

    for page in files_with_extension(&out_dir, "html") {
        let errors = html5_errors(&std::fs::read_to_string(&page).unwrap());
        assert!(errors.is_empty(), "{}: {errors:?}", page.display());
    }
    assert!(out_dir.join("index.html").is_file() && out_dir.join("ar-sa/index.html").is_file());
}

#[test]
fn review_of_the_corpus_is_well_formed() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("review");
    let output = helpc(
        &project(),
        &[
            "review",
            corpus.to_str().unwrap(),
            "--out",
            out_dir.to_str().unwrap(),
            "--locale",
            "ar-SA",
            "--locale",
            "ja-JP",
            "--format",
            "json",
        ],
    );
    assert!(matches!(output.status.code(), Some(0 | 1)));
    let pages = files_with_extension(&out_dir, "html");
    assert!(pages.len() > 5_000);
    for page in pages {
        let errors = html5_errors(&std::fs::read_to_string(&page).unwrap());
        assert!(errors.is_empty(), "{}: {errors:?}", page.display());
    }
}
