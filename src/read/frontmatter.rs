//! Splits the `---` front matter block from the body.

use std::ops::Range;

/// Where the front matter block lies in a file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Block {
    /// The YAML between the fences.
    pub yaml: Range<usize>,
    /// Where the body starts: after the closing fence's line.
    pub body: usize,
    /// False when no closing fence was found.
    pub closed: bool,
}

/// Finds the front matter block at the start of `text` (BOM already removed).
pub fn split(text: &str) -> Option<Block> {
    // memchr, not `str::find`: std's search for one byte is slower.
    let first_end = memchr::memchr(b'\n', text.as_bytes()).unwrap_or(text.len());
    if text[..first_end].trim_end() != "---" {
        return None;
    }
    let yaml_start = (first_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |i| line_start + i);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Some(Block {
                yaml: yaml_start..line_start,
                body: (line_end + 1).min(text.len()),
                closed: true,
            });
        }
        line_start = line_end + 1;
    }
    Some(Block {
        yaml: yaml_start..text.len(),
        body: text.len(),
        closed: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lf_and_crlf() {
        for text in [
            "---\ntitle: a\n---\n# Body\n",
            "---\r\ntitle: a\r\n---\r\n# Body\r\n",
        ] {
            let block = split(text).unwrap();
            assert!(block.closed);
            assert_eq!(text[block.yaml.clone()].trim_end(), "title: a");
            assert!(text[block.body..].starts_with("# Body"));
        }
    }

    #[test]
    fn no_block_and_unterminated_block() {
        assert_eq!(split("# Title\n---\n"), None);
        assert_eq!(split(""), None);
        let block = split("---\ntitle: a\n").unwrap();
        assert!(!block.closed);
        assert_eq!(block.body, "---\ntitle: a\n".len());
        let empty = split("---\n---\n").unwrap();
        assert!(empty.closed && empty.yaml.is_empty());
    }

    #[test]
    fn file_ending_at_the_closing_fence() {
        let block = split("---\ntitle: a\n---").unwrap();
        assert!(block.closed);
        assert_eq!(block.body, "---\ntitle: a\n---".len());
    }
}
