//! `helpc completions SHELL` and `helpc man`: made from the command line's
//! own definition, so they always match it.

use std::io::Write;

use anyhow::{Context, Result};
use clap::CommandFactory;

use super::args::Cli;

pub(super) fn run(shell: clap_complete::Shell) -> Result<u8> {
    let mut command = Cli::command();
    clap_complete::generate(shell, &mut command, "helpc", &mut std::io::stdout());
    Ok(0)
}

pub(super) fn man() -> Result<u8> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut page)
        .and_then(|()| std::io::stdout().write_all(&page))
        .context("cannot write the manual page")?;
    Ok(0)
}
