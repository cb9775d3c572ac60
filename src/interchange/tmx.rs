//! TMX 1.4, for translation memories: one `<tu>` per translated segment
//! (not those a handoff left untranslated or to review), its `tuid` the
//! segment key, the English and the translation as two `<tuv>`s.

use super::{Entry, State, xml_attribute, xml_char, xml_escape};
use crate::read::Article;

pub fn write(article: &Article, entries: &[Entry], locale: &str, source_locale: &str) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<tmx version=\"1.4\">\n");
    out.push_str(&format!(
        " <header creationtool=\"helpc\" creationtoolversion=\"{}\" segtype=\"sentence\" o-tmf=\"helpc\" adminlang=\"en-US\" srclang=\"{}\" datatype=\"plaintext\"/>\n",
        env!("CARGO_PKG_VERSION"),
        xml_attribute(source_locale)
    ));
    out.push_str(" <body>\n");
    for entry in units(entries) {
        out.push_str(&format!("  <tu tuid=\"{}\">\n", xml_attribute(&entry.key)));
        out.push_str(&format!(
            "   <prop type=\"x-helpc-article\">{}</prop>\n",
            xml_escape(&article.file.rel, &mut |o, _| o.push('\u{fffd}'))
        ));
        for (lang, text) in [(source_locale, &entry.source), (locale, &entry.target)] {
            out.push_str(&format!(
                "   <tuv xml:lang=\"{}\"><seg>{}</seg></tuv>\n",
                xml_attribute(lang),
                xml_escape(text, &mut |_, _| {})
            ));
        }
        out.push_str("  </tu>\n");
    }
    out.push_str(" </body>\n</tmx>\n");
    out
}

/// The entries a memory holds: translated, with text XML can carry.
pub fn units(entries: &[Entry]) -> impl Iterator<Item = &Entry> {
    entries.iter().filter(|e| {
        e.state == State::Final
            && !e.target.trim().is_empty()
            && !e.source.trim().is_empty()
            && e.source.chars().chain(e.target.chars()).all(xml_char)
    })
}
