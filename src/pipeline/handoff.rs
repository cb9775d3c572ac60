//! `helpc handoff`: the span-aligned files of a locale made or updated from
//! the source locale's articles.

use rayon::prelude::*;

use crate::config::Config;
use crate::discover::ContentFile;
use crate::plan::SitePlan;
use crate::read;

/// What `helpc handoff` did to one article.
pub struct HandoffReport {
    /// The locale's file, relative to CONTENT.
    pub article: String,
    pub created: bool,
    pub written: bool,
    pub segments: Vec<crate::handoff::HandedOff>,
}

/// `helpc handoff`: the locale's span-aligned file of every source-locale
/// article, created or updated (written only when it changes).
pub fn handoff(
    plan: &SitePlan,
    config: &Config,
    locale: &str,
    date: &str,
) -> crate::error::Result<Vec<HandoffReport>> {
    let source = plan
        .content_locales()
        .map(|l| &l.folder)
        .find(|folder| folder.is(&config.source_locale))
        .ok_or_else(|| {
            crate::error::Error::Content(format!(
                "no {} folder to hand off from",
                config.source_locale
            ))
        })?;
    // Nothing is written through a link that leads out of the content.
    crate::interchange::safe::inside(&plan.root, locale)?;
    let mut reports: Vec<HandoffReport> = source
        .markdown
        .par_iter()
        .filter(|file| !file.fragment)
        .map(|file| {
            let english = read::read_file(file).map_err(|source| crate::error::Error::Read {
                path: file.rel.clone(),
                source,
            })?;
            let rel = format!("{locale}/{}", file.local);
            let target = ContentFile {
                abs: crate::interchange::safe::inside(&plan.root, &rel)?,
                rel: rel.clone(),
                local: file.local.clone(),
                fragment: false,
            };
            let existing = target
                .abs
                .is_file()
                .then(|| read::read_file(&target).ok())
                .flatten();
            let (text, segments) =
                crate::handoff::hand_off(&english, existing.as_ref(), locale, date);
            let unchanged = existing.as_ref().is_some_and(|e| {
                // The date alone changing is no reason to rewrite a file.
                let strip = |t: &str| {
                    t.lines()
                        .filter(|l| !l.starts_with("ms.lasthandoff:"))
                        .collect::<Vec<_>>()
                        .join("\n")
                };
                strip(&e.text) == strip(&text)
            });
            if !unchanged {
                crate::interchange::safe::write(&target.abs, text.as_bytes())?;
            }
            Ok(HandoffReport {
                article: rel,
                created: existing.is_none(),
                written: !unchanged,
                segments,
            })
        })
        .collect::<crate::error::Result<_>>()?;
    reports.sort_by(|a, b| a.article.cmp(&b.article));
    Ok(reports)
}
