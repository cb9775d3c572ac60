//! `helpc import`: the targets of edited PO or XLIFF files written back.

use std::path::PathBuf;

use anyhow::{Result, anyhow};

use super::CONTENT_ERRORS;
use super::args::ImportFormat;

pub(super) fn run(
    content: &std::path::Path,
    files: &[PathBuf],
    accept_fuzzy: bool,
    keep_going: bool,
    format: ImportFormat,
) -> Result<u8> {
    use crate::interchange::import;
    if !content.is_dir() {
        return Err(anyhow!("`{}` is not a content folder", content.display()));
    }
    let options = crate::interchange::apply::Options { accept_fuzzy };
    let plans = import::plan_files(content, files, options);
    let written = import::commit(&plans, keep_going)?;
    let report = import::report(&plans, written, keep_going, format == ImportFormat::Json);
    match format {
        ImportFormat::Json => print!("{report}"),
        ImportFormat::Human => eprint!("{report}"),
    }
    Ok(if plans.iter().any(import::FilePlan::refused) {
        CONTENT_ERRORS
    } else {
        0
    })
}
