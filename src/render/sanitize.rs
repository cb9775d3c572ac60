//! Raw HTML in translations reaches pages only through an allow-list
//! (ammonia): no script, event handler or `javascript:` URL, whatever the
//! content says. It also rebalances stray and unclosed tags, so the page
//! stays well-formed.

/// Attributes that hold a URL (of those the allow-list lets through, and
/// a few more for safety).
const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "cite",
    "action",
    "formaction",
    "poster",
    "background",
    "longdesc",
    "usemap",
    "srcset",
    "xlink:href",
];

pub struct Sanitizer {
    builder: ammonia::Builder<'static>,
}

const EXTRA_TAGS: &[&str] = &[
    "div",
    "span",
    "figure",
    "figcaption",
    "details",
    "summary",
    "mark",
    "input",
];

impl Sanitizer {
    pub fn new() -> Sanitizer {
        let mut builder = ammonia::Builder::default();
        builder
            .add_tags(EXTRA_TAGS.iter().copied())
            .add_generic_attributes(["id", "class", "dir", "role"])
            .add_tag_attributes("a", ["name"])
            // Bilingual pages: a segment's wrapper and its English source.
            .add_tag_attributes(
                "span",
                ["tabindex", "aria-describedby", "data-seg", "data-source"],
            )
            .add_tag_attributes("img", ["width", "height"])
            .add_tag_attributes("ol", ["start"])
            .add_tag_attributes("td", ["style"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .link_rel(None)
            .add_url_schemes(["data"]);
        // Table alignment is the only inline style pulldown-cmark writes.
        builder.attribute_filter(|element, attribute, value| {
            if attribute == "style" && matches!(element, "td" | "th") {
                let allowed = [
                    "text-align: left",
                    "text-align: center",
                    "text-align: right",
                ];
                return allowed.contains(&value).then(|| value.into());
            }
            // Every URL goes through the one policy, which reads it as the
            // browser will (controls and white space stripped first); ammonia's
            // own scheme list then sees the cleaned form.
            if URL_ATTRIBUTES.contains(&attribute) {
                let usage = if element == "img" && attribute == "src" {
                    crate::url::Use::Image
                } else {
                    crate::url::Use::Link
                };
                return crate::url::check(value, usage).ok().map(Into::into);
            }
            if element == "input" && attribute == "type" {
                return (value == "checkbox").then(|| value.into());
            }
            Some(value.into())
        });
        Sanitizer { builder }
    }

    pub fn clean(&self, html: &str) -> String {
        self.builder.clean(html).to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_content_never_passes() {
        let sanitizer = Sanitizer::new();
        let dirty = "<p>a<script>alert(1)</script><img src=x onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">x</a><iframe src=\"https://x\"></iframe><a href=\"data:text/html,x\">d</a><style>p{}</style>\
                     <a href=\"&#1;data:text/html,x\">c</a><a href=\"&#1;javascript:alert(1)\">c</a><a href=\"java&#9;script:alert(1)\">t</a>\
                     <a href=\" &#x0A;JAVASCRIPT&colon;alert(1)\">e</a></p>";
        let clean = sanitizer.clean(dirty);
        for banned in [
            "<script",
            "onerror",
            "javascript:",
            "<iframe",
            "data:text/html",
            "<style",
        ] {
            assert!(
                !clean.to_ascii_lowercase().contains(banned),
                "{banned} in {clean}"
            );
        }
    }

    #[test]
    fn a_nul_reference_is_no_scheme() {
        // The HTML parser reads `&#0;` as U+FFFD, which a URL parser keeps:
        // a relative path, written so no browser can read a scheme in it.
        let clean = Sanitizer::new().clean("<p><img src=\"&#0;data:text/html,x\"></p>");
        assert_eq!(clean, "<p><img src=\"./\u{fffd}data:text/html,x\"></p>");
    }

    #[test]
    fn data_urls_only_for_inline_raster_images() {
        let sanitizer = Sanitizer::new();
        let png = "<p><img src=\"data:image/png;base64,iVBORw0KGgo=\" alt=\"x\"></p>";
        assert_eq!(sanitizer.clean(png), png);
        for dropped in [
            "<p><img src=\"data:image/svg+xml,&lt;svg onload=alert(1)&gt;\"></p>",
            "<p><a href=\"data:image/png;base64,AAAA\">x</a></p>",
            "<p><a href=\"DATA:text/html,x\">x</a></p>",
        ] {
            assert!(
                !sanitizer
                    .clean(dropped)
                    .to_ascii_lowercase()
                    .contains("data:"),
                "{dropped}"
            );
        }
    }

    #[test]
    fn help_page_markup_survives() {
        let sanitizer = Sanitizer::new();
        let html = "<h2 id=\"x\">T</h2>\n<div class=\"alert alert-note\" role=\"note\">\n<p class=\"alert-title\">Note</p>\n</div>\n<table><thead><tr><th style=\"text-align: center\">a</th></tr></thead></table>\n<p><a href=\"other.html#x\">l</a> <img src=\"media/a.png\" alt=\"A\"></p>";
        assert_eq!(sanitizer.clean(html), html);
    }

    #[test]
    fn stray_and_unclosed_tags_are_balanced() {
        let sanitizer = Sanitizer::new();
        assert_eq!(sanitizer.clean("<p>a </span> b</p>"), "<p>a  b</p>");
        assert_eq!(sanitizer.clean("<p><b>bold</p>"), "<p><b>bold</b></p>");
    }
}
