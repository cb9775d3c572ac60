//! helpc: checks span-aligned translated help articles and builds them into
//! a multilingual static site.
//!
//! The stages, each a module with one input and one output type:
//! [`discover`] (content tree → [`discover::Content`]), [`read`] (file →
//! [`read::Article`]), [`check`] (article → diagnostics), [`render`]
//! (article → [`render::Page`] → HTML/JSON) and [`emit`] (the only code that
//! writes output folders; `interchange::safe` is the only code that writes
//! content files, for `import` and `handoff`). [`pipeline`] runs them;
//! [`cmd`] is the command line. Every URL written passes [`url`].

pub(crate) mod analyse;
pub(crate) mod cache;
pub(crate) mod chars;
pub mod check;
pub mod cmd;
pub(crate) mod config;
pub mod diag;
pub mod discover;
pub(crate) mod emit;
pub mod error;
pub mod glossary;
pub mod handoff;
pub mod init;
pub mod interchange;
pub mod locale;
pub mod markdown;
pub(crate) mod pipeline;
pub(crate) mod plan;
pub(crate) mod progress;
pub mod read;
pub mod render;
pub(crate) mod reporter;
pub mod rules;
pub(crate) mod serve;
pub(crate) mod source;
pub(crate) mod status;
pub mod svg;
pub mod url;
pub mod yaml;
