//! Language names as readers of each language write them (autonyms), from
//! the Unicode CLDR display names that ICU4X compiles in
//! (`icu_experimental::displaynames`), never from the UI files.
//!
//! A locale is named by its language (`ไทย`, `עברית`), with its script
//! where the tag spells one or the language is Chinese (`srpski
//! (latinica)`, `简体中文`). When two locales of a site would get the same
//! name, both get the full CLDR name of their tag instead (`português
//! (Brasil)`, `português europeu`). The first letter is upper-cased, as
//! CLDR's `uiListOrMenu` context asks of most languages with cased scripts.

use icu_experimental::displaynames::DisplayNamesOptions;
use icu_experimental::displaynames::multi::{LanguageDisplayNames, LocaleDisplayNamesFormatter};
use icu_locale::Locale;
use unic_langid::LanguageIdentifier;

/// The short autonym of `tag`: language, and script where it matters.
pub fn autonym(tag: &LanguageIdentifier) -> String {
    let mut base = LanguageIdentifier::from_parts(tag.language, tag.script, None, &[]);
    if base.script.is_none() && tag.language.as_str() == "zh" {
        let mut full = tag.clone();
        if full.maximize() {
            base.script = full.script;
        }
    }
    name_of(&base).unwrap_or_else(|| tag.to_string())
}

/// The full autonym of `tag`, region included.
pub fn full_autonym(tag: &LanguageIdentifier) -> String {
    name_of(tag).unwrap_or_else(|| autonym(tag))
}

/// One name per locale: the short autonym, or the full one where the short
/// one is shared with another locale of `tags`.
pub fn names(tags: &[LanguageIdentifier]) -> Vec<String> {
    let short: Vec<String> = tags.iter().map(autonym).collect();
    short
        .iter()
        .zip(tags)
        .map(|(name, tag)| {
            if short.iter().filter(|n| *n == name).count() > 1 {
                full_autonym(tag)
            } else {
                name.clone()
            }
        })
        .collect()
}

fn name_of(tag: &LanguageIdentifier) -> Option<String> {
    let locale: Locale = tag.to_string().parse().ok()?;
    let name = match LocaleDisplayNamesFormatter::try_new(
        (&locale).into(),
        DisplayNamesOptions::default(),
    ) {
        Ok(formatter) => formatter.of(&locale).into_owned(),
        // Some locales carry language names only.
        Err(_) if tag.script.is_none() && tag.region.is_none() => {
            LanguageDisplayNames::try_new((&locale).into(), DisplayNamesOptions::default())
                .ok()?
                .of(locale.id.language)?
                .to_string()
        }
        Err(_) => return None,
    };
    // CLDR answers with the bare code when it has no name.
    if name.is_empty() || name == locale.id.language.as_str() {
        return None;
    }
    Some(upper_first(&name))
}

fn upper_first(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(list: &[&str]) -> Vec<LanguageIdentifier> {
        list.iter().map(|t| t.parse().unwrap()).collect()
    }

    #[test]
    fn autonyms_from_cldr() {
        let list = tags(&[
            "th-TH",
            "he-IL",
            "sr-Latn-RS",
            "sr-Cyrl-RS",
            "zh-CN",
            "zh-TW",
            "de-DE",
            "en-US",
            "ja-JP",
            "gl-ES",
        ]);
        let names: Vec<String> = list.iter().map(autonym).collect();
        assert_eq!(
            names,
            [
                "ไทย",
                "עברית",
                "Srpski (latinica)",
                "Српски (ћирилица)",
                "简体中文",
                "繁體中文",
                "Deutsch",
                "English",
                "日本語",
                "Galego"
            ]
        );
    }

    #[test]
    fn shared_names_take_the_region() {
        let names = names(&tags(&["pt-BR", "pt-PT", "fr-FR", "en-US", "en-GB"]));
        assert_eq!(
            names,
            [
                "Português (Brasil)",
                "Português europeu",
                "Français",
                "American English",
                "British English"
            ]
        );
        // Every name differs.
        let mut unique = names.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), names.len());
    }

    #[test]
    fn unknown_languages_keep_their_tag() {
        assert_eq!(autonym(&"qaa-XX".parse().unwrap()), "qaa-XX");
    }
}
