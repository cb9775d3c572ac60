//! `helpc serve`: the site on 127.0.0.1, rebuilt on change, with the
//! live-reload endpoint pages poll.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a panic in a test is a failed test

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// (status, head, body) of a request on 127.0.0.1 with the given `Host`.
fn request(port: u16, method: &str, path: &str, host: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("the server accepts");
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    write!(
        stream,
        "{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut response = Vec::new();
    stream.read_to_end(&mut response).unwrap();
    let response = String::from_utf8_lossy(&response).into_owned();
    let status = response
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = response
        .split_once("\r\n\r\n")
        .map(|(head, body)| (head.to_string(), body.to_string()))
        .unwrap_or_default();
    (status, head.to_ascii_lowercase(), body)
}

/// (status, body) of a GET on 127.0.0.1, as a browser sends it.
fn get(port: u16, path: &str) -> (u16, String) {
    let (status, _, body) = request(port, "GET", path, &format!("127.0.0.1:{port}"));
    (status, body)
}

/// Starts `helpc serve content --out site` in `dir`; returns it and its port.
fn start(dir: &std::path::Path) -> (Running, u16) {
    let (running, port, _) = start_with(dir, &[]);
    (running, port)
}

/// [`start`] with more arguments; also returns what the server has
/// printed on standard error so far, kept as it comes.
fn start_with(
    dir: &std::path::Path,
    more: &[&str],
) -> (Running, u16, std::sync::Arc<std::sync::Mutex<Vec<String>>>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_helpc"))
        .current_dir(dir)
        .args(["serve", "content", "--out", "site", "--port", "0"])
        .args(more)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let running = Running(child);
    let mut lines = BufReader::new(stderr).lines();
    let port: u16 = loop {
        let line = lines
            .next()
            .expect("serve prints where it listens")
            .unwrap();
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest
                .trim_end_matches(|c: char| !c.is_ascii_digit())
                .split('/')
                .next()
                .unwrap()
                .parse()
                .unwrap();
        }
    };
    // Keep reading standard error so the server never blocks on it.
    let printed = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let kept = std::sync::Arc::clone(&printed);
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            kept.lock().unwrap().push(line);
        }
    });
    (running, port, printed)
}

/// A temporary folder holding a copy of the project's sample content;
/// returns it and the copy's path.
fn sample_copy() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    common::copy_tree(&common::project().join("content"), &content);
    (dir, content)
}

/// Waits until the generation is no longer `seen`; returns the new one.
fn next_generation(port: u16, seen: &str) -> String {
    let start = Instant::now();
    loop {
        let (_, generation) = get(port, "/__helpc/generation");
        if generation != seen {
            return generation;
        }
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no rebuild after the change"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn tree(dir: &std::path::Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|f| f.file_type().is_file())
        .map(|f| {
            let rel = f
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(f.path()).unwrap())
        })
        .collect()
}

/// Rebuilds keep the last build in memory: after several edits the site is
/// the one a build from scratch makes, and the cache it saved says so (the
/// next `helpc build` finds nothing to do).
#[test]
fn rebuilds_from_memory_give_the_site_a_fresh_build_gives() {
    let (dir, content) = sample_copy();
    let (running, port) = start(dir.path());
    let mut seen = get(port, "/__helpc/generation").1;
    let edit = |path: &str, from: &str, to: &str| {
        let path = content.join(path);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{from} in {}", path.display());
        std::fs::write(&path, text.replacen(from, to, 1)).unwrap();
    };
    for (path, from, to) in [
        ("fr-FR/getting-started.md", "title: ", "title: Un · "),
        ("ja-JP/configuration.md", "title: ", "title: 二 · "),
        (
            "fr-FR/getting-started.md",
            "title: Un · ",
            "title: Trois · ",
        ),
        (
            "fr-FR/guides/troubleshooting.md",
            "title: ",
            "title: Quatre · ",
        ),
    ] {
        edit(path, from, to);
        seen = next_generation(port, &seen);
        let (_, page) = get(port, "/fr-fr/getting-started.html");
        assert!(page.contains("<title>"), "{page}");
    }
    wait_for_the_saved_cache(dir.path());
    drop(running);
    let output = common::helpc(
        dir.path(),
        &["build", "content", "--out", "site", "--format", "json"],
    );
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["build"]["unchanged"], true, "{report}");
    assert_the_site_is_a_fresh_builds(dir.path());
}

/// The last rebuild saves its cache after the reload is announced, the
/// state last: waits for it.
fn wait_for_the_saved_cache(dir: &std::path::Path) {
    let state = dir.join(".site.helpc-cache/state.bin");
    let start = Instant::now();
    while !state.is_file() {
        assert!(start.elapsed() < Duration::from_secs(30), "no cache saved");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// `site` holds what `helpc build content --no-cache` makes.
fn assert_the_site_is_a_fresh_builds(dir: &std::path::Path) {
    common::helpc(dir, &["build", "content", "--out", "scratch", "--no-cache"]);
    assert_eq!(tree(&dir.join("site")), tree(&dir.join("scratch")));
}

/// A rebuild keeps the last plan while only the text of Markdown files the
/// plan knows changed, and plans again when a file is created or removed;
/// the site ends as a build from scratch makes it.
#[test]
fn the_plan_is_kept_only_while_known_files_change() {
    let (dir, content) = sample_copy();
    let (running, port, printed) = start_with(dir.path(), &["-v"]);
    let kept_plans = || {
        let printed = printed.lock().unwrap();
        printed.iter().filter(|l| l.contains("plan: kept")).count()
    };
    let mut seen = get(port, "/__helpc/generation").1;
    let mut rebuild = |change: &dyn Fn()| {
        // The first build's report is printed after its pages are told.
        std::thread::sleep(Duration::from_millis(300));
        let before = kept_plans();
        change();
        seen = next_generation(port, &seen);
        // The plan's line comes before the pages are told.
        kept_plans() > before
    };
    let article = content.join("fr-FR/getting-started.md");
    let text = std::fs::read_to_string(&article).unwrap();
    let retitled = |title: &str| text.replacen("title: ", &format!("title: {title} · "), 1);

    let edited = rebuild(&|| std::fs::write(&article, retitled("Un")).unwrap());
    assert!(edited, "an article's text changed: the plan is kept");
    assert!(get(port, "/fr-fr/getting-started.html").1.contains("Un · "));

    let added = content.join("fr-FR/added-article.md");
    let created = rebuild(&|| std::fs::write(&added, retitled("Nouveau")).unwrap());
    assert!(!created, "a file was created: the content is planned again");
    let (status, page) = get(port, "/fr-fr/added-article.html");
    assert_eq!(status, 200);
    assert!(page.contains("Nouveau · "), "{page}");

    let edited_new = rebuild(&|| std::fs::write(&added, retitled("Encore")).unwrap());
    assert!(edited_new, "the new article is known to the new plan");
    assert!(
        get(port, "/fr-fr/added-article.html")
            .1
            .contains("Encore · ")
    );

    let removed = rebuild(&|| std::fs::remove_file(&added).unwrap());
    assert!(!removed, "a file was removed: the content is planned again");
    assert_eq!(get(port, "/fr-fr/added-article.html").0, 404);

    wait_for_the_saved_cache(dir.path());
    drop(running);
    assert_the_site_is_a_fresh_builds(dir.path());
}

#[test]
fn serves_the_site_and_rebuilds_on_change() {
    let (dir, content) = sample_copy();
    let (running, port) = start(dir.path());

    let (status, home) = get(port, "/");
    assert_eq!(status, 200);
    assert!(
        home.contains("<script src=\"/__helpc/reload.js\"></script>"),
        "pages carry the reload script"
    );
    let (status, script) = get(port, "/__helpc/reload.js");
    assert_eq!(status, 200);
    assert!(script.contains("/__helpc/generation"));

    // Only this server's own names, only GET and HEAD, and safe headers.
    for host in [
        format!("localhost:{port}"),
        format!("[::1]:{port}"),
        format!("127.0.0.1:{port}"),
    ] {
        assert_eq!(request(port, "GET", "/", &host).0, 200, "{host}");
    }
    for host in [
        format!("rebind.example:{port}"),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
    ] {
        let (status, _, body) = request(port, "GET", "/", &host);
        assert_eq!(status, 421, "{host}");
        assert!(!body.contains("<html"), "{host}");
    }
    for method in ["POST", "PUT", "DELETE", "OPTIONS"] {
        let (status, head, _) = request(port, method, "/", &format!("127.0.0.1:{port}"));
        assert_eq!(status, 405, "{method}");
        assert!(head.contains("allow: get, head"), "{head}");
    }
    let (status, head, body) = request(port, "HEAD", "/", &format!("127.0.0.1:{port}"));
    assert_eq!(status, 200);
    assert!(body.is_empty());
    assert!(head.contains("content-length:"), "{head}");
    let (_, head, _) = request(port, "GET", "/", &format!("127.0.0.1:{port}"));
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    assert!(
        head.contains("content-security-policy: default-src 'self'; script-src 'self';"),
        "{head}"
    );
    assert!(head.contains("referrer-policy: no-referrer"), "{head}");
    let (status, head, _) = request(port, "GET", "/missing", &format!("evil.example:{port}"));
    assert_eq!(status, 421);
    assert!(head.contains("x-content-type-options: nosniff"), "{head}");
    let (status, page) = get(port, "/fr-fr/getting-started.html");
    assert_eq!(status, 200);
    assert!(page.contains("Bien démarrer avec helpc"));
    assert_eq!(
        get(port, "/fr-fr/").0,
        200,
        "folders serve their index.html"
    );
    assert_eq!(get(port, "/nothing-here.html").0, 404);
    assert_eq!(get(port, "/../../etc/passwd").0, 404);
    let (status, first) = get(port, "/__helpc/generation");
    assert_eq!(status, 200);

    // Edit an article: the site is rebuilt and the generation moves on.
    let article = content.join("fr-FR/getting-started.md");
    let text = std::fs::read_to_string(&article).unwrap();
    std::fs::write(
        &article,
        text.replace(
            "title: Bien démarrer avec helpc",
            "title: Premiers pas modifiés",
        ),
    )
    .unwrap();
    next_generation(port, &first);
    let (_, page) = get(port, "/fr-fr/getting-started.html");
    assert!(
        page.contains("Premiers pas modifiés"),
        "the page shows the change"
    );
    drop(running);
}
