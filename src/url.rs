//! The one policy every URL helpc writes passes: body links and images,
//! raw HTML attributes, TOC entries, breadcrumbs, alternates, the sitemap,
//! search results, the language switcher and the review pages.
//!
//! A URL is read the way a browser reads it (WHATWG URL parsing): leading
//! and trailing C0 controls and spaces are stripped, tabs and newlines
//! anywhere are removed, and a scheme is whatever ASCII letter, digits,
//! `+`, `-` and `.` come before the first `:`. Entities are decoded by the
//! format the URL came from (pulldown-cmark for Markdown, the HTML parser
//! for raw HTML) before it reaches this module, and every writer escapes
//! what it writes, so the string checked here is the string the browser
//! parses.
//!
//! Allowed: relative URLs, `http:`, `https:` and `mailto:`; `data:` only
//! for an image's raster bytes (PNG, GIF, JPEG, WebP). A relative URL whose
//! first path segment holds a `:` is written with a `./` prefix, so no
//! browser reads the part before the colon as a scheme.

use std::fmt;

use crate::error::Error;

/// Where a URL is used: images may be inline raster `data:` URLs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Use {
    Link,
    Image,
}

/// Why a URL is not written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A scheme that runs script (`javascript:`, `vbscript:`…), lower-case.
    Script(String),
    /// Another scheme the site does not write (`file:`, `ms-settings:`…,
    /// unless the configuration's `url-schemes` allows it), lower-case.
    Scheme(String),
    /// A `data:` URL that is not an image's raster bytes.
    Data,
}

impl Refusal {
    /// Whether the URL would run script or show a document of its own:
    /// `markup-unsafe`, not merely an unsupported link.
    pub fn is_active(&self) -> bool {
        !matches!(self, Refusal::Scheme(_))
    }
}

/// Schemes that run script or name documents of the browser's own: never
/// allowed, whatever the configuration says.
const NEVER: &[&str] = &[
    "javascript",
    "vbscript",
    "livescript",
    "mocha",
    "data",
    "file",
    "blob",
    "filesystem",
    "about",
    "chrome",
    "view-source",
    "jar",
    "intent",
];

/// Schemes the configuration adds (`url-schemes`): one run, one policy.
static EXTRA_SCHEMES: std::sync::RwLock<Vec<String>> = std::sync::RwLock::new(Vec::new());

/// Sets the schemes allowed besides http, https and mailto (for the
/// deep links help articles use: `ms-settings:`, `feedback-hub:`).
pub fn allow_schemes(schemes: &[String]) -> Result<(), Error> {
    for scheme in schemes {
        let valid = scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
        if !valid {
            return Err(Error::Url(format!(
                "`{scheme}` is not a URL scheme (write it without the `:`)"
            )));
        }
        if NEVER.contains(&scheme.to_ascii_lowercase().as_str()) {
            return Err(Error::Url(format!(
                "the scheme `{scheme}:` can run script or read local files: it is never allowed"
            )));
        }
    }
    if let Ok(mut extra) = EXTRA_SCHEMES.write() {
        *extra = schemes.iter().map(|s| s.to_ascii_lowercase()).collect();
    }
    Ok(())
}

fn is_extra(scheme: &str) -> bool {
    EXTRA_SCHEMES
        .read()
        .is_ok_and(|extra| extra.iter().any(|s| s == scheme))
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Script(scheme) => write!(f, "a `{scheme}:` URL can run script"),
            Refusal::Scheme(scheme) => write!(
                f,
                "the scheme `{scheme}:` is not one the site writes (http, https, mailto, relative \
                 URLs, and those the configuration's `url-schemes` adds)"
            ),
            Refusal::Data => write!(
                f,
                "a `data:` URL is allowed only as a PNG, GIF, JPEG or WebP image"
            ),
        }
    }
}

/// `url` as the browser will read it, checked: the form to write, or why
/// it must not be written.
pub fn check(url: &str, usage: Use) -> Result<String, Refusal> {
    let cleaned = browser_form(url);
    match scheme(&cleaned) {
        Some(scheme) => match scheme.as_str() {
            "http" | "https" | "mailto" => Ok(cleaned),
            "data" if usage == Use::Image && is_raster_data(&cleaned) => Ok(cleaned),
            "data" => Err(Refusal::Data),
            other if NEVER.contains(&other) => Err(Refusal::Script(scheme)),
            other if is_extra(other) => Ok(cleaned),
            _ => Err(Refusal::Scheme(scheme)),
        },
        None => Ok(relative_form(cleaned)),
    }
}

/// Whether `url` passes the policy unchanged: nothing to strip, encode or
/// prefix, and an allowed scheme.
pub fn is_plainly_safe(url: &str, usage: Use) -> bool {
    check(url, usage).is_ok_and(|written| written == url)
}

/// What the URL parser works on: leading and trailing C0 controls and
/// spaces stripped, ASCII tabs and newlines removed, other controls
/// percent-encoded.
fn browser_form(url: &str) -> String {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            c if c.is_control() => {
                let mut buffer = [0u8; 4];
                for byte in c.encode_utf8(&mut buffer).bytes() {
                    out.push_str(&format!("%{byte:02X}"));
                }
            }
            c => out.push(c),
        }
    }
    out
}

/// The scheme of `url` (lower-case), if it has one: an ASCII letter, then
/// letters, digits, `+`, `-` or `.`, then `:`.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

fn is_raster_data(url: &str) -> bool {
    let lower: String = url
        .chars()
        .take(16)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "data:image/png",
        "data:image/gif",
        "data:image/jpeg",
        "data:image/webp",
    ]
    .iter()
    .any(|prefix| {
        lower.starts_with(prefix) && matches!(lower[prefix.len()..].chars().next(), Some(';' | ','))
    })
}

/// A relative URL whose first segment holds a `:` gets `./` before it.
fn relative_form(url: String) -> String {
    let first = url.split(['/', '\\', '?', '#']).next().unwrap_or_default();
    if first.contains(':') {
        format!("./{url}")
    } else {
        url
    }
}

/// The href of a path of the built site (`fr-fr/a b.html`, `/`-separated,
/// below the site root), after `prefix` (`../../`, or a base URL ending in
/// `/`): each segment percent-encoded where a browser would read it
/// otherwise (`%`, `:`, `?`, `#`, spaces, quotes, controls…), so a file
/// named `javascript:x.md` is a page, never a scheme.
pub fn site_href(prefix: &str, path: &str) -> String {
    let mut out = String::with_capacity(prefix.len() + path.len() + 8);
    out.push_str(prefix);
    // Runs of bytes kept as they are are copied whole; only the characters
    // to encode are looked at: ASCII ones by the table below, and the C1
    // controls (U+0080 to U+009F, `\xC2\x80` to `\xC2\x9F`), the only other
    // characters `char::is_control` names.
    let bytes = path.as_bytes();
    let (mut run, mut at) = (0, 0);
    while let Some(&byte) = bytes.get(at) {
        let width = if byte.is_ascii() {
            usize::from(encoded_ascii(byte))
        } else if byte == 0xC2 && bytes.get(at + 1).is_some_and(|b| (0x80..=0x9F).contains(b)) {
            2
        } else {
            0
        };
        if width == 0 {
            at += 1;
            continue;
        }
        out.push_str(&path[run..at]);
        for &byte in &bytes[at..at + width] {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xF)]));
        }
        at += width;
        run = at;
    }
    out.push_str(&path[run..]);
    out
}

const HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Whether an ASCII byte of a path is percent-encoded in an href: controls,
/// and what a browser would read as something else than a name.
fn encoded_ascii(byte: u8) -> bool {
    byte.is_ascii_control()
        || matches!(
            byte,
            b' ' | b'"'
                | b'#'
                | b'%'
                | b':'
                | b'<'
                | b'>'
                | b'?'
                | b'\\'
                | b'^'
                | b'`'
                | b'{'
                | b'|'
                | b'}'
                | b'\''
                | b'['
                | b']'
        )
}

/// `url` for a message: control characters shown as escapes, the rest as written.
pub fn shown(url: &str) -> String {
    url.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_debug().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A base URL from the configuration (`base_url`, `link-root`): absolute
/// http(s), nothing the policy would refuse.
pub fn check_base(url: &str) -> Result<(), Error> {
    match check(url, Use::Link) {
        Ok(written)
            if written == url
                && !url.contains(char::is_whitespace)
                && (written.starts_with("https://") || written.starts_with("http://")) =>
        {
            Ok(())
        }
        Ok(_) => Err(Error::Url(format!(
            "`{url}` must be an absolute http:// or https:// URL, with no spaces or control characters"
        ))),
        Err(refusal) => Err(Error::Url(format!("`{url}` is refused: {refusal}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_urls_are_refused_however_they_are_spelt() {
        for url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "\u{1}javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\nscript:alert(1)",
            "jav\r\nascript:alert(1)",
            "\u{0}\u{1f} javascript:alert(1)",
            "vbscript:msgbox(1)",
            "VBScript:x",
            "data:text/html,<script>alert(1)</script>",
            "\u{1}data:text/html,x",
            "DATA:text/html;base64,PHNjcmlwdD4=",
            "data:image/svg+xml,<svg onload=alert(1)>",
            "file:///etc/passwd",
            "ms-settings:privacy",
        ] {
            assert!(check(url, Use::Link).is_err(), "{url:?}");
            assert!(check(url, Use::Image).is_err(), "{url:?}");
        }
    }

    #[test]
    fn allowed_urls_are_written_as_the_browser_reads_them() {
        assert_eq!(
            check("https://x.y/a?b#c", Use::Link).unwrap(),
            "https://x.y/a?b#c"
        );
        assert_eq!(check(" HTTP://x.y/ ", Use::Link).unwrap(), "HTTP://x.y/");
        assert_eq!(check("mailto:a@b.c", Use::Link).unwrap(), "mailto:a@b.c");
        assert_eq!(check("../a/b.html#t", Use::Link).unwrap(), "../a/b.html#t");
        assert_eq!(check("#top", Use::Link).unwrap(), "#top");
        assert_eq!(check("a\tb.html", Use::Link).unwrap(), "ab.html");
        assert_eq!(check("a\u{7f}b", Use::Link).unwrap(), "a%7Fb");
        let png = "data:image/png;base64,iVBORw0KGgo=";
        assert_eq!(check(png, Use::Image).unwrap(), png);
        assert_eq!(check(png, Use::Link), Err(Refusal::Data));
    }

    #[test]
    fn a_colon_in_the_first_segment_is_never_a_scheme() {
        // Not schemes by WHATWG's grammar, but a later reader could differ: prefixed.
        assert_eq!(check("1x:y.html", Use::Link).unwrap(), "./1x:y.html");
        assert_eq!(check("ü:y", Use::Link).unwrap(), "./ü:y");
        assert_eq!(check("a/b:c", Use::Link).unwrap(), "a/b:c");
        assert!(is_plainly_safe("a/b.html", Use::Link));
        assert!(!is_plainly_safe(" a", Use::Link));
    }

    #[test]
    fn site_paths_are_encoded() {
        assert_eq!(
            site_href("", "fr-fr/javascript:alert(1).html"),
            "fr-fr/javascript%3Aalert(1).html"
        );
        assert_eq!(
            site_href("../", "fr-fr/a b%.html"),
            "../fr-fr/a%20b%25.html"
        );
        assert_eq!(site_href("", "ja-jp/設定.html"), "ja-jp/設定.html");
        assert!(check(&site_href("", "javascript:x.html"), Use::Link).is_ok());
    }

    #[test]
    fn base_urls() {
        assert!(check_base("https://learn.example.com").is_ok());
        assert!(check_base("javascript:alert(1)//").is_err());
        assert!(check_base("/relative/").is_err());
        assert!(check_base("https://x.y/ a").is_err());
    }
}
