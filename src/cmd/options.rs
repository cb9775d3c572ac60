//! Raw flags turned into what every command starts from: the rule levels
//! in the order given, the `--locale` tags, the configuration and the
//! discovered content.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Result, anyhow};
use clap::ArgMatches;

use super::args::CheckArgs;
use crate::config::{self, Setting};
use crate::discover;
use crate::progress;

/// `-A/-W/-D` in the order they were given, so that later ones win.
pub(super) fn level_flags(
    args: &CheckArgs,
    matches: Option<&ArgMatches>,
) -> Vec<(Setting, String)> {
    let mut flags: Vec<(usize, Setting, String)> = Vec::new();
    for (id, setting, values) in [
        ("allow", Setting::Allow, &args.allow),
        ("warn", Setting::Warn, &args.warn),
        ("deny", Setting::Deny, &args.deny),
    ] {
        let indices: Vec<usize> = matches
            .and_then(|m| m.indices_of(id))
            .map(|i| i.collect())
            .unwrap_or_default();
        for (n, value) in values.iter().enumerate() {
            flags.push((indices.get(n).copied().unwrap_or(n), setting, value.clone()));
        }
    }
    flags.sort_by_key(|(index, _, _)| *index);
    flags.into_iter().map(|(_, s, v)| (s, v)).collect()
}

/// The tags of `--locale` flags.
pub(super) fn locale_tags(flags: &[String]) -> Result<Vec<unic_langid::LanguageIdentifier>> {
    flags
        .iter()
        .map(|tag| {
            crate::locale::parse_tag(tag).ok_or_else(|| {
                let fixed = tag.replace('_', "-");
                if crate::locale::parse_tag(&fixed).is_some() {
                    anyhow!("`--locale {tag}` is not a BCP 47 tag; did you mean `{fixed}`?")
                } else {
                    anyhow!("`--locale {tag}` is not a BCP 47 tag")
                }
            })
        })
        .collect()
}

/// What a command starts from: the configuration, the discovered content,
/// and, when files were named, those files (relative to CONTENT).
pub(super) struct Setup {
    pub config: config::Config,
    pub content: discover::Content,
    pub files: Option<BTreeSet<String>>,
}

/// What the paths on the command line name, resolved.
pub(super) struct Target {
    /// The content folder, as the user's paths lead to it.
    pub root: PathBuf,
    /// Locale folders named (their folder names).
    pub locales: Vec<String>,
    /// Files named, relative to the content folder.
    pub files: Option<BTreeSet<String>>,
}

/// Whether `name` is a locale folder's name (a BCP 47 tag).
fn is_locale_name(name: &std::ffi::OsStr) -> bool {
    name.to_str().and_then(crate::locale::parse_tag).is_some()
}

/// Whether the sub-folders of `folder` are all locale folders (a content
/// folder: every top-level folder of CONTENT is a locale).
fn holds_locales(folder: &Path) -> bool {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return false;
    };
    let (mut locales, mut others) = (0, 0);
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        if is_locale_name(&name) {
            locales += 1;
        } else {
            others += 1;
        }
    }
    locales > 0 && others == 0
}

/// The content folder above `path` (a file or locale folder), and `path`
/// relative to it: the nearest folder whose child on the way is a locale
/// folder and whose sub-folders are all locale folders.
fn content_above(path: &Path) -> Option<(PathBuf, String)> {
    let absolute = std::fs::canonicalize(path).ok()?;
    let mut below: Vec<&std::ffi::OsStr> = Vec::new();
    let mut here = absolute.as_path();
    while let Some(parent) = here.parent() {
        below.push(here.file_name()?);
        if here.file_name().is_some_and(is_locale_name) && holds_locales(parent) {
            let rel: Vec<String> = below
                .iter()
                .rev()
                .map(|part| part.to_string_lossy().into_owned())
                .collect();
            // The folder as the user's path leads to it (relative stays relative).
            let parts: Vec<std::path::Component> = path.components().collect();
            let plain = parts
                .iter()
                .all(|c| matches!(c, std::path::Component::Normal(_)));
            let shown = if plain && parts.len() > below.len() {
                parts[..parts.len() - below.len()].iter().collect()
            } else {
                relative_to_cwd(parent)
            };
            return Some((shown, rel.join("/")));
        }
        here = parent;
    }
    None
}

/// `folder` relative to the current folder where it is below it, else as is.
fn relative_to_cwd(folder: &Path) -> PathBuf {
    let cwd = std::env::current_dir()
        .ok()
        .and_then(|c| c.canonicalize().ok());
    match cwd.as_deref().and_then(|cwd| folder.strip_prefix(cwd).ok()) {
        Some(rel) if rel.as_os_str().is_empty() => PathBuf::from("."),
        Some(rel) => rel.to_path_buf(),
        None => folder.to_path_buf(),
    }
}

/// Resolves the paths of `check [PATH]...`: one content folder, or locale
/// folders or files inside one.
pub(super) fn target(paths: &[PathBuf]) -> Result<Target> {
    let mut root: Option<PathBuf> = None;
    let mut locales = Vec::new();
    let mut files: Option<BTreeSet<String>> = None;
    for path in paths {
        let locale_folder = path.is_dir()
            && !holds_locales(path)
            && path.file_name().is_some_and(is_locale_name)
            && content_above(path).is_some_and(|(_, rel)| !rel.contains('/'));
        let (found, inside) = if path.is_dir() && !locale_folder {
            // A content folder, or a folder the discovery will say why it is not one.
            (path.clone(), None)
        } else {
            let Some((found, rel)) = content_above(path) else {
                return Err(anyhow!(
                    "`{}` is not in a content folder: give the folder with one sub-folder per locale, a locale folder, or files inside one",
                    path.display()
                ));
            };
            (found, Some(rel))
        };
        match &root {
            Some(seen)
                if std::fs::canonicalize(seen).ok() != std::fs::canonicalize(&found).ok() =>
            {
                return Err(anyhow!(
                    "`{}` and `{}` are in different content folders: check them one at a time",
                    seen.display(),
                    found.display()
                ));
            }
            Some(_) => {}
            None => root = Some(found),
        }
        match inside {
            None => {}
            Some(rel) if path.is_dir() => locales.push(rel),
            Some(rel) => {
                files.get_or_insert_with(BTreeSet::new).insert(rel);
            }
        }
    }
    if files.is_some() && !locales.is_empty() {
        return Err(anyhow!("give either locale folders or files, not both"));
    }
    Ok(Target {
        root: root.unwrap_or_else(|| PathBuf::from("content")),
        locales,
        files,
    })
}

/// [`configure`] for the commands that work on whole locales (`build`,
/// `review`, `status`): files are refused.
pub(super) fn configure_folders(args: &CheckArgs, matches: Option<&ArgMatches>) -> Result<Setup> {
    let setup = configure(args, matches)?;
    if args.shard.is_some() {
        return Err(anyhow!(
            "--shard is for `helpc check` and `helpc build` (then `helpc merge`)"
        ));
    }
    if setup.files.is_some() {
        return Err(anyhow!(
            "this command takes the content folder or locale folders, not files (`helpc check` takes files)"
        ));
    }
    Ok(setup)
}

/// The configuration and the discovered content tree every command starts from.
pub(super) fn configure(args: &CheckArgs, matches: Option<&ArgMatches>) -> Result<Setup> {
    if let Some(jobs) = args.jobs {
        // Once per process (`serve` configures every rebuild): why it failed, if it did.
        static POOL: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
        let failed = POOL.get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.max(1))
                .build_global()
                .err()
                .map(|e| e.to_string())
        });
        if let Some(why) = failed {
            return Err(anyhow!("cannot start {jobs} worker threads: {why}"));
        }
    }
    let started = Instant::now();
    let config = config::load(args.config.as_deref(), &level_flags(args, matches))?;
    let used = args.config.clone().or_else(config::default_path);
    progress::stage(
        "config",
        &used.map_or_else(|| "none".into(), |p| p.display().to_string()),
        started,
    );
    let target = target(&args.paths)?;
    let mut flags = args.locales.clone();
    flags.extend(target.locales.iter().cloned());
    let only = locale_tags(&flags)?;
    let started = Instant::now();
    let content = discover::discover(&target.root, &only)?;
    if progress::verbosity() == progress::Verbosity::Verbose {
        for folder in &content.locales {
            let what = format!(
                "{} ({} Markdown files, {} other files)",
                folder.name,
                folder.markdown.len(),
                folder.assets.len() + folder.others.len()
            );
            progress::stage("discover", &what, started);
        }
    }
    progress::stage("discover", &target.root.display().to_string(), started);
    Ok(Setup {
        config,
        content,
        files: target.files,
    })
}
