//! The article page of the built-in templates (`templates/base.html` and
//! `templates/article.html`), written directly: the bytes minijinja makes
//! of those two templates, without its machine (rendering them took a
//! sixth of a full build). Used only while neither template is overridden
//! by a file of other text; `tests/templates.rs` renders pages both ways
//! and compares them. Keep this file in step with the two templates.

use std::fmt::Write;

use super::markdown::Heading;
use super::nav::{Crumb, NavItem};

/// The UI strings the article page shows, each looked up once per locale.
pub struct UiText {
    site_title: String,
    breadcrumb_label: String,
    home: String,
    articles_heading: String,
    contents: String,
    mt_notice: String,
    show_english: String,
    show_translation: String,
    on_this_page: String,
    skip_to_content: String,
    search: String,
    search_placeholder: String,
    languages_label: String,
    search_results: String,
    search_none: String,
    built_with: String,
}

impl UiText {
    /// `None` when the table lacks one (the templates then report it).
    pub fn of(table: &std::collections::BTreeMap<String, String>) -> Option<UiText> {
        let get = |key: &str| table.get(key).cloned();
        Some(UiText {
            site_title: get("site_title")?,
            breadcrumb_label: get("breadcrumb_label")?,
            home: get("home")?,
            articles_heading: get("articles_heading")?,
            contents: get("contents")?,
            mt_notice: get("mt_notice")?,
            show_english: get("show_english")?,
            show_translation: get("show_translation")?,
            on_this_page: get("on_this_page")?,
            skip_to_content: get("skip_to_content")?,
            search: get("search")?,
            search_placeholder: get("search_placeholder")?,
            languages_label: get("languages_label")?,
            search_results: get("search_results")?,
            search_none: get("search_none")?,
            built_with: get("built_with")?,
        })
    }
}

/// An entry of the language switcher.
pub struct Switch<'a> {
    pub locale: &'a str,
    pub name: &'a str,
    pub href: &'a str,
    pub current: bool,
}

/// What the article templates are given (see `Site::article_html`).
pub struct ArticlePage<'a> {
    pub lang: &'a str,
    pub dir: &'a str,
    pub title: &'a str,
    pub robots: Option<&'a str>,
    pub generator: &'a str,
    pub root: &'a str,
    pub home: &'a str,
    pub site_index: &'a str,
    pub ui: &'a UiText,
    pub ui_lang: Option<&'a str>,
    pub machine_translated: bool,
    pub body: &'a str,
    pub english: Option<&'a str>,
    /// Segment id and English source text.
    pub sources: &'a [(String, String)],
    pub toc: &'a [&'a Heading],
    pub nav: &'a [NavItem],
    pub trail: &'a [Crumb],
    pub search_index: &'a str,
    pub search_script: &'a str,
    pub alternates: &'a [Switch<'a>],
    /// Locale and absolute URL.
    pub hreflang: &'a [(&'a str, String)],
    pub canonical: &'a str,
}

/// A template's `{{ text }}`: escaped.
fn text(out: &mut String, text: &str) {
    // Writing into a `String` cannot fail.
    let _ = super::markdown::escape_into(text, out);
}

/// A template's `{% if value %}` of a string: set and not empty.
fn set(value: Option<&str>) -> bool {
    value.is_some_and(|v| !v.is_empty())
}

impl ArticlePage<'_> {
    /// `{% if ui_lang is defined and ui_lang %} lang="{{ ui_lang }}"{% endif %}`
    fn ui_lang(&self, out: &mut String) {
        if let Some(lang) = self.ui_lang.filter(|l| !l.is_empty()) {
            out.push_str(" lang=\"");
            text(out, lang);
            out.push('"');
        }
    }

    /// The page, as `Templates::render` returns it (a final line break).
    pub fn html(&self) -> String {
        let ui = self.ui;
        let mut out = String::with_capacity(self.body.len() * 2 + 4096);
        let o = &mut out;
        o.push_str("<!DOCTYPE html>\n<html lang=\"");
        text(o, self.lang);
        o.push_str("\" dir=\"");
        text(o, self.dir);
        o.push_str("\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>");
        text(o, self.title);
        o.push_str(" | ");
        text(o, &ui.site_title);
        o.push_str("</title>");
        if set(self.robots) {
            o.push_str("\n<meta name=\"robots\" content=\"");
            text(o, self.robots.unwrap_or_default());
            o.push_str("\">");
        }
        o.push_str("\n<meta name=\"generator\" content=\"");
        text(o, self.generator);
        o.push_str("\">\n<link rel=\"stylesheet\" href=\"");
        text(o, self.root);
        o.push_str("assets/helpc.css\">\n<link rel=\"icon\" href=\"");
        text(o, self.root);
        // `search_index` is always given: the script always comes.
        o.push_str("assets/favicon.svg\" type=\"image/svg+xml\">\n<script src=\"");
        text(o, self.root);
        o.push_str("assets/helpc.js\" defer></script>\n<link rel=\"canonical\" href=\"");
        text(o, self.canonical);
        o.push_str("\">");
        for (locale, href) in self.hreflang {
            o.push_str("\n<link rel=\"alternate\" hreflang=\"");
            text(o, locale);
            o.push_str("\" href=\"");
            text(o, href);
            o.push_str("\">");
        }
        o.push_str("\n</head>\n<body>\n<a class=\"skip-link\" href=\"#main\"");
        self.ui_lang(o);
        o.push('>');
        text(o, &ui.skip_to_content);
        o.push_str("</a>\n<header class=\"site-header\">\n<div class=\"site-header-inner\">\n<a class=\"site-title\" href=\"");
        text(o, self.home);
        o.push('"');
        self.ui_lang(o);
        o.push('>');
        text(o, &ui.site_title);
        o.push_str("</a>\n<form class=\"site-search\" role=\"search\" data-index=\"");
        text(o, self.search_index);
        o.push_str("\" data-script=\"");
        text(o, self.search_script);
        o.push('"');
        self.ui_lang(o);
        o.push_str(" hidden>\n<label for=\"site-search-input\">");
        text(o, &ui.search);
        o.push_str(
            "</label>\n<input id=\"site-search-input\" type=\"search\" name=\"q\" placeholder=\"",
        );
        text(o, &ui.search_placeholder);
        o.push_str("\" autocomplete=\"off\" aria-controls=\"site-search-results\">\n</form>");
        if self.alternates.len() > 1 {
            o.push_str("\n<nav class=\"language-switcher\" aria-label=\"");
            text(o, &ui.languages_label);
            o.push_str("\">\n<ul>");
            for alternate in self.alternates {
                o.push_str("\n<li>");
                if alternate.current {
                    o.push_str("<span aria-current=\"page\" lang=\"");
                    text(o, alternate.locale);
                    o.push_str("\">");
                    text(o, alternate.name);
                    o.push_str("</span>");
                } else {
                    o.push_str("<a href=\"");
                    text(o, alternate.href);
                    o.push_str("\" hreflang=\"");
                    text(o, alternate.locale);
                    o.push_str("\" lang=\"");
                    text(o, alternate.locale);
                    o.push_str("\">");
                    text(o, alternate.name);
                    o.push_str("</a>");
                }
                o.push_str("</li>");
            }
            o.push_str("\n</ul>\n</nav>");
        }
        o.push_str("\n</div>\n<section id=\"site-search-results\" class=\"search-results\"");
        self.ui_lang(o);
        o.push_str(" aria-live=\"polite\" data-heading=\"");
        text(o, &ui.search_results);
        o.push_str("\" data-none=\"");
        text(o, &ui.search_none);
        o.push_str("\" hidden></section>\n</header>\n");
        self.main(o);
        o.push_str("\n<footer class=\"site-footer\">\n<p");
        self.ui_lang(o);
        o.push('>');
        text(o, &ui.built_with);
        o.push_str("</p>\n</footer>\n</body>\n</html>\n");
        out
    }

    /// `article.html`'s `main` block.
    fn main(&self, o: &mut String) {
        let ui = self.ui;
        o.push_str("\n<nav class=\"breadcrumbs\" aria-label=\"");
        text(o, &ui.breadcrumb_label);
        o.push_str("\">\n<ol>\n<li><a href=\"");
        text(o, self.site_index);
        o.push('"');
        self.ui_lang(o);
        o.push('>');
        text(o, &ui.home);
        o.push_str("</a></li>\n<li><a href=\"");
        text(o, self.home);
        o.push('"');
        self.ui_lang(o);
        o.push('>');
        text(o, &ui.articles_heading);
        o.push_str("</a></li>");
        for crumb in self.trail {
            o.push_str("\n<li");
            if crumb.raw {
                o.push_str(" dir=\"ltr\"");
            }
            o.push('>');
            match crumb.href.as_deref().filter(|h| !h.is_empty()) {
                Some(href) => {
                    o.push_str("<a href=\"");
                    text(o, href);
                    o.push_str("\">");
                    text(o, &crumb.name);
                    o.push_str("</a>");
                }
                None => text(o, &crumb.name),
            }
            o.push_str("</li>");
        }
        o.push_str("\n<li><span aria-current=\"page\">");
        text(o, self.title);
        o.push_str("</span></li>\n</ol>\n</nav>\n<div class=\"page-layout");
        if !self.nav.is_empty() {
            o.push_str(" with-nav\">\n<nav class=\"site-nav\" aria-label=\"");
            text(o, &ui.contents);
            o.push_str("\">\n<h2");
            self.ui_lang(o);
            o.push('>');
            text(o, &ui.contents);
            o.push_str("</h2>\n<ul>");
            self.nav_items(o, self.nav);
            o.push_str("\n</ul>\n</nav>");
        } else {
            o.push('"');
            o.push('>');
        }
        o.push_str("\n<main id=\"main\" class=\"article-layout\">\n<article class=\"article\">");
        if self.machine_translated {
            o.push_str("\n<p class=\"mt-notice\" role=\"note\"");
            self.ui_lang(o);
            o.push('>');
            text(o, &ui.mt_notice);
            o.push_str("</p>");
        }
        match self.english.filter(|e| !e.is_empty()) {
            Some(english) => {
                o.push_str("\n<button type=\"button\" class=\"toggle-english\" aria-pressed=\"false\" data-show-english=\"");
                text(o, &ui.show_english);
                o.push_str("\" data-show-translation=\"");
                text(o, &ui.show_translation);
                o.push('"');
                self.ui_lang(o);
                o.push_str(" hidden>");
                text(o, &ui.show_english);
                o.push_str("</button>\n<div class=\"article-body bilingual\">\n");
                o.push_str(self.body);
                o.push_str(
                    "\n</div>\n<div class=\"english-body\" lang=\"en\" dir=\"ltr\" hidden>\n",
                );
                o.push_str(english);
                o.push_str("\n</div>\n<div class=\"segment-sources\" hidden>");
                for (id, source) in self.sources {
                    o.push_str("\n<span id=\"src-");
                    text(o, id);
                    o.push_str("\" lang=\"en\" dir=\"ltr\">");
                    text(o, source);
                    o.push_str("</span>");
                }
                o.push_str("\n</div>");
            }
            None => {
                o.push('\n');
                o.push_str(self.body);
            }
        }
        o.push_str("\n</article>");
        if self.toc.len() > 1 {
            o.push_str("\n<nav class=\"toc\" aria-label=\"");
            text(o, &ui.on_this_page);
            o.push_str("\">\n<h2");
            self.ui_lang(o);
            o.push('>');
            text(o, &ui.on_this_page);
            o.push_str("</h2>\n<ul>");
            for heading in self.toc {
                let _ = write!(o, "\n<li class=\"toc-{}\"><a href=\"#", heading.level);
                text(o, &heading.id);
                o.push_str("\">");
                text(o, &heading.text);
                o.push_str("</a></li>");
            }
            o.push_str("\n</ul>\n</nav>");
        }
        o.push_str("\n</main>\n</div>\n");
    }

    /// The side bar's `{% for item in nav recursive %}` loop.
    fn nav_items(&self, o: &mut String, items: &[NavItem]) {
        for item in items {
            let name = if item.name.is_empty() {
                self.ui.articles_heading.as_str()
            } else {
                item.name.as_str()
            };
            let dir = if item.raw { " dir=\"ltr\"" } else { "" };
            o.push_str("\n<li");
            if item.open {
                o.push_str(" class=\"open\"");
            }
            o.push('>');
            let href = item.href.as_deref();
            if item.current {
                o.push_str("<a href=\"");
                // `{{ item.href }}` of none.
                text(o, href.unwrap_or("none"));
                o.push_str("\" aria-current=\"page\"");
                o.push_str(dir);
                o.push('>');
                text(o, name);
                o.push_str("</a>");
            } else if let Some(href) = href.filter(|h| !h.is_empty()) {
                o.push_str("<a href=\"");
                text(o, href);
                o.push('"');
                o.push_str(dir);
                o.push('>');
                text(o, name);
                o.push_str("</a>");
            } else {
                o.push_str("<span");
                o.push_str(dir);
                o.push('>');
                text(o, name);
                o.push_str("</span>");
            }
            if !item.items.is_empty() {
                o.push_str("\n<ul>");
                self.nav_items(o, &item.items);
                o.push_str("</ul>");
            }
            o.push_str("</li>");
        }
    }
}
