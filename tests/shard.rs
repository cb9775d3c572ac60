//! `--shard K/N` and `helpc merge`: the shards' diagnostics add up to one
//! check's, and the merged parts are byte for byte one build's site.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::path::Path;

use common::{helpc, project};
use serde_json::Value;

fn files(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

fn diagnostics(dir: &Path, args: &[&str]) -> Vec<Value> {
    let output = helpc(dir, args);
    let report: Value = serde_json::from_slice(&output.stdout).unwrap();
    report["diagnostics"].as_array().unwrap().clone()
}

#[test]
fn shards_add_up_to_one_check() {
    for case in ["across", "quality", "inline-allow"] {
        let dir = project().join("tests/fixtures").join(case);
        let mut whole = diagnostics(&dir, &["check", "content", "--format", "json"]);
        let mut shards = Vec::new();
        for k in 1..=3 {
            let shard = format!("{k}/3");
            shards.extend(diagnostics(
                &dir,
                &["check", "content", "--format", "json", "--shard", &shard],
            ));
        }
        let key = |d: &Value| d.to_string();
        whole.sort_by_key(key);
        shards.sort_by_key(key);
        assert_eq!(shards, whole, "{case}");
    }
}

#[test]
fn merged_shards_are_one_build() {
    let dir = project().join("tests/fixtures/clean");
    let out = tempfile::tempdir().unwrap();
    let part = |k: usize| out.path().join(format!("part{k}"));
    for k in 1..=3 {
        let output = helpc(
            &dir,
            &[
                "build",
                "content",
                "--emit",
                "html,json",
                "--shard",
                &format!("{k}/3"),
                "--out",
                part(k).to_str().unwrap(),
            ],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let merged = out.path().join("merged");
    let output = helpc(
        &dir,
        &[
            "merge",
            part(1).to_str().unwrap(),
            part(2).to_str().unwrap(),
            part(3).to_str().unwrap(),
            "--content",
            "content",
            "--out",
            merged.to_str().unwrap(),
        ],
    );
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let whole = out.path().join("whole");
    let output = helpc(
        &dir,
        &[
            "build",
            "content",
            "--emit",
            "html,json",
            "--no-cache",
            "--out",
            whole.to_str().unwrap(),
        ],
    );
    assert!(output.status.success());
    let (a, b) = (files(&merged), files(&whole));
    assert_eq!(
        a.iter().map(|(p, _)| p).collect::<Vec<_>>(),
        b.iter().map(|(p, _)| p).collect::<Vec<_>>()
    );
    assert!(a == b, "merged files differ from one build's");
    // A missing shard, or one given twice, merges nothing.
    for parts in [
        vec![part(1), part(2)],
        vec![part(1), part(1), part(2), part(3)],
    ] {
        let refused = out.path().join("refused");
        let mut args = vec!["merge".to_string()];
        args.extend(parts.iter().map(|p| p.to_string_lossy().into_owned()));
        args.extend(["--content", "content", "--out"].map(String::from));
        args.push(refused.to_string_lossy().into_owned());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let output = helpc(&dir, &args);
        assert_eq!(output.status.code(), Some(2));
        assert!(!refused.exists());
        assert!(!out.path().join(".refused.helpc-next").exists());
    }
}
