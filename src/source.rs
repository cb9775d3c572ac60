//! Byte offsets to 1-based lines and character columns.

use std::ops::Range;

/// Where a byte offset lies in a text: 1-based line, 1-based column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub line: u32,
    pub column: u32,
}

/// The start offset of every line of a text, built in one pass.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let mut starts = Vec::with_capacity(text.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        LineIndex { starts }
    }

    /// The 0-based line holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    pub fn locate(&self, text: &str, offset: usize) -> Location {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.starts[line];
        let column = text[start..offset].chars().count() + 1;
        Location {
            line: to_u32(line + 1),
            column: to_u32(column),
        }
    }

    /// The byte range of the line holding `offset`, without its line end.
    pub fn line_range(&self, text: &str, offset: usize) -> Range<usize> {
        let line = self.line_of(offset.min(text.len()));
        let start = self.starts[line];
        let mut end = self
            .starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end.max(start)
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The largest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_character_columns() {
        let text = "ab\nçé x\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 0), Location { line: 1, column: 1 });
        assert_eq!(index.locate(text, 3), Location { line: 2, column: 1 });
        // 'x' follows two 2-byte characters and a space: column 4.
        let x = text.find('x').unwrap();
        assert_eq!(index.locate(text, x), Location { line: 2, column: 4 });
        assert_eq!(
            index.locate(text, text.len()),
            Location { line: 3, column: 5 }
        );
        assert_eq!(&text[index.line_range(text, x)], "çé x");
        assert_eq!(&text[index.line_range(text, 0)], "ab");
    }

    #[test]
    fn offsets_inside_a_character_round_down() {
        let text = "é";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, 1), Location { line: 1, column: 1 });
    }
}
