# UI strings of the pages helpc builds: Galician (Spain).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centro de axuda
language-name = Galego
choose-language = Escolle o idioma
home = Inicio
breadcrumb-label = Ruta de navegación
articles-heading = Artigos
article-count = { $count ->
    [one] { $count } artigo
   *[other] { $count } artigos
}
mt-notice = Este artigo traduciuse mediante tradución automática. Pode conter erros.
languages-label = Idiomas
on-this-page = Nesta páxina
skip-to-content = Ir ao contido principal
alert-note = Nota
alert-tip = Consello
alert-important = Importante
alert-caution = Precaución
alert-warning = Aviso
built-with = Creado con helpc
show-english = Amosar o orixinal en inglés
show-translation = Amosar a tradución
video = Vídeo
contents = Contido
search = Buscar
search-placeholder = Buscar artigos
search-results = Resultados
search-none = Non hai resultados
