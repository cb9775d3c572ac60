//! `helpc check [PATH]...`: files and locale folders report exactly what a
//! full check reports for them; a folder with no locale, or a file outside
//! any content folder, is refused with status 2.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::path::Path;

use common::{helpc, project};
use serde_json::Value;

fn json(dir: &Path, args: &[&str]) -> (Option<i32>, Value) {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let output = helpc(dir, &all);
    let value = serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}", common::stdout(&output)));
    (output.status.code(), value)
}

/// The full check's diagnostics of `paths` (relative to CONTENT).
fn full_check_of(dir: &Path, paths: &[&str]) -> Vec<Value> {
    let (_, full) = json(dir, &["check", "content"]);
    full["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| paths.contains(&d["path"].as_str().unwrap()))
        .cloned()
        .collect()
}

#[test]
fn files_report_exactly_their_diagnostics_of_a_full_check() {
    let dir = project().join("tests/fixtures/quality");
    let files = ["fr-FR/number-mismatch.md", "ar-SA/digits.md"];
    let expected = full_check_of(&dir, &files);
    assert!(expected.len() >= 2, "the fixture files have diagnostics");
    let (status, report) = json(
        &dir,
        &[
            "check",
            "content/fr-FR/number-mismatch.md",
            "content/ar-SA/digits.md",
        ],
    );
    assert_eq!(report["diagnostics"].as_array().unwrap(), &expected);
    assert_eq!(report["summary"]["files"], 2);
    let errors = expected.iter().any(|d| d["level"] == "error");
    assert_eq!(status, Some(i32::from(errors)));
    // A file with an error: status 1.
    let (status, _) = json(&dir, &["check", "content/fr-FR/markup-unsafe.md"]);
    assert_eq!(status, Some(1));
}

#[test]
fn rules_across_locales_still_see_the_other_locales() {
    let dir = project().join("tests/fixtures/across");
    let files = ["fr-FR/reset.md"];
    let expected = full_check_of(&dir, &files);
    assert!(
        expected.iter().any(|d| d["rule"] == "translation-stale"),
        "the fixture's French article is stale against en-US"
    );
    let (_, report) = json(&dir, &["check", "content/fr-FR/reset.md"]);
    assert_eq!(report["diagnostics"].as_array().unwrap(), &expected);
}

#[test]
fn a_locale_folder_is_that_locale() {
    let dir = project().join("tests/fixtures/quality");
    let (status_a, folder) = json(&dir, &["check", "content/fr-FR"]);
    let (status_b, flag) = json(&dir, &["check", "content", "--locale", "fr-FR"]);
    assert_eq!(folder, flag);
    assert_eq!(status_a, status_b);
}

#[test]
fn a_folder_with_no_locale_or_a_file_outside_content_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let output = helpc(empty.path(), &["check", "."]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no locale folder"));
    let output = helpc(&project(), &["check", "src/lib.rs"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("not in a content folder"));
    // Files of two content folders at once.
    let output = helpc(
        &project(),
        &[
            "check",
            "tests/fixtures/quality/content/fr-FR/clean.md",
            "tests/fixtures/across/content/fr-FR/reset.md",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
}
