//! `helpc import`: every file is read and checked before anything is
//! written. One refused file writes nothing (unless `keep_going`, which
//! writes the files that passed); each article is replaced atomically.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::apply::{self, Options, Outcome, Plan, Skip};
use super::{Format, read, safe};
use crate::discover::ContentFile;

/// What one file would do, or why it cannot.
pub struct FilePlan {
    /// The file as given.
    pub file: PathBuf,
    /// The article it names (relative to CONTENT).
    pub article: Option<String>,
    /// Why the whole file is refused.
    pub error: Option<String>,
    pub plan: Option<Plan>,
    /// Where the article is, and its new bytes.
    write: Option<(PathBuf, Vec<u8>)>,
}

impl FilePlan {
    pub fn refused(&self) -> bool {
        self.error.is_some() || self.plan.as_ref().is_some_and(Plan::refused)
    }

    /// Whether the article changes.
    pub fn changes(&self) -> bool {
        self.write.is_some()
    }

    fn failed(file: &Path, article: Option<String>, error: String) -> FilePlan {
        FilePlan {
            file: file.to_path_buf(),
            article,
            error: Some(error),
            plan: None,
            write: None,
        }
    }
}

pub fn plan_files(content_root: &Path, files: &[PathBuf], options: Options) -> Vec<FilePlan> {
    let loaded: Vec<Result<Loaded, Box<FilePlan>>> =
        files.iter().map(|file| load(content_root, file)).collect();
    // What CAT tools propagate comes from the whole locale.
    let mut memory = apply::Memory::default();
    let locales: std::collections::BTreeSet<&str> = loaded
        .iter()
        .flatten()
        .filter_map(|l| l.rel.split('/').next())
        .collect();
    for locale in locales {
        let Ok(folder) = safe::inside(content_root, locale) else {
            continue;
        };
        for entry in walkdir::WalkDir::new(folder).into_iter().flatten() {
            if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            let file = ContentFile {
                abs: entry.path().to_path_buf(),
                rel: String::new(),
                local: String::new(),
                fragment: false,
            };
            if let Ok(article) = crate::read::read_file(&file) {
                memory.learn(&article);
            }
        }
    }
    let mut plans: Vec<FilePlan> = loaded
        .into_iter()
        .map(|loaded| match loaded {
            Ok(loaded) => plan_loaded(loaded, options, &memory),
            Err(failed) => *failed,
        })
        .collect();
    // Two files for one article: neither is taken.
    let mut by_article: HashMap<String, usize> = HashMap::new();
    for plan in &plans {
        if let Some(article) = &plan.article {
            *by_article.entry(article.clone()).or_insert(0) += 1;
        }
    }
    for plan in &mut plans {
        if let Some(article) = &plan.article
            && by_article.get(article).copied().unwrap_or(0) > 1
            && plan.error.is_none()
        {
            plan.error = Some(format!(
                "another file of this import names `{article}` too: import them one at a time"
            ));
            plan.write = None;
        }
    }
    plans
}

/// A file read, with its article.
struct Loaded {
    file: PathBuf,
    rel: String,
    abs: PathBuf,
    bom: bool,
    exchange: super::Exchange,
    article: crate::read::Article,
}

fn load(content_root: &Path, file: &Path) -> Result<Loaded, Box<FilePlan>> {
    load_inner(content_root, file)
        .map_err(|(article, error)| Box::new(FilePlan::failed(file, article, error)))
}

fn load_inner(content_root: &Path, file: &Path) -> Result<Loaded, (Option<String>, String)> {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return Err((None, format!("cannot read the file: {e}"))),
    };
    let Ok(text) = String::from_utf8(bytes) else {
        return Err((None, "not UTF-8 text".to_string()));
    };
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    let Some(format) = Format::of_file(&name, &text) else {
        return Err((None, "expected a .po, .xlf or .xliff file".to_string()));
    };
    let exchange = match read(format, &text) {
        Ok(exchange) => exchange,
        Err(e) => return Err((None, e.to_string())),
    };
    let Some(rel) = exchange.article.clone() else {
        return Err((
            None,
            "the file does not name its article (PO `X-Helpc-Article`, XLIFF `original`): was it exported by helpc?"
                .to_string(),
        ));
    };
    let abs = match safe::inside(content_root, &rel) {
        Ok(abs) => abs,
        Err(e) => return Err((Some(rel), e.to_string())),
    };
    let raw = match std::fs::read(&abs) {
        Ok(raw) => raw,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err((
                Some(rel.clone()),
                format!("`{rel}`: no such article in the content"),
            ));
        }
        Err(e) => {
            return Err((
                Some(rel.clone()),
                format!("`{rel}`: cannot read the article: {e}"),
            ));
        }
    };
    let local = rel
        .split_once('/')
        .map_or(rel.as_str(), |(_, l)| l)
        .to_string();
    let content_file = ContentFile {
        abs: abs.clone(),
        rel: rel.clone(),
        local,
        fragment: rel.split('/').any(|p| p == "includes"),
    };
    let bom = raw.starts_with("\u{feff}".as_bytes());
    let article = match crate::read::parse(content_file, raw) {
        Ok(article) => article,
        Err(_) => {
            return Err((
                Some(rel.clone()),
                format!("`{rel}` is not UTF-8 text without NUL bytes: fix the article first"),
            ));
        }
    };
    Ok(Loaded {
        file: file.to_path_buf(),
        rel,
        abs,
        bom,
        exchange,
        article,
    })
}

fn plan_loaded(loaded: Loaded, options: Options, memory: &apply::Memory) -> FilePlan {
    let Loaded {
        file,
        rel,
        abs,
        bom,
        exchange,
        article,
    } = loaded;
    let plan = apply::plan_with(&article, &exchange, options, memory);
    let write = plan.text.as_ref().map(|text| {
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if bom {
            bytes.extend_from_slice("\u{feff}".as_bytes());
        }
        bytes.extend_from_slice(text.as_bytes());
        (abs, bytes)
    });
    FilePlan {
        file,
        article: Some(rel),
        error: None,
        plan: Some(plan),
        write,
    }
}

/// Writes the articles of the plans; with any refusal, none unless
/// `keep_going` (then those of the files that passed). Returns how many
/// articles were written.
pub fn commit(plans: &[FilePlan], keep_going: bool) -> crate::error::Result<usize> {
    if !keep_going && plans.iter().any(FilePlan::refused) {
        return Ok(0);
    }
    let mut written = 0;
    for plan in plans.iter().filter(|p| !p.refused()) {
        if let Some((path, bytes)) = &plan.write {
            safe::write(path, bytes)?;
            written += 1;
        }
    }
    Ok(written)
}

/// The report: human lines (for stderr) or one JSON document.
pub fn report(plans: &[FilePlan], written: usize, keep_going: bool, json: bool) -> String {
    let refused = plans.iter().filter(|p| p.refused()).count();
    let count = |wanted: fn(&Outcome) -> bool| -> usize {
        plans
            .iter()
            .filter_map(|p| p.plan.as_ref())
            .map(|p| p.count(wanted))
            .sum()
    };
    let applied = count(|o| *o == Outcome::Applied);
    let unchanged = count(|o| *o == Outcome::Unchanged);
    let skipped = |kind: Skip| {
        plans
            .iter()
            .filter_map(|p| p.plan.as_ref())
            .flat_map(|p| &p.entries)
            .filter(|e| e.outcome == Outcome::Skipped(kind))
            .count()
    };
    let nothing_written = refused > 0 && !keep_going;
    if json {
        let files: Vec<serde_json::Value> = plans
            .iter()
            .map(|p| {
                let entries: Vec<&apply::EntryReport> = p
                    .plan
                    .iter()
                    .flat_map(|plan| &plan.entries)
                    .filter(|e| !matches!(e.outcome, Outcome::Unchanged))
                    .collect();
                serde_json::json!({
                    "file": p.file.to_string_lossy(),
                    "article": p.article,
                    "refused": p.refused(),
                    "error": p.error,
                    "written": p.changes() && !p.refused() && !nothing_written,
                    "entries": entries,
                })
            })
            .collect();
        let document = serde_json::json!({
            "version": 1,
            "files": files,
            "summary": {
                "files": plans.len(),
                "refused_files": refused,
                "articles_written": written,
                "applied": applied,
                "unchanged": unchanged,
                "skipped": {
                    "empty": skipped(Skip::Empty),
                    "fuzzy": skipped(Skip::Fuzzy),
                    "stale": skipped(Skip::Stale),
                    "unknown": skipped(Skip::Unknown),
                    "english": skipped(Skip::English),
                    "propagated": skipped(Skip::Propagated),
                },
                "refused_entries": count(|o| matches!(o, Outcome::Refused(_))),
            }
        });
        return crate::diag::to_json_text(&document);
    }
    let mut out = String::new();
    for plan in plans {
        let file = plan.file.display();
        if let Some(error) = &plan.error {
            out.push_str(&format!("error: `{file}`: {error}\n"));
        }
        for entry in plan.plan.iter().flat_map(|p| &p.entries) {
            let place = if entry.line > 0 {
                format!("{file}:{}", entry.line)
            } else {
                file.to_string()
            };
            match &entry.outcome {
                Outcome::Refused(reason) => out.push_str(&format!(
                    "error: `{place}`: entry `{}` refused: {reason}\n",
                    entry.entry
                )),
                Outcome::Skipped(kind @ (Skip::Stale | Skip::Unknown)) => out.push_str(&format!(
                    "warning: `{place}`: entry `{}` skipped: {}\n",
                    entry.entry,
                    kind.describe()
                )),
                _ => {}
            }
        }
    }
    out.push_str(&format!(
        "imported {} files: {applied} translations applied, {unchanged} unchanged, skipped {} empty, {} fuzzy, {} stale, {} unknown, {} English, {} propagated; {written} articles written",
        plans.len(),
        skipped(Skip::Empty),
        skipped(Skip::Fuzzy),
        skipped(Skip::Stale),
        skipped(Skip::Unknown),
        skipped(Skip::English),
        skipped(Skip::Propagated),
    ));
    if refused > 0 {
        out.push_str(&format!(
            "; {refused} files refused{}",
            if keep_going {
                ", the others written (--keep-going)"
            } else {
                ": nothing written (--keep-going writes the files that passed)"
            }
        ));
    }
    out.push('\n');
    out
}
