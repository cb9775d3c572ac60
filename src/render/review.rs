//! Review pages for translators: one side-by-side page per article, a QA
//! summary per locale, and an index of locales.

use serde::Serialize;
use serde_json::{Value, json};

use super::{LocaleUi, Site, serde_value};
use crate::diag::Diagnostic;
use crate::read::Article;
use crate::rules::Level;

#[derive(Clone, Debug, Serialize)]
pub struct DiagnosticView {
    pub level: &'static str,
    pub rule: &'static str,
    pub line: u32,
    pub message: String,
    pub help: Option<String>,
}

impl DiagnosticView {
    fn of(d: &Diagnostic) -> DiagnosticView {
        DiagnosticView {
            level: d.level.as_str(),
            rule: d.rule.name(),
            line: d.line,
            message: d.message.clone(),
            help: d.help.clone(),
        }
    }
}

#[derive(Clone, Debug, Serialize)]
struct SegmentRow {
    id: String,
    line: u32,
    source: String,
    target: String,
    diagnostics: Vec<DiagnosticView>,
}

/// What the locale summary keeps of one reviewed article.
#[derive(Clone, Debug, Serialize)]
pub struct ReviewedArticle {
    pub path: String,
    /// Relative to the review root.
    pub url: String,
    pub segments: usize,
    pub errors: usize,
    pub warnings: usize,
    pub untranslated: usize,
    pub machine_translated: bool,
    pub human_translated: bool,
    pub fragment: bool,
    pub by_rule: Vec<&'static str>,
}

impl Site {
    /// The side-by-side page of one article, and what the summary needs.
    pub fn review_article(
        &self,
        article: &Article,
        diagnostics: &[Diagnostic],
        ui: &LocaleUi,
    ) -> crate::error::Result<(String, ReviewedArticle)> {
        let local = article.file.local.as_str();
        let url = format!(
            "{}/{}.html",
            ui.url_name,
            local.strip_suffix(".md").unwrap_or(local)
        );
        let rows: Vec<SegmentRow> = article
            .scan
            .segments
            .iter()
            .map(|segment| {
                let id = article.id(segment).to_string();
                SegmentRow {
                    line: article.lines.locate(&article.text, segment.start).line,
                    source: article.source(segment).unwrap_or_default().to_string(),
                    target: article.target(segment).to_string(),
                    diagnostics: diagnostics
                        .iter()
                        .filter(|d| d.segment.as_deref() == Some(id.as_str()))
                        .map(DiagnosticView::of)
                        .collect(),
                    id,
                }
            })
            .collect();
        let file_diagnostics: Vec<DiagnosticView> = diagnostics
            .iter()
            .filter(|d| {
                d.segment.is_none()
                    || !rows
                        .iter()
                        .any(|r| Some(r.id.as_str()) == d.segment.as_deref())
            })
            .map(DiagnosticView::of)
            .collect();
        let flagged = rows.iter().filter(|r| !r.diagnostics.is_empty()).count();
        let translation_type = article.front_matter.string("ms.translationtype");
        let root = super::root_prefix(&url);
        let title = article
            .front_matter
            .string("title")
            .map(|t| super::markdown::title_text(&t))
            .unwrap_or_else(|| local.to_string());
        let context = minijinja::context! {
            lang => ui.tag.to_string(),
            dir => ui.dir.as_str(),
            title => title,
            path => article.file.rel.as_str(),
            translation_type => translation_type.as_deref(),
            locale => ui.tag.to_string(),
            generator => super::GENERATOR,
            root => root.as_str(),
            home => crate::url::site_href(&root, &format!("{}/index.html", ui.url_name)),
            ui => ui.table.clone(),
            robots => "noindex, nofollow",
            flagged => flagged,
            segments => serde_value(&rows),
            file_diagnostics => serde_value(&file_diagnostics),
        };
        let html = self.templates.render("review-article.html", context)?;
        let count = |level: Level| diagnostics.iter().filter(|d| d.level == level).count();
        let reviewed = ReviewedArticle {
            path: article.file.rel.clone(),
            url,
            segments: rows.len(),
            errors: count(Level::Error),
            warnings: count(Level::Warning),
            untranslated: diagnostics
                .iter()
                .filter(|d| d.rule == crate::rules::Rule::Untranslated)
                .count(),
            machine_translated: translation_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("MT")),
            human_translated: translation_type
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case("HT")),
            fragment: article.file.fragment,
            by_rule: diagnostics.iter().map(|d| d.rule.name()).collect(),
        };
        Ok((html, reviewed))
    }

    /// A locale's QA summary, as JSON data. `others`: the locale's
    /// diagnostics that belong to no reviewed article (its TOCs and media,
    /// files that could not be read), counted too.
    pub fn review_summary(
        &self,
        ui: &LocaleUi,
        articles: &[ReviewedArticle],
        others: &[&Diagnostic],
    ) -> Value {
        let pages: Vec<&ReviewedArticle> = articles.iter().filter(|a| !a.fragment).collect();
        let segments: usize = articles.iter().map(|a| a.segments).sum();
        let untranslated: usize = articles.iter().map(|a| a.untranslated).sum::<usize>()
            + others
                .iter()
                .filter(|d| d.rule == crate::rules::Rule::Untranslated)
                .count();
        let mut by_rule = std::collections::BTreeMap::new();
        for rule in articles
            .iter()
            .flat_map(|a| a.by_rule.iter().copied())
            .chain(others.iter().map(|d| d.rule.name()))
        {
            *by_rule.entry(rule).or_insert(0usize) += 1;
        }
        let others_at = |level: Level| others.iter().filter(|d| d.level == level).count();
        let mut worst: Vec<&ReviewedArticle> = articles
            .iter()
            .filter(|a| a.errors + a.warnings > 0)
            .collect();
        worst.sort_by(|a, b| {
            (b.errors * 10 + b.warnings)
                .cmp(&(a.errors * 10 + a.warnings))
                .then_with(|| a.path.cmp(&b.path))
        });
        let percent = if segments == 0 {
            0.0
        } else {
            (untranslated as f64 * 1000.0 / segments as f64).round() / 10.0
        };
        json!({
            "locale": ui.tag.to_string(),
            "articles": pages.len(),
            "fragments": articles.len() - pages.len(),
            "segments": segments,
            "machine_translated": pages.iter().filter(|a| a.machine_translated).count(),
            "human_translated": pages.iter().filter(|a| a.human_translated).count(),
            "untranslated": untranslated,
            "untranslated_percent": percent,
            "errors": articles.iter().map(|a| a.errors).sum::<usize>() + others_at(Level::Error),
            "warnings": articles.iter().map(|a| a.warnings).sum::<usize>() + others_at(Level::Warning),
            "by_rule": by_rule,
            "worst": worst.iter().take(20).map(|a| json!({
                "path": a.path,
                "url": a.url,
                "errors": a.errors,
                "warnings": a.warnings,
                "segments": a.segments,
            })).collect::<Vec<_>>(),
        })
    }

    pub fn review_locale_html(
        &self,
        ui: &LocaleUi,
        summary: &Value,
        articles: &[ReviewedArticle],
    ) -> crate::error::Result<String> {
        let root = "../";
        let mut summary = summary.clone();
        if let Some(worst) = summary["worst"].as_array_mut() {
            for entry in worst {
                let href = crate::url::site_href(root, entry["url"].as_str().unwrap_or_default());
                entry["href"] = Value::String(href);
            }
        }
        let list: Vec<Value> = articles
            .iter()
            .map(|a| json!({"path": a.path, "href": crate::url::site_href(root, &a.url), "errors": a.errors, "warnings": a.warnings}))
            .collect();
        let context = minijinja::context! {
            lang => ui.tag.to_string(),
            dir => ui.dir.as_str(),
            locale => ui.tag.to_string(),
            generator => super::GENERATOR,
            root => root,
            home => "index.html",
            ui => ui.table.clone(),
            robots => "noindex, nofollow",
            summary => serde_value(&summary),
            articles => serde_value(&list),
        };
        self.templates.render("review-locale.html", context)
    }

    pub fn review_index_html(
        &self,
        summaries: &[(&LocaleUi, Value)],
    ) -> crate::error::Result<String> {
        let reference: unic_langid::LanguageIdentifier =
            super::i18n::REFERENCE.parse().unwrap_or_default();
        let ui = self.locale_ui(&reference, "");
        let locales: Vec<Value> = summaries
            .iter()
            .map(|(locale, s)| {
                json!({
                    "locale": s["locale"],
                    "href": crate::url::site_href("", &format!("{}/index.html", locale.url_name)),
                    "articles": s["articles"],
                    "segments": s["segments"],
                    "untranslated_percent": s["untranslated_percent"],
                    "errors": s["errors"],
                    "warnings": s["warnings"],
                })
            })
            .collect();
        let context = minijinja::context! {
            lang => super::i18n::REFERENCE,
            dir => "ltr",
            generator => super::GENERATOR,
            root => "",
            home => "index.html",
            ui => ui.table.clone(),
            robots => "noindex, nofollow",
            locales => serde_value(&locales),
        };
        self.templates.render("review-index.html", context)
    }
}
