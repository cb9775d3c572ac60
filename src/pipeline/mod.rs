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
use crate::check::consistency;
use crate::config::Config;
use crate::diag::{Counts, Diagnostic, Report};
use crate::plan::{LocaleId, Member, Shard, SitePlan};
use crate::progress::Progress;
use crate::read::Article;
use crate::render::IndexEntry;
pub use build::{BuildMemory, BuildPlan, build};
pub use export::export;
pub use handoff::handoff;
pub use review::review;
pub use shard::{build_share, check_parts, first_u64, merge, read_manifest};

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
    /// A no-op rebuild's diagnostics, still encoded: `report` holds its
    /// counts and no diagnostics until `helpc build` decodes them (see
    /// `cmd::report::kept_report`), which it does first unless it prints
    /// the human report kept for them.
    pub kept: Option<crate::cache::KeptDiagnostics>,
    /// [`crate::cache::report_key`] of `report`, when the build's cache
    /// already computed it.
    pub report_key: Option<u64>,
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
            kept: None,
            report_key: None,
        }
    }
}

/// A family's pages in the sitemap. Every page of a family has the same
/// alternates: they are kept once, not once per page (the cache decodes
/// every reused family's, and the pages of six locales made 42 pairs).
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct FamilySitemap {
    /// The family's pages (locale, URL), then `x-default`: the alternates
    /// of each page listed.
    pub links: Vec<(String, String)>,
    /// The pages the sitemap lists, by their place in `links`.
    pub listed: Vec<u32>,
}

impl FamilySitemap {
    /// Each page listed: its URL and its alternates.
    pub fn pages(&self) -> impl Iterator<Item = (&str, &[(String, String)])> {
        self.listed.iter().filter_map(|&at| {
            let (_, url) = self.links.get(usize::try_from(at).ok()?)?;
            Some((url.as_str(), self.links.as_slice()))
        })
    }
}

/// What a family (or fragment) contributes to a run; the build cache keeps
/// it whole.
#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct FamilyResult {
    pub diagnostics: Vec<Diagnostic>,
    pub counts: Vec<(LocaleId, Counts)>,
    pub entries: Vec<(LocaleId, IndexEntry)>,
    /// The content key of each of `entries` (kept when the cache leaves
    /// the entries in their locale's file).
    #[serde(default)]
    pub entry_keys: Vec<(LocaleId, crate::render::EntryKeys)>,
    pub left_out: Vec<String>,
    pub sitemap: FamilySitemap,
    /// The files it wrote, with their content hashes.
    pub outputs: Vec<(String, u64)>,
    /// What `helpc status` counts of each article (none in a build).
    pub articles: Vec<ArticleFacts>,
    /// What the locale-wide consistency pass needs of each article.
    #[serde(default)]
    pub locale_facts: Vec<consistency::LocaleArticle>,
    /// The key of each of `locale_facts` (kept when the cache leaves the
    /// facts in their locale's file).
    #[serde(default)]
    pub fact_keys: Vec<(LocaleId, u64)>,
}

impl FamilyResult {
    /// What a family's analysis reports, before anything is rendered;
    /// with `articles`, what `helpc status` counts of each (a build needs
    /// none of it, and its cache would decode it for every family).
    fn of_analysis(
        plan: &SitePlan,
        config: &Config,
        analysis: &Analysis,
        articles: bool,
    ) -> FamilyResult {
        let mut result = FamilyResult::default();
        let wanted = consistency::Wanted::of(&config.levels);
        for member in &analysis.members {
            result.add_member(plan, member, articles);
            result.add_facts(
                plan,
                member.locale,
                member.article.as_ref(),
                Some(&member.targets),
                wanted,
            );
        }
        result.diagnostics.extend(analysis.others.iter().cloned());
        result
    }

    fn add_facts(
        &mut self,
        plan: &SitePlan,
        locale: LocaleId,
        article: Option<&Article>,
        targets: Option<&crate::check::inline::TargetFacts>,
        wanted: consistency::Wanted,
    ) {
        if let Some(article) = article {
            let name = plan.locale(locale).name();
            self.locale_facts
                .push(consistency::facts(article, name, targets, wanted));
        }
    }

    /// Fills `fact_keys` from `locale_facts` (only a build with a cache
    /// needs them).
    pub(crate) fn key_facts(&mut self, plan: &SitePlan) {
        self.fact_keys = self
            .locale_facts
            .iter()
            .filter_map(|facts| {
                let locale = plan.locales.iter().find(|l| l.name() == facts.locale)?;
                Some((locale.id, crate::cache::hash_of(facts)))
            })
            .collect();
    }

    /// Only what the consistency pass needs of a family no rule reports on
    /// here (another shard's, or not among the files named): its articles read.
    fn facts_only(plan: &SitePlan, config: &Config, family: &crate::plan::Family) -> FamilyResult {
        let mut result = FamilyResult::default();
        let wanted = consistency::Wanted::of(&config.levels);
        for member in &family.members {
            let article = crate::read::read_file(&member.file).ok();
            result.add_facts(plan, member.locale, article.as_ref(), None, wanted);
        }
        result
    }

    fn add_member(&mut self, plan: &SitePlan, member: &Analysed, articles: bool) {
        self.diagnostics.extend(member.diagnostics.iter().cloned());
        self.counts.push((member.locale, member.counts()));
        if articles && !member.file.fragment {
            self.articles.push(member.facts(plan));
        }
    }
}

/// The report, index entries, left-out articles and sitemap of a run's results.
pub(crate) struct Collected<'r> {
    pub report: Report,
    pub entries: Vec<Vec<&'r IndexEntry>>,
    pub left_out: Vec<String>,
    /// Each page of the sitemap: its URL and alternates.
    pub sitemap: Vec<(&'r str, &'r [(String, String)])>,
}

/// Adds up the results (read in place: index entries, the search terms of
/// every page, are not copied).
pub(crate) fn collect<'r>(
    plan: &SitePlan,
    config: &Config,
    results: impl Iterator<Item = &'r FamilyResult> + Clone,
) -> Collected<'r> {
    collect_share(plan, config, Share::All, results)
}

/// Which reports not of one family a run collects.
#[derive(Clone, Copy)]
pub(crate) enum Share {
    /// A whole run: the plan's reports and the consistency pass's.
    All,
    /// One shard: the plan's and the consistency pass's reports it holds.
    Shard(Shard),
    /// Merged parts: the parts carry the plan's reports; the consistency
    /// pass is run again over every family.
    Merged,
}

impl Share {
    fn plan_report(self, path: &str) -> bool {
        match self {
            Share::All => true,
            Share::Shard(shard) => shard.holds(path),
            Share::Merged => false,
        }
    }

    /// A report of the consistency pass: kept by the shard of its family.
    fn family_report(self, path: &str) -> bool {
        match self {
            Share::Shard(shard) => shard.holds(path.split_once('/').map_or(path, |(_, l)| l)),
            Share::All | Share::Merged => true,
        }
    }
}

/// The locale-wide consistency pass over every family's facts, its reports
/// given their levels (and inline allows, read from the files reported).
fn consistency_reports<'r>(
    config: &Config,
    results: impl Iterator<Item = &'r FamilyResult>,
) -> Vec<Diagnostic> {
    consistency_reports_of(config, results, |_| true)
}

/// [`consistency_reports`] of the locales (folder names) `wanted` takes.
pub(crate) fn consistency_reports_of<'r>(
    config: &Config,
    results: impl Iterator<Item = &'r FamilyResult>,
    wanted: impl Fn(&str) -> bool,
) -> Vec<Diagnostic> {
    consistency_passes_of(config, results, wanted).0
}

/// [`consistency_reports_of`], and by locale the articles its reports
/// quote (see [`consistency::LocalePass`]).
pub(crate) fn consistency_passes_of<'r>(
    config: &Config,
    results: impl Iterator<Item = &'r FamilyResult>,
    wanted: impl Fn(&str) -> bool,
) -> (Vec<Diagnostic>, BTreeMap<String, Vec<String>>) {
    let reporter = crate::reporter::Reporter::new(config);
    let finish = |text: &str, found: &mut [Diagnostic]| reporter.finish(Some(text), found);
    let passes = consistency::check_locales(
        results
            .flat_map(|r| &r.locale_facts)
            .filter(|article| wanted(&article.locale)),
        &finish,
    );
    let mut quoted = BTreeMap::new();
    let mut found = Vec::new();
    for pass in passes {
        found.extend(pass.diagnostics);
        quoted.insert(pass.locale, pass.quoted);
    }
    // By file, each file's in the order found.
    found.sort_by(|a, b| a.path.cmp(&b.path));
    (found, quoted)
}

/// Frees `value` on a thread of its own. A build's results are hundreds of
/// thousands of allocations: freeing them one by one held a finished build
/// up for tens of milliseconds. A command-line run ends meanwhile (the
/// system takes the memory back at once); a server's thread frees it
/// beside the next request. Freed here when no thread can be started.
pub(crate) fn drop_aside<T: Send + 'static>(value: T) {
    let _ = std::thread::Builder::new()
        .name("helpc-free".into())
        .spawn(move || drop(value));
}

/// [`collect`] for a share of the run (see [`Share`]).
pub(crate) fn collect_share<'r>(
    plan: &SitePlan,
    config: &Config,
    share: Share,
    results: impl Iterator<Item = &'r FamilyResult> + Clone,
) -> Collected<'r> {
    let consistency = consistency_reports(config, results.clone());
    collect_with(plan, share, results, consistency)
}

/// [`collect_share`] with the consistency pass's reports already made.
pub(crate) fn collect_with<'r>(
    plan: &SitePlan,
    share: Share,
    results: impl Iterator<Item = &'r FamilyResult>,
    consistency: Vec<Diagnostic>,
) -> Collected<'r> {
    collect_taken(plan, share, results.map(|r| (r, None)), consistency)
}

/// [`collect_with`], each result with its diagnostics if they were taken
/// out of it (moved, not copied: the caller needs them no more).
pub(crate) fn collect_taken<'r>(
    plan: &SitePlan,
    share: Share,
    results: impl Iterator<Item = (&'r FamilyResult, Option<Vec<Diagnostic>>)>,
    consistency: Vec<Diagnostic>,
) -> Collected<'r> {
    let mut by_locale: BTreeMap<String, Counts> = plan
        .content_locales()
        .map(|l| (l.name().to_string(), Counts::default()))
        .collect();
    let mut diagnostics: Vec<Diagnostic> = plan
        .diagnostics
        .iter()
        .filter(|d| share.plan_report(&d.path))
        .cloned()
        .collect();
    diagnostics.extend(
        consistency
            .into_iter()
            .filter(|d| share.family_report(&d.path)),
    );
    let mut entries: Vec<Vec<&IndexEntry>> = vec![Vec::new(); plan.locales.len()];
    let mut left_out = Vec::new();
    let mut sitemap = Vec::new();
    for (result, taken) in results {
        match taken {
            Some(taken) => diagnostics.extend(taken),
            None => diagnostics.extend(result.diagnostics.iter().cloned()),
        }
        for (locale, counts) in &result.counts {
            if let Some(total) = by_locale.get_mut(plan.locale(*locale).name()) {
                total.add(counts);
            }
        }
        for (locale, entry) in &result.entries {
            entries[locale.index()].push(entry);
        }
        left_out.extend(result.left_out.iter().cloned());
        sitemap.extend(result.sitemap.pages());
    }
    left_out.sort();
    Collected {
        report: Report::new(by_locale, diagnostics),
        entries,
        left_out,
        sitemap,
    }
}

/// The fragments' results, those in `kept` (by the plan's fragments) as
/// they are, the others analysed.
pub(crate) fn fragment_results_with(
    plan: &SitePlan,
    config: &Config,
    kept: Vec<Option<FamilyResult>>,
    progress: &Progress,
) -> Vec<FamilyResult> {
    plan.fragments
        .par_iter()
        .zip(kept)
        .map(|(member, kept)| {
            progress.advance(1);
            kept.unwrap_or_else(|| fragment_result(plan, config, member))
        })
        .collect()
}

/// One fragment's result: its diagnostics and counts.
fn fragment_result(plan: &SitePlan, config: &Config, member: &Member) -> FamilyResult {
    let mut result = FamilyResult::default();
    result.add_member(plan, &analyse::analyse_fragment(plan, config, member), true);
    result
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
            let result = fragment_result(plan, config, member);
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
    let wanted = consistency::Wanted::of(&config.levels);
    let results: Vec<FamilyResult> = plan
        .families
        .par_iter()
        .with_max_len(1)
        .map(|family| {
            if !family.members.iter().any(|m| selected(&m.file.rel)) {
                return FamilyResult::facts_only(plan, config, family);
            }
            let analysis = analyse::analyse(plan, config, family);
            let mut result = FamilyResult::default();
            for member in &analysis.members {
                if selected(&member.file.rel) {
                    result.add_member(plan, member, false);
                }
                result.add_facts(
                    plan,
                    member.locale,
                    member.article.as_ref(),
                    Some(&member.targets),
                    wanted,
                );
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
            result.add_member(
                plan,
                &analyse::analyse_fragment(plan, config, member),
                false,
            );
            result
        })
        .collect();
    let mut report = collect(plan, config, results.iter().chain(&fragments)).report;
    report.diagnostics.retain(|d| selected(&d.path));
    // Only the locales of the files named.
    report.by_locale.retain(|locale, _| {
        files
            .iter()
            .any(|f| f.split('/').next() == Some(locale.as_str()))
    });
    drop_aside(results);
    Outcome::of_report(report)
}

/// `helpc status`: every family and fragment analysed and reported, with
/// what the status counts of each article.
pub fn check(plan: &SitePlan, config: &Config) -> Outcome {
    check_with(plan, config, None, true)
}

/// `helpc check --shard K/N`: the shard's families, fragments and plan
/// reports; the shards' reports add up to one check's.
pub fn check_share(plan: &SitePlan, config: &Config, shard: Option<Shard>) -> Outcome {
    check_with(plan, config, shard, false)
}

/// [`check_share`]; with `articles`, what `helpc status` counts of each
/// article (`Outcome::articles`), which `check` does not report.
fn check_with(plan: &SitePlan, config: &Config, shard: Option<Shard>, articles: bool) -> Outcome {
    let progress = Progress::new(plan.markdown_files(), "checking");
    // One family per task: rayon's adaptive splitting otherwise leaves one
    // worker with a run of hundreds of families at the end while the other
    // waits (60 ms of one idle core at the end of a corpus check). The
    // fragments (a few, some large) beside them, not after.
    let (mut results, fragments): (Vec<FamilyResult>, _) = rayon::join(
        || {
            plan.families
                .par_iter()
                .with_max_len(1)
                .map(|family| {
                    if shard.is_some_and(|s| !s.holds(&family.name)) {
                        return FamilyResult::facts_only(plan, config, family);
                    }
                    let analysis = analyse::analyse(plan, config, family);
                    progress.advance(family.members.len());
                    FamilyResult::of_analysis(plan, config, &analysis, articles)
                })
                .collect()
        },
        || fragment_results(plan, config, shard, &progress),
    );
    progress.finish();
    let share = shard.map_or(Share::All, Share::Shard);
    // The locale pass beside the collection of the other reports: each
    // group keeps its order, and the report's stable sort merges them.
    let all = || results.iter().chain(&fragments);
    let (consistency, collected) = rayon::join(
        || consistency_reports(config, all()),
        || collect_with(plan, share, all(), Vec::new()).report,
    );
    let mut diagnostics = collected.diagnostics;
    diagnostics.extend(
        consistency
            .into_iter()
            .filter(|d| share.family_report(&d.path)),
    );
    let report = Report::new(collected.by_locale, diagnostics);
    let articles = results
        .iter_mut()
        .flat_map(|result| std::mem::take(&mut result.articles))
        .collect();
    drop_aside((results, fragments));
    Outcome {
        articles,
        ..Outcome::of_report(report)
    }
}

#[cfg(test)]
mod tests {
    use super::FamilySitemap;

    #[test]
    fn a_family_sitemap_lists_its_pages_each_with_every_alternate() {
        let link = |locale: &str, url: &str| (locale.to_string(), url.to_string());
        let sitemap = FamilySitemap {
            links: vec![
                link("fr-fr", "/fr-fr/a.html"),
                link("ja-jp", "/ja-jp/a.html"),
                link("x-default", "/fr-fr/a.html"),
            ],
            // The Japanese page only (the French one asked not to be
            // indexed); a place past the links (a damaged cache) is skipped.
            listed: vec![1, 7],
        };
        let pages: Vec<(&str, &[(String, String)])> = sitemap.pages().collect();
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].0, "/ja-jp/a.html");
        assert_eq!(pages[0].1, sitemap.links.as_slice());
        assert_eq!(FamilySitemap::default().pages().count(), 0);
    }
}
