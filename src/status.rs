//! `helpc status`: per locale, how much of the content is translated and
//! up to date, from a check run's articles and diagnostics.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;
use serde_json::json;

use crate::analyse::ArticleFacts;
use crate::diag::Report;
use crate::rules::Rule;

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct LocaleStatus {
    /// Articles of the locale.
    pub articles: usize,
    /// Articles other locales (or the source) have and this one lacks.
    pub missing: usize,
    /// Articles with a `translation-stale` or `source-drift` report.
    pub stale: usize,
    /// Articles neither stale nor missing, as a share of all expected, in percent.
    pub up_to_date: f64,
    pub segments: usize,
    pub machine_translated_segments: usize,
    pub human_translated_segments: usize,
    /// Segments a handoff left to translate (their target is the English).
    pub untranslated_segments: usize,
    /// Near matches a handoff carried over, to review.
    pub fuzzy_segments: usize,
    /// Articles with untranslated or fuzzy segments: not up to date.
    pub unfinished: usize,
}

/// The status of every locale but the source, by locale folder name.
/// `source`: the source locale's folder, when there is one.
pub fn status(
    articles: &[ArticleFacts],
    report: &Report,
    source: Option<&str>,
) -> BTreeMap<String, LocaleStatus> {
    let mut by_locale: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for article in articles {
        by_locale
            .entry(article.locale.as_str())
            .or_default()
            .insert(&article.local);
    }
    // What every locale should have: the source's articles, or else every
    // article any locale has.
    let expected: BTreeSet<&str> = match source.and_then(|s| by_locale.get(s)) {
        Some(source_articles) => source_articles.clone(),
        None => by_locale.values().flatten().copied().collect(),
    };
    let stale: BTreeSet<&str> = report
        .diagnostics
        .iter()
        .filter(|d| matches!(d.rule, Rule::TranslationStale | Rule::SourceDrift))
        .map(|d| d.path.as_str())
        .collect();
    let mut out = BTreeMap::new();
    for (locale, present) in &by_locale {
        if Some(*locale) == source {
            continue;
        }
        let mut status = LocaleStatus {
            articles: present.len(),
            missing: expected.difference(present).count(),
            ..LocaleStatus::default()
        };
        // Articles stale or unfinished.
        let mut lagging = 0;
        for article in articles.iter().filter(|a| a.locale == *locale) {
            status.segments += article.segments;
            if article.machine_translated {
                status.machine_translated_segments += article.segments;
            } else {
                status.human_translated_segments += article.segments;
            }
            status.untranslated_segments += article.untranslated_segments;
            status.fuzzy_segments += article.fuzzy_segments;
            let unfinished = article.untranslated_segments + article.fuzzy_segments > 0;
            if stale.contains(format!("{locale}/{}", article.local).as_str()) {
                status.stale += 1;
                lagging += 1;
            } else if unfinished {
                lagging += 1;
            }
            if unfinished {
                status.unfinished += 1;
            }
        }
        let wanted = status.articles + status.missing;
        status.up_to_date = if wanted == 0 {
            100.0
        } else {
            let good = status.articles - lagging;
            (good as f64 * 1000.0 / wanted as f64).floor() / 10.0
        };
        out.insert(locale.to_string(), status);
    }
    out
}

/// Locales under `threshold` percent up to date.
pub fn below(status: &BTreeMap<String, LocaleStatus>, threshold: f64) -> Vec<&str> {
    status
        .iter()
        .filter(|(_, s)| s.up_to_date < threshold)
        .map(|(l, _)| l.as_str())
        .collect()
}

pub fn render_table(status: &BTreeMap<String, LocaleStatus>) -> String {
    let header = [
        "locale",
        "articles",
        "missing",
        "stale",
        "up to date",
        "segments",
        "MT",
        "HT",
        "to translate",
        "fuzzy",
    ];
    let mut rows: Vec<[String; 10]> = vec![header.map(String::from)];
    for (locale, s) in status {
        rows.push([
            locale.clone(),
            s.articles.to_string(),
            s.missing.to_string(),
            s.stale.to_string(),
            format!("{:.1}%", s.up_to_date),
            s.segments.to_string(),
            s.machine_translated_segments.to_string(),
            s.human_translated_segments.to_string(),
            s.untranslated_segments.to_string(),
            s.fuzzy_segments.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..10)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if c == 0 {
                    format!("{cell:<width$}", width = widths[c])
                } else {
                    format!("{cell:>width$}", width = widths[c])
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}

pub fn render_json(status: &BTreeMap<String, LocaleStatus>, fail_under: Option<f64>) -> String {
    let value = json!({
        "locales": status,
        "fail_under": fail_under,
        "below": fail_under.map(|t| below(status, t)).unwrap_or_default(),
    });
    crate::diag::to_json_text(&value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostic;

    fn fact(locale: &str, local: &str, machine: bool, segments: usize) -> ArticleFacts {
        ArticleFacts {
            locale: locale.into(),
            local: local.into(),
            machine_translated: machine,
            segments,
            untranslated_segments: 0,
            fuzzy_segments: 0,
        }
    }

    #[test]
    fn counts_missing_stale_and_segments() {
        let articles = [
            fact("en-US", "a.md", false, 0),
            fact("en-US", "b.md", false, 0),
            fact("en-US", "c.md", false, 0),
            fact("fr-FR", "a.md", true, 10),
            fact("fr-FR", "b.md", false, 5),
            fact("ja-JP", "a.md", false, 7),
        ];
        let report = Report::new(
            Default::default(),
            vec![Diagnostic::new(Rule::TranslationStale, "fr-FR/b.md", "x")],
        );
        let status = status(&articles, &report, Some("en-US"));
        assert_eq!(status.len(), 2);
        let fr = &status["fr-FR"];
        assert_eq!((fr.articles, fr.missing, fr.stale), (2, 1, 1));
        assert_eq!(fr.up_to_date, 33.3);
        assert_eq!(
            (fr.machine_translated_segments, fr.human_translated_segments),
            (10, 5)
        );
        assert_eq!(status["ja-JP"].missing, 2);
        // Segments a handoff left unfinished make their article not up to date.
        let mut handed = articles.to_vec();
        handed[5].untranslated_segments = 2;
        handed[5].fuzzy_segments = 1;
        let ja = &super::status(&handed, &report, Some("en-US"))["ja-JP"];
        assert_eq!(
            (ja.untranslated_segments, ja.fuzzy_segments, ja.unfinished),
            (2, 1, 1)
        );
        assert_eq!(ja.up_to_date, 0.0);
        assert_eq!(below(&status, 50.0), ["fr-FR", "ja-JP"]);
        let table = render_table(&status);
        assert!(table.starts_with("locale  articles"), "{table}");
        assert!(table.contains("33.3%"));
    }
}
