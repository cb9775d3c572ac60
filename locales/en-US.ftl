# UI strings of the pages helpc builds: English (United States), the reference.
# Every other locale file has the same message ids.

# The name of the whole help site, in the header and in every <title>.
site-title = Help Center
# This language's own name, as shown in the language chooser.
language-name = English
choose-language = Choose your language
home = Home
breadcrumb-label = Breadcrumb
articles-heading = Articles
article-count = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = This article was translated by machine translation. It may contain errors.
languages-label = Languages
on-this-page = On this page
skip-to-content = Skip to main content
alert-note = Note
alert-tip = Tip
alert-important = Important
alert-caution = Caution
alert-warning = Warning
built-with = Built with helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Show the English original
# Bilingual pages: the same button while the English original is shown.
show-translation = Show the translation
# The accessible name of an embedded video that has no title of its own.
video = Video
# The side bar's table of contents.
contents = Contents
# Client-side search: the form's label, the field's placeholder, the results heading
# (the count follows it in parentheses) and the line shown when nothing matches.
search = Search
search-placeholder = Search articles
search-results = Results
search-none = No results
