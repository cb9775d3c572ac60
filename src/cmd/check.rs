//! `helpc check`: analyse the content and report; `--watch` again on every change.

use std::time::Instant;

use anyhow::Result;
use clap::ArgMatches;

use super::args::CheckArgs;
use super::options::{Setup, configure};
use super::report::{exit_status, write_report};
use crate::cache;
use crate::config;
use crate::pipeline;
use crate::plan::SitePlan;
use crate::progress::{self, say};

pub(super) fn run(args: &CheckArgs, matches: Option<&ArgMatches>) -> Result<u8> {
    let Setup {
        config,
        content,
        files,
    } = configure(args, matches)?;
    let stage = Instant::now();
    let root = content.root.clone();
    let plan = SitePlan::new(content, &config);
    progress::stage("plan", "", stage);
    let stage = Instant::now();
    let outcome = match &files {
        None => pipeline::check_share(&plan, &config, args.shard),
        Some(files) => {
            let unknown: Vec<&String> = files.iter().filter(|f| !plan.files.contains(*f)).collect();
            if let Some(first) = unknown.first() {
                return Err(anyhow::anyhow!(
                    "`{first}` is not a file of the content folder `{}` (only its articles, fragments, TOCs and media are checked)",
                    root.display()
                ));
            }
            if args.shard.is_some() {
                return Err(anyhow::anyhow!("give files or --shard, not both"));
            }
            pipeline::check_files(&plan, &config, files)
        }
    };
    progress::stage("read and check", "", stage);
    let stage = Instant::now();
    write_report(args, &outcome, None, None)?;
    progress::stage("report", "", stage);
    Ok(exit_status(&outcome.report, args.exit_zero))
}

/// `check --watch`: a report now and another after every change, separated
/// by a line (the screen is not cleared, so earlier reports stay readable).
pub(super) fn watch(args: &CheckArgs, matches: Option<&ArgMatches>) -> Result<u8> {
    let mut watched = args.paths.clone();
    watched.extend(args.config.clone().or_else(config::default_path));
    loop {
        let seen = cache::fingerprint(&watched);
        // A failed run (bad config, no locale) is reported and watched again.
        if let Err(message) = run(args, matches) {
            eprintln!("error: {message:#}");
        }
        say("watching for changes (Ctrl-C to stop)");
        while cache::fingerprint(&watched) == seen {
            std::thread::sleep(std::time::Duration::from_millis(300));
        }
        println!("\n---- content changed: checking again ----\n");
    }
}
