//! Markdown helpers every stage shares (below read, check and render): the
//! parser options helpc reads Markdown with, and Markdown as plain text
//! (titles, slugs, the words rules compare).

use pulldown_cmark::{Event, Options, Parser};

pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_GFM
        | Options::ENABLE_TASKLISTS
}

/// A heading id from its text: lower case, letters and digits of any
/// script kept, everything else folded into single hyphens.
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.is_empty()
            && !out.ends_with('-')
            && (c.is_whitespace() || c == '-' || c == '_')
        {
            out.push('-');
        }
    }
    let trimmed = out.trim_end_matches('-');
    if trimmed.is_empty() {
        "section".to_string()
    } else {
        trimmed.to_string()
    }
}

/// The text of an inline Markdown fragment, without its markup.
pub fn plain_text(fragment: &str) -> String {
    let mut text = String::new();
    for event in Parser::new_ext(fragment, options()) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    normalize_space(&text).replace('\n', " ")
}

/// A title (front matter, TOC name) as the text a reader sees: inline
/// Markdown rendered to text (`**-IgnoreLegalhold**` → `-IgnoreLegalhold`),
/// never read as a block (`1. Intro` stays `1. Intro`).
pub fn title_text(title: &str) -> String {
    let title = title.trim();
    let digits = title.bytes().take_while(u8::is_ascii_digit).count();
    let mut escaped = String::with_capacity(title.len() + 1);
    if digits > 0 && matches!(title.as_bytes().get(digits), Some(b'.' | b')')) {
        escaped.push_str(&title[..digits]);
        escaped.push('\\');
        escaped.push_str(&title[digits..]);
    } else if title.starts_with(['>', '|'])
        || title.starts_with("```")
        || title.starts_with("~~~")
        || (title.starts_with(['#', '-', '+', '*'])
            && title[1..].starts_with(|c: char| c.is_whitespace() || c == '#'))
    {
        escaped.push('\\');
        escaped.push_str(title);
    } else {
        escaped.push_str(title);
    }
    let text = plain_text(&escaped);
    if text.is_empty() {
        title.to_string()
    } else {
        text
    }
}

/// Each line's words joined by single spaces; blank lines dropped.
pub fn normalize_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_word(text, |word, new_line| {
        if !out.is_empty() {
            out.push(if new_line { '\n' } else { ' ' });
        }
        out.push_str(word);
    });
    out
}

/// Every word of `text` joined by single spaces (`split_whitespace` and
/// `join(" ")`, without the list of words).
pub fn collapse_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    each_word(text, |word, _| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    });
    out
}

/// Calls `f` with each run of characters that are not white space (as
/// `char::is_whitespace` has it), in order, and whether a line feed came
/// between it and the word before. ASCII is told apart byte by byte: only
/// other characters are decoded.
pub fn each_word<'t>(text: &'t str, mut f: impl FnMut(&'t str, bool)) {
    let bytes = text.as_bytes();
    let (mut start, mut new_line) = (None, false);
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let (white, width) = if byte.is_ascii() {
            (matches!(byte, b' ' | b'\t'..=b'\r'), 1)
        } else {
            text[at..]
                .chars()
                .next()
                .map_or((false, 1), |c| (c.is_whitespace(), c.len_utf8()))
        };
        if white {
            if let Some(from) = start.take() {
                f(&text[from..at], new_line);
                new_line = false;
            }
            new_line |= byte == b'\n';
        } else if start.is_none() {
            start = Some(at);
        }
        at += width;
    }
    if let Some(from) = start {
        f(&text[from..], new_line);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `normalize_space` was before it scanned bytes.
    fn by_lines(text: &str) -> String {
        text.lines()
            .map(|line| line.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|line| !line.is_empty())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn white_space_is_folded_as_split_whitespace_folds_it() {
        let cases = [
            "",
            "   ",
            "\n\n",
            "one",
            "  one  two\tthree \n\n four\r\nfive\rsix ",
            "mot\u{a0}insécable\u{3000}全角\u{2028}sep\u{85}nel\u{200b}zero-width",
            "\u{2003}\u{2003}\nlead\n\u{2003}\n",
            "é\n\nÉ  ü\u{1680}x",
            "\t\x0b\x0c\x1f\x7f",
        ];
        for text in cases {
            assert_eq!(normalize_space(text), by_lines(text), "{text:?}");
            assert_eq!(
                collapse_space(text),
                text.split_whitespace().collect::<Vec<_>>().join(" "),
                "{text:?}"
            );
        }
    }
}
