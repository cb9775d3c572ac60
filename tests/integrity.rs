//! Output integrity: builds are byte-identical across runs and thread
//! counts, and a build killed at any moment leaves either the previous
//! site or the new one, never a mix.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// a panic in a test is a failed test

// These tests signal and wait for helpc processes (libc's kill and wait4).
#![allow(unsafe_code)]

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

use common::{helpc, project};

/// Every file under `dir` (relative path → bytes), hidden ones included.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        let Ok(entries) = fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(rel, fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn differences(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut found: Vec<String> = a
        .iter()
        .filter(|(path, bytes)| b.get(*path) != Some(*bytes))
        .map(|(path, _)| path.clone())
        .collect();
    found.extend(b.keys().filter(|path| !a.contains_key(*path)).cloned());
    found.truncate(10);
    found
}

fn build(content: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--emit",
        "html,json",
    ];
    args.extend_from_slice(extra);
    helpc(&project(), &args)
}

fn assert_identical_builds(content: &Path, extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let runs: Vec<(PathBuf, Vec<&str>)> = vec![
        (dir.path().join("one"), vec!["-j", "1"]),
        (dir.path().join("two"), vec!["-j", "2"]),
        (dir.path().join("again"), vec!["-j", "2"]),
        (dir.path().join("four"), vec!["-j", "4"]),
    ];
    let mut trees = Vec::new();
    let mut reports = Vec::new();
    for (out, jobs) in &runs {
        let mut args = extra.to_vec();
        args.extend(jobs);
        args.extend(["--format", "json"]);
        let output = build(content, out, &args);
        assert!(
            output.status.code().is_some_and(|c| c <= 1),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        trees.push(tree(out));
        reports.push(output.stdout);
    }
    assert!(trees[0].len() > 5);
    for (index, other) in trees.iter().enumerate().skip(1) {
        assert_eq!(
            differences(&trees[0], other),
            Vec::<String>::new(),
            "run {index} differs"
        );
        // The report names its output folder; the rest is identical.
        let strip = |bytes: &[u8]| {
            let mut value: serde_json::Value = serde_json::from_slice(bytes).unwrap();
            value["build"]["out"] = serde_json::Value::Null;
            value
        };
        assert_eq!(strip(&reports[0]), strip(&reports[index]));
    }
}

#[test]
fn the_sample_site_is_byte_identical_across_runs_and_thread_counts() {
    assert_identical_builds(&project().join("content"), &["--mode", "bilingual"]);
}

#[test]
fn a_corpus_locale_is_byte_identical_across_runs_and_thread_counts() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    assert_identical_builds(&corpus, &["--locale", "ja-JP", "--locale", "ar-SA"]);
}

/// A content tree big enough that a build takes a while.
fn synthetic_content(dir: &Path, articles: usize, variant: &str) {
    for index in 0..articles {
        let path = dir.join(format!("fr-FR/section-{}/article-{index}.md", index % 20));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        let mut text =
            format!("---\ntitle: Article {index} {variant}\nms.contentlocale: fr-FR\n---\n");
        for n in 0..40 {
            text.push_str(&format!(
                "<span data-ttu-id=\"abcde-{n}\">Phrase {n} de l’article {index}, {variant}, avec **gras**.</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-{n}\">Sentence {n} of article {index} with **bold**.</span></span>\n\n"
            ));
        }
        fs::write(path, text).unwrap();
    }
}

#[cfg(unix)]
#[test]
fn a_build_killed_at_any_moment_leaves_the_previous_site_or_the_new_one() {
    let dir = tempfile::tempdir().unwrap();
    let old_content = dir.path().join("old");
    let new_content = dir.path().join("new");
    synthetic_content(&old_content, 3_000, "old");
    synthetic_content(&new_content, 3_000, "new");
    let out = dir.path().join("site");
    // The two sites a build may leave behind.
    let reference_new = dir.path().join("reference-new");
    assert!(build(&new_content, &reference_new, &[]).status.success());
    let expected_new = tree(&reference_new);
    assert!(build(&old_content, &out, &[]).status.success());
    let expected_old = tree(&out);
    assert_ne!(expected_old, expected_new);

    let mut killed_mid_build = 0;
    for delay_ms in [5, 40, 120, 250, 400, 600, 900, 1300] {
        let child = Command::new(env!("CARGO_BIN_EXE_helpc"))
            .args([
                "build",
                new_content.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--emit",
                "html,json",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        // SAFETY: signalling our own child.
        unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGKILL) };
        let status = { child }.wait().unwrap();
        let now = tree(&out);
        if now == expected_old {
            killed_mid_build += usize::from(status.code().is_none());
        } else {
            assert_eq!(
                differences(&now, &expected_new),
                Vec::<String>::new(),
                "killed after {delay_ms} ms: the site is neither the old one nor the new one"
            );
            // Back to the old site for the next round.
            assert!(build(&old_content, &out, &[]).status.success());
            assert_eq!(tree(&out), expected_old);
        }
    }
    assert!(
        killed_mid_build > 0,
        "no kill landed during a build: make the content bigger"
    );
    // After all those kills, a build still succeeds and gives the new site.
    assert!(build(&new_content, &out, &[]).status.success());
    assert_eq!(
        differences(&tree(&out), &expected_new),
        Vec::<String>::new()
    );
}
