//! `--format sarif` against the SARIF 2.1.0 JSON schema, and `--format
//! github`. The schema ships in the npm package `@microsoft/sarif-multitool`
//! (`.ci/run` installs it and sets `HELPC_SARIF_SCHEMA`); without it the
//! schema test says so and passes, unless `HELPC_REQUIRE_SARIF_SCHEMA` is set.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use common::{helpc, project};
use serde_json::Value;

fn schema() -> Option<Value> {
    let path = std::env::var_os("HELPC_SARIF_SCHEMA");
    let text = path.as_ref().and_then(|p| std::fs::read_to_string(p).ok());
    if text.is_none() {
        assert!(
            std::env::var_os("HELPC_REQUIRE_SARIF_SCHEMA").is_none(),
            "HELPC_REQUIRE_SARIF_SCHEMA is set but HELPC_SARIF_SCHEMA names no readable file"
        );
        eprintln!("SARIF schema not available: skipped");
    }
    text.map(|t| serde_json::from_str(&t).expect("the schema is JSON"))
}

fn sarif_of(case: &str, content: &str) -> Value {
    let output = helpc(
        &project().join(case),
        &["check", content, "--format", "sarif"],
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("SARIF is JSON")
}

#[test]
fn sarif_validates_against_the_2_1_0_schema() {
    let Some(schema) = schema() else { return };
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    // The validator does reject what breaks the format.
    let mut broken = sarif_of("tests/fixtures/quality", "content");
    broken["runs"][0]["results"][0]["level"] = Value::from("fatal");
    assert!(!validator.is_valid(&broken));

    let mut documents = vec![
        sarif_of("tests/fixtures/quality", "content"),
        sarif_of("tests/fixtures/structure", "content"),
        sarif_of(".", "content"),
    ];
    if let Some(corpus) = common::corpus() {
        let output = helpc(
            &project(),
            &["check", corpus.to_str().unwrap(), "--format", "sarif"],
        );
        documents.push(serde_json::from_slice(&output.stdout).unwrap());
    }
    for document in &documents {
        let errors: Vec<String> = validator
            .iter_errors(document)
            .take(5)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn sarif_has_every_rule_and_a_region_per_result() {
    let sarif = sarif_of("tests/fixtures/quality", "content");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let listed = common::stdout(&helpc(&project(), &["rules"]));
    for rule in rules {
        assert!(listed.contains(rule["id"].as_str().unwrap()));
        assert!(!rule["help"]["text"].as_str().unwrap().is_empty());
    }
    let results = run["results"].as_array().unwrap();
    assert!(results.len() >= 10);
    for result in results {
        let region = &result["locations"][0]["physicalLocation"]["region"];
        assert!(region["startLine"].as_u64().unwrap() >= 1);
        assert!(region["startColumn"].as_u64().unwrap() >= 1);
        let uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .unwrap();
        assert!(
            uri.starts_with("content/fr-FR/") || uri.starts_with("content/ar-SA/"),
            "{uri}"
        );
    }
}

#[test]
fn github_annotations() {
    let output = helpc(
        &project().join("tests/fixtures/quality"),
        &["check", "content", "--format", "github"],
    );
    let text = common::stdout(&output);
    let annotations: Vec<&str> = text.lines().filter(|l| l.starts_with("::")).collect();
    assert!(annotations.iter().any(|l| l.starts_with(
        "::error file=content/fr-FR/link-broken.md,line=8,col=45,title=helpc link-broken::"
    )));
    assert!(annotations.iter().all(|l| !l[2..].contains('\n')));
    assert_eq!(output.status.code(), Some(1));
}
