//! `helpc glossary` proposes a glossary from a locale's bold labels, and
//! the TBX it writes is read by translate-toolkit (`translate.storage.tbx`)
//! when it is installed; the glossary then drives `glossary-missing`.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::process::Command;

use common::{helpc, project, stdout};

fn case() -> std::path::PathBuf {
    project().join("tests/fixtures/consistency")
}

#[test]
fn proposes_the_locale_s_consistent_bold_labels_as_csv() {
    let output = helpc(&case(), &["glossary", "content", "--locale", "de-DE"]);
    assert!(output.status.success(), "{output:?}");
    let csv = stdout(&output);
    assert!(csv.starts_with("source,de-DE,forbidden:de-DE\n"), "{csv}");
    assert!(csv.contains("\nSave,Speichern,\n"), "{csv}");
    // Close has 2 uses only: not enough to propose.
    assert!(!csv.contains("Close"), "{csv}");
}

#[test]
fn translate_toolkit_reads_the_tbx() {
    let dir = tempfile::tempdir().unwrap();
    let tbx = dir.path().join("terms.tbx");
    let output = helpc(
        &case(),
        &[
            "glossary",
            "content",
            "--locale",
            "de-DE",
            "--format",
            "tbx",
            "--out",
            tbx.to_str().unwrap(),
        ],
    );
    assert!(output.status.success(), "{output:?}");
    let script = "import sys\nfrom translate.storage import tbx\nstore = tbx.tbxfile.parsefile(sys.argv[1])\nfor unit in store.units:\n    print(unit.source + '\\t' + unit.target)\n";
    let read = Command::new("python3")
        .args(["-c", script, tbx.to_str().unwrap()])
        .output();
    match read {
        Ok(out) if out.status.success() => {
            let listed = String::from_utf8_lossy(&out.stdout).into_owned();
            assert_eq!(listed, "Save\tSpeichern\n", "{listed}");
        }
        _ if std::env::var_os("HELPC_REQUIRE_L10N_TOOLS").is_some() => {
            panic!("translate-toolkit is required (HELPC_REQUIRE_L10N_TOOLS is set)")
        }
        _ => eprintln!("translate-toolkit is not installed: the TBX is not read back"),
    }
    // The same file as helpc's own glossary.
    std::fs::write(
        dir.path().join("helpc.toml"),
        format!("glossary = {:?}\n", tbx.to_str().unwrap()),
    )
    .unwrap();
    let checked = helpc(
        &case(),
        &[
            "check",
            "content",
            "--format",
            "json",
            "--config",
            dir.path().join("helpc.toml").to_str().unwrap(),
        ],
    );
    let report: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    let rules: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"glossary-missing"), "{rules:?}");
    assert!(rules.contains(&"label-inconsistent"), "{rules:?}");
}

/// The review aids (`token-case`, `translation-inconsistent`,
/// `translation-shared`) are off by default and turned on per rule.
#[test]
fn review_aids_are_off_until_the_configuration_turns_them_on() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("helpc.toml");
    let rules_of = |text: &str| -> Vec<(String, String)> {
        std::fs::write(&config, text).unwrap();
        let args = ["check", "content", "--format", "json", "--config"];
        let output = helpc(&case(), &[&args[..], &[config.to_str().unwrap()]].concat());
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let diagnostics = report["diagnostics"].as_array().unwrap();
        let field = |d: &serde_json::Value, key: &str| d[key].as_str().unwrap().to_string();
        diagnostics
            .iter()
            .map(|d| (field(d, "rule"), field(d, "level")))
            .collect()
    };
    let aids = [
        "token-case",
        "translation-inconsistent",
        "translation-shared",
    ];
    let default = rules_of("");
    assert!(
        default
            .iter()
            .all(|(rule, _)| !aids.contains(&rule.as_str())),
        "{default:?}"
    );
    let on = rules_of(
        "[rules]\ntoken-case = \"note\"\ntranslation-inconsistent = \"note\"\ntranslation-shared = \"warn\"\n",
    );
    for (aid, level) in [
        ("token-case", "note"),
        ("translation-inconsistent", "note"),
        ("translation-shared", "warning"),
    ] {
        assert!(
            on.contains(&(aid.to_string(), level.to_string())),
            "{aid} {level}: {on:?}"
        );
    }
}
