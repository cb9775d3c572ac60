//! SVG media are published only as a copy made of an allow-list: SVG
//! elements that draw, and their attributes, without script, event
//! handlers, foreign content, animation (which can rewrite an `href`) or
//! references that leave the file. An SVG that is not well-formed XML with
//! an `<svg>` root is not published at all.

use std::collections::BTreeSet;
use std::fmt::Write as _;

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Above this size an SVG is refused: help-site figures are far smaller.
const MAX_BYTES: usize = 8 * 1024 * 1024;
const MAX_NODES: u32 = 200_000;

/// The SVG elements a published image may hold.
const ELEMENTS: &[&str] = &[
    "svg",
    "g",
    "defs",
    "symbol",
    "use",
    "title",
    "desc",
    "switch",
    "view",
    "a",
    "style",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "image",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "linearGradient",
    "radialGradient",
    "stop",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feImage",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
];

/// Why an SVG is not published.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SvgError {
    #[error("it is larger than {} MiB", MAX_BYTES / 1024 / 1024)]
    TooLarge,
    #[error("it is not UTF-8 text")]
    NotText,
    #[error("it is not well-formed XML: {0}")]
    Xml(String),
    #[error("its root element is `{0}`, not an SVG `<svg>`")]
    NotSvg(String),
}

/// A safe copy of an SVG, and what was left out of it.
#[derive(Debug)]
pub struct Sanitized {
    pub bytes: Vec<u8>,
    /// Descriptions of what was removed (`<script>`, `onload=`…), sorted.
    pub removed: Vec<String>,
}

pub fn sanitize(bytes: &[u8]) -> Result<Sanitized, SvgError> {
    if bytes.len() > MAX_BYTES {
        return Err(SvgError::TooLarge);
    }
    let text = std::str::from_utf8(bytes).map_err(|_| SvgError::NotText)?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        nodes_limit: MAX_NODES,
        ..roxmltree::ParsingOptions::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| SvgError::Xml(e.to_string()))?;
    let root = document.root_element();
    if root.tag_name().namespace() != Some(SVG_NS) || root.tag_name().name() != "svg" {
        return Err(SvgError::NotSvg(root.tag_name().name().to_string()));
    }
    let mut writer = Writer {
        out: String::with_capacity(text.len()),
        removed: BTreeSet::new(),
    };
    writer
        .out
        .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    writer.element(root, true);
    writer.out.push('\n');
    Ok(Sanitized {
        bytes: writer.out.into_bytes(),
        removed: writer.removed.into_iter().collect(),
    })
}

struct Writer {
    out: String,
    removed: BTreeSet<String>,
}

impl Writer {
    fn element(&mut self, node: roxmltree::Node, root: bool) {
        let name = node.tag_name().name();
        if node.tag_name().namespace() != Some(SVG_NS) || !ELEMENTS.contains(&name) {
            self.removed.insert(format!("<{name}>"));
            return;
        }
        if name == "style" {
            let css: String = node.children().filter_map(|c| c.text()).collect();
            if let Err(why) = check_css(&css) {
                self.removed.insert(format!("<style> ({why})"));
                return;
            }
        }
        let _ = write!(self.out, "<{name}");
        if root {
            let _ = write!(self.out, " xmlns=\"{SVG_NS}\" xmlns:xlink=\"{XLINK_NS}\"");
        }
        for attribute in node.attributes() {
            let written = match attribute.namespace() {
                None => attribute.name().to_string(),
                Some(XLINK_NS) => format!("xlink:{}", attribute.name()),
                Some(XML_NS) if matches!(attribute.name(), "space" | "lang") => {
                    format!("xml:{}", attribute.name())
                }
                Some(_) => {
                    self.removed
                        .insert(format!("the attribute `{}`", attribute.name()));
                    continue;
                }
            };
            match refused_attribute(name, attribute.name(), attribute.value()) {
                None => {
                    let _ = write!(self.out, " {written}=\"{}\"", escape(attribute.value()));
                }
                Some(why) => {
                    self.removed.insert(why);
                }
            }
        }
        let mut children = node.children().peekable();
        if children.peek().is_none() {
            self.out.push_str("/>");
            return;
        }
        self.out.push('>');
        for child in children {
            if child.is_element() {
                self.element(child, false);
            } else if let Some(text) = child.text().filter(|_| child.is_text()) {
                self.out.push_str(&escape(text));
            }
        }
        let _ = write!(self.out, "</{name}>");
    }
}

/// What to report of an attribute of `element` that may not be written
/// (`None`: it may).
fn refused_attribute(element: &str, name: &str, value: &str) -> Option<String> {
    let lower = name.to_ascii_lowercase();
    if lower.starts_with("on") {
        return Some(format!("`{name}=` event handlers"));
    }
    if !name
        .chars()
        .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    {
        return Some(format!("the attribute `{name}`"));
    }
    if lower == "href" {
        let value = value.trim_matches(|c: char| c <= ' ');
        let inline_image = matches!(element, "image" | "feImage")
            && crate::url::check(value, crate::url::Use::Image)
                .is_ok_and(|v| v.get(..5).is_some_and(|p| p.eq_ignore_ascii_case("data:")));
        return if value.starts_with('#') || inline_image {
            None
        } else {
            Some("references that leave the file (`href`)".to_string())
        };
    }
    if lower == "style" {
        return check_css(value)
            .err()
            .map(|why| format!("a `style` attribute ({why})"));
    }
    check_references(value)
        .err()
        .map(|why| format!("the attribute `{name}` ({why})"))
}

/// CSS in a `<style>` or `style=`: no `@import`, no script, no references out.
fn check_css(css: &str) -> Result<(), &'static str> {
    let folded: String = css
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\\')
        .collect::<String>()
        .to_ascii_lowercase();
    if folded.contains("@import") {
        return Err("`@import`");
    }
    if ["expression(", "behavior:", "-moz-binding", "javascript:"]
        .iter()
        .any(|p| folded.contains(p))
    {
        return Err("script");
    }
    check_references(css)
}

/// `url(...)` only to an element of the same file (`url(#gradient)`).
fn check_references(value: &str) -> Result<(), &'static str> {
    let folded: String = value
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    if folded.contains("javascript:") || folded.contains("vbscript:") {
        return Err("script");
    }
    let mut rest = folded.as_str();
    while let Some(at) = rest.find("url(") {
        let target = rest[at + 4..].trim_start_matches(['"', '\'']);
        if !target.starts_with('#') {
            return Err("a reference that leaves the file");
        }
        rest = &rest[at + 4..];
    }
    Ok(())
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(svg: &str) -> Sanitized {
        sanitize(svg.as_bytes()).unwrap()
    }

    #[test]
    fn drawings_survive() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\"><defs><linearGradient id=\"g\"><stop offset=\"0\" stop-color=\"#fff\"/></linearGradient></defs><title>A &amp; B</title><rect width=\"10\" height=\"10\" fill=\"url(#g)\" style=\"stroke: red\"/><use xlink:href=\"#g\"/><text x=\"1\">Texte é</text></svg>";
        let out = clean(svg);
        assert!(out.removed.is_empty(), "{:?}", out.removed);
        let text = String::from_utf8(out.bytes).unwrap();
        for kept in [
            "fill=\"url(#g)\"",
            "xlink:href=\"#g\"",
            "<title>A &amp; B</title>",
            "Texte é",
            "stroke: red",
        ] {
            assert!(text.contains(kept), "{kept} in {text}");
        }
        // The copy is itself valid SVG.
        assert!(sanitize(text.as_bytes()).is_ok_and(|again| again.removed.is_empty()));
    }

    #[test]
    fn active_content_is_removed() {
        let svg = r##"<?xml version="1.0"?>
<!DOCTYPE svg [ <!ENTITY x "javascript:alert(1)"> ]>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:h="http://www.w3.org/1999/xhtml" onload="alert(1)">
<script>alert(1)</script>
<SCRIPT>alert(2)</SCRIPT>
<foreignObject><h:body><h:script>alert(3)</h:script></h:body></foreignObject>
<a xlink:href="javascript:alert(4)"><rect width="5" height="5" onclick="alert(5)"/></a>
<a href="&x;"><text>x</text></a>
<animate attributeName="href" to="javascript:alert(6)"/>
<set attributeName="onmouseover" to="alert(7)"/>
<image href="https://tracker.example/p.png"/>
<image xlink:href="data:image/svg+xml;base64,PHN2Zz4="/>
<rect style="fill: url(https://x.example/a)" filter="url( 'http://x/#f')"/>
<style>@import url(https://x.example/a.css); rect { fill: red }</style>
<h:iframe src="javascript:alert(8)"/>
</svg>"##;
        let out = clean(svg);
        let text = String::from_utf8(out.bytes).unwrap();
        let lower = text.to_ascii_lowercase();
        for banned in [
            "script",
            "onload",
            "onclick",
            "onmouseover",
            "foreignobject",
            "animate",
            "<set",
            "tracker",
            "x.example",
            "http://x",
            "iframe",
            "@import",
            "svg+xml",
        ] {
            assert!(!lower.contains(banned), "{banned} in {text}");
        }
        assert!(text.contains("<rect width=\"5\" height=\"5\"/>"), "{text}");
        assert!(
            out.removed.iter().any(|r| r == "<script>"),
            "{:?}",
            out.removed
        );
        assert!(out.removed.iter().any(|r| r.contains("onload")));
    }

    #[test]
    fn inline_raster_images_stay() {
        let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"><image href=\"data:image/png;base64,iVBORw0KGgo=\"/></svg>";
        let out = clean(svg);
        assert!(out.removed.is_empty());
        assert!(
            String::from_utf8(out.bytes)
                .unwrap()
                .contains("data:image/png;base64")
        );
    }

    #[test]
    fn what_is_not_svg_is_not_published() {
        assert!(matches!(
            sanitize(b"<svg><unclosed>"),
            Err(SvgError::Xml(_))
        ));
        assert!(matches!(
            sanitize(
                b"<html xmlns=\"http://www.w3.org/1999/xhtml\"><script>alert(1)</script></html>"
            ),
            Err(SvgError::NotSvg(_))
        ));
        // No namespace: browsers do not draw it as SVG either.
        assert!(matches!(
            sanitize(b"<svg onload=\"alert(1)\"/>"),
            Err(SvgError::NotSvg(_))
        ));
        assert_eq!(sanitize(&[0xff, 0xfe]).unwrap_err(), SvgError::NotText);
        let laughs = "<?xml version=\"1.0\"?><!DOCTYPE svg [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\"><!ENTITY e \"&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;\"><!ENTITY f \"&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;\"><!ENTITY g \"&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;\"><!ENTITY h \"&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;\">]><svg xmlns=\"http://www.w3.org/2000/svg\"><text>&h;</text></svg>";
        let started = std::time::Instant::now();
        let _ = sanitize(laughs.as_bytes());
        assert!(started.elapsed().as_secs() < 5);
    }
}
