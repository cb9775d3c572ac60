//! The library's errors: what failed, on which path, and why. Each
//! variant's `Display` is the message a user reads; commands add the
//! context of what they were doing.

use std::io;
use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file-system operation failed.
    #[error("cannot {action} `{}`: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    /// helpc will not write into, replace or remove a folder.
    #[error(transparent)]
    Claim(#[from] crate::emit::ClaimError),
    /// A path would lead out of the folder it must stay in, or through a
    /// symbolic link: nothing is read or written there.
    #[error("`{path}` {why}")]
    Outside { path: String, why: &'static str },
    /// A path of the content leads out of it through a symbolic link.
    #[error(
        "`{link}` is a symbolic link that leads outside the content: refusing to write `{path}` through it"
    )]
    ThroughLink { link: String, path: String },
    /// A content file that a command must read could not be.
    #[error("`{path}`: {source}")]
    Read {
        path: String,
        #[source]
        source: crate::read::ReadError,
    },
    /// The configuration (`helpc.toml` or a flag) is wrong.
    #[error("{origin}{message}")]
    Config { origin: String, message: String },
    /// The content folder cannot be used as it is.
    #[error("{0}")]
    Content(String),
    /// A template failed to load or to render.
    #[error("template `{name}`: {message}")]
    Template { name: String, message: String },
    /// A UI-string (Fluent) file is wrong.
    #[error("{0}")]
    Strings(String),
    /// A PO, XLIFF or TMX file cannot be read.
    #[error(transparent)]
    Interchange(#[from] crate::interchange::ParseError),
    /// A translation that would be lost or corrupted is not written.
    #[error("{0}")]
    Refused(String),
    /// A URL setting that the URL policy refuses.
    #[error("{0}")]
    Url(String),
    /// The cache could not be encoded.
    #[error("cannot encode the build cache: {0}")]
    Encode(#[from] serde_json::Error),
    /// The build cache could not be encoded.
    #[error("cannot encode the build cache: {0}")]
    CacheEncode(String),
    /// A file of the output is no longer the one the cache saw, and the
    /// staging folder lacks it too: the build starts again without the
    /// cache (see `cmd::build`).
    #[error("`{0}` changed since the last build")]
    OutputChanged(String),
    /// A worker thread panicked: a bug, reported rather than hidden.
    #[error("a worker thread panicked")]
    Panicked,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// `map_err(io("write", &path))`: an I/O error with what was done, where.
pub fn io(action: &'static str, path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> Error {
    let path = path.into();
    move |source| Error::Io {
        action,
        path,
        source,
    }
}
