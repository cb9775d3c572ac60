# UI strings of the pages helpc builds: Bulgarian (Bulgaria).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Център за помощ
language-name = Български
choose-language = Изберете език
home = Начало
breadcrumb-label = Навигационна пътека
articles-heading = Статии
article-count = { $count ->
    [one] { $count } статия
   *[other] { $count } статии
}
mt-notice = Тази статия е преведена с машинен превод. Възможно е да съдържа грешки.
languages-label = Езици
on-this-page = На тази страница
skip-to-content = Към основното съдържание
alert-note = Забележка
alert-tip = Съвет
alert-important = Важно
alert-caution = Внимание
alert-warning = Предупреждение
built-with = Създадено с helpc
show-english = Показване на английския оригинал
show-translation = Показване на превода
video = Видео
contents = Съдържание
search = Търсене
search-placeholder = Търсене в статиите
search-results = Резултати
search-none = Няма резултати
