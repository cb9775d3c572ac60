//! `helpc build`: check, render and write the site (through the cache).

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Result;
use clap::ArgMatches;

use super::args::{BuildArgs, CheckArgs, Emit, Mode};
use super::options::{Setup, configure, level_flags};
use super::report::{exit_status_of, kept_report, write_report_or};
use crate::cache;
use crate::config;
use crate::emit::Output;
use crate::pipeline::{self, BuildPlan, Outcome};
use crate::plan::SitePlan;
use crate::progress::{self, say};
use crate::render::Site;
use crate::serve::Changes;

pub(super) fn run(build: &BuildArgs, matches: Option<&ArgMatches>) -> Result<u8> {
    run_with(build, matches, None)
}

/// The configuration, the content folder and the plan of a build.
pub(super) struct Planned {
    config: config::Config,
    root: PathBuf,
    plan: SitePlan,
    /// The content folder as the watcher names it (resolved): `None` when
    /// it cannot be resolved, and then the plan is never kept.
    resolved_root: Option<PathBuf>,
}

impl Planned {
    /// Whether this plan still holds after `changes`: only the contents of
    /// Markdown files it knows changed (the plan reads TOCs and SVGs, and
    /// the list of files, never an article's or fragment's text).
    fn holds_after(&self, changes: &Changes) -> bool {
        match changes {
            Changes::Any => false,
            Changes::Modified(paths) => paths.iter().all(|path| {
                // As the plan names files: relative, `/`-separated.
                let Some(rel) = self
                    .resolved_root
                    .as_deref()
                    .and_then(|root| path.strip_prefix(root).ok())
                    .and_then(Path::to_str)
                    .map(|rel| rel.replace(std::path::MAIN_SEPARATOR, "/"))
                else {
                    return false;
                };
                // A set look-up first: a tool may have written thousands.
                self.plan.files.contains(&rel)
                    && self
                        .plan
                        .locales
                        .iter()
                        .any(|locale| locale.folder.markdown.iter().any(|file| file.rel == rel))
            }),
        }
    }
}

/// What `serve` gives each build: what changed, what to call once the new
/// site is in place (open pages are told to reload then, before the
/// report and the cache), and what it keeps between builds: the cache's
/// data, and the last build's plan.
pub(super) struct Serving<'a> {
    pub changes: &'a Changes,
    pub in_place: &'a (dyn Fn() + Sync),
    pub memory: &'a std::sync::Mutex<pipeline::BuildMemory>,
    pub planned: &'a std::sync::Mutex<Option<Planned>>,
}

/// [`run`], for `serve` when `serving` is given.
pub(super) fn run_with(
    build: &BuildArgs,
    matches: Option<&ArgMatches>,
    serving: Option<&Serving>,
) -> Result<u8> {
    let started = Instant::now();
    // A server's rebuild opens the content's folders again.
    crate::read::new_run();
    let args = &build.check;
    // The plan a server kept, taken out: put back only by a build that
    // succeeds, and used only while it still holds.
    let kept = serving.and_then(|s| {
        let planned = s
            .planned
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .take()?;
        planned.holds_after(s.changes).then_some(planned)
    });
    let Planned {
        config,
        root,
        plan,
        resolved_root,
    } = match kept {
        Some(planned) => {
            progress::stage("plan", "kept: only known Markdown files changed", started);
            planned
        }
        None => {
            let Setup {
                config,
                content,
                files,
            } = configure(args, matches)?;
            if files.is_some() {
                return Err(anyhow::anyhow!(
                    "`helpc build` takes the content folder or locale folders, not files"
                ));
            }
            let stage = Instant::now();
            let root = content.root.clone();
            let plan = SitePlan::new(content, &config);
            progress::stage("plan", "", stage);
            // Only a server keeps plans.
            let resolved_root = serving.and_then(|_| root.canonicalize().ok());
            Planned {
                config,
                root,
                plan,
                resolved_root,
            }
        }
    };
    let stage = Instant::now();
    let out = &build.out;
    let claim = crate::emit::Claim {
        content: Some(&root),
        force: build.force,
        ..Default::default()
    };
    let site = Site::new(&config.project)?;
    let emit_json = build.emit.contains(&Emit::Json);
    let bilingual = build.mode == Mode::Bilingual;
    let options = build_options_key(args, matches, &config, &root, emit_json, bilingual);
    let memory = serving.map(|s| s.memory);
    // `fresh`: the last build's state is not used (the build is made anew,
    // and saves a new one).
    let plan_of_build = |fresh: bool| -> Result<BuildPlan> {
        let (output, cache) = if build.no_cache || args.shard.is_some() {
            (Output::begin(out, &claim)?, None)
        } else {
            // What a server kept of the last build's state, taken out: a build
            // that fails puts nothing back, and the next reads the cache folder.
            let kept = memory.and_then(|m| {
                m.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .state
                    .take()
            });
            if fresh {
                crate::emit::drop_cache_state(out, cache::STATE)?;
            }
            let session = cache::Session::open(out, options, &plan, kept.filter(|_| !fresh));
            (
                // What the staging folder holds is told once the build knows
                // it writes.
                Output::begin_with(out, crate::emit::Staged::default(), &claim)?,
                Some(session),
            )
        };
        Ok(BuildPlan {
            site: &site,
            output,
            emit_json,
            bilingual,
            cache,
            in_place: serving.map(|s| s.in_place),
            memory,
        })
    };
    let mut outcome = match args.shard {
        // A part of a sharded build: no cache, `helpc merge` makes the site.
        Some(shard) => {
            let options = shard_options_key(args, matches, &config, emit_json, bilingual);
            pipeline::build_share(&plan, &config, plan_of_build(false)?, shard, options)?
        }
        None => match pipeline::build(&plan, &config, plan_of_build(false)?) {
            // Someone changed the output and the staging folder since the
            // cache saw them: nothing was put in place; all is built anew.
            Err(crate::error::Error::OutputChanged(file)) => {
                progress::stage(
                    "cache",
                    &format!("`{file}` changed since the last build: building anew"),
                    stage,
                );
                pipeline::build(&plan, &config, plan_of_build(true)?)?
            }
            outcome => outcome?,
        },
    };
    progress::stage("read, check, render and write", "", stage);
    let stage = Instant::now();
    let cached = (!build.no_cache && args.shard.is_none()).then_some(out.as_path());
    let (kept, errors) = kept_report(args, &mut outcome, cached)?;
    write_report_or(args, &outcome, Some(out), cached, kept)?;
    progress::stage("report", "", stage);
    say(&build_summary(&outcome, started, Some(out)));
    let planned = Planned {
        config,
        root,
        plan,
        resolved_root,
    };
    match serving {
        Some(serving) => {
            *serving
                .planned
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner) = Some(planned);
        }
        // The plan and the report are freed while the command ends (3 ms
        // of a one-article rebuild, one by one here).
        None => crate::pipeline::drop_aside((planned, outcome)),
    }
    Ok(exit_status_of(errors, args.exit_zero))
}

/// What the command line and the project add to every page: the
/// configuration file, the flags, the build options, and the project's
/// template and UI-string overrides.
pub(super) fn build_options_key(
    args: &CheckArgs,
    matches: Option<&ArgMatches>,
    config: &config::Config,
    root: &std::path::Path,
    emit_json: bool,
    bilingual: bool,
) -> u64 {
    let config_path = args
        .config
        .clone()
        .or_else(config::default_path)
        .unwrap_or_else(|| PathBuf::from("helpc.toml"));
    let config_bytes = std::fs::read(&config_path).ok();
    let flags: Vec<(String, String)> = level_flags(args, matches)
        .into_iter()
        .map(|(setting, name)| (format!("{setting:?}"), name))
        .collect();
    let overrides = cache::fingerprint(&[
        config.project.join("templates"),
        config.project.join("locales"),
    ]);
    cache::hash_of(&(
        config_bytes,
        flags,
        &args.locales,
        emit_json,
        bilingual,
        root.canonicalize().ok(),
        overrides,
    ))
}

/// The build options every part of a sharded build must share, the same
/// on every CI machine: helpc's version, the configuration's bytes, the
/// flags, and the bytes of the project's template and UI-string overrides
/// (through SHA-256; no paths of the machine, no file times).
fn shard_options_key(
    args: &CheckArgs,
    matches: Option<&ArgMatches>,
    config: &config::Config,
    emit_json: bool,
    bilingual: bool,
) -> u64 {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    let mut add = |bytes: &[u8]| {
        hasher.update((bytes.len() as u64).to_be_bytes());
        hasher.update(bytes);
    };
    add(env!("CARGO_PKG_VERSION").as_bytes());
    let config_path = args.config.clone().or_else(config::default_path);
    add(&config_path
        .and_then(|p| std::fs::read(p).ok())
        .unwrap_or_default());
    for (setting, name) in level_flags(args, matches) {
        add(format!("{setting:?} {name}").as_bytes());
    }
    for locale in &args.locales {
        add(locale.as_bytes());
    }
    add(&[u8::from(emit_json), u8::from(bilingual)]);
    for folder in ["templates", "locales"] {
        let root = config.project.join(folder);
        for entry in walkdir::WalkDir::new(&root)
            .sort_by_file_name()
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
        {
            let rel = entry.path().strip_prefix(&root).unwrap_or(entry.path());
            add(rel.to_string_lossy().as_bytes());
            add(&std::fs::read(entry.path()).unwrap_or_default());
        }
    }
    pipeline::first_u64(&hasher.finalize())
}

pub(super) fn build_summary(outcome: &Outcome, started: Instant, out: Option<&PathBuf>) -> String {
    let took = started.elapsed().as_secs_f64();
    let out = out.map_or_else(String::new, |o| o.display().to_string());
    let pages = outcome.pages.unwrap_or(0);
    let mut line = if outcome.unchanged {
        format!(
            "{pages} pages in `{out}` are up to date: nothing changed since the last build ({took:.2}s)"
        )
    } else {
        format!(
            "built {pages} pages into `{out}` in {took:.2}s ({} articles rendered, {} files written)",
            outcome.rendered, outcome.written
        )
    };
    if !outcome.left_out.is_empty() {
        line.push_str(&format!(
            "; {} articles left out because of errors:",
            outcome.left_out.len()
        ));
        for path in &outcome.left_out {
            line.push_str("\n  ");
            line.push_str(path);
        }
    }
    line
}
