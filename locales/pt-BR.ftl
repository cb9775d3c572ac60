# UI strings of the pages helpc builds: Portuguese (Brazil).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Central de Ajuda
# This language's own name, as shown in the language chooser.
language-name = Português (Brasil)
choose-language = Escolha seu idioma
home = Início
breadcrumb-label = Trilha de navegação
articles-heading = Artigos
article-count = { $count ->
    [one] { $count } artigo
   *[other] { $count } artigos
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Este artigo foi traduzido automaticamente e pode conter erros.
languages-label = Idiomas
on-this-page = Nesta página
skip-to-content = Pular para o conteúdo principal
alert-note = Observação
alert-tip = Dica
alert-important = Importante
alert-caution = Cuidado
alert-warning = Aviso
built-with = Criado com helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Mostrar o original em inglês
show-translation = Mostrar a tradução
video = Vídeo
contents = Sumário
search = Pesquisar
search-placeholder = Pesquisar artigos
search-results = Resultados
search-none = Nenhum resultado
