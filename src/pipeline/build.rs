//! `helpc build`: every family analysed (or taken from the cache), its pages
//! rendered and written, then the site's indexes, search indexes, sitemap
//! and media; the output put in place and the cache saved.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use rayon::prelude::*;

use std::hash::{Hash, Hasher};

use super::{Collected, FamilyResult, Outcome, collect_taken, fragment_results_with};
use crate::analyse::{self, Analysis};
use crate::cache;
use crate::check::consistency::LocaleArticle;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::diag::Report;
use crate::emit::Output;
use crate::plan::{LocaleId, SitePlan, is_svg};
use crate::progress::{self, Progress};
use crate::read::{self, Side};
use crate::render::nav::Navigation;
use crate::render::search::Layout;
use crate::render::{Alternate, IndexEntry, LocaleSummary, LocaleUi, Page, Site};

/// What `build` needs besides the plan and configuration.
pub struct BuildPlan<'a> {
    pub site: &'a Site,
    /// Where the site is staged; put in place when the build succeeds.
    pub output: Output,
    pub emit_json: bool,
    /// `--mode bilingual`: segments carry their English source.
    pub bilingual: bool,
    /// The build cache: `None` with `--no-cache`.
    pub cache: Option<cache::Session>,
    /// Called once the new site is in place.
    pub in_place: Option<&'a (dyn Fn() + Sync)>,
    /// What a server keeps of the last build (with the cache only).
    pub memory: Option<&'a Mutex<BuildMemory>>,
}

/// What `serve` keeps in memory between rebuilds (see [`cache::Memory`]).
pub type BuildMemory = cache::Memory<FamilyResult>;

/// The memory, whatever a panicked holder left in it.
fn lock(memory: &Mutex<BuildMemory>) -> std::sync::MutexGuard<'_, BuildMemory> {
    memory
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// What rendering a family needs besides its analysis.
pub(super) struct Render<'a> {
    pub plan: &'a SitePlan,
    pub config: &'a Config,
    pub uis: &'a [Option<LocaleUi>],
    pub build: &'a BuildPlan<'a>,
}

pub fn build(
    plan: &SitePlan,
    config: &Config,
    mut build: BuildPlan,
) -> crate::error::Result<Outcome> {
    let target = build.output.target().to_path_buf();
    let mut stage = Instant::now();
    let mut lap = |name: &str, what: &str| {
        progress::stage(name, what, stage);
        stage = Instant::now();
    };
    if let Some(state) = build
        .cache
        .as_ref()
        .and_then(|session| session.unchanged(&target))
    {
        let kept = cache::KeptDiagnostics::new(&target, state.report);
        let outcome = Outcome {
            pages: Some(state.pages),
            left_out: state.left_out.clone(),
            unchanged: true,
            kept: Some(kept),
            ..Outcome::of_report(Report::new(state.by_locale.clone(), Vec::new()))
        };
        if let (Some(memory), Some(session)) = (build.memory, build.cache.take()) {
            lock(memory).state = session.into_state();
        }
        return Ok(outcome);
    }
    let read_ahead = build.cache.as_ref().and_then(|session| {
        session.read_ahead(&target, |name| {
            build
                .memory
                .is_some_and(|m| lock(m).locales.contains_key(name))
        })
    });
    // Each family's cached results if its key is unchanged.
    let kept = build.memory.and_then(|m| lock(m).families.take());
    // What the staging folder holds decoded, and the locales' UI strings
    // and navigation made, beside the reusable families.
    let staged = build.cache.as_mut().map(cache::Session::take_staged);
    let site = build.site;
    let (taken, (staged, uis)) = rayon::join(
        || match build.cache.as_mut() {
            Some(session) => session.take_reusable(&target, plan, kept),
            None => Ok((
                plan.families.iter().map(|_| None).collect(),
                plan.fragments.iter().map(|_| None).collect(),
            )),
        },
        || {
            rayon::join(
                || {
                    staged.and_then(|(base, mut delta, folders)| {
                        let delta = delta.take()?;
                        let staged = crate::emit::Staged::new(base, delta.changed, delta.absent);
                        let known = staged.unchanged_folders(build.output.staging(), &folders);
                        Some((staged, known))
                    })
                },
                || locale_uis(plan, site),
            )
        },
    );
    let (reusable, reusable_fragments): (Vec<Option<FamilyResult>>, _) = taken?;
    if let Some((staged, known)) = staged {
        build.output.know_staged(staged, known);
    }
    lap("cache: load", "");
    let mut reused: Vec<bool> = reusable.iter().map(Option::is_some).collect();
    let reused_fragments: Vec<bool> = reusable_fragments.iter().map(Option::is_some).collect();
    let render = Render {
        plan,
        config,
        uis: &uis,
        build: &build,
    };
    let progress = Progress::new(plan.markdown_files(), "building");
    let rendered = AtomicUsize::new(0);
    let run = |family: &crate::plan::Family| {
        rendered.fetch_add(family.members.len(), Ordering::Relaxed);
        let result = render.family(&analyse::analyse(plan, config, family));
        progress.advance(family.members.len());
        result
    };
    let previous = |rel: &str| {
        let session = build.cache.as_ref()?;
        session.previous_output(rel).map(|(_, stamp)| stamp)
    };
    // The families to render and the fragments (a few, some large) beside
    // the reused families' pages, adopted all at once.
    let ((fresh, fragments), adopted) = rayon::join(
        || {
            rayon::join(
                || {
                    plan.families
                        .par_iter()
                        .zip(reusable.par_iter())
                        .with_max_len(1)
                        .filter(|(_, reused)| reused.is_none())
                        .map(|(family, _)| run(family))
                        .collect::<crate::error::Result<Vec<FamilyResult>>>()
                },
                || fragment_results_with(plan, config, reusable_fragments, &progress),
            )
        },
        || {
            let adopted: Vec<(&str, u64)> = reusable
                .iter()
                .flatten()
                .flat_map(|result| {
                    result
                        .outputs
                        .iter()
                        .map(|(rel, hash)| (rel.as_str(), *hash))
                })
                .collect();
            build.output.adopt_all(&adopted, &previous)
        },
    );
    adopted?;
    // In the plan's order: each family's reused results, or its new ones.
    let mut fresh = fresh?.into_iter();
    let mut results = Vec::with_capacity(plan.families.len());
    for (family, reused) in plan.families.iter().zip(reusable) {
        let result = match reused {
            Some(result) => {
                progress.advance(family.members.len());
                result
            }
            None => fresh.next().ok_or(crate::error::Error::Panicked)?,
        };
        results.push(result);
    }
    progress.finish();
    lap("families", "");
    let session = build.cache.as_ref();
    let mut work = LocaleWork::new(plan, &results, &reused, session);
    let read = read_ahead.map(cache::ReadAhead::finish).unwrap_or_default();
    let mut read_back_files = Vec::new();
    let read_back = reused.contains(&true).then(|| {
        work.read_back(
            plan,
            &target,
            &reused,
            &mut results,
            session,
            build.memory,
            read,
        )
    });
    match read_back {
        Some(Some(files)) => read_back_files = files,
        None => {}
        // A locale file is missing or not of the state's generation: every
        // family is rendered again, as without a cache.
        Some(None) => {
            rendered.store(0, Ordering::Relaxed);
            reused.fill(false);
            results = plan
                .families
                .par_iter()
                .with_max_len(1)
                .map(run)
                .collect::<crate::error::Result<_>>()?;
            work = LocaleWork::new(plan, &results, &reused, None);
        }
    }
    lap("cache: locales read back", "");
    let Collected {
        report,
        entries,
        left_out,
        sitemap,
    } = {
        // A reused family's diagnostics are needed no more once in the
        // report (the families file keeps its results as read), unless a
        // server keeps the results for its next build.
        let taken: Vec<Option<Vec<Diagnostic>>> = results
            .iter_mut()
            .zip(&reused)
            .map(|(result, reused)| {
                (*reused && build.memory.is_none()).then(|| std::mem::take(&mut result.diagnostics))
            })
            .collect();
        collect_taken(
            plan,
            super::Share::All,
            results
                .iter()
                .zip(taken)
                .chain(fragments.iter().map(|f| (f, None))),
            Vec::new(),
        )
    };
    // The consistency pass reports on the articles and changes no page: it
    // runs beside the site's indexes and the exchange, and the new site is
    // in place (and `serve`'s pages told) without waiting for it.
    let (output, in_place) = (&build.output, build.in_place);
    let reuse = work.indexes(session);
    let index_work = format!(
        "{}; consistency pass run again for {} locales",
        reuse.summary(),
        work.new_consistency.iter().filter(|new| **new).count()
    );
    let ((consistency, quoted), placed) = rayon::join(
        || work.consistency(plan, config, &results, session),
        || -> crate::error::Result<_> {
            // The staging folder listed for its pruning while the indexes
            // are written (by the other worker, once the locale pass ends).
            let (made, listing) = rayon::join(
                || render.site(&entries, sitemap, reuse),
                || output.list_staging(),
            );
            let made = made?;
            let written = output.rewritten();
            output.put_in_place_listed(listing?)?;
            let manifest = output.take_manifest();
            if let Some(in_place) = in_place {
                in_place();
            }
            Ok((made, written, manifest))
        },
    );
    let (SiteMade { pages, layouts }, written, manifest) = placed?;
    drop(entries);
    let mut diagnostics = report.diagnostics;
    diagnostics.extend(consistency.values().flatten().cloned());
    let report = Report::new(report.by_locale, diagnostics);
    lap(
        "locale checks, indexes, search and media; put in place",
        &index_work,
    );
    let mut report_key = None;
    if let Some(session) = build.cache {
        // The entries and facts go to the locale files (encoded beside the
        // save's other work), not the families file.
        let parts: Vec<FamilyParts> = results
            .iter_mut()
            .map(|r| FamilyParts {
                entries: std::mem::take(&mut r.entries),
                facts: std::mem::take(&mut r.locale_facts),
            })
            .collect();
        let generation = session.generation();
        let keep = build.memory.is_some();
        let locale_files = || {
            let into = (target.as_path(), keep);
            work.locale_files(
                plan,
                &parts,
                &reused,
                &read_back_files,
                &layouts,
                generation,
                into,
            )
        };
        let locales = work.states(plan, consistency, quoted, &session);
        let fragment_keys: Vec<String> = plan
            .fragments
            .iter()
            .map(|m| cache::fragment_key(&m.file.rel))
            .collect();
        // Name, results, and whether they are the cache's, unchanged.
        let families: Vec<(&str, &FamilyResult, bool)> = plan
            .families
            .iter()
            .map(|f| f.name.as_str())
            .zip(&results)
            .zip(&reused)
            .chain(
                fragment_keys
                    .iter()
                    .map(String::as_str)
                    .zip(&fragments)
                    .zip(&reused_fragments),
            )
            .map(|((name, result), reused)| (name, result, *reused))
            .collect();
        let (state, data) = session.save(
            &target,
            manifest,
            &report,
            pages,
            &left_out,
            &families,
            locales,
            &locale_files,
        )?;
        report_key = Some(state.report.key);
        if let Some(memory) = build.memory {
            let mut memory = lock(memory);
            memory.state = Some(state);
            memory.families = Some(
                plan.families
                    .iter()
                    .map(|f| f.name.clone())
                    .zip(results)
                    .chain(fragment_keys.into_iter().zip(fragments))
                    .collect(),
            );
            memory.locales.extend(
                data.into_iter()
                    .filter_map(|(name, bytes)| Some((name, cache::LocaleFile::parse(bytes)?))),
            );
        } else {
            super::drop_aside((state, results, fragments, data, parts, read_back_files));
        }
        lap("cache: save", "");
    } else {
        super::drop_aside((results, fragments, read_back_files));
    }
    super::drop_aside(build.output);
    Ok(Outcome {
        pages: Some(pages),
        left_out,
        rendered: rendered.into_inner(),
        written,
        report_key,
        ..Outcome::of_report(report)
    })
}

/// Which locales get new indexes and a new consistency pass: those whose
/// index entries or files changed since the last build (all of them
/// without a cache). The others keep what the last build made of them.
struct LocaleWork {
    /// By plan locale: the key of its entries' lists and page counts.
    listing_keys: Vec<u64>,
    /// By plan locale: the key of its entries' search documents.
    search_keys: Vec<u64>,
    /// By plan locale: what its indexes need.
    indexes: Vec<IndexWork>,
    /// By plan locale, where only its search documents changed: the hash
    /// and layout of the last build's search index (read back).
    layouts: Vec<Option<(u64, Layout<'static>)>>,
    /// By plan locale: the key of its articles' consistency facts.
    fact_keys: Vec<u64>,
    /// By plan locale: its consistency pass is run again.
    new_consistency: Vec<bool>,
    /// By plan locale: its pages.
    pages: Vec<usize>,
}

/// A family's index entries and consistency facts, taken out of its
/// results for the locale files (the families file keeps the rest).
struct FamilyParts {
    entries: Vec<(LocaleId, IndexEntry)>,
    facts: Vec<LocaleArticle>,
}

/// What a locale's indexes need of a build.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum IndexWork {
    /// Nothing they show changed: the last build's files.
    Kept,
    /// Its lists are as they were, some search documents changed: the
    /// last search index, updated for those (the other files as they were).
    Search,
    /// Made again from every entry.
    All,
}

/// What [`Render::site`] reuses of the last build's indexes.
pub(super) struct IndexReuse<'a> {
    /// By plan locale: how its indexes are made (none: all anew).
    pub locales: Vec<LocaleIndexes>,
    /// By plan locale: its pages (the chooser counts them).
    pub pages: Option<Vec<usize>>,
    /// The cache, which knows the hashes of the last build's files.
    pub previous: Option<&'a cache::Session>,
}

impl IndexReuse<'_> {
    /// How many locales' indexes are kept, updated and made anew.
    fn summary(&self) -> String {
        let count =
            |kind: fn(&LocaleIndexes) -> bool| self.locales.iter().filter(|l| kind(l)).count();
        format!(
            "indexes kept for {} locales, search updated for {}, made anew for {}",
            count(|l| matches!(l, LocaleIndexes::Kept)),
            count(|l| matches!(l, LocaleIndexes::Search(..))),
            count(|l| matches!(l, LocaleIndexes::All)),
        )
    }
}

/// How [`Render::indexes`] makes a locale's indexes.
pub(super) enum LocaleIndexes {
    /// The last build's files, unchanged.
    Kept,
    /// The last build's search index (of this hash and layout) updated for
    /// the entries given, its other files unchanged.
    Search(u64, Layout<'static>),
    /// Made from the entries given, which are all of the locale's.
    All,
}

/// By plan locale: the layout of the search index a build wrote, encoded
/// (none where it kept the last build's).
type EncodedLayouts = Vec<Option<Vec<u8>>>;

/// What [`Render::site`] made: its page count and its search indexes'
/// layouts.
pub(super) struct SiteMade {
    pub pages: usize,
    pub layouts: EncodedLayouts,
}

impl LocaleWork {
    /// `reused`: by family, whether its results are the last build's (its
    /// files unchanged).
    fn new(
        plan: &SitePlan,
        results: &[FamilyResult],
        reused: &[bool],
        session: Option<&cache::Session>,
    ) -> LocaleWork {
        let count = plan.locales.len();
        let mut listing = vec![cache::KeyHasher::new(); count];
        let mut search = vec![cache::KeyHasher::new(); count];
        let mut pages = vec![0usize; count];
        for (locale, keys) in results.iter().flat_map(|r| &r.entry_keys) {
            listing[locale.index()].write_u64(keys.listing);
            search[locale.index()].write_u64(keys.search);
            pages[locale.index()] += 1;
        }
        // Every locale's index page shows every locale's page count.
        let listing_keys: Vec<u64> = listing
            .into_iter()
            .map(|mut hasher| {
                pages.hash(&mut hasher);
                hasher.finish()
            })
            .collect();
        let search_keys: Vec<u64> = search.iter().map(|h| h.finish()).collect();
        let mut facts = vec![cache::KeyHasher::new(); count];
        for (locale, key) in results.iter().flat_map(|r| &r.fact_keys) {
            facts[locale.index()].write_u64(*key);
        }
        let fact_keys: Vec<u64> = facts.iter().map(|h| h.finish()).collect();
        // The files of the families rendered again (those of a locale whose
        // files changed): a report that quotes one may quote other lines or
        // words of it, even from the same facts.
        let changed: std::collections::HashSet<&str> = plan
            .families
            .iter()
            .zip(reused)
            .filter(|(_, reused)| !**reused)
            .flat_map(|(family, _)| family.members.iter().map(|m| m.file.rel.as_str()))
            .collect();
        // Without a cache, or a locale the last build did not know: all anew.
        let last = |locale: &crate::plan::Locale| Some((session?, session?.locale(locale.name())?));
        let indexes = plan
            .locales
            .iter()
            .map(|l| {
                let at = l.id.index();
                match last(l) {
                    Some((_, s))
                        if s.indexes == listing_keys[at] && s.search == search_keys[at] =>
                    {
                        IndexWork::Kept
                    }
                    Some((_, s)) if s.indexes == listing_keys[at] => IndexWork::Search,
                    _ => IndexWork::All,
                }
            })
            .collect();
        // The pass is a function of the locale's facts and of the text of
        // the articles its reports quote.
        let new_consistency = plan
            .locales
            .iter()
            .map(|l| {
                last(l).is_none_or(|(c, s)| {
                    s.facts != fact_keys[l.id.index()]
                        || (s.files != c.locale_files(l.name())
                            && s.quoted.iter().any(|rel| changed.contains(rel.as_str())))
                })
            })
            .collect();
        LocaleWork {
            listing_keys,
            search_keys,
            indexes,
            layouts: plan.locales.iter().map(|_| None).collect(),
            fact_keys,
            new_consistency,
            pages,
        }
    }

    fn renewed(&self, locale: usize) -> bool {
        self.indexes[locale] != IndexWork::Kept || self.new_consistency[locale]
    }

    /// Puts back into the reused families what the cache kept in the files
    /// of the locales to be made again: their index entries where the
    /// locale's indexes are made again from all of them, their facts where
    /// its consistency pass runs again; and takes the layout of the search
    /// indexes to update (made again from all entries if it does not
    /// decode). Returns those files (the save writes back the parts it did
    /// not change), or `None` when one cannot be read.
    #[allow(clippy::too_many_arguments)]
    fn read_back(
        &mut self,
        plan: &SitePlan,
        target: &std::path::Path,
        reused: &[bool],
        results: &mut [FamilyResult],
        session: Option<&cache::Session>,
        memory: Option<&Mutex<BuildMemory>>,
        mut read: foldhash::HashMap<String, cache::LocaleFile>,
    ) -> Option<Vec<(LocaleId, cache::LocaleFile)>> {
        let Some(session) = session else {
            return Some(Vec::new());
        };
        let wanted: Vec<(
            &crate::plan::Locale,
            Option<cache::Known<cache::LocaleFile>>,
        )> = plan
            .locales
            .iter()
            .filter(|l| self.renewed(l.id.index()))
            .map(|l| {
                let kept = memory.and_then(|m| lock(m).locales.remove(l.name()));
                let known = kept
                    .map(cache::Known::Kept)
                    .or_else(|| read.remove(l.name()).map(cache::Known::Read));
                (l, known)
            })
            .collect();
        let loaded: Vec<(LocaleId, cache::LocaleFile)> = wanted
            .into_par_iter()
            .map(|(l, kept)| Some((l.id, session.load_locale(target, l.name(), kept)?)))
            .collect::<Option<_>>()?;
        for (locale, file) in &loaded {
            let at = locale.index();
            if self.indexes[at] == IndexWork::Search {
                self.layouts[at] = file.search().and_then(cache::decode_layout);
                if self.layouts[at].is_none() {
                    self.indexes[at] = IndexWork::All;
                }
            }
        }
        let decoded = plan
            .families
            .par_iter()
            .zip(results.par_iter_mut())
            .zip(reused.par_iter())
            .filter(|(_, reused)| **reused)
            .all(|((family, result), _)| {
                loaded.iter().all(|(locale, file)| {
                    let index = locale.index();
                    if self.indexes[index] == IndexWork::All {
                        let Some(entries) = cache::decode_part(file.entries(&family.name)) else {
                            return false;
                        };
                        result
                            .entries
                            .extend(entries.into_iter().map(|e| (*locale, e)));
                    }
                    if self.new_consistency[index] {
                        let Some(facts) = cache::decode_part(file.facts(&family.name)) else {
                            return false;
                        };
                        result.locale_facts.extend(facts);
                    }
                    true
                })
            });
        decoded.then_some(loaded)
    }

    /// Each locale's consistency reports, and the articles they quote:
    /// made again where needed, else the last build's.
    fn consistency(
        &self,
        plan: &SitePlan,
        config: &Config,
        results: &[FamilyResult],
        session: Option<&cache::Session>,
    ) -> (
        BTreeMap<String, Vec<Diagnostic>>,
        BTreeMap<String, Vec<String>>,
    ) {
        let renewed = |name: &str| {
            plan.locales
                .iter()
                .find(|l| l.name() == name)
                .is_none_or(|l| self.new_consistency[l.id.index()])
        };
        let kept = |l: &crate::plan::Locale| {
            (!self.new_consistency[l.id.index()])
                .then(|| session?.locale(l.name()))
                .flatten()
        };
        let mut by_locale: BTreeMap<String, Vec<Diagnostic>> = plan
            .locales
            .iter()
            .map(|l| {
                let reports = kept(l).map(|s| s.consistency.clone());
                (l.name().to_string(), reports.unwrap_or_default())
            })
            .collect();
        let mut quoted: BTreeMap<String, Vec<String>> = plan
            .locales
            .iter()
            .filter_map(|l| Some((l.name().to_string(), kept(l)?.quoted.clone())))
            .collect();
        let (found, made) = super::consistency_passes_of(config, results.iter(), renewed);
        quoted.extend(made);
        for diagnostic in found {
            let locale = diagnostic.path.split('/').next().unwrap_or_default();
            by_locale
                .entry(locale.to_string())
                .or_default()
                .push(diagnostic);
        }
        (by_locale, quoted)
    }

    /// What the site's indexes reuse (the layouts read back taken). A
    /// locale whose search index is to be updated without a layout has
    /// all its entries: no family was reused, nothing read back.
    fn indexes<'a>(&mut self, session: Option<&'a cache::Session>) -> IndexReuse<'a> {
        let locales = self
            .indexes
            .iter()
            .zip(&mut self.layouts)
            .map(|(work, layout)| match (work, layout.take()) {
                (IndexWork::Kept, _) => LocaleIndexes::Kept,
                (IndexWork::Search, Some((hash, layout))) => LocaleIndexes::Search(hash, layout),
                _ => LocaleIndexes::All,
            })
            .collect();
        IndexReuse {
            locales,
            pages: Some(self.pages.clone()),
            previous: session,
        }
    }

    /// Writes the files of the locales made again into `target`'s cache: a
    /// reused family's parts as `files` (the last build's, read back) hold
    /// them, the others' encoded anew; the search index's layout as the
    /// site made it (`layouts`), else the last file's. Returns their bytes
    /// if `keep` (a server keeps them).
    #[allow(clippy::too_many_arguments)]
    fn locale_files(
        &self,
        plan: &SitePlan,
        results: &[FamilyParts],
        reused: &[bool],
        files: &[(LocaleId, cache::LocaleFile)],
        layouts: &[Option<Vec<u8>>],
        generation: u64,
        (target, keep): (&std::path::Path, bool),
    ) -> crate::error::Result<cache::LocaleData> {
        let renewed: Vec<&crate::plan::Locale> = plan
            .locales
            .iter()
            .filter(|l| self.renewed(l.id.index()))
            .collect();
        // By family, by renewed locale: its entries and facts, encoded
        // (`None`: the last file's, or none).
        type Parts = (Option<Vec<u8>>, Option<Vec<u8>>);
        let encoded: Vec<Vec<Parts>> = results
            .par_iter()
            .zip(reused.par_iter())
            .map(|(result, reused)| {
                renewed
                    .iter()
                    .map(|locale| -> crate::error::Result<Parts> {
                        if *reused {
                            return Ok((None, None));
                        }
                        let entries: Vec<&IndexEntry> = result
                            .entries
                            .iter()
                            .filter(|(l, _)| *l == locale.id)
                            .map(|(_, e)| e)
                            .collect();
                        let facts: Vec<&LocaleArticle> = result
                            .facts
                            .iter()
                            .filter(|f| f.locale == locale.name())
                            .collect();
                        Ok((
                            (!entries.is_empty())
                                .then(|| cache::encode_part(&entries))
                                .transpose()?,
                            (!facts.is_empty())
                                .then(|| cache::encode_part(&facts))
                                .transpose()?,
                        ))
                    })
                    .collect()
            })
            .collect::<crate::error::Result<_>>()?;
        renewed
            .par_iter()
            .enumerate()
            .map(|(at, locale)| {
                let last = files
                    .iter()
                    .find(|(id, _)| *id == locale.id)
                    .map(|(_, f)| f);
                let mut entries: Vec<(&str, &[u8])> = Vec::new();
                let mut facts: Vec<(&str, &[u8])> = Vec::new();
                for ((family, parts), reused) in plan.families.iter().zip(&encoded).zip(reused) {
                    let name = family.name.as_str();
                    let (new_entries, new_facts) = &parts[at];
                    let (kept_entries, kept_facts) = match last.filter(|_| *reused) {
                        Some(last) => (last.entries(name), last.facts(name)),
                        None => (None, None),
                    };
                    if let Some(part) = new_entries.as_deref().or(kept_entries) {
                        entries.push((name, part));
                    }
                    if let Some(part) = new_facts.as_deref().or(kept_facts) {
                        facts.push((name, part));
                    }
                }
                let at = locale.id.index();
                let search = match layouts.get(at).and_then(Option::as_deref) {
                    Some(made) => Some(made),
                    None if self.indexes[at] == IndexWork::Kept => last.and_then(|l| l.search()),
                    None => None,
                };
                let parts = (entries.as_slice(), facts.as_slice(), search);
                let name = locale.name();
                let kept = cache::write_locale_file(target, name, generation, parts, keep)?;
                Ok(kept.map(|bytes| (name.to_string(), bytes)))
            })
            .collect::<crate::error::Result<Vec<_>>>()
            .map(|files| files.into_iter().flatten().collect())
    }

    /// Each locale's state for the next build.
    fn states(
        &self,
        plan: &SitePlan,
        mut consistency: BTreeMap<String, Vec<Diagnostic>>,
        mut quoted: BTreeMap<String, Vec<String>>,
        session: &cache::Session,
    ) -> BTreeMap<String, cache::LocaleState> {
        let generation = session.generation();
        let mut states = BTreeMap::new();
        for locale in &plan.locales {
            let index = locale.id.index();
            let name = locale.name();
            let kept = session.locale(name).map_or(0, |s| s.generation);
            states.insert(
                name.to_string(),
                cache::LocaleState {
                    indexes: self.listing_keys[index],
                    search: self.search_keys[index],
                    files: session.locale_files(name),
                    facts: self.fact_keys[index],
                    quoted: quoted.remove(name).unwrap_or_default(),
                    generation: if self.renewed(index) {
                        generation
                    } else {
                        kept
                    },
                    consistency: consistency.remove(name).unwrap_or_default(),
                },
            );
        }
        states
    }
}

/// Every locale's UI strings and navigation, named for the switchers.
pub(super) fn locale_uis(plan: &SitePlan, site: &Site) -> Vec<Option<LocaleUi>> {
    let mut uis: Vec<Option<LocaleUi>> = plan
        .locales
        .par_iter()
        .map(|locale| {
            let mut ui = site.locale_ui(locale.tag()?, &locale.folder.url_name());
            ui.navigation = Navigation::new(locale.name(), locale.tocs.clone(), &plan.files);
            Some(ui)
        })
        .collect();
    crate::render::name_locales(&mut uis);
    uis
}

/// One document of the fragment at `rel` (relative to CONTENT). Only files
/// discovery found are read: a path through a link that leads out of the
/// content is never opened, whatever the rule levels.
fn include(plan: &SitePlan, rel: &str, side: Side) -> Option<String> {
    if !plan.files.contains(rel) {
        return None;
    }
    let file = crate::discover::ContentFile {
        abs: plan.root.join(rel),
        rel: rel.to_string(),
        local: String::new(),
        fragment: true,
    };
    read::read_file(&file)
        .ok()
        .map(|fragment| fragment.document(side))
}

impl Render<'_> {
    fn links(&self) -> crate::render::Links<'_> {
        crate::render::Links {
            from: "",
            files: Some(&self.plan.files),
            root: self.config.link_root.as_deref(),
        }
    }

    /// A family's pages (the rebuilt English one too), and the articles
    /// left out because of errors.
    fn pages(&self, analysis: &Analysis) -> (Vec<(LocaleId, Page)>, Vec<String>) {
        let (plan, site) = (self.plan, self.build.site);
        let include = |rel: &str, side| include(plan, rel, side);
        let mut pages = Vec::new();
        let mut left_out = Vec::new();
        let english_from = plan.rebuilt_source.and(analysis.english_source());
        for (position, member) in analysis.members.iter().enumerate() {
            if english_from == Some(position)
                && let (Some(english), Some(article)) = (plan.rebuilt_source, &member.article)
                && let Some(ui) = &self.uis[english.index()]
            {
                let rel = format!("{}/{}", plan.locale(english).name(), member.file.local);
                let page = site.prepare_source(article, ui, &rel, &include, self.links());
                pages.push((english, page));
            }
            match (&member.article, &self.uis[member.locale.index()]) {
                (Some(article), Some(ui)) if !member.failed() => {
                    let page =
                        site.prepare(article, ui, self.build.bilingual, &include, self.links());
                    pages.push((member.locale, page));
                }
                _ => left_out.push(member.file.rel.clone()),
            }
        }
        pages.sort_by(|a, b| a.1.locale.cmp(&b.1.locale));
        (pages, left_out)
    }

    /// Renders and writes one analysed family.
    pub(super) fn family(&self, analysis: &Analysis) -> crate::error::Result<FamilyResult> {
        let mut result = FamilyResult::of_analysis(self.plan, self.config, analysis, false);
        if self.build.cache.is_some() {
            result.key_facts(self.plan);
        }
        let (pages, left_out) = self.pages(analysis);
        result.left_out = left_out;
        let alternates: Vec<Alternate> = pages
            .iter()
            .filter_map(|(locale, page)| {
                let ui = self.uis[locale.index()].as_ref()?;
                Some(Alternate {
                    locale: page.locale.clone(),
                    name: ui.language_name(),
                    url: page.url.clone(),
                })
            })
            .collect();
        let x_default = self.x_default(&alternates);
        // The pages with a UI, in the order of `alternates`.
        let mut place = 0u32;
        for (locale, page) in pages {
            let Some(ui) = &self.uis[locale.index()] else {
                continue;
            };
            if page
                .robots
                .as_deref()
                .is_none_or(|r| !r.contains("noindex"))
            {
                result.sitemap.listed.push(place);
            }
            place += 1;
            let entry = Site::index_entry(&page);
            result.entry_keys.push((locale, entry.keys()));
            result.entries.push((locale, entry));
            self.write_page(page, &alternates, x_default.as_deref(), ui, &mut result)?;
        }
        // The alternates only if a page is listed (most help articles ask
        // robots not to index them).
        if !result.sitemap.listed.is_empty() {
            result.sitemap.links = alternates
                .iter()
                .map(|a| (a.locale.clone(), a.url.clone()))
                .chain(
                    x_default
                        .iter()
                        .map(|url| ("x-default".to_string(), url.clone())),
                )
                .collect();
        }
        Ok(result)
    }

    /// `x-default`: the source-locale page, else the reference locale's, else the first.
    fn x_default(&self, alternates: &[Alternate]) -> Option<String> {
        let reference = crate::render::i18n::REFERENCE;
        let source = self.config.source_locale.to_string();
        alternates
            .iter()
            .find(|a| a.locale == source)
            .or_else(|| alternates.iter().find(|a| a.locale == reference))
            .or_else(|| alternates.first())
            .map(|a| a.url.clone())
    }

    /// Writes the page (its body moved into the page, not copied) and,
    /// with `--emit json`, its JSON article.
    fn write_page(
        &self,
        mut page: Page,
        alternates: &[Alternate],
        x_default: Option<&str>,
        ui: &LocaleUi,
        result: &mut FamilyResult,
    ) -> crate::error::Result<()> {
        let (site, output) = (self.build.site, &self.build.output);
        let json = self
            .build
            .emit_json
            .then(|| site.article_json(&page, alternates));
        let body = std::mem::take(&mut page.html);
        let html = site.article_html(
            &page,
            body,
            alternates,
            x_default,
            self.config.base_url.as_deref(),
            ui,
        )?;
        let hash = output.write(&page.url, html.as_bytes())?;
        result.outputs.push((page.url.clone(), hash));
        if let Some(json) = json {
            let json_url = format!("{}.json", page.url.trim_end_matches(".html"));
            let hash = output.write(&json_url, json.as_bytes())?;
            result.outputs.push((json_url, hash));
        }
        Ok(())
    }

    /// The site around the pages: sitemap, locale indexes and search
    /// indexes, the language chooser, assets and media. Returns the number
    /// of pages.
    pub(super) fn site(
        &self,
        entries: &[Vec<&IndexEntry>],
        mut sitemap: Vec<(&str, &[(String, String)])>,
        reuse: IndexReuse,
    ) -> crate::error::Result<SiteMade> {
        let (site, output) = (self.build.site, &self.build.output);
        let sitemap = || {
            sitemap.sort_by(|a, b| a.0.cmp(b.0));
            let base = self.config.base_url.as_deref().unwrap_or("/");
            output
                .write(
                    "sitemap.xml",
                    crate::render::sitemap_xml(base, &sitemap).as_bytes(),
                )
                .map(|_| ())
        };
        // The sitemap (every page) beside the locales' indexes.
        let (sitemap, indexes) = rayon::join(sitemap, || self.indexes(entries, reuse));
        sitemap?;
        let (pages, layouts) = indexes?;
        output.write(
            "index.html",
            site.site_index_html(&self.summaries(&pages))?.as_bytes(),
        )?;
        for (name, text) in site.assets() {
            output.write(&format!("assets/{name}"), text.as_bytes())?;
        }
        self.media()?;
        Ok(SiteMade {
            pages: pages.iter().sum(),
            layouts,
        })
    }

    /// Every locale's summary for the language chooser.
    fn summaries(&self, pages: &[usize]) -> Vec<LocaleSummary<'_>> {
        self.uis
            .iter()
            .zip(pages)
            .filter_map(|(ui, pages)| {
                Some(LocaleSummary {
                    ui: ui.as_ref()?,
                    articles: *pages,
                })
            })
            .collect()
    }

    /// Each locale's index pages and search files: the last build's where
    /// its entries and counts are unchanged, its search index updated
    /// where only search documents changed. Returns its page counts and
    /// the layouts of the search indexes written, encoded.
    fn indexes(
        &self,
        entries: &[Vec<&IndexEntry>],
        reuse: IndexReuse,
    ) -> crate::error::Result<(Vec<usize>, EncodedLayouts)> {
        let (site, output, uis) = (self.build.site, &self.build.output, self.uis);
        let pages: Vec<usize> = match &reuse.pages {
            Some(pages) => pages.clone(),
            None => entries.iter().map(Vec::len).collect(),
        };
        let summaries = self.summaries(&pages);
        let mut locales = reuse.locales;
        locales.resize_with(uis.len(), || LocaleIndexes::All);
        // The file the last build wrote at `rel`, adopted: the cache must
        // know it (a locale it kept has no entries to make it from).
        let adopt = |rel: &str| {
            let (hash, stamp) = reuse
                .previous
                .and_then(|session| session.previous_output(rel))
                .ok_or_else(|| crate::error::Error::OutputChanged(rel.to_string()))?;
            output.adopt(rel, hash, Some(stamp))
        };
        let layouts = uis
            .par_iter()
            .zip(locales)
            .zip(entries)
            .map(
                |((ui, how), entries)| -> crate::error::Result<Option<Vec<u8>>> {
                    let Some(ui) = ui else { return Ok(None) };
                    let name = &ui.url_name;
                    let [index_html, index_json, search_json, search_js] =
                        ["index.html", "index.json", "search.json", "search.js"]
                            .map(|file| format!("{name}/{file}"));
                    // The search index and its script, written; the layout encoded.
                    // The layout only for a cache to keep.
                    let write_search = |text: &[u8], layout: &Layout| {
                        let hash = output.write(&search_json, text)?;
                        let script = crate::render::search::index_script(text);
                        output.write(&search_js, &script)?;
                        let cached = self.build.cache.is_some();
                        cached
                            .then(|| cache::encode_layout(hash, layout))
                            .transpose()
                    };
                    match how {
                        LocaleIndexes::Kept => {
                            [&index_html, &index_json, &search_json, &search_js]
                                .into_iter()
                                .try_for_each(|rel| adopt(rel))?;
                            Ok(None)
                        }
                        LocaleIndexes::Search(hash, layout) => {
                            adopt(&index_html)?;
                            adopt(&index_json)?;
                            let old = output.read_previous(&search_json, hash)?;
                            let changed: Vec<(&str, &crate::render::search::SearchDoc)> = entries
                                .iter()
                                .filter_map(|e| Some((e.path.as_str(), e.search.as_ref()?)))
                                .collect();
                            let (text, layout) =
                                crate::render::search::patch_index(&old, layout, &changed)
                                    .ok_or_else(|| {
                                        crate::error::Error::OutputChanged(search_json.clone())
                                    })?;
                            drop(old);
                            write_search(&text, &layout)
                        }
                        LocaleIndexes::All => {
                            let entries = &crate::render::index_order(entries);
                            let (pages, search) = rayon::join(
                                || {
                                    let html = site.locale_index_html(ui, entries, &summaries)?;
                                    output.write(&index_html, html.as_bytes())?;
                                    let index = site.locale_index_json(ui, entries);
                                    output.write(&index_json, index.as_bytes())
                                },
                                || {
                                    let (text, layout) = site.search_json(entries);
                                    write_search(&text, &layout)
                                },
                            );
                            pages?;
                            search
                        }
                    }
                },
            )
            .collect::<crate::error::Result<Vec<_>>>()?;
        Ok((pages, layouts))
    }

    /// Every published locale's images and media; SVG only sanitised.
    fn media(&self) -> crate::error::Result<()> {
        let output = &self.build.output;
        self.plan
            .locales
            .par_iter()
            .filter(|locale| self.uis[locale.id.index()].is_some())
            .flat_map(|locale| {
                let folder = &locale.folder;
                folder.assets.par_iter().map(move |asset| (folder, asset))
            })
            .try_for_each(|(folder, asset)| {
                let rel = format!("{}/{}", folder.url_name(), asset.local);
                if !is_svg(&asset.local) {
                    return output.copy(&rel, &asset.abs);
                }
                // Never as it is: the sanitised copy, or nothing (`media-unsafe`).
                match std::fs::read(&asset.abs)
                    .ok()
                    .and_then(|bytes| crate::svg::sanitize(&bytes).ok())
                {
                    Some(clean) => output.write(&rel, &clean.bytes).map(|_| ()),
                    None => Ok(()),
                }
            })
    }
}
