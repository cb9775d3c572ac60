//! `helpc export`: one PO, XLIFF or TMX file per article of some locales.

use std::time::Instant;

use anyhow::Result;

use super::args::{ExportArgs, Interchange};
use super::options::locale_tags;
use crate::config;
use crate::discover;
use crate::emit::Output;
use crate::pipeline;
use crate::plan::SitePlan;
use crate::progress::say;

pub(super) fn run(args: &ExportArgs) -> Result<u8> {
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
    let plan = SitePlan::new(content, &config);
    let written = pipeline::export(&plan, &config, &names, format, &output)?;
    output.commit()?;
    say(&format!(
        "exported {written} articles of {} to `{}` in {:.2}s",
        names.join(", "),
        args.out.display(),
        started.elapsed().as_secs_f64()
    ));
    Ok(0)
}
