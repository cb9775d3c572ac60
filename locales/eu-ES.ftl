# UI strings of the pages helpc builds: Basque (Spain).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Laguntza-zentroa
language-name = Euskara
choose-language = Aukeratu hizkuntza
home = Hasiera
breadcrumb-label = Nabigazio-bidea
articles-heading = Artikuluak
article-count = { $count ->
    [one] { $count } artikulu
   *[other] { $count } artikulu
}
mt-notice = Artikulu hau itzulpen automatikoaren bidez itzuli da. Akatsak izan ditzake.
languages-label = Hizkuntzak
on-this-page = Orri honetan
skip-to-content = Joan eduki nagusira
alert-note = Oharra
alert-tip = Aholkua
alert-important = Garrantzitsua
alert-caution = Kontuz
alert-warning = Abisua
built-with = helpc-rekin sortua
show-english = Erakutsi jatorrizko ingelesa
show-translation = Erakutsi itzulpena
video = Bideoa
contents = Edukia
search = Bilatu
search-placeholder = Bilatu artikuluetan
search-results = Emaitzak
search-none = Ez dago emaitzarik
