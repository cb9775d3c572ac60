//! Configuration: `helpc.toml` and the rule-level flags. The command line
//! wins over the file; later flags win over earlier ones.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::diag::Diagnostic;
use crate::rules::{Level, Rule};

/// `allow`, `warn` or `deny`, from a flag or the `[rules]` table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Allow,
    Warn,
    Deny,
}

impl Setting {
    fn parse(text: &str) -> Option<Setting> {
        match text {
            "allow" => Some(Setting::Allow),
            "warn" | "warning" => Some(Setting::Warn),
            "deny" | "error" => Some(Setting::Deny),
            _ => None,
        }
    }

    fn level(self) -> Level {
        match self {
            Setting::Allow => Level::Allow,
            Setting::Warn => Level::Warning,
            Setting::Deny => Level::Error,
        }
    }
}

/// The level every rule runs at.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    rules: HashMap<Rule, Level>,
    deny_warnings: bool,
}

impl Levels {
    /// Applies one setting; `warnings` names every rule that ends up a warning.
    pub fn set(&mut self, name: &str, setting: Setting) -> Result<(), String> {
        if name == "warnings" {
            match setting {
                Setting::Deny => self.deny_warnings = true,
                _ => self.deny_warnings = false,
            }
            return Ok(());
        }
        let rule = Rule::from_name(name).ok_or_else(|| unknown_rule(name))?;
        self.rules.insert(rule, setting.level());
        Ok(())
    }

    pub fn level(&self, rule: Rule) -> Level {
        let level = self
            .rules
            .get(&rule)
            .copied()
            .unwrap_or(rule.default_level());
        if self.deny_warnings && level == Level::Warning {
            Level::Error
        } else {
            level
        }
    }

    pub fn apply(&self, diagnostics: &mut [Diagnostic]) {
        for diagnostic in diagnostics {
            diagnostic.level = self.level(diagnostic.rule);
        }
    }
}

fn unknown_rule(name: &str) -> String {
    let close = crate::rules::RULES
        .iter()
        .map(|r| r.name)
        .filter(|candidate| {
            candidate.contains(name)
                || name.contains(candidate)
                || edit_distance(candidate, name) <= 3
        })
        .collect::<Vec<_>>();
    if close.is_empty() {
        format!("unknown rule `{name}` (see `helpc rules`)")
    } else {
        format!(
            "unknown rule `{name}`; did you mean `{}`?",
            close.join("`, `")
        )
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = (previous + usize::from(ca != *cb))
                .min(row[j] + 1)
                .min(current + 1);
            previous = current;
        }
    }
    row[b.len()]
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    source_locale: Option<String>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
}

/// Everything a run is configured by.
#[derive(Clone, Debug)]
pub struct Config {
    pub levels: Levels,
    pub source_locale: LanguageIdentifier,
    /// Where `templates/` and `locales/` overrides are looked for: the
    /// folder of the config file, or the current folder.
    pub project: PathBuf,
}

/// Reads `explicit` (which must exist) or `./helpc.toml` (if it exists),
/// then applies the flags in order.
pub fn load(explicit: Option<&Path>, flags: &[(Setting, String)]) -> Result<Config, String> {
    let default_path = Path::new("helpc.toml");
    let path = match explicit {
        Some(path) => Some(path),
        None => default_path.is_file().then_some(default_path),
    };
    let file: File = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path)
                .map_err(|e| format!("cannot read config `{}`: {e}", path.display()))?;
            toml::from_str(&text).map_err(|e| format!("config `{}`: {e}", path.display()))?
        }
        None => File::default(),
    };
    let project = path
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut levels = Levels::default();
    let origin = path.map_or_else(String::new, |p| format!("config `{}`: ", p.display()));
    for (name, value) in &file.rules {
        let setting = Setting::parse(value).ok_or_else(|| {
            format!(
                "{origin}`{name} = \"{value}\"`: the level must be \"allow\", \"warn\" or \"deny\""
            )
        })?;
        levels
            .set(name, setting)
            .map_err(|e| format!("{origin}{e}"))?;
    }
    for (setting, name) in flags {
        levels.set(name, *setting)?;
    }
    let source_locale = match &file.source_locale {
        Some(tag) => crate::locale::parse_tag(tag)
            .ok_or_else(|| format!("{origin}`source-locale = \"{tag}\"` is not a BCP 47 tag"))?,
        None => crate::render::i18n::REFERENCE
            .parse()
            .map_err(|_| "bad reference locale".to_string())?,
    };
    Ok(Config {
        levels,
        source_locale,
        project,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_win_over_the_file_and_later_flags_win() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpc.toml");
        std::fs::write(
            &path,
            "[rules]\nid-order = \"deny\"\nsegment-empty = \"allow\"\n",
        )
        .unwrap();
        let config = load(
            Some(&path),
            &[
                (Setting::Allow, "id-order".into()),
                (Setting::Warn, "segment-empty".into()),
            ],
        )
        .unwrap();
        assert_eq!(config.levels.level(Rule::IdOrder), Level::Allow);
        assert_eq!(config.levels.level(Rule::SegmentEmpty), Level::Warning);
        assert_eq!(config.levels.level(Rule::IdMismatch), Level::Error);
        assert_eq!(config.project, dir.path());
    }

    #[test]
    fn deny_warnings() {
        let config = load(
            Some(Path::new("/dev/null")),
            &[(Setting::Deny, "warnings".into())],
        )
        .unwrap();
        assert_eq!(config.levels.level(Rule::IdOrder), Level::Error);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpc.toml");
        std::fs::write(&path, "[rules]\nwarnings = \"deny\"\n").unwrap();
        assert_eq!(
            load(Some(&path), &[]).unwrap().levels.level(Rule::IdOrder),
            Level::Error
        );
    }

    #[test]
    fn bad_configuration_is_an_error() {
        assert!(
            load(None, &[(Setting::Deny, "id-ordr".into())])
                .unwrap_err()
                .contains("did you mean `id-order`")
        );
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpc.toml");
        for text in [
            "[rules]\nid-order = \"loud\"\n",
            "unknown-key = 1\n",
            "[rules\n",
            "source-locale = \"en_US\"\n",
        ] {
            std::fs::write(&path, text).unwrap();
            assert!(load(Some(&path), &[]).is_err(), "{text}");
        }
        assert!(load(Some(&dir.path().join("missing.toml")), &[]).is_err());
    }
}
