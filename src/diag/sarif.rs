//! `--format sarif`: SARIF 2.1.0, one run, every rule of the catalogue in
//! `tool.driver.rules` with its help, every result with its region.

use serde_json::{Value, json};

use super::Report;
use crate::rules::{Level, RULES};

fn sarif_level(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
        Level::Allow => "none",
    }
}

/// `content_base` is CONTENT as the user named it (`content`,
/// `../shared/corpus`); result URIs are relative to where helpc ran.
pub fn render_sarif(report: &Report, content_base: &str) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|info| {
            let mut rule = json!({
                "id": info.name,
                "shortDescription": {"text": info.summary},
                "fullDescription": {"text": info.explanation},
                "help": {"text": info.explanation, "markdown": info.explanation},
                "defaultConfiguration": {"level": sarif_level(info.level)},
                "properties": {"category": info.group.title()},
            });
            // SARIF wants `name` to differ from `id`, or be left out.
            let name = camel_case(info.name);
            if !name.eq_ignore_ascii_case(info.name) {
                rule["name"] = json!(name);
            }
            rule
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let index = RULES.iter().position(|r| r.rule == d.rule).unwrap_or(0);
            let mut region = json!({"startLine": d.line, "startColumn": d.column});
            if let Some(excerpt) = &d.excerpt {
                let underlined = &excerpt.text[excerpt.underline.clone()];
                region["endLine"] = json!(d.line);
                region["endColumn"] = json!(d.column as usize + underlined.chars().count().max(1));
                region["snippet"] = json!({"text": excerpt.text});
            }
            let uri = super::content_path(content_base, &d.path);
            let mut message = d.message.clone();
            if let Some(help) = &d.help {
                message.push_str("\nhelp: ");
                message.push_str(help);
            }
            let mut result = json!({
                "ruleId": d.rule.name(),
                "ruleIndex": index,
                "level": sarif_level(d.level),
                "message": {"text": message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri},
                        "region": region,
                    }
                }],
            });
            if let Some(segment) = &d.segment {
                result["partialFingerprints"] =
                    json!({"segmentId/v1": format!("{}#{segment}", d.path)});
                result["properties"] = json!({"segment": segment});
            }
            result
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "helpc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    super::to_json_text(&document)
}

fn camel_case(name: &str) -> String {
    name.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;
    use crate::rules::Rule;
    use crate::source::LineIndex;
    use std::collections::BTreeMap;

    #[test]
    fn results_point_into_the_content() {
        let text = "---\ntitle: t\n---\nbé <b>x\n";
        let lines = LineIndex::new(text);
        let at = text.find("<b>").unwrap();
        let d = Diagnostic::new(Rule::MarkupUnbalanced, "fr-FR/a.md", "m")
            .at(text, &lines, at..at + 3)
            .segment("abcde-1");
        let sarif: Value = serde_json::from_str(&render_sarif(
            &Report::new(BTreeMap::new(), vec![d]),
            "content/",
        ))
        .unwrap();
        assert_eq!(sarif["version"], "2.1.0");
        let run = &sarif["runs"][0];
        assert_eq!(
            run["tool"]["driver"]["rules"].as_array().unwrap().len(),
            RULES.len()
        );
        let result = &run["results"][0];
        assert_eq!(result["ruleId"], "markup-unbalanced");
        assert_eq!(result["level"], "warning");
        assert_eq!(
            run["tool"]["driver"]["rules"][result["ruleIndex"].as_u64().unwrap() as usize]["id"],
            "markup-unbalanced"
        );
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], "content/fr-FR/a.md");
        assert_eq!(location["region"]["startLine"], 4);
        assert_eq!(location["region"]["startColumn"], 4);
        assert_eq!(location["region"]["endColumn"], 7);
        assert_eq!(camel_case("link-broken"), "LinkBroken");
    }
}
