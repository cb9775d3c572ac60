//! Site navigation: where a page sits in its locale's `TOC.yml`, as a tree
//! for the side bar and a trail for the breadcrumbs. Pages no TOC lists get
//! a generated side bar, the locale's folders (sections of the locale
//! index), and a trail of their own folders.

use std::collections::{HashMap, HashSet};

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
}

/// An entry of a page's side bar.
#[derive(Clone, Debug, Serialize, PartialEq, Eq)]
pub struct NavItem {
    pub name: String,
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
    pub fn new(locale: &str, tocs: Vec<Toc>, files: &HashSet<String>) -> Navigation {
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
        for toc in tocs {
            let folder = match toc.rel.rfind('/') {
                Some(slash) => toc.rel[..=slash].to_string(),
                None => String::new(),
            };
            let entries = convert(&toc.entries, files);
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
                href: href(&entry.link, &root),
            });
            entries = &entry.items;
        }
        PageNav { items, trail }
    }
}

fn convert(entries: &[TocEntry], files: &HashSet<String>) -> Vec<Entry> {
    entries
        .iter()
        .map(|entry| Entry {
            name: entry.name.clone(),
            link: match &entry.link {
                TocLink::Inside { target, .. } if files.contains(target) => {
                    Link::File(target.clone())
                }
                TocLink::Inside { target, .. } if files.contains(&format!("{target}.md")) => {
                    Link::File(format!("{target}.md"))
                }
                // Refused URLs (`javascript:`…) keep their name, unlinked;
                // `toc-invalid` reports them.
                TocLink::External(url) => {
                    crate::url::check(url, crate::url::Use::Link).map_or(Link::None, Link::External)
                }
                _ => Link::None,
            },
            items: convert(&entry.items, files),
        })
        .collect()
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
    /// For a page no TOC lists: a side bar of the locale's sections (when
    /// there is more than one), and breadcrumbs of its folders, the last
    /// leading to its section of the locale index.
    fn generated(&self, rel: &str, root: &str) -> PageNav {
        let mut nav = folder_trail(rel, root);
        let (locale, local) = rel.split_once('/').unwrap_or(("", rel));
        let own = local.rfind('/').map_or("", |slash| &local[..slash]);
        if self.sections.len() > 1 {
            let index =
                crate::url::site_href(root, &format!("{}/index.html", locale.to_ascii_lowercase()));
            nav.items = self
                .sections
                .iter()
                .map(|section| NavItem {
                    // The locale folder's own articles: the template names them.
                    name: section.clone(),
                    href: Some(format!("{index}#{}", section_id(section))),
                    current: false,
                    open: section == own,
                    items: Vec::new(),
                })
                .collect();
        }
        nav
    }
}

/// Breadcrumbs for a page no TOC lists: its folders; the last leads to
/// its section of the locale index.
fn folder_trail(rel: &str, root: &str) -> PageNav {
    let (locale, local) = rel.split_once('/').unwrap_or(("", rel));
    let folders: Vec<&str> = local.split('/').collect();
    let folders = &folders[..folders.len().saturating_sub(1)];
    let trail = folders
        .iter()
        .enumerate()
        .map(|(at, name)| Crumb {
            name: name.to_string(),
            href: (at + 1 == folders.len()).then(|| {
                format!(
                    "{}#{}",
                    crate::url::site_href(
                        root,
                        &format!("{}/index.html", locale.to_ascii_lowercase())
                    ),
                    section_id(&folders.join("/"))
                )
            }),
        })
        .collect();
    PageNav {
        items: Vec::new(),
        trail,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::read::toc::parse;

    fn files(list: &[&str]) -> HashSet<String> {
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
        // The generated side bar: the locale's sections, this page's open.
        let sections: Vec<(&str, bool)> = unlisted
            .items
            .iter()
            .map(|i| (i.name.as_str(), i.open))
            .collect();
        assert_eq!(sections, [("", false), ("a", false), ("b/c", true)]);
        assert_eq!(
            unlisted.items[2].href.as_deref(),
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
    fn output_urls() {
        assert_eq!(output_url("fr-FR/a/b.md"), "fr-fr/a/b.html");
        assert_eq!(output_url("fr-FR/media/x.png"), "fr-fr/media/x.png");
    }
}
