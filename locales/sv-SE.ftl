# UI strings of the pages helpc builds: Swedish (Sweden).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Hjälpcenter
language-name = Svenska
choose-language = Välj språk
home = Start
breadcrumb-label = Sökväg
articles-heading = Artiklar
article-count = { $count ->
    [one] { $count } artikel
   *[other] { $count } artiklar
}
mt-notice = Den här artikeln har översatts med maskinöversättning. Den kan innehålla fel.
languages-label = Språk
on-this-page = På den här sidan
skip-to-content = Hoppa till huvudinnehållet
alert-note = Obs!
alert-tip = Tips
alert-important = Viktigt
alert-caution = Försiktighet
alert-warning = Varning
built-with = Skapad med helpc
show-english = Visa det engelska originalet
show-translation = Visa översättningen
video = Video
contents = Innehåll
search = Sök
search-placeholder = Sök bland artiklar
search-results = Resultat
search-none = Inga resultat
