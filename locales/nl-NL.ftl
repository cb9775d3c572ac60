# UI strings of the pages helpc builds: Dutch (Netherlands).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Helpcentrum
language-name = Nederlands
choose-language = Kies je taal
home = Start
breadcrumb-label = Kruimelpad
articles-heading = Artikelen
article-count = { $count ->
    [one] { $count } artikel
   *[other] { $count } artikelen
}
mt-notice = Dit artikel is vertaald met machinevertaling. Het kan fouten bevatten.
languages-label = Talen
on-this-page = Op deze pagina
skip-to-content = Naar de hoofdinhoud
alert-note = Opmerking
alert-tip = Tip
alert-important = Belangrijk
alert-caution = Let op
alert-warning = Waarschuwing
built-with = Gemaakt met helpc
show-english = Het Engelse origineel weergeven
show-translation = De vertaling weergeven
video = Video
contents = Inhoud
search = Zoeken
search-placeholder = Artikelen zoeken
search-results = Resultaten
search-none = Geen resultaten
