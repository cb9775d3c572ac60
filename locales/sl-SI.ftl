# UI strings of the pages helpc builds: Slovenian (Slovenia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Center za pomoč
language-name = Slovenščina
choose-language = Izberite jezik
home = Domov
breadcrumb-label = Drobtine
articles-heading = Članki
article-count = { $count ->
    [one] { $count } članek
    [two] { $count } članka
    [few] { $count } članki
   *[other] { $count } člankov
}
mt-notice = Ta članek je bil preveden s strojnim prevajanjem. Lahko vsebuje napake.
languages-label = Jeziki
on-this-page = Na tej strani
skip-to-content = Preskoči na glavno vsebino
alert-note = Opomba
alert-tip = Namig
alert-important = Pomembno
alert-caution = Previdno
alert-warning = Opozorilo
built-with = Izdelano s helpc
show-english = Pokaži angleški izvirnik
show-translation = Pokaži prevod
video = Videoposnetek
contents = Vsebina
search = Iskanje
search-placeholder = Iskanje po člankih
search-results = Rezultati
search-none = Ni rezultatov
