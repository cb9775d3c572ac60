//! `helpc clean`: a built site and its staging and cache folders removed.

use std::path::Path;

use anyhow::Result;

use crate::progress::say;

pub(super) fn run(out: &Path, force: bool) -> Result<u8> {
    let claim = crate::emit::Claim {
        content: None,
        force,
        ..Default::default()
    };
    let removed = crate::emit::clean(out, &claim)?;
    say(&format!("removed {removed} folders"));
    Ok(0)
}
