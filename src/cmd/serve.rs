//! `helpc serve`: build, serve on 127.0.0.1, rebuild on change.

use std::path::PathBuf;

use anyhow::{Result, anyhow};
use clap::ArgMatches;

use super::args::ServeArgs;
use crate::config;

pub(super) fn run(args: &ServeArgs, matches: Option<&ArgMatches>) -> Result<u8> {
    let build = &args.build;
    // The cache's state, families and locale data stay in memory between
    // rebuilds: a rebuild reads none of them back from the cache files.
    let memory = std::sync::Mutex::new(crate::pipeline::BuildMemory::default());
    // So does the plan, while only the text of known Markdown files changes.
    let planned = std::sync::Mutex::new(None);
    let rebuild = |changes: &crate::serve::Changes, in_place: &(dyn Fn() + Sync)| {
        let serving = super::build::Serving {
            changes,
            in_place,
            memory: &memory,
            planned: &planned,
        };
        super::build::run_with(build, matches, Some(&serving))
            .map(|_| ())
            .map_err(Into::into)
    };
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
            super::options::target(&build.check.paths)?.root,
            project.join("templates"),
            project.join("locales"),
            config_path,
        ],
        build: &rebuild,
    }
    .run()
    .map_err(|e| anyhow!(e))?;
    Ok(0)
}
