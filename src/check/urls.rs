//! URLs compared the way a reader follows them: a help article's links are
//! localised (`/de-DE/office/…` where the English has `/en-us/office/…`,
//! `?ui=de-DE&rs=de-DE&ad=DE`), and host names ignore case. Two URLs that
//! differ only there lead to the same page in another language.

/// Query parameters whose value names the reader's language or market.
const LOCALE_PARAMETERS: &[&str] = &[
    "ui", "rs", "ad", "lang", "language", "locale", "mkt", "setlang", "setmkt", "cc", "clcid",
    "culture", "lcid", "omkt", "hl", "gl", "market",
];

/// Script subtags of the languages help sites are published in (a
/// four-letter word after a hyphen is otherwise a word: `get-help`).
const SCRIPTS: &[&str] = &[
    "arab", "armn", "beng", "cyrl", "deva", "ethi", "geor", "grek", "gujr", "guru", "hans", "hant",
    "hebr", "khmr", "knda", "laoo", "latn", "mlym", "mong", "orya", "sinh", "taml", "telu", "thai",
];

/// `en-us`, `de-DE`, `zh-Hans`, `sr-Latn-RS`, `es-419`: a language tag as
/// URLs carry it (a language subtag and at least one region or script).
pub fn is_locale_segment(segment: &str) -> bool {
    let mut parts = segment.split(['-', '_']);
    let Some(language) = parts.next() else {
        return false;
    };
    if !(2..=3).contains(&language.len()) || !language.chars().all(|c| c.is_ascii_alphabetic()) {
        return false;
    }
    let rest: Vec<&str> = parts.collect();
    if rest.is_empty() || rest.len() > 2 {
        return false;
    }
    rest.iter().all(|part| {
        (part.len() == 2 && part.chars().all(|c| c.is_ascii_alphabetic()))
            || SCRIPTS.contains(&part.to_ascii_lowercase().as_str())
            || (part.len() == 3 && part.chars().all(|c| c.is_ascii_digit()))
    })
}

/// `url` with its locale folded out: host and scheme in lower case, path
/// segments that are language tags replaced by `{locale}`, the values of
/// language and market query parameters (and any value that is a language
/// tag) emptied, and a doubled `??` read as `?`.
pub fn fold(url: &str) -> String {
    let url = url.trim();
    let (before_fragment, fragment) = match url.find('#') {
        Some(at) => (&url[..at], &url[at..]),
        None => (url, ""),
    };
    let (location, query) = match before_fragment.find('?') {
        Some(at) => (
            &before_fragment[..at],
            Some(before_fragment[at..].trim_start_matches('?')),
        ),
        None => (before_fragment, None),
    };
    let mut out = String::with_capacity(url.len());
    // scheme://host stays apart from the path.
    let path = match location.find("://") {
        Some(at) => {
            let after = &location[at + 3..];
            let host_end = after.find('/').unwrap_or(after.len());
            out.push_str(&location[..at + 3].to_ascii_lowercase());
            out.push_str(&after[..host_end].to_ascii_lowercase());
            &after[host_end..]
        }
        None => location,
    };
    let segments: Vec<&str> = path.split('/').collect();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        if is_locale_segment(segment) {
            out.push_str("{locale}");
        } else {
            out.push_str(segment);
        }
    }
    if let Some(query) = query {
        out.push('?');
        let mut first = true;
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            if !first {
                out.push('&');
            }
            first = false;
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            let key = key.to_ascii_lowercase();
            out.push_str(&key);
            if pair.contains('=') {
                out.push('=');
                if !LOCALE_PARAMETERS.contains(&key.as_str()) && !is_locale_segment(value) {
                    out.push_str(value);
                }
            }
        }
    }
    out.push_str(fragment);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn localised_urls_fold_to_the_same_text() {
        assert_eq!(
            fold("https://support.office.com/de-DE/article/x?ui=de-DE&rs=de-DE&ad=DE"),
            fold("https://SUPPORT.office.com/en-us/article/x?ui=en-US&rs=en-US&ad=US")
        );
        assert_eq!(
            fold("https://docs.microsoft.com/sr-latn-rs/a"),
            fold("https://docs.microsoft.com/en-us/a")
        );
        assert_eq!(fold("https://x.y/a??b=1"), fold("https://x.y/a?b=1"));
        assert_eq!(
            fold("https://x.y/a?omkt=fr-FR"),
            fold("https://x.y/a?omkt=en-US")
        );
    }

    #[test]
    fn other_differences_stay() {
        assert_ne!(fold("https://x.y/a"), fold("https://x.y/b"));
        // Paths are case-sensitive; only the host is not.
        assert_ne!(fold("https://x.y/Page"), fold("https://x.y/page"));
        assert_ne!(fold("https://x.y/a?id=1"), fold("https://x.y/a?id=2"));
        assert_ne!(fold("https://x.y/a#one"), fold("https://x.y/a#two"));
        // Words with hyphens are not locales.
        assert_ne!(fold("https://x.y/add-ins"), fold("https://x.y/get-help"));
        assert!(!is_locale_segment("add-ins"));
        assert!(is_locale_segment("zh-Hans-CN"));
        assert!(is_locale_segment("es-419"));
    }
}
