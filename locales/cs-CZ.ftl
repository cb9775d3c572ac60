# UI strings of the pages helpc builds: Czech (Czechia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centrum nápovědy
language-name = Čeština
choose-language = Vyberte jazyk
home = Domů
breadcrumb-label = Drobečková navigace
articles-heading = Články
article-count = { $count ->
    [one] { $count } článek
    [few] { $count } články
    [many] { $count } článku
   *[other] { $count } článků
}
mt-notice = Tento článek byl přeložen strojovým překladem. Může obsahovat chyby.
languages-label = Jazyky
on-this-page = Na této stránce
skip-to-content = Přejít na hlavní obsah
alert-note = Poznámka
alert-tip = Tip
alert-important = Důležité
alert-caution = Upozornění
alert-warning = Varování
built-with = Vytvořeno pomocí helpc
show-english = Zobrazit anglický originál
show-translation = Zobrazit překlad
video = Video
contents = Obsah
search = Hledat
search-placeholder = Hledat v článcích
search-results = Výsledky
search-none = Žádné výsledky
