//! DocFX conventions the reader recognises: includes
//! (`[!INCLUDE[title](path)]`) and relative paths inside the content tree.

/// Where a relative reference leads, from the folder of `from`.
#[derive(Debug, PartialEq, Eq)]
pub enum Resolved {
    /// Relative to CONTENT, `/`-separated.
    Inside(String),
    OutsideRoot,
}

/// Whether `url` is a path into the content: not absolute, no scheme,
/// not only an anchor.
pub fn is_relative_path(url: &str) -> bool {
    let url = url.trim();
    !url.is_empty()
        && !url.starts_with('#')
        && !url.starts_with('/')
        && !url.starts_with('\\')
        && !url
            .split(['/', '?', '#'])
            .next()
            .is_some_and(|first| first.contains(':'))
}

pub fn resolve(from: &str, url: &str) -> Resolved {
    let path = url.trim().split(['#', '?']).next().unwrap_or_default();
    let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop(); // the file itself
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                if parts.pop().is_none() {
                    return Resolved::OutsideRoot;
                }
            }
            other => parts.push(other),
        }
    }
    Resolved::Inside(parts.join("/"))
}

/// `[!INCLUDE[title](path)]` occurrences: (range in the document, path).
pub fn includes(document: &str) -> Vec<(std::ops::Range<usize>, String)> {
    const DIRECTIVE: &[u8] = b"[!include";
    let mut found = Vec::new();
    let bytes = document.as_bytes();
    let mut from = 0;
    // Each `[!`, then the rest of the directive in any case: no lower-case
    // copy of the whole article.
    static FINDER: std::sync::OnceLock<memchr::memmem::Finder<'static>> =
        std::sync::OnceLock::new();
    let finder = FINDER.get_or_init(|| memchr::memmem::Finder::new(b"[!"));
    while let Some(at) = finder.find(&bytes[from..]).map(|i| from + i) {
        from = at + 2;
        if !bytes
            .get(at..at + DIRECTIVE.len())
            .is_some_and(|word| word.eq_ignore_ascii_case(DIRECTIVE))
        {
            continue;
        }
        from = at + DIRECTIVE.len();
        let rest = &document[at..];
        let Some(open) = rest.find("](") else {
            continue;
        };
        let Some(close) = rest[open..].find(')') else {
            continue;
        };
        if rest[..open + close].contains('\n') {
            continue;
        }
        let mut end = at + open + close + 1;
        // The directive closes with the `]` after the link.
        if document[end..].starts_with(']') {
            end += 1;
        }
        found.push((at..end, rest[open + 2..open + close].trim().to_string()));
        // Directives never overlap: the next one starts after this one.
        from = end;
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolving_relative_paths() {
        assert_eq!(
            resolve("fr-FR/a/b.md", "c.md"),
            Resolved::Inside("fr-FR/a/c.md".into())
        );
        assert_eq!(
            resolve("fr-FR/a/b.md", "../media/x%20y.png#t"),
            Resolved::Inside("fr-FR/media/x y.png".into())
        );
        assert_eq!(resolve("fr-FR/b.md", "../../x.md"), Resolved::OutsideRoot);
        assert!(is_relative_path("media/x.png"));
        for absolute in ["https://x/y", "mailto:a@b", "#top", "/abs", "ms-settings:x"] {
            assert!(!is_relative_path(absolute), "{absolute}");
        }
    }

    #[test]
    fn includes_never_overlap_nor_cross_lines() {
        // Found by the fuzzer: a `)` two lines down made the first span
        // run over the second.
        let document =
            "[!INCLUDE[note](includes/a\n\n[!INCLUDE[n](b.md)]\n[!INCLUDE[x](c.md)] (d)]";
        let found = includes(document);
        let paths: Vec<&str> = found.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(paths, ["b.md", "c.md"]);
        for pair in found.windows(2) {
            assert!(pair[0].0.end <= pair[1].0.start);
        }
    }

    #[test]
    fn finds_includes() {
        let found = includes("a\n\n[!INCLUDE[note](../includes/n.md)]\n\n[!include [x](y.md)]\n");
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, "../includes/n.md");
        assert_eq!(found[1].1, "y.md");
    }

    #[test]
    fn includes_in_any_case_after_other_alerts() {
        let found =
            includes("[!NOTE]\n> [!Include[a](a.md)] é [![img](x.png)](y) [!iNcLuDe[b](b.md)]");
        let paths: Vec<&str> = found.iter().map(|(_, p)| p.as_str()).collect();
        assert_eq!(paths, ["a.md", "b.md"]);
        assert!(includes("[!includ").is_empty() && includes("[!").is_empty());
    }
}
