# UI strings of the pages helpc builds: Finnish (Finland).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Ohjekeskus
language-name = Suomi
choose-language = Valitse kieli
home = Etusivu
breadcrumb-label = Murupolku
articles-heading = Artikkelit
article-count = { $count ->
    [one] { $count } artikkeli
   *[other] { $count } artikkelia
}
mt-notice = Tämä artikkeli on käännetty konekäännöksellä. Se voi sisältää virheitä.
languages-label = Kielet
on-this-page = Tällä sivulla
skip-to-content = Siirry pääsisältöön
alert-note = Huomautus
alert-tip = Vihje
alert-important = Tärkeää
alert-caution = Huomio
alert-warning = Varoitus
built-with = Tehty helpc:llä
show-english = Näytä englanninkielinen alkuteksti
show-translation = Näytä käännös
video = Video
contents = Sisällys
search = Haku
search-placeholder = Hae artikkeleista
search-results = Tulokset
search-none = Ei tuloksia
