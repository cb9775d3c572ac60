//! The hostile sample site (`tests/fixtures/hostile`): script vectors in
//! Markdown links, raw HTML (OWASP filter-evasion families), front matter,
//! TOC entries, includes, SVG media and file names, and includes through
//! links to files outside the content. Built in every mode, at default
//! levels and with each error rule allowed, no output may hold a URL a
//! browser reads as script, an event handler, an active element, a
//! script-bearing SVG, or a byte of the file outside the content.
//!
//! The checks here read the output as a browser would and are written
//! independently of `helpc::url`, so they can catch its mistakes.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::path::{Path, PathBuf};

use html5ever::tendril::TendrilSink;
use markup5ever_rcdom::{Handle, NodeData, RcDom};

const SECRET: &str = "SECRET-OUTSIDE-TOKEN";

/// The fixture copied into `dir`, with what git cannot hold portably:
/// file names that are script URLs or markup, and links leading out.
pub fn hostile_site(dir: &Path) -> PathBuf {
    let content = dir.join("content");
    common::copy_tree(
        &common::project().join("tests/fixtures/hostile/content"),
        &content,
    );
    let outside = dir.join("outside");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::write(
        outside.join("secret.md"),
        format!("---\ntitle: {SECRET}\n---\n{SECRET}\n"),
    )
    .unwrap();
    std::os::unix::fs::symlink(&outside, content.join("fr-FR/includes/outside")).unwrap();
    std::os::unix::fs::symlink(
        outside.join("secret.md"),
        content.join("fr-FR/includes/secret-link.md"),
    )
    .unwrap();
    let page = |title: &str| format!("---\ntitle: {title}\nms.contentlocale: fr-FR\n---\nTexte.\n");
    std::fs::write(content.join("fr-FR/javascript:alert('n1').md"), page("n1")).unwrap();
    std::fs::create_dir_all(content.join("fr-FR/javascript:alert('n2')")).unwrap();
    std::fs::write(
        content.join("fr-FR/javascript:alert('n2')/page.md"),
        page("n2"),
    )
    .unwrap();
    std::fs::write(
        content.join("fr-FR/\"><img src=x onerror=alert('n3')>.md"),
        page("n3"),
    )
    .unwrap();
    content
}

/// The scheme a browser reads in `url` (WHATWG: C0 controls and spaces
/// trimmed, tabs and newlines removed), lower-case.
fn browser_scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (scheme, _) = url.split_once(':')?;
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c));
    valid.then(|| scheme.to_ascii_lowercase())
}

/// What is wrong with a URL found in an output.
fn url_problem(url: &str, image: bool) -> Option<String> {
    match browser_scheme(url).as_deref() {
        None | Some("http" | "https" | "mailto") => None,
        Some("data") if image => {
            let lower = url.trim().to_ascii_lowercase();
            (![
                "data:image/png",
                "data:image/gif",
                "data:image/jpeg",
                "data:image/webp",
            ]
            .iter()
            .any(|p| lower.starts_with(p)))
            .then(|| format!("data URL `{url}`"))
        }
        Some(other) => Some(format!("`{other}:` URL `{url}`")),
    }
}

const URL_ATTRIBUTES: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "poster",
    "background",
    "data",
    "cite",
    "srcset",
    "xlink:href",
    "longdesc",
    "dynsrc",
    "lowsrc",
    "ping",
];

/// Problems of one HTML document (a page, or an article's JSON `html`).
fn html_problems(html: &str) -> Vec<String> {
    let dom = html5ever::parse_document(RcDom::default(), Default::default()).one(html);
    let mut problems = Vec::new();
    walk(&dom.document, &mut problems);
    problems
}

fn walk(node: &Handle, problems: &mut Vec<String>) {
    if let NodeData::Element { name, attrs, .. } = &node.data {
        let element = name.local.to_string().to_ascii_lowercase();
        let attributes: Vec<(String, String)> = attrs
            .borrow()
            .iter()
            .map(|a| {
                (
                    a.name.local.to_string().to_ascii_lowercase(),
                    a.value.to_string(),
                )
            })
            .collect();
        let value = |key: &str| {
            attributes
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.as_str())
        };
        match element.as_str() {
            "script" => {
                let inline: String = node
                    .children
                    .borrow()
                    .iter()
                    .filter_map(|c| match &c.data {
                        NodeData::Text { contents } => Some(contents.borrow().to_string()),
                        _ => None,
                    })
                    .collect();
                if !value("src").is_some_and(|s| s.ends_with("assets/helpc.js"))
                    || !inline.trim().is_empty()
                {
                    problems.push(format!("a <script> ({:?}, {inline:?})", value("src")));
                }
            }
            "iframe" | "object" | "embed" | "base" | "style" | "applet" | "frame" | "frameset"
            | "svg" | "math" => {
                problems.push(format!("a <{element}>"));
            }
            "meta" if value("http-equiv").is_some() => problems.push("a <meta http-equiv>".into()),
            "link" => {
                let rel = value("rel").unwrap_or_default().to_ascii_lowercase();
                if !matches!(
                    rel.as_str(),
                    "stylesheet" | "icon" | "canonical" | "alternate"
                ) {
                    problems.push(format!("a <link rel={rel:?}>"));
                }
            }
            _ => {}
        }
        for (key, value) in &attributes {
            if key.starts_with("on") {
                problems.push(format!("an event handler `{key}` on <{element}>"));
            }
            if URL_ATTRIBUTES.contains(&key.as_str())
                && let Some(problem) = url_problem(value, element == "img" && key == "src")
            {
                problems.push(format!("{problem} in <{element} {key}>"));
            }
            if key == "style" {
                let folded = value.to_ascii_lowercase().replace(char::is_whitespace, "");
                if ["expression(", "javascript:", "url(", "@import"]
                    .iter()
                    .any(|p| folded.contains(p))
                {
                    problems.push(format!("style `{value}` on <{element}>"));
                }
            }
        }
    }
    for child in node.children.borrow().iter() {
        walk(child, problems);
    }
}

fn svg_problems(svg: &str) -> Vec<String> {
    let lower = svg.to_ascii_lowercase();
    let mut problems = Vec::new();
    for banned in [
        "<script",
        "foreignobject",
        "javascript:",
        "<animate",
        "<set",
        "@import",
        "<iframe",
        "<html",
    ] {
        if lower.contains(banned) {
            problems.push(format!("`{banned}` in an SVG"));
        }
    }
    let mut rest = lower.as_str();
    while let Some(at) = rest.find(" on") {
        let name: String = rest[at + 1..]
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if rest[at + 1 + name.len()..].trim_start().starts_with('=') {
            problems.push(format!("`{name}=` in an SVG"));
        }
        rest = &rest[at + 3..];
    }
    for quote in lower.split("href=\"").skip(1) {
        let target = quote.split('"').next().unwrap_or_default();
        if !target.starts_with('#') && !target.starts_with("data:image/png") {
            problems.push(format!("an SVG reference to `{target}`"));
        }
    }
    problems
}

/// URLs in JSON string values under keys that hold them.
fn json_problems(value: &serde_json::Value, key: &str, problems: &mut Vec<String>) {
    match value {
        serde_json::Value::String(text) => {
            if key == "html" || key == "english_html" {
                problems.extend(html_problems(text));
            } else if matches!(key, "url" | "href") || key.starts_with("alternate") {
                problems.extend(url_problem(text, false));
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                json_problems(item, key, problems);
            }
        }
        serde_json::Value::Object(map) => {
            for (k, v) in map {
                let key = if key == "alternates" {
                    "alternate"
                } else {
                    k.as_str()
                };
                json_problems(v, key, problems);
            }
        }
        _ => {}
    }
}

/// Every problem of an output folder, `file: problem`.
pub fn output_problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in walkdir::WalkDir::new(out).into_iter().flatten() {
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.path();
        let bytes = std::fs::read(path).unwrap();
        let text = String::from_utf8_lossy(&bytes);
        let name = path.strip_prefix(out).unwrap().display().to_string();
        let mut found = Vec::new();
        if text.contains(SECRET) {
            found.push("bytes of the file outside the content".to_string());
        }
        match path
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or_default()
        {
            "html" => found.extend(html_problems(&text)),
            "svg" if !name.starts_with("assets/") => found.extend(svg_problems(&text)),
            "json" => {
                let value: serde_json::Value = serde_json::from_str(&text).unwrap();
                if name.ends_with("search.json") {
                    // `docs`: [title, url, excerpt]; the script resolves the url below the index.
                    for doc in value["docs"].as_array().into_iter().flatten() {
                        let url = doc[1].as_str().unwrap_or_default();
                        found.extend(url_problem(url, false));
                    }
                } else {
                    json_problems(&value, "", &mut found);
                }
            }
            "xml" => {
                for part in text
                    .split("<loc>")
                    .skip(1)
                    .chain(text.split("href=\"").skip(1))
                {
                    let url = part.split(['<', '"']).next().unwrap_or_default();
                    found.extend(url_problem(url, false));
                }
            }
            _ => {}
        }
        problems.extend(found.into_iter().map(|p| format!("{name}: {p}")));
    }
    problems
}

fn error_rules() -> Vec<String> {
    let output = common::helpc(&common::project(), &["rules"]);
    common::stdout(&output)
        .lines()
        .filter_map(|line| {
            let mut words = line.split_whitespace();
            let name = words.next()?;
            (words.next() == Some("error")).then(|| name.to_string())
        })
        .collect()
}

#[test]
fn the_checks_of_this_test_find_what_they_look_for() {
    let bad = "<html><body><a href=\" java\tscript:x\">a</a><img src=x onerror=y>\
               <a href=\"&#1;data:text/html,x\">b</a><script>alert(1)</script><iframe></iframe>\
               <div style=\"background:url(javascript:x)\"></div></body></html>";
    let found = html_problems(bad);
    assert_eq!(found.len(), 6, "{found:?}");
    assert!(url_problem("fr-fr/javascript%3Ax.html", false).is_none());
    assert!(url_problem("fr-fr/x.html", false).is_none());
    assert!(url_problem("javascript:x.html", false).is_some());
    assert!(url_problem("data:image/png;base64,AA", true).is_none());
    assert!(url_problem("data:image/png;base64,AA", false).is_some());
    assert_eq!(
        svg_problems("<svg onload = \"x\"><a href=\"https://x\"/></svg>").len(),
        2
    );
}

#[test]
fn no_output_of_the_hostile_site_runs_script_or_leaks_outside_files() {
    let dir = tempfile::tempdir().unwrap();
    let content = hostile_site(dir.path());
    let content = content.to_str().unwrap();
    let rules = error_rules();
    assert!(rules.len() >= 10, "{rules:?}");
    let mut levels: Vec<Vec<String>> = vec![Vec::new()];
    levels.extend(
        rules
            .iter()
            .map(|rule| vec!["-A".to_string(), rule.clone()]),
    );
    levels.push(
        rules
            .iter()
            .flat_map(|r| ["-A".to_string(), r.clone()])
            .collect(),
    );
    let modes: [&[&str]; 3] = [
        &["build", "--mode", "target"],
        &["build", "--mode", "bilingual", "--emit", "html,json"],
        &["review"],
    ];
    let mut problems = Vec::new();
    let mut pages = 0;
    for (n, level) in levels.iter().enumerate() {
        for (m, mode) in modes.iter().enumerate() {
            let out = dir.path().join(format!("out-{n}-{m}"));
            let mut args: Vec<&str> = mode.to_vec();
            args.extend([content, "--out", out.to_str().unwrap()]);
            args.extend(level.iter().map(String::as_str));
            let output = common::helpc(dir.path(), &args);
            let stderr = String::from_utf8_lossy(&output.stderr);
            assert!(
                matches!(output.status.code(), Some(0 | 1)) && !stderr.contains("panicked"),
                "{args:?}: {stderr}"
            );
            pages += common::files_with_extension(&out, "html").len();
            problems.extend(
                output_problems(&out)
                    .into_iter()
                    .map(|p| format!("{} {}: {p}", mode.join(" "), level.join(" "))),
            );
            std::fs::remove_dir_all(&out).unwrap();
        }
    }
    assert!(pages > 500, "the builds wrote pages: {pages}");
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn the_hostile_vectors_are_reported_and_refusals_hold_whatever_the_levels() {
    let dir = tempfile::tempdir().unwrap();
    let content = hostile_site(dir.path());
    let output = common::helpc(
        dir.path(),
        &["check", content.to_str().unwrap(), "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let count = |rule: &str, path: &str| {
        report["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["rule"] == rule && d["path"].as_str().unwrap().starts_with(path))
            .count()
    };
    // Script links in the Markdown article: targets, sources and text between, each reported.
    assert!(count("markup-unsafe", "fr-FR/attack-markdown.md") >= 30);
    // Every unsafe TOC entry.
    assert_eq!(count("toc-invalid", "fr-FR/TOC.yml"), 10);
    // The links that lead outside the content, and the SVGs.
    assert_eq!(count("include-outside-root", "fr-FR/includes/"), 2);
    assert_eq!(count("media-unsafe", "fr-FR/media/"), 2);

    // Allowing every rule lowers the reports, never the refusals.
    let out = dir.path().join("allowed");
    let mut args = vec![
        "build",
        content.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--mode",
        "bilingual",
    ];
    let names: Vec<String> = [
        "markup-unsafe",
        "toc-invalid",
        "media-unsafe",
        "include-outside-root",
        "include-missing",
    ]
    .into_iter()
    .map(String::from)
    .collect();
    for name in &names {
        args.extend(["-A", name.as_str()]);
    }
    let output = common::helpc(dir.path(), &args);
    assert!(matches!(output.status.code(), Some(0 | 1)));
    assert!(output_problems(&out).is_empty());
    // The unsafe SVG is published sanitised, the one that is no SVG not at all.
    let svg = std::fs::read_to_string(out.join("fr-fr/media/evil.svg")).unwrap();
    assert!(svg.contains("<rect") && !svg.contains("script"), "{svg}");
    assert!(!out.join("fr-fr/media/not-svg.svg").exists());
    // The page named like a script URL is a page, reached through an encoded link.
    assert!(out.join("fr-fr/javascript:alert('n1').html").is_file());
    let index = std::fs::read_to_string(out.join("fr-fr/index.html")).unwrap();
    assert!(index.contains("href=\"../fr-fr/javascript%3Aalert(%27n1%27).html\""));
}
