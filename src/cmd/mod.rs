//! The command line: clap's raw flags ([`args`]) checked into what each
//! command starts from ([`options`]), one module per command, reports
//! written by [`report`], and the exit status:
//!
//! | status | meaning |
//! |---|---|
//! | 0 | no errors |
//! | 1 | errors in the content (or a locale below `--fail-under`, an import refused) |
//! | 2 | the run itself failed |

mod args;
mod build;
mod check;
mod clean;
mod completions;
mod export;
mod glossary;
mod handoff;
mod import;
mod init;
mod merge;
mod options;
mod report;
mod review;
mod rules;
mod serve;
mod status;

use std::process::ExitCode;

use anyhow::Result;
use clap::{CommandFactory, FromArgMatches};

use crate::progress;
use args::{Cli, Command};

/// Exit status: the run itself failed (bad arguments, unreadable content,
/// unwritable output, bad configuration).
const FAILED: u8 = 2;
/// Exit status: the content has errors.
const CONTENT_ERRORS: u8 = 1;

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
    progress::set_verbosity(match (cli.quiet, cli.verbose) {
        (true, _) => progress::Verbosity::Quiet,
        (_, true) => progress::Verbosity::Verbose,
        _ => progress::Verbosity::Normal,
    });
    match dispatch(cli.command, sub) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(FAILED)
        }
    }
}

fn dispatch(command: Command, sub: Option<&clap::ArgMatches>) -> Result<u8> {
    match command {
        Command::Rules => {
            print!("{}", rules::rules_table());
            Ok(0)
        }
        Command::Completions { shell } => completions::run(shell),
        Command::Man => completions::man(),
        Command::Explain { rule } => {
            print!("{}", rules::explain(&rule)?);
            Ok(0)
        }
        Command::Init { dir } => init::run(&dir),
        Command::Check { args, watch: true } => check::watch(&args, sub),
        Command::Check { args, .. } => check::run(&args, sub),
        Command::Build(args) => build::run(&args, sub),
        Command::Review(args) => review::run(&args, sub),
        Command::Merge(args) => merge::run(&args),
        Command::Serve(args) => serve::run(&args, sub),
        Command::Status(args) => status::run(&args, sub),
        Command::Export(args) => export::run(&args),
        Command::Glossary(args) => glossary::run(&args),
        Command::Import {
            content,
            files,
            accept_fuzzy,
            keep_going,
            format,
        } => import::run(&content, &files, accept_fuzzy, keep_going, format),
        Command::Handoff {
            content,
            locale,
            date,
            config,
        } => handoff::run(&content, &locale, date, config.as_deref()),
        Command::Clean { out, force } => clean::run(&out, force),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
    }
}
