# UI strings of the pages helpc builds: Catalan (Spain).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centre d'ajuda
language-name = Català
choose-language = Trieu la llengua
home = Inici
breadcrumb-label = Ruta de navegació
articles-heading = Articles
article-count = { $count ->
    [one] { $count } article
    [many] { $count } d'articles
   *[other] { $count } articles
}
mt-notice = Aquest article s'ha traduït amb traducció automàtica. Pot contenir errors.
languages-label = Llengües
on-this-page = En aquesta pàgina
skip-to-content = Vés al contingut principal
alert-note = Nota
alert-tip = Consell
alert-important = Important
alert-caution = Precaució
alert-warning = Advertiment
built-with = Creat amb helpc
show-english = Mostra l'original en anglès
show-translation = Mostra la traducció
video = Vídeo
contents = Contingut
search = Cerca
search-placeholder = Cerca articles
search-results = Resultats
search-none = No hi ha cap resultat
