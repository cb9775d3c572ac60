# UI strings of the pages helpc builds: German (Germany).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Hilfecenter
# This language's own name, as shown in the language chooser.
language-name = Deutsch
choose-language = Sprache auswählen
home = Startseite
breadcrumb-label = Navigationspfad
articles-heading = Artikel
article-count = { $count ->
    [one] { $count } Artikel
   *[other] { $count } Artikel
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Dieser Artikel wurde maschinell übersetzt und kann Fehler enthalten.
languages-label = Sprachen
on-this-page = Auf dieser Seite
skip-to-content = Zum Hauptinhalt springen
alert-note = Hinweis
alert-tip = Tipp
alert-important = Wichtig
alert-caution = Vorsicht
alert-warning = Warnung
built-with = Erstellt mit helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Englisches Original anzeigen
show-translation = Übersetzung anzeigen
video = Video
contents = Inhalt
search = Suche
search-placeholder = Artikel durchsuchen
search-results = Ergebnisse
search-none = Keine Ergebnisse
