//! Segments out to translators and back: one PO (gettext) or XLIFF 2.0
//! file per article, and the reading of those files for `helpc import`.
//!
//! Each entry is one segment: its id (PO `msgctxt`, XLIFF `unit id`), its
//! source and target exactly as the article holds them, the file and line
//! (PO `#:`, XLIFF `<note category="location">`) and the translation type
//! (`MT` or `HT`: a PO translator comment, the XLIFF segment `state`). Texts
//! are escaped losslessly, so an export imported without edits changes no
//! byte of the article.

use std::collections::HashMap;

use crate::read::Article;

/// One segment as exchanged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Unique in the file: the segment id, with `#2`, `#3`… on repeats.
    pub key: String,
    pub source: String,
    pub target: String,
    pub line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Po,
    Xliff,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Po => "po",
            Format::Xliff => "xlf",
        }
    }
}

/// The article's segments as entries, in order, with unique keys.
pub fn entries(article: &Article) -> Vec<Entry> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    article
        .scan
        .segments
        .iter()
        .map(|segment| {
            let id = article.id(segment);
            let count = seen.entry(id).or_insert(0);
            *count += 1;
            Entry {
                key: if *count == 1 {
                    id.to_string()
                } else {
                    format!("{id}#{count}")
                },
                source: article.source(segment).unwrap_or_default().to_string(),
                target: article.target(segment).to_string(),
                line: article.lines.locate(&article.text, segment.start).line,
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
    match format {
        Format::Po => po(article, locale, machine),
        Format::Xliff => xliff(article, locale, source_locale, machine),
    }
}

pub fn read(format: Format, text: &str) -> Result<HashMap<String, String>, String> {
    match format {
        Format::Po => read_po(text),
        Format::Xliff => read_xliff(text),
    }
}

/// The article (relative to CONTENT) an exported file belongs to: PO
/// `X-Helpc-Article`, XLIFF `<file original>`.
pub fn article_of(format: Format, text: &str) -> Option<String> {
    match format {
        Format::Po => text.lines().find_map(|line| {
            let value = line
                .strip_prefix("\"X-Helpc-Article: ")?
                .strip_suffix("\\n\"")?;
            po_unescape(value).ok()
        }),
        Format::Xliff => {
            let document = roxmltree::Document::parse(text).ok()?;
            let file = document.descendants().find(|n| n.has_tag_name("file"))?;
            file.attribute("original").map(str::to_string)
        }
    }
}

// ---- PO ----

fn po(article: &Article, locale: &str, machine: bool) -> String {
    let path = &article.file.rel;
    let mut out = String::new();
    out.push_str(&format!("# Segments of {path}, exported by helpc.\n"));
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    out.push_str(&format!(
        "\"Project-Id-Version: {}\\n\"\n",
        po_escape(&format!("helpc {}", env!("CARGO_PKG_VERSION")))
    ));
    // The article's own date: an export of the same content is the same file.
    out.push_str(&format!(
        "\"PO-Revision-Date: {}\\n\"\n",
        revision_date(article)
    ));
    out.push_str("\"Last-Translator: helpc export\\n\"\n");
    out.push_str(&format!("\"Language-Team: {}\\n\"\n", po_escape(locale)));
    out.push_str("\"MIME-Version: 1.0\\n\"\n");
    out.push_str("\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
    out.push_str("\"Content-Transfer-Encoding: 8bit\\n\"\n");
    out.push_str(&format!("\"Language: {}\\n\"\n", po_escape(locale)));
    out.push_str(&format!("\"X-Helpc-Article: {}\\n\"\n", po_escape(path)));
    let kind = if machine { "MT" } else { "HT" };
    for entry in entries(article) {
        out.push('\n');
        out.push_str(&format!("#. ms.translationtype: {kind}\n"));
        // `#:` references may not hold spaces.
        out.push_str(&format!("#: {}:{}\n", path.replace(' ', "%20"), entry.line));
        // gettext wants msgid and msgstr to agree on a leading and a trailing
        // newline; a target that does not is flagged for review, as is.
        let edge = |text: &str| (text.starts_with('\n'), text.ends_with('\n'));
        if edge(&entry.source) != edge(&entry.target) {
            out.push_str("#, fuzzy\n");
        }
        out.push_str(&format!("msgctxt \"{}\"\n", po_escape(&entry.key)));
        out.push_str(&po_string("msgid", &entry.source));
        out.push_str(&po_string("msgstr", &entry.target));
    }
    out
}

/// `ms.date` (`MM/DD/YYYY`) as a PO date.
fn revision_date(article: &Article) -> String {
    let date = article.front_matter.string("ms.date").unwrap_or_default();
    let parts: Vec<u32> = date
        .split('/')
        .filter_map(|p| p.trim().parse().ok())
        .collect();
    match parts[..] {
        [month, day, year] if (1..=12).contains(&month) && (1..=31).contains(&day) => {
            format!("{year:04}-{month:02}-{day:02} 00:00+0000")
        }
        _ => "1970-01-01 00:00+0000".to_string(),
    }
}

/// `keyword "text"`, cut after each `\n` into continuation lines.
fn po_string(keyword: &str, text: &str) -> String {
    let escaped = po_escape(text);
    if !escaped.contains("\\n") || escaped.ends_with("\\n") && escaped.matches("\\n").count() == 1 {
        return format!("{keyword} \"{escaped}\"\n");
    }
    let mut out = format!("{keyword} \"\"\n");
    let mut rest = escaped.as_str();
    while let Some(at) = rest.find("\\n") {
        out.push_str(&format!("\"{}\"\n", &rest[..at + 2]));
        rest = &rest[at + 2..];
    }
    if !rest.is_empty() {
        out.push_str(&format!("\"{rest}\"\n"));
    }
    out
}

fn po_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\{:03o}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

fn po_unescape(text: &str) -> Result<String, String> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some(d) if d.is_digit(8) => {
                let mut value = d.to_digit(8).unwrap_or(0);
                for _ in 0..2 {
                    match chars.peek().and_then(|c| c.to_digit(8)) {
                        Some(digit) => {
                            value = value * 8 + digit;
                            chars.next();
                        }
                        None => break,
                    }
                }
                out.push(char::from_u32(value).ok_or("bad octal escape")?);
            }
            other => return Err(format!("unknown escape `\\{}`", other.unwrap_or(' '))),
        }
    }
    Ok(out)
}

/// `msgctxt` → `msgstr` of every entry of a PO file.
fn read_po(text: &str) -> Result<HashMap<String, String>, String> {
    #[derive(PartialEq)]
    enum Field {
        None,
        Context,
        Id,
        Str,
    }
    let mut found = HashMap::new();
    let (mut context, mut id, mut translation) = (None::<String>, None::<String>, None::<String>);
    let mut field = Field::None;
    let mut finish = |context: &mut Option<String>,
                      id: &mut Option<String>,
                      translation: &mut Option<String>| {
        if let (Some(key), Some(_), Some(value)) = (context.take(), id.take(), translation.take()) {
            found.insert(key, value);
        }
        *id = None;
        *translation = None;
    };
    for (number, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let quoted = |rest: &str| -> Result<String, String> {
            let rest = rest.trim();
            let inner = rest
                .strip_prefix('"')
                .and_then(|r| r.strip_suffix('"'))
                .ok_or_else(|| format!("line {}: expected a quoted string", number + 1))?;
            po_unescape(inner).map_err(|e| format!("line {}: {e}", number + 1))
        };
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("msgctxt ") {
            finish(&mut context, &mut id, &mut translation);
            context = Some(quoted(rest)?);
            field = Field::Context;
        } else if let Some(rest) = line.strip_prefix("msgid ") {
            if field == Field::Str {
                finish(&mut context, &mut id, &mut translation);
            }
            id = Some(quoted(rest)?);
            field = Field::Id;
        } else if let Some(rest) = line.strip_prefix("msgstr ") {
            translation = Some(quoted(rest)?);
            field = Field::Str;
        } else if line.starts_with('"') {
            let more = quoted(line)?;
            let slot = match field {
                Field::Context => &mut context,
                Field::Id => &mut id,
                Field::Str => &mut translation,
                Field::None => {
                    return Err(format!("line {}: a string outside an entry", number + 1));
                }
            };
            slot.get_or_insert_with(String::new).push_str(&more);
        } else {
            return Err(format!("line {}: not PO: `{line}`", number + 1));
        }
    }
    finish(&mut context, &mut id, &mut translation);
    Ok(found)
}

// ---- XLIFF 2.0 ----

fn xliff(article: &Article, locale: &str, source_locale: &str, machine: bool) -> String {
    let path = &article.file.rel;
    let state = if machine { "translated" } else { "final" };
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
    for (number, entry) in entries(article).into_iter().enumerate() {
        out.push_str(&format!(
            "  <unit id=\"u{}\" name=\"{}\">\n",
            number + 1,
            xml_attribute(&entry.key)
        ));
        out.push_str(&format!(
            "   <notes><note category=\"location\">{}:{}</note><note category=\"translationtype\">{}</note></notes>\n",
            xml_text(path),
            entry.line,
            if machine { "MT" } else { "HT" }
        ));
        out.push_str(&format!(
            "   <segment state=\"{state}\"><source xml:space=\"preserve\">{}</source><target xml:space=\"preserve\">{}</target></segment>\n",
            xml_text(&entry.source),
            xml_text(&entry.target)
        ));
        out.push_str("  </unit>\n");
    }
    out.push_str(" </file>\n</xliff>\n");
    out
}

fn xml_attribute(text: &str) -> String {
    xml_text(text).replace('"', "&quot;")
}

/// Escaped XML text; characters XML cannot hold become XLIFF `<cp>`
/// elements, and `\r` a character reference (parsers turn a raw one into `\n`).
fn xml_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            c if (c as u32) < 0x20 || matches!(c as u32, 0xFFFE | 0xFFFF) => {
                out.push_str(&format!("<cp hex=\"{:04X}\"/>", c as u32));
            }
            c => out.push(c),
        }
    }
    out
}

/// Unit `name` (the segment key) → target text of every unit.
fn read_xliff(text: &str) -> Result<HashMap<String, String>, String> {
    let document = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let mut found = HashMap::new();
    for unit in document.descendants().filter(|n| n.has_tag_name("unit")) {
        let key = unit
            .attribute("name")
            .or_else(|| unit.attribute("id"))
            .ok_or("a unit without a name")?;
        let Some(target) = unit.descendants().find(|n| n.has_tag_name("target")) else {
            continue;
        };
        let mut value = String::new();
        for node in target.children() {
            if node.is_text() {
                value.push_str(node.text().unwrap_or_default());
            } else if node.has_tag_name("cp") {
                let code = node
                    .attribute("hex")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .and_then(char::from_u32)
                    .ok_or("a <cp> without a valid hex")?;
                value.push(code);
            } else {
                return Err(format!(
                    "unit `{key}`: inline element <{}> is not supported",
                    node.tag_name().name()
                ));
            }
        }
        found.insert(key.to_string(), value);
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::discover::ContentFile;

    const ARTICLE: &str = "---\ntitle: T\nms.contentlocale: fr-FR\nms.translationtype: MT\n---\n# <span data-ttu-id=\"abcde-101\">Titre \"cité\" \\ barre</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-101\">Title \"quoted\" \\ bar</span></span>\n\n<span data-ttu-id=\"abcde-102\">Ligne\r\nsuivante\tonglet & <b>gras</b> \u{b}</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Line\nnext</span></span> <span data-ttu-id=\"abcde-102\">Répété</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-102\">Repeated</span></span>\n";

    fn article() -> Article {
        crate::read::parse(
            ContentFile {
                abs: "fr-FR/a b.md".into(),
                rel: "fr-FR/a b.md".into(),
                local: "a b.md".into(),
                fragment: false,
            },
            ARTICLE.as_bytes().to_vec(),
        )
        .unwrap()
    }

    #[test]
    fn round_trips_are_byte_identical() {
        let article = article();
        for format in [Format::Po, Format::Xliff] {
            let exported = write(format, &article, "fr-FR", "en-US");
            let read = read(format, &exported).unwrap();
            assert_eq!(read.len(), 3, "{exported}");
            assert_eq!(read["abcde-102#2"], "Répété");
            assert_eq!(apply(&article, &read), ARTICLE, "{exported}");
            assert_eq!(
                article_of(format, &exported).as_deref(),
                Some("fr-FR/a b.md")
            );
        }
    }

    #[test]
    fn edits_change_only_targets() {
        let article = article();
        let mut exported = write(Format::Po, &article, "fr-FR", "en-US");
        exported = exported.replace("msgstr \"Répété\"", "msgstr \"Redit\"");
        let changed = apply(&article, &read(Format::Po, &exported).unwrap());
        assert_eq!(changed, ARTICLE.replace(">Répété<", ">Redit<"));
        let po = write(Format::Po, &article, "fr-FR", "en-US");
        assert!(
            po.contains("#. ms.translationtype: MT\n#: fr-FR/a%20b.md:6\nmsgctxt \"abcde-101\""),
            "{po}"
        );
        let xliff = write(Format::Xliff, &article, "fr-FR", "en-US");
        assert!(xliff.contains("<cp hex=\"000B\"/>") && xliff.contains("state=\"translated\""));
    }

    #[test]
    fn bad_files_are_errors() {
        assert!(read(Format::Po, "msgid \"a\nmsgstr \"b\"\n").is_err());
        assert!(read(Format::Po, "garbage\n").is_err());
        assert!(read(Format::Xliff, "<xliff><unit").is_err());
    }
}
