//! The conventions of linters and site generators: `init`, `-q`/`-v`,
//! errors first with a by-rule table, `--statistics`, `--max-diagnostics`,
//! `check --watch`, and help that matches what is accepted.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::fs;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{helpc, project, stdout};

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The clean fixture plus an article with an unpaired target (an error), in a temporary folder.
fn content_with_problems() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &project().join("tests/fixtures/clean/content"),
        &dir.path().join("content"),
    );
    fs::write(
        dir.path().join("content/fr-FR/a-broken.md"),
        "---\ntitle: T\nms.contentlocale: fr-FR\n---\n<span data-ttu-id=\"aaaaa-101\">Sans source.</span>\n",
    )
    .unwrap();
    dir
}

#[test]
fn init_then_check_and_build_in_an_empty_folder() {
    let dir = tempfile::tempdir().unwrap();
    let output = helpc(dir.path(), &["init"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for rel in [
        "helpc.toml",
        "content/en-US/TOC.yml",
        "content/en-US/getting-started.md",
        "content/fr-FR/TOC.yml",
        "content/fr-FR/getting-started.md",
        ".github/workflows/helpc.yml",
    ] {
        assert!(dir.path().join(rel).is_file(), "{rel}");
    }
    let workflow = fs::read_to_string(dir.path().join(".github/workflows/helpc.yml")).unwrap();
    for step in [
        "--format github",
        "--format sarif",
        "upload-sarif",
        "helpc build",
    ] {
        assert!(workflow.contains(step), "{step}");
    }

    // No diagnostic at all, not even a note.
    let check = helpc(dir.path(), &["check", "--format", "json"]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    let report: serde_json::Value = serde_json::from_slice(&check.stdout).unwrap();
    assert_eq!(report["diagnostics"], serde_json::json!([]), "{report}");
    assert_eq!(report["summary"]["locales"], 2);

    let build = helpc(dir.path(), &["build"]);
    assert_eq!(build.status.code(), Some(0), "{}", stderr(&build));
    for page in [
        "index.html",
        "en-us/getting-started.html",
        "fr-fr/getting-started.html",
    ] {
        assert!(dir.path().join("public").join(page).is_file(), "{page}");
    }
    let french = fs::read_to_string(dir.path().join("public/fr-fr/getting-started.html")).unwrap();
    assert!(french.contains("Bien démarrer"), "{french}");

    // Nothing left to add: refused, nothing touched.
    let again = helpc(dir.path(), &["init"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(
        stderr(&again).contains("nothing was changed"),
        "{}",
        stderr(&again)
    );
}

#[test]
fn init_only_adds_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("helpc.toml"), "# mine\n").unwrap();
    let output = helpc(dir.path(), &["init", "site"]);
    assert_eq!(output.status.code(), Some(0));
    assert!(
        dir.path()
            .join("site/content/fr-FR/getting-started.md")
            .is_file()
    );
    // An existing project keeps its files and its content.
    fs::create_dir_all(dir.path().join("other/content/de-DE")).unwrap();
    fs::write(dir.path().join("other/helpc.toml"), "# mine\n").unwrap();
    let output = helpc(dir.path(), &["init", "other"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(
        fs::read_to_string(dir.path().join("other/helpc.toml")).unwrap(),
        "# mine\n"
    );
    assert!(!dir.path().join("other/content/en-US").exists());
    assert!(
        dir.path()
            .join("other/.github/workflows/helpc.yml")
            .is_file()
    );
    assert!(
        stderr(&output).contains("kept helpc.toml"),
        "{}",
        stderr(&output)
    );
    // A file is not a folder.
    fs::write(dir.path().join("file"), "x").unwrap();
    assert_eq!(helpc(dir.path(), &["init", "file"]).status.code(), Some(2));
}

#[test]
fn errors_come_first_and_a_table_by_rule_closes_the_report() {
    let dir = content_with_problems();
    let output = helpc(dir.path(), &["check", "content"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let first_warning = text.find("\nwarning[").unwrap_or(text.len());
    let last_error = text.rfind("\nerror[").or(text.find("error[")).unwrap();
    assert!(text.starts_with("error["), "{text}");
    assert!(last_error < first_warning, "{text}");
    let lines: Vec<&str> = text.lines().collect();
    let summary = lines.last().unwrap();
    assert!(summary.starts_with("checked 3 locales"), "{summary}");
    // The table names each rule once with its count and level.
    assert!(
        lines
            .iter()
            .any(|l| l.trim_start().starts_with("1  unpaired-target") && l.ends_with("error")),
        "{text}"
    );

    let quiet = helpc(dir.path(), &["check", "content", "-q"]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(!stdout(&quiet).contains("checked 3 locales"));
    assert!(!stdout(&quiet).contains("  unpaired-target "));
    assert!(stdout(&quiet).starts_with("error[unpaired-target]"));

    let statistics = helpc(dir.path(), &["check", "content", "--statistics"]);
    assert_eq!(statistics.status.code(), Some(1));
    let table = stdout(&statistics);
    assert!(!table.contains("-->"), "{table}");
    assert!(
        table
            .lines()
            .any(|l| l.split_whitespace().eq(["1", "unpaired-target", "error"])),
        "{table}"
    );

    let limited = helpc(dir.path(), &["check", "content", "--max-diagnostics", "1"]);
    assert_eq!(limited.status.code(), Some(1));
    let text = stdout(&limited);
    assert_eq!(text.matches("-->").count(), 1, "{text}");
    assert!(text.contains("more diagnostic"), "{text}");
    // Even none shown still fails on the error.
    let none = helpc(dir.path(), &["check", "content", "--max-diagnostics", "0"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(!stdout(&none).contains("-->"));

    // JSON keeps every diagnostic whatever the limit.
    let json = helpc(
        dir.path(),
        &[
            "check",
            "content",
            "--format",
            "json",
            "--max-diagnostics",
            "0",
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert!(!report["diagnostics"].as_array().unwrap().is_empty());
    // GitHub: annotations cut to the limit, with a notice saying so.
    let github = helpc(
        dir.path(),
        &[
            "check",
            "content",
            "--format",
            "github",
            "--max-diagnostics",
            "0",
        ],
    );
    let text = stdout(&github);
    assert!(!text.contains("::error file="), "{text}");
    assert!(text.contains("more diagnostics not shown"), "{text}");
}

#[test]
fn quiet_and_verbose_on_every_command() {
    let dir = tempfile::tempdir().unwrap();
    assert!(helpc(dir.path(), &["init", "-q"]).stderr.is_empty());
    let build = helpc(dir.path(), &["build", "-q"]);
    assert_eq!(build.status.code(), Some(0));
    assert!(build.stderr.is_empty(), "{}", stderr(&build));
    assert!(build.stdout.is_empty(), "{}", stdout(&build));
    let verbose = helpc(dir.path(), &["-v", "build"]);
    let text = stderr(&verbose);
    for stage in [
        "helpc: config: ",
        "helpc: discover: fr-FR (1 Markdown files",
        "helpc: read, check, render and write: ",
    ] {
        assert!(text.contains(stage), "{stage}: {text}");
    }
    // Every subcommand takes both.
    for command in [
        "check",
        "build",
        "review",
        "serve",
        "status",
        "export",
        "handoff",
        "import",
        "clean",
        "init",
        "rules",
        "explain",
        "completions",
        "man",
    ] {
        for flag in ["-q", "--verbose"] {
            let help = helpc(dir.path(), &[command, flag, "--help"]);
            assert_eq!(help.status.code(), Some(0), "{command} {flag}");
        }
    }
    let both = helpc(dir.path(), &["check", "-q", "-v"]);
    assert_eq!(both.status.code(), Some(2));
}

#[test]
fn status_accepts_every_format_its_help_offers() {
    let dir = tempfile::tempdir().unwrap();
    helpc(dir.path(), &["init", "-q"]);
    let help = stdout(&helpc(dir.path(), &["status", "--help"]));
    assert!(help.contains("sarif") && help.contains("github"), "{help}");
    for format in ["human", "json", "sarif", "github"] {
        let output = helpc(dir.path(), &["status", "--format", format]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{format}: {}",
            stderr(&output)
        );
    }
    let sarif = helpc(dir.path(), &["status", "--format", "sarif"]);
    let log: serde_json::Value = serde_json::from_slice(&sarif.stdout).unwrap();
    assert_eq!(log["version"], "2.1.0");
    // `import` needs CONTENT and says so.
    let help = stdout(&helpc(dir.path(), &["import", "--help"]));
    assert!(
        help.contains("import [OPTIONS] <CONTENT> <FILES>..."),
        "{help}"
    );
}

/// Reads the child's standard output until `wanted` has been seen `times` times.
fn wait_for(out: &mut impl std::io::Read, seen: &mut String, wanted: &str, times: usize) -> bool {
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut buffer = [0u8; 4096];
    while seen.matches(wanted).count() < times {
        if Instant::now() > deadline {
            return false;
        }
        match out.read(&mut buffer) {
            Ok(0) | Err(_) => return false,
            Ok(n) => seen.push_str(&String::from_utf8_lossy(&buffer[..n])),
        }
    }
    true
}

#[test]
fn check_watch_reports_again_after_a_change() {
    let dir = tempfile::tempdir().unwrap();
    helpc(dir.path(), &["init", "-q"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpc"))
        .current_dir(dir.path())
        .args(["check", "--watch"])
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut out = child.stdout.take().unwrap();
    let mut seen = String::new();
    let first = wait_for(&mut out, &mut seen, "checked 2 locales", 1);
    let article = Path::new("content/fr-FR/getting-started.md");
    if first {
        // Break a span: the second report has an error.
        let path = dir.path().join(article);
        let text = fs::read_to_string(&path).unwrap();
        fs::write(
            &path,
            text.replacen(
                "</span><span class=\"sxs-lookup\">",
                "<span class=\"sxs-lookup\">",
                1,
            ),
        )
        .unwrap();
    }
    let second = first && wait_for(&mut out, &mut seen, "checked 2 locales", 2);
    let _ = child.kill();
    let _ = child.wait();
    assert!(first && second, "{seen}");
    assert!(
        seen.contains("---- content changed: checking again ----"),
        "{seen}"
    );
    let after = &seen[seen.find("checking again").unwrap()..];
    assert!(after.contains("error["), "{after}");
}
