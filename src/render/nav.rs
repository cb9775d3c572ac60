//! Site navigation: where a page sits in its locale's `TOC.yml`, as a tree
//! for the side bar and a trail for the breadcrumbs. Pages no TOC lists get
//! a generated side bar, the locale's folders (sections of the locale
//! index), and a trail of their own folders. Folders are named as the TOCs
//! name them (`breadcrumb/toc.yml`, an entry leading to a folder or its
//! TOC, a TOC section whose pages all live in one folder); the folder's
//! own name only where no TOC names it.

use foldhash::HashMap;

use serde::Serialize;

use crate::read::toc::{Toc, TocEntry, TocLink};

/// Past this many entries, a page's side bar shows only the branches that
/// lead to it, so page size does not grow with the square of the TOC.
const FULL_TREE_LIMIT: usize = 200;

#[derive(Clone, Debug)]
enum Link {
    None,
    /// A file of the content, relative to CONTENT (`.md` for a page).
    File(String),
    External(String),
}

#[derive(Clone, Debug)]
struct Entry {
    name: String,
    link: Link,
    items: Vec<Entry>,
}

struct Tree {
    /// The TOC's folder, relative to CONTENT, with a trailing `/`.
    folder: String,
    entries: Vec<Entry>,
    size: usize,
}

/// One locale's tables of contents.
#[derive(Default)]
pub struct Navigation {
    trees: Vec<Tree>,
    /// Page (relative to CONTENT) → its TOC and the entry indices down to it.
    placed: HashMap<String, (usize, Vec<usize>)>,
    /// The locale's folders that hold pages, relative to it, sorted: the
    /// generated side bar.
    sections: Vec<String>,
    /// Folder (relative to the locale) → its name in a TOC.
    names: HashMap<String, String>,
    /// Folder (relative to the locale) → the page its breadcrumb entry
    /// leads to (relative to CONTENT).
    landings: HashMap<String, String>,
}

/// An entry of a page's side bar.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NavItem {
    pub name: String,
    /// A folder's own name: no TOC names it (written left to right).
    pub raw: bool,
    /// Relative to the page.
    pub href: Option<String>,
    pub current: bool,
    /// On the way to the current page: shown open.
    pub open: bool,
    pub items: Vec<NavItem>,
}

/// A step of the breadcrumbs between the locale's index and the page.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct Crumb {
    pub name: String,
    pub raw: bool,
    pub href: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize)]
pub struct PageNav {
    /// Empty when no TOC lists the page.
    pub items: Vec<NavItem>,
    pub trail: Vec<Crumb>,
}

/// The output URL of a content file: the locale folder lower-case, `.md`
/// pages as `.html`.
pub fn output_url(rel: &str) -> String {
    let (locale, rest) = rel.split_once('/').unwrap_or(("", rel));
    let rest = match rest.strip_suffix(".md") {
        Some(stem) => format!("{stem}.html"),
        None => rest.to_string(),
    };
    format!("{}/{rest}", locale.to_ascii_lowercase())
}

/// The id of a folder's section on the locale index.
pub fn section_id(folder: &str) -> String {
    format!(
        "section-{}",
        super::markdown::slug(&folder.replace('/', " "))
    )
}

impl Navigation {
    /// `files`: every file of the content; entries whose target is missing
    /// keep their name without a link (`link-target-missing` reports them).
    /// `locale`: the locale folder's name.
    pub fn new(locale: &str, tocs: Vec<Toc>, files: &crate::discover::FileSet) -> Navigation {
        let mut navigation = Navigation::default();
        let prefix = format!("{locale}/");
        let mut sections: Vec<String> = files
            .iter()
            .filter_map(|f| f.strip_prefix(&prefix))
            .filter(|local| local.ends_with(".md") && !local.split('/').any(|p| p == "includes"))
            .map(|local| {
                local
                    .rfind('/')
                    .map_or("", |slash| &local[..slash])
                    .to_string()
            })
            .collect();
        sections.sort();
        sections.dedup();
        navigation.sections = sections;
        let mut tocs = tocs;
        tocs.sort_by(|a, b| a.rel.cmp(&b.rel));
        // `breadcrumb/toc.yml` names sections; it is no side bar.
        let (breadcrumbs, tocs): (Vec<Toc>, Vec<Toc>) =
            tocs.into_iter().partition(|toc| is_breadcrumb(&toc.rel));
        let folders = Folders { locale, files };
        for toc in &breadcrumbs {
            folders.breadcrumbs(toc, &toc.entries, &mut navigation);
        }
        for toc in &tocs {
            folders.linked(toc, &toc.entries, &mut navigation.names);
        }
        for toc in &tocs {
            folders.sections(toc, &toc.entries, &mut navigation.names);
        }
        for toc in tocs {
            let folder = match toc.rel.rfind('/') {
                Some(slash) => toc.rel[..=slash].to_string(),
                None => String::new(),
            };
            let entries = convert(locale, &toc.entries, files);
            let size = count(&entries);
            let index = navigation.trees.len();
            let mut path = Vec::new();
            place(&entries, &mut path, &mut |page, path| {
                let better = match navigation.placed.get(page) {
                    // The nearest TOC wins; among equals, the first listing.
                    Some((other, _)) => navigation.trees[*other].folder.len() < folder.len(),
                    None => true,
                };
                if better {
                    navigation
                        .placed
                        .insert(page.to_string(), (index, path.to_vec()));
                }
            });
            navigation.trees.push(Tree {
                folder,
                entries,
                size,
            });
        }
        navigation
    }

    /// The side bar and breadcrumbs of the page at `rel` (relative to
    /// CONTENT), with links relative to that page.
    pub fn for_page(&self, rel: &str) -> PageNav {
        let url = output_url(rel);
        let root = super::root_prefix(&url);
        let Some((tree, path)) = self.placed.get(rel) else {
            return self.generated(rel, &root);
        };
        let tree = &self.trees[*tree];
        let full = tree.size <= FULL_TREE_LIMIT;
        let items = items(&tree.entries, path, 0, full, &root);
        let mut trail = Vec::new();
        let mut entries = &tree.entries;
        for &index in &path[..path.len().saturating_sub(1)] {
            let entry = &entries[index];
            trail.push(Crumb {
                name: entry.name.clone(),
                raw: false,
                href: href(&entry.link, &root),
            });
            entries = &entry.items;
        }
        PageNav { items, trail }
    }
}

fn convert(locale: &str, entries: &[TocEntry], files: &crate::discover::FileSet) -> Vec<Entry> {
    entries
        .iter()
        .map(|entry| Entry {
            name: super::markdown::title_text(&entry.name),
            link: match page_of(locale, &entry.link, files) {
                Some(page) => Link::File(page),
                None => match &entry.link {
                    // A root-relative link no file answers would 404: the
                    // name stays, unlinked.
                    TocLink::External(url) if is_root_relative(url) => Link::None,
                    // Refused URLs (`javascript:`…) keep their name, unlinked;
                    // `toc-invalid` reports them.
                    TocLink::External(url) => crate::url::check(url, crate::url::Use::Link)
                        .map_or(Link::None, Link::External),
                    _ => Link::None,
                },
            },
            items: convert(locale, &entry.items, files),
        })
        .collect()
}

/// `/x/y`, but not `//host/y`.
fn is_root_relative(url: &str) -> bool {
    let url = url.trim();
    (url.starts_with('/') && !url.starts_with("//")) || url.starts_with('\\')
}

/// Whether the TOC at `rel` is a DocFX breadcrumb (`breadcrumb/toc.yml`).
fn is_breadcrumb(rel: &str) -> bool {
    let mut parts = rel.rsplit('/');
    parts.next();
    parts
        .next()
        .is_some_and(|folder| folder.eq_ignore_ascii_case("breadcrumb"))
}

/// The content file a TOC link leads to: a relative path as written (with
/// or without `.md`), or a root-relative one from the locale folder (the
/// DocFX docset's root) or the content root.
fn page_of(locale: &str, link: &TocLink, files: &crate::discover::FileSet) -> Option<String> {
    let candidates: Vec<String> = match link {
        TocLink::Inside { target, .. } => vec![target.clone()],
        TocLink::External(url) if is_root_relative(url) => {
            let path = url
                .trim()
                .split(['#', '?'])
                .next()
                .unwrap_or_default()
                .trim_start_matches(['/', '\\'])
                .replace("%20", " ");
            if path.split('/').any(|part| part == "..") {
                return None;
            }
            let path = path.trim_end_matches('/');
            vec![format!("{locale}/{path}"), path.to_string()]
        }
        _ => return None,
    };
    candidates.into_iter().find_map(|target| {
        [
            target.clone(),
            format!("{target}.md"),
            format!("{target}/index.md"),
        ]
        .into_iter()
        .find(|candidate| files.contains(candidate))
    })
}

/// Reads folder names out of a locale's TOCs.
struct Folders<'a> {
    locale: &'a str,
    files: &'a crate::discover::FileSet,
}

impl Folders<'_> {
    /// `path` relative to CONTENT → relative to the locale folder, if in it.
    fn local(&self, path: &str) -> Option<String> {
        if path == self.locale {
            return Some(String::new());
        }
        path.strip_prefix(self.locale)?
            .strip_prefix('/')
            .map(|p| p.trim_end_matches('/').to_string())
    }

    /// The folder a TOC's `href` or `tocHref` names (`sub/`, `sub/toc.yml`,
    /// `/root/prefix/`), relative to the locale.
    fn folder_of(&self, toc: &Toc, written: &str, any_path: bool) -> Option<String> {
        use crate::read::docfx::{Resolved, is_relative_path, resolve};
        let written = written.trim().split(['#', '?']).next().unwrap_or_default();
        let folder = if crate::read::toc::is_toc(written) {
            written.rsplit_once('/').map_or("", |(folder, _)| folder)
        } else if written.ends_with('/') || any_path {
            written
        } else {
            return None;
        };
        if is_root_relative(folder) || (folder.is_empty() && written.starts_with('/')) {
            let path = folder.trim_start_matches('/').trim_end_matches('/');
            if path.split('/').any(|part| part == "..") {
                return None;
            }
            return Some(path.to_string());
        }
        if !is_relative_path(&format!("{folder}/")) {
            return None;
        }
        match resolve(&toc.rel, &format!("{folder}/x")) {
            Resolved::Inside(file) => self.local(file.rsplit_once('/').map_or("", |(f, _)| f)),
            Resolved::OutsideRoot => None,
        }
    }

    /// A breadcrumb entry names the folder of its `tocHref`, or where that
    /// is the locale root (`tocHref: /`), the folder of the page it leads to.
    fn breadcrumbs(&self, toc: &Toc, entries: &[TocEntry], navigation: &mut Navigation) {
        for entry in entries {
            let page = page_of(self.locale, &entry.link, self.files);
            let page_folder = page
                .as_deref()
                .and_then(|p| self.local(p.rsplit_once('/').map_or("", |(folder, _)| folder)));
            let folder = entry
                .toc_href
                .as_deref()
                .and_then(|t| self.folder_of(toc, t, true))
                .filter(|f| !f.is_empty())
                .or(page_folder);
            let name = super::markdown::title_text(&entry.name);
            if let Some(folder) = folder.filter(|_| !name.is_empty()) {
                if let Some(page) = page {
                    navigation.landings.entry(folder.clone()).or_insert(page);
                }
                navigation.names.entry(folder).or_insert(name);
            }
            self.breadcrumbs(toc, &entry.items, navigation);
        }
    }

    /// Entries whose `href` leads to a folder or to its TOC name that folder.
    fn linked(&self, toc: &Toc, entries: &[TocEntry], names: &mut HashMap<String, String>) {
        for entry in entries {
            let name = super::markdown::title_text(&entry.name);
            if let Some(folder) = entry
                .href
                .as_deref()
                .and_then(|h| self.folder_of(toc, h, false))
                .filter(|f| !f.is_empty() && !name.is_empty())
            {
                names.entry(folder).or_insert(name);
            }
            self.linked(toc, &entry.items, names);
        }
    }

    /// A section whose pages all live in one folder below the TOC's names
    /// it (`Guides` listing `guides/a.md` and `guides/b.md`).
    fn sections(&self, toc: &Toc, entries: &[TocEntry], names: &mut HashMap<String, String>) {
        let own = toc
            .rel
            .rsplit_once('/')
            .and_then(|(folder, _)| self.local(folder))
            .unwrap_or_default();
        for entry in entries {
            let name = super::markdown::title_text(&entry.name);
            if !entry.items.is_empty() && !name.is_empty() {
                let mut pages = Vec::new();
                self.pages(std::slice::from_ref(entry), &mut pages);
                if let Some(folder) = common_folder(&pages)
                    && folder.len() > own.len()
                    && (own.is_empty() || folder.starts_with(&format!("{own}/")))
                {
                    names.entry(folder).or_insert(name);
                }
            }
            self.sections(toc, &entry.items, names);
        }
    }

    /// The folders (relative to the locale) of the pages `entries` list.
    fn pages(&self, entries: &[TocEntry], out: &mut Vec<String>) {
        for entry in entries {
            if let Some(folder) = page_of(self.locale, &entry.link, self.files)
                .and_then(|p| self.local(p.rsplit_once('/').map_or("", |(folder, _)| folder)))
            {
                out.push(folder);
            }
            self.pages(&entry.items, out);
        }
    }
}

/// The deepest folder holding every one of `folders`.
fn common_folder(folders: &[String]) -> Option<String> {
    let first = folders.first()?;
    let mut common: Vec<&str> = first.split('/').filter(|p| !p.is_empty()).collect();
    for folder in &folders[1..] {
        let parts: Vec<&str> = folder.split('/').filter(|p| !p.is_empty()).collect();
        let same = common
            .iter()
            .zip(&parts)
            .take_while(|(a, b)| a == b)
            .count();
        common.truncate(same);
    }
    Some(common.join("/"))
}

fn count(entries: &[Entry]) -> usize {
    entries.iter().map(|e| 1 + count(&e.items)).sum()
}

fn place(entries: &[Entry], path: &mut Vec<usize>, found: &mut dyn FnMut(&str, &[usize])) {
    for (index, entry) in entries.iter().enumerate() {
        path.push(index);
        if let Link::File(page) = &entry.link
            && page.ends_with(".md")
        {
            found(page, path);
        }
        place(&entry.items, path, found);
        path.pop();
    }
}

fn href(link: &Link, root: &str) -> Option<String> {
    match link {
        Link::None => None,
        Link::File(rel) => Some(crate::url::site_href(root, &output_url(rel))),
        Link::External(url) => Some(url.clone()),
    }
}

fn items(entries: &[Entry], path: &[usize], depth: usize, full: bool, root: &str) -> Vec<NavItem> {
    entries
        .iter()
        .enumerate()
        .map(|(index, entry)| {
            // `path` is empty below entries that are off the current page's path.
            let on_path = path.get(depth) == Some(&index);
            NavItem {
                name: entry.name.clone(),
                raw: false,
                href: href(&entry.link, root),
                current: on_path && depth + 1 == path.len(),
                open: on_path,
                items: if full || on_path {
                    let rest = if on_path { path } else { &[][..] };
                    items(&entry.items, rest, depth + 1, full, root)
                } else {
                    Vec::new()
                },
            }
        })
        .collect()
}

impl Navigation {
    /// A folder's name (relative to the locale): the TOCs', else its own;
    /// and whether it is its own.
    pub fn folder_name(&self, folder: &str) -> (String, bool) {
        match self.names.get(folder) {
            Some(name) => (name.clone(), false),
            None => (
                folder.rsplit('/').next().unwrap_or(folder).to_string(),
                true,
            ),
        }
    }

    /// A section's heading on the locale index: the names of its folders,
    /// outermost first; and whether any of them is a folder's own name.
    pub fn section_title(&self, folder: &str) -> (String, bool) {
        let mut names = Vec::new();
        let mut raw = false;
        let mut at = 0;
        for part in folder.split('/').filter(|p| !p.is_empty()) {
            at += part.len();
            let (name, own) = self.folder_name(&folder[..at]);
            at += 1;
            raw |= own;
            // A folder named like its parent (a breadcrumb names both) once.
            if names.last() != Some(&name) {
                names.push(name);
            }
        }
        (names.join(" / "), raw)
    }

    /// For a page no TOC lists: a side bar of the locale's sections (when
    /// there is more than one) as a tree of their folders, and breadcrumbs
    /// of its folders.
    fn generated(&self, rel: &str, root: &str) -> PageNav {
        let (locale, local) = rel.split_once('/').unwrap_or(("", rel));
        let own = local.rfind('/').map_or("", |slash| &local[..slash]);
        let index =
            crate::url::site_href(root, &format!("{}/index.html", locale.to_ascii_lowercase()));
        let trail = self.folder_trail(rel, own, root, &index);
        let mut items = Vec::new();
        if self.sections.len() > 1 {
            if self.sections.first().is_some_and(String::is_empty) {
                items.push(NavItem {
                    // The locale folder's own articles: the template names them.
                    name: String::new(),
                    raw: false,
                    href: Some(format!("{index}#{}", section_id(""))),
                    current: false,
                    open: own.is_empty(),
                    items: Vec::new(),
                });
            }
            items.extend(self.folder_items("", own, &index));
        }
        PageNav { items, trail }
    }

    /// The side bar's items for the folders directly below `parent`
    /// (relative to the locale) that hold sections, each with its own.
    fn folder_items(&self, parent: &str, own: &str, index: &str) -> Vec<NavItem> {
        let prefix = if parent.is_empty() {
            String::new()
        } else {
            format!("{parent}/")
        };
        let children: std::collections::BTreeSet<&str> = self
            .sections
            .iter()
            .filter_map(|s| s.strip_prefix(prefix.as_str()))
            .filter(|rest| !rest.is_empty())
            .map(|rest| rest.split('/').next().unwrap_or(rest))
            .collect();
        children
            .into_iter()
            .map(|child| {
                let folder = format!("{prefix}{child}");
                let (name, raw) = self.folder_name(&folder);
                let has_pages = self.sections.binary_search(&folder).is_ok();
                NavItem {
                    name,
                    raw,
                    href: has_pages.then(|| format!("{index}#{}", section_id(&folder))),
                    current: false,
                    open: own == folder || own.starts_with(&format!("{folder}/")),
                    items: self.folder_items(&folder, own, index),
                }
            })
            .collect()
    }

    /// Breadcrumbs for a page no TOC lists: its folders, each leading to
    /// its breadcrumb page, else to its section of the locale index.
    fn folder_trail(&self, rel: &str, own: &str, root: &str, index: &str) -> Vec<Crumb> {
        let mut trail = Vec::new();
        let mut at = 0;
        for part in own.split('/').filter(|p| !p.is_empty()) {
            at += part.len();
            let folder = &own[..at];
            at += 1;
            let (name, raw) = self.folder_name(folder);
            let href = match self
                .landings
                .get(folder)
                .filter(|page| page.as_str() != rel)
            {
                Some(page) => Some(crate::url::site_href(root, &output_url(page))),
                None => self
                    .sections
                    .binary_search_by(|s| s.as_str().cmp(folder))
                    .is_ok()
                    .then(|| format!("{index}#{}", section_id(folder))),
            };
            trail.push(Crumb { name, raw, href });
        }
        trail
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::toc::parse;

    fn files(list: &[&str]) -> crate::discover::FileSet {
        list.iter().map(|f| f.to_string()).collect()
    }

    #[test]
    fn a_page_in_the_toc_gets_its_branch_and_trail() {
        let toc = parse(
            "fr-FR/TOC.yml",
            "- name: Début\n  href: start.md\n- name: Guides\n  href: guides/index.md\n  items:\n  - name: CI\n    href: guides/ci.md\n  - name: Absent\n    href: guides/gone.md\n- name: Web\n  href: https://example.com/\n",
        )
        .unwrap();
        let navigation = Navigation::new(
            "fr-FR",
            vec![toc],
            &files(&[
                "fr-FR/start.md",
                "fr-FR/guides/index.md",
                "fr-FR/guides/ci.md",
            ]),
        );
        let nav = navigation.for_page("fr-FR/guides/ci.md");
        assert_eq!(
            nav.trail,
            [Crumb {
                name: "Guides".into(),
                raw: false,
                href: Some("../../fr-fr/guides/index.html".into())
            }]
        );
        assert_eq!(nav.items.len(), 3);
        assert!(!nav.items[0].open && nav.items[1].open && !nav.items[1].current);
        let ci = &nav.items[1].items[0];
        assert!(ci.current && ci.open);
        assert_eq!(ci.href.as_deref(), Some("../../fr-fr/guides/ci.html"));
        assert_eq!(
            nav.items[1].items[1].href, None,
            "a missing page is not linked"
        );
        assert_eq!(nav.items[2].href.as_deref(), Some("https://example.com/"));
    }

    #[test]
    fn the_nearest_toc_wins_and_unlisted_pages_get_folders() {
        let root = parse("fr-FR/TOC.yml", "- name: A\n  href: a/x.md\n").unwrap();
        let nested = parse("fr-FR/a/toc.yml", "- name: X\n  href: x.md\n").unwrap();
        let navigation = Navigation::new(
            "fr-FR",
            vec![root, nested],
            &files(&[
                "fr-FR/a/x.md",
                "fr-FR/b/c/y.md",
                "fr-FR/top.md",
                "ja-JP/z/w.md",
            ]),
        );
        let nav = navigation.for_page("fr-FR/a/x.md");
        assert_eq!(nav.items.len(), 1);
        assert_eq!(nav.items[0].name, "X");
        let unlisted = navigation.for_page("fr-FR/b/c/y.md");
        // The generated side bar: the locale's sections as a tree of their
        // folders, this page's open.
        let sections: Vec<(&str, bool, bool)> = unlisted
            .items
            .iter()
            .map(|i| (i.name.as_str(), i.open, i.href.is_some()))
            .collect();
        assert_eq!(
            sections,
            [("", false, true), ("a", false, true), ("b", true, false)]
        );
        let c = &unlisted.items[2].items[0];
        assert!(c.open && c.raw && c.name == "c");
        assert_eq!(
            c.href.as_deref(),
            Some("../../../fr-fr/index.html#section-b-c")
        );
        assert_eq!(unlisted.trail.len(), 2);
        assert_eq!(unlisted.trail[0].href, None);
        assert_eq!(
            unlisted.trail[1].href.as_deref(),
            Some("../../../fr-fr/index.html#section-b-c")
        );
    }

    #[test]
    fn folders_are_named_by_the_tocs() {
        let toc = parse(
            "de-DE/TOC.yml",
            "- name: Übersicht\n  href: index.md\n- name: Anleitungen\n  items:\n  - name: Eins\n    href: guides/one.md\n  - name: Zwei\n    href: guides/deep/two.md\n- name: Verwaltung\n  href: admin/toc.yml\n- name: \"**Alt**\"\n  href: old/\n",
        )
        .unwrap();
        let breadcrumb = parse(
            "de-DE/help/breadcrumb/toc.yml",
            "- name: Hilfe-Center\n  tocHref: /\n  topicHref: /help/index\n  items:\n  - name: Dialoge\n    tocHref: /help/dialogs/\n    topicHref: /help/dialogs/start\n",
        )
        .unwrap();
        let navigation = Navigation::new(
            "de-DE",
            vec![toc, breadcrumb],
            &files(&[
                "de-DE/index.md",
                "de-DE/guides/one.md",
                "de-DE/guides/deep/two.md",
                "de-DE/admin/a.md",
                "de-DE/old/o.md",
                "de-DE/help/index.md",
                "de-DE/help/x.md",
                "de-DE/help/dialogs/start.md",
                "de-DE/help/dialogs/d.md",
                "de-DE/help/dialogs/raw/r.md",
            ]),
        );
        let name = |folder: &str| navigation.folder_name(folder);
        assert_eq!(name("guides"), ("Anleitungen".into(), false));
        assert_eq!(name("guides/deep"), ("deep".into(), true));
        assert_eq!(name("admin"), ("Verwaltung".into(), false));
        assert_eq!(name("old"), ("Alt".into(), false), "names are text");
        assert_eq!(name("help"), ("Hilfe-Center".into(), false));
        assert_eq!(name("help/dialogs"), ("Dialoge".into(), false));
        assert_eq!(
            navigation.section_title("help/dialogs/raw"),
            ("Hilfe-Center / Dialoge / raw".into(), true)
        );
        // An unlisted page: localized breadcrumbs leading to the landing pages.
        let nav = navigation.for_page("de-DE/help/dialogs/raw/r.md");
        let trail: Vec<(&str, Option<&str>)> = nav
            .trail
            .iter()
            .map(|c| (c.name.as_str(), c.href.as_deref()))
            .collect();
        assert_eq!(
            trail,
            [
                ("Hilfe-Center", Some("../../../../de-de/help/index.html")),
                ("Dialoge", Some("../../../../de-de/help/dialogs/start.html")),
                (
                    "raw",
                    Some("../../../../de-de/index.html#section-help-dialogs-raw")
                ),
            ]
        );
        // The breadcrumb TOC is no side bar: `help/index.md` stays unlisted.
        let help = navigation.for_page("de-DE/help/index.md");
        let top: Vec<&str> = help.items.iter().map(|i| i.name.as_str()).collect();
        assert!(
            top.contains(&"Hilfe-Center") && top.contains(&"Anleitungen"),
            "{top:?}"
        );
    }

    #[test]
    fn root_relative_toc_links_lead_to_pages_or_nowhere() {
        let toc = parse(
            "fr-FR/TOC.yml",
            "- name: A\n  href: /a/page\n- name: B\n  href: /nowhere/page.md\n- name: C\n  href: //cdn.example.com/x\n",
        )
        .unwrap();
        let navigation = Navigation::new(
            "fr-FR",
            vec![toc],
            &files(&["fr-FR/a/page.md", "fr-FR/b.md"]),
        );
        let nav = navigation.for_page("fr-FR/a/page.md");
        assert!(nav.items[0].current);
        assert_eq!(
            nav.items[0].href.as_deref(),
            Some("../../fr-fr/a/page.html")
        );
        assert_eq!(nav.items[1].href, None, "never a dead link");
    }

    #[test]
    fn output_urls() {
        assert_eq!(output_url("fr-FR/a/b.md"), "fr-fr/a/b.html");
        assert_eq!(output_url("fr-FR/media/x.png"), "fr-fr/media/x.png");
    }
}
