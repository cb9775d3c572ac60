//! What one side (TARGET or SOURCE) of a segment holds, read with
//! pulldown-cmark: links, images, inline code, emphasis, HTML tags, and the
//! plain text. A segment may cut through a construct (a link's `[` here,
//! its `](url)` in the next segment); such halves stay literal text, so
//! they are collected lexically from the text as fragments.

use pulldown_cmark::{Event, Parser, Tag};

use crate::markdown::options;

/// One HTML tag: lower-case name, and whether it closes or closes itself.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct HtmlTag {
    pub name: String,
    pub closing: bool,
    pub self_closing: bool,
    /// Not an element a browser shows (`<app>`, `<email address>`).
    pub pseudo: bool,
    /// Attributes that run code (`onerror=`, `javascript:` URLs).
    pub active: bool,
    /// The tag as written, `<` to `>`.
    pub text: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Facts {
    /// Destinations of links and images that parse.
    pub destinations: Vec<String>,
    /// `](url` halves: a link closed here whose `[` is elsewhere.
    pub closers: Vec<String>,
    /// `] (url`: a link closer broken by white space.
    pub spaced_closers: Vec<String>,
    /// `[` left as text: a link opened here and closed elsewhere.
    pub openers: usize,
    pub code: Vec<String>,
    /// Backticks left as text: a code span cut by the segment.
    pub loose_backticks: usize,
    pub strong: usize,
    pub emphasis: usize,
    /// `**` / `__` runs left as text.
    pub loose_strong: usize,
    pub tags: Vec<HtmlTag>,
    /// Text outside code, tags and link destinations; each break between
    /// text runs is a `\n`.
    pub text: String,
    /// The same without the text of links that parse, list numbers and
    /// breaks; `None` when that is `text` itself (most fragments).
    outside_links: Option<String>,
    /// Each outermost bold span: its bytes (`**` included) and its text.
    pub bold: Vec<(std::ops::Range<usize>, String)>,
}

/// Elements a browser renders (or that structure a page). Any other
/// `<word>` is a pseudo-tag: it vanishes from the page.
const HTML_ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "address",
    "area",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "body",
    "br",
    "button",
    "canvas",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "dialog",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "fieldset",
    "figcaption",
    "figure",
    "font",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "head",
    "header",
    "hr",
    "html",
    "i",
    "iframe",
    "img",
    "input",
    "ins",
    "kbd",
    "label",
    "legend",
    "li",
    "link",
    "main",
    "mark",
    "meta",
    "nav",
    "noscript",
    "object",
    "ol",
    "optgroup",
    "option",
    "output",
    "p",
    "param",
    "picture",
    "pre",
    "q",
    "rp",
    "rt",
    "ruby",
    "s",
    "samp",
    "script",
    "section",
    "select",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "style",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "template",
    "textarea",
    "tfoot",
    "th",
    "thead",
    "time",
    "title",
    "tr",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Elements that never have a closing tag.
pub const VOID_ELEMENTS: &[&str] = &[
    "area", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track",
    "wbr",
];

/// Most sentences hold no Markdown or HTML at all: their text is the
/// fragment itself, without parsing it.
fn is_plain(fragment: &str) -> bool {
    /// The bytes that may start Markdown or HTML: all ASCII, so no byte of
    /// a longer UTF-8 character is one of them. A table, not a search for
    /// each of 14 characters in turn: every segment is looked at this way.
    const MARKUP: [bool; 256] = {
        let mut table = [false; 256];
        let bytes = b"[]`*_<>\\&!|#\n~";
        let mut i = 0;
        while i < bytes.len() {
            table[bytes[i] as usize] = true;
            i += 1;
        }
        table
    };
    !fragment.bytes().any(|b| MARKUP[usize::from(b)])
}

/// `analyze(fragment).text`, borrowed when the fragment is plain text.
pub fn text_of(fragment: &str) -> std::borrow::Cow<'_, str> {
    if is_plain(fragment) {
        std::borrow::Cow::Borrowed(fragment)
    } else {
        std::borrow::Cow::Owned(analyze(fragment).text)
    }
}

/// What the quality rules made of an article's targets with markup, by
/// segment index: the consistency facts of the same article read them
/// rather than parse each target again. Plain targets are not kept (their
/// text is themselves).
#[derive(Debug, Default)]
pub struct TargetFacts(Vec<Option<Facts>>);

impl TargetFacts {
    pub fn keep(&mut self, index: usize, target: &str, facts: Facts) {
        if is_plain(target) {
            return;
        }
        if self.0.len() <= index {
            self.0.resize_with(index + 1, || None);
        }
        self.0[index] = Some(facts);
    }

    /// What was kept of segment `index`'s target, if it has markup.
    pub fn get(&self, index: usize) -> Option<&Facts> {
        self.0.get(index)?.as_ref()
    }
}

impl Facts {
    /// [`Facts::text`] without the text of links that parse.
    pub fn text_outside_links(&self) -> &str {
        self.outside_links.as_deref().unwrap_or(&self.text)
    }
}

/// The text outside links, from here on apart from `text`: copied from it
/// the first time the two differ.
fn outside_links<'f>(outside: &'f mut Option<String>, text: &str) -> &'f mut String {
    outside.get_or_insert_with(|| text.to_string())
}

pub fn analyze(fragment: &str) -> Facts {
    if is_plain(fragment) {
        return Facts {
            text: fragment.to_string(),
            ..Facts::default()
        };
    }
    // The text is at most the fragment (and a few breaks): reserved once,
    // not grown event by event.
    let mut facts = Facts {
        text: String::with_capacity(fragment.len() + 8),
        ..Facts::default()
    };
    let mut in_text = false;
    let mut link_depth = 0usize;
    // The outermost bold span being read, and how deep bold nests here.
    let mut bold: Option<(std::ops::Range<usize>, String)> = None;
    let mut bold_depth = 0usize;
    for (event, range) in Parser::new_ext(fragment, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::Strong) => {
                if bold_depth == 0 {
                    bold = Some((range.clone(), String::new()));
                }
                bold_depth += 1;
            }
            Event::End(pulldown_cmark::TagEnd::Strong) => {
                bold_depth = bold_depth.saturating_sub(1);
                if bold_depth == 0
                    && let Some(span) = bold.take()
                {
                    facts.bold.push(span);
                }
            }
            Event::Text(text) | Event::Code(text) => {
                if let Some((_, label)) = bold.as_mut() {
                    label.push_str(text);
                }
            }
            Event::SoftBreak | Event::HardBreak => {
                if let Some((_, label)) = bold.as_mut() {
                    label.push(' ');
                }
            }
            _ => {}
        }
        let text_event = matches!(event, Event::Text(_));
        if !text_event && in_text {
            facts.text.push('\n');
            if let Some(outside) = facts.outside_links.as_mut() {
                outside.push('\n');
            }
        }
        in_text = text_event;
        match event {
            Event::Text(text) => {
                facts.loose_strong += loose_runs(fragment, range);
                if link_depth > 0 {
                    outside_links(&mut facts.outside_links, &facts.text);
                } else if let Some(outside) = facts.outside_links.as_mut() {
                    outside.push_str(&text);
                }
                facts.text.push_str(&text);
            }
            Event::End(pulldown_cmark::TagEnd::Link) => link_depth = link_depth.saturating_sub(1),
            Event::Code(code) => facts.code.push(code.trim().to_string()),
            Event::Start(Tag::Link { dest_url, .. }) => {
                link_depth += 1;
                facts.destinations.push(dest_url.trim().to_string());
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                facts.destinations.push(dest_url.trim().to_string());
            }
            // A list's number is Markdown structure, but to the reader
            // it is text: "6.Click" and "6. Cliquez" both hold a 6.
            Event::Start(Tag::List(Some(first))) => {
                outside_links(&mut facts.outside_links, &facts.text);
                facts.text.push_str(&format!("{first}. "));
            }
            Event::Start(Tag::Strong) => facts.strong += 1,
            Event::Start(Tag::Emphasis) => facts.emphasis += 1,
            Event::Html(html) | Event::InlineHtml(html) => facts.tags.extend(tags_in(&html)),
            Event::SoftBreak | Event::HardBreak => {
                outside_links(&mut facts.outside_links, &facts.text);
                facts.text.push(' ');
            }
            _ => {}
        }
    }
    scan_text_fragments(&mut facts);
    facts
}

/// `**` / `__` runs a text event of `fragment` shows as written; escaped
/// asterisks (`\*\*`) are the reader's text, not a broken marker.
fn loose_runs(fragment: &str, range: std::ops::Range<usize>) -> usize {
    let bytes = fragment.as_bytes();
    // Most text has neither marker.
    let end = range.end.min(bytes.len());
    if memchr::memchr2(b'*', b'_', bytes.get(range.start..end).unwrap_or_default()).is_none() {
        return 0;
    }
    let mut count = 0;
    let mut i = range.start;
    while i + 1 < range.end.min(bytes.len()) {
        let c = bytes[i];
        if (c == b'*' || c == b'_') && bytes[i + 1] == c && (i == 0 || bytes[i - 1] != b'\\') {
            count += 1;
            i += 2;
        } else {
            i += 1;
        }
    }
    count
}

/// Link halves and loose backticks in the text.
fn scan_text_fragments(facts: &mut Facts) {
    let text = facts.text.as_str();
    let bytes = text.as_bytes();
    let mut closers = Vec::new();
    let mut spaced = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'[' => facts.openers += 1,
            b'`' => facts.loose_backticks += 1,
            b']' => {
                let after = &text[i + 1..];
                let gap = after.len() - after.trim_start_matches([' ', '\t']).len();
                if after[gap..].starts_with('(') {
                    let destination = destination_at(&after[gap + 1..]);
                    // `[UI label] (explanation)`, `[label]\(note\)`: a
                    // bracketed word, not a link half.
                    if !looks_like_destination(&destination) {
                        i += 1;
                        continue;
                    }
                    if gap == 0 {
                        closers.push(destination);
                    } else {
                        spaced.push(destination);
                    }
                }
            }
            _ => {}
        }
        // The next `[`, `` ` `` or `]` (most texts have none).
        i = memchr::memchr3(b'[', b'`', b']', &bytes[i + 1..]).map_or(bytes.len(), |at| i + 1 + at);
    }
    facts.closers = closers;
    facts.spaced_closers = spaced;
}

/// URLs, paths and anchors; not words.
fn looks_like_destination(text: &str) -> bool {
    !text.is_empty() && !text.contains(char::is_whitespace) && text.contains(['/', '.', '#', ':'])
}

/// The destination after `(`: up to the matching `)`, white space or the
/// end, without the sentence's punctuation after a link the segment cut.
fn destination_at(rest: &str) -> String {
    let destination = destination_text(rest);
    destination.trim_end_matches(['.', ',', ';']).to_string()
}

fn destination_text(rest: &str) -> String {
    let rest = rest.trim_start();
    let mut depth = 0usize;
    for (i, c) in rest.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return rest[..i].to_string(),
            ')' => depth -= 1,
            c if c.is_whitespace() || c == '\n' => return rest[..i].to_string(),
            _ => {}
        }
    }
    rest.to_string()
}

/// Every tag in a piece of raw HTML.
pub fn tags_in(html: &str) -> Vec<HtmlTag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        if rest.starts_with("!--") {
            rest = rest.find("-->").map_or("", |end| &rest[end + 3..]);
            continue;
        }
        let end = rest.find('>').unwrap_or(rest.len());
        let inside = &rest[..end];
        let text = format!("<{inside}>");
        rest = &rest[end.min(rest.len())..];
        let closing = inside.starts_with('/');
        let body = inside.trim_start_matches('/');
        let name: String = body
            .chars()
            .take_while(|c| c.is_alphanumeric() || *c == '-' || *c == '_' || *c == ':' || *c == '.')
            .collect::<String>()
            .to_lowercase();
        if name.is_empty() || name.starts_with('!') {
            continue;
        }
        let attributes = &body[name.len().min(body.len())..];
        let active = attributes_of(attributes).iter().any(|(key, value)| {
            let value = value.trim_start().to_ascii_lowercase();
            key.starts_with("on")
                || ["javascript:", "vbscript:", "data:text/html"]
                    .iter()
                    .any(|scheme| value.starts_with(scheme))
        });
        tags.push(HtmlTag {
            pseudo: !HTML_ELEMENTS.contains(&name.as_str()),
            self_closing: inside.trim_end().ends_with('/')
                || VOID_ELEMENTS.contains(&name.as_str()),
            closing,
            name,
            active,
            text,
        });
    }
    tags
}

/// `(name, value)` pairs of a tag's attribute text, names in lower case.
fn attributes_of(text: &str) -> Vec<(String, String)> {
    let mut pairs = Vec::new();
    let mut rest = text;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
        if rest.is_empty() {
            return pairs;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '/' || c == '>')
            .unwrap_or(rest.len());
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let mut value = String::new();
        if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            let (found, remaining) = match after.chars().next() {
                Some(quote @ ('"' | '\'')) => {
                    let inner = &after[1..];
                    let end = inner.find(quote).unwrap_or(inner.len());
                    (&inner[..end], inner.get(end + 1..).unwrap_or(""))
                }
                _ => {
                    let end = after.find(char::is_whitespace).unwrap_or(after.len());
                    (&after[..end], &after[end..])
                }
            };
            value = found.to_string();
            rest = remaining;
        }
        if name.is_empty() {
            // A stray `=` or quote: skip one character so the loop ends.
            rest = rest.get(1..).unwrap_or("");
            continue;
        }
        pairs.push((name, value));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_code_emphasis_and_text() {
        let facts =
            analyze("Voir [le **guide**](https://a.b/c) et `cmd --x` puis *ici* ![i](m/x.png).");
        assert_eq!(facts.destinations, ["https://a.b/c", "m/x.png"]);
        assert_eq!(facts.code, ["cmd --x"]);
        assert_eq!((facts.strong, facts.emphasis), (1, 1));
        assert!(facts.closers.is_empty() && facts.spaced_closers.is_empty() && facts.openers == 0);
        assert!(facts.text.contains("Voir "));
        assert!(!facts.text.contains("https://a.b/c"));
    }

    #[test]
    fn plain_means_none_of_the_markup_characters() {
        let markup = [
            '[', ']', '`', '*', '_', '<', '>', '\\', '&', '!', '|', '#', '\n', '~',
        ];
        for text in [
            "Wait 24 hours, then try again.",
            "Vérifiez l’enregistrement « SPF » : 50 000 $ (30 %)",
            "ファイルを保存します。",
            "",
        ] {
            assert!(is_plain(text), "{text}");
            for c in markup {
                for at in [0, text.len()] {
                    let mut marked = text.to_string();
                    marked.insert(at, c);
                    assert!(!is_plain(&marked), "{marked:?}");
                }
            }
        }
        // Characters whose UTF-8 bytes are all above ASCII never count.
        assert!(is_plain("ʼ‘’“”«»—․ ＊［］"));
    }

    #[test]
    fn plain_sentences_skip_the_parser_with_the_same_facts() {
        for plain in [
            "Wait 24 hours, then try again.",
            "1. Select Save.",
            "{0} files: 50 000 $ (30%)",
        ] {
            let fast = analyze(plain);
            let mut parsed = Facts::default();
            // The same fragment through the parser, forced by a trailing `*` run of none.
            let slow = analyze(&format!("{plain}\\*"));
            parsed.text = slow.text.trim_end_matches('*').to_string();
            assert_eq!(fast.destinations, slow.destinations);
            assert_eq!(fast.code, slow.code);
            assert_eq!((fast.strong, fast.emphasis), (slow.strong, slow.emphasis));
            assert!(fast.tags.is_empty() && slow.tags.is_empty());
            let numbers = |f: &str| {
                crate::check::numbers::numbers(f)
                    .into_iter()
                    .map(|n| n.readings)
                    .collect::<Vec<_>>()
            };
            assert_eq!(numbers(&fast.text), numbers(&parsed.text), "{plain}");
        }
    }

    #[test]
    fn text_outside_links_leaves_out_link_text_list_numbers_and_breaks() {
        let cases = [
            (
                "Voir **la page** ici.",
                "Voir \nla page\n ici.\n",
                "Voir \nla page\n ici.\n",
            ),
            (
                "Voir [la page](https://x.com) ici.",
                "Voir \nla page\n ici.\n",
                "Voir \n\n ici.\n",
            ),
            (
                "3. Ouvrez `a` puis [b](c).",
                "3. Ouvrez \n puis \nb\n.\n",
                "Ouvrez \n puis \n\n.\n",
            ),
            ("un  \ndeux", "un\n deux\n", "un\ndeux\n"),
        ];
        for (fragment, text, outside) in cases {
            let facts = analyze(fragment);
            assert_eq!(facts.text, text, "{fragment:?}");
            assert_eq!(facts.text_outside_links(), outside, "{fragment:?}");
        }
    }

    #[test]
    fn halves_of_links_cut_by_segments() {
        let opener = analyze("[**Paramètres**");
        assert_eq!((opener.openers, opener.strong), (1, 1));
        let closer = analyze("**Stockage**](https://x/y), ou");
        assert_eq!(closer.closers, ["https://x/y"]);
        let broken = analyze("**Stockage**] ( https://x/y) ou");
        assert_eq!(broken.spaced_closers, ["https://x/y"]);
        assert!(analyze("[From a USB device]\\(USB\\)").closers.is_empty());
        assert_eq!(
            analyze("[here](https://x/ff(v=1).").closers,
            ["https://x/ff(v=1)"]
        );
        let cut_destination = analyze("[Importer] (https://support.x/a-b");
        assert_eq!(cut_destination.spaced_closers, ["https://support.x/a-b"]);
        assert_eq!(cut_destination.openers, 1);
    }

    #[test]
    fn html_tags_and_pseudo_tags() {
        let facts =
            analyze("a <b>gras</b> <br/> <app> <img src=x onerror=\"y\"> <!-- c --> </span>");
        let names: Vec<_> = facts
            .tags
            .iter()
            .map(|t| {
                (
                    t.name.as_str(),
                    t.closing,
                    t.self_closing,
                    t.pseudo,
                    t.active,
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                ("b", false, false, false, false),
                ("b", true, false, false, false),
                ("br", false, true, false, false),
                ("app", false, false, true, false),
                ("img", false, true, false, true),
                ("span", true, false, false, false),
            ]
        );
        assert!(tags_in("<a href=\"JavaScript:x\">")[0].active);
        assert!(!tags_in("<a href=\"https://x/onion=1\">")[0].active);
        assert!(!tags_in("<abbr title=\"one=two\">")[0].active);
        assert!(tags_in("<div\nONMOUSEOVER = 'x'>")[0].active);
    }

    #[test]
    fn escaped_angle_brackets_are_text() {
        let facts = analyze("Entrez \\<CustomDomain\\> ici");
        assert!(facts.tags.is_empty());
        assert!(facts.text.contains("<CustomDomain>"));
    }
}
