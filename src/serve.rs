//! `helpc serve`: builds the site, serves it on 127.0.0.1, rebuilds when
//! the content, templates, UI strings or configuration change, and makes
//! open pages reload themselves after each rebuild.
//!
//! Changes are found by polling the watched folders' file times: no
//! platform watcher to set up, and a scan of the 14,500-file corpus takes
//! a few milliseconds. Pages learn of a rebuild by polling a tiny endpoint
//! (`/__helpc/generation`), which works in every browser without sockets.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

use tiny_http::{Header, Request, Response, Server};

/// How often the watched folders are scanned.
const SCAN_EVERY: Duration = Duration::from_millis(400);

/// The endpoint pages poll; its answer changes after every rebuild.
const GENERATION_PATH: &str = "/__helpc/generation";

/// Added before `</body>` of every HTML page served.
const RELOAD_SCRIPT: &str = "<script>\n(function () {\n  var seen = null;\n  function poll() {\n    fetch(\"/__helpc/generation\", { cache: \"no-store\" })\n      .then(function (r) { return r.text(); })\n      .then(function (generation) {\n        if (seen !== null && generation !== seen) location.reload();\n        seen = generation;\n      })\n      .catch(function () {})\n      .then(function () { setTimeout(poll, 500); });\n  }\n  poll();\n})();\n</script>\n";

/// What `serve` needs: where the site is built, what to watch, and how to
/// build it (the build reports its own diagnostics and summary).
pub struct Serve<'a> {
    pub port: u16,
    pub site: &'a Path,
    pub watched: Vec<PathBuf>,
    pub build: &'a dyn Fn() -> Result<(), String>,
}

impl Serve<'_> {
    /// Serves until the process is stopped. Fails only when the first build
    /// fails to run or the port cannot be bound.
    pub fn run(self) -> Result<(), String> {
        (self.build)()?;
        let server = Server::http(("127.0.0.1", self.port))
            .map_err(|e| format!("cannot listen on 127.0.0.1:{}: {e}", self.port))?;
        let address = server
            .server_addr()
            .to_ip()
            .map_or_else(|| format!("127.0.0.1:{}", self.port), |a| a.to_string());
        eprintln!(
            "serving `{}` on http://{address}/ (Ctrl-C to stop)",
            self.site.display()
        );
        let generation = Arc::new(AtomicU64::new(1));
        let server = Arc::new(server);
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let server = Arc::clone(&server);
                let generation = Arc::clone(&generation);
                let site = self.site.to_path_buf();
                std::thread::spawn(move || {
                    for request in server.incoming_requests() {
                        answer(request, &site, &generation);
                    }
                })
            })
            .collect();
        let mut fingerprint = crate::cache::fingerprint(&self.watched);
        loop {
            std::thread::sleep(SCAN_EVERY);
            let now = crate::cache::fingerprint(&self.watched);
            if now == fingerprint {
                continue;
            }
            fingerprint = now;
            eprintln!("change found: rebuilding");
            if let Err(error) = (self.build)() {
                eprintln!("error: {error}");
            }
            generation.fetch_add(1, Ordering::SeqCst);
            if workers.iter().all(|w| w.is_finished()) {
                return Err("the server stopped".into());
            }
        }
    }
}

fn answer(request: Request, site: &Path, generation: &AtomicU64) {
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    if path == GENERATION_PATH {
        let body = generation.load(Ordering::SeqCst).to_string();
        let _ = request.respond(
            Response::from_string(body)
                .with_header(header("Content-Type", "text/plain"))
                .with_header(header("Cache-Control", "no-store")),
        );
        return;
    }
    let file = match resolve(site, path) {
        Some(file) => file,
        None => {
            let _ = request.respond(
                Response::from_string("not found\n")
                    .with_status_code(404)
                    .with_header(header("Content-Type", "text/plain; charset=utf-8")),
            );
            return;
        }
    };
    let Ok(bytes) = std::fs::read(&file) else {
        let _ = request.respond(Response::from_string("cannot read\n").with_status_code(500));
        return;
    };
    let kind = content_type(&file);
    let body = if kind.starts_with("text/html") {
        with_reload_script(bytes)
    } else {
        bytes
    };
    let _ = request.respond(
        Response::from_data(body)
            .with_header(header("Content-Type", kind))
            .with_header(header("Cache-Control", "no-store")),
    );
}

/// The file a URL path names inside `site`: `index.html` for folders;
/// `None` for what is not there or would leave the site.
fn resolve(site: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut file = site.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => file.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    file.is_file().then_some(file)
}

fn percent_decode(path: &str) -> Option<String> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn with_reload_script(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_SCRIPT}{}", &text[..at], &text[at..]).into_bytes(),
        None => html,
    }
}

fn content_type(file: &Path) -> &'static str {
    let extension = file
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "mp3" => "audio/mpeg",
        _ => "application/octet-stream",
    }
}

/// Names and values are ASCII constants of this file, never input.
fn header(name: &'static str, value: &'static str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("ASCII header constants")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_stay_inside_the_site() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("fr-fr")).unwrap();
        std::fs::write(dir.path().join("fr-fr/index.html"), "x").unwrap();
        std::fs::write(dir.path().join("fr-fr/a b.html"), "x").unwrap();
        assert_eq!(
            resolve(dir.path(), "/fr-fr/"),
            Some(dir.path().join("fr-fr/index.html"))
        );
        assert_eq!(
            resolve(dir.path(), "/fr-fr/a%20b.html"),
            Some(dir.path().join("fr-fr/a b.html"))
        );
        assert_eq!(resolve(dir.path(), "/../etc/passwd"), None);
        assert_eq!(resolve(dir.path(), "/fr-fr/%2e%2e/%2e%2e/x"), None);
        assert_eq!(resolve(dir.path(), "/missing.html"), None);
    }

    #[test]
    fn the_reload_script_goes_before_the_body_end() {
        let html = with_reload_script(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("/__helpc/generation"));
        assert!(html.ends_with("</script>\n</body></html>"));
    }
}
