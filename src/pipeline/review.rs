//! `helpc review`: every article's side-by-side page, a QA summary per
//! locale (HTML and JSON) and an index, all views of the same analyses
//! `check` reports.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::{FamilyResult, collect};
use crate::analyse::{self, Analysed};
use crate::config::Config;
use crate::diag::{Diagnostic, Report};
use crate::emit::Output;
use crate::plan::{LocaleId, SitePlan};
use crate::render::review::ReviewedArticle;
use crate::render::{LocaleUi, Site};
use crate::rules::Level;

type Reviewed = (FamilyResult, Vec<(LocaleId, ReviewedArticle)>);

/// Writes the review site into `output`; returns the same report as `check`.
pub fn review(
    plan: &SitePlan,
    config: &Config,
    site: &Site,
    output: &Output,
) -> crate::error::Result<Report> {
    let mut uis: Vec<Option<LocaleUi>> = plan
        .locales
        .iter()
        .map(|locale| {
            let tag = locale.tag().filter(|_| !locale.rebuilt)?;
            Some(site.locale_ui(tag, &locale.folder.url_name()))
        })
        .collect();
    crate::render::name_locales(&mut uis);
    let page = |member: &Analysed| -> crate::error::Result<Option<(LocaleId, ReviewedArticle)>> {
        let (Some(article), Some(ui)) = (&member.article, &uis[member.locale.index()]) else {
            return Ok(None);
        };
        let found: Vec<Diagnostic> = member
            .diagnostics
            .iter()
            .filter(|d| d.level != Level::Allow)
            .cloned()
            .collect();
        let (html, reviewed) = site.review_article(article, &found, ui)?;
        output.write(&reviewed.url, html.as_bytes())?;
        Ok(Some((member.locale, reviewed)))
    };
    let families: Vec<Reviewed> = plan
        .families
        .par_iter()
        .with_max_len(1)
        .map(|family| {
            let analysis = analyse::analyse(plan, config, family);
            let pages = analysis
                .members
                .iter()
                .filter_map(|member| page(member).transpose())
                .collect::<crate::error::Result<_>>()?;
            Ok((
                FamilyResult::of_analysis(plan, config, &analysis, true),
                pages,
            ))
        })
        .collect::<crate::error::Result<_>>()?;
    let fragments: Vec<Reviewed> = plan
        .fragments
        .par_iter()
        .map(|member| {
            let analysed = analyse::analyse_fragment(plan, config, member);
            let mut result = FamilyResult::default();
            result.add_member(plan, &analysed, true);
            Ok((result, page(&analysed)?.into_iter().collect()))
        })
        .collect::<crate::error::Result<_>>()?;
    let all = || families.iter().chain(&fragments);
    let report = collect(plan, config, all().map(|(result, _)| result)).report;
    let mut by_locale: BTreeMap<LocaleId, Vec<&ReviewedArticle>> = BTreeMap::new();
    for (locale, reviewed) in all().flat_map(|(_, pages)| pages) {
        by_locale.entry(*locale).or_default().push(reviewed);
    }
    let mut summaries = Vec::new();
    for (locale, ui) in plan.locales.iter().zip(&uis) {
        let Some(ui) = ui else { continue };
        let mut reviewed: Vec<ReviewedArticle> = by_locale
            .remove(&locale.id)
            .unwrap_or_default()
            .into_iter()
            .cloned()
            .collect();
        reviewed.sort_by(|a, b| a.path.cmp(&b.path));
        // What the pages do not show: reports of files without a page
        // (TOCs, media, unreadable files) and of the locale-wide pass.
        let mut shown: HashMap<(&str, &str), usize> = HashMap::new();
        for article in &reviewed {
            for rule in &article.by_rule {
                *shown.entry((article.path.as_str(), rule)).or_default() += 1;
            }
        }
        let prefix = format!("{}/", locale.name());
        let others: Vec<&Diagnostic> = report
            .diagnostics
            .iter()
            .filter(|d| d.path.starts_with(&prefix))
            .filter(|d| match shown.get_mut(&(d.path.as_str(), d.rule.name())) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    false
                }
                _ => true,
            })
            .collect();
        let summary = site.review_summary(ui, &reviewed, &others);
        output.write(
            &format!("{}/index.html", ui.url_name),
            site.review_locale_html(ui, &summary, &reviewed)?.as_bytes(),
        )?;
        output.write(
            &format!("{}/summary.json", ui.url_name),
            crate::diag::to_json_text(&summary).as_bytes(),
        )?;
        summaries.push((ui, summary));
    }
    output.write("index.html", site.review_index_html(&summaries)?.as_bytes())?;
    for (name, text) in site.assets() {
        output.write(&format!("assets/{name}"), text.as_bytes())?;
    }
    Ok(report)
}
