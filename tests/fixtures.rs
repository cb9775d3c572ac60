//! Snapshot tests over `tests/fixtures/<case>/`: each case holds a
//! `content/` tree (and optionally `helpc.toml` and an `args` file with one
//! extra argument per line). The test runs `helpc check` in the case folder
//! and compares with `expected-check.json` (JSON report and exit status) and
//! `expected-check.txt` (human output); a case with a `build` marker file is
//! also built, and the whole output tree must match `expected-build/`.
//!
//! Every case is also run through `build`, `review` and `status`, which
//! must report exactly what `check` reports. Each case and kind is its own
//! test (libtest-mimic), so a failure names its case:
//! `cargo test --test fixtures -- check::links`.
//!
//! `HELPC_BLESS=1 cargo test --test fixtures` rewrites the snapshots; review
//! the diff before committing it. The built-in stylesheet and scripts
//! (`assets/`) are left out of build snapshots: they change with the
//! templates, not with the content.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{files_with_extension, helpc, html5_errors, project};

fn bless() -> bool {
    std::env::var_os("HELPC_BLESS").is_some()
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = fs::read_dir(project().join("tests/fixtures"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.join("content").is_dir())
        .collect();
    cases.sort();
    cases
}

fn extra_args(case: &Path) -> Vec<String> {
    fs::read_to_string(case.join("args"))
        .map(|text| {
            text.lines()
                .filter(|l| !l.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

/// Compares `actual` with the snapshot at `path` (or writes it when blessing).
fn snapshot(path: &Path, actual: &str, failures: &mut Vec<String>) {
    if bless() {
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, actual).unwrap();
        return;
    }
    match fs::read_to_string(path) {
        Ok(expected) if expected == actual => {}
        Ok(expected) => failures.push(format!(
            "{} differs:\n--- expected\n{expected}\n--- actual\n{actual}",
            path.display()
        )),
        Err(_) => failures.push(format!(
            "{} is missing (run with HELPC_BLESS=1)",
            path.display()
        )),
    }
}

fn check_case(case: &Path, failures: &mut Vec<String>) {
    let extra = extra_args(case);
    let mut args = vec!["check", "content", "--format", "json"];
    args.extend(extra.iter().map(String::as_str));
    let output = helpc(case, &args);
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: not JSON ({e}): {}",
            case.display(),
            common::stdout(&output)
        )
    });
    let snapshot_value = serde_json::json!({
        "exit_status": output.status.code(),
        "report": report,
    });
    let mut text = serde_json::to_string_pretty(&snapshot_value).unwrap();
    text.push('\n');
    snapshot(&case.join("expected-check.json"), &text, failures);

    let mut args = vec!["check", "content"];
    args.extend(extra.iter().map(String::as_str));
    let human = helpc(case, &args);
    assert_eq!(
        human.status.code(),
        output.status.code(),
        "{}",
        case.display()
    );
    snapshot(
        &case.join("expected-check.txt"),
        &common::stdout(&human),
        failures,
    );
}

fn build_case(case: &Path, failures: &mut Vec<String>) {
    // A `build` marker file asks for a build snapshot in `expected-build/`.
    if !case.join("build").exists() {
        return;
    }
    let expected_dir = case.join("expected-build");
    let out = tempfile::tempdir().unwrap();
    let out_dir = out.path().join("public");
    let output = helpc(
        case,
        &[
            "build",
            "content",
            "--out",
            out_dir.to_str().unwrap(),
            "--emit",
            "html,json",
        ],
    );
    assert!(
        output.status.success(),
        "{}: {}",
        case.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    if bless() {
        let _ = fs::remove_dir_all(&expected_dir);
        common::copy_tree(&out_dir, &expected_dir);
        let _ = fs::remove_dir_all(expected_dir.join("assets"));
        return;
    }
    let listing = |dir: &Path| -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .filter(|rel| !rel.starts_with("assets"))
            .collect();
        files.sort();
        files
    };
    let expected_files = listing(&expected_dir);
    let actual_files = listing(&out_dir);
    if expected_files != actual_files {
        failures.push(format!(
            "{}: output files differ:\nexpected {expected_files:#?}\nactual {actual_files:#?}",
            case.display()
        ));
        return;
    }
    for file in expected_files {
        let expected = fs::read(expected_dir.join(&file)).unwrap();
        let actual = fs::read(out_dir.join(&file)).unwrap();
        if expected != actual {
            failures.push(format!(
                "{}: {file} differs:\n--- expected\n{}\n--- actual\n{}",
                case.display(),
                String::from_utf8_lossy(&expected),
                String::from_utf8_lossy(&actual)
            ));
        }
    }
    for page in files_with_extension(&out_dir, "html") {
        let errors = html5_errors(&fs::read_to_string(&page).unwrap());
        if !errors.is_empty() {
            failures.push(format!(
                "{}: not well-formed HTML5: {errors:?}",
                page.display()
            ));
        }
    }
}

/// `build`, `review` and `status` see exactly what `check` reports.
fn agree_case(case: &Path, failures: &mut Vec<String>) {
    let extra = extra_args(case);
    let run = |command: &[&str]| -> serde_json::Value {
        let mut args = command.to_vec();
        args.extend(["--format", "json"]);
        args.extend(extra.iter().map(String::as_str));
        let output = helpc(case, &args);
        serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
            panic!(
                "{} {command:?}: not JSON ({e}): {}",
                case.display(),
                common::stdout(&output)
            )
        })
    };
    let check = run(&["check", "content"]);
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let review_dir = out.path().join("review");
    let build = run(&[
        "build",
        "content",
        "--out",
        site.to_str().unwrap(),
        "--no-cache",
    ]);
    let review = run(&["review", "content", "--out", review_dir.to_str().unwrap()]);
    for (name, other) in [("build", &build), ("review", &review)] {
        if other["diagnostics"] != check["diagnostics"] || other["summary"] != check["summary"] {
            failures.push(format!(
                "{}: `{name}` reports other diagnostics than `check`",
                case.display()
            ));
        }
    }
    // Each locale's review summary counts what `check` reports there.
    let diagnostics = check["diagnostics"].as_array().cloned().unwrap_or_default();
    for (locale, _) in check["summary"]["by_locale"]
        .as_object()
        .cloned()
        .unwrap_or_default()
    {
        let Ok(text) =
            fs::read_to_string(review_dir.join(locale.to_lowercase()).join("summary.json"))
        else {
            continue; // a locale folder that is not a BCP 47 tag has no review pages
        };
        let summary: serde_json::Value = serde_json::from_str(&text).unwrap();
        let mut by_rule = serde_json::Map::new();
        for d in diagnostics.iter().filter(|d| {
            d["path"]
                .as_str()
                .is_some_and(|p| p.starts_with(&format!("{locale}/")))
        }) {
            let rule = d["rule"].as_str().unwrap().to_string();
            let n = by_rule
                .get(&rule)
                .and_then(serde_json::Value::as_u64)
                .unwrap_or(0);
            by_rule.insert(rule, (n + 1).into());
        }
        if summary["by_rule"] != serde_json::Value::Object(by_rule.clone()) {
            failures.push(format!(
                "{}: the {locale} review summary counts {} where `check` reports {}",
                case.display(),
                summary["by_rule"],
                serde_json::Value::Object(by_rule)
            ));
        }
    }
    // `status`: stale articles are those with `translation-stale` or `source-drift`.
    let status = run(&["status", "content"]);
    for (locale, counts) in status["locales"].as_object().cloned().unwrap_or_default() {
        let mut stale: Vec<&str> = diagnostics
            .iter()
            .filter(|d| {
                matches!(
                    d["rule"].as_str(),
                    Some("translation-stale" | "source-drift")
                )
            })
            .filter_map(|d| d["path"].as_str())
            .filter(|p| p.starts_with(&format!("{locale}/")))
            .collect();
        stale.sort();
        stale.dedup();
        if counts["stale"].as_u64() != Some(stale.len() as u64) {
            failures.push(format!(
                "{}: status counts {} stale {locale} articles, check reports {}",
                case.display(),
                counts["stale"],
                stale.len()
            ));
        }
    }
}

/// The rules across a locale skip the work of a rule that cannot report
/// (`consistency::Wanted`): silenced on the command line, each group of
/// them leaves exactly the others' diagnostics.
fn allowed_case(case: &Path, failures: &mut Vec<String>) {
    let expected: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(case.join("expected-check.json")).unwrap())
            .unwrap();
    let all = expected["report"]["diagnostics"].as_array().unwrap();
    let extra = extra_args(case);
    for silenced in [
        &["translation-inconsistent", "translation-shared"][..],
        &["label-inconsistent"],
    ] {
        let mut args = vec!["check", "content", "--format", "json"];
        args.extend(extra.iter().map(String::as_str));
        for rule in silenced {
            args.extend(["-A", rule]);
        }
        let output = helpc(case, &args);
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let left: Vec<&serde_json::Value> = all
            .iter()
            .filter(|d| !silenced.contains(&d["rule"].as_str().unwrap()))
            .collect();
        let found: Vec<&serde_json::Value> =
            report["diagnostics"].as_array().unwrap().iter().collect();
        if found != left {
            failures.push(format!(
                "{} with {silenced:?} allowed: {} diagnostics, expected {}",
                case.display(),
                found.len(),
                left.len()
            ));
        }
    }
}

fn trial(name: String, case: PathBuf, run: fn(&Path, &mut Vec<String>)) -> libtest_mimic::Trial {
    libtest_mimic::Trial::test(name, move || {
        let mut failures = Vec::new();
        run(&case, &mut failures);
        if failures.is_empty() {
            Ok(())
        } else {
            Err(failures.join("\n\n").into())
        }
    })
}

fn main() {
    let arguments = libtest_mimic::Arguments::from_args();
    let cases = cases();
    assert!(cases.len() >= 5, "fixture cases are missing");
    let mut trials = Vec::new();
    for case in cases {
        let name = case.file_name().unwrap().to_string_lossy().into_owned();
        trials.push(trial(format!("check::{name}"), case.clone(), check_case));
        if case.join("build").exists() {
            trials.push(trial(format!("build::{name}"), case.clone(), build_case));
        }
        let locale_rules = [
            "translation-inconsistent",
            "translation-shared",
            "label-inconsistent",
        ];
        let expected = fs::read_to_string(case.join("expected-check.json")).unwrap_or_default();
        if locale_rules
            .iter()
            .any(|rule| expected.contains(&format!("\"{rule}\"")))
        {
            trials.push(trial(
                format!("allowed::{name}"),
                case.clone(),
                allowed_case,
            ));
        }
        trials.push(trial(format!("agree::{name}"), case, agree_case));
    }
    libtest_mimic::run(&arguments, trials).exit();
}
