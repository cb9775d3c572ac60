//! `helpc init [DIR]`: a new content project. A `helpc.toml`, an `en-US`
//! article with its TOC, its span-aligned French translation, a GitHub
//! Actions workflow and a `.gitignore` for the build output. The samples
//! are embedded text; `helpc check` passes them with no diagnostic.
//!
//! Nothing is ever overwritten: in a folder that is not empty only the
//! missing files are added (files are opened with `create_new`, so a file
//! that appears meanwhile is kept too), and the sample content only when
//! there is no `content/` folder yet (half a sample next to the user's
//! articles would be reported as orphans). A folder where nothing is
//! missing is refused.

use std::io::Write;
use std::path::{Path, PathBuf};

/// The content folder the samples go to; it is added whole or not at all.
const CONTENT: &str = "content";

/// Every file `init` writes: the path below DIR, and the text.
pub const FILES: &[(&str, &str)] = &[
    ("helpc.toml", include_str!("init/helpc.toml")),
    ("content/en-US/TOC.yml", include_str!("init/en-US-TOC.yml")),
    (
        "content/en-US/getting-started.md",
        include_str!("init/en-US-getting-started.md"),
    ),
    ("content/fr-FR/TOC.yml", include_str!("init/fr-FR-TOC.yml")),
    (
        "content/fr-FR/getting-started.md",
        include_str!("init/fr-FR-getting-started.md"),
    ),
    (
        ".github/workflows/helpc.yml",
        include_str!("init/workflow.yml"),
    ),
    (".gitignore", include_str!("init/gitignore")),
];

#[derive(Debug, thiserror::Error)]
pub enum InitError {
    #[error("`{0}` exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error(
        "`{0}` already holds a helpc project: every file `helpc init` writes is there (nothing was changed)"
    )]
    NothingToAdd(PathBuf),
    #[error("cannot write `{path}`: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// What `init` did, by path below DIR.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Created {
    pub written: Vec<&'static str>,
    /// Files left as they were because they (or `content/`) existed.
    pub kept: Vec<&'static str>,
}

/// Writes the missing files of a new project into `dir` (created if needed).
pub fn init(dir: &Path) -> Result<Created, InitError> {
    if dir.exists() && !dir.is_dir() {
        return Err(InitError::NotAFolder(dir.to_path_buf()));
    }
    // `symlink_metadata`: a dangling link named `content` is the user's too.
    let content_exists = std::fs::symlink_metadata(dir.join(CONTENT)).is_ok();
    let mut created = Created::default();
    for &(rel, text) in FILES {
        let path = dir.join(rel);
        if (content_exists && rel.starts_with("content/"))
            || std::fs::symlink_metadata(&path).is_ok()
        {
            created.kept.push(rel);
            continue;
        }
        if write_new(&path, text)? {
            created.written.push(rel);
        } else {
            created.kept.push(rel);
        }
    }
    if created.written.is_empty() {
        return Err(InitError::NothingToAdd(dir.to_path_buf()));
    }
    Ok(created)
}

/// Creates `path` with `text`; false if it exists already.
fn write_new(path: &Path, text: &str) -> Result<bool, InitError> {
    let failed = |source| InitError::Write {
        path: path.to_path_buf(),
        source,
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(failed)?;
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut file) => {
            file.write_all(text.as_bytes()).map_err(failed)?;
            Ok(true)
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(false),
        Err(e) => Err(failed(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("helpc-init-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        dir
    }

    #[test]
    fn writes_every_file_into_a_new_folder() {
        let dir = temp("new");
        let created = init(&dir).unwrap();
        assert_eq!(created.written.len(), FILES.len());
        assert!(created.kept.is_empty());
        for (rel, text) in FILES {
            assert_eq!(std::fs::read_to_string(dir.join(rel)).unwrap(), *text);
        }
        // A second run has nothing to add.
        assert!(matches!(init(&dir), Err(InitError::NothingToAdd(_))));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn never_overwrites_and_leaves_existing_content_alone() {
        let dir = temp("existing");
        std::fs::create_dir_all(dir.join("content/de-DE")).unwrap();
        std::fs::write(dir.join("helpc.toml"), "# mine\n").unwrap();
        let created = init(&dir).unwrap();
        assert_eq!(
            created.written,
            [".github/workflows/helpc.yml", ".gitignore"]
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("helpc.toml")).unwrap(),
            "# mine\n"
        );
        assert!(!dir.join("content/en-US").exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn refuses_a_file() {
        let dir = temp("file");
        std::fs::write(&dir, "x").unwrap();
        assert!(matches!(init(&dir), Err(InitError::NotAFolder(_))));
        let _ = std::fs::remove_file(&dir);
    }
}
