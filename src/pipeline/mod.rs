//! Runs the stages over a [`SitePlan`]: every family and fragment analysed
//! in parallel ([`crate::analyse`]), then reported (`check`), rendered and
//! written (`build`), or viewed (`review`, `status`). The unit of parallel
//! work is an article family: one relative path across every locale, so
//! each page knows which translations exist, and only one family's
//! articles are in memory per worker.

mod build;
mod export;
mod handoff;
mod review;
mod shard;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

pub use crate::analyse::ArticleFacts;
use crate::analyse::{self, Analysed, Analysis};
use crate::config::Config;
use crate::diag::{Counts, Diagnostic, Report};
use crate::plan::{LocaleId, Shard, SitePlan};
use crate::progress::Progress;
use crate::render::IndexEntry;
pub use build::{BuildPlan, build};
pub use export::export;
pub use handoff::handoff;
pub use review::review;
pub use shard::{build_share, check_parts, merge, read_manifest};

pub struct Outcome {
    pub report: Report,
    /// Pages written; `None` for a check-only run.
    pub pages: Option<usize>,
    /// Articles left out of the build because of errors.
    pub left_out: Vec<String>,
    /// Articles rendered again; the others came from the cache.
    pub rendered: usize,
    /// Nothing changed since the last build: nothing was written.
    pub unchanged: bool,
    /// Every article, for `helpc status` (empty for builds).
    pub articles: Vec<ArticleFacts>,
    /// Files whose bytes the build wrote; the others were already right.
    pub written: usize,
}

impl Outcome {
    /// The outcome of a run that builds no site.
    pub fn of_report(report: Report) -> Outcome {
        Outcome {
            report,
            pages: None,
            left_out: Vec::new(),
            rendered: 0,
            unchanged: false,
            articles: Vec::new(),
            written: 0,
        }
    }
}

/// One page of the sitemap: its URL and its alternates (locale, URL),
/// `x-default` included.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
pub(crate) struct SitemapEntry {
    pub url: String,
    pub alternates: Vec<(String, String)>,
}

/// What a family (or fragment) contributes to a run; the build cache keeps
/// it whole.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct FamilyResult {
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Vec<(LocaleId, Counts)>,
    pub entries: Vec<(LocaleId, IndexEntry)>,
    pub left_out: Vec<String>,
    pub sitemap: Vec<SitemapEntry>,
    /// The files it wrote, with their content hashes.
    pub outputs: Vec<(String, u64)>,
    /// What `helpc status` counts of each article.
    pub articles: Vec<ArticleFacts>,
}

impl FamilyResult {
    /// What a family's analysis reports, before anything is rendered.
    fn of_analysis(plan: &SitePlan, analysis: &Analysis) -> FamilyResult {
        let mut result = FamilyResult::default();
        for member in &analysis.members {
            result.add_member(plan, member);
        }
        result.diagnostics.extend(analysis.others.iter().cloned());
        result
    }

    fn add_member(&mut self, plan: &SitePlan, member: &Analysed) {
        self.diagnostics.extend(member.diagnostics.iter().cloned());
        self.counts.push((member.locale, member.counts()));
        if !member.file.fragment {
            self.articles.push(member.facts(plan));
        }
    }
}

/// The report, index entries, left-out articles and sitemap of a run's results.
pub(crate) struct Collected<'r> {
    pub report: Report,
    pub entries: Vec<Vec<&'r IndexEntry>>,
    pub left_out: Vec<String>,
    pub sitemap: Vec<SitemapEntry>,
}

/// Adds up the results (read in place: index entries, the search terms of
/// every page, are not copied).
pub(crate) fn collect<'r>(
    plan: &SitePlan,
    results: impl Iterator<Item = &'r FamilyResult>,
) -> Collected<'r> {
    collect_share(plan, None, results)
}

/// [`collect`] for one shard: only the plan's reports the shard holds.
pub(crate) fn collect_share<'r>(
    plan: &SitePlan,
    shard: Option<Shard>,
    results: impl Iterator<Item = &'r FamilyResult>,
) -> Collected<'r> {
    let mut by_locale: BTreeMap<String, Counts> = plan
        .content_locales()
        .map(|l| (l.name().to_string(), Counts::default()))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = plan
        .diagnostics
        .iter()
        .filter(|d| shard.is_none_or(|s| s.holds(&d.path)))
        .cloned()
        .collect();
    let mut entries: Vec<Vec<&IndexEntry>> = vec![Vec::new(); plan.locales.len()];
    let mut left_out = Vec::new();
    let mut sitemap = Vec::new();
    for result in results {
        diagnostics.extend(result.diagnostics.iter().cloned());
        for (locale, counts) in &result.counts {
            if let Some(total) = by_locale.get_mut(plan.locale(*locale).name()) {
                total.add(counts);
            }
        }
        for (locale, entry) in &result.entries {
            entries[locale.index()].push(entry);
        }
        left_out.extend(result.left_out.iter().cloned());
        sitemap.extend(result.sitemap.iter().cloned());
    }
    left_out.sort();
    Collected {
        report: Report::new(by_locale, diagnostics),
        entries,
        left_out,
        sitemap,
    }
}

/// The fragments' results: their diagnostics and counts.
pub(crate) fn fragment_results(
    plan: &SitePlan,
    config: &Config,
    shard: Option<Shard>,
    progress: &Progress,
) -> Vec<FamilyResult> {
    plan.fragments
        .par_iter()
        .filter(|member| shard.is_none_or(|s| s.holds(&member.file.rel)))
        .map(|member| {
            let mut result = FamilyResult::default();
            result.add_member(plan, &analyse::analyse_fragment(plan, config, member));
            progress.advance(1);
            result
        })
        .collect()
}

/// `helpc check FILE...`: the families and fragments of `files` analysed
/// whole (rules across locales see every locale), and only the diagnostics
/// and counts of `files` (relative to CONTENT) reported: exactly what a
/// full check reports for them.
pub fn check_files(plan: &SitePlan, config: &Config, files: &BTreeSet<String>) -> Outcome {
    let selected = |rel: &str| files.contains(rel);
    let results: Vec<FamilyResult> = plan
        .families
        .par_iter()
        .filter(|family| family.members.iter().any(|m| selected(&m.file.rel)))
        .map(|family| {
            let analysis = analyse::analyse(plan, config, family);
            let mut result = FamilyResult::default();
            for member in analysis.members.iter().filter(|m| selected(&m.file.rel)) {
                result.add_member(plan, member);
            }
            let others = analysis.others.iter().filter(|d| selected(&d.path));
            result.diagnostics.extend(others.cloned());
            result
        })
        .collect();
    let fragments: Vec<FamilyResult> = plan
        .fragments
        .par_iter()
        .filter(|member| selected(&member.file.rel))
        .map(|member| {
            let mut result = FamilyResult::default();
            result.add_member(plan, &analyse::analyse_fragment(plan, config, member));
            result
        })
        .collect();
    let mut report = collect(plan, results.iter().chain(&fragments)).report;
    report.diagnostics.retain(|d| selected(&d.path));
    // Only the locales of the files named.
    report.by_locale.retain(|locale, _| {
        files
            .iter()
            .any(|f| f.split('/').next() == Some(locale.as_str()))
    });
    Outcome {
        articles: results
            .into_iter()
            .flat_map(|result| result.articles)
            .collect(),
        ..Outcome::of_report(report)
    }
}

/// `helpc check` (and `status`): every family and fragment analysed and
/// reported.
pub fn check(plan: &SitePlan, config: &Config) -> Outcome {
    check_share(plan, config, None)
}

/// `helpc check --shard K/N`: the shard's families, fragments and plan
/// reports; the shards' reports add up to one check's.
pub fn check_share(plan: &SitePlan, config: &Config, shard: Option<Shard>) -> Outcome {
    let progress = Progress::new(plan.markdown_files(), "checking");
    let results: Vec<FamilyResult> = plan
        .families
        .par_iter()
        .filter(|family| shard.is_none_or(|s| s.holds(&family.name)))
        .map(|family| {
            let analysis = analyse::analyse(plan, config, family);
            progress.advance(family.members.len());
            FamilyResult::of_analysis(plan, &analysis)
        })
        .collect();
    let fragments = fragment_results(plan, config, shard, &progress);
    progress.finish();
    let report = collect_share(plan, shard, results.iter().chain(&fragments)).report;
    Outcome {
        articles: results
            .into_iter()
            .flat_map(|result| result.articles)
            .collect(),
        ..Outcome::of_report(report)
    }
}
