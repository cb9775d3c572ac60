# UI strings of the pages helpc builds: Portuguese (Portugal).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centro de Ajuda
language-name = Português (Portugal)
choose-language = Escolha o seu idioma
home = Início
breadcrumb-label = Localização
articles-heading = Artigos
article-count = { $count ->
    [one] { $count } artigo
    [many] { $count } de artigos
   *[other] { $count } artigos
}
mt-notice = Este artigo foi traduzido por tradução automática. Pode conter erros.
languages-label = Idiomas
on-this-page = Nesta página
skip-to-content = Ir para o conteúdo principal
alert-note = Nota
alert-tip = Sugestão
alert-important = Importante
alert-caution = Atenção
alert-warning = Aviso
built-with = Criado com o helpc
show-english = Mostrar o original em inglês
show-translation = Mostrar a tradução
video = Vídeo
contents = Conteúdo
search = Pesquisar
search-placeholder = Pesquisar artigos
search-results = Resultados
search-none = Sem resultados
