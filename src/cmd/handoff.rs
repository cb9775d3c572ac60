//! `helpc handoff`: a locale's span-aligned files made or updated from the source.

use anyhow::{Result, anyhow};

use crate::config;
use crate::discover;
use crate::pipeline;
use crate::plan::SitePlan;
use crate::progress::say;

pub(super) fn run(
    content: &std::path::Path,
    locale: &str,
    date: Option<String>,
    config: Option<&std::path::Path>,
) -> Result<u8> {
    use crate::handoff::Origin;
    let config = config::load(config, &[])?;
    let tag = crate::locale::parse_tag(locale)
        .ok_or_else(|| anyhow!("`--locale {locale}` is not a BCP 47 tag"))?;
    let tree = discover::discover(content, &[])?;
    // The locale's folder keeps its spelling if it exists.
    let folder = tree
        .folder_of(&tag)
        .map_or_else(|| tag.to_string(), |l| l.name.clone());
    let date = date.unwrap_or_else(today);
    let reports = pipeline::handoff(&SitePlan::new(tree, &config), &config, &folder, &date)?;
    let mut counts = [0usize; 3];
    let mut out = String::new();
    for report in &reports {
        for segment in &report.segments {
            let (slot, label) = match segment.origin {
                Origin::Carried => (0, None),
                Origin::NearMatch => (1, Some("near match, review the translation")),
                Origin::New => (2, Some("new, to translate")),
            };
            counts[slot] += 1;
            if let Some(label) = label {
                out.push_str(&format!(
                    "{} {}: {label}: {}\n",
                    report.article, segment.id, segment.source
                ));
            }
        }
    }
    print!("{out}");
    say(&format!(
        "handed off {} articles to {folder} ({} created, {} updated): {} segments carried over, {} near matches to review, {} new",
        reports.len(),
        reports.iter().filter(|r| r.created).count(),
        reports.iter().filter(|r| r.written && !r.created).count(),
        counts[0],
        counts[1],
        counts[2]
    ));
    Ok(0)
}

/// Today's date (UTC) as `MM/DD/YYYY`.
pub(super) fn today() -> String {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{month:02}/{day:02}/{year}")
}
