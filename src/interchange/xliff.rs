//! XLIFF 2.0: one `<unit>` per segment, `name` = the segment key. Read
//! back with any indentation and namespace prefix; a unit that a CAT tool
//! split into several `<segment>`s is joined again.

use super::ParseError;
use roxmltree::Node;

use super::{Entry, Exchange, State, Unit, xml_attribute, xml_escape};
use crate::read::Article;

/// `subState` of near matches a handoff carried over: to review.
pub const NEAR_MATCH: &str = "helpc:near-match";

pub fn write(
    article: &Article,
    entries: &[Entry],
    locale: &str,
    source_locale: &str,
    machine: bool,
) -> String {
    let path = &article.file.rel;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&format!(
        "<xliff xmlns=\"urn:oasis:names:tc:xliff:document:2.0\" version=\"2.0\" srcLang=\"{}\" trgLang=\"{}\">\n",
        xml_attribute(source_locale),
        xml_attribute(locale)
    ));
    out.push_str(&format!(
        " <file id=\"f1\" original=\"{}\">\n",
        xml_attribute(path)
    ));
    for (number, entry) in entries.iter().enumerate() {
        out.push_str(&format!(
            "  <unit id=\"u{}\" name=\"{}\" canResegment=\"no\">\n",
            number + 1,
            xml_attribute(&entry.key)
        ));
        let review = match entry.state {
            State::Fuzzy => "<note category=\"review\">near match: review the translation</note>",
            State::Untranslated => "<note category=\"review\">new segment: to translate</note>",
            State::Final => "",
        };
        out.push_str(&format!(
            "   <notes><note category=\"location\">{}:{}</note><note category=\"translationtype\">{}</note>{review}</notes>\n",
            text(path),
            entry.line,
            if machine { "MT" } else { "HT" }
        ));
        let source = text(&entry.source);
        match entry.state {
            State::Untranslated => out.push_str(&format!(
                "   <segment state=\"initial\"><source xml:space=\"preserve\">{source}</source></segment>\n"
            )),
            State::Fuzzy => out.push_str(&format!(
                "   <segment state=\"translated\" subState=\"{NEAR_MATCH}\"><source xml:space=\"preserve\">{source}</source><target xml:space=\"preserve\">{}</target></segment>\n",
                text(&entry.target)
            )),
            State::Final => out.push_str(&format!(
                "   <segment state=\"{}\"><source xml:space=\"preserve\">{source}</source><target xml:space=\"preserve\">{}</target></segment>\n",
                if machine { "translated" } else { "final" },
                text(&entry.target)
            )),
        }
        out.push_str("  </unit>\n");
    }
    out.push_str(" </file>\n</xliff>\n");
    out
}

/// XML text; characters XML cannot hold become `<cp>` elements.
fn text(value: &str) -> String {
    xml_escape(value, &mut |out, c| {
        out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32));
    })
}

/// Text of an inline content element: text and `<cp>`; other inline
/// elements are refused (their codes have no place in a segment).
pub(crate) fn inline(node: Node, key: &str) -> Result<String, ParseError> {
    let mut value = String::new();
    for child in node.children() {
        if child.is_text() {
            value.push_str(child.text().unwrap_or_default());
        } else if child.has_tag_name("cp") {
            let code = child
                .attribute("hex")
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32)
                .ok_or_else(|| ParseError(format!("unit `{key}`: a <cp> without a valid hex")))?;
            value.push(code);
        } else if child.is_element() {
            return Err(ParseError(format!(
                "unit `{key}`: inline element <{}> is not supported",
                child.tag_name().name()
            )));
        }
    }
    Ok(value)
}

pub fn read(text: &str) -> Result<Exchange, ParseError> {
    let document = roxmltree::Document::parse(text)
        .map_err(|e| ParseError(format!("not well-formed XML (a truncated file?): {e}")))?;
    let mut exchange = Exchange {
        article: document
            .descendants()
            .find(|n| n.has_tag_name("file"))
            .and_then(|file| file.attribute("original"))
            .map(str::to_string),
        units: Vec::new(),
    };
    for unit in document.descendants().filter(|n| n.has_tag_name("unit")) {
        let line = document.text_pos_at(unit.range().start).row as usize;
        let key = unit.attribute("name").or_else(|| unit.attribute("id"));
        let label = key.unwrap_or("?");
        let mut source = String::new();
        let mut target = String::new();
        let mut states = Vec::new();
        let mut problem = None;
        // Segments and the ignorable text between them, in order.
        for part in unit
            .children()
            .filter(|n| n.has_tag_name("segment") || n.has_tag_name("ignorable"))
        {
            let segment = part.has_tag_name("segment");
            let source_node = part.children().find(|n| n.has_tag_name("source"));
            let target_node = part.children().find(|n| n.has_tag_name("target"));
            let read = |node: Option<Node>| node.map(|n| inline(n, label)).transpose();
            match (read(source_node), read(target_node)) {
                (Ok(s), Ok(t)) => {
                    let s = s.unwrap_or_default();
                    source.push_str(&s);
                    match t {
                        Some(t) => target.push_str(&t),
                        // An ignorable without a target is the same on both sides.
                        None if !segment => target.push_str(&s),
                        None if !s.trim().is_empty() => states.push(State::Untranslated),
                        None => {}
                    }
                }
                (Err(e), _) | (_, Err(e)) => problem = Some(e),
            }
            if segment {
                states.push(match part.attribute("state") {
                    Some("initial") => State::Untranslated,
                    Some("translated") if part.attribute("subState") == Some(NEAR_MATCH) => {
                        State::Fuzzy
                    }
                    _ => State::Final,
                });
            }
        }
        // The least finished segment decides for the unit.
        let state = if target.is_empty() || states.contains(&State::Untranslated) {
            State::Untranslated
        } else if states.contains(&State::Fuzzy) {
            State::Fuzzy
        } else {
            State::Final
        };
        exchange.units.push(Unit {
            key: key.map(str::to_string),
            source: Some(source),
            target,
            state,
            line,
            problem: problem.map(|e| e.to_string()),
        });
    }
    Ok(exchange)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resegmented_units_are_joined_and_prefixes_read() {
        let text = r#"<?xml version="1.0"?>
<x:xliff xmlns:x="urn:oasis:names:tc:xliff:document:2.0" version="2.0" srcLang="en" trgLang="fr">
<x:file id="f" original="fr-FR/a.md"><x:unit id="u1" name="k-1">
  <x:notes><x:note>n</x:note></x:notes>
  <x:segment state="final"><x:source>One.</x:source><x:target>Un.</x:target></x:segment>
  <x:ignorable><x:source> </x:source></x:ignorable>
  <x:segment state="final"><x:source>Two.</x:source><x:target>Deux.</x:target></x:segment>
</x:unit>
<x:unit id="u2" name="k-2"><x:segment state="final"><x:source>A.</x:source><x:target>B.</x:target></x:segment><x:segment state="initial"><x:source>C.</x:source></x:segment></x:unit>
</x:file></x:xliff>"#;
        let read = read(text).unwrap();
        assert_eq!(read.article.as_deref(), Some("fr-FR/a.md"));
        assert_eq!(read.units[0].source.as_deref(), Some("One. Two."));
        assert_eq!(read.units[0].target, "Un. Deux.");
        assert_eq!(read.units[0].state, State::Final);
        assert_eq!(read.units[1].state, State::Untranslated);
    }

    #[test]
    fn truncated_files_say_so() {
        let error = read("<xliff><file original=\"a\"><unit").unwrap_err();
        assert!(error.to_string().contains("truncated"), "{error}");
    }
}
