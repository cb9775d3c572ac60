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

// Paths of the site as keys: foldhash, not SipHash (see `cache`).
use foldhash::HashMap;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use crate::error::{Error, Result, io as io_error};

pub struct Output {
    target: PathBuf,
    staging: PathBuf,
    /// What this build put in the staging folder: path → content hash,
    /// and the file's stamp where this build saw it.
    written: Mutex<HashMap<String, (u64, Option<Stamp>)>>,
    /// What the staging folder held before this build, where known: path
    /// → content hash and the stamp the file had then.
    staged: Staged,
    /// Files whose bytes this build actually wrote or copied.
    rewritten: AtomicUsize,
    /// Staging sub-folders known to resolve inside the staging folder.
    checked: Mutex<std::collections::HashSet<PathBuf>>,
    /// The marker is beside the output (`Claim::marker_beside`).
    marked_beside: bool,
    /// A cache will be saved: the stamps of the files written are taken.
    takes_stamps: bool,
    /// The staging folder's folders, deepest first, when it is known to
    /// hold exactly the files of `staged` (see [`Output::know_staged`]):
    /// then it is not walked before the exchange.
    known_folders: Option<Vec<PathBuf>>,
}

/// What the staging folder holds, as the cache remembers it: the files
/// the output held after the last build (`base`), but for `changed`
/// (another hash or stamp, or a file the output did not hold) and
/// `absent` (files of `base` the staging folder lacks).
#[derive(Default)]
pub struct Staged {
    base: std::sync::Arc<HashMap<String, (u64, Stamp)>>,
    changed: HashMap<String, (u64, Stamp)>,
    absent: foldhash::HashSet<String>,
}

impl Staged {
    pub fn new(
        base: std::sync::Arc<HashMap<String, (u64, Stamp)>>,
        changed: HashMap<String, (u64, Stamp)>,
        absent: Vec<String>,
    ) -> Staged {
        Staged {
            base,
            changed,
            absent: absent.into_iter().collect(),
        }
    }

    pub(crate) fn get(&self, rel: &str) -> Option<&(u64, Stamp)> {
        if let Some(file) = self.changed.get(rel) {
            return Some(file);
        }
        if self.absent.contains(rel) {
            return None;
        }
        self.base.get(rel)
    }

    pub(crate) fn keys(&self) -> impl Iterator<Item = &String> {
        self.changed.keys().chain(
            self.base
                .keys()
                .filter(|rel| !self.changed.contains_key(*rel) && !self.absent.contains(*rel)),
        )
    }

    fn is_empty(&self) -> bool {
        self.keys().next().is_none()
    }

    /// About how many files it lists (room to reserve).
    fn len(&self) -> usize {
        self.base.len() + self.changed.len()
    }

    /// The folders of `staging`, deepest first, if they hold the names
    /// listed and no others. `folders`: its folders below its top and
    /// their stamps, as the cache saw them when these were its files. A
    /// folder whose stamp is unchanged holds the same names (creating,
    /// removing or renaming a file changes its folder's times), so when
    /// every folder's is, and the top holds the names expected, the
    /// staging folder holds exactly these files and is not walked.
    pub fn unchanged_folders(
        &self,
        staging: &Path,
        folders: &[(String, Stamp)],
    ) -> Option<Vec<PathBuf>> {
        if self.is_empty() {
            return None;
        }
        let known: std::collections::HashSet<&str> =
            folders.iter().map(|(rel, _)| rel.as_str()).collect();
        // Every file's folder is one of them, and every folder's parent;
        // every path (read from the cache) stays inside: the listing's
        // files are pruned. The names expected at the top, on the way.
        let mut expected: std::collections::HashSet<&str> = Default::default();
        for rel in self.keys().map(String::as_str).chain(known.iter().copied()) {
            let covered = is_relative_inside(rel)
                && rel
                    .rsplit_once('/')
                    .is_none_or(|(folder, _)| known.contains(folder));
            if !covered {
                return None;
            }
            expected.insert(rel.split_once('/').map_or(rel, |(top, _)| top));
        }
        let mut paths = Vec::with_capacity(folders.len());
        for (rel, stamp) in folders {
            let path = staging.join(rel);
            let meta = fs::symlink_metadata(&path).ok()?;
            if !meta.is_dir() || stamp_of(&meta) != Some(*stamp) {
                return None;
            }
            paths.push(path);
        }
        // The top folder's own times change when it is exchanged: its names
        // are read instead (a handful).
        let mut found = 0;
        for entry in fs::read_dir(staging).ok()? {
            let name = entry.ok()?.file_name();
            if !expected.contains(name.to_str()?) {
                return None;
            }
            found += 1;
        }
        if found != expected.len() {
            return None;
        }
        // Deepest first, as a walk lists them, so emptied parents go too.
        paths.sort_by_key(|path| std::cmp::Reverse(path.components().count()));
        Some(paths)
    }
}

impl From<HashMap<String, (u64, Stamp)>> for Staged {
    fn from(changed: HashMap<String, (u64, Stamp)>) -> Staged {
        Staged {
            changed,
            ..Staged::default()
        }
    }
}

/// What the staging folder held when listed ([`Output::list_staging`]).
#[derive(Default)]
pub struct Listing {
    /// Files not yet written by the build: path below the staging folder
    /// (`None`: not UTF-8, never one helpc writes) and full path.
    files: Vec<(Option<String>, PathBuf)>,
    /// Every folder, deepest first.
    folders: Vec<PathBuf>,
}

/// What tells the cache a file nobody touched: its size, its modification
/// time, and (on Unix) its change time and inode, which no one can set: a
/// file written over with its size and time put back, or replaced by
/// another, does not pass for the one the cache saw. Times in nanoseconds
/// since the epoch.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
// Kept as a tuple: the cache holds one per page, and field names made
// them most of the bytes of the output's manifest.
#[serde(from = "(u64, i128, i128, u64)", into = "(u64, i128, i128, u64)")]
pub struct Stamp {
    pub len: u64,
    pub modified: i128,
    pub changed: i128,
    pub inode: u64,
}

impl From<(u64, i128, i128, u64)> for Stamp {
    fn from((len, modified, changed, inode): (u64, i128, i128, u64)) -> Stamp {
        Stamp {
            len,
            modified,
            changed,
            inode,
        }
    }
}

impl From<Stamp> for (u64, i128, i128, u64) {
    fn from(stamp: Stamp) -> Self {
        (stamp.len, stamp.modified, stamp.changed, stamp.inode)
    }
}

/// The stamp of a file from what a `stat` of it said.
pub fn stamp_of(meta: &fs::Metadata) -> Option<Stamp> {
    let modified = meta.modified().ok()?;
    let modified = match modified.duration_since(std::time::UNIX_EPOCH) {
        Ok(after) => after.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    };
    #[cfg(unix)]
    let (changed, inode) = {
        use std::os::unix::fs::MetadataExt;
        (
            i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            meta.ino(),
        )
    };
    #[cfg(not(unix))]
    let (changed, inode) = (0, 0);
    Some(Stamp {
        len: meta.len(),
        modified,
        changed,
        inode,
    })
}

/// A folder opened once to look up its files by name (`statat` from the
/// folder: a full path is walked again, folder by folder, for every file).
pub(crate) struct Folder {
    path: PathBuf,
    #[cfg(unix)]
    open: Option<rustix::fd::OwnedFd>,
}

impl Folder {
    pub(crate) fn open(path: &Path) -> Folder {
        let path = if path.as_os_str().is_empty() {
            Path::new(".")
        } else {
            path
        };
        Folder {
            path: path.to_path_buf(),
            #[cfg(unix)]
            open: {
                use rustix::fs::{Mode, OFlags};
                rustix::fs::open(
                    path,
                    OFlags::DIRECTORY | OFlags::RDONLY | OFlags::CLOEXEC,
                    Mode::empty(),
                )
                .ok()
            },
        }
    }

    /// The folder's path, as opened.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// The file `name` of this folder, opened to read (a link followed);
    /// `None` when the folder itself could not be opened.
    pub(crate) fn open_file(&self, name: &std::ffi::OsStr) -> Option<io::Result<fs::File>> {
        #[cfg(unix)]
        if let Some(open) = &self.open {
            use rustix::fs::{Mode, OFlags};
            let file =
                rustix::fs::openat(open, name, OFlags::RDONLY | OFlags::CLOEXEC, Mode::empty());
            return Some(file.map(fs::File::from).map_err(io::Error::from));
        }
        #[cfg(not(unix))]
        let _ = name;
        None
    }

    /// The stamp of the file `name` of this folder (of a link itself, not
    /// of what it leads to), and whether it is a plain file.
    fn stamp(&self, name: &std::ffi::OsStr) -> Option<(Stamp, bool)> {
        self.stamp_with(name, Links::Own)
    }

    fn stamp_with(&self, name: &std::ffi::OsStr, links: Links) -> Option<(Stamp, bool)> {
        #[cfg(unix)]
        if let Some(open) = &self.open {
            use rustix::fs::{AtFlags, FileType};
            let flags = match links {
                Links::Own => AtFlags::SYMLINK_NOFOLLOW,
                Links::Followed => AtFlags::empty(),
            };
            let stat = rustix::fs::statat(open, name, flags).ok()?;
            let nanos = |seconds: i64, nanoseconds| {
                i128::from(seconds) * 1_000_000_000 + i128::from(nanoseconds)
            };
            let stamp = Stamp {
                len: u64::try_from(stat.st_size).ok()?,
                modified: nanos(stat.st_mtime, stat.st_mtime_nsec),
                changed: nanos(stat.st_ctime, stat.st_ctime_nsec),
                inode: stat.st_ino,
            };
            let plain = FileType::from_raw_mode(stat.st_mode) == FileType::RegularFile;
            return Some((stamp, plain));
        }
        let path = self.path.join(name);
        let meta = match links {
            Links::Own => fs::symlink_metadata(path),
            Links::Followed => fs::metadata(path),
        }
        .ok()?;
        Some((stamp_of(&meta)?, meta.is_file()))
    }
}

/// Whose stamp a link gives: its own, or that of the file it leads to.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Links {
    Own,
    Followed,
}

/// The stamps of `paths`, in their order, read in parallel. Each worker
/// opens a folder once and looks its files up by name: a `stat` of a full
/// path walks every folder of it again, and that walk was most of the
/// time a no-op rebuild took.
pub fn stamps(paths: &[&Path], links: Links) -> Vec<Option<Stamp>> {
    const CHUNK: usize = 1024;
    paths
        .par_chunks(CHUNK)
        .map(|chunk| {
            let mut folders: HashMap<&std::ffi::OsStr, Folder> = HashMap::default();
            chunk
                .iter()
                .map(|path| match folder_and_name(path) {
                    Some((folder, name)) => folders
                        .entry(folder)
                        .or_insert_with(|| Folder::open(Path::new(folder)))
                        .stamp_with(name, links)
                        .map(|(stamp, _)| stamp),
                    None => match links {
                        Links::Own => fs::symlink_metadata(path),
                        Links::Followed => fs::metadata(path),
                    }
                    .ok()
                    .as_ref()
                    .and_then(stamp_of),
                })
                .collect::<Vec<_>>()
        })
        .collect::<Vec<_>>()
        .concat()
}

/// The folders below `root` that hold `files` (paths below it, `/`
/// separated), with their ancestors, and each one's stamp; empty when one
/// cannot be read as a folder.
pub fn folder_stamps<'a>(
    root: &Path,
    files: impl Iterator<Item = &'a str>,
) -> Vec<(String, Stamp)> {
    let mut folders = std::collections::BTreeSet::new();
    for rel in files {
        let mut rest = rel;
        while let Some((folder, _)) = rest.rsplit_once('/') {
            if !folders.insert(folder) {
                break;
            }
            rest = folder;
        }
    }
    folders
        .into_iter()
        .map(|rel| {
            let meta = fs::symlink_metadata(root.join(rel)).ok()?;
            meta.is_dir()
                .then(|| stamp_of(&meta))
                .flatten()
                .map(|stamp| (rel.to_string(), stamp))
        })
        .collect::<Option<Vec<_>>>()
        .unwrap_or_default()
}

/// `path` split at its last `/`, as bytes (`Path::parent` parses every
/// component, a tenth of the time of reading the stamps); `None` when the
/// last part is not a plain name (`..`, `.`, empty) and the path must be
/// looked up whole.
#[cfg(unix)]
pub(crate) fn folder_and_name(path: &Path) -> Option<(&std::ffi::OsStr, &std::ffi::OsStr)> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes();
    let cut = bytes.iter().rposition(|&b| b == b'/');
    let (folder, name) = match cut {
        Some(cut) => (&bytes[..cut], &bytes[cut + 1..]),
        None => (&b""[..], bytes),
    };
    if name.is_empty() || name == b"." || name == b".." {
        return None;
    }
    // `/name`: the folder is the root.
    let folder = if folder.is_empty() && cut.is_some() {
        b"/"
    } else {
        folder
    };
    Some((
        std::ffi::OsStr::from_bytes(folder),
        std::ffi::OsStr::from_bytes(name),
    ))
}

#[cfg(not(unix))]
pub(crate) fn folder_and_name(path: &Path) -> Option<(&std::ffi::OsStr, &std::ffi::OsStr)> {
    Some((path.parent()?.as_os_str(), path.file_name()?))
}

/// The hash the cache compares pages by: XXH3, which reads bytes about
/// ten times as fast as SipHash (every page of a build is hashed).
pub fn content_hash(bytes: &[u8]) -> u64 {
    xxhash_rust::xxh3::xxh3_64(bytes)
}

/// The cache folder of `target`: a hidden sibling.
pub fn cache_folder(target: &Path) -> Result<PathBuf> {
    sibling(target, "helpc-cache")
}

/// Replaces the cache file `name` in one step (written aside, then renamed).
/// A plain file of one name there (the last state, moved aside) is
/// written over, keeping its blocks; anything else is replaced.
pub fn write_cache(target: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    write_cache_with(target, name, |out| {
        out.write_all(bytes)
            .map_err(io_error("write", &cache_folder(target)?.join(name)))
    })
}

/// Writes the cache file `name` over its older copy (see [`overwrite`]):
/// replacing a file of megabytes through a new one costs five times as
/// long here, most of it freeing the old file's blocks. Only while the
/// cache has no state: a file a killed build left half-written is then
/// never read, because the state is written last (`cache::Session::save`).
/// A file there that is not a plain file of one name (a link, a pipe, a
/// second name of a file elsewhere) is replaced, as [`write_cache`] does.
pub fn overwrite_cache(target: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    let (path, plain) = cache_file(target, name)?;
    if !plain {
        return write_cache(target, name, bytes);
    }
    overwrite(&path, bytes).map_err(io_error("write", &path))
}

/// Removes the cache file `name` of `target` if there is one (a link
/// there is removed, never followed; a folder is left alone).
pub fn remove_cache_file(target: &Path, name: &str) -> Result<()> {
    let path = cache_folder(target)?.join(name);
    match fs::symlink_metadata(&path) {
        Ok(meta) if !meta.is_dir() => fs::remove_file(&path).map_err(io_error("remove", &path)),
        _ => Ok(()),
    }
}

/// The path of cache file `name` (its folder made and marked), and whether
/// what stands there may be written over: nothing, or a plain file of one
/// name.
fn cache_file(target: &Path, name: &str) -> Result<(PathBuf, bool)> {
    let folder = cache_folder(target)?;
    fs::create_dir_all(&folder).map_err(io_error("create", &folder))?;
    mark(&folder)?;
    let path = folder.join(name);
    let plain = match fs::symlink_metadata(&path) {
        Ok(meta) => meta.is_file() && !linked(&meta),
        Err(_) => true,
    };
    Ok((path, plain))
}

/// [`write_cache`] with the bytes `write` gives, through a buffer.
pub fn write_cache_with(
    target: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn io::Write) -> Result<()>,
) -> Result<()> {
    let aside = format!("{name}.tmp");
    let (path, plain) = cache_file(target, &aside)?;
    stream_over(&path, plain, write)?;
    let folder = cache_folder(target)?;
    fs::rename(&path, folder.join(name)).map_err(io_error("write", folder.join(name)))
}

/// [`overwrite_cache`] with the bytes `write` gives, through a buffer:
/// no copy of a file of megabytes is made in memory first.
pub fn overwrite_cache_with(
    target: &Path,
    name: &str,
    write: impl FnOnce(&mut dyn io::Write) -> Result<()>,
) -> Result<()> {
    let (path, plain) = cache_file(target, name)?;
    stream_over(&path, plain, write)
}

/// Writes the bytes `write` gives over the file at `path` (`plain`: what
/// stands there is a plain file of one name, or nothing; else it is
/// removed first), and cuts it to their length.
fn stream_over(
    path: &Path,
    plain: bool,
    write: impl FnOnce(&mut dyn io::Write) -> Result<()>,
) -> Result<()> {
    use std::io::{Seek, Write};
    let mut options = fs::OpenOptions::new();
    options.write(true);
    if plain {
        options.create(true).truncate(false);
    } else {
        // Whatever stands there (a pipe, a link, a second name of a file
        // elsewhere) is removed, and a new file made: never written through.
        fs::remove_file(path).map_err(io_error("replace", path))?;
        options.create_new(true);
    }
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK,
    );
    let file = options.open(path).map_err(io_error("write", path))?;
    let mut out = io::BufWriter::with_capacity(256 << 10, file);
    write(&mut out)?;
    out.flush().map_err(io_error("write", path))?;
    let mut file = out
        .into_inner()
        .map_err(|e| io_error("write", path)(e.into_error()))?;
    let end = file.stream_position().map_err(io_error("write", path))?;
    file.set_len(end).map_err(io_error("write", path))
}

/// Removes the cache file `name` (the state), keeping the others: a cache
/// without its state is never read.
pub fn drop_cache_state(target: &Path, name: &str) -> Result<()> {
    let folder = cache_folder(target)?;
    let path = folder.join(name);
    // Moved to the name [`write_cache`] writes aside (never read as a
    // state): its blocks are written over when the state is saved again.
    if fs::rename(&path, folder.join(format!("{name}.tmp"))).is_ok() {
        return Ok(());
    }
    match fs::remove_file(&path) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error("remove", &path)(e)),
        _ => Ok(()),
    }
}

/// Forgets the cache (`--no-cache`, or a build that could not save it).
pub fn drop_cache(target: &Path) -> Result<()> {
    let folder = cache_folder(target)?;
    match fs::remove_dir_all(&folder) {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_error("remove", &folder)(e)),
        _ => Ok(()),
    }
}

fn sibling(target: &Path, suffix: &str) -> Result<PathBuf> {
    let name = target.file_name().ok_or_else(|| Error::Outside {
        path: target.display().to_string(),
        why: "cannot be an output folder: it has no name",
    })?;
    let parent = target.parent().unwrap_or(Path::new(""));
    Ok(parent.join(format!(".{}.{suffix}", name.to_string_lossy())))
}

/// The staging folder of `target`: a hidden sibling.
pub fn staging_folder(target: &Path) -> Result<PathBuf> {
    sibling(target, "helpc-next")
}

/// Removes the staging folder's file at `path` when it is linked to
/// another (the output's, by [`Output::adopt`]): written in place, it would
/// change the site being served.
fn detach(path: &Path) -> Result<()> {
    if fs::symlink_metadata(path).is_ok_and(|m| m.is_file() && linked(&m)) {
        fs::remove_file(path).map_err(io_error("replace", path))?;
    }
    Ok(())
}

/// Whether the file has another name (a link the output shares); where no
/// link count can be read, any file is taken as shared, and replaced anew.
fn linked(meta: &fs::Metadata) -> bool {
    #[cfg(unix)]
    {
        std::os::unix::fs::MetadataExt::nlink(meta) > 1
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        true
    }
}

/// The bytes of cache file `name` of the output folder `target`, if it is
/// a plain file there: a link, pipe or device planted in its place is not
/// read (nor waited on).
pub fn read_cache(target: &Path, name: &str) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut file = open_plain(&cache_folder(target).ok()?.join(name))?;
    // Sized from the file (no copies as it grows), within reason.
    let size = file.metadata().map_or(0, |m| m.len()).min(256 << 20);
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
    file.read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

/// The cache file `name` of `target`, opened for reading if it is a plain
/// file (see [`open_plain`]).
pub fn open_cache(target: &Path, name: &str) -> Option<fs::File> {
    open_plain(&cache_folder(target).ok()?.join(name))
}

/// Opens the plain file at `path` for reading: never through a link, and
/// never a pipe or device (opened without waiting, then refused).
fn open_plain(path: &Path) -> Option<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(
        &mut options,
        libc::O_NOFOLLOW | libc::O_NONBLOCK,
    );
    let file = options.open(path).ok()?;
    file.metadata().ok()?.is_file().then_some(file)
}

/// Whether the plain files at `a` and `b` hold the same bytes: lengths
/// first, then a block at a time (no copy kept, whatever their size).
fn same_contents(a: &Path, b: &Path) -> bool {
    use std::io::Read;
    let (Some(mut a), Some(mut b)) = (open_plain(a), open_plain(b)) else {
        return false;
    };
    let (Ok(length), Ok(other)) = (a.metadata(), b.metadata()) else {
        return false;
    };
    if length.len() != other.len() {
        return false;
    }
    let (mut x, mut y) = (vec![0u8; 64 * 1024], vec![0u8; 64 * 1024]);
    loop {
        let n = match a.read(&mut x) {
            Ok(0) => return b.read(&mut y).is_ok_and(|m| m == 0),
            Ok(n) => n,
            Err(_) => return false,
        };
        if b.read_exact(&mut y[..n]).is_err() || x[..n] != y[..n] {
            return false;
        }
    }
}

/// Whether the plain file at `path` holds exactly `contents` (its length
/// already known to match, so reading stops at that length: no read for
/// the end of the file): a block at a time, with no copy kept, and never
/// through a link.
fn holds(path: &Path, contents: &[u8]) -> bool {
    use std::io::Read;
    let Some(mut file) = open_plain(path) else {
        return false;
    };
    let mut block = [0u8; 64 * 1024];
    let mut rest = contents;
    while !rest.is_empty() {
        let want = rest.len().min(block.len());
        match file.read(&mut block[..want]) {
            Ok(0) => return false,
            Ok(n) => match rest.split_at_checked(n) {
                Some((head, tail)) if head == &block[..n] => rest = tail,
                _ => return false,
            },
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    true
}

/// Writes `contents` over the file at `path` without truncating it first,
/// then cuts it to length: the file keeps its blocks. On ext4, replacing a
/// page of an older generation this way took an eighth of the system time
/// of a truncating write (which frees every block and allocates them anew).
/// Only for staging files: a reader of a half-written file sees a mix.
fn overwrite(path: &Path, contents: &[u8]) -> io::Result<()> {
    write_file(path, contents, false).map(|_| ())
}

/// [`overwrite`], or, with `fresh` (nothing was there when the caller
/// looked), a file created anew, which has no length to cut (on a cold
/// build, a system call less for every page); when something appeared
/// there meanwhile, it is written over all the same. Returns the file, for
/// its stamp.
fn write_file(path: &Path, contents: &[u8], fresh: bool) -> io::Result<fs::File> {
    use std::io::Write;
    let open = |new: bool| {
        let mut options = fs::OpenOptions::new();
        options.write(true);
        if new {
            options.create_new(true);
        } else {
            options.create(true).truncate(false);
        }
        // A link put there after `place` looked is refused, not written
        // through; a pipe is refused rather than waited on.
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::custom_flags(
            &mut options,
            libc::O_NOFOLLOW | libc::O_NONBLOCK,
        );
        options.open(path)
    };
    let (mut file, new) = match fresh.then(|| open(true)) {
        Some(Ok(file)) => (file, true),
        Some(Err(e)) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
        _ => (open(false)?, false),
    };
    file.write_all(contents)?;
    if !new {
        file.set_len(contents.len() as u64)?;
    }
    Ok(file)
}

/// Whether `rel` (`/`-separated) names a file below a folder: no empty or
/// `..` part, no `\`.
fn is_relative_inside(rel: &str) -> bool {
    !rel.contains('\\') && !rel.split('/').any(|part| part == ".." || part.is_empty())
}

/// The file helpc puts in every folder it makes (a site, its staging and
/// cache folders, exports, review pages): what `build --out` may replace
/// and `clean` may remove without `--force`.
pub const MARKER: &str = ".helpc-output";

const MARKER_TEXT: &[u8] =
    b"This folder was made by helpc: `helpc build` replaces it and `helpc clean` removes it.\n";

/// Why helpc will not write into, replace or remove a folder.
#[derive(Debug, thiserror::Error)]
pub enum ClaimError {
    #[error("the output folder `{0}` is inside the content folder `{1}`: choose another --out")]
    InsideContent(PathBuf, PathBuf),
    #[error(
        "`{0}` holds the content folder `{1}`: helpc never replaces or removes it, even with --force"
    )]
    HoldsContent(PathBuf, PathBuf),
    #[error(
        "`{0}` holds the current folder: helpc never replaces or removes it, even with --force"
    )]
    HoldsWorkingFolder(PathBuf),
    #[error(
        "`{0}` holds Markdown files (`{1}`): helpc never replaces or removes them, even with --force"
    )]
    HoldsMarkdown(PathBuf, String),
    #[error("`{0}` is a symbolic link: give the folder it leads to")]
    Symlink(PathBuf),
    #[error("`{0}` exists and is not a folder")]
    NotAFolder(PathBuf),
    #[error(
        "`{0}` was not made by helpc and is not empty: nothing was changed (pass --force to replace it)"
    )]
    NotOurs(PathBuf),
    #[error("cannot read `{0}`: {1}")]
    Io(PathBuf, io::Error),
}

/// What a command may do to an existing output folder.
#[derive(Clone, Copy, Debug, Default)]
pub struct Claim<'a> {
    /// The content folder, which the output may neither be in nor hold.
    pub content: Option<&'a Path>,
    /// `--force`: replace or remove a folder helpc did not make (never one
    /// that holds the content, the current folder or Markdown files).
    pub force: bool,
    /// Keep the marker beside the folder (`.<name>.helpc-output`), not in
    /// it: exports are read whole by CAT tools and `pocount`, which take
    /// every file of the folder for theirs.
    pub marker_beside: bool,
    /// Set by the claim itself: the marker beside the folder is there.
    pub marked: bool,
}

/// The marker kept beside a folder whose files must all be the user's kind.
fn marker_beside(target: &Path) -> Result<PathBuf> {
    sibling(target, "helpc-output")
}

/// `path` made absolute with its links resolved, as far as it exists.
fn resolved(path: &Path) -> PathBuf {
    if let Ok(real) = fs::canonicalize(path) {
        return real;
    }
    let absolute = std::path::absolute(path)
        .map(|a| a.components().collect::<PathBuf>())
        .unwrap_or_else(|_| path.to_path_buf());
    match (absolute.parent(), absolute.file_name()) {
        (Some(parent), Some(name)) => resolved(parent).join(name),
        _ => absolute,
    }
}

/// Whether helpc made `folder` (it holds the marker), or it is empty.
fn is_ours_or_empty(folder: &Path) -> Result<bool, ClaimError> {
    if folder.join(MARKER).is_file() {
        return Ok(true);
    }
    let mut entries = fs::read_dir(folder).map_err(|e| ClaimError::Io(folder.to_path_buf(), e))?;
    Ok(entries.next().is_none())
}

/// The first Markdown file below `folder`, if any: content, never output.
fn markdown_inside(folder: &Path) -> Option<String> {
    walkdir::WalkDir::new(folder)
        .into_iter()
        .filter_map(Result::ok)
        .find(|e| {
            e.file_type().is_file()
                && e.path()
                    .extension()
                    .is_some_and(|x| x.eq_ignore_ascii_case("md"))
        })
        .map(|e| {
            e.path()
                .strip_prefix(folder)
                .unwrap_or(e.path())
                .to_string_lossy()
                .into_owned()
        })
}

/// Checks that helpc may fill (or remove) `folder`: it is not, nor holds,
/// the content or the current folder; it is no link; and if it exists, it
/// is a folder helpc made, or empty, or `--force` was given.
pub fn claim(folder: &Path, claim: &Claim) -> Result<(), ClaimError> {
    let real = resolved(folder);
    if let Some(content) = claim.content {
        let content = resolved(content);
        if real.starts_with(&content) {
            return Err(ClaimError::InsideContent(real, content));
        }
        if content.starts_with(&real) {
            return Err(ClaimError::HoldsContent(real, content));
        }
    }
    if let Ok(here) = std::env::current_dir().map(|d| resolved(&d))
        && here.starts_with(&real)
    {
        return Err(ClaimError::HoldsWorkingFolder(real));
    }
    let metadata = match fs::symlink_metadata(folder) {
        Ok(metadata) => metadata,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(ClaimError::Io(folder.to_path_buf(), e)),
    };
    if metadata.file_type().is_symlink() {
        return Err(ClaimError::Symlink(folder.to_path_buf()));
    }
    if !metadata.is_dir() {
        return Err(ClaimError::NotAFolder(folder.to_path_buf()));
    }
    if claim.marked || is_ours_or_empty(folder)? {
        return Ok(());
    }
    if let Some(markdown) = markdown_inside(folder) {
        return Err(ClaimError::HoldsMarkdown(folder.to_path_buf(), markdown));
    }
    if claim.force {
        Ok(())
    } else {
        Err(ClaimError::NotOurs(folder.to_path_buf()))
    }
}

/// Claims the output folder and the staging and cache folders beside it.
fn claim_all(target: &Path, how: &Claim) -> Result<()> {
    let how = &Claim {
        marked: marker_beside(target).is_ok_and(|m| m.is_file()),
        ..*how
    };
    claim(target, how)?;
    for folder in [staging_folder(target)?, cache_folder(target)?] {
        claim(&folder, how)?;
    }
    Ok(())
}

fn mark(folder: &Path) -> Result<()> {
    let marker = folder.join(MARKER);
    if marker.is_file() {
        return Ok(());
    }
    fs::write(&marker, MARKER_TEXT).map_err(io_error("write", &marker))
}

impl Output {
    /// Without the cache: whatever it said of the staging folder stops being true.
    pub fn begin(target: &Path, how: &Claim) -> Result<Output> {
        claim_all(target, how)?;
        drop_cache(target)?;
        let mut output = Output::begin_with(target, HashMap::default(), how)?;
        output.takes_stamps = false;
        Ok(output)
    }

    /// `staged`: what the staging folder holds, as the cache remembers it.
    /// Refuses (and changes nothing) when the output, staging or cache
    /// folder is one helpc did not make (see [`claim`]).
    pub fn begin_with(target: &Path, staged: impl Into<Staged>, how: &Claim) -> Result<Output> {
        let staged = staged.into();
        claim_all(target, how)?;
        let staging = staging_folder(target)?;
        fs::create_dir_all(&staging).map_err(io_error("create", &staging))?;
        if how.marker_beside {
            let marker = marker_beside(target)?;
            fs::write(&marker, MARKER_TEXT).map_err(io_error("write", &marker))?;
        } else {
            mark(&staging)?;
        }
        let output = Output {
            target: target.to_path_buf(),
            staging,
            // Most often the last build's files again: no growing the table.
            written: Mutex::new(HashMap::with_capacity_and_hasher(
                staged.len(),
                Default::default(),
            )),
            staged,
            rewritten: AtomicUsize::new(0),
            checked: Mutex::new(std::collections::HashSet::new()),
            marked_beside: how.marker_beside,
            takes_stamps: true,
            known_folders: None,
        };
        // The marker is part of every generation, so the site carries it.
        if !how.marker_beside {
            output.record(MARKER, content_hash(MARKER_TEXT), None);
        }
        Ok(output)
    }

    /// Makes room for a file at `rel`: its parent folders exist, and nothing
    /// left from an older generation (a folder where the file goes, a file
    /// where a folder goes, a link, a pipe) stands in the way. Returns the
    /// path and the plain file already there, if any (one `lstat`).
    fn place(&self, rel: &str) -> Result<(PathBuf, Option<fs::Metadata>)> {
        let path = self.inside(rel)?;
        // A folder already checked this build exists and resolves inside.
        if let Some(parent) = path.parent()
            && !self.is_checked(parent)
        {
            if !parent.is_dir() {
                let mut ancestor = parent;
                while ancestor.starts_with(&self.staging) && ancestor != self.staging {
                    if ancestor.is_file() {
                        let _ = fs::remove_file(ancestor);
                    }
                    ancestor = ancestor.parent().unwrap_or(&self.staging);
                }
                fs::create_dir_all(parent).map_err(io_error("create", parent))?;
            }
            // A link planted in the output is replaced, never written through.
            self.check_inside(parent)?;
        }
        let existing = match fs::symlink_metadata(&path) {
            Ok(meta) if meta.is_file() => Some(meta),
            Ok(meta) if meta.is_dir() => {
                fs::remove_dir_all(&path).map_err(io_error("replace", &path))?;
                None
            }
            // A link, a pipe, a socket: never read or written through.
            Ok(_) => {
                fs::remove_file(&path).map_err(io_error("replace", &path))?;
                None
            }
            Err(_) => None,
        };
        Ok((path, existing))
    }

    /// `rel` in the staging folder. Refused before anything on disk is
    /// touched (a path from the cache or a shard's manifest is input).
    fn inside(&self, rel: &str) -> Result<PathBuf> {
        if !is_relative_inside(rel) {
            return Err(Error::Outside {
                path: rel.to_string(),
                why: "is not a path inside the output folder",
            });
        }
        Ok(self.staging.join(rel))
    }

    fn is_checked(&self, folder: &Path) -> bool {
        self.checked.lock().is_ok_and(|c| c.contains(folder))
    }

    /// Whether `folder` (in the staging folder) resolves inside it.
    fn check_inside(&self, folder: &Path) -> Result<()> {
        if self.is_checked(folder) {
            return Ok(());
        }
        let real = fs::canonicalize(folder).map_err(io_error("read", folder))?;
        let root = fs::canonicalize(&self.staging).map_err(io_error("read", &self.staging))?;
        if !real.starts_with(&root) {
            return Err(Error::Outside {
                path: folder.display().to_string(),
                why: "leads outside the output folder through a symbolic link: nothing is written there",
            });
        }
        if let Ok(mut checked) = self.checked.lock() {
            checked.insert(folder.to_path_buf());
        }
        Ok(())
    }

    fn record(&self, rel: &str, hash: u64, stamp: Option<Stamp>) {
        if let Ok(mut written) = self.written.lock() {
            written.insert(rel.to_string(), (hash, stamp));
        }
    }

    /// Writes `contents` at `rel` (a `/`-separated path below the output root).
    /// A file that already holds exactly these bytes is left alone: reading
    /// it back costs far less than rewriting it.
    /// Returns the content hash.
    pub fn write(&self, rel: &str, contents: &[u8]) -> Result<u64> {
        let (path, existing) = self.place(rel)?;
        let hash = content_hash(contents);
        // The file there is kept when it is known to hold these bytes (the
        // cache says so and nobody touched it since), or found to.
        let kept = existing.as_ref().and_then(|meta| {
            let stamp = stamp_of(meta)?;
            // Else its bytes are compared (a file the cache does not know,
            // or whose stamp moved: one linked from the output changes).
            let same = self.staged.get(rel) == Some(&(hash, stamp))
                || (meta.len() == contents.len() as u64 && holds(&path, contents));
            same.then_some(stamp)
        });
        if let Some(stamp) = kept {
            self.record(rel, hash, Some(stamp));
            return Ok(hash);
        }
        self.rewritten.fetch_add(1, Ordering::Relaxed);
        // Nothing there (or the output's file, unlinked first): made anew.
        let fresh = match &existing {
            None => true,
            Some(meta) if linked(meta) => {
                fs::remove_file(&path).map_err(io_error("replace", &path))?;
                true
            }
            Some(_) => false,
        };
        let file = write_file(&path, contents, fresh).map_err(io_error("write", &path))?;
        // Only the cache reads stamps: a build without one takes none.
        let stamp = if self.takes_stamps {
            file.metadata().ok().as_ref().and_then(stamp_of)
        } else {
            None
        };
        self.record(rel, hash, stamp);
        Ok(hash)
    }

    pub fn copy(&self, rel: &str, from: &Path) -> Result<()> {
        let (path, _) = self.place(rel)?;
        self.record(rel, 0, None);
        let same = match (fs::metadata(from), fs::metadata(&path)) {
            (Ok(a), Ok(b)) => a.len() == b.len() && a.modified().ok() == b.modified().ok(),
            _ => false,
        };
        if same {
            return Ok(());
        }
        self.rewritten.fetch_add(1, Ordering::Relaxed);
        detach(&path)?;
        fs::copy(from, &path).map_err(io_error("copy a file to", &path))?;
        // The copy's time is the original's, so the next build can tell it is unchanged.
        if let Ok(modified) = fs::metadata(from).and_then(|m| m.modified()) {
            let _ = fs::File::options()
                .write(true)
                .open(&path)
                .and_then(|f| f.set_modified(modified));
        }
        Ok(())
    }

    /// [`Output::adopt`] for every page of the unchanged articles at once:
    /// those the staging folder holds as the cache saw them are looked up
    /// in parallel runs (one `lstat` each, from its folder, opened once per
    /// run), the others adopted one by one.
    pub fn adopt_all(
        &self,
        files: &[(&str, u64)],
        previous: &(dyn Fn(&str) -> Option<Stamp> + Sync),
    ) -> Result<()> {
        /// Files looked up per task: a task opens each folder it meets once.
        const CHUNK: usize = 512;
        let again: Vec<Vec<(&str, u64)>> = files
            .par_chunks(CHUNK)
            .map(|chunk| {
                // `None`: a folder that leads outside, whose files are all
                // adopted anew.
                let mut folders: HashMap<&str, Option<Folder>> = HashMap::default();
                let (mut kept, mut again) = (Vec::with_capacity(chunk.len()), Vec::new());
                for &(rel, hash) in chunk {
                    let stamp = match self.staged.get(rel) {
                        Some(&(staged, stamp)) if staged == hash && is_relative_inside(rel) => {
                            stamp
                        }
                        _ => {
                            again.push((rel, hash));
                            continue;
                        }
                    };
                    let (folder, name) = rel.rsplit_once('/').unwrap_or(("", rel));
                    let open = folders.entry(folder).or_insert_with(|| {
                        let path = self.staging.join(folder);
                        self.check_inside(&path)
                            .is_ok()
                            .then(|| Folder::open(&path))
                    });
                    match open
                        .as_ref()
                        .and_then(|o| o.stamp(std::ffi::OsStr::new(name)))
                    {
                        Some((found, true)) if found == stamp => kept.push((rel, hash, stamp)),
                        _ => again.push((rel, hash)),
                    }
                }
                if let Ok(mut written) = self.written.lock() {
                    for (rel, hash, stamp) in kept {
                        written.insert(rel.to_string(), (hash, Some(stamp)));
                    }
                }
                again
            })
            .collect();
        again
            .par_iter()
            .flatten()
            .try_for_each(|&(rel, hash)| self.adopt(rel, hash, previous(rel)))
    }

    /// A page of an unchanged article: the staging folder must hold the
    /// bytes of hash `hash`, which the output folder has at `rel` if its
    /// file still has the stamp `previous` the cache saw (the output is not
    /// checked as a whole before a build that writes). When neither holds
    /// them: [`Error::OutputChanged`], and nothing is adopted.
    pub fn adopt(&self, rel: &str, hash: u64, previous: Option<Stamp>) -> Result<()> {
        // Most often the staging folder already holds these bytes: one look
        // at the file (a plain file, untouched since the cache saw it, in a
        // folder that resolves inside).
        let staged = self
            .staged
            .get(rel)
            .filter(|(staged, _)| *staged == hash)
            .map(|(_, stamp)| *stamp);
        if let Some(stamp) = staged {
            let path = self.inside(rel)?;
            if let Some(parent) = path.parent()
                && fs::symlink_metadata(&path)
                    .is_ok_and(|m| m.file_type().is_file() && stamp_of(&m) == Some(stamp))
                && self.check_inside(parent).is_ok()
            {
                self.record(rel, hash, Some(stamp));
                return Ok(());
            }
        }
        let (path, existing) = self.place(rel)?;
        if let Some(stamp) = staged
            && existing
                .as_ref()
                .is_some_and(|m| stamp_of(m) == Some(stamp))
        {
            self.record(rel, hash, Some(stamp));
            return Ok(());
        }
        // Not known to the cache (the build before it had none), or not as
        // the cache saw it: the output's file is read, if it is the one the
        // cache saw.
        let from = self.target.join(rel);
        let from_meta = fs::symlink_metadata(&from).ok();
        // A link planted in the previous site is not read through.
        if from_meta
            .as_ref()
            .is_some_and(|m| m.file_type().is_symlink())
        {
            return Err(Error::Outside {
                path: from.display().to_string(),
                why: "is a symbolic link in the output: run with --no-cache to build it anew",
            });
        }
        if previous.is_none() || from_meta.as_ref().and_then(stamp_of) != previous {
            return Err(Error::OutputChanged(from.display().to_string()));
        }
        // A file there that holds the very bytes of the output's is kept.
        // Comparing them costs a tenth of replacing it with a link on ext4.
        if let Some(meta) = &existing
            && same_contents(&path, &from)
        {
            self.record(rel, hash, stamp_of(meta));
            return Ok(());
        }
        // Its stamp is read when the cache is saved.
        self.record(rel, hash, None);
        self.rewritten.fetch_add(1, Ordering::Relaxed);
        // A second link to the output's file: no bytes copied. Every write
        // into the staging folder first detaches the file it replaces, so
        // the site in place is never changed through the link.
        detach(&path)?;
        if fs::hard_link(&from, &path).is_ok() {
            return Ok(());
        }
        fs::copy(&from, &path)
            .map(|_| ())
            .map_err(io_error("copy a file to", &path))
    }

    /// The bytes of the file the last build left at `rel`, whose hash was
    /// `hash`: the output's file, else the staging folder's, whichever
    /// still holds exactly them (a plain file, read, hashed). Neither:
    /// [`Error::OutputChanged`].
    pub fn read_previous(&self, rel: &str, hash: u64) -> Result<Vec<u8>> {
        let staged = self.inside(rel)?;
        [self.target.join(rel), staged]
            .iter()
            .find_map(|path| {
                let meta = fs::symlink_metadata(path).ok()?;
                if !meta.file_type().is_file() {
                    return None;
                }
                let bytes = fs::read(path).ok()?;
                (content_hash(&bytes) == hash).then_some(bytes)
            })
            .ok_or_else(|| Error::OutputChanged(self.target.join(rel).display().to_string()))
    }

    /// What the staging folder holds, as the cache remembers it: told
    /// before anything is written (the build decodes it beside the cache's
    /// families).
    /// `known_folders`: the staging folder's folders if it holds exactly
    /// `staged`'s files ([`Staged::unchanged_folders`], checked beside
    /// other work); then it is not walked.
    pub fn know_staged(&mut self, staged: Staged, known_folders: Option<Vec<PathBuf>>) {
        if let Ok(written) = self.written.get_mut() {
            written.reserve(staged.len());
        }
        self.staged = staged;
        self.known_folders = known_folders;
    }

    /// The staging folder.
    pub fn staging(&self) -> &Path {
        &self.staging
    }

    /// What this build staged: path → content hash, and the stamp of the
    /// file where the build saw it (the rest are read by the cache). Taken
    /// out, not copied (tens of thousands of paths): call it once the site
    /// is in place, which needs the list to prune the staging folder.
    pub fn take_manifest(&self) -> HashMap<String, (u64, Option<Stamp>)> {
        self.written
            .lock()
            .map(|mut w| std::mem::take(&mut *w))
            .unwrap_or_default()
    }

    /// How many files this build wrote or copied (the rest were already right).
    pub fn rewritten(&self) -> usize {
        self.rewritten.load(Ordering::Relaxed)
    }

    pub fn target(&self) -> &Path {
        &self.target
    }

    /// Lists the staging folder for [`Output::put_in_place_listed`]: the
    /// long part of pruning it, which may run while the build still
    /// writes. Files this build already wrote are left out (they stay).
    pub fn list_staging(&self) -> Result<Listing> {
        if let Some(folders) = &self.known_folders {
            let written = self.written.lock().map_err(|_| Error::Panicked)?;
            let files = self
                .staged
                .keys()
                .filter(|rel| !written.contains_key(rel.as_str()))
                .map(|rel| (Some(rel.clone()), self.staging.join(rel)))
                .collect();
            return Ok(Listing {
                files,
                folders: folders.clone(),
            });
        }
        let mut listing = Listing::default();
        // Paths below the staging folder are cut from it as bytes: parsing
        // every path into components was half of this walk.
        let prefix = self.staging.as_os_str().as_encoded_bytes().len() + 1;
        for entry in walkdir::WalkDir::new(&self.staging)
            .min_depth(1)
            .contents_first(true)
        {
            let entry = match entry {
                Ok(entry) => entry,
                // Removed since the walk saw it (a folder of an older
                // generation where this build puts a file).
                Err(e)
                    if e.io_error()
                        .is_some_and(|e| e.kind() == io::ErrorKind::NotFound) =>
                {
                    continue;
                }
                Err(e) => {
                    return Err(io_error("list", &self.staging)(
                        e.into_io_error()
                            .unwrap_or_else(|| io::Error::other("a symbolic-link loop")),
                    ));
                }
            };
            if entry.file_type().is_dir() {
                listing.folders.push(entry.into_path());
                continue;
            }
            let rel = entry
                .path()
                .as_os_str()
                .as_encoded_bytes()
                .get(prefix..)
                .and_then(|rel| std::str::from_utf8(rel).ok());
            // A name helpc would not write (not UTF-8) is not one it wrote.
            let rel = rel.map(|rel| {
                if std::path::MAIN_SEPARATOR == '/' {
                    std::borrow::Cow::Borrowed(rel)
                } else {
                    std::borrow::Cow::Owned(rel.replace(std::path::MAIN_SEPARATOR, "/"))
                }
            });
            // Looked up one by one: the build's writers record into it meanwhile.
            let written = rel.as_ref().is_some_and(|rel| {
                self.written
                    .lock()
                    .is_ok_and(|written| written.contains_key(rel.as_ref()))
            });
            if !written {
                listing
                    .files
                    .push((rel.map(|r| r.into_owned()), entry.into_path()));
            }
        }
        Ok(listing)
    }

    /// Removes what an older generation left that this build did not
    /// write: the files `listing` holds that are still not written.
    fn prune(&self, listing: Listing) -> Result<()> {
        let written = self.written.lock().map_err(|_| Error::Panicked)?;
        for (rel, path) in listing.files {
            if rel.is_some_and(|rel| written.contains_key(&rel)) {
                continue;
            }
            match fs::remove_file(&path) {
                Ok(()) => {}
                // Gone since it was listed: a file this build renamed away,
                // or one in a folder it replaced with a file.
                Err(e)
                    if matches!(
                        e.kind(),
                        io::ErrorKind::NotFound | io::ErrorKind::NotADirectory
                    ) => {}
                Err(e) => return Err(io_error("remove", &path)(e)),
            }
        }
        // Deepest first (contents_first), so emptied parents go too.
        for folder in listing.folders {
            let _ = fs::remove_dir(folder);
        }
        Ok(())
    }

    /// Puts the staged site in place of the previous one, atomically.
    pub fn commit(self) -> Result<()> {
        self.put_in_place()
    }

    /// [`Output::commit`] for a build that still holds the output by
    /// reference: nothing may be written after it.
    pub fn put_in_place(&self) -> Result<()> {
        self.put_in_place_listed(self.list_staging()?)
    }

    /// [`Output::put_in_place`] with the staging folder listed already
    /// ([`Output::list_staging`], while the build still wrote): what the
    /// listing holds and the build has not written since is removed.
    /// Nothing may be written after it.
    pub fn put_in_place_listed(&self, listing: Listing) -> Result<()> {
        self.prune(listing)?;
        if self.target.exists() {
            exchange(&self.staging, &self.target)
                .map_err(io_error("put the new site in place of", &self.target))?;
            // The folder replaced was empty or replaced with --force: it is
            // no generation of ours to keep for the next build.
            if !self.staging.join(MARKER).is_file() && !self.marked_beside {
                fs::remove_dir_all(&self.staging).map_err(io_error("remove", &self.staging))?;
            }
            Ok(())
        } else {
            fs::rename(&self.staging, &self.target)
                .map_err(io_error("move the new site into", &self.target))
        }
    }
}

/// Removes the output folder and its staging and cache folders; returns
/// how many of them existed. Every folder is claimed before any is
/// removed: one refusal removes nothing.
pub fn clean(target: &Path, how: &Claim) -> Result<usize> {
    let beside = marker_beside(target).ok().filter(|m| m.is_file());
    let how = &Claim {
        marked: beside.is_some(),
        ..*how
    };
    claim(target, how)?;
    let folders = [
        target.to_path_buf(),
        staging_folder(target)?,
        cache_folder(target)?,
    ];
    for folder in &folders {
        claim(folder, how)?;
        // Even a marked folder: Markdown is content, never output.
        if folder.is_dir()
            && let Some(markdown) = markdown_inside(folder)
        {
            return Err(ClaimError::HoldsMarkdown(folder.clone(), markdown).into());
        }
    }
    let mut removed = 0;
    for folder in &folders {
        if folder.is_dir() {
            fs::remove_dir_all(folder).map_err(io_error("remove", folder))?;
            removed += 1;
        }
    }
    if let Some(beside) = beside {
        fs::remove_file(&beside).map_err(io_error("remove", &beside))?;
    }
    Ok(removed)
}

/// Swaps two folders in one step (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // the one system call std has no wrapper for
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

    #[cfg(unix)]
    #[test]
    fn a_path_splits_at_its_last_slash_unless_it_ends_in_no_name() {
        let split = |p: &str| {
            folder_and_name(Path::new(p)).map(|(f, n)| {
                (
                    f.to_str().unwrap().to_string(),
                    n.to_str().unwrap().to_string(),
                )
            })
        };
        let pair = |f: &str, n: &str| Some((f.to_string(), n.to_string()));
        assert_eq!(split("/a/b/c.md"), pair("/a/b", "c.md"));
        assert_eq!(split("/c.md"), pair("/", "c.md"));
        assert_eq!(split("c.md"), pair("", "c.md"));
        assert_eq!(split("a/c.md"), pair("a", "c.md"));
        assert_eq!(split("/a/.."), None);
        assert_eq!(split("/a/."), None);
        assert_eq!(split("/a/"), None);
    }

    #[test]
    fn stamps_by_folder_are_those_of_a_stat_of_each_path() {
        let dir = tempfile::tempdir().unwrap();
        let mut paths = Vec::new();
        for folder in ["x", "y", "x/z"] {
            fs::create_dir_all(dir.path().join(folder)).unwrap();
        }
        // More files than one worker's share, in an order that moves
        // between folders, and a file that is missing.
        for i in 0..2500 {
            let folder = ["x", "y", "x/z"][i % 3];
            let path = dir.path().join(folder).join(format!("{i}.md"));
            if i != 7 {
                fs::write(&path, "a".repeat(i % 50)).unwrap();
            }
            paths.push(path);
        }
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        let found = stamps(&paths, Links::Own);
        assert_eq!(found.len(), paths.len());
        for (path, stamp) in paths.iter().zip(&found) {
            let expected = fs::symlink_metadata(path).ok().as_ref().and_then(stamp_of);
            assert_eq!(*stamp, expected, "{}", path.display());
        }
        assert!(found[7].is_none());
    }

    #[cfg(unix)]
    #[test]
    fn a_links_stamp_is_its_own_or_its_files_as_asked() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("file.md");
        let link = dir.path().join("link.md");
        fs::write(&file, "text").unwrap();
        std::os::unix::fs::symlink(&file, &link).unwrap();
        let own = stamps(&[link.as_path()], Links::Own)[0].unwrap();
        let followed = stamps(&[link.as_path()], Links::Followed)[0].unwrap();
        let of_file = stamp_of(&fs::metadata(&file).unwrap()).unwrap();
        assert_eq!(followed, of_file);
        assert_ne!(own.inode, of_file.inode);
    }

    /// Builds `files` into `target` twice: the staging folder then holds
    /// the first generation.
    fn built_twice(target: &Path, files: &[&str]) {
        for _ in 0..2 {
            let output = Output::begin(target, &Claim::default()).unwrap();
            for rel in files {
                output.write(rel, b"one").unwrap();
            }
            output.commit().unwrap();
        }
    }

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
    fn adopted_pages_are_linked_and_never_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let output = Output::begin(&target, &Claim::default()).unwrap();
        let hash = output.write("a.html", b"first").unwrap();
        output.write("b.html", b"kept").unwrap();
        output.commit().unwrap();
        // The next build adopts both pages into an empty staging folder.
        let seen = |rel: &str| stamp_of(&fs::symlink_metadata(target.join(rel)).unwrap());
        let output = Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
        output.adopt("a.html", hash, seen("a.html")).unwrap();
        output
            .adopt("b.html", content_hash(b"kept"), seen("b.html"))
            .unwrap();
        output.commit().unwrap();
        // The staging folder now holds the generation before, linked to the
        // site's files; a page written there leaves the site as it is.
        let staging = staging_folder(&target).unwrap();
        let stamp = stamp_of(&fs::metadata(staging.join("a.html")).unwrap()).unwrap();
        let staged: HashMap<String, (u64, Stamp)> = [("a.html".to_string(), (hash, stamp))]
            .into_iter()
            .collect();
        let output = Output::begin_with(&target, staged, &Claim::default()).unwrap();
        output.write("a.html", b"second").unwrap();
        assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), "first");
        output
            .adopt("b.html", content_hash(b"kept"), seen("b.html"))
            .unwrap();
        output.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), "second");
        assert_eq!(fs::read_to_string(target.join("b.html")).unwrap(), "kept");
        assert_eq!(fs::read_to_string(staging.join("a.html")).unwrap(), "first");
    }

    #[test]
    fn a_page_neither_folder_holds_as_the_cache_saw_it_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let output = Output::begin(&target, &Claim::default()).unwrap();
        let hash = output.write("a.html", b"first").unwrap();
        output.commit().unwrap();
        let seen = stamp_of(&fs::symlink_metadata(target.join("a.html")).unwrap());
        fs::write(target.join("a.html"), b"edited by hand").unwrap();
        let output = Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
        let refused = output.adopt("a.html", hash, seen);
        assert!(
            matches!(refused, Err(Error::OutputChanged(ref file)) if file.ends_with("a.html")),
            "{refused:?}"
        );
        // Unknown to the cache: refused as well.
        assert!(matches!(
            output.adopt("a.html", hash, None),
            Err(Error::OutputChanged(_))
        ));
        assert!(!staging_folder(&target).unwrap().join("a.html").exists());
    }

    type FileStamps = HashMap<String, (u64, Stamp)>;

    /// Two builds of `files` (and a folder of them), the second told what
    /// the staging folder holds: returns what the cache would keep of it
    /// for the third (its files and its folders' stamps).
    fn staged_after_two_builds(target: &Path) -> (FileStamps, Vec<(String, Stamp)>) {
        let files = ["index.html", "fr-fr/a.html", "fr-fr/guides/b.html"];
        for round in 0..2 {
            let output = Output::begin(target, &Claim::default()).unwrap();
            for file in files {
                output
                    .write(file, format!("{file} {round}").as_bytes())
                    .unwrap();
            }
            output.commit().unwrap();
        }
        let staging = staging_folder(target).unwrap();
        let staged = files
            .iter()
            .chain(&[MARKER])
            .map(|rel| {
                let bytes = fs::read(staging.join(rel)).unwrap();
                let stamp = stamp_of(&fs::metadata(staging.join(rel)).unwrap()).unwrap();
                (rel.to_string(), (content_hash(&bytes), stamp))
            })
            .collect();
        let folders = folder_stamps(&staging, files.into_iter());
        assert_eq!(
            folders
                .iter()
                .map(|(rel, _)| rel.as_str())
                .collect::<Vec<_>>(),
            ["fr-fr", "fr-fr/guides"]
        );
        (staged, folders)
    }

    #[test]
    fn a_staging_folder_whose_folders_are_unchanged_is_not_walked() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let (staged, folders) = staged_after_two_builds(&target);
        let mut output =
            Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
        let staged: Staged = staged.into();
        let known = staged.unchanged_folders(output.staging(), &folders);
        output.know_staged(staged, known);
        let known = output.known_folders.clone().expect("known");
        let staging = staging_folder(&target).unwrap();
        assert_eq!(known, [staging.join("fr-fr/guides"), staging.join("fr-fr")]);
        output.write("fr-fr/a.html", b"new").unwrap();
        output.commit().unwrap();
        assert_eq!(listing(&target), [MARKER, "fr-fr", "fr-fr/a.html"]);
    }

    #[test]
    fn a_cache_that_lists_a_path_outside_the_staging_folder_is_not_trusted() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let (mut staged, folders) = staged_after_two_builds(&target);
        let outside = dir.path().join("outside.html");
        fs::write(&outside, b"not ours").unwrap();
        let stamp = stamp_of(&fs::metadata(&outside).unwrap()).unwrap();
        staged.insert("../outside.html".to_string(), (0, stamp));
        let mut output =
            Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
        let staged: Staged = staged.into();
        let known = staged.unchanged_folders(output.staging(), &folders);
        output.know_staged(staged, known);
        assert!(output.known_folders.is_none());
        output.write("fr-fr/a.html", b"new").unwrap();
        output.commit().unwrap();
        assert!(outside.is_file());
        assert_eq!(listing(&target), [MARKER, "fr-fr", "fr-fr/a.html"]);
    }

    #[test]
    fn a_file_planted_in_the_staging_folder_makes_it_walked_and_pruned() {
        for planted in [
            "fr-fr/guides/planted.html",
            "planted.html",
            "fr-fr/new/x.html",
        ] {
            let dir = tempfile::tempdir().unwrap();
            let target = dir.path().join("public");
            let (staged, folders) = staged_after_two_builds(&target);
            let staging = staging_folder(&target).unwrap();
            let path = staging.join(planted);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, b"planted").unwrap();
            let mut output =
                Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
            let staged: Staged = staged.into();
            let known = staged.unchanged_folders(output.staging(), &folders);
            output.know_staged(staged, known);
            assert!(output.known_folders.is_none(), "{planted}");
            output.write("fr-fr/a.html", b"new").unwrap();
            output.commit().unwrap();
            assert_eq!(
                listing(&target),
                [MARKER, "fr-fr", "fr-fr/a.html"],
                "{planted}"
            );
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_pipe_in_the_staging_folder_is_replaced_not_opened() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        built_twice(&target, &["b.html"]);
        let staging = staging_folder(&target).unwrap();
        // Opened for writing, a pipe with no reader would never return.
        let made = std::process::Command::new("mkfifo")
            .arg(staging.join("a.html"))
            .status()
            .unwrap();
        assert!(made.success());
        let output = Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
        output.write("a.html", b"page").unwrap();
        output.commit().unwrap();
        assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), "page");
    }

    #[test]
    fn a_page_is_compared_with_the_file_it_would_replace() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        built_twice(&target, &[]);
        let staging = staging_folder(&target).unwrap();
        let big = "x".repeat(40_000);
        for (older, newer, rewritten) in [
            (big.as_str(), big.as_str(), 0),
            (big.as_str(), &*format!("{}y", &big[1..]), 1),
            ("", "", 0),
            ("same length", "same lengtH", 1),
        ] {
            fs::write(staging.join("a.html"), older).unwrap();
            let output =
                Output::begin_with(&target, HashMap::default(), &Claim::default()).unwrap();
            output.write("a.html", newer.as_bytes()).unwrap();
            assert_eq!(output.rewritten(), rewritten);
            output.commit().unwrap();
            assert_eq!(fs::read_to_string(target.join("a.html")).unwrap(), newer);
        }
    }

    #[cfg(unix)]
    #[test]
    fn cache_files_planted_as_pipes_links_or_second_names_are_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let cache = cache_folder(&target).unwrap();
        fs::create_dir_all(&cache).unwrap();
        // A pipe: opened for writing, it would wait for a reader forever.
        let made = std::process::Command::new("mkfifo")
            .arg(cache.join("families.bin"))
            .status()
            .unwrap();
        assert!(made.success());
        // A link to a file elsewhere, and a second name of one.
        fs::write(dir.path().join("victim"), "keep").unwrap();
        std::os::unix::fs::symlink(dir.path().join("victim"), cache.join("locale-a.bin")).unwrap();
        fs::write(dir.path().join("other"), "keep").unwrap();
        fs::hard_link(dir.path().join("other"), cache.join("locale-b.bin")).unwrap();
        fs::hard_link(dir.path().join("other"), cache.join("state.bin.tmp")).unwrap();
        for name in ["families.bin", "locale-a.bin", "locale-b.bin"] {
            overwrite_cache(&target, name, b"cache").unwrap();
            let meta = fs::symlink_metadata(cache.join(name)).unwrap();
            assert!(meta.is_file() && !linked(&meta), "{name}");
            assert_eq!(fs::read(cache.join(name)).unwrap(), b"cache");
        }
        write_cache(&target, "state.bin", b"state").unwrap();
        assert_eq!(fs::read(cache.join("state.bin")).unwrap(), b"state");
        assert_eq!(
            fs::read_to_string(dir.path().join("victim")).unwrap(),
            "keep"
        );
        assert_eq!(
            fs::read_to_string(dir.path().join("other")).unwrap(),
            "keep"
        );
    }

    #[cfg(unix)]
    #[test]
    fn the_state_is_moved_aside_then_written_over_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        write_cache(&target, "state.bin", b"the first state, long").unwrap();
        let cache = cache_folder(&target).unwrap();
        let inode = fs::metadata(cache.join("state.bin")).unwrap().ino();
        drop_cache_state(&target, "state.bin").unwrap();
        assert!(!cache.join("state.bin").exists());
        write_cache(&target, "state.bin", b"second").unwrap();
        let meta = fs::metadata(cache.join("state.bin")).unwrap();
        assert_eq!(meta.ino(), inode, "the same file, its blocks kept");
        assert_eq!(fs::read(cache.join("state.bin")).unwrap(), b"second");
        assert!(!cache.join("state.bin.tmp").exists());
        // Streamed over a longer file, or a second name of another: cut,
        // or replaced.
        overwrite_cache(&target, "locale-x.bin", b"a long locale file").unwrap();
        let streamed = |bytes: &'static [u8]| {
            overwrite_cache_with(&target, "locale-x.bin", |out| {
                out.write_all(bytes)
                    .map_err(io_error("write", Path::new("x")))
            })
            .unwrap();
        };
        streamed(b"short");
        assert_eq!(fs::read(cache.join("locale-x.bin")).unwrap(), b"short");
        fs::write(dir.path().join("other"), "keep").unwrap();
        fs::remove_file(cache.join("locale-x.bin")).unwrap();
        fs::hard_link(dir.path().join("other"), cache.join("locale-x.bin")).unwrap();
        streamed(b"mine");
        assert_eq!(fs::read(cache.join("locale-x.bin")).unwrap(), b"mine");
        assert_eq!(
            fs::read_to_string(dir.path().join("other")).unwrap(),
            "keep"
        );
    }

    #[cfg(unix)]
    #[test]
    fn cache_files_planted_as_pipes_or_links_are_not_read() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let cache = cache_folder(&target).unwrap();
        fs::create_dir_all(&cache).unwrap();
        // Read, a pipe with no writer would never return.
        let made = std::process::Command::new("mkfifo")
            .arg(cache.join("state.bin"))
            .status()
            .unwrap();
        assert!(made.success());
        fs::write(dir.path().join("secret"), "elsewhere").unwrap();
        std::os::unix::fs::symlink(dir.path().join("secret"), cache.join("families.bin")).unwrap();
        fs::write(cache.join("report.bin"), "kept").unwrap();
        assert_eq!(read_cache(&target, "state.bin"), None);
        assert_eq!(read_cache(&target, "families.bin"), None);
        assert_eq!(
            read_cache(&target, "report.bin").as_deref(),
            Some(&b"kept"[..])
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_way_of_an_overwrite_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("victim.html"), "keep").unwrap();
        let link = dir.path().join("page.html");
        std::os::unix::fs::symlink(dir.path().join("victim.html"), &link).unwrap();
        assert!(overwrite(&link, b"pwned").is_err());
        assert_eq!(
            fs::read_to_string(dir.path().join("victim.html")).unwrap(),
            "keep"
        );
    }

    #[test]
    fn an_older_generations_page_is_overwritten_to_the_exact_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        // Three generations, so the third build writes over the first's files.
        for (long, short) in [
            (&b"a long first page"[..], &b"short"[..]),
            (b"x", b"the second, longer"),
            (b"1234", b"the third"),
        ] {
            let output = Output::begin(&target, &Claim::default()).unwrap();
            output.write("long.html", long).unwrap();
            output.write("short.html", short).unwrap();
            output.commit().unwrap();
            assert_eq!(fs::read(target.join("long.html")).unwrap(), long);
            assert_eq!(fs::read(target.join("short.html")).unwrap(), short);
        }
        let staging = staging_folder(&target).unwrap();
        assert_eq!(fs::read(staging.join("long.html")).unwrap(), b"x");
        assert_eq!(
            fs::read(staging.join("short.html")).unwrap(),
            b"the second, longer"
        );
    }

    #[test]
    fn a_staging_folder_listed_before_the_last_writes_is_pruned_of_the_rest_only() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        built_twice(
            &target,
            &[
                "fr-fr/keep.html",
                "fr-fr/stale.html",
                "fr-fr/gone.html",
                "fr-fr/old/deep.html",
            ],
        );
        let output = Output::begin(&target, &Claim::default()).unwrap();
        output.write("fr-fr/keep.html", b"two").unwrap();
        let staging = staging_folder(&target).unwrap();
        // Listed while the build still writes: a file listed, then written
        // (kept), one listed and then removed (no error), one never
        // written (pruned), and a folder of files where a file now goes.
        let listed = output.list_staging().unwrap();
        output.write("fr-fr/stale.html", b"two").unwrap();
        fs::remove_file(staging.join("fr-fr/gone.html")).unwrap();
        output
            .write("fr-fr/old", b"a file where a folder was")
            .unwrap();
        output.put_in_place_listed(listed).unwrap();
        assert_eq!(
            listing(&target),
            [
                MARKER,
                "fr-fr",
                "fr-fr/keep.html",
                "fr-fr/old",
                "fr-fr/stale.html"
            ]
        );
    }

    #[test]
    fn stages_then_swaps_and_prunes() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::create_dir_all(&target).unwrap();
        fs::write(target.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(target.join("old.html"), "old").unwrap();

        let output = Output::begin(&target, &Claim::default()).unwrap();
        output.write("fr-fr/a/b.html", b"new").unwrap();
        // Nothing is visible before the commit.
        assert!(target.join("old.html").exists());
        assert!(!target.join("fr-fr").exists());
        output.commit().unwrap();
        assert_eq!(
            listing(&target),
            [MARKER, "fr-fr", "fr-fr/a", "fr-fr/a/b.html"]
        );

        // The next build reuses the previous generation and prunes it.
        let output = Output::begin(&target, &Claim::default()).unwrap();
        output.write("fr-fr/c.html", b"c").unwrap();
        output
            .write("fr-fr/a", b"a file where a folder was")
            .unwrap();
        output.commit().unwrap();
        assert_eq!(
            listing(&target),
            [MARKER, "fr-fr", "fr-fr/a", "fr-fr/c.html"]
        );
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
        fs::write(target.join(MARKER), MARKER_TEXT).unwrap();
        fs::write(target.join("index.html"), "previous").unwrap();
        {
            let output = Output::begin(&target, &Claim::default()).unwrap();
            output.write("index.html", b"half").unwrap();
            output.write("new.html", b"half").unwrap();
        }
        assert_eq!(listing(&target), [MARKER, "index.html"]);
        assert_eq!(
            fs::read_to_string(target.join("index.html")).unwrap(),
            "previous"
        );
    }

    #[test]
    fn clean_removes_the_site_and_its_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        built_twice(&target, &["index.html"]);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 2);
        assert_eq!(clean(&target, &Claim::default()).unwrap(), 2);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
        assert_eq!(clean(&target, &Claim::default()).unwrap(), 0);
    }

    #[test]
    fn folders_helpc_did_not_make_are_refused_and_left_intact() {
        let dir = tempfile::tempdir().unwrap();
        let mine = dir.path().join("mine");
        fs::create_dir_all(mine.join("notes")).unwrap();
        fs::write(mine.join("notes/todo.txt"), "keep me").unwrap();
        let refused = Output::begin(&mine, &Claim::default()).err().unwrap();
        assert!(
            refused.to_string().contains("was not made by helpc"),
            "{refused}"
        );
        let refused = clean(&mine, &Claim::default()).unwrap_err();
        assert!(refused.to_string().contains("--force"), "{refused}");
        assert_eq!(listing(&mine), ["notes", "notes/todo.txt"]);
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder made"
        );

        // An unmarked staging or cache folder beside a site is refused too.
        let site = dir.path().join("site");
        let staging = staging_folder(&site).unwrap();
        fs::create_dir_all(&staging).unwrap();
        fs::write(staging.join("x"), "y").unwrap();
        assert!(Output::begin(&site, &Claim::default()).is_err());
        assert!(clean(&site, &Claim::default()).is_err());
        assert_eq!(fs::read_to_string(staging.join("x")).unwrap(), "y");

        // --force replaces it, and what it held does not linger beside the site.
        let forced = Claim {
            content: None,
            force: true,
            ..Default::default()
        };
        let output = Output::begin(&mine, &forced).unwrap();
        output.write("index.html", b"site").unwrap();
        output.commit().unwrap();
        assert_eq!(listing(&mine), [MARKER, "index.html"]);
        assert!(!staging_folder(&mine).unwrap().exists());
    }

    #[test]
    fn content_is_never_replaced_or_removed() {
        let dir = tempfile::tempdir().unwrap();
        let content = dir.path().join("content");
        fs::create_dir_all(content.join("fr-FR")).unwrap();
        fs::write(content.join("fr-FR/a.md"), "# A").unwrap();
        let forced = Claim {
            content: Some(&content),
            force: true,
            ..Default::default()
        };
        for target in [
            content.clone(),
            dir.path().to_path_buf(),
            content.join("fr-FR/out"),
        ] {
            assert!(
                Output::begin(&target, &forced).is_err(),
                "{}",
                target.display()
            );
        }
        // Without knowing the content: Markdown is never removed, marked or not.
        let no_content = Claim {
            content: None,
            force: true,
            ..Default::default()
        };
        let refused = clean(&content, &no_content).unwrap_err();
        assert!(refused.to_string().contains("Markdown"), "{refused}");
        fs::write(content.join(MARKER), MARKER_TEXT).unwrap();
        assert!(clean(&content, &no_content).is_err());
        assert!(content.join("fr-FR/a.md").is_file());
        // A link as the output folder is refused, whatever it leads to.
        let link = dir.path().join("link");
        std::os::unix::fs::symlink(&content, &link).unwrap();
        assert!(Output::begin(&link, &Claim::default()).is_err());
        assert!(clean(&link, &no_content).is_err());
        assert!(content.join("fr-FR/a.md").is_file());
    }

    #[test]
    fn links_planted_in_the_staging_folder_are_not_written_through() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        fs::write(outside.path().join("victim.html"), "keep").unwrap();
        let target = dir.path().join("public");
        built_twice(&target, &["index.html"]);
        // The next build's staging folder is the previous site: plant links in it.
        let staging = staging_folder(&target).unwrap();
        std::os::unix::fs::symlink(outside.path(), staging.join("fr-fr")).unwrap();
        std::os::unix::fs::symlink(outside.path().join("victim.html"), staging.join("a.html"))
            .unwrap();
        let output = Output::begin(&target, &Claim::default()).unwrap();
        assert!(output.write("fr-fr/victim.html", b"pwned").is_err());
        output.write("a.html", b"page").unwrap();
        assert_eq!(
            fs::read_to_string(outside.path().join("victim.html")).unwrap(),
            "keep"
        );
        assert!(output.write("../escape.html", b"x").is_err());
    }

    #[test]
    fn an_export_folder_is_marked_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("export");
        let beside = Claim {
            marker_beside: true,
            ..Default::default()
        };
        for _ in 0..2 {
            let output = Output::begin(&target, &beside).unwrap();
            output.write("fr-FR/a.po", b"po").unwrap();
            output.commit().unwrap();
        }
        assert_eq!(listing(&target), ["fr-FR", "fr-FR/a.po"]);
        assert!(dir.path().join(".export.helpc-output").is_file());
        assert_eq!(clean(&target, &Claim::default()).unwrap(), 2);
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[test]
    fn an_output_that_is_a_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        fs::write(&target, "x").unwrap();
        assert!(Output::begin(&target, &Claim::default()).is_err());
    }
}
