//! Stage 1: find the locales and files of a content tree.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use unic_langid::LanguageIdentifier;
use walkdir::WalkDir;

use crate::diag::Diagnostic;
use crate::error::{Error, Result, io};
use crate::locale::{parse_tag, same_locale};
use crate::rules::Rule;

/// Extensions of files copied to the output as they are.
const ASSET_EXTENSIONS: &[&str] = &[
    "png", "jpg", "jpeg", "gif", "svg", "webp", "avif", "ico", "pdf", "mp4", "webm", "mp3",
];

/// Every file of a content tree, relative to CONTENT: what links are
/// checked against, millions of times a build: foldhash, several times as
/// fast as SipHash and, like it, seeded per run (file names are input).
pub type FileSet = foldhash::HashSet<String>;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentFile {
    pub abs: PathBuf,
    /// Relative to CONTENT, `/`-separated: `fr-FR/AlchemyInsights/a.md`.
    pub rel: String,
    /// Relative to the locale folder: `AlchemyInsights/a.md`.
    pub local: String,
    /// Under an `includes/` folder: a fragment, not a page.
    pub fragment: bool,
}

#[derive(Clone, Debug)]
pub struct LocaleFolder {
    /// The folder's name as written on disk.
    pub name: String,
    /// The parsed tag; `None` when the name is not BCP 47.
    pub tag: Option<LanguageIdentifier>,
    /// Markdown files, sorted by path.
    pub markdown: Vec<Arc<ContentFile>>,
    /// Images and media, sorted by path.
    pub assets: Vec<Arc<ContentFile>>,
    /// Every other file (relative to CONTENT): link targets too.
    pub others: Vec<String>,
}

impl LocaleFolder {
    /// Whether the folder is named by `tag` (or a tag that means the same).
    pub fn is(&self, tag: &LanguageIdentifier) -> bool {
        self.tag.as_ref().is_some_and(|t| same_locale(t, tag))
    }

    /// The folder's name in output paths and URLs.
    pub fn url_name(&self) -> String {
        self.name.to_ascii_lowercase()
    }
}

impl Content {
    /// The folder of locale `tag`, if the content has one.
    pub fn folder_of(&self, tag: &LanguageIdentifier) -> Option<&LocaleFolder> {
        self.locales.iter().find(|l| l.is(tag))
    }

    /// Every file of the content tree, relative to CONTENT.
    pub fn file_set(&self) -> FileSet {
        self.locales
            .iter()
            .flat_map(|l| {
                l.markdown
                    .iter()
                    .chain(&l.assets)
                    .map(|f| f.rel.clone())
                    .chain(l.others.iter().cloned())
            })
            .collect()
    }
}

#[derive(Clone, Debug)]
pub struct Content {
    pub root: PathBuf,
    pub locales: Vec<LocaleFolder>,
    /// Problems found while walking: unreadable entries, bad folder names.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `root`. Fails only when `root` itself cannot be listed, or when a
/// locale asked for in `only` has no folder.
pub fn discover(root: &Path, only: &[LanguageIdentifier]) -> Result<Content> {
    // What is read from here on is opened from the folders as they are now.
    crate::read::new_run();
    let entries = std::fs::read_dir(root).map_err(io("read the content folder", root))?;
    let mut folders = Vec::new();
    for entry in entries {
        let entry = entry.map_err(io("read the content folder", root))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') || !entry.path().is_dir() {
            continue;
        }
        folders.push(name);
    }
    folders.sort();

    let folders: Vec<(String, Option<LanguageIdentifier>)> = folders
        .into_iter()
        .map(|name| {
            let tag = parse_tag(&name);
            (name, tag)
        })
        .filter(|(_, tag)| {
            only.is_empty()
                || tag
                    .as_ref()
                    .is_some_and(|t| only.iter().any(|o| same_locale(o, t)))
        })
        .collect();
    // The locale folders are walked in parallel (the walk is a tenth of a
    // check); their files and reports are then taken in folder order.
    let walks: Vec<_> = {
        use rayon::prelude::*;
        folders
            .par_iter()
            .map(|(name, _)| {
                let mut found = Vec::new();
                let files = walk_locale(root, name, &mut found);
                (files, found)
            })
            .collect()
    };
    let mut diagnostics = Vec::new();
    let mut locales = Vec::new();
    for ((name, tag), ((markdown, assets, others), found)) in folders.into_iter().zip(walks) {
        if tag.is_none() {
            diagnostics.push(
                Diagnostic::new(
                    Rule::LocaleInvalid,
                    format!("{name}/"),
                    format!("locale folder `{name}` is not named by a BCP 47 language tag"),
                )
                .help(suggest_tag(&name)),
            );
        }
        diagnostics.extend(found);
        locales.push(LocaleFolder {
            name,
            tag,
            markdown,
            assets,
            others,
        });
    }
    for wanted in only {
        if !locales
            .iter()
            .any(|l| l.tag.as_ref().is_some_and(|t| same_locale(t, wanted)))
        {
            let all = discover(root, &[]).map(|c| c.locales).unwrap_or_default();
            let close: Vec<&str> = all
                .iter()
                .filter(|l| {
                    l.tag
                        .as_ref()
                        .is_some_and(|t| t.language == wanted.language)
                })
                .map(|l| l.name.as_str())
                .collect();
            let hint = if close.is_empty() {
                String::new()
            } else {
                format!("; did you mean `{}`?", close.join("`, `"))
            };
            return Err(Error::Content(format!(
                "no locale folder for `{wanted}` in `{}`{hint}",
                root.display()
            )));
        }
    }
    // A folder one rename away from a tag (`fr_FR`) is reported as such.
    let near_tag = |name: &str| parse_tag(&name.replace('_', "-")).is_some();
    if only.is_empty() && !locales.iter().any(|l| l.tag.is_some() || near_tag(&l.name)) {
        return Err(Error::Content(no_locale_hint(root)));
    }
    Ok(Content {
        root: root.to_path_buf(),
        locales,
        diagnostics,
    })
}

/// Why `root` has no locale, and what to give instead.
fn no_locale_hint(root: &Path) -> String {
    let name = root
        .canonicalize()
        .ok()
        .and_then(|r| r.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_default();
    let parent = root.parent().filter(|p| !p.as_os_str().is_empty());
    if parse_tag(&name).is_some() {
        format!(
            "`{}` is a locale folder, not a content folder: give the folder that holds it{} (and `--locale {name}` to check only this locale)",
            root.display(),
            parent.map_or_else(String::new, |p| format!(" (`{}`)", p.display()))
        )
    } else {
        format!(
            "`{}` holds no locale folder: a content folder has one sub-folder per locale, named by its BCP 47 tag (`en-US/`, `fr-FR/`)",
            root.display()
        )
    }
}

fn suggest_tag(name: &str) -> String {
    let fixed = name.replace('_', "-");
    if fixed != name && parse_tag(&fixed).is_some() {
        format!("rename the folder to `{fixed}`")
    } else {
        "name locale folders by BCP 47 tags such as `fr-FR`; move other folders out of the content tree".to_string()
    }
}

fn walk_locale(
    root: &Path,
    name: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Arc<ContentFile>>, Vec<Arc<ContentFile>>, Vec<String>) {
    // Each with its key in walk order (see `walk_key`).
    let mut markdown: Vec<(Vec<u8>, ContentFile)> = Vec::new();
    let mut assets: Vec<(Vec<u8>, ContentFile)> = Vec::new();
    let mut others: Vec<(Vec<u8>, String)> = Vec::new();
    // Not sorted as walked (walkdir's comparison parses both paths every
    // time: a fifth of a no-op rebuild): the lists are sorted below.
    let folder = root.join(name);
    // Every path of the walk starts with the folder's: the keys and the
    // relative paths are cut from the bytes (parsing every path into its
    // components was a sixth of discovery).
    let folder_bytes = folder.as_os_str().as_encoded_bytes().len();
    let root_bytes = root.as_os_str().as_encoded_bytes();
    let mut walker = WalkDir::new(&folder)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0 || e.file_name().as_encoded_bytes().first() != Some(&b'.')
        });
    // Symbolic links are followed inside the content folder only.
    let real_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    while let Some(entry) = walker.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .and_then(|p| p.strip_prefix(root).ok())
                    .map_or_else(|| format!("{name}/"), slash_path);
                let why = if error.loop_ancestor().is_some() {
                    "a symbolic link loops back to a folder above it".to_string()
                } else {
                    error
                        .io_error()
                        .map_or_else(|| error.to_string(), |e| e.to_string())
                };
                diagnostics.push(Diagnostic::new(
                    Rule::FileUnreadable,
                    path,
                    format!("cannot read this entry: {why}"),
                ));
                continue;
            }
        };
        if entry.path_is_symlink() {
            let target = entry.path().canonicalize();
            if !target.as_ref().is_ok_and(|t| t.starts_with(&real_root)) {
                let rel = entry
                    .path()
                    .strip_prefix(root)
                    .map_or_else(|_| format!("{name}/"), slash_path);
                diagnostics.push(
                    Diagnostic::new(
                        Rule::IncludeOutsideRoot,
                        rel,
                        "this symbolic link leads outside the content folder: not read".to_string(),
                    )
                    .help("copy the file into the content folder, or remove the link"),
                );
                if entry.file_type().is_dir() {
                    walker.skip_current_dir();
                }
                continue;
            }
        }
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = match relative_bytes(entry.path(), root_bytes) {
            Some(rel) => slash_path(rel),
            None => match entry.path().strip_prefix(root) {
                Ok(rel) => slash_path(rel),
                Err(_) => continue,
            },
        };
        let Some(local) = rel.get(name.len() + 1..).map(str::to_string) else {
            continue;
        };
        let file_name = local.rsplit('/').next().unwrap_or_default();
        // As `Path::extension` has it: after the last dot, not a leading one.
        let extension = match file_name.rsplit_once('.') {
            Some((stem, extension)) if !stem.is_empty() => extension,
            _ => "",
        };
        let markdown_file = extension.eq_ignore_ascii_case("md");
        let asset = ASSET_EXTENSIONS
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known));
        let abs = entry.into_path();
        let bytes = abs.as_os_str().as_encoded_bytes();
        let key = walk_key(bytes.get(folder_bytes..).unwrap_or(bytes));
        let file = ContentFile {
            abs,
            fragment: local
                .split('/')
                .rev()
                .skip(1)
                .any(|part| part == "includes"),
            rel,
            local,
        };
        if markdown_file {
            markdown.push((key, file));
        } else if asset {
            assets.push((key, file));
        } else {
            others.push((key, file.rel));
        }
    }
    markdown.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    assets.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    others.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    diagnostics.sort_by(|a, b| a.path.cmp(&b.path));
    // Shared: the plan's members are these files, not copies of them.
    let files =
        |list: Vec<(Vec<u8>, ContentFile)>| list.into_iter().map(|(_, f)| Arc::new(f)).collect();
    (
        files(markdown),
        files(assets),
        others.into_iter().map(|(_, rel)| rel).collect(),
    )
}

/// What sorts paths in the order of a walk that sorts each folder by
/// name: folder by folder, name by name (`a/b.md` before `a-c.md`), which
/// is the order of the paths' bytes as the system gives them (names that
/// are not UTF-8 included: no two paths share a key) with the separator
/// taken as smaller than any other byte (no name holds a NUL). `path`:
/// the bytes below the walk's folder, which all its paths share.
fn walk_key(path: &[u8]) -> Vec<u8> {
    let separator = std::path::MAIN_SEPARATOR as u8;
    path.iter()
        .map(|&b| if b == separator { 0 } else { b })
        .collect()
}

/// `path` below `root`, cut from its bytes when it starts with them and a
/// separator (as a walk of a folder below `root` joins them); `None`
/// otherwise (then the path's components are compared).
#[cfg(unix)]
fn relative_bytes<'a>(path: &'a Path, root: &[u8]) -> Option<&'a Path> {
    use std::os::unix::ffi::OsStrExt;
    if root.is_empty() || root.last() == Some(&b'/') {
        return None;
    }
    let rest = path.as_os_str().as_bytes().strip_prefix(root)?;
    let rest = rest.strip_prefix(b"/")?;
    Some(Path::new(std::ffi::OsStr::from_bytes(rest)))
}

#[cfg(not(unix))]
fn relative_bytes<'a>(_path: &'a Path, _root: &[u8]) -> Option<&'a Path> {
    None
}

fn slash_path(path: &Path) -> String {
    // Most often the path is already that text: a relative path as a walk
    // joins it, `/`-separated, with no empty or `.` part (14,600 files).
    if std::path::MAIN_SEPARATOR == '/'
        && let Some(text) = path.to_str()
        && !text.starts_with('/')
        && text.split('/').all(|part| !part.is_empty() && part != ".")
    {
        return text.to_string();
    }
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fs;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "x").unwrap();
        }
        dir
    }

    #[cfg(unix)]
    #[test]
    fn relative_paths_are_cut_at_the_roots_separator_only() {
        let path = Path::new("corpus/fr-FR/a.md");
        assert_eq!(
            relative_bytes(path, b"corpus"),
            Some(Path::new("fr-FR/a.md"))
        );
        // Not at a separator, a root that ends with one, no root: the
        // components are compared instead.
        assert_eq!(relative_bytes(path, b"corp"), None);
        assert_eq!(relative_bytes(path, b"corpus/"), None);
        assert_eq!(relative_bytes(path, b""), None);
        assert_eq!(relative_bytes(Path::new("other/a.md"), b"corpus"), None);
    }

    #[test]
    fn slash_paths_are_the_components_joined() {
        for path in [
            "a/b.md",
            "a//b.md",
            "./a/./b.md",
            "a/../b.md",
            "a/b/",
            "/a/b",
            "a",
        ] {
            let joined = Path::new(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            assert_eq!(slash_path(Path::new(path)), joined, "{path}");
        }
    }

    #[test]
    fn files_come_in_the_order_of_a_walk_sorted_by_name() {
        let files = [
            "fr-FR/a-c.md",
            "fr-FR/a/b.md",
            "fr-FR/a.md",
            "fr-FR/ab/x.md",
            "fr-FR/A.md",
            "fr-FR/a/z/y.md",
            "fr-FR/a/includes/f.md",
            "fr-FR/é.md",
            "fr-FR/a/b.png",
            "fr-FR/a-b.png",
        ];
        let dir = tree(&files);
        let content = discover(dir.path(), &[]).unwrap();
        let walked = |ext: &str| -> Vec<String> {
            WalkDir::new(dir.path().join("fr-FR"))
                .sort_by_file_name()
                .into_iter()
                .flatten()
                .filter(|e| e.file_type().is_file())
                .map(|e| slash_path(e.path().strip_prefix(dir.path()).unwrap()))
                .filter(|rel| rel.ends_with(ext))
                .collect()
        };
        let folder = &content.locales[0];
        let rels =
            |files: &[Arc<ContentFile>]| files.iter().map(|f| f.rel.clone()).collect::<Vec<_>>();
        assert_eq!(rels(&folder.markdown), walked(".md"));
        assert_eq!(rels(&folder.assets), walked(".png"));
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_their_byte_order() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tree(&["fr-FR/a.md"]);
        let folder = dir.path().join("fr-FR");
        for name in [&b"\xff.md"[..], b"\xfe.md", b"\xc3\xa9.md", b"z.md"] {
            fs::write(folder.join(std::ffi::OsStr::from_bytes(name)), "x").unwrap();
        }
        let content = discover(dir.path(), &[]).unwrap();
        let abs: Vec<Vec<u8>> = content.locales[0]
            .markdown
            .iter()
            .map(|f| f.abs.file_name().unwrap().as_bytes().to_vec())
            .collect();
        let expected: Vec<&[u8]> = vec![b"a.md", b"z.md", b"\xc3\xa9.md", b"\xfe.md", b"\xff.md"];
        assert_eq!(abs, expected);
    }

    #[test]
    fn finds_locales_articles_fragments_and_assets() {
        let dir = tree(&[
            "README.md",
            "fr-FR/b.md",
            "fr-FR/a/c.md",
            "fr-FR/includes/inc.md",
            "fr-FR/media/x.png",
            "fr-FR/TOC.yml",
            "fr-FR/.hidden/z.md",
            "ja-JP/b.md",
        ]);
        let content = discover(dir.path(), &[]).unwrap();
        let names: Vec<_> = content.locales.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(names, ["fr-FR", "ja-JP"]);
        let fr = &content.locales[0];
        let rels: Vec<_> = fr
            .markdown
            .iter()
            .map(|f| (f.rel.as_str(), f.fragment))
            .collect();
        assert_eq!(
            rels,
            [
                ("fr-FR/a/c.md", false),
                ("fr-FR/b.md", false),
                ("fr-FR/includes/inc.md", true)
            ]
        );
        assert_eq!(fr.assets[0].local, "media/x.png");
        assert_eq!(fr.url_name(), "fr-fr");
        assert!(content.diagnostics.is_empty());
    }

    #[test]
    fn invalid_folder_names_are_reported_once() {
        let dir = tree(&["fr_FR/a.md", "fr_FR/b.md"]);
        let content = discover(dir.path(), &[]).unwrap();
        assert_eq!(content.diagnostics.len(), 1);
        let d = &content.diagnostics[0];
        assert_eq!((d.rule, d.path.as_str()), (Rule::LocaleInvalid, "fr_FR/"));
        assert_eq!(d.help.as_deref(), Some("rename the folder to `fr-FR`"));
        assert_eq!(content.locales[0].markdown.len(), 2);
    }

    #[test]
    fn locale_filter() {
        let dir = tree(&["fr-FR/a.md", "ja-JP/a.md"]);
        let only = [parse_tag("ja-jp").unwrap()];
        let content = discover(dir.path(), &only).unwrap();
        assert_eq!(content.locales.len(), 1);
        assert_eq!(content.locales[0].name, "ja-JP");
        assert!(discover(dir.path(), &[parse_tag("de-DE").unwrap()]).is_err());
        assert!(discover(&dir.path().join("missing"), &[]).is_err());
    }

    #[cfg(unix)]
    #[cfg(unix)]
    #[test]
    fn symlinks_out_of_the_content_are_not_followed() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.md"), "---\ntitle: s\n---\n").unwrap();
        std::fs::create_dir(outside.path().join("folder")).unwrap();
        std::fs::write(outside.path().join("folder/b.md"), "x").unwrap();
        let dir = tree(&["fr-FR/a.md"]);
        let locale = dir.path().join("fr-FR");
        std::os::unix::fs::symlink(outside.path().join("secret.md"), locale.join("s.md")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("folder"), locale.join("f")).unwrap();
        std::os::unix::fs::symlink(locale.join("a.md"), locale.join("inside.md")).unwrap();
        let content = discover(dir.path(), &[]).unwrap();
        let files: Vec<&str> = content.locales[0]
            .markdown
            .iter()
            .map(|f| f.local.as_str())
            .collect();
        assert_eq!(files, ["a.md", "inside.md"]);
        let mut found: Vec<(&str, Rule)> = content
            .diagnostics
            .iter()
            .map(|d| (d.path.as_str(), d.rule))
            .collect();
        found.sort();
        assert_eq!(
            found,
            [
                ("fr-FR/f", Rule::IncludeOutsideRoot),
                ("fr-FR/s.md", Rule::IncludeOutsideRoot)
            ]
        );
    }

    #[test]
    fn a_symlink_loop_is_a_diagnostic() {
        let dir = tree(&["fr-FR/a.md"]);
        std::os::unix::fs::symlink(dir.path().join("fr-FR"), dir.path().join("fr-FR/loop"))
            .unwrap();
        let content = discover(dir.path(), &[]).unwrap();
        assert!(
            content
                .diagnostics
                .iter()
                .any(|d| d.rule == Rule::FileUnreadable)
        );
        assert_eq!(content.locales[0].markdown.len(), 1);
    }
}
