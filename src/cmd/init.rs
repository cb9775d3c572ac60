//! `helpc init`: a new content project.

use anyhow::Result;

use crate::progress::say;

pub(super) fn run(dir: &std::path::Path) -> Result<u8> {
    let created = crate::init::init(dir)?;
    for rel in &created.written {
        say(&format!("created {rel}"));
    }
    for rel in &created.kept {
        say(&format!("kept {rel} (it exists)"));
    }
    let cd = if dir == std::path::Path::new(".") {
        String::new()
    } else {
        format!("cd {} && ", dir.display())
    };
    say(&format!("next: {cd}helpc check && helpc build"));
    Ok(0)
}
