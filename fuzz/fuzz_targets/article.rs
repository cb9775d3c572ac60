//! The whole article pipeline on arbitrary bytes: read, every check,
//! render in both modes, page template, diagnostics in every format, and
//! the TOC reader and search tokenizer on the same bytes.
//!
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run article -- -max_total_time=600
#![no_main]

use std::collections::HashSet;
use std::sync::OnceLock;

use helpc::discover::ContentFile;
use helpc::render::{LocaleUi, Site};
use libfuzzer_sys::fuzz_target;

struct Fixture {
    site: Site,
    ui: LocaleUi,
    files: HashSet<String>,
}

fn fixture() -> &'static Fixture {
    static FIXTURE: OnceLock<Fixture> = OnceLock::new();
    FIXTURE.get_or_init(|| {
        let site = Site::new(std::path::Path::new("/nonexistent")).expect("built-in templates");
        let tag = helpc::locale::parse_tag("ar-SA").expect("a tag");
        let ui = site.locale_ui(&tag, "ar-sa");
        let files = ["ar-SA/a.md", "ar-SA/b.md", "ar-SA/media/x.png", "ar-SA/includes/n.md"]
            .iter()
            .map(|f| f.to_string())
            .collect();
        Fixture { site, ui, files }
    })
}

fuzz_target!(|data: &[u8]| {
    let fixture = fixture();
    let file = ContentFile {
        abs: "ar-SA/a.md".into(),
        rel: "ar-SA/a.md".into(),
        local: "a.md".into(),
        fragment: false,
    };
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = helpc::read::toc::parse("ar-SA/TOC.yml", text);
        let _ = helpc::render::search::terms(text);
    }
    let Ok(article) = helpc::read::parse(file, data.to_vec()) else {
        return;
    };
    let tag = helpc::locale::parse_tag("ar-SA").expect("a tag");
    let diagnostics = helpc::check::check_article(
        &article,
        Some(&tag),
        &Default::default(),
        Some(&fixture.files),
    );
    let report = helpc::diag::Report::new(Default::default(), diagnostics);
    let _ = helpc::diag::render_human(&report, false);
    let _ = helpc::diag::report_value(&report);
    let _ = helpc::diag::render_sarif(&report, "content");
    for bilingual in [false, true] {
        let page = fixture.site.prepare(
            &article,
            &fixture.ui,
            bilingual,
            &|_, _| Some("Inclus.\n".to_string()),
            helpc::render::Links {
                from: "",
                files: Some(&fixture.files),
                root: Some("https://learn.example.com"),
            },
        );
        let html = fixture
            .site
            .article_html(&page, &[], None, None, &fixture.ui)
            .expect("built-in templates render");
        assert!(!html.contains("<script>alert"), "active content reached the page");
        let _ = fixture.site.article_json(&page, &[]);
    }
});
