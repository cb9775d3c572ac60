# UI strings of the pages helpc builds: Spanish (Spain).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Centro de ayuda
# This language's own name, as shown in the language chooser.
language-name = Español
choose-language = Elige tu idioma
home = Inicio
breadcrumb-label = Ruta de navegación
articles-heading = Artículos
article-count = { $count ->
    [one] { $count } artículo
   *[other] { $count } artículos
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Este artículo se ha traducido automáticamente y puede contener errores.
languages-label = Idiomas
on-this-page = En esta página
skip-to-content = Ir al contenido principal
alert-note = Nota
alert-tip = Sugerencia
alert-important = Importante
alert-caution = Precaución
alert-warning = Advertencia
built-with = Creado con helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Mostrar el original en inglés
show-translation = Mostrar la traducción
video = Vídeo
contents = Contenido
search = Buscar
search-placeholder = Buscar artículos
search-results = Resultados
search-none = No hay resultados
