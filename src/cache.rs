//! The incremental build cache, kept beside the output
//! (`.<out>.helpc-cache/`, written by `emit`):
//!
//! - `state.json`: the key of everything every page depends on (helpc's
//!   binary, configuration and build options, templates and UI strings,
//!   the list of content files, the TOCs and fragments); each article
//!   family's key (its files' sizes and modification times); what the
//!   output and staging folders hold (path → content hash, and the output
//!   files' sizes and times); and the run's report.
//! - `families.json`: each family's results: diagnostics, counts, index
//!   and sitemap entries, and the pages it wrote with their hashes.
//!
//! A build whose keys all match, over an output folder nobody touched,
//! writes nothing and reports what the last one found. Otherwise only the
//! families whose key changed are read, checked and rendered again.
//! The state is removed before a build writes anything and saved after the
//! new site is in place, so a killed build leaves no cache that lies.

use std::collections::{BTreeMap, HashMap};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::diag::{Counts, Diagnostic};

pub const STATE: &str = "state.json";
pub const FAMILIES: &str = "families.json";
/// Bumped when the files' shape changes.
const FORMAT: u32 = 1;

/// A file's size and modification time (nanoseconds since the epoch).
pub type Stamp = (u64, i128);

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub format: u32,
    pub global: u64,
    /// Family (path relative to the locale folders) → its key.
    pub families: HashMap<String, u64>,
    /// What the output folder holds: path → (hash, size and time).
    pub target: HashMap<String, (u64, Stamp)>,
    /// What the staging folder holds: path → hash.
    pub staged: HashMap<String, u64>,
    pub by_locale: BTreeMap<String, Counts>,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub left_out: Vec<String>,
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    let meta = std::fs::metadata(path).ok()?;
    let modified = meta.modified().ok()?;
    let nanos = match modified.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    };
    Some((meta.len(), nanos))
}

pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash of every file under `paths` (files or folders): path, size, time.
pub fn fingerprint(paths: &[PathBuf]) -> u64 {
    let mut hasher = DefaultHasher::new();
    for root in paths {
        for entry in walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .flatten()
        {
            entry.path().hash(&mut hasher);
            stamp(entry.path()).hash(&mut hasher);
        }
    }
    hasher.finish()
}

/// Identifies the running binary: a rebuilt helpc invalidates the cache.
pub fn binary_key() -> u64 {
    let exe = std::env::current_exe().ok();
    hash_of(&(env!("CARGO_PKG_VERSION"), exe.as_deref().and_then(stamp)))
}

/// The state of the last build into `target`, if any and readable.
pub fn load_state(target: &Path) -> Option<State> {
    let state: State = load(target, STATE)?;
    (state.format == FORMAT).then_some(state)
}

pub fn load<T: DeserializeOwned>(target: &Path, name: &str) -> Option<T> {
    let path = crate::emit::cache_folder(target).ok()?.join(name);
    let bytes = std::fs::read(path).ok()?;
    serde_json::from_slice(&bytes).ok()
}

pub fn save<T: Serialize>(target: &Path, state: &State, families: &T) -> Result<(), String> {
    let families = serde_json::to_vec(families).map_err(|e| e.to_string())?;
    crate::emit::write_cache(target, FAMILIES, &families)?;
    let state = serde_json::to_vec(&State {
        format: FORMAT,
        ..state.clone()
    })
    .map_err(|e| e.to_string())?;
    crate::emit::write_cache(target, STATE, &state)
}

/// Whether every file the state lists in the output folder still has the
/// size and time the build left it with.
pub fn target_untouched(target: &Path, state: &State) -> bool {
    state
        .target
        .par_iter()
        .all(|(rel, (_, expected))| stamp(&target.join(rel)).as_ref() == Some(expected))
}

/// The output folder's files as this build left them: path → (hash, stamp).
pub fn target_manifest(
    target: &Path,
    manifest: &HashMap<String, u64>,
) -> HashMap<String, (u64, Stamp)> {
    manifest
        .par_iter()
        .filter_map(|(rel, hash)| Some((rel.clone(), (*hash, stamp(&target.join(rel))?))))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.md"), "one").unwrap();
        let watched = vec![dir.path().to_path_buf()];
        let before = fingerprint(&watched);
        assert_eq!(before, fingerprint(&watched));
        std::fs::write(dir.path().join("a.md"), "three").unwrap();
        assert_ne!(before, fingerprint(&watched));
    }

    #[test]
    fn state_round_trips_and_checks_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join("a.html"), "page").unwrap();
        let manifest: HashMap<String, u64> = [("a.html".to_string(), 7)].into_iter().collect();
        let state = State {
            global: 42,
            target: target_manifest(&target, &manifest),
            ..State::default()
        };
        save(&target, &state, &BTreeMap::<String, u8>::new()).unwrap();
        let loaded = load_state(&target).unwrap();
        assert_eq!(loaded.global, 42);
        assert!(target_untouched(&target, &loaded));
        std::fs::write(target.join("a.html"), "edited page").unwrap();
        assert!(!target_untouched(&target, &loaded));
    }
}
