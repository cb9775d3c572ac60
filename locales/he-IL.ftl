# UI strings of the pages helpc builds: Hebrew (Israel).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = מרכז העזרה
# This language's own name, as shown in the language chooser.
language-name = עברית
choose-language = בחירת שפה
home = דף הבית
breadcrumb-label = נתיב ניווט
articles-heading = מאמרים
article-count = { $count ->
    [one] מאמר אחד
    [two] { $count } מאמרים
   *[other] { $count } מאמרים
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = מאמר זה תורגם באמצעות תרגום מכונה, וייתכן שהוא מכיל שגיאות.
languages-label = שפות
on-this-page = בדף זה
skip-to-content = דילוג לתוכן הראשי
alert-note = הערה
alert-tip = עצה
alert-important = חשוב
alert-caution = זהירות
alert-warning = אזהרה
built-with = נבנה באמצעות helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = הצגת המקור באנגלית
show-translation = הצג את התרגום
video = סרטון
contents = תוכן העניינים
search = חיפוש
search-placeholder = חיפוש במאמרים
search-results = תוצאות
search-none = אין תוצאות
