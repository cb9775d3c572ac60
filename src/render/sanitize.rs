//! Raw HTML in translations reaches pages only through an allow-list
//! (ammonia): no script, event handler or `javascript:` URL, whatever the
//! content says. It also rebalances stray and unclosed tags, so the page
//! stays well-formed.

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
            // `data:` passed the scheme list only for inline raster images
            // (real articles embed screenshots so); any other use is dropped.
            if value
                .trim_start()
                .get(..5)
                .is_some_and(|p| p.eq_ignore_ascii_case("data:"))
            {
                let image = [
                    "data:image/png;",
                    "data:image/gif;",
                    "data:image/jpeg;",
                    "data:image/webp;",
                ]
                .iter()
                .any(|p| {
                    value
                        .trim_start()
                        .get(..p.len())
                        .is_some_and(|v| v.eq_ignore_ascii_case(p))
                });
                return (element == "img" && attribute == "src" && image).then(|| value.into());
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
        let dirty = "<p>a<script>alert(1)</script><img src=x onerror=\"alert(1)\"><a href=\"javascript:alert(1)\">x</a><iframe src=\"https://x\"></iframe><a href=\"data:text/html,x\">d</a><style>p{}</style></p>";
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
