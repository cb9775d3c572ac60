//! Writing inside the content only. A path named by an input file (a PO
//! header, an XLIFF `original`) or made from a locale name is resolved
//! against the content root component by component: a symbolic link
//! (to a file or a folder) that leads outside the root is refused, so an
//! import or a handoff never writes, nor reads, anything outside it.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result, io};

/// `rel` (a `/`-separated path relative to `root`) as a path that stays
/// inside `root` once every symbolic link is followed.
pub fn inside(root: &Path, rel: &str) -> Result<PathBuf> {
    let plain = !rel.is_empty()
        && !rel.contains('\\')
        && !rel.contains('\0')
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        && rel
            .split('/')
            .all(|part| !part.is_empty() && part != "." && part != "..");
    if !plain {
        return Err(Error::Outside {
            path: rel.to_string(),
            why: "is not a plain path inside the content",
        });
    }
    let canonical_root = root
        .canonicalize()
        .map_err(io("read the content folder", root))?;
    let mut path = root.to_path_buf();
    let mut walked = String::new();
    for part in rel.split('/') {
        path.push(part);
        if !walked.is_empty() {
            walked.push('/');
        }
        walked.push_str(part);
        match fs::symlink_metadata(&path) {
            Err(_) => break, // Not there yet: made inside what was checked.
            Ok(meta) if meta.file_type().is_symlink() => {
                let leads = path.canonicalize().ok();
                if !leads.is_some_and(|to| to.starts_with(&canonical_root)) {
                    return Err(Error::ThroughLink {
                        link: walked,
                        path: rel.to_string(),
                    });
                }
            }
            Ok(_) => {}
        }
    }
    Ok(root.join(rel))
}

/// Replaces the file at `path` (checked by [`inside`]) with `contents`
/// atomically: written beside it under a fresh name, then renamed over
/// it. A symbolic link found at the temporary name is removed, never
/// followed.
pub fn write(path: &Path, contents: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io("create", parent))?;
    }
    let name = path.file_name().ok_or_else(|| Error::Outside {
        path: path.display().to_string(),
        why: "is not a file",
    })?;
    let aside = path.with_file_name(format!(".{}.helpc-import", name.to_string_lossy()));
    if fs::symlink_metadata(&aside).is_ok() {
        fs::remove_file(&aside).map_err(io("remove", &aside))?;
    }
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&aside)
        .map_err(io("write", &aside))?;
    file.write_all(contents)
        .and_then(|()| file.sync_all())
        .map_err(io("write", &aside))?;
    drop(file);
    fs::rename(&aside, path).map_err(|e| {
        let _ = fs::remove_file(&aside);
        io("replace", path)(e)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn links_out_of_the_root_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("content");
        let outside = dir.path().join("outside");
        fs::create_dir_all(root.join("fr-FR/real")).unwrap();
        fs::create_dir_all(&outside).unwrap();
        fs::write(outside.join("x.md"), "outside").unwrap();
        std::os::unix::fs::symlink(&outside, root.join("fr-FR/linked")).unwrap();
        std::os::unix::fs::symlink(outside.join("x.md"), root.join("fr-FR/file.md")).unwrap();
        std::os::unix::fs::symlink(root.join("fr-FR/real"), root.join("fr-FR/in")).unwrap();
        let error = inside(&root, "fr-FR/linked/x.md").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("`fr-FR/linked` is a symbolic link"),
            "{error}"
        );
        assert!(inside(&root, "fr-FR/file.md").is_err());
        assert!(inside(&root, "fr-FR/../x.md").is_err());
        assert!(inside(&root, "/etc/passwd").is_err());
        assert!(inside(&root, "fr-FR/in/new/a.md").is_ok());
        assert!(inside(&root, "fr-FR/new/a.md").is_ok());
        // A link planted at the temporary name is replaced, not followed.
        std::os::unix::fs::symlink(outside.join("x.md"), root.join("fr-FR/.a.md.helpc-import"))
            .unwrap();
        write(&root.join("fr-FR/a.md"), b"new").unwrap();
        assert_eq!(fs::read_to_string(outside.join("x.md")).unwrap(), "outside");
        assert_eq!(fs::read_to_string(root.join("fr-FR/a.md")).unwrap(), "new");
    }
}
