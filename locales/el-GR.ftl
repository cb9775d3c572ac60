# UI strings of the pages helpc builds: Greek (Greece).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Κέντρο βοήθειας
language-name = Ελληνικά
choose-language = Επιλέξτε γλώσσα
home = Αρχική
breadcrumb-label = Διαδρομή πλοήγησης
articles-heading = Άρθρα
article-count = { $count ->
    [one] { $count } άρθρο
   *[other] { $count } άρθρα
}
mt-notice = Αυτό το άρθρο μεταφράστηκε με αυτόματη μετάφραση. Ενδέχεται να περιέχει σφάλματα.
languages-label = Γλώσσες
on-this-page = Σε αυτή τη σελίδα
skip-to-content = Μετάβαση στο κύριο περιεχόμενο
alert-note = Σημείωση
alert-tip = Συμβουλή
alert-important = Σημαντικό
alert-caution = Προσοχή
alert-warning = Προειδοποίηση
built-with = Δημιουργήθηκε με το helpc
show-english = Εμφάνιση του αγγλικού πρωτοτύπου
show-translation = Εμφάνιση της μετάφρασης
video = Βίντεο
contents = Περιεχόμενα
search = Αναζήτηση
search-placeholder = Αναζήτηση άρθρων
search-results = Αποτελέσματα
search-none = Κανένα αποτέλεσμα
