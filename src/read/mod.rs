//! Stage 2: read one file into an [`Article`]: its front matter, its
//! segments with exact byte ranges, and the two documents it holds.

pub mod docfx;
pub mod frontmatter;
pub mod markers;
pub mod segments;
pub mod toc;

use std::ops::Range;

use serde_json::{Map, Value};

use crate::discover::ContentFile;
use crate::source::LineIndex;
pub use segments::{Piece, Scan, Segment, Shape, Stray};

/// Which of the two documents in a file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Target,
    Source,
}

#[derive(Clone, Debug, PartialEq)]
pub enum FrontMatter {
    /// The file does not start with a `---` line.
    Missing,
    /// A `---` line opens a block that is never closed.
    Unterminated { yaml: Range<usize> },
    /// The block is not a YAML mapping. `line` is 0-based within the file.
    Invalid {
        yaml: Range<usize>,
        line: Option<usize>,
        message: String,
    },
    Valid {
        yaml: Range<usize>,
        map: Map<String, Value>,
    },
}

impl FrontMatter {
    pub fn map(&self) -> Option<&Map<String, Value>> {
        match self {
            FrontMatter::Valid { map, .. } => Some(map),
            _ => None,
        }
    }

    /// A string value, trimmed; `None` when absent, empty or not a scalar.
    pub fn string(&self, key: &str) -> Option<String> {
        let text = match self.map()?.get(key)? {
            Value::String(s) => s.trim().to_string(),
            Value::Number(n) => n.to_string(),
            Value::Bool(b) => b.to_string(),
            _ => return None,
        };
        (!text.is_empty()).then_some(text)
    }

    pub fn yaml_range(&self) -> Option<Range<usize>> {
        match self {
            FrontMatter::Missing => None,
            FrontMatter::Unterminated { yaml }
            | FrontMatter::Invalid { yaml, .. }
            | FrontMatter::Valid { yaml, .. } => Some(yaml.clone()),
        }
    }
}

/// A run of a document copied from the file: its offset in the document,
/// its offset in the file, its length, and the segment it belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Origin {
    pub document: usize,
    pub file: usize,
    pub len: usize,
    pub segment: Option<usize>,
}

/// Maps a document offset back to the file, with its segment.
pub fn file_offset(origins: &[Origin], document: usize) -> Option<(usize, Option<usize>)> {
    let index = origins
        .partition_point(|o| o.document <= document)
        .checked_sub(1)?;
    let origin = origins[index];
    (document < origin.document + origin.len)
        .then(|| (origin.file + document - origin.document, origin.segment))
}

/// Why a file could not be read as text.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ReadError {
    #[error("cannot read the file: {0}")]
    Io(String),
    /// Not UTF-8, or holds a NUL byte. `text` is the file decoded lossily;
    /// `offset` is the first bad byte (the same in both).
    #[error("{reason} (at byte {offset})")]
    Encoding {
        text: String,
        offset: usize,
        reason: String,
    },
}

#[derive(Clone, Debug)]
pub struct Article {
    pub file: ContentFile,
    /// The file's text without a byte-order mark.
    pub text: String,
    pub lines: LineIndex,
    pub front_matter: FrontMatter,
    /// Where the body starts (after the front matter block).
    pub body: usize,
    pub scan: Scan,
    /// Whether the source is English, decided once: several rules ask.
    english: std::sync::OnceLock<bool>,
}

/// Reads and parses one file from disk.
pub fn read_file(file: &ContentFile) -> Result<Article, ReadError> {
    let bytes = read_bytes(&file.abs).map_err(|e| ReadError::Io(e.to_string()))?;
    parse(file.clone(), bytes)
}

/// Which run a thread's opened folders belong to (see [`new_run`]).
static RUN: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

/// Starts a new run of reading: folders opened before are opened again (a
/// server reads on across rebuilds, and a folder may have been replaced).
pub fn new_run() {
    RUN.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
}

/// The bytes of the file at `path`, as `std::fs::read` gives them, opened
/// from its folder: each thread keeps the last folders it opened in this
/// run, and the kernel then walks one name instead of the whole path (the
/// walk was a third of reading the corpus).
fn read_bytes(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    use crate::emit::Folder;
    use std::cell::RefCell;
    use std::io::Read;
    /// Folders kept per thread: a family's files are in one folder per locale.
    const KEPT: usize = 16;
    thread_local! {
        static FOLDERS: RefCell<Vec<(u64, Folder)>> = const { RefCell::new(Vec::new()) };
    }
    let Some((folder, name)) = crate::emit::folder_and_name(path) else {
        return std::fs::read(path);
    };
    let run = RUN.load(std::sync::atomic::Ordering::Relaxed);
    let opened = FOLDERS.with_borrow_mut(|folders| {
        folders.retain(|(of, _)| *of == run);
        let at = match folders.iter().position(|(_, f)| f.path() == folder) {
            Some(at) => at,
            None => {
                if folders.len() == KEPT {
                    folders.remove(0);
                }
                folders.push((run, Folder::open(std::path::Path::new(folder))));
                folders.len() - 1
            }
        };
        folders[at].1.open_file(name)
    });
    // A folder that cannot be opened: the path as it is, for its error.
    let Some(file) = opened else {
        return std::fs::read(path);
    };
    let mut file = file?;
    let size = file.metadata().map(|m| m.len()).ok();
    let mut bytes = Vec::new();
    bytes.try_reserve_exact(size.and_then(|s| usize::try_from(s).ok()).unwrap_or(0))?;
    file.read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// `String::from_utf8`, validated with SIMD instructions (std's check was a
/// fiftieth of `helpc check`'s time); std's error when the bytes are not UTF-8.
#[allow(unsafe_code)] // the bytes are validated just before
fn utf8_string(bytes: Vec<u8>) -> Result<String, std::string::FromUtf8Error> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated every byte as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        String::from_utf8(bytes)
    }
}

/// Parses a file's bytes. One pass for the encoding, one for the segments.
pub fn parse(file: ContentFile, bytes: Vec<u8>) -> Result<Article, ReadError> {
    let mut text = match utf8_string(bytes) {
        Ok(text) => text,
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            return Err(ReadError::Encoding {
                text: String::from_utf8_lossy(error.as_bytes()).into_owned(),
                offset,
                reason: "the file is not valid UTF-8".to_string(),
            });
        }
    };
    if let Some(offset) = memchr::memchr(0, text.as_bytes()) {
        return Err(ReadError::Encoding {
            text,
            offset,
            reason: "the file holds a NUL byte: it is binary, not text".to_string(),
        });
    }
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    let lines = LineIndex::new(&text);
    let (front_matter, body) = read_front_matter(&text);
    let scan = segments::scan(&text);
    Ok(Article {
        file,
        text,
        lines,
        front_matter,
        body,
        scan,
        english: std::sync::OnceLock::new(),
    })
}

fn read_front_matter(text: &str) -> (FrontMatter, usize) {
    let Some(block) = frontmatter::split(text) else {
        return (FrontMatter::Missing, 0);
    };
    if !block.closed {
        return (FrontMatter::Unterminated { yaml: block.yaml }, block.body);
    }
    let front_matter = match crate::yaml::parse_mapping(&text[block.yaml.clone()]) {
        Ok(map) => FrontMatter::Valid {
            yaml: block.yaml,
            map,
        },
        Err(error) => {
            // The YAML starts on line 2 of the file (after the opening fence).
            let first_line = 1;
            FrontMatter::Invalid {
                line: error.line.map(|l| l + first_line),
                message: error.message,
                yaml: block.yaml,
            }
        }
    };
    (front_matter, block.body)
}

impl Article {
    /// `compute`'s answer the first time it is asked, the same after.
    pub fn english_once(&self, compute: impl FnOnce() -> bool) -> bool {
        *self.english.get_or_init(compute)
    }

    pub fn id<'a>(&'a self, segment: &Segment) -> &'a str {
        &self.text[segment.id.clone()]
    }

    pub fn target<'a>(&'a self, segment: &Segment) -> &'a str {
        &self.text[segment.target.clone()]
    }

    pub fn source<'a>(&'a self, segment: &Segment) -> Option<&'a str> {
        segment.source.as_ref().map(|s| &self.text[s.text.clone()])
    }

    /// Segments of the body (not of a translated front matter block).
    pub fn body_segments(&self) -> impl Iterator<Item = &Segment> {
        self.scan.segments.iter().filter(|s| s.start >= self.body)
    }

    /// One of the two documents of the body: every segment replaced by its
    /// TARGET or its SOURCE; text between segments kept as it is.
    pub fn document(&self, side: Side) -> String {
        self.document_with_origins(side).0
    }

    /// The document, and where each of its runs comes from in the file.
    pub fn document_with_origins(&self, side: Side) -> (String, Vec<Origin>) {
        let mut out = String::with_capacity(self.text.len() - self.body);
        let mut origins = Vec::with_capacity(self.scan.pieces.len());
        let mut push = |out: &mut String, range: std::ops::Range<usize>, segment: Option<usize>| {
            if range.is_empty() {
                return;
            }
            origins.push(Origin {
                document: out.len(),
                file: range.start,
                len: range.len(),
                segment,
            });
            out.push_str(&self.text[range]);
        };
        for piece in &self.scan.pieces {
            match *piece {
                Piece::Text(start, end) => {
                    if end > self.body {
                        push(&mut out, start.max(self.body)..end, None);
                    }
                }
                Piece::Segment(index) => {
                    let segment = &self.scan.segments[index];
                    if segment.start < self.body {
                        continue;
                    }
                    let gap = segment.gap.clone().unwrap_or(0..0);
                    match side {
                        Side::Target => {
                            push(&mut out, segment.target.clone(), Some(index));
                            push(&mut out, gap, None);
                        }
                        Side::Source => {
                            push(&mut out, gap, None);
                            if let Some(source) = &segment.source {
                                push(&mut out, source.text.clone(), Some(index));
                            }
                        }
                    }
                }
            }
        }
        (out, origins)
    }

    /// The English title: the SOURCE of the first heading's segment.
    pub fn source_title(&self) -> Option<&str> {
        self.body_segments().find_map(|segment| {
            let line = self.lines.line_range(&self.text, segment.start);
            let before = self.text[line.start..segment.start].trim_start();
            let heading = before.starts_with('#');
            heading.then(|| self.source(segment)).flatten()
        })
    }

    /// The offset of `key:` at the start of a front matter line.
    pub fn front_matter_key(&self, key: &str) -> Option<usize> {
        let yaml = self.front_matter.yaml_range()?;
        let mut offset = yaml.start;
        for line in self.text[yaml].split_inclusive('\n') {
            let unquoted = line.trim_start_matches(['"', '\'']);
            let rest = unquoted
                .strip_prefix(key)
                .map(|r| r.trim_start_matches(['"', '\'']));
            if rest.is_some_and(|r| r.trim_start().starts_with(':')) {
                return Some(offset);
            }
            offset += line.len();
        }
        None
    }

    pub fn is_machine_translated(&self) -> bool {
        self.front_matter
            .string("ms.translationtype")
            .is_some_and(|t| t.eq_ignore_ascii_case("MT"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_read_from_their_folder_are_the_files_of_their_path() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("fr-FR");
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.md"), "première").unwrap();
        std::fs::write(folder.join("b.md"), "").unwrap();
        assert_eq!(
            read_bytes(&folder.join("a.md")).unwrap(),
            "première".as_bytes()
        );
        assert_eq!(read_bytes(&folder.join("b.md")).unwrap(), b"");
        // Missing files and folders fail as `std::fs::read` does.
        for missing in [folder.join("c.md"), dir.path().join("de-DE/a.md")] {
            let ours = read_bytes(&missing).unwrap_err();
            assert_eq!(ours.kind(), std::fs::read(&missing).unwrap_err().kind());
        }
        // A folder replaced by another of the same name: the next run (a
        // server's rebuild) reads the new one.
        std::fs::rename(&folder, dir.path().join("old")).unwrap();
        std::fs::create_dir(&folder).unwrap();
        std::fs::write(folder.join("a.md"), "nouvelle").unwrap();
        new_run();
        assert_eq!(read_bytes(&folder.join("a.md")).unwrap(), b"nouvelle");
        // More folders than a thread keeps: each still read right.
        for i in 0..40 {
            let other = dir.path().join(format!("f{i}"));
            std::fs::create_dir(&other).unwrap();
            std::fs::write(other.join("x.md"), i.to_string()).unwrap();
            assert_eq!(
                read_bytes(&other.join("x.md")).unwrap(),
                i.to_string().as_bytes()
            );
        }
        assert_eq!(read_bytes(&folder.join("a.md")).unwrap(), b"nouvelle");
    }

    fn file() -> ContentFile {
        ContentFile {
            abs: "fr-FR/a.md".into(),
            rel: "fr-FR/a.md".into(),
            local: "a.md".into(),
            fragment: false,
        }
    }

    const SEED: &str = "---\ntitle: Titre\nms.contentlocale: fr-FR\nms.translationtype: MT\n---\n# <a name=\"t\"></a><span data-ttu-id=\"5f5d2-102\">Titre</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-102\">Title</span></span>\n\n<span data-ttu-id=\"5f5d2-103\">Voir [ici](https://x).</span><span class=\"sxs-lookup\"><span data-stu-id=\"5f5d2-103\">See [here](https://x).</span></span> `code`\n";

    #[test]
    fn two_documents() {
        let article = parse(file(), SEED.as_bytes().to_vec()).unwrap();
        assert_eq!(
            article.document(Side::Target),
            "# <a name=\"t\"></a>Titre\n\nVoir [ici](https://x). `code`\n"
        );
        assert_eq!(
            article.document(Side::Source),
            "# <a name=\"t\"></a>Title\n\nSee [here](https://x). `code`\n"
        );
        assert_eq!(article.source_title(), Some("Title"));
        assert_eq!(
            article.front_matter.string("title").as_deref(),
            Some("Titre")
        );
        assert!(article.is_machine_translated());
        let key = article.front_matter_key("ms.contentlocale").unwrap();
        assert_eq!(article.lines.locate(&article.text, key).line, 3);
    }

    #[test]
    fn bom_and_crlf() {
        let text = format!("\u{feff}{}", SEED.replace('\n', "\r\n"));
        let article = parse(file(), text.into_bytes()).unwrap();
        assert!(matches!(article.front_matter, FrontMatter::Valid { .. }));
        assert_eq!(article.scan.segments.len(), 2);
        assert!(
            article
                .document(Side::Target)
                .starts_with("# <a name=\"t\"></a>Titre\r\n")
        );
    }

    #[test]
    fn encoding_errors_carry_the_offset() {
        let mut bytes = b"---\ntitle: a\n---\nabc ".to_vec();
        bytes.push(0xff);
        match parse(file(), bytes) {
            Err(ReadError::Encoding { offset, .. }) => assert_eq!(offset, 21),
            other => panic!("{other:?}"),
        }
        match parse(file(), b"ab\0c".to_vec()) {
            Err(ReadError::Encoding { offset, reason, .. }) => {
                assert_eq!(offset, 2);
                assert!(reason.contains("NUL"));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn invalid_yaml_line_is_a_file_line() {
        let article = parse(file(), b"---\ntitle: a\nbad: [x\n---\nbody\n".to_vec()).unwrap();
        match article.front_matter {
            FrontMatter::Invalid {
                line: Some(line), ..
            } => assert!((2..=4).contains(&line), "{line}"),
            other => panic!("{other:?}"),
        }
    }
}
