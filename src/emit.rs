//! Stage 5: the only code that writes the site.
//!
//! Pages are written into a staging folder beside the output
//! (`.<name>.helpc-next`), which is then exchanged with the output in one
//! atomic step: a failed or killed build leaves the previous site exactly
//! as it was. The exchanged-out generation stays as the next build's
//! staging folder, so most files are overwritten in place rather than
//! created anew, which is much cheaper than creating (and later deleting)
//! every file on each build. Files a build did not write are pruned from
//! the staging folder before the exchange.
//!
//! With the build cache, pages of unchanged articles are not rendered
//! again: [`Output::adopt`] makes sure the staging folder holds the bytes
//! the output folder already has for them. The cache itself is written
//! here too, beside the output (`.<name>.helpc-cache/`).

use std::collections::HashMap;
use std::fs;
use std::hash::{Hash, Hasher};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    /// What this build put in the staging folder: path → content hash.
    written: Mutex<HashMap<String, u64>>,
    /// What the staging folder held before this build, where known.
    staged: HashMap<String, u64>,
    /// Files whose bytes this build actually wrote or copied.
    rewritten: AtomicUsize,
}

/// The hash the cache compares pages by.
pub fn content_hash(bytes: &[u8]) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    bytes.hash(&mut hasher);
    hasher.finish()
}

/// The cache folder of `target`: a hidden sibling.
pub fn cache_folder(target: &Path) -> Result<PathBuf, String> {
    sibling(target, "helpc-cache")
}

/// Replaces the cache file `name` in one step (written aside, then renamed).
pub fn write_cache(target: &Path, name: &str, bytes: &[u8]) -> Result<(), String> {
    let folder = cache_folder(target)?;
    fs::create_dir_all(&folder)
        .map_err(|e| format!("cannot create `{}`: {e}", folder.display()))?;
    let aside = folder.join(format!("{name}.tmp"));
    fs::write(&aside, bytes).map_err(|e| format!("cannot write `{}`: {e}", aside.display()))?;
    fs::rename(&aside, folder.join(name)).map_err(|e| format!("cannot write the cache: {e}"))
}

/// Forgets the cache (`--no-cache`, or a build that could not save it).
pub fn drop_cache(target: &Path) -> Result<(), String> {
    let folder = cache_folder(target)?;
    match fs::remove_dir_all(&folder) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => {
            Err(format!("cannot remove `{}`: {e}", folder.display()))
        }
        _ => Ok(()),
    }
}

fn sibling(target: &Path, suffix: &str) -> Result<PathBuf, String> {
    let name = target
        .file_name()
        .ok_or_else(|| format!("`{}` cannot be an output folder", target.display()))?;
    let parent = target.parent().unwrap_or(Path::new(""));
    Ok(parent.join(format!(".{}.{suffix}", name.to_string_lossy())))
}

/// The staging folder of `target`: a hidden sibling.
pub fn staging_folder(target: &Path) -> Result<PathBuf, String> {
    sibling(target, "helpc-next")
}

/// Refuses an output folder inside the content folder: the next run would
/// read the built site as content (and a `public` locale folder).
pub fn check_outside(target: &Path, content: &Path) -> Result<(), String> {
    let absolute = |p: &Path| {
        std::path::absolute(p)
            .map(|a| a.components().collect::<PathBuf>())
            .unwrap_or_else(|_| p.to_path_buf())
    };
    let resolved = |p: &Path| fs::canonicalize(p).unwrap_or_else(|_| absolute(p));
    let (target, content) = (resolved(target), resolved(content));
    if target.starts_with(&content) {
        return Err(format!(
            "the output folder `{}` is inside the content folder `{}`: choose another --out",
            target.display(),
            content.display()
        ));
    }
    Ok(())
}

impl Output {
    /// Without the cache: whatever it said of the staging folder stops being true.
    pub fn begin(target: &Path) -> Result<Output, String> {
        drop_cache(target)?;
        Output::begin_with(target, HashMap::new())
    }

    /// `staged`: what the staging folder holds, as the cache remembers it.
    pub fn begin_with(target: &Path, staged: HashMap<String, u64>) -> Result<Output, String> {
        if target.exists() && !target.is_dir() {
            return Err(format!(
                "output `{}` exists and is not a folder",
                target.display()
            ));
        }
        let staging = staging_folder(target)?;
        fs::create_dir_all(&staging)
            .map_err(|e| format!("cannot create `{}`: {e}", staging.display()))?;
        Ok(Output {
            target: target.to_path_buf(),
            staging,
            written: Mutex::new(HashMap::new()),
            staged,
            rewritten: AtomicUsize::new(0),
        })
    }

    /// Makes room for a file at `rel`: its parent folders exist, and nothing
    /// left from an older generation (a folder where the file goes, a file
    /// where a folder goes) stands in the way.
    fn place(&self, rel: &str) -> Result<PathBuf, String> {
        let path = self.staging.join(rel);
        if let Some(parent) = path.parent()
            && !parent.is_dir()
        {
            let mut ancestor = parent;
            while ancestor.starts_with(&self.staging) && ancestor != self.staging {
                if ancestor.is_file() {
                    let _ = fs::remove_file(ancestor);
                }
                ancestor = ancestor.parent().unwrap_or(&self.staging);
            }
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        if path.is_dir() {
            fs::remove_dir_all(&path)
                .map_err(|e| format!("cannot replace `{}`: {e}", path.display()))?;
        }
        Ok(path)
    }

    fn record(&self, rel: &str, hash: u64) {
        if let Ok(mut written) = self.written.lock() {
            written.insert(rel.to_string(), hash);
        }
    }

    /// Writes `contents` at `rel` (a `/`-separated path below the output root).
    /// A file that already holds exactly these bytes is left alone: reading
    /// it back costs far less than rewriting it.
    /// Returns the content hash.
    pub fn write(&self, rel: &str, contents: &[u8]) -> Result<u64, String> {
        let path = self.place(rel)?;
        let hash = content_hash(contents);
        self.record(rel, hash);
        let unchanged = match self.staged.get(rel) {
            Some(&staged) => staged == hash && path.is_file(),
            None => {
                fs::metadata(&path).is_ok_and(|m| m.len() == contents.len() as u64)
                    && fs::read(&path).is_ok_and(|existing| existing == contents)
            }
        };
        if unchanged {
            return Ok(hash);
        }
        self.rewritten.fetch_add(1, Ordering::Relaxed);
        fs::write(&path, contents)
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        Ok(hash)
    }

    pub fn copy(&self, rel: &str, from: &Path) -> Result<(), String> {
        let path = self.place(rel)?;
        self.record(rel, 0);
        let same = match (fs::metadata(from), fs::metadata(&path)) {
            (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() == b.modified().ok(),
            _ => false,
        };
        if same {
            return Ok(());
        }
        self.rewritten.fetch_add(1, Ordering::Relaxed);
        fs::copy(from, &path).map_err(|e| {
            format!(
                "cannot copy `{}` to `{}`: {e}",
                from.display(),
                path.display()
            )
        })?;
        // The copy's time is the original's, so the next build can tell it is unchanged.
        if let Ok(modified) = fs::metadata(from).and_then(|m| m.modified()) {
            let _ = fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(modified));
        }
        Ok(())
    }

    /// A page of an unchanged article: the staging folder must hold the
    /// bytes of hash `hash`, which the output folder has at `rel`.
    pub fn adopt(&self, rel: &str, hash: u64) -> Result<(), String> {
        let path = self.place(rel)?;
        self.record(rel, hash);
        if self.staged.get(rel) == Some(&hash) && path.is_file() {
            return Ok(());
        }
        self.rewritten.fetch_add(1, Ordering::Relaxed);
        let from = self.target.join(rel);
        fs::copy(&from, &path).map(|_| ()).map_err(|e| {
            format!(
                "cannot copy `{}` to `{}`: {e}",
                from.display(),
                path.display()
            )
        })
    }

    /// What this build staged: path → content hash.
    pub fn manifest(&self) -> HashMap<String, u64> {
        self.written.lock().map(|w| w.clone()).unwrap_or_default()
    }

    /// How many files this build wrote or copied (the rest were already right).
    pub fn rewritten(&self) -> usize {
        self.rewritten.load(Ordering::Relaxed)
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Removes what an older generation left that this build did not write.
    fn prune(&self) -> Result<(), String> {
        let written = self
            .written
            .lock()
            .map_err(|_| "a writer panicked".to_string())?;
        let mut folders = Vec::new();
        for entry in walkdir::WalkDir::new(&self.staging)
            .min_depth(1)
            .contents_first(true)
        {
            let entry =
                entry.map_err(|e| format!("cannot list `{}`: {e}", self.staging.display()))?;
            let Ok(rel) = entry.path().strip_prefix(&self.staging) else {
                continue;
            };
            let rel = rel.to_string_lossy().replace('\\', "/");
            if entry.file_type().is_dir() {
                folders.push(entry.into_path());
            } else if !written.contains_key(&rel) {
                fs::remove_file(entry.path())
                    .map_err(|e| format!("cannot remove `{}`: {e}", entry.path().display()))?;
            }
        }
        // Deepest first (contents_first), so emptied parents go too.
        for folder in folders {
            let _ = fs::remove_dir(folder);
        }
        Ok(())
    }

    /// Puts the staged site in place of the previous one, atomically.
    pub fn commit(self) -> Result<(), String> {
        self.prune()?;
        if self.target.exists() {
            exchange(&self.staging, &self.target).map_err(|e| {
                format!(
                    "cannot exchange `{}` with `{}`: {e}",
                    self.staging.display(),
                    self.target.display()
                )
            })
        } else {
            fs::rename(&self.staging, &self.target).map_err(|e| {
                format!(
                    "cannot move the new site into `{}`: {e}",
                    self.target.display()
                )
            })
        }
    }
}

/// Replaces a content file (`helpc import`): written beside it, then
/// renamed over it, so a failure never leaves half an article.
pub fn rewrite_content(path: &Path, contents: &[u8]) -> Result<(), String> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
    }
    let name = path
        .file_name()
        .ok_or_else(|| format!("`{}` is not a file", path.display()))?;
    let aside = path.with_file_name(format!(".{}.helpc-import", name.to_string_lossy()));
    fs::write(&aside, contents).map_err(|e| format!("cannot write `{}`: {e}", aside.display()))?;
    fs::rename(&aside, path).map_err(|e| format!("cannot replace `{}`: {e}", path.display()))
}

/// Removes the output folder and its staging folder; returns how many of
/// the two existed.
pub fn clean(target: &Path) -> Result<usize, String> {
    let mut removed = 0;
    for folder in [
        target.to_path_buf(),
        staging_folder(target)?,
        cache_folder(target)?,
    ] {
        if folder.is_dir() {
            fs::remove_dir_all(&folder)
                .map_err(|e| format!("cannot remove `{}`: {e}", folder.display()))?;
            removed += 1;
        } else if folder.exists() {
            return Err(format!("`{}` is not a folder", folder.display()));
        }
    }
    Ok(removed)
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both arguments are valid NUL-terminated paths that outlive the call.
    let status = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if status == 0 {
        Ok(())
    } else {
        let error = io::Error::last_os_error();
        // Filesystems without RENAME_EXCHANGE: fall back to two renames.
        match error.raw_os_error() {
            Some(libc::EINVAL | libc::ENOSYS) => exchange_by_renames(
                Path::new(std::ffi::OsStr::from_bytes(a.as_bytes())),
                Path::new(std::ffi::OsStr::from_bytes(b.as_bytes())),
            ),
            _ => Err(error),
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    exchange_by_renames(a, b)
}

/// Not atomic: a kill between the renames leaves the previous site under a
/// temporary name beside the output.
fn exchange_by_renames(a: &Path, b: &Path) -> io::Result<()> {
    let aside = b.with_extension("helpc-swap");
    fs::rename(b, &aside)?;
    if let Err(e) = fs::rename(a, b) {
        let _ = fs::rename(&aside, b);
        return Err(e);
    }
    fs::rename(&aside, a)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut files: Vec<String> = walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| {
                e.path()
                    .strip_prefix(dir)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn stages_then_swaps_and_prunes() {
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
        assert_eq!(listing(&target), ["fr-fr", "fr-fr/a", "fr-fr/a/b.html"]);

        // The next build reuses the previous generation and prunes it.
        let output = Output::begin(&target).unwrap();
        output.write("fr-fr/c.html", b"c").unwrap();
        output
            .write("fr-fr/a", b"a file where a folder was")
            .unwrap();
        output.commit().unwrap();
        assert_eq!(listing(&target), ["fr-fr", "fr-fr/a", "fr-fr/c.html"]);
        assert_eq!(
            fs::read_to_string(target.join("fr-fr/a")).unwrap(),
            "a file where a folder was"
        );
        let beside: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(
            beside.len(),
            2,
            "the output and its staging folder: {beside:?}"
        );
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
            output.write("new.html", b"half").unwrap();
        }
        assert_eq!(listing(&target), ["index.html"]);
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "previous"
        );
    }

    #[test]
    fn clean_removes_the_site_and_its_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        for _ in 0..2 {
            let output = Output::begin(&target).unwrap();
            output.write("index.html", b"x").unwrap();
            output.commit().unwrap();
        }
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        assert_eq!(clean(&target).unwrap(), 2);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(clean(&target).unwrap(), 0);
    }

    #[test]
    fn an_output_that_is_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::write(&target, "x").unwrap();
        assert!(Output::begin(&target).is_err());
    }
}
