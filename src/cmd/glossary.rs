//! `helpc glossary`: a glossary proposed from a locale's consistent bold labels.

use anyhow::{Result, anyhow};

use super::args::GlossaryArgs;

/// Runs `helpc glossary`; a summary goes to standard error.
pub(super) fn run(args: &GlossaryArgs) -> Result<u8> {
    let config = crate::config::load(args.config.as_deref(), &[])?;
    let tag = crate::locale::parse_tag(&args.locale)
        .ok_or_else(|| anyhow!("`--locale {}` is not a BCP 47 tag", args.locale))?;
    let terms = crate::glossary::command(
        &args.content,
        &tag,
        &config.source_locale,
        args.format,
        args.out.as_deref(),
    )?;
    eprintln!("proposed {terms} terms from the bold labels of {tag}");
    Ok(0)
}
