# UI strings of the pages helpc builds: Croatian (Croatia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centar za pomoć
language-name = Hrvatski
choose-language = Odaberite jezik
home = Početna
breadcrumb-label = Navigacijski put
articles-heading = Članci
article-count = { $count ->
    [one] { $count } članak
    [few] { $count } članka
   *[other] { $count } članaka
}
mt-notice = Ovaj je članak preveden strojnim prijevodom. Može sadržavati pogreške.
languages-label = Jezici
on-this-page = Na ovoj stranici
skip-to-content = Prijeđi na glavni sadržaj
alert-note = Napomena
alert-tip = Savjet
alert-important = Važno
alert-caution = Oprez
alert-warning = Upozorenje
built-with = Izrađeno pomoću alata helpc
show-english = Prikaži engleski izvornik
show-translation = Prikaži prijevod
video = Videozapis
contents = Sadržaj
search = Pretraživanje
search-placeholder = Pretraži članke
search-results = Rezultati
search-none = Nema rezultata
