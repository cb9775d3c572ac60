# UI strings of the pages helpc builds: Polish (Poland).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Centrum pomocy
language-name = Polski
choose-language = Wybierz język
home = Strona główna
breadcrumb-label = Ścieżka nawigacji
articles-heading = Artykuły
article-count = { $count ->
    [one] { $count } artykuł
    [few] { $count } artykuły
    [many] { $count } artykułów
   *[other] { $count } artykułu
}
mt-notice = Ten artykuł został przetłumaczony maszynowo. Może zawierać błędy.
languages-label = Języki
on-this-page = Na tej stronie
skip-to-content = Przejdź do głównej treści
alert-note = Uwaga
alert-tip = Porada
alert-important = Ważne
alert-caution = Przestroga
alert-warning = Ostrzeżenie
built-with = Utworzono za pomocą helpc
show-english = Pokaż angielski oryginał
show-translation = Pokaż tłumaczenie
video = Wideo
contents = Spis treści
search = Szukaj
search-placeholder = Szukaj w artykułach
search-results = Wyniki
search-none = Brak wyników
