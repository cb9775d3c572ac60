# UI strings of the pages helpc builds: Ukrainian (Ukraine).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Довідковий центр
language-name = Українська
choose-language = Виберіть мову
home = Головна
breadcrumb-label = Навігаційний ланцюжок
articles-heading = Статті
article-count = { $count ->
    [one] { $count } стаття
    [few] { $count } статті
    [many] { $count } статей
   *[other] { $count } статті
}
mt-notice = Цю статтю перекладено за допомогою машинного перекладу. Вона може містити помилки.
languages-label = Мови
on-this-page = На цій сторінці
skip-to-content = Перейти до основного вмісту
alert-note = Примітка
alert-tip = Порада
alert-important = Важливо
alert-caution = Увага
alert-warning = Попередження
built-with = Створено за допомогою helpc
show-english = Показати англійський оригінал
show-translation = Показати переклад
video = Відео
contents = Зміст
search = Пошук
search-placeholder = Пошук статей
search-results = Результати
search-none = Нічого не знайдено
