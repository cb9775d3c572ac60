//! Stage 5: the only code that writes the site. Everything goes to a
//! staging folder beside the output; `commit` swaps it in, so a failed or
//! killed build leaves the previous site as it was.

use std::fs;
use std::path::{Path, PathBuf};

pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    committed: bool,
}

fn sibling(target: &Path, suffix: &str) -> Result<PathBuf, String> {
    let name = target
        .file_name()
        .ok_or_else(|| format!("`{}` cannot be an output folder", target.display()))?;
    let parent = target.parent().unwrap_or(Path::new(""));
    Ok(parent.join(format!(".{}.{suffix}", name.to_string_lossy())))
}

impl Output {
    pub fn begin(target: &Path) -> Result<Output, String> {
        let staging = sibling(target, "helpc-staging")?;
        if staging.exists() {
            fs::remove_dir_all(&staging)
                .map_err(|e| format!("cannot clear `{}`: {e}", staging.display()))?;
        }
        fs::create_dir_all(&staging)
            .map_err(|e| format!("cannot create `{}`: {e}", staging.display()))?;
        Ok(Output {
            target: target.to_path_buf(),
            staging,
            committed: false,
        })
    }

    fn place(&self, rel: &str) -> Result<PathBuf, String> {
        let path = self.staging.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        Ok(path)
    }

    /// Writes `contents` at `rel` (a `/`-separated path below the output root).
    pub fn write(&self, rel: &str, contents: &[u8]) -> Result<(), String> {
        let path = self.place(rel)?;
        fs::write(&path, contents).map_err(|e| format!("cannot write `{}`: {e}", path.display()))
    }

    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), String> {
        let path = self.place(rel)?;
        fs::copy(from, &path).map(|_| ()).map_err(|e| {
            format!(
                "cannot copy `{}` to `{}`: {e}",
                from.display(),
                path.display()
            )
        })
    }

    /// Puts the staged site in place of the previous one.
    pub fn commit(mut self) -> Result<(), String> {
        let old = sibling(&self.target, "helpc-old")?;
        if old.exists() {
            fs::remove_dir_all(&old)
                .map_err(|e| format!("cannot clear `{}`: {e}", old.display()))?;
        }
        let had_previous = self.target.exists();
        if had_previous {
            fs::rename(&self.target, &old)
                .map_err(|e| format!("cannot move `{}` aside: {e}", self.target.display()))?;
        }
        if let Err(e) = fs::rename(&self.staging, &self.target) {
            if had_previous {
                let _ = fs::rename(&old, &self.target);
            }
            return Err(format!(
                "cannot move the new site into `{}`: {e}",
                self.target.display()
            ));
        }
        self.committed = true;
        if had_previous {
            fs::remove_dir_all(&old)
                .map_err(|e| format!("cannot remove `{}`: {e}", old.display()))?;
        }
        Ok(())
    }
}

impl Drop for Output {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_then_swaps() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();

        let output = Output::begin(&target).unwrap();
        output.write("fr-fr/a/b.html", b"new").unwrap();
        // Nothing is visible before the commit.
        assert!(target.join("old.html").exists());
        assert!(!target.join("fr-fr").exists());
        output.commit().unwrap();
        assert_eq!(
            fs::read_to_string(target.join("fr-fr/a/b.html")).unwrap(),
            "new"
        );
        assert!(!target.join("old.html").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers, ["public"]);
    }

    #[test]
    fn an_abandoned_build_leaves_the_previous_site() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join("index.html"), "previous").unwrap();
        {
            let output = Output::begin(&target).unwrap();
            output.write("index.html", b"half").unwrap();
        }
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "previous"
        );
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
