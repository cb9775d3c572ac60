//! The incremental build cache, kept beside the output
//! (`.<out>.helpc-cache/`, written by `emit`):
//!
//! All but `report.bin` are MessagePack, structs as arrays (`diagnostics.bin`
//! after a 16-byte header); the state's lists of files and the articles'
//! segment facts are byte strings of their own layout inside it (see
//! `files_codec` and `segment_keys`): as MessagePack maps and arrays they
//! were most of the time of reading and writing them.
//!
//! - `state.bin`: the key of everything every page depends on (helpc's
//!   binary, configuration and build options, templates and UI strings,
//!   the list of content files, the TOCs and fragments); each article
//!   family's key (its files' sizes and modification times); what the
//!   output and staging folders hold (path → content hash, and the output
//!   files' sizes and times, and their folders' stamps; the staging
//!   folder's as its difference from the output's); and the key of the
//!   run's report.
//! - `diagnostics.bin`: the run's diagnostics, after the key of the report
//!   and the XXH3 of their bytes (a no-op rebuild checks the sum and, if it
//!   prints `report.bin`, never decodes them).
//! - `families.bin`: each family's results: diagnostics, counts, sitemap
//!   entries, the keys of its index entries, and the pages it wrote with
//!   their hashes; each family's encoded on its own (name → bytes), so that
//!   a build decodes only the families it reuses, in parallel, and writes
//!   those back as it read them.
//! - `families-delta.bin`: the families rendered since `families.bin` was
//!   written whole, read over it (the state keeps its XXH3): a build that
//!   renders a few families writes only this file, until it would hold a
//!   quarter of the whole file's bytes.
//! - `locale-<name>.bin`, one per locale: the bulk of what the locale's
//!   indexes and its consistency pass need (each page's index entry with
//!   its search text and terms, each article's consistency facts), each
//!   family's two parts encoded on their own; and the layout of the
//!   locale's `search.json` (where each document ends, every term's
//!   postings), by which an edit that leaves the locale's lists as they
//!   were updates that file for the changed pages only. Read only for the
//!   locales a build must index or check again; only the part it makes
//!   again is decoded, and unchanged families' parts are written back as
//!   read.
//! - `report.bin`: the last human report as it was printed, after the key of
//!   the report and options it was rendered from, the key of this helpc and
//!   the colors its diagnostics' texts were rendered with, and where each
//!   diagnostic's text lies in it (its `diag::block_key`, start, end): a
//!   rebuild that finds the same diagnostics prints it again unrendered;
//!   one that finds others renders only those it lacks.
//!
//! A build whose keys all match, over an output folder nobody touched,
//! writes nothing and reports what the last one found. A build that
//! writes does not wait for the output's files to be checked: each is
//! checked where it is used (`emit::Output::adopt`). Otherwise only the
//! families whose key changed are read, checked and rendered again, and
//! only the locales whose entries changed get new indexes (or their
//! search index updated, when only search documents changed), and only
//! those whose consistency facts or quoted articles changed a new
//! consistency pass; the others keep theirs.
//! The state is removed before a build writes anything and saved after the
//! new site is in place, so a killed build leaves no cache that lies; a
//! locale file names the generation of the state that wrote it.

use std::collections::BTreeMap;

// Keys are paths and family names: foldhash, several times as fast as
// SipHash and seeded per run like it (content is input: its names must
// not be able to make the maps slow).
use foldhash::HashMap;
use std::hash::{Hash, Hasher};

use std::path::{Path, PathBuf};
/// The hasher of the cache's keys: XXH3 (the report's key reads every
/// diagnostic; SipHash was a twentieth of a no-op rebuild).
pub type KeyHasher = xxhash_rust::xxh3::Xxh3Default;

use rayon::prelude::*;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::diag::{Counts, Diagnostic};
use crate::emit::Links;
use crate::error::Result;
use crate::plan::{Family, SitePlan};

pub const STATE: &str = "state.bin";
pub const FAMILIES: &str = "families.bin";
/// The families whose results changed since `families.bin` was written
/// whole (see [`FamilyBlobs`]).
pub const FAMILIES_DELTA: &str = "families-delta.bin";
pub const REPORT: &str = "report.bin";
pub const DIAGNOSTICS: &str = "diagnostics.bin";
/// Bumped when the files' shape changes.
const FORMAT: u32 = 17;

/// The cache file of one locale's bulk data.
pub fn locale_file(locale: &str) -> String {
    format!("locale-{locale}.bin")
}

pub use crate::emit::Stamp;

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct State {
    pub format: u32,
    pub global: u64,
    /// Family (path relative to the locale folders) → its key.
    pub families: HashMap<String, u64>,
    /// What the output folder holds: path → (hash, size and time). Shared
    /// with the build's output, which reads the staging folder's files as
    /// those of `staged`.
    pub target: TargetFiles,
    /// What the staging folder holds, as its difference from `target`
    /// (missing: not known). Read only by a build that writes (a no-op
    /// rebuild never decodes it).
    pub staged: Lazy<StagedDelta>,
    pub by_locale: BTreeMap<String, Counts>,
    /// What names the report; its diagnostics are in `diagnostics.bin`.
    pub report: ReportFacts,
    pub pages: usize,
    pub left_out: Vec<String>,
    /// Which save this was: the locale files it wrote carry the same number.
    #[serde(default)]
    pub generation: u64,
    /// Each locale's keys and consistency reports (by locale folder name),
    /// decoded when a build that writes first asks.
    #[serde(default)]
    pub locales: Lazy<BTreeMap<String, LocaleState>>,
    /// The output's folders below its top, and their stamps, as the build
    /// left them (see `emit::Staged::unchanged_folders`).
    #[serde(default)]
    pub target_folders: Vec<(String, Stamp)>,
    /// The same of the staging folder.
    #[serde(default)]
    pub staged_folders: Vec<(String, Stamp)>,
    /// The hash of the families' delta file, if the families file has one
    /// (see [`FamilyBlobs`]).
    #[serde(default)]
    pub families_delta: Option<u64>,
}

/// A folder's files as a build left them: path → (content hash, stamp).
pub type FileList = HashMap<String, (u64, Stamp)>;

/// What the staging folder holds, as its difference from the output's
/// [`FileList`]: after the exchange it holds the output the build before
/// left, whose unchanged pages are the same files as the new output's
/// (second names, or kept as they were), so the difference is the pages
/// the last build wrote.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StagedDelta {
    /// Files of another hash or stamp than the output's, or that the
    /// output lacks.
    #[serde(with = "files_codec")]
    pub changed: FileList,
    /// Files of the output the staging folder lacks.
    pub absent: Vec<String>,
}

impl StagedDelta {
    /// What the staging folder holds after the exchange (the output the
    /// build before left, `staged`), told as its difference from the new
    /// output (`target`).
    fn between(staged: &FileList, target: &FileList) -> StagedDelta {
        let changed = staged
            .iter()
            .filter_map(|(rel, &(hash, mut stamp))| {
                let now = target.get(rel);
                // A page adopted as a second name of the output's file is
                // that file: the link changed its change time, which both
                // names now show.
                if let Some((_, now)) = now
                    && now.inode == stamp.inode
                    && now.inode != 0
                {
                    stamp = *now;
                }
                (now != Some(&(hash, stamp))).then(|| (rel.clone(), (hash, stamp)))
            })
            .collect();
        StagedDelta {
            changed,
            absent: target
                .keys()
                .filter(|rel| !staged.contains_key(*rel))
                .cloned()
                .collect(),
        }
    }
}

/// The output's [`FileList`], shared with the build's output, encoded by
/// [`files_codec`]. A save encodes it beside its other work, not with the
/// state, which is written last, alone (17,800 files of the corpus).
#[derive(Clone, Debug, Default)]
pub struct TargetFiles {
    pub files: std::sync::Arc<FileList>,
    encoded: Option<Vec<u8>>,
}

impl TargetFiles {
    fn new(files: FileList) -> TargetFiles {
        TargetFiles {
            files: std::sync::Arc::new(files),
            encoded: None,
        }
    }

    /// `files`, encoded now (kept decoded too).
    fn encoded_now(files: FileList) -> TargetFiles {
        let encoded = files_codec::encode(&files).ok();
        TargetFiles {
            files: std::sync::Arc::new(files),
            encoded,
        }
    }
}

impl PartialEq for TargetFiles {
    fn eq(&self, other: &Self) -> bool {
        self.files == other.files
    }
}

impl Serialize for TargetFiles {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        match &self.encoded {
            Some(bytes) => serializer.serialize_bytes(bytes),
            None => files_codec::serialize(&self.files, serializer),
        }
    }
}

impl<'de> Deserialize<'de> for TargetFiles {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        files_codec::deserialize(deserializer).map(TargetFiles::new)
    }
}

/// A [`FileList`] as one byte string: the number of files (4 bytes), then
/// each path's length (4 bytes) and bytes, its hash, size, times and
/// inode, little-endian. As a MessagePack map, the output's 17,000 entries
/// were most of the time of encoding and decoding the state.
mod files_codec {
    use super::bytes::{Reader, Writer};
    use super::{FileList, Stamp};
    use serde::{Deserialize, Deserializer, Serializer};

    /// Bytes after each path: hash, size, two times, inode.
    const FIXED: usize = 8 + 8 + 16 + 16 + 8;

    pub fn serialize<S: Serializer>(files: &FileList, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(&encode(files).map_err(serde::ser::Error::custom)?)
    }

    pub(super) fn encode(files: &FileList) -> Result<Vec<u8>, std::num::TryFromIntError> {
        let size: usize = files.keys().map(|p| 4 + p.len() + FIXED).sum();
        let mut out = Writer::with_capacity(4 + size);
        out.len(files.len())?;
        for (path, (hash, stamp)) in files {
            out.str(path)?;
            out.u64(*hash);
            out.u64(stamp.len);
            out.i128(stamp.modified);
            out.i128(stamp.changed);
            out.u64(stamp.inode);
        }
        Ok(out.0)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<FileList, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(deserializer)?;
        decode(&bytes).ok_or_else(|| serde::de::Error::custom("a damaged list of files"))
    }

    /// `None` unless the bytes hold exactly the files they count, each
    /// path UTF-8.
    pub(super) fn decode(bytes: &[u8]) -> Option<FileList> {
        let mut read = Reader(bytes);
        let count = read.len()?;
        let mut files =
            FileList::with_capacity_and_hasher(read.room(count, 4 + FIXED), Default::default());
        for _ in 0..count {
            let path = read.str()?.to_string();
            let hash = read.u64()?;
            let stamp = Stamp {
                len: read.u64()?,
                modified: read.i128()?,
                changed: read.i128()?,
                inode: read.u64()?,
            };
            files.insert(path, (hash, stamp));
        }
        (read.0.is_empty() && files.len() == count).then_some(files)
    }
}

/// The consistency facts of an article's segments as one byte string (a
/// locale file holds 27,000 of them; as MessagePack arrays they were a
/// third of its decoding): for each, its index, hashes and word count,
/// then its labels, raw labels and plain text, little-endian.
pub mod segment_keys {
    use super::bytes::{Reader, Writer};
    use crate::check::consistency::SegmentKey;
    use serde::{Deserialize, Deserializer, Serializer};

    /// Bytes of a segment with no labels: six numbers, three lengths.
    const LEAST: usize = 6 * 8 + 3 * 4;

    pub fn serialize<S: Serializer>(keys: &[SegmentKey], serializer: S) -> Result<S::Ok, S::Error> {
        encode(keys)
            .map_err(serde::ser::Error::custom)
            .and_then(|bytes| serializer.serialize_bytes(&bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Vec<SegmentKey>, D::Error> {
        let bytes = serde_bytes::ByteBuf::deserialize(deserializer)?;
        decode(&bytes).ok_or_else(|| serde::de::Error::custom("damaged segment facts"))
    }

    fn encode(keys: &[SegmentKey]) -> Result<Vec<u8>, std::num::TryFromIntError> {
        let mut out = Writer::with_capacity(4 + keys.len() * LEAST);
        out.len(keys.len())?;
        for key in keys {
            out.u64(u64::try_from(key.index)?);
            out.u64(key.source);
            out.u64(key.target);
            out.u64(key.technical.0);
            out.u64(key.technical.1);
            out.u64(u64::try_from(key.words)?);
            for labels in [&key.labels, &key.raw_labels] {
                out.len(labels.len())?;
                for (source, target) in labels {
                    out.str(source)?;
                    out.str(target)?;
                }
            }
            out.str(&key.plain)?;
        }
        Ok(out.0)
    }

    /// `None` unless the bytes hold exactly the segments they count.
    pub(super) fn decode(bytes: &[u8]) -> Option<Vec<SegmentKey>> {
        let mut read = Reader(bytes);
        let count = read.len()?;
        let mut keys = Vec::with_capacity(read.room(count, LEAST));
        for _ in 0..count {
            let index = usize::try_from(read.u64()?).ok()?;
            let (source, target) = (read.u64()?, read.u64()?);
            let technical = (read.u64()?, read.u64()?);
            let words = usize::try_from(read.u64()?).ok()?;
            let mut pairs = || -> Option<Vec<(String, String)>> {
                let count = read.len()?;
                let mut pairs = Vec::with_capacity(read.room(count, 8));
                for _ in 0..count {
                    pairs.push((read.str()?.to_string(), read.str()?.to_string()));
                }
                Some(pairs)
            };
            let labels = pairs()?;
            let raw_labels = pairs()?;
            keys.push(SegmentKey {
                index,
                source,
                target,
                technical,
                words,
                labels,
                raw_labels,
                plain: read.str()?.to_string(),
            });
        }
        read.0.is_empty().then_some(keys)
    }
}

/// The little-endian fields of the cache's byte codecs: numbers, and
/// lengths and strings with a 4-byte length first.
mod bytes {
    pub struct Writer(pub Vec<u8>);

    impl Writer {
        pub fn with_capacity(capacity: usize) -> Writer {
            Writer(Vec::with_capacity(capacity))
        }

        pub fn u64(&mut self, value: u64) {
            self.0.extend_from_slice(&value.to_le_bytes());
        }

        pub fn i128(&mut self, value: i128) {
            self.0.extend_from_slice(&value.to_le_bytes());
        }

        /// A count or length: 4 bytes.
        pub fn len(&mut self, len: usize) -> Result<(), std::num::TryFromIntError> {
            self.0.extend_from_slice(&u32::try_from(len)?.to_le_bytes());
            Ok(())
        }

        pub fn str(&mut self, text: &str) -> Result<(), std::num::TryFromIntError> {
            self.len(text.len())?;
            self.0.extend_from_slice(text.as_bytes());
            Ok(())
        }
    }

    /// Each read takes its bytes off the front; `None` past the end.
    pub struct Reader<'b>(pub &'b [u8]);

    impl<'b> Reader<'b> {
        fn take<const N: usize>(&mut self) -> Option<[u8; N]> {
            let (head, rest) = self.0.split_first_chunk::<N>()?;
            self.0 = rest;
            Some(*head)
        }

        pub fn u64(&mut self) -> Option<u64> {
            self.take().map(u64::from_le_bytes)
        }

        pub fn i128(&mut self) -> Option<i128> {
            self.take().map(i128::from_le_bytes)
        }

        pub fn len(&mut self) -> Option<usize> {
            usize::try_from(u32::from_le_bytes(self.take()?)).ok()
        }

        pub fn str(&mut self) -> Option<&'b str> {
            let len = self.len()?;
            let (text, rest) = self.0.split_at_checked(len)?;
            self.0 = rest;
            // SIMD validation: the cache's strings are most of its bytes.
            simdutf8::basic::from_utf8(text).ok()
        }

        /// Room for `count` items of at least `least` bytes each, never
        /// more than the bytes left could hold (a damaged count asks for
        /// no more memory than the file's size).
        pub fn room(&self, count: usize, least: usize) -> usize {
            count.min(self.0.len() / least.max(1))
        }
    }
}

/// What the state knows of its build's report: the diagnostics are in a
/// file of their own (`diagnostics.bin`, the key first), which a no-op
/// rebuild that prints the human report it kept (`report.bin`) never
/// reads: they were most of the state's bytes and of its decoding time.
#[derive(Clone, Copy, Debug, Default, Serialize, Deserialize)]
pub struct ReportFacts {
    /// [`report_key`] of the report.
    pub key: u64,
    /// Whether any diagnostic is an error (the exit status).
    pub errors: bool,
}

impl ReportFacts {
    pub fn of(report: &crate::diag::Report) -> ReportFacts {
        ReportFacts {
            key: report_key(report),
            errors: report.has_errors(),
        }
    }
}

/// A no-op rebuild's diagnostics, not read yet ([`ReportFacts`]).
#[derive(Clone, Debug)]
pub struct KeptDiagnostics {
    pub facts: ReportFacts,
    target: PathBuf,
}

impl KeptDiagnostics {
    pub fn new(target: &Path, facts: ReportFacts) -> KeptDiagnostics {
        KeptDiagnostics {
            facts,
            target: target.to_path_buf(),
        }
    }

    /// The diagnostics, in the report's order; `None` when the file is
    /// missing or does not decode to what the key names (a damaged cache).
    pub fn decode(&self, by_locale: &BTreeMap<String, Counts>) -> Option<Vec<Diagnostic>> {
        let bytes = crate::emit::read_cache(&self.target, DIAGNOSTICS)?;
        let (key, rest) = bytes.split_at_checked(8)?;
        let (sum, encoded) = rest.split_at_checked(8)?;
        if key != self.facts.key.to_le_bytes()
            || sum != crate::emit::content_hash(encoded).to_le_bytes()
        {
            return None;
        }
        let diagnostics: Vec<Diagnostic> = rmp_serde::from_slice(encoded).ok()?;
        (hash_of(&(&diagnostics, by_locale)) == self.facts.key).then_some(diagnostics)
    }
}

/// Whether `diagnostics.bin` holds the diagnostics of the report `key`
/// names, whole: the report's key, then the XXH3 of the encoded
/// diagnostics, which are read through a small buffer and hashed (about
/// a millisecond for the corpus's 4.7 MB; decoding them took ten). A
/// damaged file makes the build no no-op, and the build writes it again.
fn diagnostics_kept(target: &Path, key: u64) -> bool {
    use std::io::Read;
    let Some(mut file) = crate::emit::open_cache(target, DIAGNOSTICS) else {
        return false;
    };
    let mut header = [0u8; 16];
    if file.read_exact(&mut header).is_err() || header[..8] != key.to_le_bytes() {
        return false;
    }
    let mut hasher = xxhash_rust::xxh3::Xxh3Default::new();
    let mut buffer = vec![0u8; 1 << 16];
    loop {
        match file.read(&mut buffer) {
            Ok(0) => break,
            Ok(read) => hasher.update(&buffer[..read]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return false,
        }
    }
    header[8..] == hasher.digest().to_le_bytes()
}

/// Writes `diagnostics.bin` unless it holds this report's diagnostics
/// (looked at only when `last`, the last build's report key, is the same).
fn save_diagnostics(
    target: &Path,
    report: &crate::diag::Report,
    key: u64,
    last: Option<u64>,
) -> Result<()> {
    if last == Some(key) && diagnostics_kept(target, key) {
        return Ok(());
    }
    let mut encoded = Vec::new();
    rmp_serde::encode::write(&mut encoded, &report.diagnostics)
        .map_err(|e| crate::error::Error::CacheEncode(e.to_string()))?;
    let mut bytes = Vec::with_capacity(16 + encoded.len());
    bytes.extend_from_slice(&key.to_le_bytes());
    bytes.extend_from_slice(&crate::emit::content_hash(&encoded).to_le_bytes());
    bytes.extend_from_slice(&encoded);
    crate::emit::overwrite_cache(target, DIAGNOSTICS, &bytes)
}

/// What names a report's content (its diagnostics and counts), for the
/// key of the human report rendered from it.
pub fn report_key(report: &crate::diag::Report) -> u64 {
    hash_of(&(&report.diagnostics, &report.by_locale))
}

/// A part of the state kept encoded until it is first asked for: a no-op
/// rebuild reads the state and needs only its keys and the output's
/// stamps. A value that does not decode reads as missing.
#[derive(Debug, Default)]
pub struct Lazy<T> {
    encoded: serde_bytes::ByteBuf,
    decoded: std::sync::OnceLock<Option<T>>,
}

impl<T: DeserializeOwned> Lazy<T> {
    pub fn new(value: T) -> Lazy<T> {
        Lazy {
            encoded: serde_bytes::ByteBuf::new(),
            decoded: std::sync::OnceLock::from(Some(value)),
        }
    }

    /// `value`, encoded now (on the caller's thread, not when the state
    /// around it is), and kept decoded too.
    pub fn encoded_now(value: T) -> Lazy<T>
    where
        T: Serialize,
    {
        match rmp_serde::to_vec(&value) {
            Ok(bytes) => Lazy {
                encoded: serde_bytes::ByteBuf::from(bytes),
                decoded: std::sync::OnceLock::from(Some(value)),
            },
            // Encoded with the state, which reports the error.
            Err(_) => Lazy::new(value),
        }
    }

    /// The value, decoded on first use.
    pub fn get(&self) -> Option<&T> {
        self.decoded
            .get_or_init(|| rmp_serde::from_slice(&self.encoded).ok())
            .as_ref()
    }

    /// The value, taken out (then it is missing).
    pub fn take(&mut self) -> Option<T> {
        self.get();
        self.encoded = serde_bytes::ByteBuf::new();
        self.decoded.take().flatten()
    }
}

impl<T: Clone> Clone for Lazy<T> {
    fn clone(&self) -> Self {
        Lazy {
            encoded: self.encoded.clone(),
            decoded: self.decoded.clone(),
        }
    }
}

impl<T: Serialize> Serialize for Lazy<T> {
    fn serialize<S: serde::Serializer>(
        &self,
        serializer: S,
    ) -> std::result::Result<S::Ok, S::Error> {
        // The bytes, when they are known: what was read, or encoded since
        // (the value is never changed in place).
        match self.decoded.get() {
            Some(Some(value)) if self.encoded.is_empty() => {
                let mut bytes = Vec::new();
                rmp_serde::encode::write(&mut bytes, value).map_err(serde::ser::Error::custom)?;
                serializer.serialize_bytes(&bytes)
            }
            _ => serializer.serialize_bytes(&self.encoded),
        }
    }
}

impl<'de, T> Deserialize<'de> for Lazy<T> {
    fn deserialize<D: serde::Deserializer<'de>>(
        deserializer: D,
    ) -> std::result::Result<Self, D::Error> {
        Ok(Lazy {
            encoded: serde_bytes::ByteBuf::deserialize(deserializer)?,
            decoded: std::sync::OnceLock::new(),
        })
    }
}

/// What the cache knows of one locale.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct LocaleState {
    /// The key of what its lists (`index.html`, `index.json`, the order
    /// of the search index's documents) are made of.
    pub indexes: u64,
    /// The key of what its search documents hold.
    pub search: u64,
    /// The key of its articles' files (a locale whose files changed has
    /// its file read ahead).
    pub files: u64,
    /// The key of its articles' consistency facts.
    pub facts: u64,
    /// The articles its consistency reports quote: the pass runs again
    /// when one of them changes, even if the facts do not.
    pub quoted: Vec<String>,
    /// The generation of its locale file.
    pub generation: u64,
    /// Its consistency pass's reports, levels applied.
    pub consistency: Vec<Diagnostic>,
}

/// The locale files a build writes: locale name → bytes.
pub type LocaleData = Vec<(String, Vec<u8>)>;

/// One locale's bulk data as its file holds it: each family's index
/// entries and consistency facts encoded on their own (name → bytes), so
/// that a build decodes only the part it makes again (an edit that leaves
/// the indexes as they were needs the facts alone) and writes back what
/// it did not change as it read it; and the layout of the locale's search
/// index, encoded.
pub struct LocaleFile {
    pub generation: u64,
    bytes: Vec<u8>,
    entries: HashMap<String, std::ops::Range<usize>>,
    facts: HashMap<String, std::ops::Range<usize>>,
    search: Option<std::ops::Range<usize>>,
}

impl LocaleFile {
    /// `None` unless `bytes` are a locale file.
    pub fn parse(bytes: Vec<u8>) -> Option<LocaleFile> {
        type Parts<'a> = HashMap<&'a str, &'a serde_bytes::Bytes>;
        let (generation, entries, facts, search): (u64, Parts, Parts, Option<&serde_bytes::Bytes>) =
            rmp_serde::from_slice(&bytes).ok()?;
        let search = match search {
            Some(part) => Some(range_in(&bytes, part)?),
            None => None,
        };
        let (entries, facts) = (ranges_in(&bytes, entries)?, ranges_in(&bytes, facts)?);
        Some(LocaleFile {
            generation,
            bytes,
            entries,
            facts,
            search,
        })
    }

    /// The layout of the locale's search index, encoded (see
    /// [`encode_layout`]); `None` if the file has none.
    pub fn search(&self) -> Option<&[u8]> {
        self.bytes.get(self.search.clone()?)
    }

    /// Family `name`'s index entries, encoded (`None`: it has none here).
    pub fn entries(&self, name: &str) -> Option<&[u8]> {
        self.bytes.get(self.entries.get(name)?.clone())
    }

    /// Family `name`'s consistency facts, encoded (`None`: it has none here).
    pub fn facts(&self, name: &str) -> Option<&[u8]> {
        self.bytes.get(self.facts.get(name)?.clone())
    }

    /// The bytes of a locale file: its generation, then each family's
    /// entries and facts (name → encoded part), then the search index's
    /// layout.
    pub fn encode(
        generation: u64,
        entries: &[(&str, &[u8])],
        facts: &[(&str, &[u8])],
        search: Option<&[u8]>,
    ) -> Result<Vec<u8>> {
        let size = entries
            .iter()
            .chain(facts)
            .map(|(name, part)| name.len() + part.len() + 16)
            .sum::<usize>();
        let mut bytes = Vec::with_capacity(size + search.map_or(0, <[u8]>::len) + 32);
        LocaleFile::encode_into(&mut bytes, generation, entries, facts, search)?;
        Ok(bytes)
    }

    /// [`LocaleFile::encode`] into `out`.
    pub fn encode_into(
        out: &mut dyn std::io::Write,
        generation: u64,
        entries: &[(&str, &[u8])],
        facts: &[(&str, &[u8])],
        search: Option<&[u8]>,
    ) -> Result<()> {
        fn parts<'a>(parts: &[(&'a str, &'a [u8])]) -> BTreeMap<&'a str, &'a serde_bytes::Bytes> {
            parts
                .iter()
                .map(|&(name, part)| (name, serde_bytes::Bytes::new(part)))
                .collect()
        }
        let search = search.map(serde_bytes::Bytes::new);
        rmp_serde::encode::write(out, &(generation, parts(entries), parts(facts), search))
            .map_err(|e| crate::error::Error::CacheEncode(e.to_string()))
    }
}

/// A locale file's parts: each family's entries and facts (name → encoded
/// part), and the search index's layout.
pub type LocaleParts<'a> = (
    &'a [(&'a str, &'a [u8])],
    &'a [(&'a str, &'a [u8])],
    Option<&'a [u8]>,
);

/// Writes locale `name`'s file (see [`LocaleFile::encode`]); returns its
/// bytes when `keep` (a server keeps them), else nothing: the file is
/// encoded straight into the cache folder, with no copy in memory.
pub fn write_locale_file(
    target: &Path,
    name: &str,
    generation: u64,
    (entries, facts, search): LocaleParts,
    keep: bool,
) -> Result<Option<Vec<u8>>> {
    let file = locale_file(name);
    if keep {
        let bytes = LocaleFile::encode(generation, entries, facts, search)?;
        crate::emit::overwrite_cache(target, &file, &bytes)?;
        return Ok(Some(bytes));
    }
    crate::emit::overwrite_cache_with(target, &file, |out| {
        LocaleFile::encode_into(out, generation, entries, facts, search)
    })?;
    Ok(None)
}

/// A locale's search index layout as its locale file keeps it: the hash
/// of the `search.json` it describes, its documents (path, end), its terms
/// (term, postings), in the cache's byte fields (as MessagePack, its
/// 12,000 strings took a few milliseconds to decode).
pub fn encode_layout(hash: u64, layout: &crate::render::search::Layout) -> Result<Vec<u8>> {
    let too_long = |_| crate::error::Error::CacheEncode("a search index too large".to_string());
    let postings = layout
        .terms
        .iter()
        .map(|(_, docs)| docs.len())
        .sum::<usize>();
    let size = layout.docs.iter().map(|(p, _)| p.len() + 12).sum::<usize>()
        + layout.terms.iter().map(|(t, _)| t.len() + 8).sum::<usize>()
        + postings * 4;
    let mut out = bytes::Writer::with_capacity(size + 16);
    out.u64(hash);
    out.len(layout.docs.len()).map_err(too_long)?;
    for (path, end) in &layout.docs {
        out.str(path).map_err(too_long)?;
        out.u64(*end);
    }
    out.len(layout.terms.len()).map_err(too_long)?;
    for (term, docs) in &layout.terms {
        out.str(term).map_err(too_long)?;
        out.len(docs.len()).map_err(too_long)?;
        for number in docs {
            out.len(*number as usize).map_err(too_long)?;
        }
    }
    Ok(out.0)
}

/// What [`encode_layout`] encoded; `None` when the bytes do not decode.
pub fn decode_layout(encoded: &[u8]) -> Option<(u64, crate::render::search::Layout<'static>)> {
    use std::borrow::Cow;
    let mut read = bytes::Reader(encoded);
    let hash = read.u64()?;
    let count = read.len()?;
    let mut docs = Vec::with_capacity(read.room(count, 12));
    for _ in 0..count {
        docs.push((Cow::Owned(read.str()?.to_string()), read.u64()?));
    }
    let count = read.len()?;
    let mut terms = Vec::with_capacity(read.room(count, 8));
    for _ in 0..count {
        let term = Cow::Owned(read.str()?.to_string());
        let count = read.len()?;
        let mut numbers = Vec::with_capacity(read.room(count, 4));
        for _ in 0..count {
            numbers.push(u32::try_from(read.len()?).ok()?);
        }
        terms.push((term, numbers));
    }
    read.0
        .is_empty()
        .then_some((hash, crate::render::search::Layout { docs, terms }))
}

/// Where each of `parts` (byte strings decoded from `bytes`, borrowed)
/// lies in `bytes`, by name; `None` if one lies outside.
fn ranges_in(
    bytes: &[u8],
    parts: HashMap<&str, &serde_bytes::Bytes>,
) -> Option<HashMap<String, std::ops::Range<usize>>> {
    parts
        .into_iter()
        .map(|(name, part)| Some((name.to_string(), range_in(bytes, part)?)))
        .collect()
}

/// Where `part` (borrowed from `bytes`) lies in `bytes`.
fn range_in(bytes: &[u8], part: &[u8]) -> Option<std::ops::Range<usize>> {
    let start = (part.as_ptr() as usize).checked_sub(bytes.as_ptr() as usize)?;
    let end = start
        .checked_add(part.len())
        .filter(|&end| end <= bytes.len())?;
    Some(start..end)
}

/// One family's part of a locale file, encoded.
pub fn encode_part<T: Serialize>(values: &[T]) -> Result<Vec<u8>> {
    rmp_serde::to_vec(values).map_err(|e| crate::error::Error::CacheEncode(e.to_string()))
}

/// One family's part of a locale file, decoded: empty when it has none,
/// `None` when the bytes do not decode.
pub fn decode_part<T: DeserializeOwned>(part: Option<&[u8]>) -> Option<Vec<T>> {
    match part {
        None => Some(Vec::new()),
        Some(bytes) => rmp_serde::from_slice(bytes).ok(),
    }
}

pub fn stamp(path: &Path) -> Option<Stamp> {
    crate::emit::stamp_of(&std::fs::metadata(path).ok()?)
}

pub fn hash_of<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut hasher = KeyHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// A hash of every file under `paths` (files or folders): path, size, time.
pub fn fingerprint(paths: &[PathBuf]) -> u64 {
    let mut hasher = KeyHasher::new();
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

/// The human report printed last for `target` (`report.bin`): the key of
/// what it was rendered from, the key of the options and helpc its
/// diagnostics' texts were rendered with, where each diagnostic's text lies
/// in it, and the text.
pub struct KeptReport {
    pub key: u64,
    pub blocks_key: u64,
    blocks: crate::diag::Blocks,
    pub text: String,
}

impl KeptReport {
    /// Each diagnostic's text, by its [`crate::diag::block_key`].
    pub fn texts(&self) -> foldhash::HashMap<u64, &str> {
        self.blocks
            .iter()
            .filter_map(|&(key, start, end)| Some((key, self.text.get(start..end)?)))
            .collect()
    }
}

/// The human report printed last for `target`, if any and whole: a damaged
/// or cut file, or a block outside the text, reads as none.
pub fn kept_report(target: &Path) -> Option<KeptReport> {
    let bytes = crate::emit::read_cache(target, REPORT)?;
    let mut reader = bytes::Reader(&bytes);
    let (key, blocks_key) = (reader.u64()?, reader.u64()?);
    let count = reader.len()?;
    let mut blocks = Vec::with_capacity(reader.room(count, 16));
    for _ in 0..count {
        blocks.push((reader.u64()?, reader.len()?, reader.len()?));
    }
    let text = reader.str()?;
    let whole = reader.0.is_empty()
        && blocks
            .iter()
            .all(|&(_, start, end)| text.get(start..end).is_some());
    whole.then(|| KeptReport {
        key,
        blocks_key,
        blocks,
        text: text.to_string(),
    })
}

/// The human report printed last for `target`, if it was rendered from
/// what `key` names.
pub fn saved_report(target: &Path, key: u64) -> Option<String> {
    kept_report(target)
        .filter(|kept| kept.key == key)
        .map(|kept| kept.text)
}

/// Keeps `text`, the human report rendered from what `key` names, and where
/// its diagnostics' texts (rendered as `blocks_key` says) lie in it.
pub fn save_report(
    target: &Path,
    key: u64,
    blocks_key: u64,
    blocks: &crate::diag::Blocks,
    text: &str,
) -> Result<()> {
    let mut writer = bytes::Writer::with_capacity(28 + 16 * blocks.len() + text.len());
    writer.u64(key);
    writer.u64(blocks_key);
    let too_long =
        |_| crate::error::Error::CacheEncode("the human report is too long to keep".to_string());
    writer.len(blocks.len()).map_err(too_long)?;
    for &(block, start, end) in blocks {
        writer.u64(block);
        writer.len(start).map_err(too_long)?;
        writer.len(end).map_err(too_long)?;
    }
    writer.str(text).map_err(too_long)?;
    crate::emit::write_cache(target, REPORT, &writer.0)
}

/// The state of the last build into `target`, if any and readable.
pub fn load_state(target: &Path) -> Option<State> {
    let state: State = load(target, STATE)?;
    (state.format == FORMAT).then_some(state)
}

pub fn load<T: DeserializeOwned>(target: &Path, name: &str) -> Option<T> {
    let bytes = crate::emit::read_cache(target, name)?;
    rmp_serde::from_slice(&bytes).ok()
}

/// The cache's encoding: MessagePack (the front matter it holds is
/// free-form, so values must describe themselves), structs as arrays:
/// field names were a fifth of the bytes. Every file is of the state's
/// format and binary (`FORMAT`, the global key), so fields never move
/// under a reader. The buffer
/// starts at the size of the file it replaces (`name`), which the new one
/// is most often close to: megabytes are not copied as the buffer grows.
fn encode<T: Serialize + ?Sized>(target: &Path, name: &str, value: &T) -> Result<Vec<u8>> {
    let known = crate::emit::cache_folder(target)
        .ok()
        .and_then(|folder| std::fs::symlink_metadata(folder.join(name)).ok())
        .filter(std::fs::Metadata::is_file)
        .map_or(0, |meta| meta.len());
    // Room for a little growth; never more than a sane cache file (the
    // file there may be anything someone put there).
    let capacity = usize::try_from(known.saturating_add(known / 16).min(256 << 20)).unwrap_or(0);
    let mut bytes = Vec::with_capacity(capacity);
    rmp_serde::encode::write(&mut bytes, value)
        .map_err(|e| crate::error::Error::CacheEncode(e.to_string()))?;
    Ok(bytes)
}

/// The families file as read: each family's results still encoded (the
/// file maps names to encoded results), so that a build decodes only what
/// it reuses, in parallel, and writes back unchanged what it reused.
///
/// The file is written whole by a build that renders much; a build that
/// renders a few families leaves it as it is and writes their results to
/// a delta file (with those of the delta before it that still hold),
/// which the next build reads over it: an edit no longer rewrites the
/// results of every family (7 MB for the corpus). The state keeps the
/// delta's hash: a delta of another build is never read.
pub struct FamilyBlobs {
    base: Vec<u8>,
    delta: Vec<u8>,
    /// Where each family's results lie: in the delta, or in the base.
    at: HashMap<String, (Blob, std::ops::Range<usize>)>,
}

/// Which file of the families a family's results were read from.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Blob {
    Base,
    Delta,
}

/// The delta is written while it holds at most this share of the base
/// file's bytes, and the base's families still in use at least the rest.
const DELTA_SHARE: usize = 4;

impl FamilyBlobs {
    /// `delta`: the hash of the delta file the state names, if any.
    fn read(target: &Path, delta: Option<u64>) -> Option<FamilyBlobs> {
        // Each file's families put in `at` in one pass (the delta's over
        // the base's).
        fn index_into(
            bytes: &[u8],
            from: Blob,
            at: &mut HashMap<String, (Blob, std::ops::Range<usize>)>,
        ) -> Option<()> {
            let index: HashMap<&str, &serde_bytes::Bytes> = rmp_serde::from_slice(bytes).ok()?;
            at.reserve(index.len());
            for (name, part) in index {
                at.insert(name.to_string(), (from, range_in(bytes, part)?));
            }
            Some(())
        }
        let base = crate::emit::read_cache(target, FAMILIES)?;
        let mut at = HashMap::default();
        index_into(&base, Blob::Base, &mut at)?;
        let delta = match delta {
            None => Vec::new(),
            Some(hash) => {
                let delta = crate::emit::read_cache(target, FAMILIES_DELTA)?;
                if crate::emit::content_hash(&delta) != hash {
                    return None;
                }
                index_into(&delta, Blob::Delta, &mut at)?;
                delta
            }
        };
        Some(FamilyBlobs { base, delta, at })
    }

    /// A family's results as read, and the file they came from.
    fn blob(&self, name: &str) -> Option<(&[u8], Blob)> {
        let (from, range) = self.at.get(name)?;
        let bytes = match from {
            Blob::Base => &self.base,
            Blob::Delta => &self.delta,
        };
        Some((bytes.get(range.clone())?, *from))
    }

    fn get(&self, name: &str) -> Option<&[u8]> {
        self.blob(name).map(|(bytes, _)| bytes)
    }

    fn decode<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        rmp_serde::from_slice(self.get(name)?).ok()
    }
}

/// Writes the families' results (name, results, whether the build reused
/// them as read), each encoded on its own; those reused are the bytes
/// read. Only those not in the base file go to the delta file while it
/// stays small (see [`FamilyBlobs`]); else the base is written whole and
/// the delta removed. Returns the delta's hash, if one is in use.
fn save_families<R: Serialize + Sync>(
    target: &Path,
    blobs: Option<&FamilyBlobs>,
    families: &[(&str, &R, bool)],
) -> Result<Option<u64>> {
    let encoded: Vec<(std::borrow::Cow<[u8]>, Option<Blob>)> = families
        .par_iter()
        .map(|&(name, result, reused)| {
            if let Some((read, from)) = blobs.filter(|_| reused).and_then(|b| b.blob(name)) {
                return Ok((std::borrow::Cow::Borrowed(read), Some(from)));
            }
            let mut bytes = Vec::new();
            rmp_serde::encode::write(&mut bytes, result)
                .map_err(|e| crate::error::Error::CacheEncode(e.to_string()))?;
            Ok((std::borrow::Cow::Owned(bytes), None))
        })
        .collect::<Result<_>>()?;
    // `delta`: only the families the base file does not hold as they are.
    let file = |delta: bool| -> BTreeMap<&str, &serde_bytes::Bytes> {
        families
            .iter()
            .zip(&encoded)
            .filter(|(_, (_, from))| !delta || *from != Some(Blob::Base))
            .map(|(&(name, _, _), (bytes, _))| (name, serde_bytes::Bytes::new(bytes)))
            .collect()
    };
    if let Some(blobs) = blobs {
        let (mut kept, mut changed) = (0, 0);
        for (bytes, from) in &encoded {
            match from {
                Some(Blob::Base) => kept += bytes.len(),
                _ => changed += bytes.len(),
            }
        }
        let room = blobs.base.len() / DELTA_SHARE;
        if changed <= room && kept >= blobs.base.len() - room {
            let delta = encode(target, FAMILIES_DELTA, &file(true))?;
            crate::emit::overwrite_cache(target, FAMILIES_DELTA, &delta)?;
            return Ok(Some(crate::emit::content_hash(&delta)));
        }
    }
    let whole = encode(target, FAMILIES, &file(false))?;
    crate::emit::overwrite_cache(target, FAMILIES, &whole)?;
    crate::emit::remove_cache_file(target, FAMILIES_DELTA)?;
    Ok(None)
}

/// Whether the content's keys (the global key, each family's in the
/// plan's order) differ from those the state was saved with.
fn content_changed(plan: &SitePlan, state: &State, global: u64, keyed: &[(u64, Vec<u64>)]) -> bool {
    global != state.global
        || keyed.len() != state.families.len()
        || plan
            .families
            .iter()
            .zip(keyed)
            .any(|(family, (key, _))| state.families.get(&family.name) != Some(key))
}

/// Whether every file the state lists in the output folder still has the
/// size and time the build left it with.
pub fn target_untouched(target: &Path, state: &State) -> bool {
    const CHUNK: usize = 1024;
    let files: Vec<(&String, &Stamp)> = state
        .target
        .files
        .iter()
        .map(|(rel, (_, stamp))| (rel, stamp))
        .collect();
    files.par_chunks(CHUNK).all(|chunk| {
        let paths: Vec<PathBuf> = chunk.iter().map(|(rel, _)| target.join(rel)).collect();
        let paths: Vec<&Path> = paths.iter().map(PathBuf::as_path).collect();
        // The output's own files: a link put in a page's place is not the page.
        crate::emit::stamps(&paths, Links::Own)
            .into_iter()
            .zip(chunk)
            .all(|(found, (_, expected))| found.as_ref() == Some(*expected))
    })
}

/// The output folder's files as this build left them: path → (hash,
/// stamp). The stamps the build saw as it wrote or kept each file are
/// taken as they are (moving the folder into place changes no file's size
/// or time); the others are read.
pub fn target_manifest(
    target: &Path,
    manifest: HashMap<String, (u64, Option<Stamp>)>,
) -> HashMap<String, (u64, Stamp)> {
    let mut files = HashMap::with_capacity_and_hasher(manifest.len(), Default::default());
    let mut unknown: Vec<(String, u64, PathBuf)> = Vec::new();
    for (rel, (hash, stamp)) in manifest {
        match stamp {
            Some(stamp) => {
                files.insert(rel, (hash, stamp));
            }
            None => {
                let path = target.join(&rel);
                unknown.push((rel, hash, path));
            }
        }
    }
    let paths: Vec<&Path> = unknown.iter().map(|(_, _, path)| path.as_path()).collect();
    let read = crate::emit::stamps(&paths, Links::Own);
    for ((rel, hash, _), stamp) in unknown.into_iter().zip(read) {
        if let Some(stamp) = stamp {
            files.insert(rel, (hash, stamp));
        }
    }
    files
}

/// What a long-running `serve` keeps of the last build, so that a rebuild
/// reads none of it back from the cache files: the state, each family's
/// results and each locale's bulk data. Each part is taken out by the
/// build that uses it and put back by its save: a build that fails leaves
/// it empty, and the next one falls back to the files.
pub struct Memory<T> {
    pub state: Option<State>,
    pub families: Option<HashMap<String, T>>,
    pub locales: HashMap<String, LocaleFile>,
}

impl<T> Default for Memory<T> {
    fn default() -> Self {
        Memory {
            state: None,
            families: None,
            locales: HashMap::default(),
        }
    }
}

/// What a build knows of a cached value before reading its file.
pub enum Known<T> {
    /// What a server kept in memory: used if it is of the state's build.
    Kept(T),
    /// Read from the file during this build (see [`Session::read_ahead`]).
    Read(T),
}

/// Locale files being read ahead ([`Session::read_ahead`]).
pub struct ReadAhead {
    handle: std::thread::JoinHandle<HashMap<String, LocaleFile>>,
}

impl ReadAhead {
    /// The files read, by locale name (none if the thread failed: they
    /// are read again where needed).
    pub fn finish(self) -> HashMap<String, LocaleFile> {
        self.handle.join().unwrap_or_default()
    }
}

/// One build's use of the cache: this build's keys beside the last
/// build's state. The only code that decides what is reused.
pub struct Session {
    global: u64,
    families: HashMap<String, u64>,
    /// Each locale's key of its articles' files (by locale folder name).
    locale_files: BTreeMap<String, u64>,
    /// The last build's state, if it left one.
    last: Option<State>,
    /// Whether the output folder still holds what that state lists; `None`
    /// when the content's keys changed, so that this build writes:
    /// then each file of the output is checked where it is used (see
    /// `emit::Output::adopt`).
    untouched: Option<bool>,
    /// Whether that state is the one a server kept in memory: only then
    /// are the families and locale data it kept beside it of the same
    /// build (after a failed rebuild, or another build into the same
    /// folder, the files are read instead).
    from_memory: bool,
    /// Whether that state still describes the output: same global key,
    /// output folder untouched.
    valid: bool,
    /// The families file as [`Session::take_reusable`] read it: what the
    /// build reuses unchanged is written back as it was read.
    blobs: Option<FamilyBlobs>,
}

impl Session {
    /// `options`: a key of what the command line and configuration add to
    /// every page.
    /// `kept`: the last build's state as a server kept it (`None`: read
    /// from the cache folder).
    pub fn open(target: &Path, options: u64, plan: &SitePlan, kept: Option<State>) -> Session {
        let stage = std::time::Instant::now();
        let from_memory = kept.as_ref().is_some_and(|state| state.format == FORMAT);
        let ((global, keyed), last) = rayon::join(
            || (global_key(plan, options), member_keys(plan)),
            || {
                kept.filter(|state| state.format == FORMAT)
                    .or_else(|| load_state(target))
            },
        );
        // The output's stamps only once the content's keys show no change:
        // a build that writes checks each file where it uses it instead
        // (started beside the keys, the check was a third of the `stat`
        // calls of a one-article rebuild, all of them wasted).
        let untouched = last.as_ref().and_then(|state| {
            (!content_changed(plan, state, global, &keyed)).then(|| target_untouched(target, state))
        });
        crate::progress::stage("cache: content and output stamps, state read", "", stage);
        let mut by_locale: BTreeMap<String, KeyHasher> = plan
            .locales
            .iter()
            .map(|l| (l.name().to_string(), KeyHasher::new()))
            .collect();
        for (family, (_, members)) in plan.families.iter().zip(&keyed) {
            for (member, key) in family.members.iter().zip(members) {
                if let Some(hasher) = by_locale.get_mut(plan.locale(member.locale).name()) {
                    hasher.write_u64(*key);
                }
            }
        }
        let families = plan
            .families
            .iter()
            .zip(&keyed)
            .map(|(f, (key, _))| (f.name.clone(), *key))
            .collect();
        let valid =
            untouched != Some(false) && last.as_ref().is_some_and(|state| state.global == global);
        Session {
            global,
            families,
            locale_files: by_locale
                .into_iter()
                .map(|(name, hasher)| (name, hasher.finish()))
                .collect(),
            last,
            untouched,
            from_memory,
            valid,
            blobs: None,
        }
    }

    /// What the staging folder holds from the last build, still encoded,
    /// to write over: taken out of the state (nothing else reads it), and
    /// decoded only by a build that writes (a no-op rebuild never does).
    /// With them, the output's files they are told against, and the
    /// staging folder's folders and their stamps.
    pub fn take_staged(
        &mut self,
    ) -> (
        std::sync::Arc<FileList>,
        Lazy<StagedDelta>,
        Vec<(String, Stamp)>,
    ) {
        self.last
            .as_mut()
            .map(|s| {
                (
                    std::sync::Arc::clone(&s.target.files),
                    std::mem::take(&mut s.staged),
                    std::mem::take(&mut s.staged_folders),
                )
            })
            .unwrap_or_default()
    }

    /// Gives back the last build's state (a no-op rebuild keeps it).
    pub fn into_state(self) -> Option<State> {
        self.last
    }

    /// The last build's state, when nothing changed since (and its
    /// diagnostics are still kept, for a report that needs them).
    pub fn unchanged(&self, target: &Path) -> Option<&State> {
        self.last.as_ref().filter(|state| {
            self.valid
                && self.untouched == Some(true)
                && state.families == self.families
                && diagnostics_kept(target, state.report.key)
        })
    }

    fn valid_state(&self) -> Option<&State> {
        self.last.as_ref().filter(|_| self.valid)
    }

    /// The hash of the file the last build left at `rel` in the output,
    /// and its stamp then.
    pub fn previous_output(&self, rel: &str) -> Option<(u64, Stamp)> {
        self.valid_state()?.target.files.get(rel).copied()
    }

    /// The key of the files of locale `name` in this build.
    pub fn locale_files(&self, name: &str) -> u64 {
        self.locale_files.get(name).copied().unwrap_or_default()
    }

    /// What the last build knew of locale `name`, if it still holds.
    pub fn locale(&self, name: &str) -> Option<&LocaleState> {
        self.valid_state()?.locales.get()?.get(name)
    }

    /// The bulk data the last build saved of locale `name`; `None` when
    /// it is missing, unreadable or not of the last build's generation.
    /// `kept`: what a server kept in memory of the locale, used instead of
    /// the file when it is of the same generation.
    pub fn load_locale(
        &self,
        target: &Path,
        name: &str,
        known: Option<Known<LocaleFile>>,
    ) -> Option<LocaleFile> {
        let expected = self.locale(name)?.generation;
        let data = match known {
            Some(Known::Kept(kept)) if self.from_memory && kept.generation == expected => kept,
            Some(Known::Read(read)) => read,
            _ => LocaleFile::parse(crate::emit::read_cache(target, &locale_file(name))?)?,
        };
        (data.generation == expected).then_some(data)
    }

    /// Starts reading, on a thread of its own, the files of the locales
    /// whose articles changed since the last build (their consistency
    /// pass runs again, so the build reads them back after rendering):
    /// the reading overlaps the rendering. `skip`: locales whose data is
    /// known otherwise (a server's memory).
    pub fn read_ahead(&self, target: &Path, skip: impl Fn(&str) -> bool) -> Option<ReadAhead> {
        let names: Vec<String> = self
            .valid_state()?
            .locales
            .get()?
            .iter()
            .filter(|(name, last)| last.files != self.locale_files(name) && !skip(name))
            .map(|(name, _)| name.clone())
            .collect();
        if names.is_empty() {
            return None;
        }
        let target = target.to_path_buf();
        let handle = std::thread::Builder::new()
            .name("helpc-read-ahead".into())
            .spawn(move || {
                names
                    .into_iter()
                    .filter_map(|name| {
                        let bytes = crate::emit::read_cache(&target, &locale_file(&name))?;
                        Some((name, LocaleFile::parse(bytes)?))
                    })
                    .collect()
            })
            .ok()?;
        Some(ReadAhead { handle })
    }

    /// The generation the next save writes.
    pub fn generation(&self) -> u64 {
        self.last.as_ref().map_or(0, |s| s.generation) + 1
    }

    /// Each family's cached results if its key is unchanged (in the plan's
    /// order). From here on the staging folder changes, so the saved state
    /// is removed: a cache left behind by a killed build would lie.
    /// `kept`: the families a server kept in memory, used instead of the
    /// file. Also returns the fragments' cached results (by the plan's
    /// fragments), all reused when the global key, which holds their
    /// stamps, is unchanged.
    pub fn take_reusable<T: DeserializeOwned + Send>(
        &mut self,
        target: &Path,
        plan: &SitePlan,
        kept: Option<HashMap<String, T>>,
    ) -> Result<Reusable<T>> {
        let valid = self.last.is_some() && self.valid;
        let kept = kept.filter(|_| valid && self.from_memory);
        let delta = self.last.as_ref().and_then(|last| last.families_delta);
        let blobs = (valid && kept.is_none())
            .then(|| FamilyBlobs::read(target, delta))
            .flatten();
        crate::emit::drop_cache_state(target, STATE)?;
        let last = self.last.as_ref().filter(|_| self.valid);
        let unchanged = |name: &str| {
            self.families
                .get(name)
                .is_some_and(|key| last.and_then(|l| l.families.get(name)) == Some(key))
        };
        // What the server kept, else each family decoded on its own, in parallel.
        let kept = kept.map(std::sync::Mutex::new);
        let take = |name: &str| match (&kept, &blobs) {
            (Some(kept), _) => kept
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .remove(name),
            (None, Some(blobs)) => blobs.decode(name),
            (None, None) => None,
        };
        let reusable = (
            plan.families
                .par_iter()
                .map(|f| unchanged(&f.name).then(|| take(&f.name)).flatten())
                .collect(),
            plan.fragments
                .par_iter()
                .map(|m| take(&fragment_key(&m.file.rel)))
                .collect(),
        );
        self.blobs = blobs;
        Ok(reusable)
    }

    /// Saves the cache for the next build, after the new site is in place,
    /// and returns the state saved and the locale files' bytes `data`
    /// returned. `manifest`: what the build wrote (path → hash and stamp);
    /// `locales`: each locale's state; `data`: writes the locale files of
    /// this generation (the others are still those of their state's),
    /// beside the families file (see [`write_locale_file`]).
    #[allow(clippy::too_many_arguments)]
    pub fn save<R: Serialize + Sync>(
        mut self,
        target: &Path,
        manifest: HashMap<String, (u64, Option<Stamp>)>,
        report: &crate::diag::Report,
        pages: usize,
        left_out: &[String],
        families: &[(&str, &R, bool)],
        locales: BTreeMap<String, LocaleState>,
        data: &(dyn Fn() -> Result<LocaleData> + Sync),
    ) -> Result<(State, LocaleData)> {
        let generation = self.generation();
        let locale_files = &self.locale_files;
        let last_report = self.last.as_ref().map(|s| s.report.key);
        // After the exchange, the staging folder holds what the output held
        // (known even when the state's keys no longer hold: a full build
        // followed by an edit then writes only what changed). Moved out of
        // the last state, not copied.
        let (staged, staged_folders) = match self.last.take() {
            Some(state) if self.untouched != Some(false) => {
                (Some(state.target.files), state.target_folders)
            }
            _ => (None, Vec::new()),
        };
        // Normally gone already (`take_reusable`): the locale files below
        // are written in place, which is safe only without a state.
        crate::emit::drop_cache_state(target, STATE)?;
        // The families file is encoded and written beside the locale files,
        // the report's key and diagnostics and the output's manifest; the
        // state last.
        let blobs = self.blobs.as_ref();
        let ((written, facts), ((target_files, target_folders, staged), families)) = rayon::join(
            || {
                rayon::join(data, || {
                    let facts = ReportFacts::of(report);
                    let locales = Lazy::encoded_now(locales);
                    save_diagnostics(target, report, facts.key, last_report)
                        .map(|()| (facts, locales))
                })
            },
            || {
                rayon::join(
                    || {
                        let target_files = target_manifest(target, manifest);
                        let folders = crate::emit::folder_stamps(
                            target,
                            target_files.keys().map(String::as_str),
                        );
                        // Not known: missing, read as such.
                        let staged = staged
                            .map(|staged| {
                                Lazy::encoded_now(StagedDelta::between(&staged, &target_files))
                            })
                            .unwrap_or_default();
                        (TargetFiles::encoded_now(target_files), folders, staged)
                    },
                    || save_families(target, blobs, families),
                )
            },
        );
        let data = written?;
        let (facts, locales) = facts?;
        let families_delta = families?;
        prune_cache(target, plan_locales(locale_files))?;
        let mut state = State {
            format: FORMAT,
            global: self.global,
            families: self.families,
            target: target_files,
            staged,
            by_locale: report.by_locale.clone(),
            report: facts,
            pages,
            left_out: left_out.to_vec(),
            generation,
            locales,
            target_folders,
            staged_folders,
            families_delta,
        };
        crate::emit::write_cache_with(target, STATE, |out| {
            rmp_serde::encode::write(out, &state)
                .map_err(|e| crate::error::Error::CacheEncode(e.to_string()))
        })?;
        // Written: a server that keeps the state needs the list, not its bytes.
        state.target.encoded = None;
        Ok((state, data))
    }
}

fn plan_locales(locales: &BTreeMap<String, u64>) -> impl Iterator<Item = &str> {
    locales.keys().map(String::as_str)
}

/// Removes the cache files of an older format or of locales gone: only
/// names the cache writes (`*.bin`, `*.json`, `*.tmp`), in its own folder.
fn prune_cache<'a>(target: &Path, locales: impl Iterator<Item = &'a str>) -> Result<()> {
    let folder = crate::emit::cache_folder(target)?;
    let mut kept: std::collections::HashSet<String> = locales.map(locale_file).collect();
    kept.extend([STATE, FAMILIES, FAMILIES_DELTA, REPORT, DIAGNOSTICS].map(String::from));
    // The last state, moved aside to be written over (`emit::drop_cache_state`).
    kept.insert(format!("{STATE}.tmp"));
    let Ok(listing) = std::fs::read_dir(&folder) else {
        return Ok(());
    };
    for entry in listing.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = [".bin", ".json", ".tmp"]
            .iter()
            .any(|ext| name.ends_with(ext));
        if ours && !kept.contains(&name) && entry.file_type().is_ok_and(|t| t.is_file()) {
            std::fs::remove_file(entry.path()).map_err(crate::error::io("remove", entry.path()))?;
        }
    }
    Ok(())
}

/// What a build takes from the cache: each family's results and each
/// fragment's, where they still hold (in the plan's order).
pub type Reusable<T> = (Vec<Option<T>>, Vec<Option<T>>);

/// Where the families file keeps a fragment's results: no family's name
/// starts with a NUL.
pub fn fragment_key(rel: &str) -> String {
    format!("\u{0}{rel}")
}

/// Each family's key (its files, their sizes and times) and each member's,
/// in the plan's order.
fn member_keys(plan: &SitePlan) -> Vec<(u64, Vec<u64>)> {
    let paths: Vec<&Path> = plan
        .families
        .iter()
        .flat_map(|f| f.members.iter().map(|m| m.file.abs.as_path()))
        .collect();
    // Content may be linked in: a link's file is what the page is made of.
    let mut found = crate::emit::stamps(&paths, Links::Followed).into_iter();
    plan.families
        .iter()
        .map(|family: &Family| {
            let stamps: Vec<(&str, Option<Stamp>)> = family
                .members
                .iter()
                .map(|member| (member.file.rel.as_str(), found.next().flatten()))
                .collect();
            let members = stamps.iter().map(hash_of).collect();
            (hash_of(&stamps), members)
        })
        .collect()
}

/// The key of what every page depends on besides its own files: the
/// options, the list of content files (links are checked against it), and
/// the TOCs, fragments and other files.
pub(crate) fn global_key(plan: &SitePlan, options: u64) -> u64 {
    let mut listed: Vec<(&str, Option<Stamp>)> = Vec::new();
    for locale in plan.content_locales() {
        let folder = &locale.folder;
        for file in &folder.markdown {
            let stamp = file.fragment.then(|| stamp(&file.abs)).flatten();
            listed.push((&file.rel, stamp));
        }
        for file in &folder.assets {
            listed.push((&file.rel, None));
        }
        for rel in &folder.others {
            listed.push((rel, stamp(&plan.root.join(rel))));
        }
    }
    listed.sort();
    hash_of(&(options, binary_key(), &listed, &plan.diagnostics.len()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_staging_folder_is_kept_as_its_difference_from_the_output() {
        let stamp = |inode: u64, changed: i128| Stamp {
            len: 1,
            modified: 2,
            changed,
            inode,
        };
        let file = |rel: &str, hash: u64, stamp: Stamp| (rel.to_string(), (hash, stamp));
        // The output the build before left, now in the staging folder.
        let staged: FileList = [
            file("same.html", 1, stamp(1, 10)),
            file("rewritten.html", 2, stamp(2, 10)),
            file("gone.html", 3, stamp(3, 10)),
            // A second name of the new output's file: its change time moved.
            file("linked.html", 5, stamp(5, 10)),
        ]
        .into_iter()
        .collect();
        // The new output.
        let target: FileList = [
            file("same.html", 1, stamp(1, 10)),
            file("rewritten.html", 9, stamp(9, 20)),
            file("new.html", 4, stamp(4, 20)),
            file("linked.html", 5, stamp(5, 20)),
        ]
        .into_iter()
        .collect();
        let delta = StagedDelta::between(&staged, &target);
        let mut changed: Vec<&str> = delta.changed.keys().map(String::as_str).collect();
        changed.sort_unstable();
        assert_eq!(changed, ["gone.html", "rewritten.html"]);
        assert_eq!(delta.absent, ["new.html"]);
        let view =
            crate::emit::Staged::new(std::sync::Arc::new(target), delta.changed, delta.absent);
        assert_eq!(view.get("same.html"), Some(&(1, stamp(1, 10))));
        assert_eq!(view.get("rewritten.html"), Some(&(2, stamp(2, 10))));
        assert_eq!(view.get("gone.html"), Some(&(3, stamp(3, 10))));
        assert_eq!(view.get("linked.html"), Some(&(5, stamp(5, 20))));
        assert_eq!(view.get("new.html"), None);
        let mut keys: Vec<&str> = view.keys().map(String::as_str).collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["gone.html", "linked.html", "rewritten.html", "same.html"]
        );
    }

    #[test]
    fn a_locale_file_keeps_each_familys_parts_as_encoded() {
        let entries = encode_part(&["entry one", "entry two"]).unwrap();
        let facts = encode_part(&[7u32]).unwrap();
        let bytes = LocaleFile::encode(
            3,
            &[("guides/a.md", &entries)],
            &[("guides/a.md", &facts), ("b.md", &facts)],
            Some(b"layout"),
        )
        .unwrap();
        let file = LocaleFile::parse(bytes.clone()).unwrap();
        assert_eq!(file.generation, 3);
        assert_eq!(file.search(), Some(&b"layout"[..]));
        let without = LocaleFile::encode(3, &[], &[], None).unwrap();
        assert_eq!(LocaleFile::parse(without).unwrap().search(), None);
        let doc = crate::render::search::SearchDoc::new("Titre", "a.html", "mot 送信", None);
        for docs in [vec![], vec![("fr-FR/a.md", &doc), ("fr-FR/b.md", &doc)]] {
            let (text, layout) = crate::render::search::index_json(&docs);
            let hash = crate::emit::content_hash(&text);
            let encoded = encode_layout(hash, &layout).unwrap();
            assert_eq!(decode_layout(&encoded), Some((hash, layout)));
            assert_eq!(decode_layout(&encoded[..encoded.len() - 1]), None);
            assert_eq!(decode_layout(&[encoded.as_slice(), b"x"].concat()), None);
        }
        assert_eq!(file.entries("guides/a.md"), Some(entries.as_slice()));
        assert_eq!(file.entries("b.md"), None);
        assert_eq!(file.facts("b.md"), Some(facts.as_slice()));
        let decoded: Vec<String> = decode_part(file.entries("guides/a.md")).unwrap();
        assert_eq!(decoded, ["entry one", "entry two"]);
        // A family with no part here has none to decode.
        assert_eq!(
            decode_part::<String>(file.entries("b.md")),
            Some(Vec::new())
        );
        // A damaged part, a cut file, another file: nothing to decode.
        assert_eq!(decode_part::<String>(Some(&[0xc1])), None);
        assert!(LocaleFile::parse(bytes[..bytes.len() / 2].to_vec()).is_none());
        assert!(LocaleFile::parse(b"not a locale file".to_vec()).is_none());
    }

    #[test]
    fn a_kept_human_report_reuses_its_diagnostics_texts_or_reads_as_none() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let rule = crate::rules::Rule::SegmentEmpty;
        let first = Diagnostic::new(rule, "fr-FR/a.md", "first message");
        let report = |messages: &[&str]| {
            let diagnostics = messages
                .iter()
                .map(|m| Diagnostic::new(rule, "fr-FR/a.md", *m))
                .collect();
            crate::diag::Report::new(BTreeMap::new(), diagnostics)
        };
        let options = crate::diag::HumanOptions::default();
        let (text, blocks) = crate::diag::render_human_reusing(
            &report(&["first message", "second message"]),
            &options,
            &Default::default(),
        );
        save_report(&target, 7, 9, &blocks, &text).unwrap();
        assert_eq!(saved_report(&target, 7).as_deref(), Some(text.as_str()));
        assert_eq!(saved_report(&target, 8), None);
        let kept = kept_report(&target).unwrap();
        assert_eq!(kept.blocks_key, 9);
        let texts = kept.texts();
        assert_eq!(texts.len(), 2);
        // A kept text stands for its diagnostic: a report that still has it
        // takes it as it was (here, a marked copy shows it was reused).
        let mut marked = texts.clone();
        let key = crate::diag::block_key(&first, false);
        let reused = format!("{}(kept)", texts[&key]);
        marked.insert(key, &reused);
        let (again, _) = crate::diag::render_human_reusing(
            &report(&["first message", "third"]),
            &options,
            &marked,
        );
        assert!(again.contains(&reused) && again.contains("third"));
        assert_eq!(
            again.replace("(kept)", ""),
            crate::diag::render_human_with(&report(&["first message", "third"]), &options)
        );
        // Cut or with a block past the text: none.
        let bytes = crate::emit::read_cache(&target, REPORT).unwrap();
        for cut in [0, 8, 20, bytes.len() - 1] {
            crate::emit::write_cache(&target, REPORT, &bytes[..cut]).unwrap();
            assert!(kept_report(&target).is_none(), "{cut}");
        }
        let mut past = bytes.clone();
        past[28..32].copy_from_slice(&u32::MAX.to_le_bytes());
        crate::emit::write_cache(&target, REPORT, &past).unwrap();
        assert!(kept_report(&target).is_none());
    }

    #[test]
    fn kept_diagnostics_decode_to_the_reports_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("public");
        let diagnostics = vec![
            Diagnostic::new(
                crate::rules::Rule::SegmentEmpty,
                "fr-FR/a.md",
                "first message",
            ),
            Diagnostic::new(
                crate::rules::Rule::SegmentEmpty,
                "fr-FR/b.md",
                "second message",
            ),
        ];
        let report = crate::diag::Report::new(BTreeMap::new(), diagnostics);
        let facts = ReportFacts::of(&report);
        assert_eq!(facts.key, report_key(&report));
        let kept = KeptDiagnostics::new(&target, facts);
        assert_eq!(kept.decode(&report.by_locale), None);
        save_diagnostics(&target, &report, facts.key, Some(facts.key)).unwrap();
        assert!(diagnostics_kept(&target, facts.key));
        assert_eq!(
            kept.decode(&report.by_locale),
            Some(report.diagnostics.clone())
        );
        // A byte changed inside a message: the file is not kept, and the
        // next save writes it again.
        let file = crate::emit::cache_folder(&target)
            .unwrap()
            .join(DIAGNOSTICS);
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes.windows(6).position(|w| w == b"second").unwrap();
        bytes[at] = b'S';
        std::fs::write(&file, &bytes).unwrap();
        assert!(!diagnostics_kept(&target, facts.key));
        assert_eq!(kept.decode(&report.by_locale), None);
        save_diagnostics(&target, &report, facts.key, Some(facts.key)).unwrap();
        assert!(diagnostics_kept(&target, facts.key));
        assert_eq!(
            kept.decode(&report.by_locale),
            Some(report.diagnostics.clone())
        );
        std::fs::write(&file, b"short").unwrap();
        assert!(!diagnostics_kept(&target, facts.key));
        assert_eq!(kept.decode(&report.by_locale), None);
    }

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
        let manifest: HashMap<String, (u64, Option<Stamp>)> =
            [("a.html".to_string(), (7, None))].into_iter().collect();
        let target_files = target_manifest(&target, manifest);
        let locales: BTreeMap<String, LocaleState> = [(
            "fr-FR".to_string(),
            LocaleState {
                indexes: 3,
                ..LocaleState::default()
            },
        )]
        .into();
        let staged = StagedDelta {
            changed: target_files.clone(),
            absent: vec!["gone.html".to_string()],
        };
        let state = State {
            format: FORMAT,
            global: 42,
            staged: Lazy::new(staged.clone()),
            target: TargetFiles::encoded_now(target_files),
            locales: Lazy::new(locales),
            ..State::default()
        };
        let bytes = encode(&target, STATE, &state).unwrap();
        crate::emit::write_cache(&target, STATE, &bytes).unwrap();
        let mut loaded = load_state(&target).unwrap();
        assert_eq!(loaded.global, 42);
        // The lazy parts decode when asked, once.
        assert_eq!(loaded.locales.get().unwrap()["fr-FR"].indexes, 3);
        assert_eq!(loaded.staged.take().unwrap(), staged);
        assert_eq!(loaded.target, state.target);
        assert!(loaded.staged.take().is_none());
        assert!(Lazy::<u8>::default().get().is_none());
        assert!(target_untouched(&target, &loaded));
        std::fs::write(target.join("a.html"), "edited page").unwrap();
        assert!(!target_untouched(&target, &loaded));
    }

    #[test]
    fn segment_facts_keep_every_field_and_refuse_damage() {
        use crate::check::consistency::SegmentKey;
        let key = |index: usize, labels: Vec<(String, String)>, plain: &str| SegmentKey {
            index,
            source: u64::MAX,
            target: 1,
            technical: (2, u64::MAX - 1),
            words: 17,
            raw_labels: labels
                .iter()
                .map(|(s, t)| (s.to_uppercase(), t.clone()))
                .collect(),
            labels,
            plain: plain.to_string(),
        };
        let keys = vec![
            key(0, Vec::new(), ""),
            key(
                5,
                vec![
                    ("save".into(), "enregistrer".into()),
                    (String::new(), "é".into()),
                ],
                "cliquez sur",
            ),
            key(
                usize::from(u16::MAX),
                vec![("x".into(), "ファイル".into())],
                "の",
            ),
        ];
        let encoded = rmp_serde::to_vec(&serde_bytes_of(&keys)).unwrap();
        let raw: serde_bytes::ByteBuf = rmp_serde::from_slice(&encoded).unwrap();
        let decoded = segment_keys::decode(&raw).unwrap();
        assert_eq!(format!("{decoded:?}"), format!("{keys:?}"));
        assert_eq!(
            segment_keys::decode(&0u32.to_le_bytes()).map(|k| k.len()),
            Some(0)
        );
        for cut in 0..raw.len() {
            assert!(segment_keys::decode(&raw[..cut]).is_none(), "cut at {cut}");
        }
        let mut longer = raw.to_vec();
        longer.push(0);
        assert!(segment_keys::decode(&longer).is_none());
    }

    /// The bytes `segment_keys` writes for `keys`, as serde sees them.
    fn serde_bytes_of(keys: &[crate::check::consistency::SegmentKey]) -> impl Serialize + '_ {
        struct Keys<'a>(&'a [crate::check::consistency::SegmentKey]);
        impl Serialize for Keys<'_> {
            fn serialize<S: serde::Serializer>(
                &self,
                s: S,
            ) -> std::result::Result<S::Ok, S::Error> {
                segment_keys::serialize(self.0, s)
            }
        }
        Keys(keys)
    }

    #[test]
    fn file_lists_keep_every_field_and_refuse_damage() {
        let stamp = |n: i128| Stamp {
            len: 5,
            modified: -n,
            changed: i128::MAX - n,
            inode: u64::MAX,
        };
        let files: FileList = [
            ("fr-fr/é.html".to_string(), (u64::MAX, stamp(1))),
            (String::new(), (0, stamp(2))),
            ("a/b.html".to_string(), (7, stamp(-3))),
        ]
        .into_iter()
        .collect();
        let staged = StagedDelta {
            changed: files.clone(),
            absent: vec!["b.html".to_string()],
        };
        let bytes = rmp_serde::to_vec(&staged).unwrap();
        assert_eq!(
            rmp_serde::from_slice::<StagedDelta>(&bytes).unwrap(),
            staged
        );
        let empty = rmp_serde::to_vec(&StagedDelta::default()).unwrap();
        assert_eq!(
            rmp_serde::from_slice::<StagedDelta>(&empty).unwrap(),
            StagedDelta::default()
        );
        // The list as one byte string: cut anywhere, it is refused.
        let (raw, _): (serde_bytes::ByteBuf, Vec<String>) = rmp_serde::from_slice(&bytes).unwrap();
        assert_eq!(files_codec::decode(&raw), Some(files));
        for cut in 0..raw.len() {
            assert_eq!(files_codec::decode(&raw[..cut]), None, "cut at {cut}");
        }
        let mut longer = raw.to_vec();
        longer.push(0);
        assert_eq!(files_codec::decode(&longer), None);
        // Two paths the same: fewer files than counted.
        let one = |path: &str| {
            let mut bytes = (path.len() as u32).to_le_bytes().to_vec();
            bytes.extend_from_slice(path.as_bytes());
            bytes.extend_from_slice(&[0; 56]);
            bytes
        };
        let twice = [2u32.to_le_bytes().to_vec(), one("a"), one("a")].concat();
        assert_eq!(files_codec::decode(&twice), None);
        assert_eq!(
            files_codec::decode(&[1u32.to_le_bytes().to_vec(), one("a")].concat()).map(|f| f.len()),
            Some(1)
        );
        let mut bad_path = [1u32.to_le_bytes(), 2u32.to_le_bytes()].concat();
        bad_path.extend_from_slice(&[0xff, 0xfe]);
        bad_path.extend_from_slice(&[0; 56]);
        assert_eq!(files_codec::decode(&bad_path), None);
    }
}
