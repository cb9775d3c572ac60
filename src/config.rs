//! Configuration: `helpc.toml` and the rule-level flags. The command line
//! wins over the file; later flags win over earlier ones.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use unic_langid::LanguageIdentifier;

use crate::error::{Error, Result, io};
use crate::rules::{Level, Rule};

/// `allow`, `warn` or `deny`, from a flag or the `[rules]` table; the table
/// also takes `note`, to turn on a rule that is off by default without
/// making it a warning.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    Allow,
    Note,
    Warn,
    Deny,
}

impl Setting {
    fn parse(text: &str) -> Option<Setting> {
        match text {
            "allow" => Some(Setting::Allow),
            "note" => Some(Setting::Note),
            "warn" | "warning" => Some(Setting::Warn),
            "deny" | "error" => Some(Setting::Deny),
            _ => None,
        }
    }

    fn level(self) -> Level {
        match self {
            Setting::Allow => Level::Allow,
            Setting::Note => Level::Note,
            Setting::Warn => Level::Warning,
            Setting::Deny => Level::Error,
        }
    }
}

/// The level every rule runs at, everywhere or below some paths.
#[derive(Clone, Debug, Default)]
pub struct Levels {
    rules: HashMap<Rule, Level>,
    deny_warnings: bool,
    /// `[[overrides]]`, in file order: a later one wins over an earlier one.
    overrides: Vec<Override>,
}

#[derive(Clone, Debug)]
struct Override {
    paths: globset::GlobSet,
    rules: HashMap<Rule, Level>,
}

impl Levels {
    /// Applies one setting; `warnings` names every rule that ends up a warning.
    pub fn set(&mut self, name: &str, setting: Setting) -> Result<(), UnknownRule> {
        if name == "warnings" {
            match setting {
                Setting::Deny => self.deny_warnings = true,
                _ => self.deny_warnings = false,
            }
            return Ok(());
        }
        let rule = Rule::from_name(name).ok_or_else(|| UnknownRule(name.to_string()))?;
        self.rules.insert(rule, setting.level());
        Ok(())
    }

    /// Whether `rule` reports anywhere: its level, or an override's, is
    /// not `allow` (the rules across a locale skip the work of one that does not).
    pub fn may_report(&self, rule: Rule) -> bool {
        self.level_at(rule, None) != Level::Allow
            || self
                .overrides
                .iter()
                .any(|over| over.rules.get(&rule).is_some_and(|l| *l != Level::Allow))
    }

    /// The level of `rule` for a file at `path` (relative to CONTENT).
    pub fn level_at(&self, rule: Rule, path: Option<&str>) -> Level {
        let mut level = self
            .rules
            .get(&rule)
            .copied()
            .unwrap_or(rule.default_level());
        if let Some(path) = path {
            for over in &self.overrides {
                if let Some(set) = over.rules.get(&rule)
                    && over.paths.is_match(path)
                {
                    level = *set;
                }
            }
        }
        if self.deny_warnings && level == Level::Warning {
            Level::Error
        } else {
            level
        }
    }
}

/// A rule name that is in no catalogue entry (the message suggests near ones).
#[derive(Debug, thiserror::Error)]
#[error("{}", unknown_rule(.0))]
pub struct UnknownRule(pub String);

pub fn unknown_rule(name: &str) -> String {
    let close = crate::rules::RULES
        .iter()
        .map(|r| r.name)
        .filter(|candidate| {
            candidate.contains(name)
                || name.contains(candidate)
                || strsim::levenshtein(candidate, name) <= 3
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

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct File {
    source_locale: Option<String>,
    base_url: Option<String>,
    link_root: Option<String>,
    /// Schemes written as links besides http, https and mailto.
    #[serde(default)]
    url_schemes: Vec<String>,
    #[serde(default)]
    do_not_translate: Vec<String>,
    /// Locales whose style writes native digits (`digits-native` accepts them there).
    #[serde(default)]
    native_digits: Vec<String>,
    /// A glossary (CSV or TBX), relative to the configuration's folder.
    glossary: Option<PathBuf>,
    #[serde(default)]
    rules: BTreeMap<String, String>,
    #[serde(default)]
    overrides: Vec<FileOverride>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FileOverride {
    paths: Vec<String>,
    rules: BTreeMap<String, String>,
}

/// Everything a run is configured by.
#[derive(Clone, Debug)]
pub struct Config {
    pub levels: Levels,
    pub source_locale: LanguageIdentifier,
    /// Where the site is published (`https://help.example.com/`): makes
    /// canonical, hreflang and sitemap URLs absolute.
    pub base_url: Option<String>,
    /// Where root-relative links (`/product/page`) of the content lead
    /// (`https://learn.example.com`): the site the articles were written
    /// for. Without it such links are kept as written.
    pub link_root: Option<String>,
    pub quality: crate::check::QualityOptions,
    /// Where `templates/` and `locales/` overrides are looked for: the
    /// folder of the config file, or the current folder.
    pub project: PathBuf,
}

/// The `helpc.toml` of the current folder, or else of the nearest folder
/// above it that has one (as ruff and cargo find theirs); relative when it
/// is the current folder's.
pub fn default_path() -> Option<PathBuf> {
    let here = Path::new("helpc.toml");
    if here.is_file() {
        return Some(here.to_path_buf());
    }
    let cwd = std::env::current_dir().ok()?;
    cwd.ancestors()
        .skip(1)
        .map(|folder| folder.join("helpc.toml"))
        .find(|candidate| candidate.is_file())
}

/// Reads `explicit` (which must exist) or `./helpc.toml` (if it exists),
/// then applies the flags in order.
pub fn load(explicit: Option<&Path>, flags: &[(Setting, String)]) -> Result<Config> {
    let found = default_path();
    let path = match explicit {
        Some(path) => Some(path),
        None => found.as_deref(),
    };
    let file: File = match path {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(io("read the configuration", path))?;
            toml::from_str(&text).map_err(|e| Error::Config {
                origin: format!("config `{}`: ", path.display()),
                message: e.to_string(),
            })?
        }
        None => File::default(),
    };
    let project = path
        .and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
    let mut levels = Levels::default();
    let origin = path.map_or_else(String::new, |p| format!("config `{}`: ", p.display()));
    let bad = |message: String| Error::Config {
        origin: origin.clone(),
        message,
    };
    for (name, value) in &file.rules {
        let setting = Setting::parse(value).ok_or_else(|| {
            bad(format!(
                "`{name} = \"{value}\"`: the level must be \"allow\", \"note\", \"warn\" or \"deny\""
            ))
        })?;
        levels.set(name, setting).map_err(|e| bad(e.to_string()))?;
    }
    for over in &file.overrides {
        let mut builder = globset::GlobSetBuilder::new();
        for pattern in &over.paths {
            let glob = globset::GlobBuilder::new(pattern)
                .literal_separator(true)
                .build()
                .map_err(|e| bad(format!("override path `{pattern}`: {e}")))?;
            builder.add(glob);
        }
        let paths = builder.build().map_err(|e| bad(e.to_string()))?;
        let mut rules = HashMap::new();
        for (name, value) in &over.rules {
            let setting = Setting::parse(value).ok_or_else(|| {
                bad(format!("override `{name} = \"{value}\"`: the level must be \"allow\", \"note\", \"warn\" or \"deny\""))
            })?;
            let rule = Rule::from_name(name).ok_or_else(|| bad(unknown_rule(name)))?;
            rules.insert(rule, setting.level());
        }
        levels.overrides.push(Override { paths, rules });
    }
    for (setting, name) in flags {
        levels.set(name, *setting).map_err(|e| Error::Config {
            origin: String::new(),
            message: e.to_string(),
        })?;
        // A flag wins over the file, overrides included.
        if let Some(rule) = Rule::from_name(name) {
            for over in &mut levels.overrides {
                over.rules.remove(&rule);
            }
        }
    }
    let source_locale = match &file.source_locale {
        Some(tag) => crate::locale::parse_tag(tag)
            .ok_or_else(|| bad(format!("`source-locale = \"{tag}\"` is not a BCP 47 tag")))?,
        None => crate::locale::REFERENCE
            .parse()
            .map_err(|_| bad("the reference locale is not a BCP 47 tag".to_string()))?,
    };
    let base_url = match file.base_url {
        Some(url) if crate::url::check_base(&url).is_ok() => Some(if url.ends_with('/') {
            url
        } else {
            format!("{url}/")
        }),
        Some(url) => {
            return Err(bad(format!(
                "`base-url = \"{url}\"` must be an absolute http(s) URL without spaces or control characters"
            )));
        }
        None => None,
    };
    crate::url::allow_schemes(&file.url_schemes).map_err(|e| bad(format!("`url-schemes`: {e}")))?;
    let link_root = match file.link_root {
        Some(url) if crate::url::check_base(&url).is_ok() => {
            Some(url.trim_end_matches('/').to_string())
        }
        Some(url) => {
            return Err(bad(format!(
                "`link-root = \"{url}\"` must be an absolute http(s) URL without spaces or control characters"
            )));
        }
        None => None,
    };
    let glossary = match &file.glossary {
        Some(path) => Some(std::sync::Arc::new(
            crate::glossary::Glossary::load(&project.join(path)).map_err(|e| bad(e.to_string()))?,
        )),
        None => None,
    };
    Ok(Config {
        levels,
        source_locale,
        base_url,
        link_root,
        quality: crate::check::QualityOptions {
            do_not_translate: file.do_not_translate,
            native_digits: file.native_digits,
            glossary,
            products: std::sync::OnceLock::new(),
        },
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
            "[rules]\nid-order = \"deny\"\nsegment-empty = \"allow\"\ntoken-case = \"note\"\n",
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
        assert_eq!(config.levels.level_at(Rule::IdOrder, None), Level::Allow);
        assert_eq!(
            config.levels.level_at(Rule::SegmentEmpty, None),
            Level::Warning
        );
        assert_eq!(config.levels.level_at(Rule::IdMismatch, None), Level::Error);
        assert_eq!(config.levels.level_at(Rule::TokenCase, None), Level::Note);
        assert_eq!(config.project, dir.path());
    }

    #[test]
    fn overrides_by_path_glob() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpc.toml");
        std::fs::write(
            &path,
            "do-not-translate = [\"Outlook\"]\n[rules]\nuntranslated = \"deny\"\n\n[[overrides]]\npaths = [\"ja-JP/**\", \"*/legal/*.md\"]\nrules = { untranslated = \"allow\" }\n",
        )
        .unwrap();
        let config = load(Some(&path), &[]).unwrap();
        let levels = &config.levels;
        assert_eq!(
            levels.level_at(Rule::Untranslated, Some("fr-FR/a.md")),
            Level::Error
        );
        assert_eq!(
            levels.level_at(Rule::Untranslated, Some("ja-JP/x/a.md")),
            Level::Allow
        );
        assert_eq!(
            levels.level_at(Rule::Untranslated, Some("fr-FR/legal/a.md")),
            Level::Allow
        );
        assert_eq!(
            levels.level_at(Rule::Untranslated, Some("fr-FR/legal/x/a.md")),
            Level::Error
        );
        assert_eq!(config.quality.do_not_translate, ["Outlook"]);
        // A flag wins over the overrides too.
        let config = load(Some(&path), &[(Setting::Warn, "untranslated".into())]).unwrap();
        assert_eq!(
            config
                .levels
                .level_at(Rule::Untranslated, Some("ja-JP/a.md")),
            Level::Warning
        );
    }

    #[test]
    fn a_rule_may_report_if_any_path_gives_it_a_level() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpc.toml");
        std::fs::write(
            &path,
            "[rules]\nlabel-inconsistent = \"allow\"\n\n[[overrides]]\npaths = [\"ja-JP/**\"]\nrules = { translation-shared = \"warn\", untranslated = \"allow\" }\n",
        )
        .unwrap();
        let levels = load(Some(&path), &[]).unwrap().levels;
        // Off by default, on below one folder.
        assert!(!levels.may_report(Rule::TranslationInconsistent));
        assert!(levels.may_report(Rule::TranslationShared));
        // Silenced everywhere; silenced below one folder only.
        assert!(!levels.may_report(Rule::LabelInconsistent));
        assert!(levels.may_report(Rule::Untranslated));
        let flags = [(Setting::Note, "translation-inconsistent".into())];
        let levels = load(Some(&path), &flags).unwrap().levels;
        assert!(levels.may_report(Rule::TranslationInconsistent));
    }

    #[test]
    fn deny_warnings() {
        let config = load(
            Some(Path::new("/dev/null")),
            &[(Setting::Deny, "warnings".into())],
        )
        .unwrap();
        assert_eq!(config.levels.level_at(Rule::IdOrder, None), Level::Error);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("helpc.toml");
        std::fs::write(&path, "[rules]\nwarnings = \"deny\"\n").unwrap();
        assert_eq!(
            load(Some(&path), &[])
                .unwrap()
                .levels
                .level_at(Rule::IdOrder, None),
            Level::Error
        );
    }

    #[test]
    fn bad_configuration_is_an_error() {
        assert!(
            load(None, &[(Setting::Deny, "id-ordr".into())])
                .unwrap_err()
                .to_string()
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
