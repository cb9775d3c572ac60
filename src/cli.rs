//! The command line: flags, dispatch, output and exit status.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::cache;
use crate::config::{self, Setting};
use crate::diag::{self, Report};
use crate::discover;
use crate::emit::Output;
use crate::pipeline::{self, BuildPlan, Outcome};
use crate::render::Site;
use crate::rules::{Group, RULES, Rule};

/// Exit status: the run itself failed (bad arguments, unreadable content,
/// unwritable output, bad configuration).
const FAILED: u8 = 2;
/// Exit status: the content has errors.
const CONTENT_ERRORS: u8 = 1;

#[derive(Parser)]
#[command(
    name = "helpc",
    version,
    about = "Checks span-aligned translated help articles and builds them into a multilingual site"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check the content and report every problem found
    Check(CheckArgs),
    /// Check the content, then build HTML pages (and JSON) for every article without errors
    Build(BuildArgs),
    /// Write side-by-side review pages and a QA summary per locale for translators
    Review(ReviewArgs),
    /// Build the site, serve it on 127.0.0.1, rebuild on change and reload open pages
    Serve(ServeArgs),
    /// Per locale: articles translated, missing and stale, segments MT and HT
    Status(StatusArgs),
    /// Write each article's segments of a locale to PO, XLIFF or TMX files, one per article
    Export(ExportArgs),
    /// Propose a glossary (CSV or TBX) from a locale's consistent bold labels
    Glossary(crate::glossary::GlossaryArgs),
    /// Create or update a locale's span-aligned files from the source-locale articles
    Handoff {
        /// The content folder
        #[arg(default_value = "content")]
        content: PathBuf,
        /// The locale to hand off to
        #[arg(long, value_name = "TAG")]
        locale: String,
        /// The handoff date written to `ms.lasthandoff` (MM/DD/YYYY) [default: today, UTC]
        #[arg(long, value_name = "DATE")]
        date: Option<String>,
        /// The configuration file [default: helpc.toml here or in the nearest folder above]
        #[arg(long, value_name = "FILE")]
        config: Option<PathBuf>,
    },
    /// Put the targets of exported PO or XLIFF files back into their articles
    Import {
        /// The content folder
        #[arg(default_value = "content")]
        content: PathBuf,
        /// Files written by `helpc export` (and edited since)
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Apply translations marked fuzzy (PO `#, fuzzy`, XLIFF near matches) too
        #[arg(long)]
        accept_fuzzy: bool,
        /// Write the files that passed even when others are refused
        #[arg(long)]
        keep_going: bool,
        /// How to write the report
        #[arg(long, value_enum, default_value_t = ImportFormat::Human)]
        format: ImportFormat,
    },
    /// Remove a built site and the staging and cache folders kept beside it
    Clean {
        /// The output folder
        #[arg(long, default_value = "public")]
        out: PathBuf,
        /// Remove the folders even if helpc did not make them (never one that
        /// holds the current folder or Markdown files)
        #[arg(long)]
        force: bool,
    },
    /// List every rule: name, default level, summary
    Rules,
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell)
    Completions {
        /// The shell
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `helpc man > helpc.1`
    Man,
    /// Print the long explanation of a rule
    Explain {
        /// A rule name, as `helpc rules` lists them
        rule: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Mode {
    /// The translation only
    Target,
    /// The translation, each sentence with its English source on hover and focus, and a
    /// switch to the whole article in English
    Bilingual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Emit {
    Html,
    Json,
}

#[derive(Args)]
struct CheckArgs {
    /// The content folder: one sub-folder per locale, named by its BCP 47 tag
    #[arg(default_value = "content")]
    content: PathBuf,
    /// How to write diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Only these locales (repeatable)
    #[arg(long = "locale", value_name = "TAG")]
    locales: Vec<String>,
    /// Silence a rule
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    allow: Vec<String>,
    /// Report a rule as a warning
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    warn: Vec<String>,
    /// Report a rule as an error; `--deny warnings` makes every warning an error
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    deny: Vec<String>,
    /// The configuration file [default: helpc.toml here or in the nearest folder above]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// When to color human output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Worker threads [default: one per core]; the output is the same whatever the number
    #[arg(short = 'j', long, value_name = "N")]
    jobs: Option<usize>,
    /// Exit with status 0 even when the content has errors (the report is unchanged)
    #[arg(long)]
    exit_zero: bool,
}

#[derive(Args)]
struct BuildArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// The output folder
    #[arg(long, default_value = "public")]
    out: PathBuf,
    /// What to write per article (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html")]
    emit: Vec<Emit>,
    /// How pages show translated articles
    #[arg(long, value_enum, default_value_t = Mode::Target)]
    mode: Mode,
    /// Render every article again, ignoring (and removing) the build cache
    #[arg(long)]
    no_cache: bool,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct ServeArgs {
    #[command(flatten)]
    build: BuildArgs,
    /// The port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    port: u16,
}

#[derive(Args)]
struct StatusArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// Exit with status 1 when a locale has less than PERCENT of its articles up to date
    #[arg(long, value_name = "PERCENT")]
    fail_under: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Interchange {
    /// gettext PO
    Po,
    /// XLIFF 2.0
    Xliff,
    /// XLIFF 1.2, for the CAT tools that take only it
    Xliff12,
    /// TMX 1.4: a translation memory of the translated segments
    Tmx,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum ImportFormat {
    Human,
    Json,
}

#[derive(Args)]
struct ExportArgs {
    /// The content folder
    #[arg(default_value = "content")]
    content: PathBuf,
    /// The locale to export (repeatable)
    #[arg(long = "locale", value_name = "TAG", required = true)]
    locales: Vec<String>,
    /// The file format
    #[arg(long, value_enum)]
    to: Interchange,
    /// The output folder
    #[arg(long, default_value = "export")]
    out: PathBuf,
    /// The configuration file [default: helpc.toml here or in the nearest folder above]
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    force: bool,
}

#[derive(Args)]
struct ReviewArgs {
    #[command(flatten)]
    check: CheckArgs,
    /// The output folder
    #[arg(long, default_value = "review")]
    out: PathBuf,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    force: bool,
}

pub fn main() -> ExitCode {
    let matches = match Cli::command().try_get_matches() {
        Ok(matches) => matches,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { FAILED } else { 0 });
        }
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(FAILED);
        }
    };
    let sub = matches.subcommand().map(|(_, m)| m);
    let result = match cli.command {
        Command::Rules => {
            print!("{}", rules_table());
            Ok(0)
        }
        Command::Completions { shell } => {
            let mut command = Cli::command();
            clap_complete::generate(shell, &mut command, "helpc", &mut std::io::stdout());
            Ok(0)
        }
        Command::Man => {
            let mut page = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut page)
                .map_err(|e| format!("cannot write the manual page: {e}"))
                .and_then(|()| {
                    std::io::stdout()
                        .write_all(&page)
                        .map_err(|e| format!("cannot write the manual page: {e}"))
                })
                .map(|()| 0)
        }
        Command::Explain { rule } => explain(&rule).map(|text| {
            print!("{text}");
            0
        }),
        Command::Check(args) => run(&args, None, sub),
        Command::Build(args) => run(&args.check, Some(&args), sub),
        Command::Review(args) => review(&args, sub),
        Command::Serve(args) => serve(&args, sub),
        Command::Status(args) => status(&args, sub),
        Command::Export(args) => export(&args),
        Command::Import {
            content,
            files,
            accept_fuzzy,
            keep_going,
            format,
        } => import(&content, &files, accept_fuzzy, keep_going, format),
        Command::Glossary(args) => crate::glossary::run(&args),
        Command::Handoff {
            content,
            locale,
            date,
            config,
        } => handoff(&content, &locale, date, config.as_deref()),
        Command::Clean { out, force } => crate::emit::clean(
            &out,
            &crate::emit::Claim {
                content: None,
                force,
                ..Default::default()
            },
        )
        .map(|removed| {
            eprintln!("removed {removed} folders");
            0
        }),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(FAILED)
        }
    }
}

/// `-A/-W/-D` in the order they were given, so that later ones win.
fn level_flags(args: &CheckArgs, matches: Option<&ArgMatches>) -> Vec<(Setting, String)> {
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
fn locale_tags(flags: &[String]) -> Result<Vec<unic_langid::LanguageIdentifier>, String> {
    flags
        .iter()
        .map(|tag| {
            crate::locale::parse_tag(tag).ok_or_else(|| {
                let fixed = tag.replace('_', "-");
                if crate::locale::parse_tag(&fixed).is_some() {
                    format!("`--locale {tag}` is not a BCP 47 tag; did you mean `{fixed}`?")
                } else {
                    format!("`--locale {tag}` is not a BCP 47 tag")
                }
            })
        })
        .collect()
}

/// The configuration and the discovered content tree every command starts from.
fn configure(
    args: &CheckArgs,
    matches: Option<&ArgMatches>,
) -> Result<(config::Config, discover::Content), String> {
    if let Some(jobs) = args.jobs {
        // Once per process: `serve` configures every rebuild.
        static POOL: std::sync::OnceLock<Result<(), String>> = std::sync::OnceLock::new();
        POOL.get_or_init(|| {
            rayon::ThreadPoolBuilder::new()
                .num_threads(jobs.max(1))
                .build_global()
                .map_err(|e| format!("cannot start {jobs} worker threads: {e}"))
        })
        .clone()?;
    }
    let config = config::load(args.config.as_deref(), &level_flags(args, matches))?;
    let only = locale_tags(&args.locales)?;
    let content = discover::discover(&args.content, &only)?;
    Ok((config, content))
}

fn run(
    args: &CheckArgs,
    build: Option<&BuildArgs>,
    matches: Option<&ArgMatches>,
) -> Result<u8, String> {
    let started = Instant::now();
    let (config, content) = configure(args, matches)?;

    let outcome = match build {
        None => pipeline::run(&content, &config, None)?,
        Some(build) => {
            let out = &build.out;
            let claim = crate::emit::Claim {
                content: Some(&args.content),
                force: build.force,
                ..Default::default()
            };
            let site = Site::new(&config.project)?;
            let emit_json = build.emit.contains(&Emit::Json);
            let bilingual = build.mode == Mode::Bilingual;
            let (output, cache) = if build.no_cache {
                (Output::begin(out, &claim)?, None)
            } else {
                let previous = cache::load_state(out);
                let staged = previous
                    .as_ref()
                    .map(|s| s.staged.clone())
                    .unwrap_or_default();
                let options = build_options_key(args, matches, &config, emit_json, bilingual);
                (
                    Output::begin_with(out, staged, &claim)?,
                    Some(pipeline::CachePlan { options, previous }),
                )
            };
            let plan = BuildPlan {
                site: &site,
                output: &output,
                emit_json,
                bilingual,
                content_root: &content.root,
                cache,
            };
            let mut outcome = pipeline::run(&content, &config, Some(&plan))?;
            pipeline::finish_build(output, &mut outcome)?;
            outcome
        }
    };
    let out = build.map(|b| &b.out);
    write_report(args, &outcome, out)?;
    if build.is_some() {
        eprintln!("{}", build_summary(&outcome, started, out));
    }
    Ok(if outcome.report.has_errors() && !args.exit_zero {
        CONTENT_ERRORS
    } else {
        0
    })
}

/// What the command line and the project add to every page: the
/// configuration file, the flags, the build options, and the project's
/// template and UI-string overrides.
fn build_options_key(
    args: &CheckArgs,
    matches: Option<&ArgMatches>,
    config: &config::Config,
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
        args.content.canonicalize().ok(),
        overrides,
    ))
}

fn status(args: &StatusArgs, matches: Option<&ArgMatches>) -> Result<u8, String> {
    let check = &args.check;
    if !matches!(check.format, Format::Human | Format::Json) {
        return Err("`helpc status` writes `--format human` or `--format json`".into());
    }
    let (config, content) = configure(check, matches)?;
    let outcome = pipeline::run(&content, &config, None)?;
    let source = content
        .folder_of(&config.source_locale)
        .map(|l| l.name.as_str());
    let status = crate::status::status(&outcome.articles, &outcome.report, source);
    let text = match check.format {
        Format::Json => crate::status::render_json(&status, args.fail_under),
        _ => crate::status::render_table(&status),
    };
    print!("{text}");
    if let Some(threshold) = args.fail_under {
        let below = crate::status::below(&status, threshold);
        if !below.is_empty() {
            eprintln!(
                "{} below {threshold}% up to date: {}",
                if below.len() == 1 {
                    "1 locale is"
                } else {
                    "locales are"
                },
                below.join(", ")
            );
            return Ok(CONTENT_ERRORS);
        }
    }
    Ok(0)
}

fn export(args: &ExportArgs) -> Result<u8, String> {
    let started = Instant::now();
    let config = config::load(args.config.as_deref(), &[])?;
    let tags = locale_tags(&args.locales)?;
    let content = discover::discover(&args.content, &tags)?;
    let names: Vec<String> = content
        .locales
        .iter()
        .filter(|l| {
            l.tag
                .as_ref()
                .is_some_and(|t| tags.iter().any(|w| crate::locale::same_locale(t, w)))
        })
        .map(|l| l.name.clone())
        .collect();
    let claim = crate::emit::Claim {
        content: Some(&args.content),
        force: args.force,
        marker_beside: true,
        ..Default::default()
    };
    let format = match args.to {
        Interchange::Po => crate::interchange::Format::Po,
        Interchange::Xliff => crate::interchange::Format::Xliff,
        Interchange::Xliff12 => crate::interchange::Format::Xliff12,
        Interchange::Tmx => crate::interchange::Format::Tmx,
    };
    let output = Output::begin(&args.out, &claim)?;
    let written = pipeline::export(&content, &config, &names, format, &output)?;
    output.commit()?;
    eprintln!(
        "exported {written} articles of {} to `{}` in {:.2}s",
        names.join(", "),
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(0)
}

fn handoff(
    content: &std::path::Path,
    locale: &str,
    date: Option<String>,
    config: Option<&std::path::Path>,
) -> Result<u8, String> {
    use crate::handoff::Origin;
    let config = config::load(config, &[])?;
    let tag = crate::locale::parse_tag(locale)
        .ok_or_else(|| format!("`--locale {locale}` is not a BCP 47 tag"))?;
    let tree = discover::discover(content, &[])?;
    // The locale's folder keeps its spelling if it exists.
    let folder = tree
        .folder_of(&tag)
        .map_or_else(|| tag.to_string(), |l| l.name.clone());
    let date = date.unwrap_or_else(today);
    let reports = pipeline::handoff(&tree, &config, &folder, &date)?;
    let mut counts = [0usize; 3];
    let mut out = String::new();
    for report in &reports {
        for segment in &report.segments {
            let (slot, label) = match segment.origin {
                Origin::Carried => (0, None),
                Origin::NearMatch => (1, Some("near match, review the translation")),
                Origin::New => (2, Some("new, to translate")),
            };
            counts[slot] += 1;
            if let Some(label) = label {
                out.push_str(&format!(
                    "{} {}: {label}: {}\n",
                    report.article, segment.id, segment.source
                ));
            }
        }
    }
    print!("{out}");
    eprintln!(
        "handed off {} articles to {folder} ({} created, {} updated): {} segments carried over, {} near matches to review, {} new",
        reports.len(),
        reports.iter().filter(|r| r.created).count(),
        reports.iter().filter(|r| r.written && !r.created).count(),
        counts[0],
        counts[1],
        counts[2]
    );
    Ok(0)
}

/// Today's date (UTC) as `MM/DD/YYYY`.
fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{month:02}/{day:02}/{year}")
}

fn import(
    content: &std::path::Path,
    files: &[PathBuf],
    accept_fuzzy: bool,
    keep_going: bool,
    format: ImportFormat,
) -> Result<u8, String> {
    use crate::interchange::import;
    if !content.is_dir() {
        return Err(format!("`{}` is not a content folder", content.display()));
    }
    let options = crate::interchange::apply::Options { accept_fuzzy };
    let plans = import::plan_files(content, files, options);
    let written = import::commit(&plans, keep_going)?;
    let report = import::report(&plans, written, keep_going, format == ImportFormat::Json);
    match format {
        ImportFormat::Json => print!("{report}"),
        ImportFormat::Human => eprint!("{report}"),
    }
    Ok(if plans.iter().any(import::FilePlan::refused) {
        CONTENT_ERRORS
    } else {
        0
    })
}

fn serve(args: &ServeArgs, matches: Option<&ArgMatches>) -> Result<u8, String> {
    let build = &args.build;
    let rebuild = || run(&build.check, Some(build), matches).map(|_| ());
    // Where templates and UI strings are overridden: the configuration's folder.
    let config_path = build
        .check
        .config
        .clone()
        .or_else(config::default_path)
        .unwrap_or_else(|| PathBuf::from("helpc.toml"));
    let project = config_path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .map_or_else(|| PathBuf::from("."), PathBuf::from);
    crate::serve::Serve {
        port: args.port,
        site: &build.out,
        watched: vec![
            build.check.content.clone(),
            project.join("templates"),
            project.join("locales"),
            config_path,
        ],
        build: &rebuild,
    }
    .run()?;
    Ok(0)
}

fn review(args: &ReviewArgs, matches: Option<&ArgMatches>) -> Result<u8, String> {
    let started = Instant::now();
    let check = &args.check;
    let (config, content) = configure(check, matches)?;
    let claim = crate::emit::Claim {
        content: Some(&check.content),
        force: args.force,
        ..Default::default()
    };
    let site = Site::new(&config.project)?;
    let output = Output::begin(&args.out, &claim)?;
    let report = pipeline::review(&content, &config, &site, &output)?;
    output.commit()?;
    let outcome = Outcome::of_report(report);
    write_report(check, &outcome, None)?;
    eprintln!(
        "wrote review pages for {} files into `{}` in {:.2}s",
        outcome.report.totals().files,
        args.out.display(),
        started.elapsed().as_secs_f64()
    );
    Ok(if outcome.report.has_errors() {
        CONTENT_ERRORS
    } else {
        0
    })
}

fn write_report(args: &CheckArgs, outcome: &Outcome, out: Option<&PathBuf>) -> Result<(), String> {
    let report: &Report = &outcome.report;
    let text = match args.format {
        Format::Human => {
            let color = match args.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            diag::render_human(report, color)
        }
        Format::Json => {
            let mut value = diag::report_value(report);
            if let (Some(pages), Some(out)) = (outcome.pages, out) {
                value["build"] = serde_json::json!({
                    "out": out.display().to_string(),
                    "pages": pages,
                    "left_out": outcome.left_out,
                    "unchanged": outcome.unchanged,
                    "rendered": outcome.rendered,
                    "written": outcome.written,
                });
            }
            diag::to_json_text(&value)
        }
        Format::Sarif => diag::render_sarif(report, &content_base(args)),
        Format::Github => {
            let mut text = diag::render_github(report, &content_base(args));
            // A closing line for the log (annotations carry the rest).
            text.push_str(&diag::summary_line(report));
            text.push('\n');
            text
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`helpc check | head`) is not a failure of the run.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(format!("cannot write to standard output: {e}")),
    }
}

/// CONTENT as the user wrote it, `/`-separated, for result URIs.
fn content_base(args: &CheckArgs) -> String {
    args.content.to_string_lossy().replace('\\', "/")
}

fn build_summary(outcome: &Outcome, started: Instant, out: Option<&PathBuf>) -> String {
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

fn rules_table() -> String {
    let width = RULES.iter().map(|r| r.name.len()).max().unwrap_or(0);
    let mut out = String::new();
    let mut group: Option<Group> = None;
    for info in RULES {
        if group != Some(info.group) {
            if group.is_some() {
                out.push('\n');
            }
            out.push_str(&format!("{}:\n", info.group.title()));
            group = Some(info.group);
        }
        out.push_str(&format!(
            "  {:width$}  {:7}  {}\n",
            info.name,
            info.level.as_str(),
            info.summary
        ));
    }
    out
}

fn explain(name: &str) -> Result<String, String> {
    let rule = Rule::from_name(name).ok_or_else(|| config::unknown_rule(name))?;
    let info = rule.info();
    Ok(format!(
        "{} ({}, default level: {})\n\n{}\n\n{}\n",
        info.name,
        info.group.title(),
        info.level,
        info.summary,
        info.explanation
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_table_lists_every_rule() {
        let table = rules_table();
        for info in RULES {
            assert!(table.contains(info.name), "{}", info.name);
        }
        assert!(table.contains("Segment structure:"));
    }

    #[test]
    fn explain_prints_from_the_catalogue() {
        let text = explain("unpaired-target").unwrap();
        assert!(text.starts_with("unpaired-target (Segment structure, default level: error)"));
        assert!(text.contains(Rule::UnpairedTarget.info().explanation));
        assert!(explain("nope").is_err());
    }

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
