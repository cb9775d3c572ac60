//! Building the project's own sample site, `content/` → a site that meets
//! the output contract.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use common::{assert_site_is_sound, helpc, project};
use std::fs;

#[test]
fn the_sample_site_builds_clean_and_sound() {
    let (_out, out_dir, output) = common::build_site(
        &project(),
        "content",
        &["--emit", "html,json", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(output.status.code(), Some(0), "{report:#}");
    assert_eq!(report["summary"]["errors"], 0, "{report:#}");
    assert_eq!(report["summary"]["warnings"], 0, "{report:#}");
    let locales: Vec<&str> = report["summary"]["by_locale"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    for needed in ["ar-SA", "en-US", "fr-FR", "ja-JP"] {
        assert!(
            locales.contains(&needed),
            "{needed} missing from {locales:?}"
        );
    }
    assert!(
        report["summary"]["by_locale"]["en-US"]["articles"]
            .as_u64()
            .unwrap()
            >= 8
    );
    assert_eq!(report["build"]["left_out"], serde_json::json!([]));

    let pages = assert_site_is_sound(&out_dir);
    assert!(pages >= 4 * 8 + 5, "only {pages} pages");
    for index in [
        "index.html",
        "assets/helpc.css",
        "fr-fr/index.html",
        "fr-fr/index.json",
        "ar-sa/index.html",
    ] {
        assert!(out_dir.join(index).is_file(), "{index} missing");
    }
}

#[test]
fn the_fixture_site_json_meets_the_schemas() {
    let (_out, out_dir, output) = common::build_site(
        &project().join("tests/fixtures/clean"),
        "content",
        &["--emit", "html,json"],
    );
    assert!(output.status.success());
    assert_site_is_sound(&out_dir);
    let article: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("ar-sa/account/reset.json")).unwrap(),
    )
    .unwrap();
    assert_eq!(article["dir"], "rtl");
    assert_eq!(article["source_title"], "Reset your password");
    assert_eq!(article["alternates"]["fr-FR"], "fr-fr/account/reset.html");
}

#[test]
fn the_schemas_reject_what_breaks_the_contract() {
    let bad = serde_json::json!({"locale": "fr-FR", "path": "a.txt", "dir": "sideways"});
    assert!(common::schema_errors("article.schema.json", &bad).len() >= 3);
    let bad_index =
        serde_json::json!({"locale": "fr-FR", "dir": "ltr", "articles": [{"title": ""}]});
    assert!(!common::schema_errors("index.schema.json", &bad_index).is_empty());
}

#[test]
fn the_html5_check_finds_real_errors() {
    assert!(common::html5_errors("<!DOCTYPE html><html lang=en><head><title>t</title></head><body><p>ok</p></body></html>").is_empty());
    assert!(
        !common::html5_errors(
            "<!DOCTYPE html><html><head><title>t</title></head><body><p>a</span></p></body></html>"
        )
        .is_empty()
    );
    assert!(!common::html5_errors("<html><body></body></html>").is_empty());
}

#[test]
fn exit_status_two_when_the_run_itself_fails() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[&[&str]] = &[
        &["check", "does-not-exist"],
        &["check", "content", "--format", "yaml"],
        &["check", "content", "-D", "no-such-rule"],
        &["check", "content", "--config", "missing.toml"],
        &["check", "content", "--locale", "fr_FR"],
        &["explain", "no-such-rule"],
        &["build", "content", "--out", "content/public"],
        &["build", "content", "--out", "content/fr-FR/site"],
        &["review", "content", "--out", "./content/../content/review"],
        // A folder with no locale (a locale folder is a locale: `check PATH`).
        &["check", "empty"],
        &["check", "notes"],
    ];
    std::fs::create_dir_all(dir.path().join("content/fr-FR")).unwrap();
    std::fs::create_dir_all(dir.path().join("empty")).unwrap();
    std::fs::create_dir_all(dir.path().join("notes/guides")).unwrap();
    std::fs::write(dir.path().join("notes/guides/a.md"), "# A\n").unwrap();
    for args in cases {
        let output = helpc(dir.path(), args);
        assert_eq!(
            output.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
    }
    let output = helpc(dir.path(), &["check", "content"]);
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn an_unwritable_output_fails_the_run() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &project().join("tests/fixtures/clean/content"),
        &dir.path().join("content"),
    );
    // A file where the output's parent folder should be.
    std::fs::write(dir.path().join("blocker"), "x").unwrap();
    let output = helpc(dir.path(), &["build", "content", "--out", "blocker/public"]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn rules_and_explain_print_the_catalogue() {
    let output = helpc(&project(), &["rules"]);
    assert!(output.status.success());
    let text = common::stdout(&output);
    for rule in [
        "front-matter-missing",
        "unpaired-target",
        "span-unclosed",
        "id-order",
    ] {
        assert!(text.contains(rule), "{rule}");
    }
    let explain = common::stdout(&helpc(&project(), &["explain", "id-order"]));
    assert!(
        explain.starts_with("id-order (Segment structure, default level: warning)"),
        "{explain}"
    );
}

#[test]
fn sitemap_lists_indexable_pages_with_their_alternates() {
    let dir = tempfile::tempdir().unwrap();
    let out_dir = dir.path().join("public");
    std::fs::write(
        dir.path().join("helpc.toml"),
        "base-url = \"https://help.example.com/docs\"\n",
    )
    .unwrap();
    common::copy_tree(&project().join("content"), &dir.path().join("content"));
    let output = helpc(
        dir.path(),
        &["build", "content", "--out", out_dir.to_str().unwrap()],
    );
    common::assert_success(&output);
    let xml = std::fs::read_to_string(out_dir.join("sitemap.xml")).unwrap();
    let document = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    let urls: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .collect();
    assert!(urls.len() >= 30);
    for url in &urls {
        let loc = url
            .descendants()
            .find(|n| n.has_tag_name("loc"))
            .unwrap()
            .text()
            .unwrap();
        assert!(loc.starts_with("https://help.example.com/docs/"), "{loc}");
        assert!(
            !loc.contains("troubleshooting"),
            "a NOINDEX page is in the sitemap: {loc}"
        );
        let alternates: Vec<_> = url
            .children()
            .filter(|n| n.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
            .map(|n| n.attribute("hreflang").unwrap().to_string())
            .collect();
        for locale in ["en-US", "fr-FR", "ar-SA", "ja-JP", "x-default"] {
            assert!(
                alternates.iter().any(|a| a == locale),
                "{loc} lacks {locale}"
            );
        }
    }
    let page = std::fs::read_to_string(out_dir.join("fr-fr/getting-started.html")).unwrap();
    assert!(page.contains(
        "<link rel=\"canonical\" href=\"https://help.example.com/docs/fr-fr/getting-started.html\">"
    ));
    assert!(page.contains("<link rel=\"alternate\" hreflang=\"x-default\" href=\"https://help.example.com/docs/en-us/getting-started.html\">"));
    let noindex =
        std::fs::read_to_string(out_dir.join("fr-fr/guides/troubleshooting.html")).unwrap();
    assert!(noindex.contains("<meta name=\"robots\" content=\"noindex, nofollow\">"));
}

#[test]
fn bilingual_pages_show_each_segment_with_its_source() {
    let (_out, out_dir, output) = common::build_site(
        &project(),
        "content",
        &["--mode", "bilingual", "--emit", "html,json"],
    );
    common::assert_success(&output);
    common::assert_site_is_sound(&out_dir);
    let page = std::fs::read_to_string(out_dir.join("fr-fr/getting-started.html")).unwrap();
    let article: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out_dir.join("fr-fr/getting-started.json")).unwrap(),
    )
    .unwrap();
    for segment in article["segments"].as_array().unwrap() {
        let id = segment["id"].as_str().unwrap();
        // Focusable, described by its English source, which is on the page.
        assert!(
            page.contains(&format!(
                "data-seg=\"{id}\" tabindex=\"0\" aria-describedby=\"src-{id}\""
            )),
            "{id}"
        );
        assert!(
            page.contains(&format!("<span id=\"src-{id}\" lang=\"en\" dir=\"ltr\">")),
            "{id}"
        );
    }
    assert!(page.contains("class=\"toggle-english\""));
    assert!(page.contains("<div class=\"english-body\" lang=\"en\" dir=\"ltr\" hidden>"));
    assert!(page.contains("assets/helpc.js"));
    assert!(out_dir.join("assets/helpc.js").is_file());
    // Source-locale pages are not bilingual.
    assert!(
        !std::fs::read_to_string(out_dir.join("en-us/getting-started.html"))
            .unwrap()
            .contains("data-seg")
    );
}

#[test]
fn a_segment_cut_through_a_link_stays_well_formed_in_bilingual_mode() {
    // The shape of fr-FR outlook-com-over-quota.md: a link opened in one
    // segment and closed in the next, and a link inside a segment.
    let dir = tempfile::tempdir().unwrap();
    let pair = |id: &str, t: &str, s: &str| {
        format!(
            "<span data-ttu-id=\"{id}\">{t}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{s}</span></span>"
        )
    };
    let text = format!(
        "---\ntitle: Quota\nms.contentlocale: fr-FR\n---\n# {}\n\nAccédez à {} > {} ou [ici](https://x.y/z).\n",
        pair("d3214-102", "Quota", "Quota"),
        pair("d3214-109", "[**Paramètres**", "[**Settings**"),
        pair(
            "d3214-110",
            "**Stockage**](https://x.y/s), voir [aide](https://x.y/h)",
            "**Storage**](https://x.y/s), see [help](https://x.y/h)"
        ),
    );
    std::fs::create_dir_all(dir.path().join("content/fr-FR")).unwrap();
    std::fs::write(dir.path().join("content/fr-FR/quota.md"), text).unwrap();
    let out_dir = dir.path().join("public");
    let output = helpc(
        dir.path(),
        &[
            "build",
            "content",
            "--out",
            out_dir.to_str().unwrap(),
            "--mode",
            "bilingual",
        ],
    );
    common::assert_success(&output);
    let page = std::fs::read_to_string(out_dir.join("fr-fr/quota.html")).unwrap();
    assert!(
        common::html5_errors(&page).is_empty(),
        "{:?}",
        common::html5_errors(&page)
    );
    for id in ["d3214-102", "d3214-109", "d3214-110"] {
        assert!(
            page.contains(&format!("aria-describedby=\"src-{id}\"")),
            "{id}"
        );
    }
    // The link's text holds parts of two segments, each in its own wrapper.
    let link = &page[page.find("<a href=\"https://x.y/s\">").unwrap()..];
    let link = &link[..link.find("</a>").unwrap()];
    assert!(
        link.contains("data-seg=\"d3214-109\"") && link.contains("data-seg=\"d3214-110\""),
        "{link}"
    );
}

#[test]
fn includes_are_inlined_in_both_modes() {
    let dir = tempfile::tempdir().unwrap();
    let pair = |id: &str, t: &str, s: &str| {
        format!(
            "<span data-ttu-id=\"{id}\">{t}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{s}</span></span>"
        )
    };
    std::fs::create_dir_all(dir.path().join("content/fr-FR/includes")).unwrap();
    std::fs::write(
        dir.path().join("content/fr-FR/a.md"),
        format!(
            "---\ntitle: A\nms.contentlocale: fr-FR\n---\n# {}\n\n[!INCLUDE[note](includes/note.md)]\n\n{}\n",
            pair("a1a1a-102", "Titre", "Title"),
            pair("a1a1a-103", "Après l’inclusion.", "After the include.")
        ),
    )
    .unwrap();
    std::fs::write(
        dir.path().join("content/fr-FR/includes/note.md"),
        format!(
            "> [!NOTE]\n> {}\n",
            pair("b2b2b-101", "Texte du fragment.", "Fragment text.")
        ),
    )
    .unwrap();
    for mode in ["target", "bilingual"] {
        let out_dir = dir.path().join(format!("public-{mode}"));
        let output = helpc(
            dir.path(),
            &[
                "build",
                "content",
                "--out",
                out_dir.to_str().unwrap(),
                "--mode",
                mode,
            ],
        );
        assert!(
            output.status.success(),
            "{}",
            String::from_utf8_lossy(&output.stdout)
        );
        let page = std::fs::read_to_string(out_dir.join("fr-fr/a.html")).unwrap();
        assert!(
            common::html5_errors(&page).is_empty(),
            "{mode}: {:?}",
            common::html5_errors(&page)
        );
        assert!(
            page.contains("Texte du fragment."),
            "{mode}: the fragment is inlined"
        );
        assert!(!page.contains("INCLUDE"), "{mode}: the directive is gone");
        assert!(page.contains("Après l’inclusion."), "{mode}");
        assert!(
            !out_dir.join("fr-fr/includes/note.html").exists(),
            "fragments are not pages"
        );
        if mode == "bilingual" {
            assert!(
                page.contains("aria-describedby=\"src-a1a1a-103\""),
                "segments after the include keep their source"
            );
        }
    }
}

#[test]
fn the_link_check_finds_dead_links_images_and_anchors() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path();
    fs::create_dir_all(out.join("fr-fr/media")).unwrap();
    fs::write(out.join("fr-fr/media/ok.png"), b"").unwrap();
    fs::write(out.join("fr-fr/b.html"), "<h2 id=\"there\">B</h2>").unwrap();
    let page = out.join("fr-fr/a.html");
    fs::write(
        &page,
        "<a href=\"b.html#there\">ok</a> <img src=\"media/ok.png\"> <a href=\"https://x.example/\">ext</a> \
         <a href=\"gone.html\">dead</a> <img src=\"media/lost.png\"> <a href=\"b.html#nowhere\">anchor</a> \
         <a href=\"/rooted.html\">root</a> <a href=\"../../outside.html\">out</a>",
    )
    .unwrap();
    let problems = common::unresolved_links(out, &[page]);
    assert_eq!(problems.len(), 5, "{problems:#?}");
    for expected in [
        "gone.html",
        "lost.png",
        "#nowhere",
        "/rooted.html",
        "outside.html",
    ] {
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{expected}: {problems:#?}"
        );
    }
}

/// Every file below `dir` with its bytes, for before/after comparisons.
fn snapshot(dir: &std::path::Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().strip_prefix(dir).unwrap().display().to_string(),
                fs::read(e.path()).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn folders_helpc_did_not_make_are_refused_and_left_intact() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &project().join("tests/fixtures/clean/content"),
        &dir.path().join("content"),
    );
    fs::create_dir_all(dir.path().join("docs/notes")).unwrap();
    fs::write(dir.path().join("docs/notes/plan.txt"), "mine").unwrap();
    let before = snapshot(dir.path());
    let refusals: &[(&[&str], &str)] = &[
        (&["clean", "--out", "content"], "content"),
        (&["clean", "--out", "content", "--force"], "Markdown"),
        (&["clean", "--out", "docs"], "docs"),
        (&["clean", "--out", "."], "current folder"),
        (&["clean", "--out", ".", "--force"], "current folder"),
        (&["build", "content", "--out", "docs"], "docs"),
        (&["build", "content", "--out", ".", "--force"], "content"),
        (
            &["build", "content", "--out", "content", "--force"],
            "content",
        ),
        (&["review", "content", "--out", "docs"], "docs"),
        (
            &[
                "export", "content", "--locale", "fr-FR", "--to", "po", "--out", "docs",
            ],
            "docs",
        ),
    ];
    for (args, named) in refusals {
        let output = helpc(dir.path(), args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(named), "{args:?} names `{named}`: {stderr}");
        assert!(!stderr.contains("panicked"));
        assert_eq!(snapshot(dir.path()), before, "{args:?} changed files");
    }
    // A site helpc made is rebuilt and cleaned without --force.
    assert_eq!(
        helpc(dir.path(), &["build", "content", "--out", "site"])
            .status
            .code(),
        Some(0)
    );
    assert!(dir.path().join("site/.helpc-output").is_file());
    assert_eq!(
        helpc(dir.path(), &["build", "content", "--out", "site"])
            .status
            .code(),
        Some(0)
    );
    assert_eq!(
        helpc(dir.path(), &["clean", "--out", "site"]).status.code(),
        Some(0)
    );
    assert_eq!(snapshot(dir.path()), before);
    // --force replaces a folder that holds no content.
    let output = helpc(
        dir.path(),
        &["build", "content", "--out", "docs", "--force"],
    );
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(!dir.path().join("docs/notes/plan.txt").exists());
    assert!(dir.path().join("docs/index.html").is_file());
    assert_eq!(
        snapshot(&dir.path().join("content")),
        snapshot(&project().join("tests/fixtures/clean/content"))
    );
}

#[test]
fn completions_and_the_manual_page_are_generated() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let output = helpc(dir.path(), &["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let script = String::from_utf8_lossy(&output.stdout);
        for word in ["check", "build", "handoff", "locale"] {
            assert!(script.contains(word), "{shell} completes {word}");
        }
    }
    // The bash script is valid bash.
    let script = helpc(dir.path(), &["completions", "bash"]).stdout;
    fs::write(dir.path().join("helpc.bash"), script).unwrap();
    let syntax = std::process::Command::new("bash")
        .args(["-n", "helpc.bash"])
        .current_dir(dir.path())
        .status()
        .unwrap();
    assert!(syntax.success());
    let man = helpc(dir.path(), &["man"]);
    let page = String::from_utf8_lossy(&man.stdout);
    assert!(
        page.contains(".TH helpc 1") && page.contains("SUBCOMMANDS"),
        "{page}"
    );
    let output = helpc(dir.path(), &["completions", "tcsh"]);
    assert_eq!(output.status.code(), Some(2));
    let output = helpc(dir.path(), &["explain", "untranslatd"]);
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `untranslated`"));
}

#[test]
fn exit_zero_and_the_configuration_of_a_parent_folder() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_tree(
        &project().join("tests/fixtures/clean/content"),
        &dir.path().join("content"),
    );
    // An error: an unpaired target.
    fs::write(
        dir.path().join("content/fr-FR/broken.md"),
        "---\ntitle: T\nms.contentlocale: fr-FR\n---\n<span data-ttu-id=\"aaaaa-101\">Sans source.</span>\n",
    )
    .unwrap();
    assert_eq!(
        helpc(dir.path(), &["check", "content"]).status.code(),
        Some(1)
    );
    assert_eq!(
        helpc(dir.path(), &["check", "content", "--exit-zero"])
            .status
            .code(),
        Some(0)
    );
    // helpc.toml in a folder above the current one applies.
    fs::write(
        dir.path().join("helpc.toml"),
        "[rules]\nunpaired-target = \"allow\"\n",
    )
    .unwrap();
    fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
    let output = helpc(&dir.path().join("sub/deeper"), &["check", "../../content"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}
