# UI strings of the pages helpc builds: Serbian (Cyrillic, Serbia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Центар за помоћ
language-name = Српски
choose-language = Изаберите језик
home = Почетна
breadcrumb-label = Путања навигације
articles-heading = Чланци
article-count = { $count ->
    [one] { $count } чланак
    [few] { $count } чланка
   *[other] { $count } чланака
}
mt-notice = Овај чланак је преведен машинским превођењем. Може да садржи грешке.
languages-label = Језици
on-this-page = На овој страници
skip-to-content = Пређи на главни садржај
alert-note = Напомена
alert-tip = Савет
alert-important = Важно
alert-caution = Опрез
alert-warning = Упозорење
built-with = Направљено помоћу алатке helpc
show-english = Прикажи енглески оригинал
show-translation = Прикажи превод
video = Видео
contents = Садржај
search = Претрага
search-placeholder = Претражи чланке
search-results = Резултати
search-none = Нема резултата
