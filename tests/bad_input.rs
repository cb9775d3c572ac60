//! The bad-input suite: content that breaks every assumption, run through
//! `helpc check` and `helpc build` as a user would. Each case must end in
//! time, within a memory bound, without a panic, with the exit status and
//! the diagnostic it deserves.

#![allow(clippy::unwrap_used, clippy::expect_used)]
// a panic in a test is a failed test

// These tests signal and wait for helpc processes (libc's kill and wait4).
#![allow(unsafe_code)]

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

const HEAD: &str = "---\ntitle: T\nms.contentlocale: fr-FR\n---\n";

fn pair(id: &str, target: &str, source: &str) -> String {
    format!(
        "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
    )
}

/// What one bounded run gave.
struct Run {
    status: i32,
    stdout: String,
    stderr: String,
    /// Peak resident memory, KiB.
    peak_kib: i64,
    took: Duration,
}

/// Runs helpc with `args` in `dir`; kills it past `limit`. Waits with
/// `wait4` (not `Child::wait`) to read this child's own peak memory.
#[allow(clippy::zombie_processes)]
fn bounded(dir: &Path, args: &[&str], limit: Duration) -> Run {
    let out = tempfile::tempdir().unwrap();
    let stdout_path = out.path().join("stdout");
    let stderr_path = out.path().join("stderr");
    let start = Instant::now();
    let child = Command::new(env!("CARGO_BIN_EXE_helpc"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout_path).unwrap())
        .stderr(fs::File::create(&stderr_path).unwrap())
        .spawn()
        .expect("helpc runs");
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    loop {
        // SAFETY: `pid` is our own child, waited for by nobody else.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break;
        }
        if start.elapsed() > limit {
            // SAFETY: our own child, not yet reaped.
            unsafe { libc::kill(pid, libc::SIGKILL) };
            panic!("helpc {args:?} ran past {limit:?}: a hang");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let took = start.elapsed();
    let stderr = fs::read_to_string(&stderr_path).unwrap_or_default();
    assert!(
        libc::WIFEXITED(status),
        "helpc {args:?} was killed by a signal: {stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "helpc {args:?} panicked: {stderr}"
    );
    Run {
        status: libc::WEXITSTATUS(status),
        stdout: fs::read_to_string(&stdout_path).unwrap_or_default(),
        stderr,
        peak_kib: usage.ru_maxrss,
        took,
    }
}

fn content(files: &[(&str, Vec<u8>)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, bytes) in files {
        let path = dir.path().join("content").join(path);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

/// `helpc check --format json` and `helpc build` over `dir/content`:
/// both end with `status`; returns the check report.
fn check_and_build(dir: &Path, status: i32, limit: Duration) -> (Value, Run) {
    let check = bounded(dir, &["check", "content", "--format", "json"], limit);
    assert_eq!(check.status, status, "check: {}", check.stderr);
    let report: Value = serde_json::from_str(&check.stdout).expect("a JSON report");
    let build = bounded(dir, &["build", "content", "--out", "site"], limit);
    assert_eq!(build.status, status, "build: {}", build.stderr);
    assert!(dir.join("site/index.html").is_file(), "the site is built");
    (report, build)
}

fn rules_at(report: &Value) -> Vec<(String, String, u64)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
                d["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn has(report: &Value, rule: &str, path: &str, line: u64) -> bool {
    rules_at(report)
        .iter()
        .any(|(r, p, l)| r == rule && p == path && *l == line)
}

const QUICK: Duration = Duration::from_secs(20);

#[test]
fn invalid_utf8_and_nul_bytes_are_reported_at_their_line() {
    let mut latin1 = format!("{HEAD}\n").into_bytes();
    latin1.extend_from_slice(b"<span data-ttu-id=\"aaaaa-1\">R\xe9sum\xe9</span>\n");
    let nul = format!("{HEAD}\n{}\n", pair("aaaaa-1", "Bon\0jour", "Hello")).into_bytes();
    let good = format!("{HEAD}\n{}\n", pair("aaaaa-1", "Bonjour", "Hello")).into_bytes();
    let dir = content(&[
        ("fr-FR/latin1.md", latin1),
        ("fr-FR/nul.md", nul),
        ("fr-FR/good.md", good),
    ]);
    let (report, _) = check_and_build(dir.path(), 1, QUICK);
    assert!(
        has(&report, "encoding-invalid", "fr-FR/latin1.md", 6),
        "{report:#}"
    );
    assert!(
        has(&report, "encoding-invalid", "fr-FR/nul.md", 6),
        "{report:#}"
    );
    // The rest of the run goes on: the good article is built.
    assert!(dir.path().join("site/fr-fr/good.html").is_file());
    assert!(!dir.path().join("site/fr-fr/nul.html").exists());
}

#[test]
fn a_50_mb_article_is_read_in_bounded_time_and_memory() {
    let line = pair(
        "aaaaa-1",
        "Une phrase traduite avec **gras** et `code`.",
        "A translated sentence with **bold** and `code`.",
    );
    let mut text = String::from(HEAD);
    let mut id = 0;
    while text.len() < 50 * 1024 * 1024 {
        id += 1;
        text.push_str(&line.replace("aaaaa-1", &format!("aaaaa-{id}")));
        text.push_str("\n\n");
    }
    let dir = content(&[("fr-FR/huge.md", text.into_bytes())]);
    let run = bounded(
        dir.path(),
        &["check", "content", "--format", "json"],
        Duration::from_secs(120),
    );
    assert_eq!(run.status, 0, "{}", run.stderr);
    let report: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(report["summary"]["segments"].as_u64(), Some(id as u64));
    // Bounded: a small multiple of the file, not of its square.
    assert!(run.peak_kib < 800_000, "peak {} KiB", run.peak_kib);
    let build = bounded(
        dir.path(),
        &["build", "content", "--out", "site"],
        Duration::from_secs(180),
    );
    assert_eq!(build.status, 0, "{}", build.stderr);
    assert!(build.peak_kib < 1_200_000, "peak {} KiB", build.peak_kib);
    eprintln!(
        "50 MB article: check {:?} ({} KiB), build {:?} ({} KiB)",
        run.took, run.peak_kib, build.took, build.peak_kib
    );
}

#[test]
fn ten_thousand_segments_on_one_line() {
    let line: String = (0..10_000)
        .map(|i| {
            pair(
                &format!("bbbbb-{i}"),
                &format!("Phrase {i}."),
                &format!("Sentence {i}."),
            )
        })
        .collect::<Vec<_>>()
        .join(" ");
    let dir = content(&[(
        "fr-FR/one-line.md",
        format!("{HEAD}\n{line}\n").into_bytes(),
    )]);
    let (report, run) = check_and_build(dir.path(), 0, Duration::from_secs(60));
    assert_eq!(report["summary"]["segments"].as_u64(), Some(10_000));
    assert!(run.took < Duration::from_secs(30), "{:?}", run.took);
}

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    let mut lists = String::from(HEAD);
    for depth in 0..3_000 {
        lists.push_str(&"  ".repeat(depth));
        lists.push_str("- item\n");
    }
    let quotes = format!(
        "{HEAD}{} {}\n",
        ">".repeat(5_000),
        pair("ccccc-1", "Cité", "Quoted")
    );
    let emphasis = format!("{HEAD}{}x{}\n", "*_".repeat(5_000), "_*".repeat(5_000));
    let links = format!("{HEAD}{}x{}\n", "[".repeat(10_000), "](u)".repeat(10_000));
    let html = format!(
        "{HEAD}{}x{}\n",
        "<div>".repeat(10_000),
        "</div>".repeat(10_000)
    );
    let dir = content(&[
        ("fr-FR/lists.md", lists.into_bytes()),
        ("fr-FR/quotes.md", quotes.into_bytes()),
        ("fr-FR/emphasis.md", emphasis.into_bytes()),
        ("fr-FR/links.md", links.into_bytes()),
        ("fr-FR/html.md", html.into_bytes()),
    ]);
    let check = bounded(
        dir.path(),
        &["check", "content", "--format", "json"],
        Duration::from_secs(60),
    );
    assert!(check.status <= 1, "{}", check.stderr);
    let build = bounded(
        dir.path(),
        &["build", "content", "--out", "site"],
        Duration::from_secs(60),
    );
    assert!(build.status <= 1, "{}", build.stderr);
    assert!(dir.path().join("site/fr-fr/lists.html").is_file());
}

#[test]
fn everything_unclosed_is_reported() {
    let unclosed_spans = format!(
        "{HEAD}\n{}\n",
        "<span data-ttu-id=\"ddddd-1\">ouvert ".repeat(2_000)
    );
    let unclosed_front_matter = "---\ntitle: T\nms.contentlocale: fr-FR\n\nNo end.\n".to_string();
    let unclosed_markdown = format!(
        "{HEAD}\n{}\n\n```\ncode without end\n\n**bold [link (url\n<div><span>\n<!-- comment\n",
        pair("ddddd-2", "Texte", "Text")
    );
    let dir = content(&[
        ("fr-FR/spans.md", unclosed_spans.into_bytes()),
        ("fr-FR/front.md", unclosed_front_matter.into_bytes()),
        ("fr-FR/markdown.md", unclosed_markdown.into_bytes()),
    ]);
    let (report, _) = check_and_build(dir.path(), 1, QUICK);
    let found = rules_at(&report);
    assert!(
        found
            .iter()
            .any(|(r, p, _)| r == "span-unclosed" && p == "fr-FR/spans.md"),
        "{found:?}"
    );
    assert!(
        found.iter().any(|(r, p, _)| r == "front-matter-missing"
            || r == "front-matter-invalid" && p == "fr-FR/front.md"),
        "{found:?}"
    );
    assert!(
        dir.path().join("site/fr-fr/markdown.html").is_file(),
        "{found:?}"
    );
}

#[cfg(unix)]
#[test]
fn links_loops_unreadable_entries_and_escapes() {
    use std::os::unix::fs::symlink;
    let outside = tempfile::tempdir().unwrap();
    fs::write(outside.path().join("secret.md"), format!("{HEAD}secret\n")).unwrap();
    let escaping = format!(
        "{HEAD}\n{}\n\n[!INCLUDE[x](../../../../outside.md)]\n\n[up](../../../../x.md)\n",
        pair("eeeee-1", "Texte", "Text")
    );
    let dir = content(&[
        ("fr-FR/escaping.md", escaping.into_bytes()),
        (
            "fr-FR/good.md",
            format!("{HEAD}\n{}\n", pair("eeeee-2", "Bon", "Good")).into_bytes(),
        ),
    ]);
    let locale = dir.path().join("content/fr-FR");
    symlink(&locale, locale.join("loop")).unwrap();
    symlink("nowhere.md", locale.join("dangling.md")).unwrap();
    symlink(outside.path().join("secret.md"), locale.join("secret.md")).unwrap();
    let unreadable = locale.join("unreadable.md");
    fs::write(&unreadable, format!("{HEAD}x\n")).unwrap();
    let as_root = unsafe { libc::geteuid() } == 0;
    if !as_root {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&unreadable, fs::Permissions::from_mode(0o000)).unwrap();
    }
    let (report, _) = check_and_build(dir.path(), 1, QUICK);
    let found = rules_at(&report);
    let rule_of = |path: &str| {
        found
            .iter()
            .filter(|(_, p, _)| p == path)
            .map(|(r, _, _)| r.as_str())
            .collect::<Vec<_>>()
    };
    assert_eq!(rule_of("fr-FR/loop"), ["file-unreadable"], "{found:?}");
    assert_eq!(
        rule_of("fr-FR/dangling.md"),
        ["file-unreadable"],
        "{found:?}"
    );
    assert_eq!(
        rule_of("fr-FR/secret.md"),
        ["include-outside-root"],
        "{found:?}"
    );
    assert!(
        rule_of("fr-FR/escaping.md")
            .iter()
            .filter(|r| **r == "include-outside-root")
            .count()
            == 2,
        "{found:?}"
    );
    if !as_root {
        assert_eq!(
            rule_of("fr-FR/unreadable.md"),
            ["file-unreadable"],
            "{found:?}"
        );
    }
    assert!(dir.path().join("site/fr-fr/good.html").is_file());
    assert!(
        !dir.path().join("site/fr-fr/secret.html").exists(),
        "nothing from outside is published"
    );
}

#[test]
fn an_output_folder_inside_the_content_is_refused() {
    let dir = content(&[(
        "fr-FR/a.md",
        format!("{HEAD}\n{}\n", pair("fffff-1", "A", "A")).into_bytes(),
    )]);
    let run = bounded(
        dir.path(),
        &["build", "content", "--out", "content/fr-FR/site"],
        QUICK,
    );
    assert_eq!(run.status, 2);
    assert!(
        run.stderr.contains("inside the content folder"),
        "{}",
        run.stderr
    );
    assert!(!dir.path().join("content/fr-FR/site").exists());
}

#[test]
fn missing_content_and_bad_configuration_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let run = bounded(dir.path(), &["check", "no-such-folder"], QUICK);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("no-such-folder"), "{}", run.stderr);
    fs::write(dir.path().join("helpc.toml"), "rules = [\n").unwrap();
    fs::create_dir(dir.path().join("content")).unwrap();
    let run = bounded(dir.path(), &["check", "content"], QUICK);
    assert_eq!(run.status, 2);
    assert!(run.stderr.contains("helpc.toml"), "{}", run.stderr);
}
