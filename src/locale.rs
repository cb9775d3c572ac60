//! BCP 47 language tags: validation, canonical form, writing direction.

use unic_langid::{CharacterDirection, LanguageIdentifier};

/// The reference locale: UI strings, alert labels and `x-default` fall
/// back to it; the source locale unless the configuration says otherwise.
pub const REFERENCE: &str = "en-US";

/// Parses a BCP 47 tag strictly: `-` separators only, ASCII only.
pub fn parse_tag(text: &str) -> Option<LanguageIdentifier> {
    if text.is_empty() || !text.is_ascii() || text.contains('_') {
        return None;
    }
    let tag: LanguageIdentifier = text.parse().ok()?;
    // Languages in use have two- or three-letter codes (ISO 639); the 5-8
    // letter subtags BCP 47 reserves are words like `guides` or `media`.
    matches!(tag.language.as_str().len(), 2 | 3).then_some(tag)
}

#[cfg(test)]
mod parse_tests {
    use super::*;

    #[test]
    fn folder_words_are_not_tags() {
        for tag in ["fr-FR", "en-US", "zh-Hans-CN", "sr-Latn", "ja", "fil-PH"] {
            assert!(parse_tag(tag).is_some(), "{tag}");
        }
        for word in [
            "guides",
            "media",
            "images",
            "templates",
            "fr_FR",
            "",
            "help",
        ] {
            assert!(parse_tag(word).is_none(), "{word}");
        }
    }
}

/// Text direction of a locale's script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Ltr,
    Rtl,
}

impl Direction {
    pub fn of(tag: &LanguageIdentifier) -> Direction {
        match tag.character_direction() {
            CharacterDirection::RTL => Direction::Rtl,
            _ => Direction::Ltr,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Two tags name the same locale when their canonical forms match, ignoring case.
pub fn same_locale(a: &LanguageIdentifier, b: &LanguageIdentifier) -> bool {
    // Equal tags write equal strings: only unequal ones are written out.
    a == b || a.to_string().eq_ignore_ascii_case(&b.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strict_tags() {
        assert!(parse_tag("fr-FR").is_some());
        assert!(parse_tag("zh-Hant-TW").is_some());
        assert!(parse_tag("sr-Latn").is_some());
        assert_eq!(parse_tag("fr-fr").unwrap().to_string(), "fr-FR");
        for bad in [
            "",
            "fr_FR",
            "français",
            "x",
            "fr-FR-",
            "toolongtag-FR",
            "12-AB",
        ] {
            assert!(parse_tag(bad).is_none(), "{bad}");
        }
    }

    #[test]
    fn directions() {
        for rtl in ["ar-SA", "he-IL", "fa", "ur-PK"] {
            assert_eq!(
                Direction::of(&parse_tag(rtl).unwrap()),
                Direction::Rtl,
                "{rtl}"
            );
        }
        for ltr in ["fr-FR", "ja-JP", "en-US", "ro-RO"] {
            assert_eq!(
                Direction::of(&parse_tag(ltr).unwrap()),
                Direction::Ltr,
                "{ltr}"
            );
        }
    }

    #[test]
    fn same_locale_ignores_case() {
        let a = parse_tag("fr-FR").unwrap();
        assert!(same_locale(&a, &parse_tag("FR-fr").unwrap()));
        assert!(!same_locale(&a, &parse_tag("fr-CA").unwrap()));
    }
}
