//! `TOC.yml` files: a table of contents in DocFX's shape, a list of
//! entries with `name`, `href` (or `topicHref`) and nested `items`, or a
//! mapping whose `items` is that list.

use serde_json::Value;

use crate::read::docfx::{Resolved, is_relative_path, resolve};
use crate::source::LineIndex;

/// Whether `rel` (a path relative to CONTENT) names a table of contents.
pub fn is_toc(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    name.eq_ignore_ascii_case("toc.yml") || name.eq_ignore_ascii_case("toc.yaml")
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    pub name: String,
    pub link: TocLink,
    /// 1-based line of the entry's link in the file (0 when it has none).
    pub line: u32,
    /// Where the link is written in the file (empty when it has none).
    pub span: std::ops::Range<usize>,
    /// `href` as written, when it is a string: it may name a folder or
    /// another TOC, which names that folder (`link` is then `topicHref`'s).
    pub href: Option<String>,
    /// `tocHref` as written: in a `breadcrumb/toc.yml`, the folder (or URL
    /// prefix) the entry names.
    pub toc_href: Option<String>,
    pub items: Vec<TocEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TocLink {
    None,
    /// A file of the content, relative to CONTENT (`fr-FR/guides/a.md`),
    /// as written in the TOC, with the path as written.
    Inside {
        target: String,
        written: String,
    },
    /// Above the content root.
    OutsideRoot {
        written: String,
    },
    /// An absolute URL, kept as it is.
    External(String),
}

/// A table of contents as read from one file.
#[derive(Clone, Debug)]
pub struct Toc {
    /// Relative to CONTENT.
    pub rel: String,
    pub entries: Vec<TocEntry>,
}

/// Why a TOC file could not be used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocError {
    /// 1-based.
    pub line: u32,
    pub message: String,
}

/// Parses the TOC file at `rel` whose text is `text`.
pub fn parse(rel: &str, text: &str) -> Result<Toc, TocError> {
    let value = crate::yaml::parse_value(text).map_err(|e| TocError {
        line: e.line.map_or(1, |l| l as u32 + 1),
        message: e.message,
    })?;
    let list = match &value {
        Value::Array(items) => items.as_slice(),
        Value::Object(map) => match map.get("items") {
            Some(Value::Array(items)) => items.as_slice(),
            _ => {
                return Err(TocError {
                    line: 1,
                    message: "expected a list of entries, or a mapping with `items`".into(),
                });
            }
        },
        Value::Null => &[],
        _ => {
            return Err(TocError {
                line: 1,
                message: "expected a list of entries (`- name: … href: …`)".into(),
            });
        }
    };
    let mut reader = Reader {
        rel,
        text,
        lines: LineIndex::new(text),
        cursor: 0,
    };
    let entries = reader.entries(list)?;
    Ok(Toc {
        rel: rel.to_string(),
        entries,
    })
}

struct Reader<'a> {
    rel: &'a str,
    text: &'a str,
    lines: LineIndex,
    /// Where the search for the next entry's link starts: entries come in
    /// document order.
    cursor: usize,
}

impl Reader<'_> {
    fn entries(&mut self, list: &[Value]) -> Result<Vec<TocEntry>, TocError> {
        let mut entries = Vec::with_capacity(list.len());
        for item in list {
            let Value::Object(map) = item else {
                return Err(TocError {
                    line: self.line_at(self.cursor),
                    message: "each entry must be a mapping with `name` and `href`".into(),
                });
            };
            let name = match map.get("name") {
                Some(Value::String(name)) => name.clone(),
                Some(other) if !other.is_null() => other.to_string(),
                _ => String::new(),
            };
            // `href` to a page; a folder or TOC `href` with a `topicHref` leads to that page.
            let href = [map.get("topicHref"), map.get("href")]
                .into_iter()
                .flatten()
                .filter_map(Value::as_str)
                .find(|h| !is_relative_path(h) || (!h.ends_with('/') && !is_toc(h)));
            let (link, span) = match href {
                Some(href) => (self.link(href), self.find(href)),
                None => (TocLink::None, 0..0),
            };
            let line = if span.is_empty() {
                0
            } else {
                self.line_at(span.start)
            };
            let raw = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
            let items = match map.get("items") {
                Some(Value::Array(items)) => self.entries(items)?,
                _ => Vec::new(),
            };
            entries.push(TocEntry {
                name,
                link,
                line,
                span,
                href: raw("href"),
                toc_href: raw("tocHref"),
                items,
            });
        }
        Ok(entries)
    }

    fn link(&self, href: &str) -> TocLink {
        if !is_relative_path(href) {
            return TocLink::External(href.to_string());
        }
        match resolve(self.rel, href) {
            Resolved::Inside(target) => TocLink::Inside {
                target,
                written: href.to_string(),
            },
            Resolved::OutsideRoot => TocLink::OutsideRoot {
                written: href.to_string(),
            },
        }
    }

    /// Where the next occurrence of `needle` is (empty if none: the YAML
    /// wrote it quoted or escaped).
    fn find(&mut self, needle: &str) -> std::ops::Range<usize> {
        match self.text[self.cursor..].find(needle) {
            Some(at) => {
                let start = self.cursor + at;
                self.cursor = start + needle.len();
                start..self.cursor
            }
            None => self.cursor..self.cursor,
        }
    }

    fn line_at(&self, offset: usize) -> u32 {
        self.lines.locate(self.text, offset).line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_links_and_lines() {
        let text = "- name: Start\n  href: start.md\n- name: Guides\n  items:\n  - name: CI\n    href: guides/ci.md\n  - name: Site\n    href: https://example.com/\n- name: Up\n  href: ../../../x.md\n";
        let toc = parse("fr-FR/TOC.yml", text).unwrap();
        assert_eq!(toc.entries.len(), 3);
        assert_eq!(
            toc.entries[0].link,
            TocLink::Inside {
                target: "fr-FR/start.md".into(),
                written: "start.md".into()
            }
        );
        assert_eq!(toc.entries[0].line, 2);
        assert_eq!(toc.entries[1].link, TocLink::None);
        assert_eq!(toc.entries[1].items[0].name, "CI");
        assert_eq!(toc.entries[1].items[0].line, 6);
        assert_eq!(
            toc.entries[1].items[1].link,
            TocLink::External("https://example.com/".into())
        );
        assert!(matches!(toc.entries[2].link, TocLink::OutsideRoot { .. }));
    }

    #[test]
    fn docfx_shapes() {
        let toc = parse(
            "a/toc.yml",
            "items:\n- name: A\n  href: sub/toc.yml\n  topicHref: sub/index.md\n",
        )
        .unwrap();
        assert_eq!(
            toc.entries[0].link,
            TocLink::Inside {
                target: "a/sub/index.md".into(),
                written: "sub/index.md".into()
            }
        );
        assert_eq!(toc.entries[0].href.as_deref(), Some("sub/toc.yml"));
        assert!(is_toc("fr-FR/x/TOC.yml") && is_toc("toc.yaml") && !is_toc("toc.md"));
        let breadcrumb = parse(
            "fr-FR/a/breadcrumb/toc.yml",
            "- name: Informations\n  tocHref: /\n  topicHref: /a/index\n",
        )
        .unwrap();
        let entry = &breadcrumb.entries[0];
        assert_eq!(entry.toc_href.as_deref(), Some("/"));
        assert_eq!(entry.href, None);
        assert_eq!(entry.link, TocLink::External("/a/index".into()));
        assert!(parse("toc.yml", "").unwrap().entries.is_empty());
    }

    #[test]
    fn bad_tocs_are_errors_with_lines() {
        let error = parse("toc.yml", "- name: A\n  href: [x\n").unwrap_err();
        assert!(error.line >= 2, "{error:?}");
        assert!(parse("toc.yml", "just text\n").is_err());
        assert!(parse("toc.yml", "- just text\n").is_err());
    }
}
