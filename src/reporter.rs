//! The one place where a diagnostic gets its final level: the rule's
//! default, the configuration's `[rules]` and `[[overrides]]`, the command
//! line's `-A/-W/-D` and `--deny warnings`, and inline allows written in
//! the file itself (ruff's `noqa` model):
//!
//! - `<!-- helpc-allow: rule, rule -->` in Markdown, HTML or SVG;
//! - `# helpc-allow: rule` in YAML (front matter, `TOC.yml`).
//!
//! A comment written just before a segment (spaces between at most)
//! silences those rules on that segment; a comment alone on its line
//! silences them on the next line; any other comment silences them on its
//! own line. Allowed diagnostics get the level `allow`, which every report
//! drops.

use std::collections::HashMap;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::rules::{Level, Rule};

pub struct Reporter<'c> {
    config: &'c Config,
}

impl<'c> Reporter<'c> {
    pub fn new(config: &'c Config) -> Reporter<'c> {
        Reporter { config }
    }

    /// Gives every diagnostic of one file its level. `text`: the file's
    /// text, where inline allows are read; `None` for files without one.
    pub fn finish(&self, text: Option<&str>, diagnostics: &mut [Diagnostic]) {
        if diagnostics.is_empty() {
            return;
        }
        // One file's diagnostics: its path says whether it is YAML.
        let yaml = is_yaml(&diagnostics[0].path);
        let allows = text
            .map(|text| InlineAllows::of(text, yaml))
            .unwrap_or_default();
        for diagnostic in diagnostics {
            diagnostic.level = if self.config_allows(diagnostic) || allows.covers(diagnostic) {
                Level::Allow
            } else {
                self.config
                    .levels
                    .level_at(diagnostic.rule, Some(&diagnostic.path))
            };
        }
    }

    /// With a `link-root`, root-relative links lead to that site: nothing
    /// to report about them.
    fn config_allows(&self, diagnostic: &Diagnostic) -> bool {
        self.config.link_root.is_some() && diagnostic.rule == Rule::LinkRootMissing
    }
}

/// The inline allows of one file.
#[derive(Default, Debug)]
pub struct InlineAllows {
    /// Line (1-based) → rules allowed on it.
    lines: HashMap<u32, Vec<Rule>>,
    /// Segment id → rules allowed on it.
    segments: HashMap<String, Vec<Rule>>,
}

const MARK: &str = "helpc-allow";

impl InlineAllows {
    /// `yaml`: the file is YAML (a `TOC.yml`); otherwise `#` comments
    /// count only in a Markdown file's front matter.
    pub fn of(text: &str, yaml: bool) -> InlineAllows {
        let mut allows = InlineAllows::default();
        if !text.contains(MARK) {
            return allows;
        }
        let front_matter_end = if yaml { None } else { front_matter_end(text) };
        let yaml_file = yaml;
        for (at, _) in text.match_indices(MARK) {
            let line_start = text[..at].rfind('\n').map_or(0, |n| n + 1);
            let line_end = text[at..].find('\n').map_or(text.len(), |n| at + n);
            let line_number = text[..line_start].matches('\n').count() as u32 + 1;
            let before = &text[line_start..at];
            let in_yaml = yaml_file || front_matter_end.is_some_and(|end| at < end);
            let (rules, comment) = if let Some(open) = before.rfind("<!--") {
                let Some(close) = text[at..line_end].find("-->") else {
                    continue;
                };
                let list = &text[at + MARK.len()..at + close];
                (
                    parse_rules(list),
                    (line_start + open)..(at + close + "-->".len()),
                )
            } else if in_yaml && let Some(hash) = before.rfind('#') {
                if !before[hash + 1..].trim().is_empty() {
                    continue;
                }
                let list = &text[at + MARK.len()..line_end];
                (parse_rules(list), (line_start + hash)..line_end)
            } else {
                continue;
            };
            if rules.is_empty() {
                continue;
            }
            let after = text[comment.end..line_end].trim_start_matches([' ', '\t']);
            let alone =
                text[line_start..comment.start].trim().is_empty() && after.trim().is_empty();
            if let Some(id) = segment_id(after) {
                allows
                    .segments
                    .entry(id.to_string())
                    .or_default()
                    .extend(rules);
            } else if alone {
                allows
                    .lines
                    .entry(line_number + 1)
                    .or_default()
                    .extend(rules);
            } else {
                allows.lines.entry(line_number).or_default().extend(rules);
            }
        }
        allows
    }

    pub fn covers(&self, diagnostic: &Diagnostic) -> bool {
        let on_line = self
            .lines
            .get(&diagnostic.line)
            .is_some_and(|rules| rules.contains(&diagnostic.rule));
        let on_segment = diagnostic.segment.as_deref().is_some_and(|id| {
            self.segments
                .get(id)
                .is_some_and(|rules| rules.contains(&diagnostic.rule))
        });
        on_line || on_segment
    }

    #[cfg(test)]
    fn is_empty(&self) -> bool {
        self.lines.is_empty() && self.segments.is_empty()
    }
}

fn is_yaml(path: &str) -> bool {
    let lower = path.to_ascii_lowercase();
    lower.ends_with(".yml") || lower.ends_with(".yaml")
}

/// `: rule, rule` (the text after the mark, up to the comment's end).
fn parse_rules(list: &str) -> Vec<Rule> {
    list.trim_start_matches([':', ' ', '\t'])
        .split([',', ' ', '\t'])
        .filter_map(|name| Rule::from_name(name.trim()))
        .collect()
}

/// The id of the segment that starts `text`, if one does.
fn segment_id(text: &str) -> Option<&str> {
    let rest = text.strip_prefix("<span")?;
    let at = rest.find("data-ttu-id=\"")?;
    // The attribute must be inside this tag.
    if rest[..at].contains('>') {
        return None;
    }
    let value = &rest[at + "data-ttu-id=\"".len()..];
    value.find('"').map(|end| &value[..end])
}

/// Where a Markdown file's front matter ends (after its closing `---`).
fn front_matter_end(text: &str) -> Option<usize> {
    let body = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .strip_prefix("---")?;
    let skipped = text.len() - body.len();
    let close = body.find("\n---")?;
    Some(skipped + close + "\n---".len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(rule: Rule, line: u32, segment: Option<&str>) -> Diagnostic {
        let mut d = Diagnostic::new(rule, "fr-FR/a.md", "x").line(line);
        d.segment = segment.map(str::to_string);
        d
    }

    #[test]
    fn a_comment_before_a_segment_covers_that_segment_only() {
        let text = "---\ntitle: t\n---\n<!-- helpc-allow: untranslated --><span data-ttu-id=\"a-1\">x</span> <span data-ttu-id=\"a-2\">y</span>\n";
        let allows = InlineAllows::of(text, false);
        assert!(allows.covers(&at(Rule::Untranslated, 4, Some("a-1"))));
        assert!(!allows.covers(&at(Rule::Untranslated, 4, Some("a-2"))));
        assert!(!allows.covers(&at(Rule::NumberMismatch, 4, Some("a-1"))));
    }

    #[test]
    fn a_comment_alone_covers_the_next_line_and_a_trailing_one_its_own() {
        let text = "<!-- helpc-allow: link-broken, markup-unsafe -->\nline two\nline three <!-- helpc-allow: alert-unknown -->\n";
        let allows = InlineAllows::of(text, false);
        assert!(allows.covers(&at(Rule::LinkBroken, 2, None)));
        assert!(allows.covers(&at(Rule::MarkupUnsafe, 2, None)));
        assert!(!allows.covers(&at(Rule::LinkBroken, 1, None)));
        assert!(allows.covers(&at(Rule::AlertUnknown, 3, None)));
        assert!(!allows.covers(&at(Rule::AlertUnknown, 4, None)));
    }

    #[test]
    fn yaml_comments_count_in_front_matter_and_yaml_files_only() {
        let text = "---\n# helpc-allow: front-matter-key-missing\nms.date: x\n---\n# helpc-allow: untranslated\ntext\n";
        let allows = InlineAllows::of(text, false);
        assert!(allows.covers(&at(Rule::FrontMatterKeyMissing, 3, None)));
        // A Markdown heading is not a comment.
        assert!(!allows.covers(&at(Rule::Untranslated, 6, None)));
        let no_front_matter = "# helpc-allow: untranslated\ntext\n";
        assert!(InlineAllows::of(no_front_matter, false).is_empty());
        let toc = "- name: A\n  href: a.md # helpc-allow: toc-invalid\n";
        assert!(InlineAllows::of(toc, true).covers(&at(Rule::TocInvalid, 2, None)));
    }

    #[test]
    fn unknown_names_and_unclosed_comments_allow_nothing() {
        assert!(InlineAllows::of("<!-- helpc-allow: nope -->\nx\n", false).is_empty());
        assert!(InlineAllows::of("<!-- helpc-allow: untranslated\nx\n", false).is_empty());
        assert!(InlineAllows::of("no marks", false).is_empty());
    }
}
