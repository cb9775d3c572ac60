//! gettext PO: the writer, and a reader that takes what gettext's own
//! tools and the CAT tools write: header fields wrapped over several
//! lines, entries in any order, CRLF line ends, a byte order mark, flags
//! and comments of every kind, obsolete (`#~`) entries.

use super::ParseError;
use super::{Entry, Exchange, State, Unit};
use crate::read::Article;

pub fn write(article: &Article, entries: &[Entry], locale: &str, machine: bool) -> String {
    let path = &article.file.rel;
    let mut out = String::new();
    out.push_str(&format!("# Segments of {path}, exported by helpc.\n"));
    out.push_str("msgid \"\"\nmsgstr \"\"\n");
    out.push_str(&format!(
        "\"Project-Id-Version: {}\\n\"\n",
        escape(&format!("helpc {}", env!("CARGO_PKG_VERSION")))
    ));
    // The article's own date: an export of the same content is the same file.
    out.push_str(&format!(
        "\"PO-Revision-Date: {}\\n\"\n",
        revision_date(article)
    ));
    out.push_str("\"Last-Translator: helpc export\\n\"\n");
    out.push_str(&format!("\"Language-Team: {}\\n\"\n", escape(locale)));
    out.push_str("\"MIME-Version: 1.0\\n\"\n");
    out.push_str("\"Content-Type: text/plain; charset=UTF-8\\n\"\n");
    out.push_str("\"Content-Transfer-Encoding: 8bit\\n\"\n");
    out.push_str(&format!("\"Language: {}\\n\"\n", escape(locale)));
    out.push_str(&format!("\"X-Helpc-Article: {}\\n\"\n", escape(path)));
    let kind = if machine { "MT" } else { "HT" };
    for entry in entries {
        out.push('\n');
        out.push_str(&format!("#. ms.translationtype: {kind}\n"));
        match entry.state {
            State::Untranslated => out.push_str("#. helpc: new segment, to translate\n"),
            State::Fuzzy => out.push_str("#. helpc: near match, review the translation\n"),
            State::Final => {}
        }
        // `#:` references may not hold spaces.
        out.push_str(&format!("#: {}:{}\n", path.replace(' ', "%20"), entry.line));
        // gettext wants msgid and msgstr to agree on a leading and a trailing
        // newline; a target that does not is flagged for review, as is.
        let edge = |text: &str| (text.starts_with('\n'), text.ends_with('\n'));
        let target = match entry.state {
            State::Untranslated => "",
            _ => entry.target.as_str(),
        };
        if entry.state == State::Fuzzy || !target.is_empty() && edge(&entry.source) != edge(target)
        {
            out.push_str("#, fuzzy\n");
        }
        out.push_str(&format!("msgctxt \"{}\"\n", escape(&entry.key)));
        out.push_str(&string("msgid", &entry.source));
        out.push_str(&string("msgstr", target));
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
fn string(keyword: &str, text: &str) -> String {
    let escaped = escape(text);
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

fn escape(text: &str) -> String {
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

/// The text of a C string literal's inside, escapes resolved.
fn unescape(text: &str) -> Result<String, ParseError> {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err(ParseError("an unescaped `\"` inside a string".to_string())),
            '\\' => {}
            c => {
                out.push(c);
                continue;
            }
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('a') => out.push('\u{7}'),
            Some('b') => out.push('\u{8}'),
            Some('f') => out.push('\u{c}'),
            Some('v') => out.push('\u{b}'),
            Some('\\') => out.push('\\'),
            Some('"') => out.push('"'),
            Some('\'') => out.push('\''),
            Some('?') => out.push('?'),
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
                out.push(
                    char::from_u32(value)
                        .ok_or_else(|| ParseError("a bad octal escape".to_string()))?,
                );
            }
            Some(other) => return Err(ParseError(format!("an unknown escape `\\{other}`"))),
            None => return Err(ParseError("a `\\` at the end of a string".to_string())),
        }
    }
    Ok(out)
}

/// One entry as written in the file.
#[derive(Default)]
struct Raw {
    context: Option<String>,
    id: Option<String>,
    plural: bool,
    strings: Vec<String>,
    fuzzy: bool,
    line: usize,
    /// A keyword was seen (the entry has begun).
    started: bool,
}

impl Raw {
    /// Takes the value of a keyword; `false` when the keyword is out of
    /// place (a second `msgid`, `msgstr[2]` before `msgstr[1]`…).
    fn take(&mut self, field: Field, value: String) -> bool {
        match field {
            Field::Context if self.context.is_none() && self.id.is_none() => {
                self.context = Some(value);
            }
            Field::Id if self.id.is_none() => self.id = Some(value),
            Field::Plural if self.id.is_some() && !self.plural => self.plural = true,
            Field::Str(n) if self.id.is_some() && n == self.strings.len() => {
                self.strings.push(value);
            }
            Field::None => {}
            _ => return false,
        }
        true
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    None,
    Context,
    Id,
    Plural,
    Str(usize),
}

/// Every entry of a PO file; the header's `X-Helpc-Article` names the article.
pub fn read(text: &str) -> Result<Exchange, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut raws: Vec<Raw> = Vec::new();
    let mut current = Raw::default();
    let mut field = Field::None;
    // Flags come before the keywords of the entry they belong to.
    let mut flags_fuzzy = false;
    let finish = |current: &mut Raw, raws: &mut Vec<Raw>| -> Result<(), ParseError> {
        let raw = std::mem::take(current);
        if !raw.started {
            return Ok(());
        }
        if raw.id.is_none() {
            return Err(ParseError(format!(
                "line {}: an entry without `msgid`",
                raw.line
            )));
        }
        if raw.strings.is_empty() {
            return Err(ParseError(format!(
                "line {}: an entry without `msgstr`",
                raw.line
            )));
        }
        raws.push(raw);
        Ok(())
    };
    for (index, line) in text.split('\n').enumerate() {
        let number = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        let in_str = matches!(field, Field::Str(_));
        if trimmed.is_empty() {
            continue;
        }
        if let Some(comment) = trimmed.strip_prefix('#') {
            if in_str {
                finish(&mut current, &mut raws)?;
                field = Field::None;
            }
            // `#~` (obsolete entries) and `#|` (previous strings) are not entries.
            if let Some(flags) = comment.strip_prefix(',')
                && flags.split(',').any(|f| f.trim() == "fuzzy")
            {
                flags_fuzzy = true;
            }
            continue;
        }
        let bad = |e: ParseError| ParseError(format!("line {number}: {e}"));
        if trimmed.starts_with('"') {
            let more = quoted(trimmed).map_err(bad)?;
            let slot = match field {
                Field::Context => current.context.as_mut(),
                Field::Id => current.id.as_mut(),
                Field::Plural => None,
                Field::Str(n) => current.strings.get_mut(n),
                Field::None => {
                    return Err(ParseError(format!(
                        "line {number}: a string outside an entry"
                    )));
                }
            };
            if let Some(slot) = slot {
                slot.push_str(&more);
            }
            continue;
        }
        let (keyword, rest) = trimmed
            .split_once([' ', '\t'])
            .ok_or_else(|| ParseError(format!("line {number}: not PO: `{}`", shorten(trimmed))))?;
        let value = quoted(rest.trim()).map_err(bad)?;
        let next = match keyword {
            "msgctxt" => Field::Context,
            "msgid" => Field::Id,
            "msgid_plural" => Field::Plural,
            "msgstr" => Field::Str(0),
            k => match k
                .strip_prefix("msgstr[")
                .and_then(|n| n.strip_suffix(']'))
                .and_then(|n| n.parse::<usize>().ok())
            {
                Some(n) => Field::Str(n),
                None => {
                    return Err(ParseError(format!(
                        "line {number}: not PO: `{}`",
                        shorten(trimmed)
                    )));
                }
            },
        };
        // A new entry starts at msgctxt or msgid after a msgstr.
        if in_str && matches!(next, Field::Context | Field::Id) {
            finish(&mut current, &mut raws)?;
        }
        if !current.started {
            current.started = true;
            current.line = number;
            current.fuzzy = std::mem::take(&mut flags_fuzzy);
        }
        if !current.take(next, value) {
            return Err(ParseError(format!(
                "line {number}: `{keyword}` out of place"
            )));
        }
        field = next;
    }
    finish(&mut current, &mut raws)?;
    Ok(exchange_of(raws))
}

/// The units of the entries, and the article the header names.
fn exchange_of(raws: Vec<Raw>) -> Exchange {
    let mut exchange = Exchange::default();
    for raw in raws {
        let id = raw.id.unwrap_or_default();
        if raw.context.is_none() && id.is_empty() {
            // The header: `Name: value` fields, one a line.
            let header = raw.strings.first().map_or("", String::as_str);
            if exchange.article.is_none() {
                exchange.article = header.split('\n').find_map(|field| {
                    let (name, value) = field.split_once(':')?;
                    (name.trim().eq_ignore_ascii_case("X-Helpc-Article"))
                        .then(|| value.trim().to_string())
                });
            }
            continue;
        }
        let target = raw.strings.first().cloned().unwrap_or_default();
        let state = if target.is_empty() {
            State::Untranslated
        } else if raw.fuzzy {
            State::Fuzzy
        } else {
            State::Final
        };
        exchange.units.push(Unit {
            key: raw.context,
            source: Some(id),
            target,
            state,
            line: raw.line,
            problem: raw
                .plural
                .then(|| "a plural entry: segments have no plural forms".to_string()),
        });
    }
    exchange
}

/// A `"…"` literal (and only that) unescaped.
fn quoted(text: &str) -> Result<String, ParseError> {
    let inner = text
        .strip_prefix('"')
        .and_then(|r| r.strip_suffix('"'))
        .filter(|_| text.len() >= 2)
        .ok_or_else(|| {
            ParseError(format!(
                "expected a quoted string, found `{}`",
                shorten(text)
            ))
        })?;
    unescape(inner)
}

fn shorten(text: &str) -> String {
    let mut out: String = text.chars().take(60).collect();
    if out.len() < text.len() {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_headers_crlf_bom_and_any_order_are_read() {
        let text = "\u{feff}# c\r\nmsgid \"\"\r\nmsgstr \"\"\r\n\"Language: fr\\n\"\r\n\"X-Helpc-Article: fr-FR/a \"\r\n\"b.md\\n\"\r\n\r\n#, fuzzy, c-format\r\nmsgctxt \"x-2\"\r\nmsgid \"B\"\r\nmsgstr \"\"\r\n\"b\"\r\n\r\nmsgctxt \"x-1\"\r\nmsgid \"A\"\r\nmsgstr \"\"\r\n\r\n#~ msgctxt \"x-9\"\r\n#~ msgid \"Z\"\r\n#~ msgstr \"z\"\r\n";
        let read = read(text).unwrap();
        assert_eq!(read.article.as_deref(), Some("fr-FR/a b.md"));
        assert_eq!(read.units.len(), 2);
        assert_eq!(read.units[0].key.as_deref(), Some("x-2"));
        assert_eq!(read.units[0].target, "b");
        assert_eq!(read.units[0].state, State::Fuzzy);
        assert_eq!(read.units[0].line, 9);
        assert_eq!(read.units[1].state, State::Untranslated);
    }

    #[test]
    fn broken_files_are_errors_with_a_line() {
        for (text, line) in [
            ("msgid \"a\nmsgstr \"b\"\n", "line 1"),
            ("garbage\n", "line 1"),
            ("msgid \"a\"\n", "line 1"),
            ("msgid \"a\"\nmsgstr \"b\\q\"\n", "line 2"),
            ("msgstr \"b\"\n", "line 1"),
            ("msgid \"a\"\nmsgid \"b\"\nmsgstr \"\"\n", "line 2"),
        ] {
            let error = read(text).unwrap_err();
            assert!(error.to_string().starts_with(line), "{text:?}: {error}");
        }
    }
}
