//! `helpc review`: side-by-side review pages and a QA summary per locale.

use std::time::Instant;

use anyhow::Result;
use clap::ArgMatches;

use super::args::ReviewArgs;
use super::options::{Setup, configure_folders};
use super::report::{exit_status, write_report};
use crate::emit::Output;
use crate::pipeline::{self, Outcome};
use crate::plan::SitePlan;
use crate::progress::say;
use crate::render::Site;

pub(super) fn run(args: &ReviewArgs, matches: Option<&ArgMatches>) -> Result<u8> {
    let started = Instant::now();
    let check = &args.check;
    let Setup {
        config, content, ..
    } = configure_folders(check, matches)?;
    let claim = crate::emit::Claim {
        content: Some(&content.root),
        force: args.force,
        ..Default::default()
    };
    let site = Site::new(&config.project)?;
    let output = Output::begin(&args.out, &claim)?;
    let report = pipeline::review(&SitePlan::new(content, &config), &config, &site, &output)?;
    output.commit()?;
    let outcome = Outcome::of_report(report);
    write_report(check, &outcome, None, None)?;
    say(&format!(
        "wrote review pages for {} files into `{}` in {:.2}s",
        outcome.report.totals().files,
        args.out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(exit_status(&outcome.report, check.exit_zero))
}
