# UI strings of the pages helpc builds: Slovak (Slovakia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centrum pomoci
language-name = Slovenčina
choose-language = Vyberte jazyk
home = Domov
breadcrumb-label = Navigačná cesta
articles-heading = Články
article-count = { $count ->
    [one] { $count } článok
    [few] { $count } články
    [many] { $count } článku
   *[other] { $count } článkov
}
mt-notice = Tento článok bol preložený strojovým prekladom. Môže obsahovať chyby.
languages-label = Jazyky
on-this-page = Na tejto stránke
skip-to-content = Prejsť na hlavný obsah
alert-note = Poznámka
alert-tip = Tip
alert-important = Dôležité
alert-caution = Upozornenie
alert-warning = Varovanie
built-with = Vytvorené pomocou helpc
show-english = Zobraziť anglický originál
show-translation = Zobraziť preklad
video = Video
contents = Obsah
search = Hľadať
search-placeholder = Hľadať v článkoch
search-results = Výsledky
search-none = Žiadne výsledky
