# UI strings of the pages helpc builds: Romanian (Romania).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Centru de ajutor
# This language's own name, as shown in the language chooser.
language-name = Română
choose-language = Alegeți limba
home = Pagina principală
breadcrumb-label = Cale de navigare
articles-heading = Articole
article-count = { $count ->
    [one] { $count } articol
    [few] { $count } articole
   *[other] { $count } de articole
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Acest articol a fost tradus automat și poate conține erori.
languages-label = Limbi
on-this-page = Pe această pagină
skip-to-content = Salt la conținutul principal
alert-note = Notă
alert-tip = Sfat
alert-important = Important
alert-caution = Atenție
alert-warning = Avertisment
built-with = Creat cu helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Afișați originalul în engleză
show-translation = Afișează traducerea
video = Videoclip
contents = Cuprins
search = Căutare
search-placeholder = Căutați în articole
search-results = Rezultate
search-none = Niciun rezultat
