//! `helpc export`: the PO, XLIFF or TMX file of every article of some locales.

use rayon::prelude::*;

use crate::config::Config;
use crate::emit::Output;
use crate::plan::SitePlan;
use crate::read;

/// `helpc export`: one PO or XLIFF file per article of each locale in
/// `only` (by folder name), under `<locale>/<path>.<po|xlf>`. Returns how
/// many files were written.
pub fn export(
    plan: &SitePlan,
    config: &Config,
    only: &[String],
    format: crate::interchange::Format,
    output: &Output,
) -> crate::error::Result<usize> {
    let source_locale = config.source_locale.to_string();
    let written = std::sync::atomic::AtomicUsize::new(0);
    let folders = plan.content_locales().map(|l| &l.folder);
    for folder in folders.filter(|folder| only.contains(&folder.name)) {
        folder.markdown.par_iter().try_for_each(|file| {
            let Ok(article) = read::read_file(file) else {
                return Ok(()); // `helpc check` reports what cannot be read
            };
            if article.scan.segments.is_empty() {
                return Ok(());
            }
            let text = crate::interchange::write(format, &article, &folder.name, &source_locale);
            output.write(
                &format!("{}.{}", file.rel, format.extension()),
                text.as_bytes(),
            )?;
            written.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            Ok::<(), crate::error::Error>(())
        })?;
    }
    Ok(written.into_inner())
}
