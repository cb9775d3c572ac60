# UI strings of the pages helpc builds: Estonian (Estonia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Abikeskus
language-name = Eesti
choose-language = Valige keel
home = Avaleht
breadcrumb-label = Navigeerimisrada
articles-heading = Artiklid
article-count = { $count ->
    [one] { $count } artikkel
   *[other] { $count } artiklit
}
mt-notice = See artikkel on tõlgitud masintõlkega. See võib sisaldada vigu.
languages-label = Keeled
on-this-page = Sellel lehel
skip-to-content = Liigu põhisisu juurde
alert-note = Märkus
alert-tip = Näpunäide
alert-important = Oluline
alert-caution = Ettevaatust
alert-warning = Hoiatus
built-with = Loodud helpc-ga
show-english = Näita ingliskeelset originaali
show-translation = Näita tõlget
video = Video
contents = Sisukord
search = Otsing
search-placeholder = Otsi artikleid
search-results = Tulemused
search-none = Tulemusi pole
