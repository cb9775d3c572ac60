//! The command line as clap parses it: raw flags, before any is checked.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

#[derive(Parser)]
#[command(
    name = "helpc",
    version,
    about = "Checks span-aligned translated help articles and builds them into a multilingual site"
)]
pub(crate) struct Cli {
    /// Print only diagnostics and errors: no summary line, no progress
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    pub(crate) quiet: bool,
    /// Also print the files read and the time each stage took (on standard error)
    #[arg(short, long, global = true)]
    pub(crate) verbose: bool,
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Check the content and report every problem found
    Check {
        #[command(flatten)]
        args: CheckArgs,
        /// Check again whenever the content or the configuration changes (until Ctrl-C)
        #[arg(long)]
        watch: bool,
    },
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
    Glossary(GlossaryArgs),
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
        /// The content folder (required: the first path is always taken for it)
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
    /// Start a content project: helpc.toml, an en-US article, its French translation, a CI workflow
    Init {
        /// The project folder (created if needed; only missing files are added)
        #[arg(default_value = ".")]
        dir: PathBuf,
    },
    /// Join the part folders of `build --shard K/N` (all N of them) into the site one build writes
    Merge(MergeArgs),
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
pub(crate) enum Format {
    Human,
    Json,
    Sarif,
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Mode {
    /// The translation only
    Target,
    /// The translation, each sentence with its English source on hover and focus, and a
    /// switch to the whole article in English
    Bilingual,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Emit {
    Html,
    Json,
}

#[derive(Args)]
pub(crate) struct CheckArgs {
    /// The content folder (one sub-folder per locale, named by its BCP 47 tag) or
    /// locale folders in it; `check` also takes article, fragment and TOC files (the
    /// content folder is found above them; rules across locales still see every locale)
    #[arg(value_name = "PATH", default_value = "content")]
    pub(crate) paths: Vec<PathBuf>,
    /// How to write diagnostics
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Only these locales (repeatable)
    #[arg(long = "locale", value_name = "TAG")]
    pub(crate) locales: Vec<String>,
    /// Silence a rule
    #[arg(short = 'A', long = "allow", value_name = "RULE")]
    pub(crate) allow: Vec<String>,
    /// Report a rule as a warning
    #[arg(short = 'W', long = "warn", value_name = "RULE")]
    pub(crate) warn: Vec<String>,
    /// Report a rule as an error; `--deny warnings` makes every warning an error
    #[arg(short = 'D', long = "deny", value_name = "RULE")]
    pub(crate) deny: Vec<String>,
    /// The configuration file [default: helpc.toml here or in the nearest folder above]
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// When to color human output
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    pub(crate) color: Color,
    /// Worker threads [default: one per core]; the output is the same whatever the number
    #[arg(short = 'j', long, value_name = "N")]
    pub(crate) jobs: Option<usize>,
    /// Exit with status 0 even when the content has errors (the report is unchanged)
    #[arg(long)]
    pub(crate) exit_zero: bool,
    /// Print only the number of diagnostics per rule (human and github formats)
    #[arg(long)]
    pub(crate) statistics: bool,
    /// Print at most N diagnostics (human and github formats); the exit status counts all
    #[arg(long, value_name = "N")]
    pub(crate) max_diagnostics: Option<usize>,
    /// Only shard K of N of the articles (a stable partition; `check` and `build`):
    /// N CI jobs check or build a share each, `helpc merge` joins the built parts
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    pub(crate) shard: Option<crate::plan::Shard>,
}

/// A `--shard` value that is not `K/N` with 1 ≤ K ≤ N.
#[derive(Debug, thiserror::Error)]
#[error("`{0}` is not K/N with 1 ≤ K ≤ N (`--shard 2/3`)")]
struct ShardSyntax(String);

fn parse_shard(text: &str) -> Result<crate::plan::Shard, ShardSyntax> {
    crate::plan::Shard::parse(text).ok_or_else(|| ShardSyntax(text.to_string()))
}

#[derive(Args)]
pub(crate) struct BuildArgs {
    #[command(flatten)]
    pub(crate) check: CheckArgs,
    /// The output folder
    #[arg(long, default_value = "public")]
    pub(crate) out: PathBuf,
    /// What to write per article (comma-separated)
    #[arg(long, value_enum, value_delimiter = ',', default_value = "html")]
    pub(crate) emit: Vec<Emit>,
    /// How pages show translated articles
    #[arg(long, value_enum, default_value_t = Mode::Target)]
    pub(crate) mode: Mode,
    /// Render every article again, ignoring (and removing) the build cache
    #[arg(long)]
    pub(crate) no_cache: bool,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Args)]
pub(crate) struct ServeArgs {
    #[command(flatten)]
    pub(crate) build: BuildArgs,
    /// The port on 127.0.0.1 (0: any free port)
    #[arg(long, default_value_t = 8000)]
    pub(crate) port: u16,
}

#[derive(Args)]
pub(crate) struct StatusArgs {
    #[command(flatten)]
    pub(crate) check: CheckArgs,
    /// Exit with status 1 when a locale has less than PERCENT of its articles up to date
    #[arg(long, value_name = "PERCENT")]
    pub(crate) fail_under: Option<f64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub(crate) enum Interchange {
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
pub(crate) enum ImportFormat {
    Human,
    Json,
}

#[derive(Args)]
pub(crate) struct ExportArgs {
    /// The content folder
    #[arg(default_value = "content")]
    pub(crate) content: PathBuf,
    /// The locale to export (repeatable)
    #[arg(long = "locale", value_name = "TAG", required = true)]
    pub(crate) locales: Vec<String>,
    /// The file format
    #[arg(long, value_enum)]
    pub(crate) to: Interchange,
    /// The output folder
    #[arg(long, default_value = "export")]
    pub(crate) out: PathBuf,
    /// The configuration file [default: helpc.toml here or in the nearest folder above]
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Args)]
pub(crate) struct ReviewArgs {
    #[command(flatten)]
    pub(crate) check: CheckArgs,
    /// The output folder
    #[arg(long, default_value = "review")]
    pub(crate) out: PathBuf,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    pub(crate) force: bool,
}

#[derive(Args)]
pub(crate) struct MergeArgs {
    /// The part folders written by `helpc build --shard K/N --out PART`
    #[arg(required = true, value_name = "PART")]
    pub(crate) parts: Vec<PathBuf>,
    /// The content folder the shards were built from (for its locales, TOCs and media)
    #[arg(long, default_value = "content")]
    pub(crate) content: PathBuf,
    /// The output folder
    #[arg(long, default_value = "public")]
    pub(crate) out: PathBuf,
    /// The configuration file [default: helpc.toml here or in the nearest folder above]
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
    /// How to write the diagnostics of all the shards
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub(crate) format: Format,
    /// Replace the output folder even if helpc did not make it (never one
    /// that holds the content, the current folder or Markdown files)
    #[arg(long)]
    pub(crate) force: bool,
}

/// `helpc glossary`'s arguments.
#[derive(Args)]
pub(crate) struct GlossaryArgs {
    /// The content folder
    #[arg(default_value = "content")]
    pub(crate) content: PathBuf,
    /// The locale whose bold labels are read
    #[arg(long, value_name = "TAG")]
    pub(crate) locale: String,
    /// The file to write [default: standard output]
    #[arg(long, value_name = "FILE")]
    pub(crate) out: Option<PathBuf>,
    /// The file format
    #[arg(long, value_enum, default_value = "csv")]
    pub(crate) format: crate::glossary::Format,
    /// The configuration file [default: helpc.toml here or in the nearest folder above]
    #[arg(long, value_name = "FILE")]
    pub(crate) config: Option<PathBuf>,
}
