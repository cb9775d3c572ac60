//! The segment scanner: one forward pass over a file that finds every
//! `<span data-ttu-id="ID">TARGET</span><span class="sxs-lookup"><span data-stu-id="ID">SOURCE</span></span>`
//! and keeps exact byte ranges for each part.
//!
//! A segment never crosses a paragraph end (a blank line) nor the start of
//! the next segment; those are the limits every search below is bounded by,
//! which keeps the whole scan linear in the file's length.

use std::ops::Range;

use memchr::memmem;

pub const TARGET_OPEN: &str = "<span data-ttu-id=\"";
pub const SOURCE_OPEN: &str = "<span class=\"sxs-lookup\"><span data-stu-id=\"";
const BOUNDARY: &str = "</span><span class=\"sxs-lookup\"><span data-stu-id=\"";
const CLOSE: &str = "</span>";
const SOURCE_CLOSE_LEN: usize = 2 * CLOSE.len();
/// Longer "ids" than this are not ids: the opening tag was cut.
const MAX_ID_LEN: usize = 64;

/// How well a segment's markup holds together.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Target and source spans, both closed.
    Paired,
    /// A closed target span with no source span after it.
    Unpaired,
    /// The target span has no closing `</span>` before its limit.
    TargetUnclosed,
    /// The source span (or its opening tag) is not closed before its limit.
    SourceUnclosed,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceSpan {
    pub id: Range<usize>,
    pub text: Range<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Offset of the `<` of `<span data-ttu-id`.
    pub start: usize,
    /// Offset after the last byte that belongs to the segment.
    pub end: usize,
    /// The id inside `data-ttu-id="..."`.
    pub id: Range<usize>,
    pub target: Range<usize>,
    /// Text between a closed target span and a source span that does not
    /// follow it directly; it belongs to both documents.
    pub gap: Option<Range<usize>>,
    pub source: Option<SourceSpan>,
    pub shape: Shape,
}

/// Markup that is not part of any segment but looks like one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Stray {
    /// A source span with no target span before it; `at` is its `data-stu-id` span.
    OrphanSource { at: Range<usize>, id: Range<usize> },
    /// `<span data-ttu-id="` whose id or tag end is missing.
    CutOpening { at: Range<usize> },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Piece {
    /// Text outside segments, shared by both documents.
    Text(usize, usize),
    /// An index into [`Scan::segments`].
    Segment(usize),
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Scan {
    pub segments: Vec<Segment>,
    pub strays: Vec<Stray>,
    /// The file in order: text and segments, covering every byte once.
    pub pieces: Vec<Piece>,
}

pub fn scan(text: &str) -> Scan {
    Scanner::new(text).run()
}

/// The four searchers, built once per process: building them was a
/// hundredth of reading a file.
struct Finders {
    span: memmem::Finder<'static>,
    target: memmem::Finder<'static>,
    boundary: memmem::Finder<'static>,
    source: memmem::Finder<'static>,
}

fn finders() -> &'static Finders {
    static FINDERS: std::sync::OnceLock<Finders> = std::sync::OnceLock::new();
    FINDERS.get_or_init(|| Finders {
        span: memmem::Finder::new(b"<span "),
        target: memmem::Finder::new(TARGET_OPEN.as_bytes()),
        boundary: memmem::Finder::new(BOUNDARY.as_bytes()),
        source: memmem::Finder::new(SOURCE_OPEN.as_bytes()),
    })
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    span_finder: &'static memmem::Finder<'static>,
    target_finder: &'static memmem::Finder<'static>,
    boundary_finder: &'static memmem::Finder<'static>,
    source_finder: &'static memmem::Finder<'static>,
    /// The last paragraph end found, and the offset its search started from:
    /// no paragraph end lies between the two.
    paragraph_cache: (usize, usize),
    /// The next target opening at or after the last query, with that query.
    target_cache: (usize, usize),
    scan: Scan,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner {
            text,
            bytes: text.as_bytes(),
            span_finder: &finders().span,
            target_finder: &finders().target,
            boundary_finder: &finders().boundary,
            source_finder: &finders().source,
            paragraph_cache: (usize::MAX, 0),
            target_cache: (usize::MAX, 0),
            scan: Scan::default(),
        }
    }

    fn run(mut self) -> Scan {
        let mut pos = 0;
        let mut text_start = 0;
        while let Some(found) = self.span_finder.find(&self.bytes[pos..]) {
            let at = pos + found;
            let rest = &self.bytes[at..];
            if rest.starts_with(TARGET_OPEN.as_bytes()) {
                match self.segment(at) {
                    Some(segment) => {
                        if text_start < at {
                            self.scan.pieces.push(Piece::Text(text_start, at));
                        }
                        pos = segment.end.max(at + 1);
                        text_start = segment.end;
                        self.scan
                            .pieces
                            .push(Piece::Segment(self.scan.segments.len()));
                        self.scan.segments.push(segment);
                    }
                    None => pos = at + TARGET_OPEN.len(),
                }
            } else if rest.starts_with(SOURCE_OPEN.as_bytes()) {
                pos = self.orphan_source(at);
            } else {
                pos = at + 1;
            }
        }
        if text_start < self.text.len() {
            self.scan
                .pieces
                .push(Piece::Text(text_start, self.text.len()));
        }
        self.scan
    }

    /// Reads `ID">` at `from`; returns the id's range.
    fn id_at(&self, from: usize) -> Option<Range<usize>> {
        let window = &self.bytes[from..self.bytes.len().min(from + MAX_ID_LEN + 2)];
        let quote = window
            .iter()
            .position(|&b| matches!(b, b'"' | b'<' | b'>' | b'\n'))?;
        (window[quote] == b'"' && window.get(quote + 1) == Some(&b'>')).then(|| from..from + quote)
    }

    /// Where the segment that starts at `from` must end at the latest: the
    /// next target opening, the paragraph's end, or the end of the file.
    fn limit(&mut self, from: usize) -> usize {
        self.next_target(from).min(self.paragraph_end(from))
    }

    fn next_target(&mut self, from: usize) -> usize {
        let (queried, found) = self.target_cache;
        if queried <= from && from <= found {
            return found;
        }
        let found = self
            .target_finder
            .find(&self.bytes[from..])
            .map_or(self.bytes.len(), |i| from + i);
        self.target_cache = (from, found);
        found
    }

    /// The offset of the line end that precedes the next blank line.
    fn paragraph_end(&mut self, from: usize) -> usize {
        let (queried, found) = self.paragraph_cache;
        if queried <= from && from <= found {
            return found;
        }
        let mut end = self.bytes.len();
        for newline in memchr::memchr_iter(b'\n', &self.bytes[from..]) {
            let newline = from + newline;
            let blank = self.bytes[newline + 1..]
                .iter()
                .find(|&&b| !matches!(b, b' ' | b'\t' | b'\r'))
                .is_none_or(|&b| b == b'\n');
            if blank {
                end = newline;
                break;
            }
        }
        self.paragraph_cache = (from, end);
        end
    }

    fn segment(&mut self, start: usize) -> Option<Segment> {
        let id_from = start + TARGET_OPEN.len();
        let Some(id) = self.id_at(id_from) else {
            let line_end = memchr::memchr(b'\n', &self.bytes[id_from..])
                .map_or(self.bytes.len(), |i| id_from + i);
            let end = line_end.min(id_from + MAX_ID_LEN);
            let end = crate::source::floor_char_boundary(self.text, end);
            self.scan.strays.push(Stray::CutOpening { at: start..end });
            return None;
        };
        let content = id.end + 2;
        let limit = self.limit(content);
        let mut segment = Segment {
            start,
            end: limit,
            id,
            target: content..limit,
            gap: None,
            source: None,
            shape: Shape::TargetUnclosed,
        };
        if let Some(boundary) = self.boundary_finder.find(&self.bytes[content..limit]) {
            let boundary = content + boundary;
            segment.target = content..boundary;
            self.source(&mut segment, boundary + CLOSE.len());
            return Some(segment);
        }
        // No literal boundary: close the target by depth, then look for a
        // source span further on in the paragraph.
        let Some(close) = self.closing_span(content, limit, false) else {
            return Some(segment);
        };
        segment.target = content..close;
        let after = close + CLOSE.len();
        match self.source_finder.find(&self.bytes[after..limit]) {
            Some(offset) => {
                let source_start = after + offset;
                if source_start > after {
                    segment.gap = Some(after..source_start);
                }
                self.source(&mut segment, source_start);
            }
            None => {
                segment.end = after;
                segment.shape = Shape::Unpaired;
            }
        }
        Some(segment)
    }

    /// Reads the source span that starts at `at` (its `<span class="sxs-lookup">`).
    fn source(&mut self, segment: &mut Segment, at: usize) {
        let id_from = at + SOURCE_OPEN.len();
        segment.shape = Shape::SourceUnclosed;
        let Some(id) = self.id_at(id_from) else {
            segment.end = id_from.min(self.bytes.len());
            return;
        };
        let text_start = id.end + 2;
        let limit = self.limit(text_start);
        match self.closing_span(text_start, limit, true) {
            Some(close) => {
                segment.source = Some(SourceSpan {
                    id,
                    text: text_start..close,
                });
                segment.end = close + SOURCE_CLOSE_LEN;
                segment.shape = Shape::Paired;
            }
            None => {
                segment.source = Some(SourceSpan {
                    id,
                    text: text_start..limit,
                });
                segment.end = limit;
            }
        }
    }

    /// Finds the `</span>` that closes a span whose content starts at `from`,
    /// counting nested `<span>`s. A source span closes with `</span></span>`;
    /// a lone `</span>` at depth 0 inside it is a stray tag and is skipped.
    fn closing_span(&self, from: usize, limit: usize, double: bool) -> Option<usize> {
        let mut depth = 0usize;
        let mut i = from;
        while let Some(offset) = memchr::memchr(b'<', &self.bytes[i..limit]) {
            let at = i + offset;
            let rest = &self.bytes[at..limit];
            if rest.starts_with(CLOSE.as_bytes()) {
                if depth > 0 {
                    depth -= 1;
                } else if !double || rest[CLOSE.len()..].starts_with(CLOSE.as_bytes()) {
                    return Some(at);
                }
                i = at + CLOSE.len();
            } else if rest.starts_with(b"<span") && matches!(rest.get(5), Some(b' ' | b'>')) {
                depth += 1;
                i = at + 5;
            } else {
                i = at + 1;
            }
        }
        None
    }

    /// Skips a source span with no target before it; returns where to go on.
    fn orphan_source(&mut self, at: usize) -> usize {
        let stu = at + "<span class=\"sxs-lookup\">".len();
        let id_from = at + SOURCE_OPEN.len();
        let Some(id) = self.id_at(id_from) else {
            self.scan.strays.push(Stray::OrphanSource {
                at: stu..id_from,
                id: id_from..id_from,
            });
            return id_from;
        };
        let text_start = id.end + 2;
        let limit = self.limit(text_start);
        let end = self
            .closing_span(text_start, limit, true)
            .map_or(limit, |close| close + SOURCE_CLOSE_LEN);
        self.scan.strays.push(Stray::OrphanSource {
            at: stu..text_start,
            id,
        });
        end.max(at + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pair(id: &str, target: &str, source: &str) -> String {
        format!(
            "<span data-ttu-id=\"{id}\">{target}</span><span class=\"sxs-lookup\"><span data-stu-id=\"{id}\">{source}</span></span>"
        )
    }

    fn texts<'t>(text: &'t str, segment: &Segment) -> (&'t str, &'t str, Option<&'t str>) {
        (
            &text[segment.id.clone()],
            &text[segment.target.clone()],
            segment.source.as_ref().map(|s| &text[s.text.clone()]),
        )
    }

    #[test]
    fn reads_pairs_and_the_text_between() {
        let text = format!(
            "# <a name=\"x\"></a>{}\n\n{} {}\n",
            pair("5f5d2-102", "Titre", "Title"),
            pair(
                "5f5d2-103",
                "Un [lien](https://a.b/c).",
                "A [link](https://a.b/c)."
            ),
            pair("5f5d2-104", "Deux", "Two")
        );
        let scan = scan(&text);
        assert!(scan.strays.is_empty());
        let found: Vec<_> = scan.segments.iter().map(|s| texts(&text, s)).collect();
        assert_eq!(
            found,
            [
                ("5f5d2-102", "Titre", Some("Title")),
                (
                    "5f5d2-103",
                    "Un [lien](https://a.b/c).",
                    Some("A [link](https://a.b/c).")
                ),
                ("5f5d2-104", "Deux", Some("Two")),
            ]
        );
        assert!(scan.segments.iter().all(|s| s.shape == Shape::Paired));
        // Pieces cover the file exactly, in order.
        let mut pos = 0;
        for piece in &scan.pieces {
            let (start, end) = match *piece {
                Piece::Text(start, end) => (start, end),
                Piece::Segment(i) => (scan.segments[i].start, scan.segments[i].end),
            };
            assert_eq!(start, pos);
            pos = end;
        }
        assert_eq!(pos, text.len());
    }

    #[test]
    fn nested_plain_spans_are_content() {
        let text = pair(
            "abcde-1",
            "<span>https:</span>//x",
            "<span>https:</span>//x",
        );
        let scan = scan(&text);
        assert_eq!(
            texts(&text, &scan.segments[0]),
            (
                "abcde-1",
                "<span>https:</span>//x",
                Some("<span>https:</span>//x")
            )
        );
        assert_eq!(scan.segments[0].shape, Shape::Paired);
    }

    #[test]
    fn a_nested_span_right_before_the_boundary() {
        let text = pair("abcde-1", "<span>a</span>", "<span>b</span>");
        let scan = scan(&text);
        assert_eq!(
            texts(&text, &scan.segments[0]),
            ("abcde-1", "<span>a</span>", Some("<span>b</span>"))
        );
    }

    #[test]
    fn a_stray_closing_tag_does_not_break_the_pair() {
        // outlook-com-setting-changes.md, segment baff7-112, in every locale.
        let text = pair(
            "baff7-112",
            "suivez les instructions </span> dans cet [article](u).",
            "follow the instructions</span> found in this [article](u).",
        );
        let scan = scan(&text);
        assert_eq!(scan.segments[0].shape, Shape::Paired);
        assert_eq!(
            texts(&text, &scan.segments[0]).2,
            Some("follow the instructions</span> found in this [article](u).")
        );
        assert_eq!(scan.segments[0].end, text.len());
    }

    #[test]
    fn a_segment_may_span_lines_but_not_paragraphs() {
        let text = pair("abcde-1", "un\ndeux", "one\ntwo");
        assert_eq!(scan(&text).segments[0].shape, Shape::Paired);

        let broken = "<span data-ttu-id=\"abcde-1\">un\n\ndeux</span>";
        let found = scan(broken);
        assert_eq!(found.segments[0].shape, Shape::TargetUnclosed);
        assert_eq!(&broken[found.segments[0].target.clone()], "un");
    }

    #[test]
    fn unpaired_target() {
        let text = format!(
            "<span data-ttu-id=\"abcde-1\">seul</span> et {}",
            pair("abcde-2", "b", "b")
        );
        let scan = scan(&text);
        assert_eq!(scan.segments[0].shape, Shape::Unpaired);
        assert_eq!(scan.segments[1].shape, Shape::Paired);
    }

    #[test]
    fn source_after_a_gap_still_pairs() {
        let text = "<span data-ttu-id=\"abcde-1\">a</span> <span class=\"sxs-lookup\"><span data-stu-id=\"abcde-1\">b</span></span>";
        let scan = scan(text);
        let segment = &scan.segments[0];
        assert_eq!(segment.shape, Shape::Paired);
        assert_eq!(&text[segment.gap.clone().unwrap()], " ");
        assert_eq!(segment.end, text.len());
    }

    #[test]
    fn orphan_source() {
        let text =
            "Texte <span class=\"sxs-lookup\"><span data-stu-id=\"abcde-1\">Text</span></span> fin";
        let scan = scan(text);
        assert!(scan.segments.is_empty());
        match &scan.strays[..] {
            [Stray::OrphanSource { at, id }] => {
                assert!(text[at.clone()].starts_with("<span data-stu-id"));
                assert_eq!(&text[id.clone()], "abcde-1");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(scan.pieces, [Piece::Text(0, text.len())]);
    }

    #[test]
    fn unclosed_source_and_cut_openings() {
        let text = "<span data-ttu-id=\"abcde-1\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"abcde-1\">b\n\nnext";
        let scan = scan(text);
        assert_eq!(scan.segments[0].shape, Shape::SourceUnclosed);

        for cut in [
            "<span data-ttu-id=\"abcde-1",
            "<span data-ttu-id=\"",
            "<span data-ttu-id=\"abcde-1\"",
            "x <span data-ttu-id=\"ab\ncde\">",
        ] {
            let scan = super::scan(cut);
            assert!(scan.segments.is_empty(), "{cut}");
            assert!(
                matches!(scan.strays[..], [Stray::CutOpening { .. }]),
                "{cut}"
            );
        }
        let truncated = "<span data-ttu-id=\"abcde-1\">a</span><span class=\"sxs-lookup\"><span data-stu-id=\"abc";
        assert_eq!(
            super::scan(truncated).segments[0].shape,
            Shape::SourceUnclosed
        );
    }

    #[test]
    fn many_segments_on_one_line_scan_in_linear_time() {
        let line: String = (0..20_000)
            .map(|n| pair(&format!("abcde-{n}"), "cible", "source"))
            .collect::<Vec<_>>()
            .join(" ");
        let started = std::time::Instant::now();
        let scan = scan(&line);
        assert_eq!(scan.segments.len(), 20_000);
        assert!(started.elapsed().as_secs() < 2);
    }

    #[test]
    fn never_panics_on_prefixes_of_a_real_line() {
        let text = format!(
            "# {}\n\n- {} x <span>y</span>\n",
            pair("5f5d2-102", "Titre é", "Title"),
            pair("5f5d2-p103", "[a](b) </span>", "[a](b)</span> c")
        );
        for end in (0..=text.len()).filter(|&i| text.is_char_boundary(i)) {
            let scan = scan(&text[..end]);
            for s in &scan.segments {
                assert!(s.start < s.end || s.end == end);
            }
        }
    }
}
