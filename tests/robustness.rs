//! No input panics the reader, the checks or the renderer: real-shaped
//! articles cut, spliced and sprinkled with markup and bad bytes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

use helpc::discover::ContentFile;
use helpc::render::Site;

/// xorshift64*: a fixed seed keeps failures reproducible.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SEED_ARTICLE: &str = "---\ntitle: Titre\nms.contentlocale: fr-FR\nms.translationtype: MT\nROBOTS: NOINDEX\n---\n# <a name=\"t\"></a><span data-ttu-id=\"5f5d2-102\">Titre **gras**</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-102\">Title **bold**</span></span>\n\n- <span data-ttu-id=\"5f5d2-103\">Voir [le lien](https://x.y/a.md) et `code`.</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-103\">See [the link](https://x.y/a.md) and `code`.</span></span> <span data-ttu-id=\"5f5d2-p104\"><span>https:</span>//a </span> b</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-p104\"><span>https:</span>//a</span> b</span></span>\n\n> [!NOTE]\n> <span data-ttu-id=\"5f5d2-105\">Une note.</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-105\">A note.</span></span>\n\n| <span data-ttu-id=\"5f5d2-106\">A</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-106\">A</span></span> | b |\n|---|---|\n| 1 | <img src=x onerror=y> |\n";

const SPLICES: &[&str] = &[
    "<span data-ttu-id=\"",
    "<span class=\"sxs-lookup\"><span data-stu-id=\"",
    "</span>",
    "</span></span>",
    "<span>",
    "\n\n",
    "\r\n",
    "---\n",
    "\u{feff}",
    "\"",
    ">",
    "[",
    "](",
    "`",
    "**",
    "> [!WARNING]\n",
    "é",
    "日本",
    "ؐ",
    "\u{200f}",
    "<script>",
    "<!--",
    "5f5d2-",
    "p",
    ":",
    "- ",
    "\t",
];

fn mutate(random: &mut Random, text: &str) -> Vec<u8> {
    let mut bytes = text.as_bytes().to_vec();
    for _ in 0..1 + random.below(6) {
        let at = random.below(bytes.len() + 1);
        match random.below(5) {
            0 => bytes.truncate(at),
            1 => {
                let end = (at + random.below(40)).min(bytes.len());
                bytes.drain(at..end);
            }
            2 => {
                let splice = SPLICES[random.below(SPLICES.len())].as_bytes();
                bytes.splice(at..at, splice.iter().copied());
            }
            3 => bytes.insert(at, (random.next() & 0xff) as u8),
            _ => {
                let from = random.below(bytes.len() + 1);
                let end = (from + random.below(80)).min(bytes.len());
                let copy = bytes[from..end].to_vec();
                bytes.splice(at.min(bytes.len())..at.min(bytes.len()), copy);
            }
        }
    }
    bytes
}

/// The first element that could run code, found by parsing the page as a
/// browser would: a script-like element, an `on…` attribute, or a
/// `javascript:` URL.
fn active_content(html: &str) -> Option<String> {
    use html5ever::tendril::TendrilSink;
    use markup5ever_rcdom::{Handle, NodeData, RcDom};
    fn walk(node: &Handle) -> Option<String> {
        if let NodeData::Element { name, attrs, .. } = &node.data {
            let element = name.local.to_string();
            // helpc's own script (bilingual pages) is the one script allowed.
            let own_script = element == "script"
                && attrs
                    .borrow()
                    .iter()
                    .any(|a| &*a.name.local == "src" && a.value.ends_with("assets/helpc.js"))
                && node.children.borrow().is_empty();
            if matches!(element.as_str(), "script" | "iframe" | "object" | "embed") && !own_script {
                return Some(element);
            }
            for attribute in attrs.borrow().iter() {
                let key = attribute.name.local.to_ascii_lowercase();
                let value = attribute.value.to_ascii_lowercase();
                if key.starts_with("on") || value.trim_start().starts_with("javascript:") {
                    return Some(format!("<{element} {key}=\"{value}\">"));
                }
            }
        }
        node.children.borrow().iter().find_map(walk)
    }
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    walk(&dom.document)
}

#[test]
fn the_active_content_probe_sees_what_a_browser_would_run() {
    assert!(active_content("<p><img src=x onerror=y></p>").is_some());
    assert!(active_content("<p><a href=' JavaScript:x'>a</a></p>").is_some());
    assert!(active_content("<script>x</script>").is_some());
    assert!(
        active_content("<script src=\"https://evil.example/assets/helpc.js\">x</script>").is_some()
    );
    assert!(active_content("<script src=\"../assets/helpc.js\" defer></script>").is_none());
    assert!(active_content("<p class=\"onerror=y\">&lt;img onerror=y&gt;</p>").is_none());
}

#[test]
fn mutated_articles_never_panic() {
    let site = Site::new(std::path::Path::new("/nonexistent")).expect("built-in templates load");
    let tag = helpc::locale::parse_tag("fr-FR").unwrap();
    let ui = site.locale_ui(&tag, "fr-fr");
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut rendered = 0;
    for _ in 0..4000 {
        let bytes = mutate(&mut random, SEED_ARTICLE);
        let file = ContentFile {
            abs: "fr-FR/a.md".into(),
            rel: "fr-FR/a.md".into(),
            local: "a.md".into(),
            fragment: false,
        };
        let Ok(article) = helpc::read::parse(file, bytes) else {
            continue;
        };
        let diagnostics =
            helpc::check::check_article(&article, Some(&tag), &Default::default(), None);
        for d in &diagnostics {
            assert!(d.line >= 1 && d.column >= 1);
            if let Some(excerpt) = &d.excerpt {
                assert!(excerpt.underline.end <= excerpt.text.len());
                assert!(excerpt.text.is_char_boundary(excerpt.underline.start));
            }
        }
        let page = site.prepare(
            &article,
            &ui,
            random.next().is_multiple_of(2),
            &|_, _| None,
            helpc::render::Links::default(),
        );
        let html = site
            .article_html(&page, page.html.clone(), &[], None, None, &ui)
            .expect("templates render");
        assert!(
            active_content(&html).is_none(),
            "{:?} in {html}",
            active_content(&html)
        );
        rendered += 1;
    }
    assert!(rendered > 1000);
}
