//! Page chrome: minijinja templates compiled into the binary, each one
//! replaced by a file of the same name in the project's `templates/`.

use std::path::Path;

use minijinja::Environment;

use crate::error::{Error, Result, io};

const EMBEDDED: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("article.html", include_str!("../../templates/article.html")),
    (
        "locale-index.html",
        include_str!("../../templates/locale-index.html"),
    ),
    (
        "site-index.html",
        include_str!("../../templates/site-index.html"),
    ),
    (
        "review-article.html",
        include_str!("../../templates/review-article.html"),
    ),
    (
        "review-locale.html",
        include_str!("../../templates/review-locale.html"),
    ),
    (
        "review-index.html",
        include_str!("../../templates/review-index.html"),
    ),
];
/// Files every site carries under `assets/`, overridable like templates.
const ASSETS: &[(&str, &str)] = &[
    ("helpc.css", include_str!("../../templates/helpc.css")),
    ("helpc.js", include_str!("../../templates/helpc.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
];

/// Escapes the five HTML-significant characters of strings, and no more:
/// minijinja's default also escapes `/`, which makes every URL unreadable.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &minijinja::Value,
) -> Result<(), minijinja::Error> {
    match value.as_str() {
        Some(text)
            if !value.is_safe() && matches!(state.auto_escape(), minijinja::AutoEscape::Html) =>
        {
            super::markdown::escape_into(text, out).map_err(|e| {
                minijinja::Error::new(minijinja::ErrorKind::WriteFailure, e.to_string())
            })
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// A template's error with its cause chain (`{:#}`: where in the template).
fn template_error(name: &str, error: &minijinja::Error) -> Error {
    Error::Template {
        name: name.to_string(),
        message: format!("{error:#}"),
    }
}

pub struct Templates {
    env: Environment<'static>,
    /// The templates whose text is a project's own, not the embedded one.
    overridden: Vec<&'static str>,
    /// (file name, contents), in `ASSETS` order.
    assets: Vec<(&'static str, String)>,
}

impl Templates {
    pub fn load(overrides: &Path) -> Result<Templates> {
        let read_override = |name: &str| -> Result<Option<String>> {
            let path = overrides.join(name);
            if !path.is_file() {
                return Ok(None);
            }
            std::fs::read_to_string(&path)
                .map(Some)
                .map_err(io("read the template", &path))
        };
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_formatter(html_formatter);
        let mut overridden = Vec::new();
        for (name, embedded) in EMBEDDED {
            let source = read_override(name)?.unwrap_or_else(|| embedded.to_string());
            if source != *embedded {
                overridden.push(*name);
            }
            env.add_template_owned(name.to_string(), source)
                .map_err(|e| template_error(name, &e))?;
        }
        let assets = ASSETS
            .iter()
            .map(|&(name, embedded)| {
                Ok((
                    name,
                    read_override(name)?.unwrap_or_else(|| embedded.to_string()),
                ))
            })
            .collect::<Result<_>>()?;
        Ok(Templates {
            env,
            overridden,
            assets,
        })
    }

    /// Whether `name` is the embedded template (no project file of other
    /// text replaces it).
    pub fn embedded(&self, name: &str) -> bool {
        !self.overridden.contains(&name)
    }

    pub fn render(&self, name: &str, context: minijinja::Value) -> Result<String> {
        let template = self
            .env
            .get_template(name)
            .map_err(|e| template_error(name, &e))?;
        let mut html = template
            .render(context)
            .map_err(|e| template_error(name, &e))?;
        if !html.ends_with('\n') {
            html.push('\n');
        }
        Ok(html)
    }

    pub fn asset(&self, name: &str) -> &str {
        self.assets
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, text)| text.as_str())
    }

    pub fn assets(&self) -> &[(&'static str, String)] {
        &self.assets
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_project_template_replaces_the_embedded_one() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("site-index.html"), "custom {{ lang }}").unwrap();
        std::fs::write(dir.path().join("helpc.css"), "body{}").unwrap();
        let templates = Templates::load(dir.path()).unwrap();
        let html = templates
            .render("site-index.html", minijinja::context! { lang => "fr-FR" })
            .unwrap();
        assert_eq!(html, "custom fr-FR\n");
        assert_eq!(templates.asset("helpc.css"), "body{}");
    }

    #[test]
    fn strings_are_escaped_urls_stay_readable() {
        let templates = Templates::load(Path::new("/nonexistent")).unwrap();
        let mut env = templates.env;
        env.add_template("t.html", "<a href=\"{{ url }}\">{{ text }}</a>")
            .unwrap();
        let html = env
            .get_template("t.html")
            .unwrap()
            .render(minijinja::context! { url => "../a/b.html?x=1&y=\"2\"", text => "<b>'" })
            .unwrap();
        assert_eq!(
            html,
            "<a href=\"../a/b.html?x=1&amp;y=&quot;2&quot;\">&lt;b&gt;&#39;</a>"
        );
    }

    #[test]
    fn a_broken_override_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article.html"), "{% if %}").unwrap();
        assert!(Templates::load(dir.path()).is_err());
    }
}
