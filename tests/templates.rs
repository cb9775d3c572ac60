//! The built-in article page is written directly (`render::page`), not by
//! minijinja: every page it writes must be the one the templates make. A
//! project whose `templates/` holds the built-in templates with a comment
//! added (other text, the same output) gets them from minijinja; both
//! builds must give the same bytes, in both modes, for the sample site and
//! the fixtures that cover right-to-left locales, locales without strings
//! of their own, alerts, links and hostile input.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|f| f.file_type().is_file())
        .map(|f| {
            let rel = f.path().strip_prefix(dir).unwrap().to_string_lossy();
            (rel.into_owned(), fs::read(f.path()).unwrap())
        })
        .collect()
}

/// Builds `content` in `dir` (whose `templates/` the build reads) with `mode`.
fn built(dir: &Path, content: &Path, mode: &str) -> BTreeMap<String, Vec<u8>> {
    let out = dir.join(format!("site-{mode}"));
    let args = [
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--no-cache",
        "--mode",
        mode,
        "--emit",
        "html,json",
    ];
    let output = common::helpc(dir, &args);
    assert!(
        output.status.code().is_some_and(|c| c <= 1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    tree(&out)
}

#[test]
fn the_built_in_article_page_is_what_its_templates_make() {
    let direct = tempfile::tempdir().unwrap();
    let templated = tempfile::tempdir().unwrap();
    fs::create_dir(templated.path().join("templates")).unwrap();
    for name in ["article.html", "base.html"] {
        let text = fs::read_to_string(common::project().join("templates").join(name)).unwrap();
        fs::write(
            templated.path().join("templates").join(name),
            format!("{text}{{#- the same page #}}"),
        )
        .unwrap();
    }
    // The folder's templates are the ones read: a visible change shows.
    let marked = tempfile::tempdir().unwrap();
    fs::create_dir(marked.path().join("templates")).unwrap();
    fs::write(
        marked.path().join("templates/article.html"),
        "{% extends \"base.html\" %}{% block main %}<main>marked</main>{% endblock %}",
    )
    .unwrap();
    let sample = common::project().join("content");
    let page = &built(marked.path(), &sample, "target")["fr-fr/configuration.html"];
    assert!(String::from_utf8_lossy(page).contains("<main>marked</main>"));
    let fixtures = common::project().join("tests/fixtures");
    let contents = [
        common::project().join("content"),
        fixtures.join("unseen-locales/content"),
        fixtures.join("alerts/content"),
        fixtures.join("links/content"),
        fixtures.join("hostile/content"),
    ];
    for content in &contents {
        assert!(content.is_dir(), "{}", content.display());
        for mode in ["target", "bilingual"] {
            let (a, b) = (
                built(direct.path(), content, mode),
                built(templated.path(), content, mode),
            );
            let pages = a.keys().filter(|p| p.ends_with(".html")).count();
            assert!(pages >= 4, "{}: {pages} pages", content.display());
            for (path, bytes) in &a {
                assert!(
                    b.get(path) == Some(bytes),
                    "{} ({mode}): {path} differs",
                    content.display()
                );
            }
            assert_eq!(a.len(), b.len());
        }
    }
}
