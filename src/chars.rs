//! What std's Unicode tables say of each character of the Basic
//! Multilingual Plane, asked once per code point and kept in one table:
//! the scanners of search terms and consistency words read every
//! character of the corpus, and outside ASCII std answers `is_alphanumeric`
//! and `to_lowercase` by searching its tables (a tenth of their time on
//! Arabic and Japanese pages). Answers are std's own, so nothing changes
//! but the speed; characters beyond the plane still go to std.

use std::sync::OnceLock;

const ALPHANUMERIC: u8 = 1;
/// `to_lowercase` gives back the character itself.
const OWN_LOWER_CASE: u8 = 2;

fn table() -> &'static [u8] {
    static TABLE: OnceLock<Vec<u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        (0..=0xFFFFu32)
            .map(|code| {
                char::from_u32(code).map_or(0, |c| {
                    let mut lower = c.to_lowercase();
                    let own = lower.next() == Some(c) && lower.next().is_none();
                    u8::from(c.is_alphanumeric()) * ALPHANUMERIC + u8::from(own) * OWN_LOWER_CASE
                })
            })
            .collect()
    })
}

/// The table, fetched once by a caller that asks of many characters.
#[derive(Clone, Copy)]
pub struct Table(&'static [u8]);

impl Table {
    pub fn get() -> Table {
        Table(table())
    }

    fn facts(self, c: char) -> Option<u8> {
        self.0.get(c as usize).copied()
    }

    /// `c.is_alphanumeric()`.
    pub fn is_alphanumeric(self, c: char) -> bool {
        if c.is_ascii() {
            return c.is_ascii_alphanumeric();
        }
        self.facts(c)
            .map_or_else(|| c.is_alphanumeric(), |f| f & ALPHANUMERIC != 0)
    }

    /// Appends `c.to_lowercase()` to `out`.
    pub fn push_lowercase(self, out: &mut String, c: char) {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else if self.facts(c).is_some_and(|f| f & OWN_LOWER_CASE != 0) {
            out.push(c);
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// `c.is_alphanumeric()`.
pub fn is_alphanumeric(c: char) -> bool {
    Table::get().is_alphanumeric(c)
}

/// Appends `c.to_lowercase()` to `out`.
pub fn push_lowercase(out: &mut String, c: char) {
    Table::get().push_lowercase(out, c);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_character_is_answered_as_std_answers() {
        for code in (0..=0x10FFFFu32).step_by(7).chain(0..0x3000) {
            let Some(c) = char::from_u32(code) else {
                continue;
            };
            assert_eq!(is_alphanumeric(c), c.is_alphanumeric(), "{c:?}");
            let mut ours = String::new();
            push_lowercase(&mut ours, c);
            assert_eq!(ours, c.to_lowercase().to_string(), "{c:?}");
        }
    }
}
