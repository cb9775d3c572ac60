# UI strings of the pages helpc builds: Lithuanian (Lithuania).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Pagalbos centras
language-name = Lietuvių
choose-language = Pasirinkite kalbą
home = Pradžia
breadcrumb-label = Naršymo kelias
articles-heading = Straipsniai
article-count = { $count ->
    [one] { $count } straipsnis
    [few] { $count } straipsniai
    [many] { $count } straipsnio
   *[other] { $count } straipsnių
}
mt-notice = Šis straipsnis išverstas mašininiu vertimu. Jame gali būti klaidų.
languages-label = Kalbos
on-this-page = Šiame puslapyje
skip-to-content = Pereiti prie pagrindinio turinio
alert-note = Pastaba
alert-tip = Patarimas
alert-important = Svarbu
alert-caution = Atsargiai
alert-warning = Įspėjimas
built-with = Sukurta naudojant helpc
show-english = Rodyti anglišką originalą
show-translation = Rodyti vertimą
video = Vaizdo įrašas
contents = Turinys
search = Ieškoti
search-placeholder = Ieškoti straipsnių
search-results = Rezultatai
search-none = Rezultatų nėra
