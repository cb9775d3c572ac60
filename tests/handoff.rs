//! `helpc handoff`: span-aligned files from the English articles, keeping
//! every unchanged translation and flagging the rest.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::fs;

use common::helpc;
use serde_json::Value;

fn summary(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn handing_off_a_changed_article_keeps_unchanged_translations_and_flags_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_tree(&common::project().join("content"), &content);
    let args = [
        "handoff",
        "content",
        "--locale",
        "fr-FR",
        "--date",
        "11/23/2026",
    ];

    // A first handoff re-cuts the files; every translation is kept.
    let first = helpc(dir.path(), &args);
    assert!(first.status.success(), "{}", summary(&first));
    assert!(
        summary(&first).contains("298 segments carried over, 0 near matches to review, 2 new"),
        "{}",
        summary(&first)
    );
    let check = helpc(dir.path(), &["check", "content", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");

    // The English changes: one sentence reworded, one added, one removed.
    let english = content.join("en-US/guides/troubleshooting.md");
    let text = fs::read_to_string(&english).unwrap();
    let text = text
        .replace(
            "Remove the space so that the closing bracket and the opening parenthesis **touch** again.",
            "Remove the space so that the closing bracket and the opening parenthesis **touch** once more.",
        )
        .replace(
            "# Troubleshoot common problems\n",
            "# Troubleshoot common problems\n\nStart with the rule name in the message.\n",
        )
        .replace(" If a diagnostic is not listed here, run `helpc explain` with the rule name to read its full explanation.", "");
    fs::write(&english, text).unwrap();
    let before = fs::read_to_string(content.join("fr-FR/guides/troubleshooting.md")).unwrap();
    let second = helpc(dir.path(), &args);
    assert!(second.status.success());
    let flagged = String::from_utf8_lossy(&second.stdout).into_owned();
    let lines: Vec<&str> = flagged
        .lines()
        .filter(|l| l.contains("troubleshooting"))
        .collect();
    assert_eq!(lines.len(), 2, "{flagged}");
    assert!(
        lines
            .iter()
            .any(|l| l.contains("near match") && l.contains("**touch** once more."))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.contains("new, to translate: Start with the rule name"))
    );
    let after = fs::read_to_string(content.join("fr-FR/guides/troubleshooting.md")).unwrap();
    // Every other translation is still there, word for word.
    let targets = |text: &str| -> Vec<String> {
        text.split("<span data-ttu-id=\"")
            .skip(1)
            .filter_map(|s| {
                s.split_once("\">")
                    .map(|(_, rest)| rest.split("</span>").next().unwrap_or("").to_string())
            })
            .collect()
    };
    let old_targets = targets(&before);
    let new_targets = targets(&after);
    let kept = old_targets
        .iter()
        .filter(|t| new_targets.contains(t))
        .count();
    // All but the one whose English was removed.
    assert_eq!(kept, old_targets.len() - 1, "{after}");
    // Nothing changed for the other locales, and a new locale starts untranslated.
    let third = helpc(
        dir.path(),
        &[
            "handoff",
            "content",
            "--locale",
            "de-DE",
            "--date",
            "11/23/2026",
        ],
    );
    assert!(
        summary(&third).contains("10 created"),
        "{}",
        summary(&third)
    );
    let check = helpc(dir.path(), &["check", "content", "--format", "json"]);
    let report: Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["summary"]["errors"], 0);
    assert!(
        report["summary"]["by_rule"]["untranslated"]
            .as_u64()
            .unwrap()
            > 200
    );
}
