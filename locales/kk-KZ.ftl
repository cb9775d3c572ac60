# UI strings of the pages helpc builds: Kazakh (Kazakhstan).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Анықтама орталығы
language-name = Қазақ тілі
choose-language = Тілді таңдаңыз
home = Басты бет
breadcrumb-label = Навигация жолы
articles-heading = Мақалалар
article-count = { $count ->
    [one] { $count } мақала
   *[other] { $count } мақала
}
mt-notice = Бұл мақала машиналық аудармамен аударылған. Онда қателер болуы мүмкін.
languages-label = Тілдер
on-this-page = Осы бетте
skip-to-content = Негізгі мазмұнға өту
alert-note = Ескертпе
alert-tip = Кеңес
alert-important = Маңызды
alert-caution = Абайлаңыз
alert-warning = Ескерту
built-with = helpc арқылы жасалған
show-english = Ағылшынша түпнұсқаны көрсету
show-translation = Аударманы көрсету
video = Бейне
contents = Мазмұны
search = Іздеу
search-placeholder = Мақалалардан іздеу
search-results = Нәтижелер
search-none = Нәтиже табылмады
