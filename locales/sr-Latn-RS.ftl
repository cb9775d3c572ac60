# UI strings of the pages helpc builds: Serbian (Latin, Serbia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centar za pomoć
language-name = Srpski
choose-language = Izaberite jezik
home = Početna
breadcrumb-label = Putanja navigacije
articles-heading = Članci
article-count = { $count ->
    [one] { $count } članak
    [few] { $count } članka
   *[other] { $count } članaka
}
mt-notice = Ovaj članak je preveden mašinskim prevođenjem. Može da sadrži greške.
languages-label = Jezici
on-this-page = Na ovoj stranici
skip-to-content = Pređi na glavni sadržaj
alert-note = Napomena
alert-tip = Savet
alert-important = Važno
alert-caution = Oprez
alert-warning = Upozorenje
built-with = Napravljeno pomoću alatke helpc
show-english = Prikaži engleski original
show-translation = Prikaži prevod
video = Video
contents = Sadržaj
search = Pretraga
search-placeholder = Pretraži članke
search-results = Rezultati
search-none = Nema rezultata
