# UI strings of the pages helpc builds: Latvian (Latvia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Palīdzības centrs
language-name = Latviešu
choose-language = Izvēlieties valodu
home = Sākums
breadcrumb-label = Navigācijas ceļš
articles-heading = Raksti
article-count = { $count ->
    [zero] { $count } rakstu
    [one] { $count } raksts
   *[other] { $count } raksti
}
mt-notice = Šis raksts ir tulkots ar mašīntulkošanu. Tajā var būt kļūdas.
languages-label = Valodas
on-this-page = Šajā lapā
skip-to-content = Pāriet uz galveno saturu
alert-note = Piezīme
alert-tip = Padoms
alert-important = Svarīgi
alert-caution = Uzmanību
alert-warning = Brīdinājums
built-with = Izveidots ar helpc
show-english = Rādīt angļu oriģinālu
show-translation = Rādīt tulkojumu
video = Video
contents = Saturs
search = Meklēt
search-placeholder = Meklēt rakstos
search-results = Rezultāti
search-none = Nav rezultātu
