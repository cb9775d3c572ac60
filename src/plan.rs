//! The site plan, made once from the discovered content and the
//! configuration, before any article is read: the locales (the source
//! locale rebuilt from the translations when there is no source folder),
//! the article families, the fragments, the file set links are checked
//! against, and the tables of contents. Every command works from it, so
//! `check`, `build`, `review` and `status` see the same content.

use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;
use unic_langid::LanguageIdentifier;

use crate::check;
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::discover::{Content, ContentFile, LocaleFolder};
use crate::read::toc::{Toc, is_toc};
use crate::reporter::Reporter;
use crate::rules::Rule;

/// A locale of the plan: an index into [`SitePlan::locales`].
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct LocaleId(usize);

impl LocaleId {
    pub fn index(self) -> usize {
        self.0
    }
}

pub struct Locale {
    pub id: LocaleId,
    pub folder: LocaleFolder,
    /// The source locale rebuilt from the translations' segment sources
    /// (there is no source folder): it has no files of its own, and only
    /// `build` publishes it.
    pub rebuilt: bool,
    /// The locale's `TOC.yml` files that could be read.
    pub tocs: Vec<Toc>,
}

impl Locale {
    pub fn name(&self) -> &str {
        &self.folder.name
    }

    pub fn tag(&self) -> Option<&LanguageIdentifier> {
        self.folder.tag.as_ref()
    }
}

/// Shard `index` of `count` (1-based): a stable partition of the article
/// families, fragments and the plan's own reports, so that N CI jobs can
/// each check or build a share and `helpc merge` can join them.
///
/// What belongs to a shard is decided by a path (the family's path
/// relative to the locale folders, a fragment's or a report's path relative
/// to CONTENT): the first eight bytes of its SHA-256, read as a big-endian
/// number, modulo `count`, plus one. The partition depends on nothing but
/// the paths and `count`: not on the machine, the order of files, or
/// helpc's version.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Shard {
    pub index: usize,
    pub count: usize,
}

impl Shard {
    /// `K/N`, with 1 ≤ K ≤ N.
    pub fn parse(text: &str) -> Option<Shard> {
        let (k, n) = text.split_once('/')?;
        let (index, count) = (k.trim().parse().ok()?, n.trim().parse().ok()?);
        (1..=count)
            .contains(&index)
            .then_some(Shard { index, count })
    }

    pub fn of(path: &str, count: usize) -> usize {
        use sha2::{Digest, Sha256};
        let digest = Sha256::digest(path.as_bytes());
        let mut first = [0u8; 8];
        first.copy_from_slice(&digest[..8]);
        (u64::from_be_bytes(first) % count.max(1) as u64) as usize + 1
    }

    pub fn holds(&self, path: &str) -> bool {
        Shard::of(path, self.count) == self.index
    }
}

/// One locale's file of a family (or a fragment).
pub struct Member {
    pub locale: LocaleId,
    /// Shared with the content's folder.
    pub file: Arc<ContentFile>,
}

/// The articles of one path relative to the locale folders, one per
/// locale that has it: the unit of parallel work.
pub struct Family {
    pub name: String,
    pub members: Vec<Member>,
}

pub struct SitePlan {
    /// CONTENT: where fragments and media are read from.
    pub root: PathBuf,
    pub locales: Vec<Locale>,
    /// Sorted by name.
    pub families: Vec<Family>,
    pub fragments: Vec<Member>,
    /// Every file of the content tree relative to CONTENT, the rebuilt
    /// source locale's pages included: what links may point at.
    pub files: crate::discover::FileSet,
    /// What the plan itself found (discovery, TOCs, media), levels applied.
    pub diagnostics: Vec<Diagnostic>,
    pub source_locale: LanguageIdentifier,
    /// Whether the content has a source-locale folder.
    pub source_folder: bool,
    /// The rebuilt source locale, when the content has no source folder.
    pub rebuilt_source: Option<LocaleId>,
    /// Locale folders (names) other than the source's that hold articles.
    pub translated_locales: Vec<String>,
}

impl SitePlan {
    /// The plan of `content`, which it takes over (its folders become the
    /// plan's locales: no copy of every file).
    pub fn new(content: Content, config: &Config) -> SitePlan {
        let reporter = Reporter::new(config);
        let source_folder = content
            .locales
            .iter()
            .any(|folder| folder.is(&config.source_locale));
        // The two walks over every file, side by side.
        let (mut files, (families, fragments)) =
            rayon::join(|| content.file_set(), || group(&content.locales));
        let english = (!source_folder)
            .then(|| rebuilt_source_folder(&content, config))
            .flatten();
        if let Some(english) = &english {
            files.extend(english.assets.iter().map(|a| a.rel.clone()));
            files.extend(english_pages(&content, &english.name));
        }
        let translated_locales = content
            .locales
            .iter()
            .filter(|folder| {
                !folder.is(&config.source_locale) && folder.markdown.iter().any(|f| !f.fragment)
            })
            .map(|folder| folder.name.clone())
            .collect();
        let Content {
            root,
            locales: mut folders,
            mut diagnostics,
        } = content;
        let mut rebuilt_source = None;
        if let Some(english) = english {
            rebuilt_source = Some(LocaleId(folders.len()));
            folders.push(english);
        }
        reporter.finish(None, &mut diagnostics);
        let locales: Vec<Locale> = folders
            .into_iter()
            .enumerate()
            .map(|(index, folder)| {
                let tocs = read_tocs(&root, &folder, &files, &reporter, &mut diagnostics);
                Locale {
                    id: LocaleId(index),
                    rebuilt: Some(LocaleId(index)) == rebuilt_source,
                    folder,
                    tocs,
                }
            })
            .collect();
        diagnostics.extend(check_media(&locales, &reporter));
        SitePlan {
            root,
            locales,
            families,
            fragments,
            files,
            diagnostics,
            source_locale: config.source_locale.clone(),
            source_folder,
            rebuilt_source,
            translated_locales,
        }
    }

    pub fn locale(&self, id: LocaleId) -> &Locale {
        &self.locales[id.0]
    }

    /// The locales with folders in the content (the rebuilt one aside).
    pub fn content_locales(&self) -> impl Iterator<Item = &Locale> {
        self.locales.iter().filter(|l| !l.rebuilt)
    }

    /// Files read to check or build: articles and fragments.
    pub fn markdown_files(&self) -> usize {
        self.families.iter().map(|f| f.members.len()).sum::<usize>() + self.fragments.len()
    }

    pub fn across(&self) -> check::across::Context<'_> {
        check::across::Context {
            source_locale: &self.source_locale,
            source_folder: self.source_folder,
            translated_locales: &self.translated_locales,
        }
    }
}

/// The source locale's folder as a build publishes it without a source
/// folder: the first locale's media, no files of its own.
fn rebuilt_source_folder(content: &Content, config: &Config) -> Option<LocaleFolder> {
    let model = content.locales.iter().find(|l| l.tag.is_some())?;
    let name = config.source_locale.to_string();
    let assets = model
        .assets
        .iter()
        .map(|asset| {
            Arc::new(ContentFile {
                rel: format!("{name}/{}", asset.local),
                ..ContentFile::clone(asset)
            })
        })
        .collect();
    Some(LocaleFolder {
        name,
        tag: Some(config.source_locale.clone()),
        markdown: Vec::new(),
        assets,
        others: Vec::new(),
    })
}

/// The rebuilt source locale's pages: one per translated article path.
fn english_pages<'a>(content: &'a Content, name: &'a str) -> impl Iterator<Item = String> + 'a {
    content.locales.iter().flat_map(move |folder| {
        folder
            .markdown
            .iter()
            .filter(|f| !f.fragment)
            .map(move |f| format!("{name}/{}", f.local))
    })
}

/// The content's articles grouped into families (sorted by path), and its
/// fragments. `folders`: the content's locale folders, each the plan's
/// locale of the same index (a rebuilt source locale, after them, has no
/// articles).
fn group(folders: &[LocaleFolder]) -> (Vec<Family>, Vec<Member>) {
    let mut fragments = Vec::new();
    let mut articles: Vec<(&str, LocaleId, &Arc<crate::discover::ContentFile>)> = Vec::new();
    for (index, folder) in folders.iter().enumerate() {
        for file in &folder.markdown {
            if file.fragment {
                fragments.push(Member {
                    locale: LocaleId(index),
                    file: file.clone(),
                });
            } else {
                articles.push((file.local.as_str(), LocaleId(index), file));
            }
        }
    }
    // By path; a stable sort keeps each family's members in locale order
    // (each folder's files come sorted: the sort merges runs).
    articles.sort_by(|a, b| a.0.cmp(b.0));
    let families = articles
        .chunk_by(|a, b| a.0 == b.0)
        .map(|members| Family {
            name: members.first().map_or("", |m| m.0).to_string(),
            members: members
                .iter()
                .map(|&(_, locale, file)| Member {
                    locale,
                    file: Arc::clone(file),
                })
                .collect(),
        })
        .collect();
    (families, fragments)
}

/// The locale's `TOC.yml` files, read and checked.
fn read_tocs(
    root: &std::path::Path,
    folder: &LocaleFolder,
    files: &crate::discover::FileSet,
    reporter: &Reporter,
    out: &mut Vec<Diagnostic>,
) -> Vec<Toc> {
    folder
        .others
        .iter()
        .filter(|rel| is_toc(rel))
        .filter_map(|rel| {
            use crate::read::ReadError;
            let text = std::fs::read(root.join(rel))
                .map_err(|e| ReadError::Io(e.to_string()))
                .and_then(|bytes| {
                    String::from_utf8(bytes).map_err(|e| ReadError::Encoding {
                        offset: e.utf8_error().valid_up_to(),
                        text: String::new(),
                        reason: "the file is not valid UTF-8".to_string(),
                    })
                });
            let mut found = Vec::new();
            let toc = check::links::check_toc(rel, text.clone(), files, &mut found);
            reporter.finish(text.as_deref().ok(), &mut found);
            out.extend(found);
            toc
        })
        .collect()
}

/// Whether `rel` names an SVG image, which is published only sanitised.
pub fn is_svg(rel: &str) -> bool {
    rel.rsplit('.')
        .next()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("svg"))
}

/// `media-unsafe`: what the SVG sanitiser takes out of each SVG image, or
/// why one is not published at all.
fn check_media(locales: &[Locale], reporter: &Reporter) -> Vec<Diagnostic> {
    let svgs: Vec<&Arc<ContentFile>> = locales
        .iter()
        .filter(|l| !l.rebuilt)
        .flat_map(|l| &l.folder.assets)
        .filter(|a| is_svg(&a.rel))
        .collect();
    svgs.par_iter()
        .filter_map(|asset| {
            let bytes = std::fs::read(&asset.abs);
            let message = match &bytes {
                Err(e) => format!("this SVG cannot be read ({e}): not published"),
                Ok(bytes) => match crate::svg::sanitize(bytes) {
                    Ok(clean) if clean.removed.is_empty() => return None,
                    Ok(clean) => format!(
                        "this SVG is published without {}",
                        clean.removed.join(", ")
                    ),
                    Err(why) => format!("this SVG is not published: {why}"),
                },
            };
            let mut found = vec![
                Diagnostic::new(Rule::MediaUnsafe, asset.rel.clone(), message)
                    .line(1)
                    .help("export the drawing again as plain SVG, without scripts, links or embedded HTML"),
            ];
            let text = bytes.ok().and_then(|b| String::from_utf8(b).ok());
            reporter.finish(text.as_deref(), &mut found);
            found.pop()
        })
        .collect()
}
