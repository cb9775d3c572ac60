//! `helpc export` / `helpc import`: PO and XLIFF round trips that change
//! no byte, edits that change only their targets, and exports that gettext
//! (`msgfmt --check`) and translate-toolkit (`pocount`) accept.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::fs;
use std::path::Path;
use std::process::Command;

use helpc::interchange::{Format, apply, read, write};

/// Whether `name` runs (`--help` answers: pocount has no `--version`);
/// its absence fails the test when the tools are required.
fn tool_or_skip(name: &str) -> bool {
    let found = Command::new(name)
        .arg("--help")
        .output()
        .is_ok_and(|o| o.status.success());
    if !found && std::env::var_os("HELPC_REQUIRE_L10N_TOOLS").is_some() {
        panic!("{name} is required (HELPC_REQUIRE_L10N_TOOLS is set)");
    }
    found
}

fn files_with_extension(dir: &Path, extension: &str) -> Vec<std::path::PathBuf> {
    common::files_with_extension(dir, extension)
}

#[test]
fn every_corpus_article_round_trips_byte_for_byte() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let mut articles = 0;
    for file in walkdir::WalkDir::new(&corpus)
        .min_depth(2)
        .into_iter()
        .flatten()
    {
        if file.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let rel = file
            .path()
            .strip_prefix(&corpus)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let text = fs::read(file.path()).unwrap();
        let article = helpc::read::parse(
            helpc::discover::ContentFile {
                abs: file.path().to_path_buf(),
                local: rel.split_once('/').unwrap().1.to_string(),
                rel: rel.clone(),
                fragment: false,
            },
            text.clone(),
        )
        .unwrap();
        for format in [Format::Po, Format::Xliff, Format::Xliff12] {
            let exported = write(format, &article, "xx", "en-US");
            let exchange = read(format, &exported).unwrap_or_else(|e| panic!("{rel}: {e}"));
            // Every target is put back, changed or not: the bytes must not move.
            assert_eq!(
                apply(&article, &exchange.targets()).as_bytes(),
                text.as_slice(),
                "{rel} ({format:?})"
            );
            // And the import's own plan finds nothing to change or refuse.
            let plan = helpc::interchange::apply::plan(&article, &exchange, Default::default());
            assert!(plan.text.is_none() && !plan.refused(), "{rel} ({format:?})");
        }
        articles += 1;
    }
    assert!(articles > 14_000);
}

#[test]
fn export_edit_import_changes_only_the_edited_target() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_tree(&common::project().join("content"), &content);
    let before = fs::read_to_string(content.join("fr-FR/getting-started.md")).unwrap();
    for (format, extension) in [("po", "po"), ("xliff", "xlf")] {
        let out = dir.path().join(format!("export-{format}"));
        let output = common::helpc(
            dir.path(),
            &[
                "export",
                "content",
                "--locale",
                "fr-FR",
                "--to",
                format,
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let files = files_with_extension(&out, extension);
        assert_eq!(files.len(), 10, "one file per article");
        // Unedited, an import changes nothing.
        let mut args = vec!["import".to_string(), "content".to_string()];
        args.extend(files.iter().map(|f| f.to_string_lossy().into_owned()));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        assert!(common::helpc(dir.path(), &args).status.success());
        assert_eq!(
            fs::read_to_string(content.join("fr-FR/getting-started.md")).unwrap(),
            before
        );
    }
    // An edited PO entry changes that target and nothing else.
    let po = dir.path().join("export-po/fr-FR/getting-started.md.po");
    let text = fs::read_to_string(&po).unwrap();
    let old = "msgstr \"Bien démarrer avec helpc\"";
    assert!(text.contains(old), "{text}");
    fs::write(
        &po,
        text.replacen(old, "msgstr \"Premiers pas avec helpc\"", 1),
    )
    .unwrap();
    let output = common::helpc(dir.path(), &["import", "content", po.to_str().unwrap()]);
    assert!(output.status.success());
    let after = fs::read_to_string(content.join("fr-FR/getting-started.md")).unwrap();
    assert_eq!(
        after,
        before.replacen(">Bien démarrer avec helpc<", ">Premiers pas avec helpc<", 1)
    );
    // A file that names no article is refused.
    fs::write(dir.path().join("stray.po"), "msgid \"\"\nmsgstr \"\"\n").unwrap();
    let output = common::helpc(dir.path(), &["import", "content", "stray.po"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("does not name its article"));
}

#[test]
fn exports_pass_msgfmt_check_and_pocount() {
    let source = common::corpus().unwrap_or_else(|| common::project().join("content"));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("export");
    let locales: Vec<String> = fs::read_dir(&source)
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name != "en-US")
        .collect();
    let mut args = vec!["export".to_string(), source.to_string_lossy().into_owned()];
    for locale in &locales {
        args.extend(["--locale".to_string(), locale.clone()]);
    }
    args.extend(["--to", "po", "--out"].map(String::from));
    args.push(out.to_string_lossy().into_owned());
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(common::helpc(&common::project(), &args).status.success());
    let files = files_with_extension(&out, "po");
    assert!(!files.is_empty());
    if tool_or_skip("msgfmt") {
        for chunk in files.chunks(500) {
            for file in chunk {
                let output = Command::new("msgfmt")
                    .args(["--check", "-o", "/dev/null"])
                    .arg(file)
                    .output()
                    .unwrap();
                assert!(
                    output.status.success() && output.stderr.is_empty(),
                    "{}: {}",
                    file.display(),
                    String::from_utf8_lossy(&output.stderr)
                );
            }
        }
    }
    if tool_or_skip("pocount") {
        let output = Command::new("pocount")
            .arg("--short")
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let listed = String::from_utf8_lossy(&output.stdout).lines().count();
        assert_eq!(listed, files.len(), "pocount reads every file");
        assert!(
            output.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
}
