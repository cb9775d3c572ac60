# UI strings of the pages helpc builds: Hungarian (Hungary).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Súgóközpont
language-name = Magyar
choose-language = Válasszon nyelvet
home = Kezdőlap
breadcrumb-label = Navigációs útvonal
articles-heading = Cikkek
article-count = { $count ->
    [one] { $count } cikk
   *[other] { $count } cikk
}
mt-notice = Ezt a cikket gépi fordítással fordították le. Hibákat tartalmazhat.
languages-label = Nyelvek
on-this-page = Ezen a lapon
skip-to-content = Ugrás a fő tartalomra
alert-note = Megjegyzés
alert-tip = Tipp
alert-important = Fontos
alert-caution = Figyelem
alert-warning = Figyelmeztetés
built-with = Készült a helpc-vel
show-english = Az angol eredeti megjelenítése
show-translation = A fordítás megjelenítése
video = Videó
contents = Tartalom
search = Keresés
search-placeholder = Keresés a cikkekben
search-results = Találatok
search-none = Nincs találat
