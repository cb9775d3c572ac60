# UI strings of the pages helpc builds: Danish (Denmark).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Hjælpecenter
language-name = Dansk
choose-language = Vælg dit sprog
home = Forside
breadcrumb-label = Brødkrumme
articles-heading = Artikler
article-count = { $count ->
    [one] { $count } artikel
   *[other] { $count } artikler
}
mt-notice = Denne artikel er maskinoversat. Den kan indeholde fejl.
languages-label = Sprog
on-this-page = På denne side
skip-to-content = Gå til hovedindholdet
alert-note = Bemærk
alert-tip = Tip
alert-important = Vigtigt
alert-caution = Forsigtig
alert-warning = Advarsel
built-with = Bygget med helpc
show-english = Vis den engelske original
show-translation = Vis oversættelsen
video = Video
contents = Indhold
search = Søg
search-placeholder = Søg i artikler
search-results = Resultater
search-none = Ingen resultater
