# UI strings of the pages helpc builds: Norwegian Bokmål (Norway).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Hjelpesenter
language-name = Norsk bokmål
choose-language = Velg språk
home = Hjem
breadcrumb-label = Brødsmulesti
articles-heading = Artikler
article-count = { $count ->
    [one] { $count } artikkel
   *[other] { $count } artikler
}
mt-notice = Denne artikkelen er maskinoversatt. Den kan inneholde feil.
languages-label = Språk
on-this-page = På denne siden
skip-to-content = Gå til hovedinnholdet
alert-note = Merknad
alert-tip = Tips
alert-important = Viktig
alert-caution = Forsiktig
alert-warning = Advarsel
built-with = Laget med helpc
show-english = Vis den engelske originalen
show-translation = Vis oversettelsen
video = Video
contents = Innhold
search = Søk
search-placeholder = Søk i artikler
search-results = Resultater
search-none = Ingen resultater
