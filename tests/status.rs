//! `helpc status`: coverage per locale, as a table and as JSON, with a gate.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use common::{helpc, project};
use serde_json::Value;

#[test]
fn status_counts_missing_and_stale_articles_and_gates() {
    let content = project().join("tests/fixtures/across/content");
    let content = content.to_str().unwrap();
    let output = helpc(&project(), &["status", content, "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let status: Value = serde_json::from_slice(&output.stdout).unwrap();
    let fr = &status["locales"]["fr-FR"];
    // fr-FR has reset (stale), security, and the orphan old.md; nothing missing.
    assert_eq!(fr["articles"], 3);
    assert_eq!(fr["missing"], 0);
    assert_eq!(fr["stale"], 1);
    assert_eq!(fr["up_to_date"], 66.6);
    let ja = &status["locales"]["ja-JP"];
    assert_eq!(
        (ja["articles"].as_u64(), ja["missing"].as_u64()),
        (Some(1), Some(1))
    );
    assert!(
        status["locales"].get("en-US").is_none(),
        "the source is not a translation"
    );

    let gated = helpc(&project(), &["status", content, "--fail-under", "60"]);
    assert_eq!(gated.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&gated.stderr).contains("ja-JP"));
    let table = String::from_utf8_lossy(&gated.stdout).into_owned();
    assert!(
        table.lines().next().unwrap().starts_with("locale"),
        "{table}"
    );
    assert_eq!(
        helpc(&project(), &["status", content, "--fail-under", "50"])
            .status
            .code(),
        Some(0)
    );
    // SARIF: the diagnostics the status was computed from, as `check` writes them.
    let sarif = helpc(&project(), &["status", content, "--format", "sarif"]);
    assert_eq!(sarif.status.code(), Some(0));
    let log: Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
}

#[test]
fn the_sample_site_is_fully_translated() {
    let output = helpc(
        &project(),
        &[
            "status",
            "content",
            "--format",
            "json",
            "--fail-under",
            "100",
        ],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let status: Value = serde_json::from_slice(&output.stdout).unwrap();
    for locale in ["ar-SA", "fr-FR", "ja-JP"] {
        assert_eq!(status["locales"][locale]["up_to_date"], 100.0, "{locale}");
    }
}
