//! Writes a report in the format asked for, to standard output.

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow};

use super::args::{CheckArgs, Color, Format};
use crate::diag::{self, Report};
use crate::pipeline::Outcome;
use crate::progress;

/// `cached`: the output folder whose cache keeps the last human report, when
/// the build uses its cache.
pub(super) fn write_report(
    args: &CheckArgs,
    outcome: &Outcome,
    out: Option<&PathBuf>,
    cached: Option<&Path>,
) -> Result<()> {
    write_report_or(args, outcome, out, cached, None)
}

/// [`write_report`], or `kept` (the human report [`kept_report`] found) as it is.
pub(super) fn write_report_or(
    args: &CheckArgs,
    outcome: &Outcome,
    out: Option<&PathBuf>,
    cached: Option<&Path>,
    kept: Option<String>,
) -> Result<()> {
    let report: &Report = &outcome.report;
    let options = human_options(args);
    let text = match (args.format, kept) {
        (Format::Human, Some(text)) => text,
        (format, _) => report_text(args, format, report, &options, outcome, out, cached),
    };
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Ok(()),
        // A closed pipe (`helpc check | head`) is not a failure of the run.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(anyhow!("cannot write to standard output: {e}")),
    }
}

/// A no-op rebuild's report ([`Outcome::kept`]): the human report kept
/// for its diagnostics and these options, as it is, without decoding
/// them; else `None`, the diagnostics decoded into `outcome.report`.
/// Returns whether any diagnostic is an error, too.
pub(super) fn kept_report(
    args: &CheckArgs,
    outcome: &mut Outcome,
    cached: Option<&Path>,
) -> Result<(Option<String>, bool)> {
    let Some(kept) = outcome.kept.take() else {
        return Ok((None, outcome.report.has_errors()));
    };
    if args.format == Format::Human
        && let Some(target) = cached
        && let Some(text) =
            crate::cache::saved_report(target, human_key(kept.facts.key, &human_options(args)))
    {
        return Ok((Some(text), kept.facts.errors));
    }
    outcome.report.diagnostics = kept.decode(&outcome.report.by_locale).ok_or_else(|| {
        anyhow!("the cache's report of the last build is damaged; build again with --no-cache")
    })?;
    Ok((None, outcome.report.has_errors()))
}

fn human_options(args: &CheckArgs) -> diag::HumanOptions {
    diag::HumanOptions {
        color: match args.color {
            Color::Always => true,
            Color::Never => false,
            Color::Auto => {
                std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            }
        },
        statistics: args.statistics,
        max_diagnostics: args.max_diagnostics,
        quiet: progress::verbosity() == progress::Verbosity::Quiet,
    }
}

fn report_text(
    args: &CheckArgs,
    format: Format,
    report: &Report,
    options: &diag::HumanOptions,
    outcome: &Outcome,
    out: Option<&PathBuf>,
    cached: Option<&Path>,
) -> String {
    match format {
        Format::Human => match cached {
            Some(target) => human_through_cache(report, outcome.report_key, options, target),
            None => diag::render_human_with(report, options),
        },
        Format::Json => {
            let (Some(pages), Some(out)) = (outcome.pages, out) else {
                return diag::render_json(report);
            };
            let mut value = diag::report_value(report);
            value["build"] = serde_json::json!({
                "out": out.display().to_string(),
                "pages": pages,
                "left_out": outcome.left_out,
                "unchanged": outcome.unchanged,
                "rendered": outcome.rendered,
                "written": outcome.written,
            });
            diag::to_json_text(&value)
        }
        Format::Sarif => diag::render_sarif(report, &content_base(args)),
        Format::Github => diag::render_github_log(report, &content_base(args), options),
    }
}

/// The key of the human report rendered with `options` from the report
/// that [`crate::cache::report_key`] names.
fn human_key(report_key: u64, options: &diag::HumanOptions) -> u64 {
    crate::cache::hash_of(&(crate::cache::binary_key(), report_key, options))
}

/// The human report: the one printed last when it was rendered from the
/// same diagnostics, counts and options by this helpc (a no-op rebuild),
/// else rendered and kept for the next build.
/// `known`: the report's key, if the build computed it.
fn human_through_cache(
    report: &Report,
    known: Option<u64>,
    options: &diag::HumanOptions,
    target: &Path,
) -> String {
    let report_key = known.unwrap_or_else(|| crate::cache::report_key(report));
    let key = human_key(report_key, options);
    let kept = match crate::cache::kept_report(target) {
        Some(kept) if kept.key == key => return kept.text,
        other => other,
    };
    // Else the diagnostics' texts of the last report, rendered by this
    // helpc in these colors, serve again: an edit changes a few of them.
    let blocks_key = crate::cache::hash_of(&(crate::cache::binary_key(), options.color));
    let texts = kept
        .as_ref()
        .filter(|kept| kept.blocks_key == blocks_key)
        .map(crate::cache::KeptReport::texts)
        .unwrap_or_default();
    let (text, blocks) = diag::render_human_reusing(report, options, &texts);
    // A report that cannot be kept is rendered again next time.
    let _ = crate::cache::save_report(target, key, blocks_key, &blocks, &text);
    text
}

/// CONTENT as the user wrote it, `/`-separated, for result URIs.
pub(super) fn content_base(args: &CheckArgs) -> String {
    let root = super::options::target(&args.paths).map_or_else(
        |_| args.paths.first().cloned().unwrap_or_default(),
        |t| t.root,
    );
    root.to_string_lossy().replace('\\', "/")
}

/// The exit status of a report: 1 with errors (unless `--exit-zero`), else 0.
pub(super) fn exit_status(report: &Report, exit_zero: bool) -> u8 {
    exit_status_of(report.has_errors(), exit_zero)
}

pub(super) fn exit_status_of(errors: bool, exit_zero: bool) -> u8 {
    if errors && !exit_zero {
        super::CONTENT_ERRORS
    } else {
        0
    }
}
