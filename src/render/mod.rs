//! Stage 4: turn checked articles into pages and JSON. Markdown to HTML
//! (`markdown`), page chrome from minijinja templates (`templates`), UI
//! strings from Fluent (`i18n`). Nothing here writes files.

pub mod docfx;
pub mod i18n;
pub mod markdown;
pub mod names;
pub mod nav;
mod page;
mod postprocess;
pub mod review;
mod sanitize;
pub mod search;
mod templates;

use std::path::Path;

use fluent_bundle::FluentArgs;
use serde::Serialize;
use serde_json::{Map, Value, json};
use unic_langid::LanguageIdentifier;

use crate::locale::Direction;
use crate::read::{Article, Side};
pub use markdown::{Heading, Links};

/// What pages of one locale share: its tag, direction and UI strings.
pub struct LocaleUi {
    pub tag: LanguageIdentifier,
    /// The locale's folder name in output paths: lower-case.
    pub url_name: String,
    pub dir: Direction,
    /// The locale's own name (an autonym) for language switchers.
    pub name: String,
    /// The language of the UI strings when it is not the page's own (a
    /// locale without strings reads its nearest relative's, or English).
    pub ui_lang: Option<String>,
    strings: i18n::Strings,
    /// The UI strings as one template value, built once per locale.
    table: minijinja::Value,
    /// The strings the built-in article page shows (`None`: one lacks).
    page_text: Option<page::UiText>,
    labels: markdown::AlertLabels,
    /// The reference locale's labels, for the English view of bilingual pages.
    english_labels: markdown::AlertLabels,
    /// The locale's tables of contents (`TOC.yml`).
    pub navigation: nav::Navigation,
}

impl LocaleUi {
    pub fn language_name(&self) -> String {
        self.name.clone()
    }
}

/// Gives each locale its switcher name: its autonym, made unique among
/// the site's locales (`names::names`).
pub fn name_locales(uis: &mut [Option<LocaleUi>]) {
    let tags: Vec<LanguageIdentifier> = uis.iter().flatten().map(|ui| ui.tag.clone()).collect();
    let names = names::names(&tags);
    for (ui, name) in uis.iter_mut().flatten().zip(names) {
        ui.name = name;
    }
}

/// One segment as the article JSON lists it.
#[derive(Clone, Debug, Serialize)]
pub struct SegmentRecord {
    pub id: String,
    pub target: String,
    pub source: String,
    pub line: u32,
}

/// An article rendered to its body, waiting for its page chrome.
#[derive(Clone, Debug)]
pub struct Page {
    pub locale: String,
    /// Relative to CONTENT: `fr-FR/a/b.md`.
    pub path: String,
    /// Relative to the output root: `fr-fr/a/b.html`.
    pub url: String,
    pub title: String,
    pub source_title: Option<String>,
    pub dir: Direction,
    pub translation_type: Option<String>,
    pub robots: Option<String>,
    pub front_matter: Map<String, Value>,
    pub html: String,
    /// The English document, rendered, for bilingual pages.
    pub english_html: Option<String>,
    /// Bilingual pages: each segment's id and English source, as text.
    pub sources: Vec<(String, String)>,
    pub text: String,
    pub headings: Vec<Heading>,
    pub segments: Vec<SegmentRecord>,
}

/// The same article in another locale.
#[derive(Clone, Debug, Serialize)]
pub struct Alternate {
    pub locale: String,
    pub name: String,
    /// Relative to the output root.
    pub url: String,
}

/// One line of a locale's article list.
#[derive(Clone, Debug, Serialize, serde::Deserialize)]
pub struct IndexEntry {
    pub path: String,
    pub title: String,
    pub url: String,
    /// The entry as `index.json` lists it (path, title, URL and front
    /// matter), pretty JSON indented for its place in the list: rendered
    /// with the page, so that the index is joined from the entries, and
    /// the cache keeps one string, not a tree of the front matter.
    pub json: String,
    /// What the locale's search index holds of the page.
    pub search: Option<search::SearchDoc>,
}

impl IndexEntry {
    /// Hashes of what the locale's indexes take from the entry (XXH3:
    /// every page's search text and terms go through it): what its list
    /// (`index.html`, `index.json`, the order of the search index's
    /// documents) takes, and what its search document holds.
    pub fn keys(&self) -> EntryKeys {
        use std::hash::{Hash, Hasher};
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        let search = self.search.as_ref();
        (&self.path, &self.title, &self.url, &self.json).hash(&mut hasher);
        search.is_some().hash(&mut hasher);
        let listing = hasher.finish();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        if let Some(doc) = search {
            (&doc.title, &doc.url, &doc.text, &doc.terms).hash(&mut hasher);
        }
        EntryKeys {
            listing,
            search: hasher.finish(),
        }
    }
}

/// The keys of an [`IndexEntry`] (see [`IndexEntry::keys`]).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
pub struct EntryKeys {
    pub listing: u64,
    pub search: u64,
}

/// A locale as the site's language chooser shows it.
#[derive(Clone)]
pub struct LocaleSummary<'a> {
    pub ui: &'a LocaleUi,
    pub articles: usize,
}

pub struct Site {
    templates: templates::Templates,
    catalog: i18n::Catalog,
    sanitizer: sanitize::Sanitizer,
}

/// The page's `<meta name="generator">`.
pub(crate) const GENERATOR: &str = concat!("helpc ", env!("CARGO_PKG_VERSION"));

impl Site {
    /// Loads templates and UI strings: the embedded ones, overridden by
    /// `<project>/templates/` and `<project>/locales/` where present.
    pub fn new(project: &Path) -> crate::error::Result<Site> {
        Ok(Site {
            templates: templates::Templates::load(&project.join("templates"))?,
            catalog: i18n::Catalog::load(Some(&project.join("locales")))?,
            sanitizer: sanitize::Sanitizer::new(),
        })
    }

    pub fn locale_ui(&self, tag: &LanguageIdentifier, url_name: &str) -> LocaleUi {
        let strings = self.catalog.strings(tag);
        let labels = alert_labels(&strings);
        let reference: LanguageIdentifier = i18n::REFERENCE.parse().unwrap_or_default();
        let english_labels = alert_labels(&self.catalog.strings(&reference));
        let ui_lang = strings.language().filter(|lang| {
            lang.parse::<LanguageIdentifier>()
                .map_or(true, |l| l.language != tag.language)
        });
        let table = strings.table();
        LocaleUi {
            tag: tag.clone(),
            url_name: url_name.to_string(),
            dir: Direction::of(tag),
            name: names::autonym(tag),
            ui_lang,
            table: serde_value(&table),
            page_text: page::UiText::of(&table),
            strings,
            labels,
            english_labels,
            navigation: nav::Navigation::default(),
        }
    }

    /// Renders an article's translated body (its TARGET document); with
    /// `bilingual`, each segment carries its English source, and the English
    /// document is rendered too.
    /// `include` returns one document of a fragment, by its path relative
    /// to CONTENT: `[!INCLUDE]`s are inlined with it.
    pub fn prepare(
        &self,
        article: &Article,
        ui: &LocaleUi,
        bilingual: bool,
        include: &dyn Fn(&str, Side) -> Option<String>,
        links: Links,
    ) -> Page {
        let links = Links {
            from: &article.file.rel,
            ..links
        };
        let (document, origins) = article.document_with_origins(Side::Target);
        let (markdown, shift) = inline_includes(&article.file.rel, document, &|path| {
            include(path, Side::Target)
        });
        let translated = bilingual && !article.scan.segments.is_empty();
        let mut english = None;
        let mut sources = Vec::new();
        let body = if translated {
            let segments: Vec<(String, String)> = article
                .scan
                .segments
                .iter()
                .map(|s| {
                    (
                        article.id(s).to_string(),
                        markdown::plain_text(article.source(s).unwrap_or_default()),
                    )
                })
                .collect();
            let runs = origins
                .iter()
                .filter_map(|o| {
                    let segment = o.segment?;
                    let start = shift(o.document)?;
                    Some((start, start + o.len, segment))
                })
                .collect();
            let map = markdown::SegmentMap {
                runs,
                segments: &segments,
            };
            let (source, _) =
                inline_includes(&article.file.rel, article.document(Side::Source), &|path| {
                    include(path, Side::Source)
                });
            let english_body = markdown::render_with(&source, &ui.english_labels, None, &links);
            let english_html = markdown::restore_embeds(
                markdown::name_empty_links(markdown::ensure_alt(
                    self.clean(english_body.needs_sanitizing, english_body.html),
                )),
                &english_body.videos,
            );
            english = Some(namespace_ids(&english_html, "en-"));
            let body = markdown::render_with(&markdown, &ui.labels, Some(&map), &links);
            sources = segments;
            body
        } else {
            markdown::render_with(&markdown, &ui.labels, None, &links)
        };
        let front_matter = article.front_matter.map().cloned().unwrap_or_default();
        let local = article.file.local.as_str();
        let stem = local.strip_suffix(".md").unwrap_or(local);
        let segments = article
            .body_segments()
            .map(|segment| SegmentRecord {
                id: article.id(segment).to_string(),
                target: article.target(segment).to_string(),
                source: article.source(segment).unwrap_or_default().to_string(),
                line: article.lines.locate(&article.text, segment.start).line,
            })
            .collect();
        let title = article
            .front_matter
            .string("title")
            .map(|t| markdown::title_text(&t))
            .filter(|t| !t.is_empty())
            .unwrap_or_else(|| stem.to_string());
        // A file without segments is a source-locale article: its title is the English one.
        let source_title = match article.source_title() {
            Some(source) => Some(markdown::title_text(source)),
            None if article.scan.segments.is_empty() => Some(title.clone()),
            None => None,
        };
        Page {
            locale: ui.tag.to_string(),
            path: article.file.rel.clone(),
            url: format!("{}/{stem}.html", ui.url_name),
            title,
            source_title,
            dir: ui.dir,
            translation_type: article.front_matter.string("ms.translationtype"),
            robots: robots(article),
            front_matter,
            html: markdown::restore_embeds(
                markdown::name_empty_links(markdown::ensure_alt(
                    self.clean(body.needs_sanitizing, body.html),
                )),
                &body.videos,
            ),
            english_html: english,
            sources,
            text: body.text,
            headings: body.headings,
            segments,
        }
    }

    /// The English page of an article, rebuilt from a translation's segment
    /// sources, for a site without a source-locale folder. `rel`: the page's
    /// path as a source article (`en-US/a/b.md`).
    pub fn prepare_source(
        &self,
        article: &Article,
        ui: &LocaleUi,
        rel: &str,
        include: &dyn Fn(&str, Side) -> Option<String>,
        links: Links,
    ) -> Page {
        let links = Links { from: rel, ..links };
        let (markdown, _) =
            inline_includes(&article.file.rel, article.document(Side::Source), &|path| {
                include(path, Side::Source)
            });
        let body = markdown::render_with(&markdown, &ui.labels, None, &links);
        let local = rel.split_once('/').map_or(rel, |(_, l)| l);
        let stem = local.strip_suffix(".md").unwrap_or(local);
        let title = article
            .source_title()
            .map(markdown::title_text)
            .filter(|t| !t.is_empty())
            .or_else(|| {
                article
                    .front_matter
                    .string("title")
                    .map(|t| markdown::title_text(&t))
            })
            .unwrap_or_else(|| stem.to_string());
        let mut front_matter = article.front_matter.map().cloned().unwrap_or_default();
        front_matter.insert("title".into(), Value::String(title.clone()));
        front_matter.remove("ms.contentlocale");
        front_matter.remove("ms.translationtype");
        Page {
            locale: ui.tag.to_string(),
            path: rel.to_string(),
            url: format!("{}/{stem}.html", ui.url_name),
            title: title.clone(),
            source_title: Some(title),
            dir: ui.dir,
            translation_type: None,
            robots: robots(article),
            front_matter,
            html: markdown::restore_embeds(
                markdown::name_empty_links(markdown::ensure_alt(
                    self.clean(body.needs_sanitizing, body.html),
                )),
                &body.videos,
            ),
            english_html: None,
            sources: Vec::new(),
            text: body.text,
            headings: body.headings,
            segments: Vec::new(),
        }
    }

    /// `x_default`: the URL of the page for readers whose language has none;
    /// `base_url`: where the site is published, for absolute canonical and
    /// hreflang links (relative ones without it).
    /// `body`: the page's HTML body (its `html`, handed over).
    pub fn article_html(
        &self,
        page: &Page,
        body: String,
        alternates: &[Alternate],
        x_default: Option<&str>,
        base_url: Option<&str>,
        ui: &LocaleUi,
    ) -> crate::error::Result<String> {
        let root = root_prefix(&page.url);
        let absolute = |url: &str| crate::url::site_href(base_url.unwrap_or(&root), url);
        let mut hreflang: Vec<HrefLang> = alternates
            .iter()
            .map(|a| HrefLang {
                locale: &a.locale,
                href: absolute(&a.url),
            })
            .collect();
        if let Some(url) = x_default.filter(|_| !alternates.is_empty()) {
            hreflang.push(HrefLang {
                locale: "x-default",
                href: absolute(url),
            });
        }
        // The outline: sections and their subsections.
        let toc: Vec<&Heading> = page
            .headings
            .iter()
            .filter(|h| h.level == 2 || h.level == 3)
            .collect();
        let navigation = ui.navigation.for_page(&page.path);
        let home = crate::url::site_href(&root, &format!("{}/index.html", ui.url_name));
        let search_index = crate::url::site_href(&root, &format!("{}/search.json", ui.url_name));
        let search_script = crate::url::site_href(&root, &format!("{}/search.js", ui.url_name));
        let machine_translated = page
            .translation_type
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("MT"));
        let alternates = alternate_links(alternates, &root, &page.locale);
        // The built-in templates, written directly (see `page`).
        if let Some(text) = &ui.page_text
            && self.templates.embedded("article.html")
            && self.templates.embedded("base.html")
        {
            let switches: Vec<page::Switch> = alternates
                .iter()
                .map(|a| page::Switch {
                    locale: a.locale,
                    name: a.name,
                    href: &a.href,
                    current: a.current,
                })
                .collect();
            let hreflang: Vec<(&str, String)> =
                hreflang.into_iter().map(|h| (h.locale, h.href)).collect();
            let page = page::ArticlePage {
                lang: page.locale.as_str(),
                dir: page.dir.as_str(),
                title: page.title.as_str(),
                robots: page.robots.as_deref(),
                generator: GENERATOR,
                root: &root,
                home: &home,
                site_index: &format!("{root}index.html"),
                ui: text,
                ui_lang: ui.ui_lang.as_deref(),
                machine_translated,
                body: &body,
                english: page.english_html.as_deref(),
                sources: &page.sources,
                toc: &toc,
                nav: &navigation.items,
                trail: &navigation.trail,
                search_index: &search_index,
                search_script: &search_script,
                alternates: &switches,
                hreflang: &hreflang,
                canonical: &absolute(&page.url),
            };
            return Ok(page.html());
        }
        let context = minijinja::context! {
            lang => page.locale.as_str(),
            dir => page.dir.as_str(),
            title => page.title.as_str(),
            robots => page.robots.as_deref(),
            generator => GENERATOR,
            root => root.as_str(),
            home => home,
            site_index => format!("{root}index.html"),
            ui => ui.table.clone(),
            ui_lang => ui.ui_lang.as_deref(),
            machine_translated => machine_translated,
            body => minijinja::Value::from_safe_string(body),
            english => page.english_html.clone().map(minijinja::Value::from_safe_string),
            sources => serde_value(&page.sources.iter().map(|(id, text)| SourceText { id, text }).collect::<Vec<_>>()),
            toc => serde_value(&toc),
            nav => serde_value(&navigation.items),
            trail => serde_value(&navigation.trail),
            search_index => search_index,
            search_script => search_script,
            alternates => serde_value(&alternates),
            hreflang => serde_value(&hreflang),
            canonical => absolute(&page.url),
        };
        self.templates.render("article.html", context)
    }

    fn clean(&self, needs_sanitizing: bool, html: String) -> String {
        if needs_sanitizing {
            self.sanitizer.clean(&html)
        } else {
            html
        }
    }

    pub fn article_json(&self, page: &Page, alternates: &[Alternate]) -> String {
        let alternates: Map<String, Value> = alternates
            .iter()
            .map(|a| {
                (
                    a.locale.clone(),
                    Value::String(crate::url::site_href("", &a.url)),
                )
            })
            .collect();
        let document = json!({
            "locale": page.locale,
            "path": page.path,
            "url": crate::url::site_href("", &page.url),
            "title": page.title,
            "source_title": page.source_title,
            "dir": page.dir.as_str(),
            "translation_type": page.translation_type,
            "front_matter": page.front_matter,
            "html": page.html,
            "text": page.text,
            "headings": page.headings,
            "segments": page.segments,
            "alternates": alternates,
        });
        crate::diag::to_json_text(&document)
    }

    pub fn index_entry(page: &Page) -> IndexEntry {
        // `ROBOTS: NOINDEX` keeps a page from web search engines, not from
        // the site's own search: such articles are still read on the site.
        let local_url = page
            .url
            .split_once('/')
            .map_or(page.url.as_str(), |(_, u)| u);
        IndexEntry {
            path: page.path.clone(),
            title: page.title.clone(),
            url: page.url.clone(),
            json: index_json_entry(page),
            search: Some(search::SearchDoc::new(
                &page.title,
                &crate::url::site_href("", local_url),
                &page.text,
                page.headings
                    .iter()
                    .find(|h| h.level == 1)
                    .map(|h| h.text.as_str()),
            )),
        }
    }

    /// The locale's `index.html`; `entries` in [`index_order`], as for
    /// the search index and `index.json`.
    pub fn locale_index_html(
        &self,
        ui: &LocaleUi,
        entries: &[&IndexEntry],
        all: &[LocaleSummary],
    ) -> crate::error::Result<String> {
        let root = "../";
        // One section per folder, in folder order; the locale's top folder
        // first; each named as the TOCs name its folders.
        let mut sections: std::collections::BTreeMap<&str, Vec<Value>> = Default::default();
        for entry in entries {
            let local = entry.path.split_once('/').map_or("", |(_, local)| local);
            let folder = local.rfind('/').map_or("", |slash| &local[..slash]);
            sections.entry(folder).or_default().push(
                json!({"title": entry.title, "href": crate::url::site_href(root, &entry.url)}),
            );
        }
        let sections: Vec<Value> = sections
            .into_iter()
            .map(|(folder, articles)| {
                let (title, raw) = ui.navigation.section_title(folder);
                let mut args = FluentArgs::new();
                args.set("count", articles.len());
                json!({
                    "id": nav::section_id(folder),
                    "title": title,
                    "raw": raw,
                    "count": ui.strings.format("article-count", Some(&args)),
                    "groups": index_groups(articles),
                })
            })
            .collect();
        let mut args = FluentArgs::new();
        args.set("count", entries.len());
        let alternates: Vec<Alternate> = all
            .iter()
            .map(|l| Alternate {
                locale: l.ui.tag.to_string(),
                name: l.ui.language_name(),
                url: format!("{}/index.html", l.ui.url_name),
            })
            .collect();
        let context = minijinja::context! {
            lang => ui.tag.to_string(),
            dir => ui.dir.as_str(),
            generator => GENERATOR,
            root => root,
            home => "index.html",
            site_index => format!("{root}index.html"),
            ui => ui.table.clone(),
            ui_lang => ui.ui_lang.as_deref(),
            article_count => ui.strings.format("article-count", Some(&args)),
            sections => serde_value(&sections),
            // A short list reads best open; a long one as closed groups.
            open => entries.len() <= INDEX_GROUP,
            search_first => true,
            search_index => crate::url::site_href(root, &format!("{}/search.json", ui.url_name)),
            search_script => crate::url::site_href(root, &format!("{}/search.js", ui.url_name)),
            alternates => serde_value(&alternate_links(&alternates, root, &ui.tag.to_string())),
        };
        self.templates.render("locale-index.html", context)
    }

    /// The locale's `search.json` and its layout (`entries` in
    /// [`index_order`]).
    pub fn search_json<'e>(&self, entries: &[&'e IndexEntry]) -> (Vec<u8>, search::Layout<'e>) {
        let docs: Vec<(&str, &search::SearchDoc)> = entries
            .iter()
            .filter_map(|e| Some((e.path.as_str(), e.search.as_ref()?)))
            .collect();
        search::index_json(&docs)
    }

    /// The locale's `index.json` (`entries` in [`index_order`]).
    pub fn locale_index_json(&self, ui: &LocaleUi, entries: &[&IndexEntry]) -> String {
        // What `serde_json::to_string_pretty` writes for {locale, dir,
        // articles}, the articles' objects joined as each entry keeps it.
        let mut text =
            String::with_capacity(64 + entries.iter().map(|e| e.json.len() + 6).sum::<usize>());
        text.push_str("{\n  \"locale\": ");
        text.push_str(&json_string(&ui.tag.to_string()));
        text.push_str(",\n  \"dir\": ");
        text.push_str(&json_string(ui.dir.as_str()));
        text.push_str(",\n  \"articles\": [");
        for (i, entry) in entries.iter().enumerate() {
            text.push_str(if i == 0 { "\n    " } else { ",\n    " });
            text.push_str(&entry.json);
        }
        text.push_str(if entries.is_empty() {
            "]\n}\n"
        } else {
            "\n  ]\n}\n"
        });
        text
    }

    /// The site's front page: a language chooser, in the reference language.
    pub fn site_index_html(&self, locales: &[LocaleSummary]) -> crate::error::Result<String> {
        let reference: LanguageIdentifier = i18n::REFERENCE.parse().unwrap_or_default();
        let ui = self.locale_ui(&reference, "");
        let mut locales: Vec<&LocaleSummary> = locales.iter().collect();
        locales.sort_by_key(|l| l.ui.tag.to_string());
        let entries: Vec<Value> = locales
            .iter()
            .map(|l| {
                let mut args = FluentArgs::new();
                args.set("count", l.articles);
                json!({
                    "locale": l.ui.tag.to_string(),
                    "dir": l.ui.dir.as_str(),
                    "name": l.ui.language_name(),
                    "href": crate::url::site_href("", &format!("{}/index.html", l.ui.url_name)),
                    "count": l.ui.strings.format("article-count", Some(&args)),
                    "count_lang": l.ui.ui_lang.clone().unwrap_or_else(|| l.ui.tag.to_string()),
                })
            })
            .collect();
        let context = minijinja::context! {
            lang => i18n::REFERENCE,
            dir => "ltr",
            generator => GENERATOR,
            root => "",
            home => "index.html",
            ui => ui.table.clone(),
            locales => serde_value(&entries),
        };
        self.templates.render("site-index.html", context)
    }

    pub fn stylesheet(&self) -> &str {
        self.templates.asset("helpc.css")
    }

    /// The files of `assets/`: stylesheet, script, icon.
    pub fn assets(&self) -> &[(&'static str, String)] {
        self.templates.assets()
    }
}

/// Articles per collapsed group of the locale index: a section with more
/// is cut into groups named by their first and last titles.
const INDEX_GROUP: usize = 100;

/// A section's articles as groups of the locale index (one, without a
/// name, when the section is short).
fn index_groups(articles: Vec<Value>) -> Vec<Value> {
    if articles.len() <= INDEX_GROUP {
        return vec![json!({"first": null, "last": null, "articles": articles})];
    }
    let short = |article: Option<&Value>| {
        let title = article
            .and_then(|a| a["title"].as_str())
            .unwrap_or_default();
        match title.char_indices().nth(32) {
            Some((cut, _)) => format!("{}…", title[..cut].trim_end()),
            None => title.to_string(),
        }
    };
    // Even groups: 2,538 articles make 26 of 97 or 98, not 25 and a stub.
    let count = articles.len().div_ceil(INDEX_GROUP);
    let size = articles.len().div_ceil(count);
    articles
        .chunks(size)
        .map(|chunk| {
            json!({
                "first": short(chunk.first()),
                "last": short(chunk.last()),
                "articles": chunk,
            })
        })
        .collect()
}

fn alert_labels(strings: &i18n::Strings) -> markdown::AlertLabels {
    markdown::AlertLabels {
        note: strings.get("alert-note"),
        tip: strings.get("alert-tip"),
        important: strings.get("alert-important"),
        caution: strings.get("alert-caution"),
        warning: strings.get("alert-warning"),
        video: strings.get("video"),
    }
}

/// The article's `ROBOTS` value, lower-case (`noindex, nofollow`).
fn robots(article: &Article) -> Option<String> {
    article
        .front_matter
        .string("ROBOTS")
        .map(|r| r.to_ascii_lowercase())
}

pub(crate) fn serde_value<T: Serialize>(value: &T) -> minijinja::Value {
    minijinja::Value::from(minijinja::value::Serde(value))
}

/// A string as JSON writes it.
fn json_string(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// A page's object in its locale's `index.json`, as the pretty printer
/// writes it there: four spaces in, the lines after the first too (a JSON
/// string holds no line break, so every one is the printer's).
fn index_json_entry(page: &Page) -> String {
    // Serialized from borrowed fields: no copy of the front matter.
    #[derive(serde::Serialize)]
    struct Article<'a> {
        path: &'a str,
        title: &'a str,
        url: String,
        front_matter: &'a Map<String, Value>,
    }
    let article = Article {
        path: &page.path,
        title: &page.title,
        url: crate::url::site_href("", &page.url),
        front_matter: &page.front_matter,
    };
    serde_json::to_string_pretty(&article)
        .unwrap_or_default()
        .replace('\n', "\n    ")
}

/// A locale's entries in the order its index pages and search index list
/// them (by title, case aside, then path): sorted once for all three.
pub fn index_order<'e>(entries: &[&'e IndexEntry]) -> Vec<&'e IndexEntry> {
    let mut sorted: Vec<&IndexEntry> = entries.to_vec();
    sorted.sort_by_cached_key(|e| (e.title.to_lowercase(), e.path.clone()));
    sorted
}

/// A page's `<link rel="alternate" hreflang>`, as templates read it.
#[derive(Serialize)]
struct HrefLang<'a> {
    locale: &'a str,
    href: String,
}

/// A segment's English source on a bilingual page, as templates read it.
#[derive(Serialize)]
struct SourceText<'a> {
    id: &'a str,
    text: &'a str,
}

/// An entry of the language switcher, as templates read it.
#[derive(Serialize)]
struct AlternateLink<'a> {
    locale: &'a str,
    name: &'a str,
    href: String,
    current: bool,
}

/// The switcher's entries, in tag order: the same order on every page.
/// (Plain structs, not JSON maps: they are made for every page.)
fn alternate_links<'a>(
    alternates: &'a [Alternate],
    root: &str,
    current: &str,
) -> Vec<AlternateLink<'a>> {
    let mut alternates: Vec<&Alternate> = alternates.iter().collect();
    alternates.sort_by(|a, b| a.locale.cmp(&b.locale));
    alternates
        .into_iter()
        .map(|a| AlternateLink {
            locale: &a.locale,
            name: &a.name,
            href: crate::url::site_href(root, &a.url),
            current: a.locale == current,
        })
        .collect()
}

/// Prefixes every `id` of `html`, and every in-page link to one, with
/// `prefix`: the English document shares its page with the translation,
/// and ids must stay unique.
fn namespace_ids(html: &str, prefix: &str) -> String {
    html.replace(" id=\"", &format!(" id=\"{prefix}"))
        .replace(" href=\"#", &format!(" href=\"#{prefix}"))
}

/// `../` once per folder of `url`: the way back to the output root.
pub(crate) fn root_prefix(url: &str) -> String {
    "../".repeat(url.matches('/').count())
}

/// Replaces each `[!INCLUDE[title](path)]` of `document` with the
/// fragment's text (left empty when it cannot be read: `include-missing`
/// reports it). Returns the new document and a map from old offsets to
/// new ones (`None` inside a replaced include).
fn inline_includes(
    from: &str,
    document: String,
    include: &dyn Fn(&str) -> Option<String>,
) -> (String, impl Fn(usize) -> Option<usize> + use<>) {
    use crate::read::docfx::{Resolved, includes, resolve};
    let spans = includes(&document);
    let mut moves: Vec<(std::ops::Range<usize>, isize)> = Vec::new();
    let out = if spans.is_empty() {
        document
    } else {
        let mut out = String::with_capacity(document.len());
        let mut last = 0;
        let mut delta: isize = 0;
        for (range, path) in &spans {
            if range.start < last {
                continue; // `includes` never overlaps; kept safe all the same
            }
            out.push_str(&document[last..range.start]);
            let text = match resolve(from, path) {
                Resolved::Inside(target) => include(&target).unwrap_or_default(),
                Resolved::OutsideRoot => String::new(),
            };
            out.push_str(text.trim_end());
            delta += text.trim_end().len() as isize - range.len() as isize;
            moves.push((range.clone(), delta));
            last = range.end;
        }
        out.push_str(&document[last..]);
        out
    };
    let shift = move |offset: usize| {
        let mut delta = 0;
        for (range, after) in &moves {
            if offset < range.start {
                break;
            }
            if offset < range.end {
                return None;
            }
            delta = *after;
        }
        Some((offset as isize + delta) as usize)
    };
    (out, shift)
}

/// `sitemap.xml`: every page with its `xhtml:link` alternates.
pub fn sitemap_xml(base: &str, pages: &[(&str, &[(String, String)])]) -> String {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\" xmlns:xhtml=\"http://www.w3.org/1999/xhtml\">\n",
    );
    // Written into the one string (no line of its own for each of the
    // hundred thousand lines of a large site's sitemap).
    for (url, alternates) in pages {
        xml.push_str("<url>\n<loc>");
        let _ = markdown::escape_into(&crate::url::site_href(base, url), &mut xml);
        xml.push_str("</loc>\n");
        for (locale, href) in alternates.iter() {
            xml.push_str("<xhtml:link rel=\"alternate\" hreflang=\"");
            let _ = markdown::escape_into(locale, &mut xml);
            xml.push_str("\" href=\"");
            let _ = markdown::escape_into(&crate::url::site_href(base, href), &mut xml);
            xml.push_str("\"/>\n");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn includes_are_inlined_and_offsets_follow() {
        let fragment =
            |path: &str| (path == "fr-FR/includes/n.md").then(|| "Texte inclus.\n".to_string());
        let document = "Avant.\n\n[!INCLUDE[n](includes/n.md)]\n\nAprès.\n".to_string();
        let after = document.find("Après").unwrap();
        let (out, shift) = inline_includes("fr-FR/a.md", document, &fragment);
        assert_eq!(out, "Avant.\n\nTexte inclus.\n\nAprès.\n");
        assert_eq!(shift(0), Some(0));
        assert_eq!(shift(9), None);
        assert_eq!(&out[shift(after).unwrap()..], "Après.\n");
    }

    #[test]
    fn english_ids_are_namespaced() {
        assert_eq!(
            namespace_ids(
                "<h2 id=\"a\">A</h2><p><a href=\"#a\">x</a> id=&quot;b&quot;</p>",
                "en-"
            ),
            "<h2 id=\"en-a\">A</h2><p><a href=\"#en-a\">x</a> id=&quot;b&quot;</p>"
        );
    }

    fn page(path: &str, title: &str, front_matter: Value) -> Page {
        Page {
            locale: "ar-SA".into(),
            path: path.into(),
            url: path.to_lowercase().replace(".md", ".html"),
            title: title.into(),
            source_title: None,
            dir: Direction::Rtl,
            translation_type: None,
            robots: None,
            front_matter: front_matter.as_object().cloned().unwrap_or_default(),
            html: String::new(),
            english_html: None,
            sources: Vec::new(),
            text: String::new(),
            headings: Vec::new(),
            segments: Vec::new(),
        }
    }

    /// The index joined from the entries is what the pretty printer writes
    /// for the whole document: nested values, empty ones, escapes, no entries.
    #[test]
    fn locale_index_json_is_the_documents_pretty_json() {
        let site = Site::new(Path::new("/nonexistent")).unwrap();
        let ui = site.locale_ui(&"ar-SA".parse().unwrap(), "ar-sa");
        let pages = [
            page(
                "ar-SA/b/x.md",
                "ب \"quoted\"\nline",
                json!({"title": "t", "ms.date": "01/02/2021", "list": [1, {"a": []}, {}], "empty": {}}),
            ),
            page("ar-SA/a.md", "أ", json!({})),
            page(
                "ar-SA/c.md",
                "a\u{2028}b</script>",
                json!({"nested": {"deep": {"deeper": [true, null, 1.5]}}}),
            ),
        ];
        let entries: Vec<IndexEntry> = pages.iter().map(Site::index_entry).collect();
        let entries: Vec<&IndexEntry> = entries.iter().collect();
        let expected = |entries: &[&IndexEntry]| {
            let articles: Vec<Value> = index_order(entries)
                .iter()
                .map(|e| {
                    let page = pages.iter().find(|p| p.path == e.path).unwrap();
                    json!({"path": page.path, "title": page.title, "url": crate::url::site_href("", &page.url), "front_matter": page.front_matter})
                })
                .collect();
            let document = json!({"locale": "ar-SA", "dir": "rtl", "articles": articles});
            serde_json::to_string_pretty(&document).unwrap() + "\n"
        };
        assert_eq!(
            site.locale_index_json(&ui, &index_order(&entries)),
            expected(&entries)
        );
        assert_eq!(site.locale_index_json(&ui, &[]), expected(&[]));
    }

    #[test]
    fn root_prefixes() {
        assert_eq!(root_prefix("index.html"), "");
        assert_eq!(root_prefix("fr-fr/a.html"), "../");
        assert_eq!(root_prefix("fr-fr/x/a.html"), "../../");
    }
}
