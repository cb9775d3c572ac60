//! What the rules make of each source text, kept by the worker thread that
//! checks a family: every locale's article repeats the family's English
//! sources, and several rules read each one. One table, looked up once per
//! use site, holds every part; each part is made on first use.

use std::cell::{OnceCell, RefCell};
use std::rc::Rc;

use super::inline::{Facts, analyze};

/// What was made of one source text.
#[derive(Default)]
pub struct Source {
    facts: OnceCell<Facts>,
    /// `placeholder-mismatch` and `number-mismatch`'s reading.
    pub(super) side: OnceCell<super::quality::SourceSide>,
    /// Its tokens, and the id of the product list they were found with.
    pub(super) tokens: RefCell<Option<(u64, Rc<super::quality::SourceTokens>)>>,
    /// What the consistency facts take of it.
    pub(super) key: OnceCell<super::consistency::SourceKey>,
    /// Its function words: (other languages', English).
    pub(super) votes: OnceCell<(usize, usize)>,
}

impl Source {
    /// [`analyze`] of `text`, the source this was made for.
    pub fn facts(&self, text: &str) -> &Facts {
        self.facts.get_or_init(|| analyze(text))
    }
}

/// Results are those of the functions, whatever is kept; the table is
/// emptied when it holds `MAX_KEPT` texts.
const MAX_KEPT: usize = 4096;

thread_local! {
    static SOURCES: RefCell<foldhash::HashMap<Box<str>, Rc<Source>>> = RefCell::default();
}

/// What this thread made of `text` so far (a new, empty record if nothing).
pub fn source(text: &str) -> Rc<Source> {
    SOURCES.with(|sources| {
        if let Some(found) = sources.borrow().get(text) {
            return Rc::clone(found);
        }
        let made = Rc::new(Source::default());
        let mut table = sources.borrow_mut();
        if table.len() >= MAX_KEPT {
            table.clear();
        }
        table.insert(text.into(), Rc::clone(&made));
        made
    })
}

/// The bold spans of `text`'s facts, if this thread has analysed it.
pub fn kept_bold(text: &str) -> Option<Vec<(std::ops::Range<usize>, String)>> {
    SOURCES.with(|sources| {
        let table = sources.borrow();
        Some(table.get(text)?.facts.get()?.bold.clone())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_text_is_made_once_and_the_table_never_outgrows_its_limit() {
        let first = source("Select **Save**.");
        assert!(kept_bold("Select **Save**.").is_none());
        assert_eq!(first.facts("Select **Save**.").bold.len(), 1);
        assert!(Rc::ptr_eq(&first, &source("Select **Save**.")));
        assert_eq!(kept_bold("Select **Save**.").map(|b| b.len()), Some(1));
        for n in 0..MAX_KEPT + 1 {
            source(&format!("text {n}"));
        }
        SOURCES.with(|sources| assert!(sources.borrow().len() <= MAX_KEPT));
        // Emptied on the way: made again, as new.
        assert!(!Rc::ptr_eq(&first, &source("Select **Save**.")));
    }
}
