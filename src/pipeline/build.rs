//! `helpc build`: every family analysed (or taken from the cache), its pages
//! rendered and written, then the site's indexes, search indexes, sitemap
//! and media; the output put in place and the cache saved.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::{FamilyResult, Outcome, SitemapEntry, collect, fragment_results};
use crate::analyse::{self, Analysis};
use crate::cache;
use crate::config::Config;
use crate::diag::Report;
use crate::emit::Output;
use crate::plan::{LocaleId, SitePlan, is_svg};
use crate::progress::Progress;
use crate::read::{self, Side};
use crate::render::nav::Navigation;
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
    if let Some(state) = build.cache.as_ref().and_then(cache::Session::unchanged) {
        return Ok(Outcome {
            pages: Some(state.pages),
            left_out: state.left_out.clone(),
            unchanged: true,
            ..Outcome::of_report(Report::new(
                state.by_locale.clone(),
                state.diagnostics.clone(),
            ))
        });
    }
    // Each family's cached results if its key is unchanged.
    let reusable: Vec<Option<FamilyResult>> = match build.cache.as_mut() {
        Some(session) => session.take_reusable(&target, plan)?,
        None => plan.families.iter().map(|_| None).collect(),
    };
    let uis = locale_uis(plan, build.site);
    let render = Render {
        plan,
        config,
        uis: &uis,
        build: &build,
    };
    let progress = Progress::new(plan.markdown_files(), "building");
    let rendered = AtomicUsize::new(0);
    let results: Vec<FamilyResult> = plan
        .families
        .par_iter()
        .zip(reusable)
        .map(|(family, reused)| {
            let result = match reused {
                Some(result) => {
                    for (rel, hash) in &result.outputs {
                        build.output.adopt(rel, *hash)?;
                    }
                    Ok(result)
                }
                None => {
                    rendered.fetch_add(family.members.len(), Ordering::Relaxed);
                    render.family(&analyse::analyse(plan, config, family))
                }
            };
            progress.advance(family.members.len());
            result
        })
        .collect::<crate::error::Result<_>>()?;
    let fragments = fragment_results(plan, config, None, &progress);
    progress.finish();
    let collected = collect(plan, config, results.iter().chain(&fragments));
    let pages = render.site(&collected.entries, collected.sitemap)?;
    let written = build.output.rewritten();
    let manifest = build.output.manifest();
    let families: BTreeMap<&str, &FamilyResult> = plan
        .families
        .iter()
        .map(|f| f.name.as_str())
        .zip(&results)
        .collect();
    build.output.commit()?;
    if let Some(session) = build.cache {
        session.save(
            &target,
            &manifest,
            &collected.report,
            pages,
            &collected.left_out,
            &families,
        )?;
    }
    Ok(Outcome {
        pages: Some(pages),
        left_out: collected.left_out,
        rendered: rendered.into_inner(),
        written,
        ..Outcome::of_report(collected.report)
    })
}

/// Every locale's UI strings and navigation, named for the switchers.
pub(super) fn locale_uis(plan: &SitePlan, site: &Site) -> Vec<Option<LocaleUi>> {
    let mut uis: Vec<Option<LocaleUi>> = plan
        .locales
        .iter()
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
        let mut result = FamilyResult::of_analysis(self.plan, analysis);
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
        for (locale, page) in pages {
            let Some(ui) = &self.uis[locale.index()] else {
                continue;
            };
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
            self.write_page(&page, &alternates, x_default.as_deref(), ui, &mut result)?;
            result.entries.push((locale, Site::index_entry(&page)));
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

    fn write_page(
        &self,
        page: &Page,
        alternates: &[Alternate],
        x_default: Option<&str>,
        ui: &LocaleUi,
        result: &mut FamilyResult,
    ) -> crate::error::Result<()> {
        let (site, output) = (self.build.site, &self.build.output);
        let html = site.article_html(
            page,
            alternates,
            x_default,
            self.config.base_url.as_deref(),
            ui,
        )?;
        let hash = output.write(&page.url, html.as_bytes())?;
        result.outputs.push((page.url.clone(), hash));
        if self.build.emit_json {
            let json_url = format!("{}.json", page.url.trim_end_matches(".html"));
            let json = site.article_json(page, alternates);
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
        mut sitemap: Vec<SitemapEntry>,
    ) -> crate::error::Result<usize> {
        let (site, output, uis) = (self.build.site, &self.build.output, self.uis);
        sitemap.sort_by(|a, b| a.url.cmp(&b.url));
        let pages: Vec<(&str, &[(String, String)])> = sitemap
            .iter()
            .map(|e| (e.url.as_str(), e.alternates.as_slice()))
            .collect();
        let base = self.config.base_url.as_deref().unwrap_or("/");
        output.write(
            "sitemap.xml",
            crate::render::sitemap_xml(base, &pages).as_bytes(),
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
            let html = site.locale_index_html(ui, entries, &summaries)?;
            let name = &ui.url_name;
            output.write(&format!("{name}/index.html"), html.as_bytes())?;
            let search = site.search_json(entries);
            output.write(&format!("{name}/search.json"), search.as_bytes())?;
            // The same index as a script, for pages opened from disk.
            let script = crate::render::search::index_script(&search);
            output.write(&format!("{name}/search.js"), script.as_bytes())?;
            let index = site.locale_index_json(ui, entries);
            output
                .write(&format!("{name}/index.json"), index.as_bytes())
                .map(|_| ())
        })?;
        output.write("index.html", site.site_index_html(&summaries)?.as_bytes())?;
        for (name, text) in site.assets() {
            output.write(&format!("assets/{name}"), text.as_bytes())?;
        }
        self.media()?;
        Ok(entries.iter().map(Vec::len).sum())
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
