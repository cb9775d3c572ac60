//! `helpc status`: per locale, what is translated, missing and stale.

use anyhow::Result;
use clap::ArgMatches;

use super::CONTENT_ERRORS;
use super::args::{Format, StatusArgs};
use super::options::{Setup, configure_folders};
use super::report::write_report;
use crate::pipeline;
use crate::plan::SitePlan;
use crate::progress;

pub(super) fn run(args: &StatusArgs, matches: Option<&ArgMatches>) -> Result<u8> {
    let check = &args.check;
    let Setup {
        config, content, ..
    } = configure_folders(check, matches)?;
    let source = content
        .folder_of(&config.source_locale)
        .map(|l| l.name.clone());
    let outcome = pipeline::check(&SitePlan::new(content, &config), &config);
    let status = crate::status::status(&outcome.articles, &outcome.report, source.as_deref());
    let below = args
        .fail_under
        .map(|threshold| crate::status::below(&status, threshold))
        .unwrap_or_default();
    let table = crate::status::render_table(&status);
    match check.format {
        Format::Json => print!("{}", crate::status::render_json(&status, args.fail_under)),
        Format::Human => print!("{table}"),
        // The diagnostics the status was computed from; the table to the log.
        Format::Sarif => {
            write_report(check, &outcome, None, None)?;
            if progress::verbosity() > progress::Verbosity::Quiet {
                eprint!("{table}");
            }
        }
        // The table as log lines, an annotation per locale below --fail-under.
        Format::Github => {
            print!("{table}");
            for locale in &below {
                println!(
                    "::error title=helpc status::{locale} is below {}% up to date",
                    args.fail_under.unwrap_or(0.0)
                );
            }
        }
    }
    if let Some(threshold) = args.fail_under
        && !below.is_empty()
    {
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
    Ok(0)
}
