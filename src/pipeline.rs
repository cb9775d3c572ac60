//! Runs the stages over a content tree: discover → read → check → render →
//! emit. The unit of parallel work is an article family: one relative path
//! across every locale, so each page knows which translations exist, and
//! only one family's articles are in memory per worker.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::cache;
use crate::check;
use crate::config::Config;
use crate::diag::{Counts, Diagnostic, Report};
use crate::discover::{Content, ContentFile, LocaleFolder};
use crate::emit::Output;
use crate::progress::Progress;
use crate::read::toc::{Toc, is_toc};
use crate::read::{self, Article};
use crate::render::nav::Navigation;
use crate::render::{Alternate, IndexEntry, LocaleSummary, LocaleUi, Page, Site};
use crate::rules::{Level, Rule};

/// What `build` needs besides the content and configuration.
pub struct BuildPlan<'a> {
    pub site: &'a Site,
    pub output: &'a Output,
    pub emit_json: bool,
    /// `--mode bilingual`: segments carry their English source.
    pub bilingual: bool,
    /// CONTENT, where `[!INCLUDE]`d fragments are read from.
    pub content_root: &'a std::path::Path,
    /// The build cache: `None` with `--no-cache`.
    pub cache: Option<CachePlan>,
}

/// What the build cache starts from.
pub struct CachePlan {
    /// A key of what the command line and configuration add to every page.
    pub options: u64,
    /// The last build's state, if it left one.
    pub previous: Option<cache::State>,
}

/// One page of the sitemap: its URL and its alternates (locale, URL),
/// `x-default` included.
#[derive(Clone, serde::Serialize, serde::Deserialize)]
struct SitemapEntry {
    url: String,
    alternates: Vec<(String, String)>,
}

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
    /// What to remember for the next build.
    cache: Option<CacheUpdate>,
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
            cache: None,
        }
    }
}

struct CacheUpdate {
    state: cache::State,
    families: HashMap<String, FamilyResult>,
}

/// The articles of one relative path, one per locale that has it.
struct Family<'c> {
    /// The path relative to the locale folders.
    name: &'c str,
    members: Vec<(usize, &'c ContentFile)>,
}

#[derive(Clone, Default, serde::Serialize, serde::Deserialize)]
struct FamilyResult {
    diagnostics: Vec<Diagnostic>,
    counts: Vec<(usize, Counts)>,
    entries: Vec<(usize, IndexEntry)>,
    left_out: Vec<String>,
    sitemap: Vec<SitemapEntry>,
    /// The files it wrote, with their content hashes.
    outputs: Vec<(String, u64)>,
    /// What `helpc status` counts of each article.
    articles: Vec<ArticleFacts>,
    /// Issue 13: what the locale-wide consistency pass needs of each article.
    #[serde(default)]
    locale_facts: Vec<check::consistency::LocaleArticle>,
}

/// One article as `helpc status` counts it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ArticleFacts {
    /// The locale folder's name.
    pub locale: String,
    /// Relative to the locale folder.
    pub local: String,
    pub machine_translated: bool,
    pub segments: usize,
    /// Segments a handoff left to translate, and near matches to review.
    #[serde(default)]
    pub untranslated_segments: usize,
    #[serde(default)]
    pub fuzzy_segments: usize,
}

/// A family's key: its files, their sizes and times.
fn family_key(family: &Family) -> u64 {
    let stamps: Vec<(&str, Option<cache::Stamp>)> = family
        .members
        .iter()
        .map(|(_, file)| (file.rel.as_str(), cache::stamp(&file.abs)))
        .collect();
    cache::hash_of(&stamps)
}

/// The key of what every page depends on besides its own files: the
/// options, the list of content files (links are checked against it), and
/// the TOCs, fragments and other files.
fn global_key(content: &Content, options: u64) -> u64 {
    let mut listed: Vec<(&str, Option<cache::Stamp>)> = Vec::new();
    for folder in &content.locales {
        for file in &folder.markdown {
            let stamp = file.fragment.then(|| cache::stamp(&file.abs)).flatten();
            listed.push((&file.rel, stamp));
        }
        for file in &folder.assets {
            listed.push((&file.rel, None));
        }
        for rel in &folder.others {
            listed.push((rel, cache::stamp(&content.root.join(rel))));
        }
    }
    listed.sort();
    cache::hash_of(&(
        options,
        cache::binary_key(),
        &listed,
        &content.diagnostics.len(),
    ))
}

pub fn run(
    content: &Content,
    config: &Config,
    build: Option<&BuildPlan>,
) -> Result<Outcome, String> {
    let is_source = |folder: &LocaleFolder| folder.is(&config.source_locale);
    let mut files = content.file_set();
    // Without a source-locale folder, a build publishes the English too,
    // rebuilt from the segments, as a locale of its own.
    let mut all_locales = content.locales.clone();
    let source_site = match content.locales.iter().find(|l| l.tag.is_some()) {
        Some(model) if build.is_some() && !content.locales.iter().any(is_source) => {
            let name = config.source_locale.to_string();
            let assets: Vec<ContentFile> = model
                .assets
                .iter()
                .map(|asset| ContentFile {
                    rel: format!("{name}/{}", asset.local),
                    ..asset.clone()
                })
                .collect();
            files.extend(assets.iter().map(|a| a.rel.clone()));
            for folder in &content.locales {
                files.extend(
                    folder
                        .markdown
                        .iter()
                        .filter(|f| !f.fragment)
                        .map(|f| format!("{name}/{}", f.local)),
                );
            }
            all_locales.push(LocaleFolder {
                name,
                tag: Some(config.source_locale.clone()),
                markdown: Vec::new(),
                assets,
                others: Vec::new(),
            });
            Some(all_locales.len() - 1)
        }
        _ => None,
    };
    let locales = &all_locales;
    let files = &files;
    let mut toc_diagnostics = Vec::new();
    let mut uis: Vec<Option<LocaleUi>> = locales
        .iter()
        .map(|folder| {
            let tocs = read_tocs(&content.root, folder, files, &mut toc_diagnostics);
            let site = build?.site;
            let tag = folder.tag.as_ref()?;
            let mut ui = site.locale_ui(tag, &folder.url_name());
            ui.navigation = Navigation::new(&folder.name, tocs, files);
            Some(ui)
        })
        .collect();
    toc_diagnostics.extend(check_media(content));
    crate::render::name_locales(&mut uis);
    config.levels.apply(&mut toc_diagnostics);

    let mut families: BTreeMap<&str, Family> = BTreeMap::new();
    let mut fragments = Vec::new();
    for (index, folder) in locales.iter().enumerate() {
        for file in &folder.markdown {
            if file.fragment {
                fragments.push((index, file));
            } else {
                families
                    .entry(file.local.as_str())
                    .or_insert_with(|| Family {
                        name: &file.local,
                        members: Vec::new(),
                    })
                    .members
                    .push((index, file));
            }
        }
    }

    let families: Vec<Family> = families.into_values().collect();

    // The cache: keys of this build beside the last one's.
    let cache_plan = build.and_then(|plan| plan.cache.as_ref());
    let keys: Option<(u64, HashMap<String, u64>)> = cache_plan.map(|plan| {
        let families = families
            .par_iter()
            .map(|f| (f.name.to_string(), family_key(f)))
            .collect();
        (global_key(content, plan.options), families)
    });
    let previous = match (cache_plan, &keys, build) {
        (Some(plan), Some((global, _)), Some(build)) => plan.previous.as_ref().filter(|state| {
            state.global == *global && cache::target_untouched(build.output.target(), state)
        }),
        _ => None,
    };
    if let (Some(state), Some((_, family_keys))) = (previous, &keys)
        && state.families == *family_keys
    {
        return Ok(Outcome {
            report: Report::new(state.by_locale.clone(), state.diagnostics.clone()),
            pages: Some(state.pages),
            left_out: state.left_out.clone(),
            rendered: 0,
            unchanged: true,
            articles: Vec::new(),
            written: 0,
            cache: None,
        });
    }
    let mut cached: HashMap<String, FamilyResult> = match (previous, build) {
        (Some(_), Some(plan)) => {
            cache::load(plan.output.target(), cache::FAMILIES).unwrap_or_default()
        }
        _ => HashMap::new(),
    };
    if let Some(plan) = build
        && cache_plan.is_some()
    {
        // From here on the staging folder changes: a cache left behind would lie.
        crate::emit::drop_cache(plan.output.target())?;
    }
    // Each family's cached results if its key is unchanged, moved out of the cache.
    let reusable: Vec<Option<FamilyResult>> = families
        .iter()
        .map(|family| {
            let (state, (_, keys)) = (previous?, keys.as_ref()?);
            let key = keys.get(family.name)?;
            if state.families.get(family.name) == Some(key) {
                cached.remove(family.name)
            } else {
                None
            }
        })
        .collect();
    drop(cached);

    let translated_locales: Vec<String> = content
        .locales
        .iter()
        .filter(|folder| !is_source(folder) && folder.markdown.iter().any(|f| !f.fragment))
        .map(|folder| folder.name.clone())
        .collect();
    let across = check::across::Context {
        source_locale: &config.source_locale,
        source_folder: content.locales.iter().any(is_source),
        translated_locales: &translated_locales,
    };

    let shared = Shared {
        locales,
        uis: &uis,
        config,
        files,
        across: &across,
        source_site,
    };

    let total = families.iter().map(|f| f.members.len()).sum::<usize>() + fragments.len();
    let progress = Progress::new(
        total,
        if build.is_some() {
            "building"
        } else {
            "checking"
        },
    );
    let rendered = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<Result<(String, FamilyResult), String>> = families
        .par_iter()
        .zip(reusable)
        .map(|(family, reused)| {
            let result = match (reused, build) {
                (Some(result), Some(plan)) => {
                    for (rel, hash) in &result.outputs {
                        plan.output.adopt(rel, *hash)?;
                    }
                    Ok(result)
                }
                _ => {
                    rendered.fetch_add(family.members.len(), std::sync::atomic::Ordering::Relaxed);
                    run_family(family, &shared, build)
                }
            };
            progress.advance(family.members.len());
            result.map(|r| (family.name.to_string(), r))
        })
        .collect();
    let fragment_results: Vec<FamilyResult> = fragments
        .par_iter()
        .map(|&(index, file)| {
            let mut result = FamilyResult::default();
            let mut counts = Counts {
                files: 1,
                ..Counts::default()
            };
            if let Some(article) = read_and_check(
                file,
                &locales[index],
                config,
                files,
                &mut result.diagnostics,
            ) {
                counts.segments = check::well_formed_segments(&article);
            }
            result.counts.push((index, counts));
            progress.advance(1);
            result
        })
        .collect();
    progress.finish();

    let mut by_locale: BTreeMap<String, Counts> = content
        .locales
        .iter()
        .map(|l| (l.name.clone(), Counts::default()))
        .collect();
    let mut diagnostics = content.diagnostics.clone();
    config.levels.apply(&mut diagnostics);
    diagnostics.extend(toc_diagnostics);
    // Results are read in place: the cache keeps them whole, and index
    // entries (the search terms of every page) are not copied.
    let mut entries: Vec<Vec<&IndexEntry>> = vec![Vec::new(); locales.len()];
    let mut left_out = Vec::new();
    let mut sitemap = Vec::new();
    let results = results.into_iter().collect::<Result<Vec<_>, _>>()?;
    for result in results
        .iter()
        .map(|(_, result)| result)
        .chain(&fragment_results)
    {
        diagnostics.extend(result.diagnostics.iter().cloned());
        for (index, counts) in &result.counts {
            if let Some(total) = by_locale.get_mut(&locales[*index].name) {
                total.add(counts);
            }
        }
        for (index, entry) in &result.entries {
            entries[*index].push(entry);
        }
        left_out.extend(result.left_out.iter().cloned());
        sitemap.extend(result.sitemap.iter().cloned());
    }
    left_out.sort();
    // Issue 13: the locale-wide consistency pass, over every family's facts.
    let mut consistency = check::consistency::check_locales(
        results.iter().flat_map(|(_, result)| &result.locale_facts),
    );
    config.levels.apply(&mut consistency);
    diagnostics.extend(consistency);
    let report = Report::new(by_locale, diagnostics);

    let pages = match build {
        Some(plan) => Some(write_site(plan, config, locales, &uis, &entries, sitemap)?),
        None => None,
    };
    let articles = if build.is_none() {
        results
            .iter()
            .flat_map(|(_, r)| r.articles.iter().cloned())
            .collect()
    } else {
        Vec::new()
    };
    let cache = match (keys, build) {
        (Some((global, families)), Some(plan)) => Some(CacheUpdate {
            state: cache::State {
                global,
                families,
                // After the exchange, the staging folder holds what the output holds now.
                staged: previous
                    .map(|state| {
                        state
                            .target
                            .iter()
                            .map(|(rel, (hash, _))| (rel.clone(), *hash))
                            .collect()
                    })
                    .unwrap_or_default(),
                target: plan
                    .output
                    .manifest()
                    .into_iter()
                    .map(|(rel, hash)| (rel, (hash, (0, 0))))
                    .collect(),
                by_locale: report.by_locale.clone(),
                diagnostics: report.diagnostics.clone(),
                pages: pages.unwrap_or(0),
                left_out: left_out.clone(),
                ..cache::State::default()
            },
            families: results.into_iter().collect(),
        }),
        _ => None,
    };
    Ok(Outcome {
        report,
        pages,
        left_out,
        rendered: rendered.into_inner(),
        unchanged: false,
        articles,
        written: 0,
        cache,
    })
}

/// Puts the built site in place (unless nothing changed) and saves the
/// cache for the next build.
pub fn finish_build(output: Output, outcome: &mut Outcome) -> Result<(), String> {
    if outcome.unchanged {
        return Ok(());
    }
    let target = output.target().to_path_buf();
    outcome.written = output.rewritten();
    output.commit()?;
    if let Some(update) = outcome.cache.take() {
        let mut state = update.state;
        let hashes: HashMap<String, u64> = state
            .target
            .iter()
            .map(|(rel, (hash, _))| (rel.clone(), *hash))
            .collect();
        state.target = cache::target_manifest(&target, &hashes);
        let families: std::collections::BTreeMap<&String, &FamilyResult> =
            update.families.iter().collect();
        cache::save(&target, &state, &families)?;
    }
    Ok(())
}

/// The locale's `TOC.yml` files, read and checked.
fn read_tocs(
    root: &std::path::Path,
    folder: &LocaleFolder,
    files: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) -> Vec<Toc> {
    folder
        .others
        .iter()
        .filter(|rel| is_toc(rel))
        .filter_map(|rel| {
            let text = std::fs::read(root.join(rel))
                .map_err(|e| e.to_string())
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|_| "the file is not UTF-8 text".to_string())
                });
            check::links::check_toc(rel, text, files, out)
        })
        .collect()
}

/// Whether `rel` names an SVG image, which is published only sanitised.
fn is_svg(rel: &str) -> bool {
    rel.rsplit('.')
        .next()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("svg"))
}

/// `media-unsafe`: what the SVG sanitiser takes out of each SVG image, or
/// why one is not published at all.
fn check_media(content: &Content) -> Vec<Diagnostic> {
    let svgs: Vec<&ContentFile> = content
        .locales
        .iter()
        .flat_map(|l| &l.assets)
        .filter(|a| is_svg(&a.rel))
        .collect();
    svgs.par_iter()
        .filter_map(|asset| {
            let message = match std::fs::read(&asset.abs) {
                Err(e) => format!("this SVG cannot be read ({e}): not published"),
                Ok(bytes) => match crate::render::svg::sanitize(&bytes) {
                    Ok(clean) if clean.removed.is_empty() => return None,
                    Ok(clean) => format!(
                        "this SVG is published without {}",
                        clean.removed.join(", ")
                    ),
                    Err(why) => format!("this SVG is not published: {why}"),
                },
            };
            Some(
                Diagnostic::new(Rule::MediaUnsafe, asset.rel.clone(), message)
                    .line(1)
                    .help("export the drawing again as plain SVG, without scripts, links or embedded HTML"),
            )
        })
        .collect()
}

/// One document of the fragment at `rel` (relative to CONTENT). Only files
/// discovery found are read: a path through a link that leads out of the
/// content is never opened, whatever the rule levels.
fn include(
    root: &std::path::Path,
    files: &HashSet<String>,
    rel: &str,
    side: read::Side,
) -> Option<String> {
    if !files.contains(rel) {
        return None;
    }
    let file = ContentFile {
        abs: root.join(rel),
        rel: rel.to_string(),
        local: String::new(),
        fragment: true,
    };
    read::read_file(&file)
        .ok()
        .map(|fragment| fragment.document(side))
}

/// Reads one file and runs the per-file rules; `None` if it could not be read.
fn read_and_check(
    file: &ContentFile,
    folder: &LocaleFolder,
    config: &Config,
    files: &HashSet<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let start = out.len();
    let article = match read::read_file(file) {
        Ok(article) => {
            out.extend(
                check::check_article(&article, folder.tag.as_ref(), &config.quality, Some(files))
                    .into_iter()
                    // With a `link-root`, root-relative links lead to that site.
                    .filter(|d| {
                        config.link_root.is_none() || d.rule != crate::rules::Rule::LinkRootMissing
                    }),
            );
            Some(article)
        }
        Err(error) => {
            out.push(check::read_error(file, &error));
            None
        }
    };
    config.levels.apply(&mut out[start..]);
    article
}

/// What every family's run shares.
struct Shared<'a> {
    locales: &'a [LocaleFolder],
    uis: &'a [Option<LocaleUi>],
    config: &'a Config,
    files: &'a HashSet<String>,
    across: &'a check::across::Context<'a>,
    /// The index of the rebuilt source locale, when the build publishes one.
    source_site: Option<usize>,
}

fn run_family(
    family: &Family,
    shared: &Shared,
    build: Option<&BuildPlan>,
) -> Result<FamilyResult, String> {
    let Shared {
        locales,
        uis,
        config,
        files,
        across,
        source_site,
    } = *shared;
    let mut result = FamilyResult::default();
    let mut pages: Vec<(usize, Page)> = Vec::new();
    // Every locale's article first: the rules across locales compare them.
    let mut articles = Vec::with_capacity(family.members.len());
    for &(index, file) in &family.members {
        let article = read_and_check(
            file,
            &locales[index],
            config,
            files,
            &mut result.diagnostics,
        );
        let segments = article.as_ref().map_or(0, check::well_formed_segments);
        result.counts.push((
            index,
            Counts {
                files: 1,
                articles: 1,
                segments,
            },
        ));
        let unfinished = article
            .as_ref()
            .map_or((0, 0), crate::interchange::pending::counts);
        result.articles.push(ArticleFacts {
            locale: locales[index].name.clone(),
            local: file.local.clone(),
            machine_translated: article.as_ref().is_some_and(Article::is_machine_translated),
            segments,
            untranslated_segments: unfinished.0,
            fuzzy_segments: unfinished.1,
        });
        // Issue 13: the locale-wide consistency pass reads these after every family.
        if let Some(article) = &article {
            let facts = check::consistency::facts(article, &locales[index].name);
            result.locale_facts.push(facts);
        }
        articles.push((index, file, article));
    }
    let members: Vec<check::across::Member> = articles
        .iter()
        .filter_map(|(index, _, article)| {
            Some(check::across::Member {
                locale: &locales[*index].name,
                tag: locales[*index].tag.as_ref(),
                article: article.as_ref()?,
            })
        })
        .collect();
    let start = result.diagnostics.len();
    result
        .diagnostics
        .extend(check::across::check_family(&members, across));
    config.levels.apply(&mut result.diagnostics[start..]);
    drop(members);
    let failed = |rel: &str| {
        result
            .diagnostics
            .iter()
            .any(|d| d.level == Level::Error && d.path == rel)
    };
    // The English page comes from the newest handoff without errors.
    let english_from = source_site.and_then(|_| {
        articles
            .iter()
            .enumerate()
            .filter(|(_, (_, file, article))| {
                article
                    .as_ref()
                    .is_some_and(|a| !a.scan.segments.is_empty())
                    && !failed(&file.rel)
            })
            .max_by(|(a, (_, _, x)), (b, (_, _, y))| {
                let date =
                    |article: &Option<Article>| article.as_ref().and_then(check::across::handoff);
                date(x).cmp(&date(y)).then(b.cmp(a))
            })
            .map(|(position, _)| position)
    });
    let failures: Vec<bool> = articles
        .iter()
        .map(|(_, file, _)| failed(&file.rel))
        .collect();
    for (position, (index, file, article)) in articles.into_iter().enumerate() {
        let Some(plan) = build else { continue };
        let failed = failures[position];
        if english_from == Some(position)
            && let (Some(english), Some(article), Some(ui)) = (
                source_site,
                article.as_ref(),
                source_site.and_then(|i| uis[i].as_ref()),
            )
        {
            let rel = format!("{}/{}", locales[english].name, file.local);
            pages.push((
                english,
                plan.site.prepare_source(
                    article,
                    ui,
                    &rel,
                    &|rel, side| include(plan.content_root, files, rel, side),
                    crate::render::Links {
                        from: "",
                        files: Some(files),
                        root: config.link_root.as_deref(),
                    },
                ),
            ));
        }
        match (article, &uis[index]) {
            (Some(article), Some(ui)) if !failed => pages.push((
                index,
                plan.site.prepare(
                    &article,
                    ui,
                    plan.bilingual,
                    &|rel, side| include(plan.content_root, files, rel, side),
                    crate::render::Links {
                        from: "",
                        files: Some(files),
                        root: config.link_root.as_deref(),
                    },
                ),
            )),
            _ => result.left_out.push(file.rel.clone()),
        }
    }
    let Some(plan) = build else {
        return Ok(result);
    };
    pages.sort_by(|a, b| a.1.locale.cmp(&b.1.locale));
    let alternates: Vec<Alternate> = pages
        .iter()
        .filter_map(|(index, page)| {
            let ui = uis[*index].as_ref()?;
            Some(Alternate {
                locale: page.locale.clone(),
                name: ui.language_name(),
                url: page.url.clone(),
            })
        })
        .collect();
    // `x-default`: the source-locale page, else the reference locale's, else the first.
    let reference = crate::render::i18n::REFERENCE;
    let source = config.source_locale.to_string();
    let x_default = alternates
        .iter()
        .find(|a| a.locale == source)
        .or_else(|| alternates.iter().find(|a| a.locale == reference))
        .or_else(|| alternates.first())
        .map(|a| a.url.clone());
    for (index, page) in pages {
        let Some(ui) = &uis[index] else { continue };
        if page
            .robots
            .as_deref()
            .is_none_or(|r| !r.contains("noindex"))
        {
            let mut links: Vec<(String, String)> = alternates
                .iter()
                .map(|a| (a.locale.clone(), a.url.clone()))
                .collect();
            if let Some(url) = &x_default {
                links.push(("x-default".to_string(), url.clone()));
            }
            result.sitemap.push(SitemapEntry {
                url: page.url.clone(),
                alternates: links,
            });
        }
        let html = plan.site.article_html(
            &page,
            &alternates,
            x_default.as_deref(),
            config.base_url.as_deref(),
            ui,
        )?;
        let hash = plan.output.write(&page.url, html.as_bytes())?;
        result.outputs.push((page.url.clone(), hash));
        if plan.emit_json {
            let json_url = format!("{}.json", page.url.trim_end_matches(".html"));
            let hash = plan.output.write(
                &json_url,
                plan.site.article_json(&page, &alternates).as_bytes(),
            )?;
            result.outputs.push((json_url, hash));
        }
        result.entries.push((index, Site::index_entry(&page)));
    }
    Ok(result)
}

fn write_site(
    plan: &BuildPlan,
    config: &Config,
    locales: &[LocaleFolder],
    uis: &[Option<LocaleUi>],
    entries: &[Vec<&IndexEntry>],
    mut sitemap: Vec<SitemapEntry>,
) -> Result<usize, String> {
    sitemap.sort_by(|a, b| a.url.cmp(&b.url));
    let pages: Vec<(&str, &[(String, String)])> = sitemap
        .iter()
        .map(|e| (e.url.as_str(), e.alternates.as_slice()))
        .collect();
    plan.output.write(
        "sitemap.xml",
        crate::render::sitemap_xml(config.base_url.as_deref().unwrap_or("/"), &pages).as_bytes(),
    )?;
    let summaries: Vec<LocaleSummary> = uis
        .iter()
        .zip(entries)
        .filter_map(|(ui, entries)| {
            Some(LocaleSummary {
                ui: ui.as_ref()?,
                articles: entries.len(),
            })
        })
        .collect();
    uis.par_iter().zip(entries).try_for_each(|(ui, entries)| {
        let Some(ui) = ui else { return Ok(()) };
        let html = plan.site.locale_index_html(ui, entries, &summaries)?;
        plan.output
            .write(&format!("{}/index.html", ui.url_name), html.as_bytes())?;
        plan.output.write(
            &format!("{}/search.json", ui.url_name),
            plan.site.search_json(entries).as_bytes(),
        )?;
        plan.output
            .write(
                &format!("{}/index.json", ui.url_name),
                plan.site.locale_index_json(ui, entries).as_bytes(),
            )
            .map(|_| ())
    })?;
    plan.output.write(
        "index.html",
        plan.site.site_index_html(&summaries)?.as_bytes(),
    )?;
    for (name, text) in plan.site.assets() {
        plan.output
            .write(&format!("assets/{name}"), text.as_bytes())?;
    }
    locales
        .par_iter()
        .zip(uis)
        .filter(|(_, ui)| ui.is_some())
        .flat_map(|(folder, _)| folder.assets.par_iter().map(move |asset| (folder, asset)))
        .try_for_each(|(folder, asset)| {
            let rel = format!("{}/{}", folder.url_name(), asset.local);
            if !is_svg(&asset.local) {
                return plan.output.copy(&rel, &asset.abs);
            }
            // Never as it is: the sanitised copy, or nothing (`media-unsafe`).
            match std::fs::read(&asset.abs)
                .ok()
                .and_then(|bytes| crate::render::svg::sanitize(&bytes).ok())
            {
                Some(clean) => plan.output.write(&rel, &clean.bytes).map(|_| ()),
                None => Ok(()),
            }
        })?;
    Ok(entries.iter().map(Vec::len).sum())
}

/// `helpc review`: every article's side-by-side page, a QA summary per
/// locale (HTML and JSON), and an index. Returns the same report as `check`.
pub fn review(
    content: &Content,
    config: &Config,
    site: &Site,
    output: &Output,
) -> Result<Report, String> {
    use crate::render::review::ReviewedArticle;

    let mut by_locale = BTreeMap::new();
    let mut diagnostics = content.diagnostics.clone();
    config.levels.apply(&mut diagnostics);
    let mut summaries = Vec::new();
    let files = content.file_set();
    let mut uis: Vec<Option<LocaleUi>> = content
        .locales
        .iter()
        .map(|folder| {
            folder
                .tag
                .as_ref()
                .map(|tag| site.locale_ui(tag, &folder.url_name()))
        })
        .collect();
    crate::render::name_locales(&mut uis);
    for (folder, ui) in content.locales.iter().zip(&uis) {
        type Reviewed = (Vec<Diagnostic>, Counts, Option<ReviewedArticle>);
        let results: Vec<Result<Reviewed, String>> = folder
            .markdown
            .par_iter()
            .map(|file| {
                let mut found = Vec::new();
                let article = read_and_check(file, folder, config, &files, &mut found);
                found.retain(|d| d.level != Level::Allow);
                let counts = Counts {
                    files: 1,
                    articles: usize::from(!file.fragment),
                    segments: article.as_ref().map_or(0, check::well_formed_segments),
                };
                let reviewed = match (&article, ui) {
                    (Some(article), Some(ui)) => {
                        let (html, reviewed) = site.review_article(article, &found, ui)?;
                        output.write(&reviewed.url, html.as_bytes())?;
                        Some(reviewed)
                    }
                    _ => None,
                };
                Ok((found, counts, reviewed))
            })
            .collect();
        let mut total = Counts::default();
        let mut reviewed = Vec::new();
        for result in results {
            let (found, counts, article) = result?;
            diagnostics.extend(found);
            total.add(&counts);
            reviewed.extend(article);
        }
        by_locale.insert(folder.name.clone(), total);
        if let Some(ui) = ui {
            let summary = site.review_summary(ui, &reviewed);
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
    }
    output.write("index.html", site.review_index_html(&summaries)?.as_bytes())?;
    for (name, text) in site.assets() {
        output.write(&format!("assets/{name}"), text.as_bytes())?;
    }
    Ok(Report::new(by_locale, diagnostics))
}

/// `helpc export`: one PO or XLIFF file per article of each locale in
/// `only` (by folder name), under `<locale>/<path>.<po|xlf>`. Returns how
/// many files were written.
pub fn export(
    content: &Content,
    config: &Config,
    only: &[String],
    format: crate::interchange::Format,
    output: &Output,
) -> Result<usize, String> {
    let source_locale = config.source_locale.to_string();
    let written = std::sync::atomic::AtomicUsize::new(0);
    for folder in content.locales.iter().filter(|l| only.contains(&l.name)) {
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
            Ok::<(), String>(())
        })?;
    }
    Ok(written.into_inner())
}

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
    content: &Content,
    config: &Config,
    locale: &str,
    date: &str,
) -> Result<Vec<HandoffReport>, String> {
    let source = content
        .folder_of(&config.source_locale)
        .ok_or_else(|| format!("no {} folder to hand off from", config.source_locale))?;
    // Nothing is written through a link that leads out of the content.
    crate::interchange::safe::inside(&content.root, locale)?;
    let mut reports: Vec<HandoffReport> = source
        .markdown
        .par_iter()
        .filter(|file| !file.fragment)
        .map(|file| {
            let english = read::read_file(file).map_err(|e| format!("`{}`: {e:?}", file.rel))?;
            let rel = format!("{locale}/{}", file.local);
            let target = ContentFile {
                abs: crate::interchange::safe::inside(&content.root, &rel)?,
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
        .collect::<Result<_, String>>()?;
    reports.sort_by(|a, b| a.article.cmp(&b.article));
    Ok(reports)
}
