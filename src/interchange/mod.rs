//! Segments out to translators and back: one file per article, in PO
//! (gettext), XLIFF 2.0, XLIFF 1.2 or TMX 1.4, and the reading of those
//! files for `helpc import`.
//!
//! Each entry is one segment: its id (PO `msgctxt`, XLIFF 2.0 unit `name`,
//! XLIFF 1.2 `trans-unit id`, TMX `tuid`), its source and target exactly as
//! the article holds them, the file and line, the translation type (`MT` or
//! `HT`) and how finished it is: segments a handoff left to translate go
//! out untranslated, near matches fuzzy (see [`pending`]). Texts are
//! escaped losslessly, so an export imported without edits changes no
//! byte of the article.

pub mod apply;
pub mod import;
pub mod pending;
pub mod po;
pub mod safe;
pub mod tmx;
pub mod xliff;
pub mod xliff12;

use std::collections::{BTreeSet, HashMap};

use crate::read::Article;

/// How finished a translation is, as exported or as read back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum State {
    /// A translation to use.
    Final,
    /// A translation to review (a near match): not applied unless accepted.
    Fuzzy,
    /// No translation yet.
    Untranslated,
}

/// One segment as exchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Unique in the file: the segment id, with `#2`, `#3`… on repeats.
    pub key: String,
    /// The segment id itself.
    pub id: String,
    pub source: String,
    pub target: String,
    pub line: u32,
    pub state: State,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Po,
    Xliff,
    Xliff12,
    Tmx,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Po => "po",
            Format::Xliff => "xlf",
            Format::Xliff12 => "xliff",
            Format::Tmx => "tmx",
        }
    }

    /// The format of a file to import, by its name and, for `.xlf` and
    /// `.xliff`, the version its root element declares.
    pub fn of_file(name: &str, text: &str) -> Option<Format> {
        let extension = name.rsplit_once('.')?.1.to_ascii_lowercase();
        match extension.as_str() {
            "po" => Some(Format::Po),
            "xlf" | "xliff" => Some(if xliff12::declares_version_1(text) {
                Format::Xliff12
            } else {
                Format::Xliff
            }),
            _ => None,
        }
    }
}

/// One entry of an exchanged file, as read back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unit {
    /// The segment key; `None` for an entry that names none.
    pub key: Option<String>,
    /// The source text the file holds, if it holds one.
    pub source: Option<String>,
    pub target: String,
    pub state: State,
    /// The line of the file the entry starts on (1-based).
    pub line: usize,
    /// Why the entry cannot be used, when it cannot (an unsupported
    /// inline element, a bad escape).
    pub problem: Option<String>,
}

/// An exchanged file, as read back.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Exchange {
    /// The article (relative to CONTENT) the file names.
    pub article: Option<String>,
    pub units: Vec<Unit>,
}

impl Exchange {
    /// Key → target of every unit with a key (the last one on repeats).
    pub fn targets(&self) -> HashMap<String, String> {
        self.units
            .iter()
            .filter_map(|u| Some((u.key.clone()?, u.target.clone())))
            .collect()
    }
}

/// The article's segments as entries, in order, with unique keys.
pub fn entries(article: &Article) -> Vec<Entry> {
    let untranslated = pending::ids(article, pending::UNTRANSLATED);
    let fuzzy = pending::ids(article, pending::FUZZY);
    entries_with(article, &untranslated, &fuzzy)
}

fn entries_with(
    article: &Article,
    untranslated: &BTreeSet<String>,
    fuzzy: &BTreeSet<String>,
) -> Vec<Entry> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    article
        .scan
        .segments
        .iter()
        .map(|segment| {
            let id = article.id(segment);
            let count = seen.entry(id).or_insert(0);
            *count += 1;
            let state = if untranslated.contains(id) {
                State::Untranslated
            } else if fuzzy.contains(id) {
                State::Fuzzy
            } else {
                State::Final
            };
            Entry {
                key: if *count == 1 {
                    id.to_string()
                } else {
                    format!("{id}#{count}")
                },
                id: id.to_string(),
                source: article.source(segment).unwrap_or_default().to_string(),
                target: article.target(segment).to_string(),
                line: article.lines.locate(&article.text, segment.start).line,
                state,
            }
        })
        .collect()
}

/// The article with the targets of `translated` (key → target) put in
/// place of its own; every other byte as it was.
pub fn apply(article: &Article, translated: &HashMap<String, String>) -> String {
    let keys = entries(article);
    let mut out = article.text.clone();
    for (segment, entry) in article.scan.segments.iter().zip(&keys).rev() {
        if let Some(target) = translated.get(&entry.key)
            && *target != entry.target
        {
            out.replace_range(segment.target.clone(), target);
        }
    }
    out
}

pub fn write(format: Format, article: &Article, locale: &str, source_locale: &str) -> String {
    let machine = article.is_machine_translated();
    let entries = entries(article);
    match format {
        Format::Po => po::write(article, &entries, locale, machine),
        Format::Xliff => xliff::write(article, &entries, locale, source_locale, machine),
        Format::Xliff12 => xliff12::write(article, &entries, locale, source_locale, machine),
        Format::Tmx => tmx::write(article, &entries, locale, source_locale),
    }
}

/// Why a PO, XLIFF or TMX file cannot be read (with its line, where known).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ParseError(pub String);

/// Reads an exchanged file back. TMX is for translation memories: it is
/// not read back.
pub fn read(format: Format, text: &str) -> Result<Exchange, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match format {
        Format::Po => po::read(text),
        Format::Xliff => xliff::read(text),
        Format::Xliff12 => xliff12::read(text),
        Format::Tmx => Err(ParseError(
            "TMX files are translation memories: import PO or XLIFF".to_string(),
        )),
    }
}

/// The article (relative to CONTENT) an exported file belongs to: PO
/// `X-Helpc-Article`, XLIFF `<file original>`.
pub fn article_of(format: Format, text: &str) -> Option<String> {
    read(format, text).ok()?.article
}

/// Escaped XML text; characters XML cannot hold are left to `other`
/// (XLIFF 2.0 `<cp>`, an XLIFF 1.2 placeholder), and `\r` becomes a
/// character reference (parsers turn a raw one into `\n`).
pub(crate) fn xml_escape(text: &str, other: &mut dyn FnMut(&mut String, char)) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if !xml_char(c) => other(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Whether XML 1.0 can hold `c` as a character.
pub(crate) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r') || (c as u32 >= 0x20 && !matches!(c as u32, 0xFFFE | 0xFFFF))
}

pub(crate) fn xml_attribute(text: &str) -> String {
    xml_escape(text, &mut |out, _| out.push('\u{fffd}')).replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::ContentFile;

    const ARTICLE: &str = "---\ntitle: T\nms.contentlocale: fr-FR\nms.translationtype: MT\n---\n# <span data-ttu-id=\"abcde-101\">Titre \"cité\" \\ barre</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Title \"quoted\" \\ bar</span></span>\n\n<span data-ttu-id=\"abcde-102\">Ligne\r\nsuivante\tonglet & <b>gras</b> \u{b}</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Line\nnext</span></span> <span data-ttu-id=\"abcde-102\">Répété</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Repeated</span></span>\n";

    fn article_of_text(text: &str) -> Article {
        crate::read::parse(
            ContentFile {
                abs: "fr-FR/a b.md".into(),
                rel: "fr-FR/a b.md".into(),
                local: "a b.md".into(),
                fragment: false,
            },
            text.as_bytes().to_vec(),
        )
        .unwrap()
    }

    fn article() -> Article {
        article_of_text(ARTICLE)
    }

    #[test]
    fn round_trips_are_byte_identical() {
        let article = article();
        for format in [Format::Po, Format::Xliff, Format::Xliff12] {
            let exported = write(format, &article, "fr-FR", "en-US");
            let read = read(format, &exported).unwrap();
            assert_eq!(read.units.len(), 3, "{exported}");
            assert_eq!(read.targets()["abcde-102#2"], "Répété");
            assert_eq!(apply(&article, &read.targets()), ARTICLE, "{exported}");
            assert_eq!(
                article_of(format, &exported).as_deref(),
                Some("fr-FR/a b.md")
            );
            let plan = apply::plan(&article, &read, apply::Options::default());
            assert!(plan.text.is_none() && !plan.refused(), "{format:?}");
        }
    }

    #[test]
    fn edits_change_only_targets() {
        let article = article();
        let mut exported = write(Format::Po, &article, "fr-FR", "en-US");
        exported = exported.replace("msgstr \"Répété\"", "msgstr \"Redit\"");
        let changed = apply(&article, &read(Format::Po, &exported).unwrap().targets());
        assert_eq!(changed, ARTICLE.replace(">Répété<", ">Redit<"));
        let po = write(Format::Po, &article, "fr-FR", "en-US");
        assert!(
            po.contains("#. ms.translationtype: MT\n#: fr-FR/a%20b.md:6\nmsgctxt \"abcde-101\""),
            "{po}"
        );
        let xliff = write(Format::Xliff, &article, "fr-FR", "en-US");
        assert!(xliff.contains("<cp hex=\"000B\"/>") && xliff.contains("state=\"translated\""));
        let xliff12 = write(Format::Xliff12, &article, "fr-FR", "en-US");
        assert!(
            xliff12.contains("<trans-unit id=\"abcde-102#2\"")
                && xliff12.contains("ctype=\"x-helpc-cp-000B\""),
            "{xliff12}"
        );
    }

    #[test]
    fn unfinished_segments_leave_untranslated_or_fuzzy_and_come_back_unchanged() {
        let text = ARTICLE.replace(
            "ms.translationtype: MT\n",
            "ms.translationtype: MT\nhelpc.untranslated: \"abcde-101\"\nhelpc.fuzzy: \"abcde-102\"\n",
        );
        let article = article_of_text(&text);
        let po = write(Format::Po, &article, "fr-FR", "en-US");
        assert!(
            po.contains(
                "msgctxt \"abcde-101\"\nmsgid \"Title \\\"quoted\\\" \\\\ bar\"\nmsgstr \"\"\n"
            ),
            "{po}"
        );
        assert!(po.contains("#, fuzzy\nmsgctxt \"abcde-102#2\""), "{po}");
        let xliff = write(Format::Xliff, &article, "fr-FR", "en-US");
        assert!(xliff.contains("<segment state=\"initial\"><source xml:space=\"preserve\">Title"));
        assert!(xliff.contains("subState=\"helpc:near-match\""));
        let tmx = write(Format::Tmx, &article, "fr-FR", "en-US");
        assert_eq!(tmx.matches("<tu ").count(), 0, "{tmx}");
        for format in [Format::Po, Format::Xliff, Format::Xliff12] {
            let exported = write(format, &article, "fr-FR", "en-US");
            let read = read(format, &exported).unwrap();
            let plan = apply::plan(&article, &read, apply::Options::default());
            assert!(plan.text.is_none() && !plan.refused(), "{format:?}");
        }
        // A finished translation of a listed segment takes it off the list.
        let edited = po.replacen(
            "msgid \"Title \\\"quoted\\\" \\\\ bar\"\nmsgstr \"\"",
            "msgid \"Title \\\"quoted\\\" \\\\ bar\"\nmsgstr \"Titre\"",
            1,
        );
        let plan = apply::plan(
            &article,
            &read(Format::Po, &edited).unwrap(),
            apply::Options::default(),
        );
        let after = plan.text.unwrap();
        assert!(
            !after.contains("helpc.untranslated") && after.contains("helpc.fuzzy"),
            "{after}"
        );
        assert!(after.contains("\">Titre</span>"));
    }

    #[test]
    fn tmx_holds_one_unit_per_translated_segment() {
        let tmx = write(Format::Tmx, &article(), "fr-FR", "en-US");
        // The segment with U+000B cannot travel in XML: two of three.
        assert_eq!(tmx.matches("<tu ").count(), 2, "{tmx}");
        assert!(roxmltree::Document::parse(&tmx).is_ok());
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(read(Format::Po, "msgid \"a\nmsgstr \"b\"\n").is_err());
        assert!(read(Format::Po, "garbage\n").is_err());
        assert!(read(Format::Xliff, "<xliff><unit").is_err());
        assert!(read(Format::Xliff12, "<xliff version=\"1.2\"><file").is_err());
    }
}
