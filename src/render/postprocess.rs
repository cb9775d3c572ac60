//! Passes over rendered HTML: names for images and links that have none,
//! and the video players put back in the slots the sanitiser kept.

/// Where the `index`th video of a body goes: a slot the sanitiser keeps.
pub(super) fn video_slot(index: usize) -> String {
    format!("<div class=\"video-slot\">\u{E000}{index}\u{E000}</div>")
}

/// The length of the tag `html` starts with, up to its `>` outside quoted
/// attribute values (all of it if unclosed).
pub(super) fn tag_end(html: &str) -> usize {
    let mut quote = None;
    for (i, c) in html.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return i + 1,
            _ => {}
        }
    }
    html.len()
}

/// Gives every `<img>` without an `alt` an empty one (raw HTML images of
/// the content often have none): a picture with no description is
/// decorative to assistive technology rather than an unnamed image.
pub fn ensure_alt(html: String) -> String {
    if !html.contains("<img") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 16);
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<img") {
        out.push_str(&rest[..at]);
        let end = tag_end(&rest[at..]);
        let tag = &rest[at..at + end];
        let named = tag
            .split(|c: char| c.is_whitespace())
            .any(|attr| attr.starts_with("alt=") || attr == "alt");
        if !named && tag.len() > 4 && tag[4..].starts_with(char::is_whitespace) {
            out.push_str("<img alt=\"\"");
            out.push_str(&tag[4..]);
        } else {
            out.push_str(tag);
        }
        rest = &rest[at + end..];
    }
    out.push_str(rest);
    out
}

/// A link without text (`[](url)`) gets its address as its text, so that
/// it has a name a reader and a screen reader can use.
pub fn name_empty_links(html: String) -> String {
    if !html.contains("></a>") {
        return html;
    }
    let mut out = String::with_capacity(html.len() + 64);
    let mut rest = html.as_str();
    while let Some(at) = rest.find("<a ") {
        out.push_str(&rest[..at]);
        let tag = &rest[at..];
        let end = tag_end(tag);
        out.push_str(&tag[..end]);
        if tag[end..].starts_with("</a>")
            && let Some(href) = tag[..end]
                .split(" href=\"")
                .nth(1)
                .and_then(|h| h.split('"').next())
        {
            out.push_str(href);
        }
        rest = &rest[at + end..];
    }
    out.push_str(rest);
    out
}

/// Puts each video player in its slot (after sanitising, which would drop
/// an `<iframe>`).
pub fn restore_embeds(html: String, videos: &[String]) -> String {
    let mut html = html;
    for (index, player) in videos.iter().enumerate() {
        html = html.replace(&video_slot(index), player.trim_end());
    }
    html
}
