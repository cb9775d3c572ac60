//! The XLIFF 2.0 and 1.2 readers on arbitrary text, and the import's plan
//! of what they read against a real article.
//!
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run xliff -- -max_total_time=600
#![no_main]

use helpc::interchange::{Format, apply, read};
use libfuzzer_sys::fuzz_target;

mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let _ = Format::of_file("a.xlf", text);
    for format in [Format::Xliff, Format::Xliff12] {
        if let Ok(exchange) = read(format, text) {
            let article = common::article();
            let plan = apply::plan(&article, &exchange, apply::Options::default());
            if let Some(new) = plan.text {
                assert!(helpc::read::parse(article.file.clone(), new.into_bytes()).is_ok());
            }
        }
    }
});
