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

/// Each shard as a CI job builds it: a checkout of its own (other file
/// times), then the merge in yet another.
#[test]
fn parts_from_other_checkouts_merge_and_hostile_parts_are_refused() {
    let work = tempfile::tempdir().unwrap();
    let checkout = |name: &str| {
        let dir = work.path().join(name);
        common::copy_tree(
            &project().join("tests/fixtures/clean/content"),
            &dir.join("content"),
        );
        dir
    };
    let part = |k: usize| work.path().join(format!("part{k}"));
    for k in 1..=2 {
        let dir = checkout(&format!("job{k}"));
        std::thread::sleep(std::time::Duration::from_millis(20)); // other times
        let output = helpc(
            &dir,
            &[
                "build",
                "content",
                "--shard",
                &format!("{k}/2"),
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
    let merge_dir = checkout("merge");
    let merge = |out: &str| {
        helpc(
            &merge_dir,
            &[
                "merge",
                part(1).to_str().unwrap(),
                part(2).to_str().unwrap(),
                "--out",
                out,
            ],
        )
    };
    let output = merge("site");
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    // A manifest naming a page outside the part, or a page that is a link:
    // nothing is read through it, nothing written outside the output.
    let manifest_path = part(1).join(".helpc-shard.json");
    let original = std::fs::read_to_string(&manifest_path).unwrap();
    let mut manifest: Value = serde_json::from_str(&original).unwrap();
    let (_, family) = manifest["families"]
        .as_object_mut()
        .unwrap()
        .iter_mut()
        .next()
        .unwrap();
    family["outputs"][0][0] = Value::from("../../escape.html");
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();
    let output = merge("site2");
    assert_eq!(output.status.code(), Some(2));
    assert!(!work.path().join("escape.html").exists());
    assert!(!merge_dir.join("site2").exists());
    std::fs::write(&manifest_path, &original).unwrap();
    let manifest: Value = serde_json::from_str(&original).unwrap();
    let (_, family) = manifest["families"]
        .as_object()
        .unwrap()
        .iter()
        .next()
        .unwrap();
    let page = part(1).join(family["outputs"][0][0].as_str().unwrap());
    std::fs::remove_file(&page).unwrap();
    std::os::unix::fs::symlink("/etc/hostname", &page).unwrap();
    let output = merge("site3");
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("symbolic link"));
}
