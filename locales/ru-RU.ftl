# UI strings of the pages helpc builds: Russian (Russia).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Справочный центр
# This language's own name, as shown in the language chooser.
language-name = Русский
choose-language = Выберите язык
home = Главная
breadcrumb-label = Навигационная цепочка
articles-heading = Статьи
article-count = { $count ->
    [one] { $count } статья
    [few] { $count } статьи
    [many] { $count } статей
   *[other] { $count } статьи
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Эта статья переведена с помощью машинного перевода и может содержать ошибки.
languages-label = Языки
on-this-page = На этой странице
skip-to-content = Перейти к основному содержимому
alert-note = Примечание
alert-tip = Совет
alert-important = Важно
alert-caution = Внимание
alert-warning = Предупреждение
built-with = Создано с помощью helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Показать оригинал на английском
show-translation = Показать перевод
video = Видео
contents = Содержание
search = Поиск
search-placeholder = Поиск по статьям
search-results = Результаты
search-none = Ничего не найдено
