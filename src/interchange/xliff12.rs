//! XLIFF 1.2, the version most CAT tools take: one `<trans-unit>` per
//! segment, `id` = the segment key, `state` on the target, the location
//! and translation type as notes. Characters XML cannot hold travel as
//! `<x ctype="x-helpc-cp-XXXX"/>` placeholders.

use super::ParseError;
use roxmltree::Node;

use super::{Entry, Exchange, State, Unit, xml_attribute, xml_escape};
use crate::read::Article;

/// Whether the root element declares XLIFF 1.x (`version="1.2"` or a 1.x
/// namespace).
pub fn declares_version_1(text: &str) -> bool {
    let Some(start) = text.find("xliff") else {
        return false;
    };
    let head: String = text[start..].chars().take(400).collect();
    let root = head.split('>').next().unwrap_or("");
    root.contains("version=\"1.") || root.contains("version='1.") || root.contains("document:1.")
}

pub fn write(
    article: &Article,
    entries: &[Entry],
    locale: &str,
    source_locale: &str,
    machine: bool,
) -> String {
    let path = &article.file.rel;
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str("<xliff version=\"1.2\" xmlns=\"urn:oasis:names:tc:xliff:document:1.2\">\n");
    out.push_str(&format!(
        " <file original=\"{}\" source-language=\"{}\" target-language=\"{}\" datatype=\"x-helpc-markdown\">\n",
        xml_attribute(path),
        xml_attribute(source_locale),
        xml_attribute(locale)
    ));
    out.push_str("  <body>\n");
    for entry in entries {
        // translate-toolkit reads a unit that is not `approved` as fuzzy.
        out.push_str(&format!(
            "   <trans-unit id=\"{}\"{} xml:space=\"preserve\">\n",
            xml_attribute(&entry.key),
            if entry.state == State::Final {
                " approved=\"yes\""
            } else {
                ""
            }
        ));
        out.push_str(&format!("    <source>{}</source>\n", text(&entry.source)));
        match entry.state {
            State::Untranslated => {}
            State::Fuzzy => out.push_str(&format!(
                "    <target state=\"needs-review-translation\">{}</target>\n",
                text(&entry.target)
            )),
            State::Final => out.push_str(&format!(
                "    <target state=\"{}\">{}</target>\n",
                if machine { "translated" } else { "final" },
                text(&entry.target)
            )),
        }
        out.push_str(&format!(
            "    <note from=\"helpc\">location: {}:{}</note>\n",
            text(path),
            entry.line
        ));
        out.push_str(&format!(
            "    <note from=\"helpc\">ms.translationtype: {}</note>\n",
            if machine { "MT" } else { "HT" }
        ));
        match entry.state {
            State::Untranslated => {
                out.push_str("    <note from=\"helpc\">new segment: to translate</note>\n");
            }
            State::Fuzzy => {
                out.push_str("    <note from=\"helpc\">near match: review the translation</note>\n")
            }
            State::Final => {}
        }
        out.push_str("   </trans-unit>\n");
    }
    out.push_str("  </body>\n </file>\n</xliff>\n");
    out
}

fn text(value: &str) -> String {
    let mut count = 0;
    xml_escape(value, &mut |out, c| {
        count += 1;
        out.push_str(&format!(
            "<x id=\"cp{count}\" ctype=\"x-helpc-cp-{:04X}\"/>",
            c as u32
        ));
    })
}

/// Text of a source or target: text, `<mrk>` (segment marks, kept for
/// their text) and helpc's own placeholders; other inline codes refused.
fn inline(node: Node, key: &str, out: &mut String) -> Result<(), ParseError> {
    for child in node.children() {
        if child.is_text() {
            out.push_str(child.text().unwrap_or_default());
        } else if child.has_tag_name("mrk") {
            inline(child, key, out)?;
        } else if child.has_tag_name("x")
            && let Some(hex) = child
                .attribute("ctype")
                .and_then(|c| c.strip_prefix("x-helpc-cp-"))
        {
            let code = u32::from_str_radix(hex, 16)
                .ok()
                .and_then(char::from_u32)
                .ok_or_else(|| {
                    ParseError(format!("trans-unit `{key}`: a bad placeholder `{hex}`"))
                })?;
            out.push(code);
        } else if child.is_element() {
            return Err(ParseError(format!(
                "trans-unit `{key}`: inline element <{}> is not supported",
                child.tag_name().name()
            )));
        }
    }
    Ok(())
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
    for unit in document
        .descendants()
        .filter(|n| n.has_tag_name("trans-unit"))
    {
        let line = document.text_pos_at(unit.range().start).row as usize;
        let key = unit.attribute("id").or_else(|| unit.attribute("resname"));
        let label = key.unwrap_or("?");
        let mut problem = None;
        let mut read = |name: &str| -> Option<String> {
            let node = unit.children().find(|n| n.has_tag_name(name))?;
            let mut value = String::new();
            if let Err(e) = inline(node, label, &mut value) {
                problem = Some(e);
            }
            Some(value)
        };
        let source = read("source");
        let target = read("target");
        let state_of = unit
            .children()
            .find(|n| n.has_tag_name("target"))
            .and_then(|t| t.attribute("state"));
        let target_text = target.unwrap_or_default();
        let state = match state_of {
            _ if target_text.is_empty() => State::Untranslated,
            Some("new" | "needs-translation") => State::Untranslated,
            Some(s) if s.starts_with("needs-") => State::Fuzzy,
            Some("final" | "signed-off") => State::Final,
            _ if unit.attribute("approved") == Some("no") => State::Fuzzy,
            _ => State::Final,
        };
        exchange.units.push(Unit {
            key: key.map(str::to_string),
            source,
            target: target_text,
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
    fn states_marks_and_versions() {
        let text = r#"<xliff version="1.2" xmlns="urn:oasis:names:tc:xliff:document:1.2"><file original="fr-FR/a.md" source-language="en" datatype="plaintext"><body>
<trans-unit id="a-1"><source>A. B.</source><target state="translated"><mrk mtype="seg" mid="1">Un.</mrk> <mrk mtype="seg" mid="2">Deux.</mrk></target></trans-unit>
<trans-unit id="a-2"><source>C</source><target state="needs-review-translation">c</target></trans-unit>
<trans-unit id="a-3"><source>D</source><target state="new">D</target></trans-unit>
<trans-unit id="a-4"><source>E</source><target><g id="1">e</g></target></trans-unit>
</body></file></xliff>"#;
        assert!(declares_version_1(text));
        assert!(!declares_version_1("<xliff version=\"2.0\">"));
        let read = read(text).unwrap();
        assert_eq!(read.units[0].target, "Un. Deux.");
        assert_eq!(read.units[0].state, State::Final);
        assert_eq!(read.units[1].state, State::Fuzzy);
        assert_eq!(read.units[2].state, State::Untranslated);
        assert!(read.units[3].problem.is_some());
    }
}
