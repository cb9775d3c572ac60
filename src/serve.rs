//! `helpc serve`: builds the site, serves it on 127.0.0.1, rebuilds when
//! the content, templates, UI strings or configuration change, and makes
//! open pages reload themselves after each rebuild.
//!
//! Changes are found by the platform's file watcher (`notify`: inotify,
//! FSEvents, ReadDirectoryChanges), with a scan of the watched folders'
//! file times every few seconds as a safety net, or, where no watcher can
//! be set up, as the only way. Pages learn of a rebuild from a tiny
//! endpoint (`/__helpc/generation?seen=N`) that answers as soon as the
//! generation is no longer N (a long poll: no sockets, every browser),
//! and the generation moves on the moment the new site is in place.

use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server};

/// How often the watched folders are scanned without a watcher.
const SCAN_EVERY: Duration = Duration::from_millis(400);

/// How often they are scanned with one, for what a watcher can miss (a
/// folder created after the start, a network file system).
const SCAN_WITH_WATCHER_EVERY: Duration = Duration::from_secs(3);

/// A save is over when no event came for this long (editors write a
/// temporary file, then rename it, within a few milliseconds).
const SETTLE: Duration = Duration::from_millis(10);

/// The longest a save's events are gathered before the rebuild starts
/// anyway (a tool writing many files).
const SETTLE_AT_MOST: Duration = Duration::from_millis(300);

/// How long a page's question waits for a new generation before the
/// answer "still the same".
const LONG_POLL: Duration = Duration::from_secs(25);

/// At most this many questions wait at once; beyond, they are answered at
/// once and the pages ask again later.
const MAX_WAITING: usize = 64;

/// The endpoint pages poll; its answer changes after every rebuild.
const GENERATION_PATH: &str = "/__helpc/generation";

/// The live-reload script, served from the server's own path so the
/// Content-Security-Policy can forbid every inline script.
const RELOAD_PATH: &str = "/__helpc/reload.js";

/// Added before `</body>` of every HTML page served.
const RELOAD_TAG: &str = "<script src=\"/__helpc/reload.js\"></script>\n";

/// Scripts only from the site itself (its `assets/helpc.js` and the reload
/// script); no plug-ins, no framing of the preview, no form posts elsewhere.
const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; media-src 'self'; frame-src https://www.youtube-nocookie.com https://www.youtube.com https://youtube.com https://player.vimeo.com https://www.microsoft.com https://learn.microsoft.com https://web.microsoftstream.com https://microsoftstream.com; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// Asks for the generation, then asks again with the one it knows: the
/// server answers when it changes (or after `LONG_POLL`), and the page
/// reloads. After a failed question (server restarting), waits a second.
const RELOAD_SCRIPT: &str = "(function () {\n  var seen = null;\n  function poll() {\n    var url = \"/__helpc/generation\" + (seen === null ? \"\" : \"?seen=\" + encodeURIComponent(seen));\n    fetch(url, { cache: \"no-store\" })\n      .then(function (r) { return r.text(); })\n      .then(function (generation) {\n        if (seen !== null && generation !== seen) { location.reload(); return; }\n        seen = generation;\n        setTimeout(poll, 0);\n      })\n      .catch(function () { setTimeout(poll, 1000); });\n  }\n  poll();\n})();\n";

/// A build's error, whatever its kind (the command's own).
pub type BoxError = Box<dyn std::error::Error + Send + Sync>;

/// What changed since the last build, as far as the watcher can tell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Changes {
    /// Only the contents (or times) of these existing files: none was
    /// created, removed or renamed.
    Modified(Vec<PathBuf>),
    /// Anything: the first build, files created, removed or renamed, a
    /// change found by the scan, an event the watcher could not describe.
    Any,
}

impl Changes {
    fn add(&mut self, change: Option<PathBuf>) {
        match (&mut *self, change) {
            (Changes::Modified(paths), Some(path)) => {
                if !paths.contains(&path) {
                    paths.push(path);
                }
            }
            _ => *self = Changes::Any,
        }
    }
}

/// A build of the site, told what changed and what to call once the new
/// site is in place.
pub type Build<'a> = dyn Fn(&Changes, &(dyn Fn() + Sync)) -> Result<(), BoxError> + 'a;

/// What `serve` needs: where the site is built, what to watch, and how to
/// build it (the build reports its own diagnostics and summary).
pub struct Serve<'a> {
    pub port: u16,
    pub site: &'a Path,
    pub watched: Vec<PathBuf>,
    /// Builds the site; calls its argument once the new site is in place
    /// (before the build's own reporting and cache saving).
    pub build: &'a Build<'a>,
}

/// The site's generation: moves on after every rebuild; questions wait on it.
#[derive(Default)]
struct Generation {
    value: Mutex<u64>,
    changed: Condvar,
    waiting: AtomicUsize,
}

impl Generation {
    fn get(&self) -> u64 {
        self.value.lock().map_or(0, |v| *v)
    }

    fn advance(&self) {
        if let Ok(mut value) = self.value.lock() {
            *value += 1;
        }
        self.changed.notify_all();
    }

    /// The generation once it is not `seen`, or `seen` after `timeout`.
    fn after(&self, seen: u64, timeout: Duration) -> u64 {
        let Ok(value) = self.value.lock() else {
            return seen;
        };
        self.changed
            .wait_timeout_while(value, timeout, |v| *v == seen)
            .map_or(seen, |(v, _)| *v)
    }
}

/// The platform's watcher over `paths` (those that exist), sending each
/// change: the path of a file whose contents or times changed, `None` for
/// any other change; `None` when no watcher can be set up.
fn watch(paths: &[PathBuf]) -> Option<(notify::RecommendedWatcher, Receiver<Option<PathBuf>>)> {
    use notify::event::ModifyKind;
    use notify::{EventKind, RecursiveMode, Watcher};
    let (sender, receiver) = std::sync::mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        match event {
            // Events were lost (a full queue): anything may differ.
            Ok(e) if e.need_rescan() => {
                let _ = sender.send(None);
            }
            // Reading a file is no change: the build itself reads them all.
            Ok(e) if matches!(e.kind, EventKind::Access(_) | EventKind::Other) => {}
            Ok(e)
                if matches!(
                    e.kind,
                    EventKind::Modify(ModifyKind::Data(_) | ModifyKind::Metadata(_))
                ) && e.paths.len() == 1 =>
            {
                let _ = sender.send(e.paths.into_iter().next());
            }
            // Created, removed, renamed, or not known: anything may differ.
            _ => {
                let _ = sender.send(None);
            }
        }
    })
    .ok()?;
    let mut watching = false;
    for path in paths.iter().filter(|p| p.exists()) {
        watching |= watcher.watch(path, RecursiveMode::Recursive).is_ok();
    }
    watching.then_some((watcher, receiver))
}

impl Serve<'_> {
    /// Serves until the process is stopped. Fails only when the first build
    /// fails to run or the port cannot be bound.
    pub fn run(self) -> Result<(), BoxError> {
        let generation = Arc::new(Generation::default());
        let advance = || generation.advance();
        // Watching starts before the first build: an edit made while it
        // runs, or once the server is announced, is never missed.
        let watcher = watch(&self.watched);
        let mut fingerprint = crate::cache::fingerprint(&self.watched);
        (self.build)(&Changes::Any, &advance)?;
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
        let server = Arc::new(server);
        let workers: Vec<_> = (0..4)
            .map(|_| {
                let server = Arc::clone(&server);
                let generation = Arc::clone(&generation);
                let site = self.site.to_path_buf();
                let port = address.rsplit(':').next().unwrap_or_default().to_string();
                std::thread::spawn(move || {
                    for request in server.incoming_requests() {
                        answer(request, &site, &port, &generation);
                    }
                })
            })
            .collect();
        loop {
            let changes = match &watcher {
                Some((_, events)) => match events.recv_timeout(SCAN_WITH_WATCHER_EVERY) {
                    Ok(first) => {
                        // The rest of this save's events.
                        let mut changes = Changes::Modified(Vec::new());
                        changes.add(first);
                        let started = std::time::Instant::now();
                        while started.elapsed() < SETTLE_AT_MOST
                            && let Ok(next) = events.recv_timeout(SETTLE)
                        {
                            changes.add(next);
                        }
                        changes
                    }
                    Err(RecvTimeoutError::Timeout) => {
                        if crate::cache::fingerprint(&self.watched) == fingerprint {
                            continue;
                        }
                        Changes::Any
                    }
                    Err(RecvTimeoutError::Disconnected) => {
                        return Err("the file watcher stopped".into());
                    }
                },
                None => {
                    std::thread::sleep(SCAN_EVERY);
                    if crate::cache::fingerprint(&self.watched) == fingerprint {
                        continue;
                    }
                    Changes::Any
                }
            };
            crate::progress::say("change found: rebuilding");
            // A build that changed nothing does not reload the pages; one
            // that failed does, to show what the server has.
            if let Err(error) = (self.build)(&changes, &advance) {
                eprintln!("error: {error}");
                generation.advance();
            }
            fingerprint = crate::cache::fingerprint(&self.watched);
            if workers.iter().all(|w| w.is_finished()) {
                return Err("the server stopped".into());
            }
        }
    }
}

/// Whether a `Host` header names this server: DNS rebinding gives a
/// foreign page its own host name for 127.0.0.1, which is refused.
fn is_local_host(host: &str, port: &str) -> bool {
    let Some((name, given)) = host.rsplit_once(':') else {
        return false;
    };
    given == port
        && (name == "127.0.0.1" || name.eq_ignore_ascii_case("localhost") || name == "[::1]")
}

fn answer(request: Request, site: &Path, port: &str, generation: &Arc<Generation>) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str().to_string());
    if !host.as_deref().is_some_and(|h| is_local_host(h, port)) {
        respond(
            request,
            text(
                421,
                "this server answers only http://127.0.0.1, localhost and [::1] on its port\n",
            ),
        );
        return;
    }
    match request.method() {
        Method::Get | Method::Head => {}
        _ => {
            let response =
                text(405, "only GET and HEAD\n").with_header(header("Allow", "GET, HEAD"));
            respond(request, response);
            return;
        }
    }
    let url = request.url().to_string();
    let path = url.split(['?', '#']).next().unwrap_or("/");
    let (bytes, kind) = if path == GENERATION_PATH {
        let seen = url
            .split_once('?')
            .and_then(|(_, query)| query.split('&').find_map(|p| p.strip_prefix("seen=")))
            .and_then(|n| n.parse::<u64>().ok());
        let current = generation.get();
        match seen {
            Some(seen)
                if seen == current
                    && generation.waiting.fetch_add(1, Ordering::SeqCst) < MAX_WAITING =>
            {
                // Answered from its own thread, so waiting pages never hold
                // up the workers that serve files.
                let generation = Arc::clone(generation);
                std::thread::spawn(move || {
                    let now = generation.after(seen, LONG_POLL);
                    generation.waiting.fetch_sub(1, Ordering::SeqCst);
                    respond(request, generation_answer(now));
                });
                return;
            }
            Some(seen) if seen == current => {
                generation.waiting.fetch_sub(1, Ordering::SeqCst);
            }
            _ => {}
        }
        respond(request, generation_answer(current));
        return;
    } else if path == RELOAD_PATH {
        (
            RELOAD_SCRIPT.as_bytes().to_vec(),
            "text/javascript; charset=utf-8",
        )
    } else {
        let Some(file) = resolve(site, path) else {
            respond(request, text(404, "not found\n"));
            return;
        };
        let Ok(bytes) = std::fs::read(&file) else {
            respond(request, text(500, "cannot read\n"));
            return;
        };
        let kind = content_type(&file);
        if kind.starts_with("text/html") {
            (with_reload_script(bytes), kind)
        } else {
            (bytes, kind)
        }
    };
    // tiny_http sends no body to a HEAD request, with the GET's length.
    let response = Response::from_data(bytes)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    respond(request, response);
}

fn generation_answer(generation: u64) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(generation.to_string().into_bytes())
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

/// Every answer carries the same security headers.
fn respond<R: std::io::Read>(request: Request, response: Response<R>) {
    let response = response
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Content-Security-Policy", CONTENT_SECURITY_POLICY))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header("X-Frame-Options", "DENY"))
        .with_header(header("Cross-Origin-Resource-Policy", "same-origin"));
    let _ = request.respond(response);
}

fn text(status: u16, body: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_string(body)
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
}

/// The file a URL path names inside `site`: `index.html` for folders;
/// `None` for what is not there, would leave the site, or goes through a
/// symbolic link (the output is helpc's, and a link in it was planted).
fn resolve(site: &Path, path: &str) -> Option<PathBuf> {
    let decoded = percent_decode(path)?;
    let mut file = site.to_path_buf();
    for component in Path::new(decoded.trim_start_matches('/')).components() {
        match component {
            Component::Normal(part) => {
                file.push(part);
                if std::fs::symlink_metadata(&file)
                    .ok()?
                    .file_type()
                    .is_symlink()
                {
                    return None;
                }
            }
            Component::CurDir => {}
            _ => return None,
        }
    }
    if file.is_dir() {
        file.push("index.html");
        if std::fs::symlink_metadata(&file)
            .ok()?
            .file_type()
            .is_symlink()
        {
            return None;
        }
    }
    file.is_file().then_some(file)
}

fn percent_decode(path: &str) -> Option<String> {
    percent_encoding::percent_decode_str(path)
        .decode_utf8()
        .ok()
        .map(std::borrow::Cow::into_owned)
}

fn with_reload_script(html: Vec<u8>) -> Vec<u8> {
    let text = String::from_utf8_lossy(&html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{RELOAD_TAG}{}", &text[..at], &text[at..]).into_bytes(),
        None => html,
    }
}

/// The `Content-Type` of a file of the site: its MIME type by extension
/// (`mime_guess`), with the charset of the text helpc writes (UTF-8).
fn content_type(file: &Path) -> &'static str {
    match mime_guess::from_path(file).first_raw() {
        Some("text/html") => "text/html; charset=utf-8",
        Some("text/css") => "text/css; charset=utf-8",
        Some("text/javascript" | "application/javascript") => "text/javascript; charset=utf-8",
        Some("text/plain") => "text/plain; charset=utf-8",
        Some("text/xml" | "application/xml") => "application/xml",
        Some(known) => known,
        None => "application/octet-stream",
    }
}

/// Names and values are ASCII constants of this file, never input.
#[allow(clippy::expect_used)] // a constant that fails is a bug of this file, found by its tests
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
    fn only_local_host_names_on_the_port() {
        for host in [
            "127.0.0.1:8000",
            "localhost:8000",
            "LocalHost:8000",
            "[::1]:8000",
        ] {
            assert!(is_local_host(host, "8000"), "{host}");
        }
        for host in [
            "evil.example:8000",
            "127.0.0.1:80",
            "127.0.0.1",
            "localhost.evil.example:8000",
            "127.0.0.1.nip.io:8000",
            "",
        ] {
            assert!(!is_local_host(host, "8000"), "{host}");
        }
    }

    #[test]
    fn links_planted_in_the_output_are_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("s.txt"))
            .unwrap();
        std::os::unix::fs::symlink(outside.path(), dir.path().join("folder")).unwrap();
        assert_eq!(resolve(dir.path(), "/s.txt"), None);
        assert_eq!(resolve(dir.path(), "/folder/secret.txt"), None);
    }

    #[test]
    fn the_reload_script_goes_before_the_body_end() {
        let html = with_reload_script(b"<html><body><p>x</p></body></html>".to_vec());
        let html = String::from_utf8(html).unwrap();
        assert!(html.contains("<script src=\"/__helpc/reload.js\"></script>"));
        assert!(html.ends_with("</script>\n</body></html>"));
        assert!(RELOAD_SCRIPT.contains("/__helpc/generation"));
    }
}
