//! Markdown to HTML with pulldown-cmark, plus what help pages need on top:
//! DocFX heading anchors as stable heading ids, alerts as labelled callouts,
//! `.md` links pointing at the built pages, and the plain text for search.

use super::postprocess::video_slot;
pub use super::postprocess::{ensure_alt, name_empty_links, restore_embeds};
use crate::markdown::normalize_space;
pub use crate::markdown::{options, plain_text, slug, title_text};
use foldhash::HashSet;

use pulldown_cmark::{BlockQuoteKind, CowStr, Event, HeadingLevel, Parser, Tag, TagEnd};
use serde::Serialize;

use crate::url::Use;

/// Localized alert titles.
#[derive(Clone, Debug, Default)]
pub struct AlertLabels {
    pub note: String,
    pub tip: String,
    pub important: String,
    pub caution: String,
    pub warning: String,
    /// The name of an embedded video.
    pub video: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Heading {
    pub level: u8,
    pub id: String,
    pub text: String,
}

/// A rendered body, before sanitising.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    pub html: String,
    pub text: String,
    pub headings: Vec<Heading>,
    /// The HTML holds raw HTML from the content, or a link whose scheme is
    /// not plainly safe: it must go through the sanitiser. Without either,
    /// pulldown-cmark's output is escaped and balanced by construction.
    pub needs_sanitizing: bool,
    /// The `[!VIDEO]` players of the page, put in place of their slots by
    /// [`restore_embeds`] once the HTML is sanitised.
    pub videos: Vec<String>,
}

pub fn render(markdown: &str, labels: &AlertLabels) -> Body {
    render_with(markdown, labels, None, &Links::default())
}

/// How the links of one article are written on its page.
#[derive(Clone, Copy, Debug, Default)]
pub struct Links<'a> {
    /// The article's path relative to CONTENT: relative links resolve
    /// from its folder.
    pub from: &'a str,
    /// Every file of the content. A relative link or image that leads to
    /// none of them is rendered as its text, not as a dead reference
    /// (`link-target-missing` reports it). `None`: links are kept.
    pub files: Option<&'a crate::discover::FileSet>,
    /// Where root-relative links lead (`https://learn.example.com`).
    pub root: Option<&'a str>,
}

enum LinkFate<'u> {
    Keep(CowStr<'u>),
    /// The target is not in the content.
    Missing,
}

impl Links<'_> {
    fn fate<'u>(&self, dest: CowStr<'u>) -> LinkFate<'u> {
        use crate::read::docfx::{Resolved, is_relative_path, resolve};
        if let Some(files) = self.files
            && is_relative_path(&dest)
        {
            return match resolve(self.from, &dest) {
                Resolved::Inside(target) if files.contains(&target) => {
                    LinkFate::Keep(page_link(dest))
                }
                // `.md` links may leave the extension out, as `link-target-missing` allows.
                Resolved::Inside(target) if files.contains(&format!("{target}.md")) => {
                    let split = dest.find(['?', '#']).unwrap_or(dest.len());
                    let (path, rest) = dest.split_at(split);
                    LinkFate::Keep(CowStr::from(format!("{path}.html{rest}")))
                }
                _ => LinkFate::Missing,
            };
        }
        // A root-relative link with no `link-root` is kept only when it
        // names a file of the content (`link-root-missing` reports the rest).
        if self.root.is_none()
            && let Some(files) = self.files
            && crate::check::links::is_root_relative(&dest)
            && !crate::check::links::resolves_from_root(self.from, &dest, files)
        {
            return LinkFate::Missing;
        }
        match self.root {
            Some(root) if dest.starts_with('/') && !dest.starts_with("//") => {
                let split = dest.find(['?', '#']).unwrap_or(dest.len());
                let (path, rest) = dest.split_at(split);
                let path = strip_md(path).unwrap_or(path);
                LinkFate::Keep(CowStr::from(format!("{root}{path}{rest}")))
            }
            _ => LinkFate::Keep(page_link(dest)),
        }
    }
}

/// `path` without a `.md` extension (any case), if it has one.
fn strip_md(path: &str) -> Option<&str> {
    let stem = path.len().checked_sub(3)?;
    (path.is_char_boundary(stem) && path[stem..].eq_ignore_ascii_case(".md")).then(|| &path[..stem])
}

/// Where each segment's text lies in a document, for bilingual pages.
pub struct SegmentMap<'a> {
    /// Runs of the document: (start, end, segment index) for segment text.
    pub runs: Vec<(usize, usize, usize)>,
    /// Per segment index: its id and its source as plain text.
    pub segments: &'a [(String, String)],
}

/// Renders `markdown`; with `segments`, every run of segment text is
/// wrapped in a `<span class="seg">` carrying its English source. A
/// wrapper never crosses an element boundary: it is closed before any tag
/// and opened again after, so a segment cut through a link gives
/// well-formed HTML.
pub fn render_with(
    markdown: &str,
    labels: &AlertLabels,
    segments: Option<&SegmentMap>,
    links: &Links,
) -> Body {
    let mut state = Renderer {
        labels,
        links,
        dropped: Vec::new(),
        ids: HashSet::default(),
        body: Body::default(),
        heading: None,
        quote: None,
        replaying: false,
        events: Vec::new(),
    };
    match segments {
        None => {
            for event in Parser::new_ext(markdown, options()) {
                state.event(event);
            }
        }
        Some(map) => {
            let mut wrapper = Wrapper::new(map);
            for (event, range) in Parser::new_ext(markdown, options()).into_offset_iter() {
                for event in wrapper.wrap(event, range) {
                    state.event(event);
                }
            }
            if let Some(close) = wrapper.close() {
                state.event(close);
            }
        }
    }
    let mut html = String::with_capacity(markdown.len() * 5 / 4);
    pulldown_cmark::html::push_html(&mut html, state.events.into_iter());
    state.body.html = html;
    state.body.text = normalize_space(&state.body.text);
    state.body
}

/// Wraps segment text in `<span class="seg">`, closing the wrapper at
/// every other event.
struct Wrapper<'m, 'a> {
    map: &'m SegmentMap<'a>,
    open: Option<usize>,
    opened: HashSet<usize>,
    /// Inside an image: its text is the `alt` attribute, where markup
    /// would show as text.
    images: usize,
}

impl<'m, 'a> Wrapper<'m, 'a> {
    fn new(map: &'m SegmentMap<'a>) -> Self {
        Wrapper {
            map,
            open: None,
            opened: HashSet::default(),
            images: 0,
        }
    }

    fn close(&mut self) -> Option<Event<'static>> {
        self.open
            .take()
            .map(|_| Event::InlineHtml(CowStr::Borrowed("</span>")))
    }

    fn opening(&mut self, segment: usize) -> Event<'static> {
        self.open = Some(segment);
        let (id, source) = &self.map.segments[segment];
        let html = if self.opened.insert(segment) {
            format!(
                "<span class=\"seg\" data-seg=\"{}\" tabindex=\"0\" aria-describedby=\"src-{}\" data-source=\"{}\">",
                escape(id),
                escape(id),
                escape(source)
            )
        } else {
            format!("<span class=\"seg\" data-seg=\"{}\">", escape(id))
        };
        Event::InlineHtml(CowStr::from(html))
    }

    /// The segment of document offset `at`, with the end of its run.
    fn segment_at(&self, at: usize) -> (Option<usize>, usize) {
        let runs = &self.map.runs;
        let index = runs.partition_point(|r| r.1 <= at);
        match runs.get(index) {
            Some(&(start, end, segment)) if start <= at => (Some(segment), end),
            Some(&(start, _, _)) => (None, start),
            None => (None, usize::MAX),
        }
    }

    fn wrap<'e>(&mut self, event: Event<'e>, range: std::ops::Range<usize>) -> Vec<Event<'e>> {
        let mut out = Vec::new();
        match event {
            Event::Start(Tag::Image { .. }) => {
                out.extend(self.close());
                self.images += 1;
                out.push(event);
            }
            Event::End(TagEnd::Image) => {
                self.images = self.images.saturating_sub(1);
                out.push(event);
            }
            _ if self.images > 0 => out.push(event),
            Event::Text(text) => {
                // A text event may run across segment boundaries: split it.
                let mut at = range.start;
                let mut rest: &str = &text;
                let literal = range.len() == text.len();
                while !rest.is_empty() {
                    let (segment, run_end) = self.segment_at(at);
                    let take = if literal {
                        (run_end.saturating_sub(at)).min(rest.len())
                    } else {
                        rest.len()
                    };
                    let take = if take == 0 { rest.len() } else { take };
                    let take = crate::source::floor_char_boundary(rest, take)
                        .max(rest.chars().next().map_or(0, char::len_utf8));
                    let (piece, tail) = rest.split_at(take.min(rest.len()));
                    if self.open != segment {
                        out.extend(self.close());
                        if let Some(segment) = segment {
                            out.push(self.opening(segment));
                        }
                    }
                    out.push(Event::Text(CowStr::from(piece.to_string())));
                    rest = tail;
                    at += piece.len();
                }
            }
            Event::Code(_) => {
                let (segment, _) = self.segment_at(range.start);
                if self.open != segment {
                    out.extend(self.close());
                    if let Some(segment) = segment {
                        out.push(self.opening(segment));
                    }
                }
                out.push(event);
            }
            Event::SoftBreak | Event::HardBreak => out.push(event),
            other => {
                out.extend(self.close());
                out.push(other);
            }
        }
        out
    }
}

struct Renderer<'l, 'a> {
    labels: &'l AlertLabels,
    links: &'l Links<'l>,
    /// Per open link or image: whether it was replaced by its text.
    dropped: Vec<bool>,
    ids: HashSet<String>,
    body: Body,
    /// Events of the heading being read, with its level.
    heading: Option<(HeadingLevel, Vec<Event<'a>>)>,
    /// The quote block being read (its nesting depth inside it, and its
    /// events), to see whether it starts with a DocFX marker.
    quote: Option<(usize, Vec<Event<'a>>)>,
    /// Replaying a quote's events: quotes inside it are not read again
    /// (deep nesting must not recurse).
    replaying: bool,
    events: Vec<Event<'a>>,
}

/// A quote block's first line as text, and what to take out of its
/// events to drop it: `Some` only when the line is plain text.
fn first_line(events: &[Event<'_>]) -> Option<(String, usize, bool)> {
    if !matches!(events.first(), Some(Event::Start(Tag::Paragraph))) {
        return None;
    }
    let mut text = String::new();
    for (index, event) in events.iter().enumerate().skip(1) {
        match event {
            Event::Text(t) => text.push_str(t),
            // Bilingual pages: segment wrappers.
            Event::InlineHtml(html)
                if html.starts_with("<span class=\"seg\"") || html.as_ref() == "</span>" => {}
            Event::SoftBreak | Event::HardBreak => return Some((text, index, true)),
            Event::End(TagEnd::Paragraph) => return Some((text, index, false)),
            _ => return None,
        }
    }
    None
}

impl<'a> Renderer<'_, 'a> {
    fn event(&mut self, event: Event<'a>) {
        if let Some((depth, buffer)) = &mut self.quote {
            match &event {
                Event::Start(Tag::BlockQuote(_)) => *depth += 1,
                Event::End(TagEnd::BlockQuote(_)) if *depth == 0 => {
                    let buffer = std::mem::take(buffer);
                    self.quote = None;
                    self.finish_quote(buffer);
                    return;
                }
                Event::End(TagEnd::BlockQuote(_)) => *depth -= 1,
                _ => {}
            }
            buffer.push(event);
            return;
        }
        if matches!(event, Event::Start(Tag::BlockQuote(None)))
            && self.heading.is_none()
            && !self.replaying
        {
            self.quote = Some((0, Vec::new()));
            return;
        }
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                self.heading = Some((level, Vec::new()));
            }
            Event::End(TagEnd::Heading(_)) => {
                if let Some((level, inner)) = self.heading.take() {
                    self.finish_heading(level, inner);
                }
            }
            Event::Start(Tag::BlockQuote(Some(kind))) => {
                let (class, label) = self.alert(kind);
                self.push(Event::Html(CowStr::from(format!(
                    "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                    escape(label)
                ))));
            }
            Event::End(TagEnd::BlockQuote(Some(_))) => {
                self.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) => self.reference(dest_url, Use::Link, |dest_url| Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => self.reference(dest_url, Use::Image, |dest_url| Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }),
            Event::End(end @ (TagEnd::Link | TagEnd::Image)) => {
                if self.dropped.pop().unwrap_or(false) {
                    self.push(Event::InlineHtml(CowStr::Borrowed("</span>")));
                } else {
                    self.push(Event::End(end));
                }
            }
            Event::Html(_) | Event::InlineHtml(_) if self.heading.is_none() => {
                self.body.needs_sanitizing = true;
                self.push(event);
            }
            // Heading text is added to the plain text when the heading ends.
            Event::Text(ref text) | Event::Code(ref text) if self.heading.is_none() => {
                self.body.text.push_str(text);
                self.push(event);
            }
            Event::SoftBreak | Event::HardBreak if self.heading.is_none() => {
                self.body.text.push(' ');
                self.push(event);
            }
            // Tables scroll sideways in a box of their own (helpc.css).
            Event::Start(Tag::Table(_)) if self.heading.is_none() => {
                self.push(Event::Html(CowStr::Borrowed(
                    "<div class=\"table-scroll\">\n",
                )));
                self.push(event);
            }
            Event::End(TagEnd::Table) if self.heading.is_none() => {
                self.push(event);
                self.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Event::End(TagEnd::TableCell) => {
                self.body.text.push(' ');
                self.push(event);
            }
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::CodeBlock
                | TagEnd::TableHead
                | TagEnd::TableRow,
            ) => {
                self.body.text.push('\n');
                self.push(event);
            }
            other => self.push(other),
        }
    }

    /// A link or image: kept (rewritten where it points at a page), or,
    /// when its target is not in the content, replaced by a `<span>` of
    /// class `missing-link`/`missing-media` around its text. A URL the
    /// policy refuses (`javascript:`…) is never written: its text stays,
    /// in a `<span class="unsafe-link">` (`markup-unsafe` reports it).
    fn reference(
        &mut self,
        dest_url: CowStr<'a>,
        usage: Use,
        tag: impl FnOnce(CowStr<'a>) -> Tag<'a>,
    ) {
        let missing = match usage {
            Use::Link => "missing-link",
            Use::Image => "missing-media",
        };
        let class = match self.links.fate(dest_url) {
            LinkFate::Keep(dest_url) => match crate::url::check(&dest_url, usage) {
                Ok(written) => {
                    let dest_url = if written == *dest_url {
                        dest_url
                    } else {
                        CowStr::from(written)
                    };
                    self.dropped.push(false);
                    self.push(Event::Start(tag(dest_url)));
                    return;
                }
                Err(_) => "unsafe-link",
            },
            LinkFate::Missing => missing,
        };
        self.dropped.push(true);
        self.push(Event::InlineHtml(CowStr::from(format!(
            "<span class=\"{class}\">"
        ))));
    }

    fn push(&mut self, event: Event<'a>) {
        match &mut self.heading {
            Some((_, inner)) => inner.push(event),
            None => self.events.push(event),
        }
    }

    /// A quote block: a DocFX video, div or alert when its first line is
    /// a marker (the marker itself is never shown), else a quote.
    fn finish_quote(&mut self, events: Vec<Event<'a>>) {
        self.replaying = true;
        self.quote_events(events);
        self.replaying = false;
    }

    fn quote_events(&mut self, mut events: Vec<Event<'a>>) {
        use super::docfx::{Marker, marker, video_html};
        let found = first_line(&events);
        let Some((line, end, continues)) = found else {
            return self.replay_quote(events);
        };
        enum Open {
            Video(String),
            Div,
            Alert(&'static str, String),
        }
        let open = match marker(&line) {
            None => return self.replay_quote(events),
            Some(Marker::Video(url)) => Open::Video(video_html(url, &self.labels.video)),
            Some(Marker::Div) => Open::Div,
            Some(Marker::Alert { written, kind }) => match kind {
                Some(kind) => {
                    let (class, label) = self.alert(kind);
                    Open::Alert(class, label.to_string())
                }
                None => Open::Alert("note", written.to_string()),
            },
        };
        // Take the marker line out; a segment wrapper it opened stays open.
        let unclosed = events[1..end]
            .iter()
            .rev()
            .find(|e| matches!(e, Event::InlineHtml(h) if h.starts_with("<span") || h.as_ref() == "</span>"))
            .filter(|e| matches!(e, Event::InlineHtml(h) if h.starts_with("<span")))
            .cloned();
        if continues {
            events.drain(1..=end);
            if let Some(wrapper) = unclosed {
                events.insert(1, wrapper);
            }
        } else {
            events.drain(0..=end);
        }
        match open {
            Open::Video(html) => {
                let rest = !events.is_empty();
                if html.contains("<iframe") {
                    self.push(Event::Html(CowStr::from(format!(
                        "{}\n",
                        video_slot(self.body.videos.len())
                    ))));
                    self.body.videos.push(html);
                } else {
                    self.push(Event::Html(CowStr::from(html)));
                }
                if rest {
                    self.replay_quote(events);
                }
            }
            Open::Div => {
                self.push(Event::Html(CowStr::Borrowed("<div class=\"docfx-div\">\n")));
                for event in events {
                    self.event(event);
                }
                self.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
            Open::Alert(class, label) => {
                self.push(Event::Html(CowStr::from(format!(
                    "<div class=\"alert alert-{class}\" role=\"note\">\n<p class=\"alert-title\">{}</p>\n",
                    escape(&label)
                ))));
                for event in events {
                    self.event(event);
                }
                self.push(Event::Html(CowStr::Borrowed("</div>\n")));
            }
        }
    }

    fn replay_quote(&mut self, events: Vec<Event<'a>>) {
        self.push(Event::Start(Tag::BlockQuote(None)));
        for event in events {
            self.event(event);
        }
        self.push(Event::End(TagEnd::BlockQuote(None)));
    }

    fn alert(&self, kind: BlockQuoteKind) -> (&'static str, &str) {
        match kind {
            BlockQuoteKind::Note => ("note", &self.labels.note),
            BlockQuoteKind::Tip => ("tip", &self.labels.tip),
            BlockQuoteKind::Important => ("important", &self.labels.important),
            BlockQuoteKind::Warning => ("warning", &self.labels.warning),
            BlockQuoteKind::Caution => ("caution", &self.labels.caution),
        }
    }

    /// Takes the DocFX anchor (`<a name="x"></a>`) out of the heading and
    /// makes it the heading's id; without one, the id is a slug of the text.
    fn finish_heading(&mut self, level: HeadingLevel, inner: Vec<Event<'a>>) {
        let mut anchor = None;
        let mut kept = Vec::with_capacity(inner.len());
        let mut skip_close = false;
        for event in inner {
            match &event {
                Event::InlineHtml(html) if anchor.is_none() && anchor_name(html).is_some() => {
                    anchor = anchor_name(html);
                    skip_close = true;
                }
                Event::InlineHtml(html)
                    if skip_close && html.trim().eq_ignore_ascii_case("</a>") =>
                {
                    skip_close = false;
                }
                _ => kept.push(event),
            }
        }
        let text: String = kept
            .iter()
            .filter_map(|e| match e {
                Event::Text(t) | Event::Code(t) => Some(t.as_ref()),
                Event::SoftBreak | Event::HardBreak => Some(" "),
                _ => None,
            })
            .collect();
        let text = normalize_space(&text);
        let base = anchor.unwrap_or_else(|| slug(&text));
        let id = self.unique_id(base);
        self.body.text.push_str(&text);
        self.body.text.push('\n');
        self.body.headings.push(Heading {
            level: level as u8,
            id: id.clone(),
            text,
        });
        self.body.needs_sanitizing |= kept
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)));
        self.events.push(Event::Start(Tag::Heading {
            level,
            id: Some(CowStr::from(id)),
            classes: Vec::new(),
            attrs: Vec::new(),
        }));
        self.events.extend(kept);
        self.events.push(Event::End(TagEnd::Heading(level)));
    }

    fn unique_id(&mut self, base: String) -> String {
        let mut id = base.clone();
        let mut n = 1;
        while !self.ids.insert(id.clone()) {
            id = format!("{base}-{n}");
            n += 1;
        }
        id
    }
}

/// `name` or `id` of an `<a name="...">` tag.
fn anchor_name(html: &str) -> Option<String> {
    let rest = html.trim().strip_prefix("<a ")?;
    for attribute in ["name=\"", "id=\""] {
        if let Some(at) = rest.find(attribute) {
            let value = &rest[at + attribute.len()..];
            let end = value.find('"')?;
            let name = value[..end].trim();
            return (!name.is_empty()).then(|| name.to_string());
        }
    }
    None
}

/// Relative links to `.md` files point at the built `.html` pages.
fn page_link(dest: CowStr<'_>) -> CowStr<'_> {
    let url: &str = &dest;
    let is_relative = !url.starts_with('/')
        && !url.starts_with('#')
        && !url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'));
    if !is_relative {
        return dest;
    }
    let split = url.find(['?', '#']).unwrap_or(url.len());
    let (path, rest) = url.split_at(split);
    match strip_md(path) {
        Some(stem) => CowStr::from(format!("{stem}.html{rest}")),
        None => dest,
    }
}

pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing into a String cannot fail.
    let _ = escape_into(text, &mut out);
    out
}

/// [`escape`] written to `out`: the runs between the five special characters
/// are copied whole (most text has none), not pushed a character at a time.
pub fn escape_into(text: &str, out: &mut impl std::fmt::Write) -> std::fmt::Result {
    let mut run_start = 0;
    for (at, byte) in text.bytes().enumerate() {
        let entity = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The special characters are ASCII, so `at` is a character boundary.
        out.write_str(&text[run_start..at])?;
        out.write_str(entity)?;
        run_start = at + 1;
    }
    out.write_str(&text[run_start..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_replaces_the_five_special_characters_and_keeps_the_rest() {
        assert_eq!(
            escape(r#"a<b>&"c"'d' é日本"#),
            "a&lt;b&gt;&amp;&quot;c&quot;&#39;d&#39; é日本"
        );
        assert_eq!(escape(""), "");
        assert_eq!(escape("plain text"), "plain text");
        assert_eq!(escape("&&"), "&amp;&amp;");
    }

    fn labels() -> AlertLabels {
        AlertLabels {
            note: "Remarque".into(),
            tip: "Conseil".into(),
            important: "Important".into(),
            caution: "Attention".into(),
            video: "Vidéo".into(),
            warning: "Avertissement".into(),
        }
    }

    #[test]
    fn docfx_anchor_becomes_the_heading_id() {
        let body = render(
            "# <a name=\"fix-it\"></a>Corriger *vite*\n\n## Étape deux\n\n## Étape deux\n",
            &labels(),
        );
        assert!(
            body.html
                .starts_with("<h1 id=\"fix-it\">Corriger <em>vite</em></h1>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h2 id=\"étape-deux\">"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<h2 id=\"étape-deux-1\">"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("<a name"));
        assert_eq!(
            body.headings[0],
            Heading {
                level: 1,
                id: "fix-it".into(),
                text: "Corriger vite".into()
            }
        );
    }

    #[test]
    fn alerts_are_labelled_callouts() {
        let body = render("> [!NOTE]\n> Texte de la note.\n", &labels());
        assert!(
            body.html.contains("<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Remarque</p>"),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<p>Texte de la note.</p>\n</div>"),
            "{}",
            body.html
        );
    }

    #[test]
    fn md_links_point_at_pages() {
        let body = render(
            "[a](other.md) [b](../x/y.MD#part) [c](https://x.y/a.md) [d](#top) [e](mailto:a@b.c) [f](page.md?x=1)",
            &labels(),
        );
        assert!(body.html.contains("href=\"other.html\""));
        assert!(body.html.contains("href=\"../x/y.html#part\""));
        assert!(body.html.contains("href=\"https://x.y/a.md\""));
        assert!(body.html.contains("href=\"#top\""));
        assert!(body.html.contains("href=\"mailto:a@b.c\""));
        assert!(body.html.contains("href=\"page.html?x=1\""));
    }

    #[test]
    fn missing_targets_become_text_and_root_links_follow_the_link_root() {
        let files: crate::discover::FileSet =
            ["fr-FR/a/there.md", "fr-FR/a/media/x.png", "fr-FR/a/bare.md"]
                .iter()
                .map(|f| f.to_string())
                .collect();
        let links = Links {
            from: "fr-FR/a/page.md",
            files: Some(&files),
            root: Some("https://learn.example.com"),
        };
        let body = render_with(
            "[ok](there.md#s) [gone](gone.md) ![img](media/x.png) ![lost](media/y.png) \
             [root](/product/page.md?view=x#h) [ext](https://example.com/a.md) [out](../../../x.md) \
             [bare](bare#t)",
            &labels(),
            None,
            &links,
        );
        assert_eq!(
            body.html,
            "<p><a href=\"there.html#s\">ok</a> <span class=\"missing-link\">gone</span> \
             <img src=\"media/x.png\" alt=\"img\" /> <span class=\"missing-media\">lost</span> \
             <a href=\"https://learn.example.com/product/page?view=x#h\">root</a> \
             <a href=\"https://example.com/a.md\">ext</a> <span class=\"missing-link\">out</span> \
             <a href=\"bare.html#t\">bare</a></p>\n"
        );
        // Without a file list nor a link root, links are written as they are.
        let plain = render("[gone](gone.md) [root](/product/page.md)", &labels());
        assert_eq!(
            plain.html,
            "<p><a href=\"gone.html\">gone</a> <a href=\"/product/page.md\">root</a></p>\n"
        );
    }

    #[test]
    fn root_relative_links_without_a_link_root_need_a_file() {
        let files: crate::discover::FileSet =
            ["fr-FR/a/there.md"].iter().map(|f| f.to_string()).collect();
        let links = Links {
            from: "fr-FR/a/page.md",
            files: Some(&files),
            root: None,
        };
        let body = render_with(
            "[gone](/product/gone) [here](/a/there)",
            &labels(),
            None,
            &links,
        );
        assert!(
            body.html
                .contains("<span class=\"missing-link\">gone</span>"),
            "{}",
            body.html
        );
        assert!(!body.html.contains("/product/gone"), "{}", body.html);
        assert!(body.html.contains(">here</a>"), "{}", body.html);
    }

    #[test]
    fn docfx_markers_are_rendered_never_shown() {
        let body = render(
            "> [!VIDEO https://www.microsoft.com/videoplayer/embed/RE1?autoplay=false]\n\n\
             >[!VIDEO https://example.com/v]\n\n\
             > [!TIPS]\n> Un *conseil*.\n\n\
             > [!הערה]\n> הערה כאן.\n\n\
             > [!Frobnicate]\n> Texte.\n\n\
             > [!div class=\"x\"]\n> Dans un div.\n\n\
             > Une citation.\n",
            &labels(),
        );
        let html = restore_embeds(body.html.clone(), &body.videos);
        assert!(!html.contains("[!"), "{html}");
        assert!(
            !body.text.contains("[!") && !body.text.contains("VIDEO"),
            "{}",
            body.text
        );
        assert!(html.contains(
            "<iframe src=\"https://www.microsoft.com/videoplayer/embed/RE1?autoplay=false\" title=\"Vidéo\" loading=\"lazy\""
        ));
        assert!(
            html.contains(
                "<p class=\"video-link\"><a href=\"https://example.com/v\">Vidéo</a></p>"
            )
        );
        assert!(html.contains("<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Conseil</p>\n<p>Un <em>conseil</em>.</p>"), "{html}");
        assert!(
            html.contains("<p class=\"alert-title\">Remarque</p>\n<p>הערה כאן.</p>"),
            "{html}"
        );
        assert!(html.contains("<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Frobnicate</p>"), "{html}");
        assert!(
            html.contains("<div class=\"docfx-div\">\n<p>Dans un div.</p>\n</div>"),
            "{html}"
        );
        assert!(
            html.contains("<blockquote>\n<p>Une citation.</p>\n</blockquote>"),
            "{html}"
        );
        // Without its slot filled, no player: the sanitiser never sees one.
        assert!(!body.html.contains("<iframe"));
    }

    #[test]
    fn bilingual_image_alt_stays_text() {
        let markdown = "Voir ![Schéma du flux](a.png) ici.";
        let segments = [("s1".to_string(), "See the diagram here.".to_string())];
        let map = SegmentMap {
            runs: vec![(0, markdown.len(), 0)],
            segments: &segments,
        };
        let body = render_with(markdown, &labels(), Some(&map), &Links::default());
        assert!(
            body.html.contains("alt=\"Schéma du flux\""),
            "{}",
            body.html
        );
        assert!(
            body.html.contains("<span class=\"seg\" data-seg=\"s1\""),
            "{}",
            body.html
        );
        let alt = body.html.split("alt=\"").nth(1).unwrap_or_default();
        assert!(
            !alt.split('"').next().unwrap_or_default().contains('<'),
            "{}",
            body.html
        );
    }

    #[test]
    fn images_get_an_alt() {
        assert_eq!(
            ensure_alt(
                "<p><img src=\"a.png\"> <img src=\"b.png\" alt=\"B\"> <img src='x>y'></p>".into()
            ),
            "<p><img alt=\"\" src=\"a.png\"> <img src=\"b.png\" alt=\"B\"> <img alt=\"\" src='x>y'></p>"
        );
        assert_eq!(ensure_alt("<imgx>".into()), "<imgx>");
        assert_eq!(
            name_empty_links(
                "<a href=\"https://x.example/?a=1&amp;b\"></a> <a href=\"y\">y</a>".into()
            ),
            "<a href=\"https://x.example/?a=1&amp;b\">https://x.example/?a=1&amp;b</a> <a href=\"y\">y</a>"
        );
    }

    #[test]
    fn titles_are_text() {
        assert_eq!(
            title_text("Use **-IgnoreLegalhold** in `Set-Mailbox`"),
            "Use -IgnoreLegalhold in Set-Mailbox"
        );
        assert_eq!(title_text("1. Intro"), "1. Intro");
        assert_eq!(title_text("# Not a heading"), "# Not a heading");
        assert_eq!(title_text("- dash"), "- dash");
        assert_eq!(title_text("[Link](x.md) & <b>bold</b>"), "Link & bold");
        assert_eq!(title_text("***"), "***");
        assert_eq!(
            title_text("**–IgnoreLegalhold** の切り替え"),
            "–IgnoreLegalhold の切り替え"
        );
        assert_eq!(title_text("*Emphasis* first"), "Emphasis first");
        assert_eq!(title_text("> quoted"), "> quoted");
    }

    #[test]
    fn plain_text_for_search() {
        let body = render(
            "# Titre\n\nUn *mot* et `code`.\n\n- a\n- b\n\n| x | y |\n|---|---|\n| 1 | 2 |\n",
            &labels(),
        );
        assert_eq!(body.text, "Titre\nUn mot et code.\na\nb\nx y\n1 2");
    }

    #[test]
    fn only_provably_safe_bodies_skip_the_sanitiser() {
        let labels = labels();
        assert!(
            !render(
                "# <a name=\"x\"></a>T\n\n[a](b.md) [c](https://d) ![e](f.png) <https://g>",
                &labels
            )
            .needs_sanitizing
        );
        for risky in ["a <b>bold</b>", "<div>x</div>", "# T <img src=x onerror=y>"] {
            assert!(render(risky, &labels).needs_sanitizing, "{risky}");
        }
    }

    #[test]
    fn refused_urls_are_written_as_text() {
        let labels = labels();
        for (markdown, text) in [
            ("[a](javascript:alert(1))", "a"),
            ("[a](JavaScript:alert(1))", "a"),
            ("[a](<java\tscript:alert(1)>)", "a"),
            ("[a](&#x6A;avascript:alert(1))", "a"),
            ("![a](data:text/html,x)", "a"),
            ("[a](vbscript:x)", "a"),
            ("[a](data:image/png;base64,AAAA)", "a"),
        ] {
            let html = render(markdown, &labels).html;
            assert_eq!(
                html,
                format!("<p><span class=\"unsafe-link\">{text}</span></p>\n"),
                "{markdown}"
            );
        }
        let html = render("[x](1a:b.md) ![p](data:image/png;base64,AAAA)", &labels).html;
        assert!(html.contains("href=\"./1a:b.md\""), "{html}");
        assert!(
            html.contains("src=\"data:image/png;base64,AAAA\""),
            "{html}"
        );
    }

    #[test]
    fn slugs() {
        assert_eq!(slug("Fix email: 5.7.23!"), "fix-email-5723");
        assert_eq!(slug("メールの問題を解決する"), "メールの問題を解決する");
        assert_eq!(slug("!!!"), "section");
    }
}
