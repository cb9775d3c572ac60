//! UI strings from Fluent files, with a fallback chain per page locale:
//! the locale itself, then the closest available locales (`pt-PT` → `pt` →
//! `pt-BR`), then `en-US`.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource};
use fluent_langneg::{NegotiationStrategy, negotiate_languages};
use unic_langid::LanguageIdentifier;

type Bundle = FluentBundle<FluentResource>;

/// The locale every message exists in.
pub const REFERENCE: &str = "en-US";

macro_rules! embedded {
    ($($tag:literal),* $(,)?) => {
        &[$(($tag, include_str!(concat!("../../locales/", $tag, ".ftl")))),*]
    };
}

/// The UI strings compiled into the binary.
pub const EMBEDDED: &[(&str, &str)] = embedded!(
    "ar-SA", "de-DE", "en-US", "es-ES", "fr-FR", "he-IL", "id-ID", "it-IT", "ja-JP", "ko-KR",
    "pt-BR", "ro-RO", "ru-RU", "zh-CN", "zh-TW",
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
    pub fn load(overrides: Option<&Path>) -> Result<Catalog, String> {
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
            let entries = std::fs::read_dir(dir)
                .map_err(|e| format!("cannot read `{}`: {e}", dir.display()))?;
            for entry in entries.flatten() {
                let path = entry.path();
                if path.extension().is_some_and(|e| e == "ftl")
                    && let Some(stem) = path.file_stem().map(|s| s.to_string_lossy().into_owned())
                {
                    let text = std::fs::read_to_string(&path)
                        .map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
                    sources.insert(stem, (path.display().to_string(), text));
                }
            }
        }
        let mut tags = Vec::new();
        let mut bundles = Vec::new();
        let mut ids = Vec::new();
        for (tag, (origin, text)) in sources {
            let lang: LanguageIdentifier = crate::locale::parse_tag(&tag)
                .ok_or_else(|| format!("`{origin}`: `{tag}` is not a BCP 47 tag"))?;
            let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
                format!("`{origin}` is not valid Fluent: {:?}", errors.first())
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
            bundle
                .add_resource(resource)
                .map_err(|errors| format!("`{origin}`: {:?}", errors.first()))?;
            tags.push(lang);
            bundles.push(Arc::new(bundle));
        }
        if ids.is_empty() {
            return Err(format!(
                "no UI strings for the reference locale {REFERENCE}"
            ));
        }
        Ok(Catalog { tags, bundles, ids })
    }

    pub fn has_locale(&self, tag: &LanguageIdentifier) -> bool {
        self.tags.iter().any(|t| crate::locale::same_locale(t, tag))
    }

    /// The locales tried for `tag`, best first, ending with the reference.
    pub fn chain(&self, tag: &LanguageIdentifier) -> Vec<LanguageIdentifier> {
        let reference: LanguageIdentifier = REFERENCE.parse().unwrap_or_default();
        let mut chain: Vec<LanguageIdentifier> = negotiate_languages(
            std::slice::from_ref(tag),
            &self.tags,
            None,
            NegotiationStrategy::Filtering,
        )
        .into_iter()
        .cloned()
        .collect();
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
        assert_eq!(chain, ["pt-BR", "en-US"]);
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
        assert_eq!(chain, ["pt", "pt-BR", "en-US"]);
        assert_eq!(catalog.strings(&tag("pt-PT")).get("site-title"), "Ajuda");
        std::fs::write(dir.path().join("fr-FR.ftl"), "site-title = { $\n").unwrap();
        assert!(Catalog::load(Some(dir.path())).is_err());
    }
}
