//! UI strings from Fluent files, with a fallback chain per page locale:
//! the locale itself, then the closest available locales (`pt-PT` → `pt` →
//! `pt-BR`), then `en-US`.

use crate::error::{Error, io};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use unic_langid::LanguageIdentifier;

type Bundle = FluentBundle<FluentResource>;

/// The locale every message exists in.
pub use crate::locale::REFERENCE;

macro_rules! embedded {
    ($($tag:literal),* $(,)?) => {
        &[$(($tag, include_str!(concat!("../../locales/", $tag, ".ftl")))),*]
    };
}

/// The UI strings compiled into the binary.
pub const EMBEDDED: &[(&str, &str)] = embedded!(
    "ar-SA",
    "bg-BG",
    "ca-ES",
    "cs-CZ",
    "da-DK",
    "de-DE",
    "el-GR",
    "en-US",
    "es-ES",
    "et-EE",
    "eu-ES",
    "fi-FI",
    "fr-FR",
    "gl-ES",
    "he-IL",
    "hi-IN",
    "hr-HR",
    "hu-HU",
    "id-ID",
    "it-IT",
    "ja-JP",
    "kk-KZ",
    "ko-KR",
    "lt-LT",
    "lv-LV",
    "ms-MY",
    "nb-NO",
    "nl-NL",
    "pl-PL",
    "pt-BR",
    "pt-PT",
    "ro-RO",
    "ru-RU",
    "sk-SK",
    "sl-SI",
    "sr-Cyrl-RS",
    "sr-Latn-RS",
    "sv-SE",
    "th-TH",
    "tr-TR",
    "uk-UA",
    "vi-VN",
    "zh-CN",
    "zh-TW",
);

pub struct Catalog {
    tags: Vec<LanguageIdentifier>,
    bundles: Vec<Arc<Bundle>>,
    /// Message ids of the reference locale, in file order.
    ids: Vec<String>,
}

/// The strings of one page locale.
#[derive(Clone)]
pub struct Strings {
    chain: Vec<Arc<Bundle>>,
    ids: Arc<[String]>,
}

impl Catalog {
    /// The embedded files, each replaced or joined by `<dir>/<tag>.ftl` when
    /// `overrides` is given and holds one.
    pub fn load(overrides: Option<&Path>) -> Result<Catalog, Error> {
        let mut sources: BTreeMap<String, (String, String)> = EMBEDDED
            .iter()
            .map(|(tag, text)| {
                (
                    tag.to_string(),
                    (format!("locales/{tag}.ftl"), text.to_string()),
                )
            })
            .collect();
        if let Some(dir) = overrides.filter(|d| d.is_dir()) {
            let entries = std::fs::read_dir(dir).map_err(io("read", dir))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "ftl")
                    && let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned())
                {
                    let text = std::fs::read_to_string(&path).map_err(io("read", &path))?;
                    sources.insert(stem, (path.display().to_string(), text));
                }
            }
        }
        let mut tags = Vec::new();
        let mut bundles = Vec::new();
        let mut ids = Vec::new();
        for (tag, (origin, text)) in sources {
            let lang: LanguageIdentifier = crate::locale::parse_tag(&tag).ok_or_else(|| {
                Error::Strings(format!("`{origin}`: `{tag}` is not a BCP 47 tag"))
            })?;
            let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
                Error::Strings(format!(
                    "`{origin}` is not valid Fluent: {}",
                    errors.first().map(ToString::to_string).unwrap_or_default()
                ))
            })?;
            if tag == REFERENCE {
                ids = resource
                    .entries()
                    .filter_map(|entry| match entry {
                        fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                        _ => None,
                    })
                    .collect();
            }
            let mut bundle = Bundle::new_concurrent(vec![lang.clone()]);
            bundle.set_use_isolating(false);
            bundle.add_resource(resource).map_err(|errors| {
                Error::Strings(format!(
                    "`{origin}`: {}",
                    errors.first().map(ToString::to_string).unwrap_or_default()
                ))
            })?;
            tags.push(lang);
            bundles.push(Arc::new(bundle));
        }
        if ids.is_empty() {
            return Err(Error::Strings(format!(
                "no UI strings for the reference locale {REFERENCE}"
            )));
        }
        Ok(Catalog { tags, bundles, ids })
    }

    pub fn has_locale(&self, tag: &LanguageIdentifier) -> bool {
        self.tags.iter().any(|t| crate::locale::same_locale(t, tag))
    }

    /// The locales tried for `tag`, best first, ending with the reference:
    /// the locale itself; a generic file of its language and script (`pt`);
    /// its CLDR parent (`pt-AO` → `pt-PT`); the same language and script in
    /// another region (`zh-HK` → `zh-TW`, never `zh-CN` first); then the same
    /// language in another script (`sr-Latn` → `sr-Cyrl`), each group in tag
    /// order. Scripts are compared after adding likely subtags, so `zh-TW`
    /// is Traditional and `sr-RS` Cyrillic.
    pub fn chain(&self, tag: &LanguageIdentifier) -> Vec<LanguageIdentifier> {
        let reference: LanguageIdentifier = REFERENCE.parse().unwrap_or_default();
        let requested = substitute(tag);
        let parent = parent_locale(&requested);
        let wanted = maximized(&requested);
        let mut ranked: Vec<(u8, &LanguageIdentifier)> = self
            .tags
            .iter()
            .filter_map(|available| {
                let full = maximized(available);
                if full.language != wanted.language {
                    return None;
                }
                let rank = if crate::locale::same_locale(available, &requested) {
                    0
                } else if available.region.is_none() && full.script == wanted.script {
                    1
                } else if parent
                    .as_ref()
                    .is_some_and(|p| crate::locale::same_locale(available, p))
                {
                    2
                } else if full.script == wanted.script {
                    3
                } else {
                    4
                };
                Some((rank, available))
            })
            .collect();
        ranked.sort_by_key(|(rank, available)| (*rank, available.to_string()));
        let mut chain: Vec<LanguageIdentifier> =
            ranked.into_iter().map(|(_, t)| t.clone()).collect();
        if !chain.contains(&reference) {
            chain.push(reference);
        }
        chain
    }

    pub fn strings(&self, tag: &LanguageIdentifier) -> Strings {
        let chain = self
            .chain(tag)
            .iter()
            .filter_map(|t| self.tags.iter().position(|x| x == t))
            .map(|i| Arc::clone(&self.bundles[i]))
            .collect();
        Strings {
            chain,
            ids: self.ids.clone().into(),
        }
    }
}

impl Strings {
    /// The message `id`, from the first locale of the chain that has it.
    pub fn format(&self, id: &str, args: Option<&FluentArgs>) -> String {
        for bundle in &self.chain {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, args, &mut errors)
                    .into_owned();
            }
        }
        id.to_string()
    }

    pub fn get(&self, id: &str) -> String {
        self.format(id, None)
    }

    /// Every message without arguments, keyed by its id with `_` for `-`, for templates.
    pub fn table(&self) -> BTreeMap<String, String> {
        self.ids
            .iter()
            .map(|id| (id.replace('-', "_"), self.get(id)))
            .collect()
    }

    /// The first locale of the chain: the language the strings are in.
    pub fn language(&self) -> Option<String> {
        self.chain
            .first()
            .and_then(|b| b.locales.first())
            .map(|l| l.to_string())
    }
}

fn maximized(tag: &LanguageIdentifier) -> LanguageIdentifier {
    let mut full = tag.clone();
    full.maximize();
    full
}

/// Tags whose readers read another language's strings: Norwegian is
/// written in Bokmål or Nynorsk, and the old `sh` is Serbian in Latin.
fn substitute(tag: &LanguageIdentifier) -> LanguageIdentifier {
    let replace = match tag.language.as_str() {
        "no" | "nn" => Some(("nb", None)),
        "sh" => Some(("sr", Some("Latn"))),
        _ => None,
    };
    match replace {
        Some((language, script)) => {
            let mut out = tag.clone();
            if let Ok(l) = language.parse() {
                out.language = l;
            }
            if let Some(s) = script.and_then(|s| s.parse().ok()) {
                out.script = Some(s);
            }
            out
        }
        None => tag.clone(),
    }
}

/// The CLDR parent of the regional variants whose parent is not their
/// language's default (CLDR `supplemental/parentLocales`): European
/// Portuguese for Portuguese outside Brazil, Traditional Chinese of Hong
/// Kong for Macau, British English for English outside the US sphere.
fn parent_locale(tag: &LanguageIdentifier) -> Option<LanguageIdentifier> {
    let region = tag.region.as_ref().map(|r| r.as_str())?;
    let parent = match (tag.language.as_str(), region) {
        ("pt", "AO" | "CH" | "CV" | "GQ" | "GW" | "LU" | "MO" | "MZ" | "ST" | "TL") => "pt-PT",
        ("zh", "MO") => "zh-HK",
        (
            "en",
            "AU" | "BE" | "CA" | "GB" | "IE" | "IN" | "MT" | "NZ" | "SG" | "ZA" | "HK" | "KE"
            | "NG" | "PK",
        ) => "en-GB",
        _ => return None,
    };
    parent.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tag(s: &str) -> LanguageIdentifier {
        s.parse().unwrap()
    }

    #[test]
    fn every_embedded_file_has_every_reference_message() {
        let catalog = Catalog::load(None).unwrap();
        for (name, text) in EMBEDDED {
            let resource = FluentResource::try_new(text.to_string()).unwrap();
            let ids: Vec<String> = resource
                .entries()
                .filter_map(|e| match e {
                    fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
                    _ => None,
                })
                .collect();
            for id in &catalog.ids {
                assert!(ids.contains(id), "{name} lacks `{id}`");
            }
        }
    }

    #[test]
    fn fallback_chain() {
        let catalog = Catalog::load(None).unwrap();
        let chain: Vec<String> = catalog
            .chain(&tag("pt-PT"))
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(chain, ["pt-PT", "pt-BR", "en-US"]);
        let chain: Vec<String> = catalog
            .chain(&tag("fr-CA"))
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(chain, ["fr-FR", "en-US"]);
        let chain: Vec<String> = catalog
            .chain(&tag("sw-KE"))
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(chain, ["en-US"]);
        assert_eq!(
            catalog.strings(&tag("ja-JP")).language().as_deref(),
            Some("ja-JP")
        );
    }

    fn names(catalog: &Catalog, t: &str) -> Vec<String> {
        catalog
            .chain(&tag(t))
            .iter()
            .map(|t| t.to_string())
            .collect()
    }

    #[test]
    fn nearest_relatives_by_script_and_parent() {
        let catalog = Catalog::load(None).unwrap();
        assert_eq!(
            names(&catalog, "sr-Latn-ME"),
            ["sr-Latn-RS", "sr-Cyrl-RS", "en-US"]
        );
        assert_eq!(
            names(&catalog, "sr-RS"),
            ["sr-Cyrl-RS", "sr-Latn-RS", "en-US"]
        );
        assert_eq!(
            names(&catalog, "sr-Latn"),
            ["sr-Latn-RS", "sr-Cyrl-RS", "en-US"]
        );
        assert_eq!(names(&catalog, "zh-HK"), ["zh-TW", "zh-CN", "en-US"]);
        assert_eq!(names(&catalog, "zh-SG"), ["zh-CN", "zh-TW", "en-US"]);
        assert_eq!(names(&catalog, "zh-Hans"), ["zh-CN", "zh-TW", "en-US"]);
        assert_eq!(names(&catalog, "pt-AO"), ["pt-PT", "pt-BR", "en-US"]);
        assert_eq!(names(&catalog, "pt-MZ")[0], "pt-PT");
        assert_eq!(names(&catalog, "no-NO"), ["nb-NO", "en-US"]);
        assert_eq!(names(&catalog, "he"), ["he-IL", "en-US"]);
        assert_eq!(names(&catalog, "en-GB"), ["en-US"]);
        // The language itself, never another one's strings.
        assert_eq!(names(&catalog, "sk-SK"), ["sk-SK", "en-US"]);
    }

    /// The variables a pattern uses, in every variant.
    fn variables(
        pattern: &fluent_syntax::ast::Pattern<&str>,
        out: &mut Vec<String>,
        default_only: bool,
    ) {
        use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
        for element in &pattern.elements {
            if let PatternElement::Placeable { expression } = element {
                match expression {
                    Expression::Inline(InlineExpression::VariableReference { id }) => {
                        out.push(id.name.to_string())
                    }
                    Expression::Select { selector, variants } => {
                        if let InlineExpression::VariableReference { id } = selector {
                            out.push(id.name.to_string());
                        }
                        for v in variants.iter().filter(|v| v.default || !default_only) {
                            variables(&v.value, out, default_only);
                        }
                    }
                    _ => {}
                }
            }
        }
    }

    fn messages(text: &str) -> BTreeMap<String, (Vec<String>, Vec<String>)> {
        let resource = fluent_syntax::parser::parse(text).unwrap();
        resource
            .body
            .iter()
            .filter_map(|e| match e {
                fluent_syntax::ast::Entry::Message(m) => {
                    let (mut all, mut default) = (Vec::new(), Vec::new());
                    if let Some(p) = &m.value {
                        variables(p, &mut all, false);
                        variables(p, &mut default, true);
                    }
                    for v in [&mut all, &mut default] {
                        v.sort();
                        v.dedup();
                    }
                    Some((m.id.name.to_string(), (all, default)))
                }
                _ => None,
            })
            .collect()
    }

    #[test]
    fn every_locale_keeps_every_placeholder_and_product_name() {
        let reference = messages(EMBEDDED.iter().find(|(t, _)| *t == REFERENCE).unwrap().1);
        assert!(EMBEDDED.len() >= 44, "{} locales", EMBEDDED.len());
        for (name, text) in EMBEDDED {
            let own = messages(text);
            assert_eq!(
                own.keys().collect::<Vec<_>>(),
                reference.keys().collect::<Vec<_>>(),
                "{name}: message ids differ from {REFERENCE}"
            );
            for (id, (all, _)) in &reference {
                let (theirs, default) = &own[id];
                assert_eq!(theirs, all, "{name}: `{id}` uses other variables");
                // The default variant must keep every variable: it is the one
                // used for numbers the other variants do not name.
                assert_eq!(
                    default, all,
                    "{name}: `{id}`'s default variant drops a variable"
                );
            }
            let strings = Catalog::load(None).unwrap().strings(&tag(name));
            assert!(
                strings.get("built-with").contains("helpc"),
                "{name}: product name"
            );
            for id in reference.keys() {
                assert!(
                    !strings.get(id).trim().is_empty(),
                    "{name}: `{id}` is empty"
                );
            }
            if *name != REFERENCE {
                assert_ne!(
                    strings.get("mt-notice"),
                    Catalog::load(None)
                        .unwrap()
                        .strings(&tag(REFERENCE))
                        .get("mt-notice"),
                    "{name}: the notice is not translated"
                );
            }
            // A count formats in every plural category the language has.
            for count in [0, 1, 2, 3, 5, 11, 21, 100, 1000] {
                let mut args = FluentArgs::new();
                args.set("count", count);
                let text = strings.format("article-count", Some(&args));
                assert!(!text.contains('{') && !text.is_empty(), "{name}: {text}");
            }
        }
    }

    #[test]
    fn strings_in_the_page_language_with_plurals() {
        let catalog = Catalog::load(None).unwrap();
        let fr = catalog.strings(&tag("fr-FR"));
        assert_ne!(
            fr.get("mt-notice"),
            catalog.strings(&tag("en-US")).get("mt-notice")
        );
        let mut args = FluentArgs::new();
        args.set("count", 1);
        let one = catalog
            .strings(&tag("en-US"))
            .format("article-count", Some(&args));
        args.set("count", 3);
        let three = catalog
            .strings(&tag("en-US"))
            .format("article-count", Some(&args));
        assert_eq!((one.as_str(), three.as_str()), ("1 article", "3 articles"));
        assert_eq!(fr.get("no-such-message"), "no-such-message");
    }

    #[test]
    fn project_files_override() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("fr-FR.ftl"), "site-title = Aide maison\n").unwrap();
        let catalog = Catalog::load(Some(dir.path())).unwrap();
        let fr = catalog.strings(&tag("fr-FR"));
        assert_eq!(fr.get("site-title"), "Aide maison");
        // Messages the override lacks fall back along the chain.
        assert_eq!(fr.get("home"), catalog.strings(&tag("en-US")).get("home"));
        // A project's generic `pt` comes before the embedded `pt-BR` for `pt-PT`.
        std::fs::write(dir.path().join("pt.ftl"), "site-title = Ajuda\n").unwrap();
        let catalog = Catalog::load(Some(dir.path())).unwrap();
        let chain: Vec<String> = catalog
            .chain(&tag("pt-PT"))
            .iter()
            .map(|t| t.to_string())
            .collect();
        assert_eq!(chain, ["pt-PT", "pt", "pt-BR", "en-US"]);
        assert_eq!(catalog.strings(&tag("pt-AO")).get("site-title"), "Ajuda");
        assert_eq!(
            catalog.strings(&tag("pt-PT")).get("site-title"),
            "Centro de Ajuda"
        );
        std::fs::write(dir.path().join("fr-FR.ftl"), "site-title = { $\n").unwrap();
        assert!(Catalog::load(Some(dir.path())).is_err());
    }
}
