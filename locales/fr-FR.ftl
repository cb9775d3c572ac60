# UI strings of the pages helpc builds: French (France).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Centre d'aide
# This language's own name, as shown in the language chooser.
language-name = Français
choose-language = Choisissez votre langue
home = Accueil
breadcrumb-label = Fil d'Ariane
articles-heading = Articles
article-count = { $count ->
    [one] { $count } article
   *[other] { $count } articles
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Cet article a été traduit automatiquement. Il peut contenir des erreurs.
languages-label = Langues
on-this-page = Sur cette page
skip-to-content = Passer au contenu principal
alert-note = Remarque
alert-tip = Conseil
alert-important = Important
alert-caution = Attention
alert-warning = Avertissement
built-with = Créé avec helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Afficher l’original en anglais
show-translation = Afficher la traduction
video = Vidéo
contents = Sommaire
search = Rechercher
search-placeholder = Rechercher dans les articles
search-results = Résultats
search-none = Aucun résultat
