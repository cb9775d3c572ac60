//! Glossaries: source terms with their required and forbidden translations
//! per locale, read from a simple CSV or from TBX, checked per segment by
//! `glossary-missing` and `glossary-forbidden`, and proposed from a
//! locale's consistent bold labels by `helpc glossary`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::check::consistency;

#[derive(Debug, thiserror::Error)]
pub enum GlossaryError {
    #[error("cannot read the glossary `{path}`: {why}")]
    Io { path: PathBuf, why: String },
    #[error("glossary `{path}` line {line}: {why}")]
    Csv {
        path: PathBuf,
        line: usize,
        why: String,
    },
    #[error("glossary `{path}` is not TBX that helpc reads: {why}")]
    Tbx { path: PathBuf, why: String },
    #[error("cannot write `{path}`: {why}")]
    Write { path: PathBuf, why: String },
}

/// One locale's translations of a term.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Translations {
    /// Any of these must be in the target (none listed: no requirement).
    pub preferred: Vec<String>,
    /// None of these may be.
    pub forbidden: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    pub source: String,
    /// By locale tag as the glossary writes it.
    pub locales: BTreeMap<String, Translations>,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Glossary {
    pub terms: Vec<Term>,
}

impl Glossary {
    /// Reads a `.tbx` (or `.xml`) file as TBX, anything else as CSV.
    pub fn load(path: &Path) -> Result<Glossary, GlossaryError> {
        let text = std::fs::read_to_string(path).map_err(|e| GlossaryError::Io {
            path: path.to_path_buf(),
            why: e.to_string(),
        })?;
        let tbx = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("tbx") || e.eq_ignore_ascii_case("xml"));
        if tbx {
            parse_tbx(&text).map_err(|TbxProblem(why)| GlossaryError::Tbx {
                path: path.to_path_buf(),
                why,
            })
        } else {
            parse_csv(&text).map_err(|(line, why)| GlossaryError::Csv {
                path: path.to_path_buf(),
                line,
                why,
            })
        }
    }

    /// The translations of each term for a locale folder (`fr-FR`; a
    /// glossary column `fr` serves every French locale).
    pub fn for_locale<'a>(&'a self, locale: &str) -> Vec<(&'a str, &'a Translations)> {
        let language = locale.split(['-', '_']).next().unwrap_or(locale);
        self.terms
            .iter()
            .filter_map(|term| {
                let exact = term
                    .locales
                    .iter()
                    .find(|(tag, _)| tag.eq_ignore_ascii_case(locale));
                let generic = || {
                    term.locales
                        .iter()
                        .find(|(tag, _)| tag.eq_ignore_ascii_case(language))
                };
                exact
                    .or_else(generic)
                    .map(|(_, t)| (term.source.as_str(), t))
            })
            .collect()
    }
}

/// Splits one CSV record (RFC 4180 quotes; no line breaks inside fields).
fn csv_fields(line: &str) -> Result<Vec<String>, String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut chars = line.chars().peekable();
    let mut quoted = false;
    let mut started = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            '"' if quoted => quoted = false,
            '"' if started && field.is_empty() => quoted = true,
            ',' if !quoted => {
                fields.push(std::mem::take(&mut field));
                started = true;
                continue;
            }
            c => field.push(c),
        }
        started = false;
    }
    if quoted {
        return Err("a quoted field is not closed".to_string());
    }
    fields.push(field);
    Ok(fields)
}

fn variants(field: &str) -> Vec<String> {
    field
        .split('|')
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(str::to_string)
        .collect()
}

/// `source,fr-FR,forbidden:fr-FR,…`: a header row, then one term a row;
/// several translations are separated by `|`. Errors carry the line.
pub fn parse_csv(text: &str) -> Result<Glossary, (usize, String)> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Ok(Glossary::default());
    };
    let header = csv_fields(header).map_err(|e| (header_line + 1, e))?;
    if header
        .first()
        .is_none_or(|h| !h.trim().eq_ignore_ascii_case("source"))
    {
        return Err((
            header_line + 1,
            "the header row must start with `source`, then one column per locale tag".to_string(),
        ));
    }
    let columns: Vec<(bool, String)> = header
        .iter()
        .skip(1)
        .map(|h| {
            let h = h.trim();
            match h.strip_prefix("forbidden:") {
                Some(tag) => (true, tag.trim().to_string()),
                None => (false, h.to_string()),
            }
        })
        .collect();
    if let Some((_, empty)) = columns.iter().find(|(_, tag)| tag.is_empty()) {
        return Err((
            header_line + 1,
            format!("a column has no locale tag (`{empty}`)"),
        ));
    }
    let mut terms = Vec::new();
    for (number, line) in lines {
        let fields = csv_fields(line).map_err(|e| (number + 1, e))?;
        if fields.len() > header.len() {
            return Err((
                number + 1,
                format!(
                    "{} fields where the header has {}",
                    fields.len(),
                    header.len()
                ),
            ));
        }
        let source = fields[0].trim().to_string();
        if source.is_empty() {
            return Err((number + 1, "the source term is empty".to_string()));
        }
        let mut locales: BTreeMap<String, Translations> = BTreeMap::new();
        for ((forbidden, tag), field) in columns.iter().zip(fields.iter().skip(1)) {
            let found = variants(field);
            if found.is_empty() {
                continue;
            }
            let entry = locales.entry(tag.clone()).or_default();
            if *forbidden {
                entry.forbidden.extend(found);
            } else {
                entry.preferred.extend(found);
            }
        }
        terms.push(Term { source, locales });
    }
    Ok(Glossary { terms })
}

/// TBX (ISO 30042, and the older MARTIF form translate-toolkit writes):
/// each `termEntry` has a `langSet` per language; the English one holds the
/// source term. A term whose `administrativeStatus` is deprecated or
/// superseded is forbidden.
/// Why a TBX file is not one helpc reads.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct TbxProblem(pub String);

pub fn parse_tbx(text: &str) -> Result<Glossary, TbxProblem> {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| TbxProblem(e.to_string()))?;
    const XML: &str = "http://www.w3.org/XML/1998/namespace";
    let root = document.root_element();
    let default_language = root
        .attribute((XML, "lang"))
        .unwrap_or("en")
        .to_ascii_lowercase();
    let mut terms = Vec::new();
    for entry in root
        .descendants()
        .filter(|n| n.has_tag_name("termEntry") || n.has_tag_name("conceptEntry"))
    {
        let mut source = None;
        let mut locales: BTreeMap<String, Translations> = BTreeMap::new();
        for set in entry
            .children()
            .filter(|n| n.has_tag_name("langSet") || n.has_tag_name("langSec"))
        {
            let Some(lang) = set.attribute((XML, "lang")) else {
                continue;
            };
            for term in set.descendants().filter(|n| n.has_tag_name("term")) {
                let text: String = term
                    .descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect();
                let text = text.trim().to_string();
                if text.is_empty() {
                    continue;
                }
                let status = term
                    .parent()
                    .into_iter()
                    .flat_map(|p| p.descendants())
                    .filter(|n| {
                        (n.has_tag_name("termNote") || n.has_tag_name("admin"))
                            && n.attribute("type") == Some("administrativeStatus")
                    })
                    .filter_map(|n| n.text())
                    .next()
                    .unwrap_or("");
                let forbidden = status.contains("deprecated") || status.contains("superseded");
                let lower = lang.to_ascii_lowercase();
                if source.is_none()
                    && (lower == default_language || lower.starts_with("en"))
                    && !forbidden
                {
                    source = Some(text);
                    continue;
                }
                let entry = locales.entry(lang.to_string()).or_default();
                if forbidden {
                    entry.forbidden.push(text);
                } else {
                    entry.preferred.push(text);
                }
            }
        }
        if let Some(source) = source {
            terms.push(Term { source, locales });
        }
    }
    Ok(Glossary { terms })
}

fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '|', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

pub fn write_csv(glossary: &Glossary, locale: &str) -> String {
    let mut out = format!("source,{locale},forbidden:{locale}\n");
    for term in &glossary.terms {
        let t = term.locales.get(locale).cloned().unwrap_or_default();
        out.push_str(&format!(
            "{},{},{}\n",
            csv_field(&term.source),
            csv_field(&t.preferred.join("|")),
            csv_field(&t.forbidden.join("|"))
        ));
    }
    out
}

fn xml_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// TBX in the MARTIF form (what translate-toolkit's `tbx` reads).
pub fn write_tbx(glossary: &Glossary, source_locale: &str) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<martif type=\"TBX\" xml:lang=\"",
    );
    out.push_str(&xml_escape(source_locale));
    out.push_str("\">\n<martifHeader><fileDesc><sourceDesc><p>proposed by helpc glossary</p></sourceDesc></fileDesc></martifHeader>\n<text>\n<body>\n");
    for (n, term) in glossary.terms.iter().enumerate() {
        out.push_str(&format!("<termEntry id=\"t{}\">\n", n + 1));
        out.push_str(&format!(
            "<langSet xml:lang=\"{}\"><tig><term>{}</term></tig></langSet>\n",
            xml_escape(source_locale),
            xml_escape(&term.source)
        ));
        for (tag, t) in &term.locales {
            out.push_str(&format!("<langSet xml:lang=\"{}\">", xml_escape(tag)));
            for p in &t.preferred {
                out.push_str(&format!("<tig><term>{}</term></tig>", xml_escape(p)));
            }
            for f in &t.forbidden {
                out.push_str(&format!(
                    "<tig><term>{}</term><termNote type=\"administrativeStatus\">deprecatedTerm-admn-sts</termNote></tig>",
                    xml_escape(f)
                ));
            }
            out.push_str("</langSet>\n");
        }
        out.push_str("</termEntry>\n");
    }
    out.push_str("</body>\n</text>\n</martif>\n");
    out
}

/// Where `needle` is in `haystack`, case ignored, as whole words where the
/// script separates words (any place in scripts written without spaces).
pub fn find_term(haystack: &str, needle: &str) -> Option<std::ops::Range<usize>> {
    let needle = needle.trim();
    if needle.is_empty() {
        return None;
    }
    let lower = haystack.to_lowercase();
    let wanted = needle.to_lowercase();
    // Lower-casing can change byte lengths: only then fall back to exact case.
    let (hay, want) = if lower.len() == haystack.len() {
        (lower.as_str(), wanted.as_str())
    } else {
        (haystack, needle)
    };
    let spaced = |c: char| c.is_alphanumeric() && !crate::render::search::unspaced(c);
    hay.match_indices(want)
        .map(|(at, m)| at..at + m.len())
        .find(|r| {
            let before = hay[..r.start].chars().next_back();
            let after = hay[r.end..].chars().next();
            let first = want.chars().next();
            let last = want.chars().next_back();
            let glued_before = before.is_some_and(spaced) && first.is_some_and(spaced);
            let glued_after = after.is_some_and(spaced) && last.is_some_and(spaced);
            !glued_before && !glued_after
        })
}

/// A proposal from the locale's bold labels: each label with at least
/// `min_support` aligned uses whose most common translation has at least
/// 75% of them, sorted by source term.
pub fn propose(
    articles: &[consistency::LocaleArticle],
    locale: &str,
    min_support: usize,
) -> Glossary {
    let mut labels: BTreeMap<&str, BTreeMap<&str, usize>> = BTreeMap::new();
    let mut shown: BTreeMap<(&str, &str), BTreeMap<&str, usize>> = BTreeMap::new();
    for article in articles {
        for segment in &article.segments {
            for ((s, t), (s_raw, t_raw)) in segment.labels.iter().zip(&segment.raw_labels) {
                *labels.entry(s).or_default().entry(t).or_default() += 1;
                *shown.entry((s, t)).or_default().entry(t_raw).or_default() += 1;
                *shown.entry((s, "")).or_default().entry(s_raw).or_default() += 1;
            }
        }
    }
    let most = |key: (&str, &str)| -> Option<String> {
        shown
            .get(&key)?
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map(|(t, _)| t.to_string())
    };
    let mut terms = Vec::new();
    for (label, targets) in &labels {
        let support: usize = targets.values().sum();
        let Some((best, count)) = targets
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
        else {
            continue;
        };
        // A label left in English is not a translation to require, nor a
        // single letter.
        if label.chars().filter(|c| c.is_alphabetic()).count() < 2
            || support < min_support
            || (*count as f64) < 0.75 * support as f64
            || best == label
        {
            continue;
        }
        let (Some(source), Some(target)) = (most((label, "")), most((label, best))) else {
            continue;
        };
        let mut locales = BTreeMap::new();
        locales.insert(
            locale.to_string(),
            Translations {
                preferred: vec![target],
                forbidden: Vec::new(),
            },
        );
        terms.push(Term { source, locales });
    }
    Glossary { terms }
}

/// Writes `text` to `path` in one step (beside it, then renamed), refusing
/// Markdown files and folders.
pub fn write_file(path: &Path, text: &str) -> Result<(), GlossaryError> {
    let fail = |why: String| GlossaryError::Write {
        path: path.to_path_buf(),
        why,
    };
    if path.is_dir()
        || path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("md"))
    {
        return Err(fail(
            "it is a folder or a Markdown file; name a .csv or .tbx file".to_string(),
        ));
    }
    let mut next = path.as_os_str().to_owned();
    next.push(".helpc-next");
    let next = PathBuf::from(next);
    std::fs::write(&next, text).map_err(|e| fail(e.to_string()))?;
    std::fs::rename(&next, path).map_err(|e| fail(e.to_string()))
}

/// The glossary file's format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Csv,
    Tbx,
}

/// `helpc glossary`: proposes a glossary from the bold labels of the
/// locale `tag` of `content`, written to `out` (standard output without).
/// Returns the number of terms.
pub fn command(
    content: &Path,
    tag: &unic_langid::LanguageIdentifier,
    source_locale: &unic_langid::LanguageIdentifier,
    format: Format,
    out: Option<&Path>,
) -> crate::error::Result<usize> {
    use rayon::prelude::*;
    let found = crate::discover::discover(content, std::slice::from_ref(tag))?;
    let Some(folder) = found.locales.iter().find(|l| {
        l.tag
            .as_ref()
            .is_some_and(|t| crate::locale::same_locale(t, tag))
    }) else {
        return Err(crate::error::Error::Content(format!(
            "the content has no `{tag}` folder"
        )));
    };
    let articles: Vec<consistency::LocaleArticle> = folder
        .markdown
        .par_iter()
        .filter(|f| !f.fragment)
        .filter_map(|file| crate::read::read_file(file).ok())
        .map(|article| {
            consistency::facts(&article, &folder.name, None, consistency::Wanted::LABELS)
        })
        .collect();
    let glossary = propose(&articles, &folder.name, 3);
    let text = match format {
        Format::Csv => write_csv(&glossary, &folder.name),
        Format::Tbx => write_tbx(&glossary, &source_locale.to_string()),
    };
    match out {
        Some(path) => {
            write_file(path, &text).map_err(|e| crate::error::Error::Content(e.to_string()))?
        }
        None => print!("{text}"),
    }
    Ok(glossary.terms.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_with_quotes_variants_and_forbidden() {
        let g = parse_csv(
            "source,fr-FR,forbidden:fr-FR,ja\nSave,Enregistrer,Sauver|Sauvegarder,保存\n\"Sign in, now\",\"Se connecter\",,\n",
        )
        .unwrap();
        assert_eq!(g.terms.len(), 2);
        let fr = &g.terms[0].locales["fr-FR"];
        assert_eq!(fr.preferred, ["Enregistrer"]);
        assert_eq!(fr.forbidden, ["Sauver", "Sauvegarder"]);
        assert_eq!(g.terms[1].source, "Sign in, now");
        assert_eq!(g.for_locale("ja-JP").len(), 1);
        assert_eq!(g.for_locale("fr-FR").len(), 2);
        assert!(parse_csv("term,fr\n").is_err());
        assert_eq!(parse_csv("source,fr\n\"x,y\n").unwrap_err().0, 2);
    }

    #[test]
    fn tbx_round_trip() {
        let mut locales = BTreeMap::new();
        locales.insert(
            "fr-FR".to_string(),
            Translations {
                preferred: vec!["Enregistrer".into()],
                forbidden: vec!["Sauver".into()],
            },
        );
        let g = Glossary {
            terms: vec![Term {
                source: "Save & close".into(),
                locales,
            }],
        };
        assert_eq!(parse_tbx(&write_tbx(&g, "en-US")).unwrap(), g);
        assert_eq!(parse_csv(&write_csv(&g, "fr-FR")).unwrap(), g);
    }

    #[test]
    fn terms_are_whole_words_where_words_are_spaced() {
        assert!(find_term("Cliquez sur Enregistrer.", "enregistrer").is_some());
        assert!(find_term("Enregistrement", "enregistrer").is_none());
        assert!(find_term("[保存]をクリック", "保存").is_some());
    }
}
