//! The PO reader on arbitrary text, and the import's plan of what it
//! read against a real article: no input panics either.
//!
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run po -- -max_total_time=600
#![no_main]

use helpc::interchange::{Format, apply, read};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(exchange) = read(Format::Po, text) {
        let article = common::article();
        for accept_fuzzy in [false, true] {
            let plan = apply::plan(&article, &exchange, apply::Options { accept_fuzzy });
            if let Some(new) = plan.text {
                // What the plan writes reads back as an article.
                assert!(helpc::read::parse(article.file.clone(), new.into_bytes()).is_ok());
            }
        }
    }
});
