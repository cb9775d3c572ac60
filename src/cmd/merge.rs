//! `helpc merge PART... --out OUT`: the parts of `build --shard K/N` joined
//! into the site one `helpc build` writes, atomically.

use std::time::Instant;

use anyhow::{Context, Result, anyhow};

use super::args::{CheckArgs, Color, MergeArgs};
use super::report::{exit_status, write_report};
use crate::config;
use crate::discover;
use crate::emit::Output;
use crate::pipeline::{self, BuildPlan};
use crate::plan::SitePlan;
use crate::progress::say;
use crate::render::Site;

pub(super) fn run(args: &MergeArgs) -> Result<u8> {
    let started = Instant::now();
    let config = config::load(args.config.as_deref(), &[])?;
    let content = discover::discover(&args.content, &[])?;
    let plan = SitePlan::new(content, &config);
    let parts = args
        .parts
        .iter()
        .map(|part| {
            pipeline::read_manifest(part)
                .map(|manifest| (part.clone(), manifest))
                .with_context(|| format!("cannot merge `{}`", part.display()))
        })
        .collect::<Result<Vec<_>>>()?;
    if parts
        .iter()
        .any(|(part, _)| std::fs::canonicalize(part).ok() == std::fs::canonicalize(&args.out).ok())
    {
        return Err(anyhow!("--out must be another folder than the parts"));
    }
    // Refused before anything is written.
    pipeline::check_parts(&plan, &parts)?;
    let claim = crate::emit::Claim {
        content: Some(&args.content),
        force: args.force,
        ..Default::default()
    };
    let site = Site::new(&config.project)?;
    let build = BuildPlan {
        site: &site,
        output: Output::begin(&args.out, &claim)?,
        emit_json: false,
        bilingual: false,
        cache: None,
        in_place: None,
        memory: None,
    };
    let outcome = pipeline::merge(&plan, &config, build, &parts)?;
    let check = CheckArgs {
        paths: vec![args.content.clone()],
        format: args.format,
        locales: Vec::new(),
        allow: Vec::new(),
        warn: Vec::new(),
        deny: Vec::new(),
        config: args.config.clone(),
        color: Color::Auto,
        jobs: None,
        exit_zero: false,
        statistics: false,
        max_diagnostics: None,
        shard: None,
    };
    write_report(&check, &outcome, Some(&args.out), None)?;
    say(&format!(
        "merged {} parts into `{}`: {} pages in {:.2}s",
        parts.len(),
        args.out.display(),
        outcome.pages.unwrap_or(0),
        started.elapsed().as_secs_f64()
    ));
    Ok(exit_status(&outcome.report, false))
}
