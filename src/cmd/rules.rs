//! `helpc rules` and `helpc explain`: printed from the rule catalogue.

use anyhow::{Result, anyhow};

use crate::config;
use crate::rules::{Group, RULES, Rule};

pub(super) fn rules_table() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut group: Option<Group> = None;
    for info in RULES {
        if group != Some(info.group) {
            if group.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("{}:\n", info.group.title()));
            group = Some(info.group);
        }
        out.push_str(&format!(
            "  {:width$}  {:7}  {}\n",
            info.name,
            info.level.as_str(),
            info.summary
        ));
    }
    out
}

pub(super) fn explain(name: &str) -> Result<String> {
    let rule = Rule::from_name(name).ok_or_else(|| anyhow!("{}", config::unknown_rule(name)))?;
    let info = rule.info();
    Ok(format!(
        "{} ({}, default level: {})\n\n{}\n\n{}\n",
        info.name,
        info.group.title(),
        info.level,
        info.summary,
        info.explanation
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table_lists_every_rule() {
        let table = rules_table();
        for info in RULES {
            assert!(table.contains(info.name), "{}", info.name);
        }
        assert!(table.contains("Segment structure:"));
    }

    #[test]
    fn explain_prints_from_the_catalogue() {
        let text = explain("unpaired-target").unwrap();
        assert!(text.starts_with("unpaired-target (Segment structure, default level: error)"));
        assert!(text.contains(Rule::UnpairedTarget.info().explanation));
        assert!(explain("nope").is_err());
    }
}
