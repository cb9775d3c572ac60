# UI strings of the pages helpc builds: Italian (Italy).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Centro assistenza
# This language's own name, as shown in the language chooser.
language-name = Italiano
choose-language = Scegli la lingua
home = Home
breadcrumb-label = Percorso di navigazione
articles-heading = Articoli
article-count = { $count ->
    [one] { $count } articolo
   *[other] { $count } articoli
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Questo articolo è stato tradotto automaticamente e potrebbe contenere errori.
languages-label = Lingue
on-this-page = In questa pagina
skip-to-content = Vai al contenuto principale
alert-note = Nota
alert-tip = Suggerimento
alert-important = Importante
alert-caution = Attenzione
alert-warning = Avviso
built-with = Creato con helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Mostra l'originale in inglese
show-translation = Mostra la traduzione
video = Video
contents = Sommario
search = Cerca
search-placeholder = Cerca negli articoli
search-results = Risultati
search-none = Nessun risultato
