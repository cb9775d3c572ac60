//! helpc: checks span-aligned translated help articles and builds them into
//! a multilingual static site.
//!
//! The stages, each a module with one input and one output type:
//! [`discover`] (content tree → [`discover::Content`]), [`read`] (file →
//! [`read::Article`]), [`check`] (article → diagnostics), [`render`]
//! (article → [`render::Page`] → HTML/JSON) and [`emit`] (the only code that
//! writes output folders; `interchange::safe` is the only code that writes
//! content files, for `import` and `handoff`). [`pipeline`] runs them;
//! [`cli`] is the command line. Every URL written passes [`url`].

pub mod cache;
pub mod check;
pub mod cli;
pub mod config;
pub mod diag;
pub mod discover;
pub mod emit;
pub mod glossary;
pub mod handoff;
pub mod interchange;
pub mod locale;
pub mod pipeline;
pub mod progress;
pub mod read;
pub mod render;
pub mod rules;
pub mod serve;
pub mod source;
pub mod status;
pub mod url;
mod yaml;
