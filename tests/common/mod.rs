//! Helpers shared by the integration tests.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test
#![allow(dead_code)]

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use html5ever::tendril::TendrilSink;
use html5ever::{ParseOpts, parse_document, tree_builder::TreeBuilderOpts};

/// The project's root folder.
pub fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the helpc binary in `dir` with `args`.
pub fn helpc(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_helpc"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .expect("the helpc binary runs")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Parse errors a spec-conforming HTML5 parser reports for `html`, with
/// exact error messages. An empty list means the document is well-formed.
pub fn html5_errors(html: &str) -> Vec<String> {
    let options = ParseOpts {
        tree_builder: TreeBuilderOpts {
            exact_errors: true,
            ..TreeBuilderOpts::default()
        },
        ..ParseOpts::default()
    };
    let dom = parse_document(markup5ever_rcdom::RcDom::default(), options).one(html);
    dom.errors.borrow().iter().map(|e| e.to_string()).collect()
}

/// Every file below `dir` with the extension `ext`, sorted.
pub fn files_with_extension(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == ext))
        .map(|e| e.into_path())
        .collect();
    found.sort();
    found
}

/// Copies a folder tree.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from).into_iter().flatten() {
        let rel = entry.path().strip_prefix(from).unwrap();
        let target = to.join(rel);
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The real corpus beside the project, if present.
pub fn corpus() -> Option<PathBuf> {
    let path = std::env::var_os("HELPC_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| project().join("../shared/corpus"));
    path.is_dir().then_some(path)
}

/// Validates `instance` against a schema file of `docs/schema/`.
pub fn schema_errors(schema_file: &str, instance: &serde_json::Value) -> Vec<String> {
    let text = std::fs::read_to_string(project().join("docs/schema").join(schema_file)).unwrap();
    let schema: serde_json::Value = serde_json::from_str(&text).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    validator
        .iter_errors(instance)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect()
}

/// What a built site must satisfy whatever its content: well-formed HTML5
/// pages without segment markup, `dir` per locale, JSON valid against the
/// schemas, every page showing its translation rather than the source.
pub fn assert_site_is_sound(out: &Path) -> usize {
    let mut problems = Vec::new();
    let pages = files_with_extension(out, "html");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let errors = html5_errors(&html);
        if !errors.is_empty() {
            problems.push(format!("{}: HTML5 errors {errors:?}", page.display()));
        }
        let mut seen = std::collections::HashSet::new();
        let mut rest = html.as_str();
        while let Some(at) = rest.find(" id=\"") {
            rest = &rest[at + 5..];
            let id = &rest[..rest.find('"').unwrap_or(rest.len())];
            if !seen.insert(id) {
                problems.push(format!("{}: duplicate id `{id}`", page.display()));
            }
        }
        for marker in [
            "<span data-ttu-id",
            "<span data-stu-id",
            "class=\"sxs-lookup\"",
        ] {
            if html.contains(marker) {
                problems.push(format!(
                    "{}: segment markup `{marker}` left in the page",
                    page.display()
                ));
            }
        }
        let rel = page
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .replace('\\', "/");
        if let Some(locale) = rel.split_once('/').map(|(l, _)| l) {
            let rtl = locale.starts_with("ar-") || locale.starts_with("he-");
            let expected = if rtl { "dir=\"rtl\"" } else { "dir=\"ltr\"" };
            let html_tag = html
                .lines()
                .find(|l| l.starts_with("<html"))
                .unwrap_or_default();
            if !html_tag.contains(expected) {
                problems.push(format!(
                    "{}: `<html>` lacks {expected}: {html_tag}",
                    page.display()
                ));
            }
        }
    }
    problems.extend(unresolved_links(out, &pages));
    problems.extend(sitemap_problems(out));
    for json_file in files_with_extension(out, "json") {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&json_file).unwrap()).unwrap();
        let depth = json_file.strip_prefix(out).unwrap().components().count();
        let name = json_file.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let schema = match (depth, name) {
            (2, "index.json") => "index.schema.json",
            (2, "search.json") => "search.schema.json",
            _ => "article.schema.json",
        };
        let errors = schema_errors(schema, &value);
        if !errors.is_empty() {
            problems.push(format!("{}: {errors:?}", json_file.display()));
        }
        if schema == "article.schema.json" {
            problems.extend(translation_shown(&json_file, &value));
        }
    }
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems[..problems.len().min(30)].join("\n")
    );
    pages.len()
}

/// For plain-text segments (no Markdown or HTML), the page text holds the
/// TARGET and not the SOURCE.
fn translation_shown(file: &Path, article: &serde_json::Value) -> Vec<String> {
    let text = article["text"]
        .as_str()
        .unwrap_or_default()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let plain = |s: &str| !s.contains(['[', ']', '*', '_', '`', '<', '>', '&', '\\', '|', '#']);
    // Without a leading list marker, which Markdown reads as structure.
    let words = |s: &str| {
        let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        match s[digits..]
            .strip_prefix(". ")
            .or_else(|| s[digits..].strip_prefix(") "))
        {
            Some(rest) if digits > 0 => rest.to_string(),
            _ => s,
        }
    };
    let segments: Vec<&serde_json::Value> = article["segments"]
        .as_array()
        .into_iter()
        .flatten()
        .collect();
    let targets: Vec<String> = segments
        .iter()
        .map(|s| words(s["target"].as_str().unwrap_or_default()))
        .collect();
    let mut problems = Vec::new();
    for segment in &segments {
        let target = words(segment["target"].as_str().unwrap_or_default());
        let source = words(segment["source"].as_str().unwrap_or_default());
        if !plain(&target) || !plain(&source) || target.is_empty() {
            continue;
        }
        if !text.contains(&target) {
            problems.push(format!(
                "{}: segment {} target missing from the page",
                file.display(),
                segment["id"]
            ));
        }
        // The source may legitimately appear where some target holds it (left untranslated).
        let in_a_target = targets.iter().any(|t| t.contains(&source));
        if source.len() > 24 && !in_a_target && text.contains(&source) {
            problems.push(format!(
                "{}: segment {} source shown on the page",
                file.display(),
                segment["id"]
            ));
        }
    }
    problems
}

/// Runs `helpc build CONTENT --out OUT EXTRA…` in `dir`, OUT a fresh
/// temporary folder; returns the folder's guard, OUT and the run.
pub fn build_site(
    dir: &Path,
    content: &str,
    extra: &[&str],
) -> (tempfile::TempDir, PathBuf, Output) {
    let guard = tempfile::tempdir().expect("a temporary folder");
    let out = guard.path().join("public");
    let mut args = vec![
        "build",
        content,
        "--out",
        out.to_str().expect("a UTF-8 path"),
    ];
    args.extend_from_slice(extra);
    let output = helpc(dir, &args);
    (guard, out, output)
}

/// The run succeeded; otherwise, what it said on standard error.
pub fn assert_success(output: &Output) {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

/// The `href` and `src` values of an HTML page, entities decoded.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in [" href=\"", " src=\""] {
        let mut rest = html;
        while let Some(at) = rest.find(attribute) {
            rest = &rest[at + attribute.len()..];
            let end = rest.find('"').unwrap_or(rest.len());
            found.push(
                rest[..end]
                    .replace("&quot;", "\"")
                    .replace("&#39;", "'")
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&amp;", "&"),
            );
        }
    }
    found
}

fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match (
            bytes[i],
            bytes.get(i + 1).copied().and_then(hex),
            bytes.get(i + 2).copied().and_then(hex),
        ) {
            (b'%', Some(high), Some(low)) => {
                out.push((high * 16 + low) as u8);
                i += 3;
            }
            (byte, _, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The `id`s of an HTML page.
fn ids(html: &str) -> std::collections::HashSet<String> {
    let mut found = std::collections::HashSet::new();
    let mut rest = html;
    while let Some(at) = rest.find(" id=\"") {
        rest = &rest[at + 5..];
        let end = rest.find('"').unwrap_or(rest.len());
        found.insert(rest[..end].replace("&amp;", "&").replace("&#39;", "'"));
    }
    found
}

/// Every link and image of the site's pages that stays on the site
/// (relative or root-relative) leads to a file of the output, and every
/// `#fragment` to an id of its page.
pub fn unresolved_links(out: &Path, pages: &[PathBuf]) -> Vec<String> {
    let mut problems = Vec::new();
    let mut page_ids: HashMap<PathBuf, std::collections::HashSet<String>> = HashMap::new();
    for page in pages {
        let html = std::fs::read_to_string(page).unwrap();
        for reference in references(&html) {
            let first = reference.split(['/', '?', '#']).next().unwrap_or("");
            if first.contains(':') || reference.starts_with("//") {
                continue; // absolute URL
            }
            let (path, fragment) = match reference.split_once('#') {
                Some((path, fragment)) => (path, Some(fragment)),
                None => (reference.as_str(), None),
            };
            let path = path.split('?').next().unwrap_or("");
            let target = if path.is_empty() {
                page.clone()
            } else if let Some(rooted) = path.strip_prefix('/') {
                out.join(percent_decoded(rooted))
            } else {
                page.parent().unwrap().join(percent_decoded(path))
            };
            let Ok(target) = target.canonicalize() else {
                problems.push(format!("{}: `{reference}` leads nowhere", page.display()));
                continue;
            };
            if !target.starts_with(out.canonicalize().unwrap()) {
                problems.push(format!("{}: `{reference}` leaves the site", page.display()));
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            if target.extension().is_some_and(|e| e == "html") {
                let ids = page_ids
                    .entry(target.clone())
                    .or_insert_with(|| ids(&std::fs::read_to_string(&target).unwrap_or_default()));
                if !ids.contains(&percent_decoded(fragment)) {
                    problems.push(format!("{}: `{reference}`: no such id", page.display()));
                }
            }
        }
    }
    problems
}

/// `sitemap.xml` is well-formed, lists pages that exist, and each entry's
/// `xhtml:link` alternates name pages that exist, with `x-default`.
fn sitemap_problems(out: &Path) -> Vec<String> {
    let Ok(xml) = std::fs::read_to_string(out.join("sitemap.xml")) else {
        return vec!["no sitemap.xml".into()];
    };
    let document = match roxmltree::Document::parse(&xml) {
        Ok(document) => document,
        Err(error) => return vec![format!("sitemap.xml is not well-formed: {error}")],
    };
    let mut problems = Vec::new();
    // Without base-url, sitemap URLs are root-relative.
    let exists = |url: &str| {
        url.strip_prefix('/')
            .is_some_and(|rel| out.join(rel).is_file())
    };
    for entry in document.descendants().filter(|n| n.has_tag_name("url")) {
        let loc = entry
            .children()
            .find(|n| n.has_tag_name("loc"))
            .and_then(|n| n.text())
            .unwrap_or("");
        if !loc.starts_with("http") && !exists(loc) {
            problems.push(format!("sitemap.xml: `{loc}` is not a page"));
        }
        let alternates: Vec<(&str, &str)> = entry
            .children()
            .filter(|n| n.has_tag_name("link"))
            .map(|n| {
                (
                    n.attribute("hreflang").unwrap_or(""),
                    n.attribute("href").unwrap_or(""),
                )
            })
            .collect();
        if !alternates.iter().any(|(lang, _)| *lang == "x-default") {
            problems.push(format!("sitemap.xml: `{loc}` has no x-default"));
        }
        for (lang, href) in alternates {
            if !href.starts_with("http") && !exists(href) {
                problems.push(format!(
                    "sitemap.xml: `{loc}` alternate {lang} `{href}` is not a page"
                ));
            }
        }
    }
    problems
}
