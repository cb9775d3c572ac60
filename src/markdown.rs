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
    for line in text.lines() {
        let words: Vec<&str> = line.split_whitespace().collect();
        if words.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(&words.join(" "));
    }
    out
}
