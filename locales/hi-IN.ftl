# UI strings of the pages helpc builds: Hindi (India).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = सहायता केंद्र
language-name = हिन्दी
choose-language = अपनी भाषा चुनें
home = होम
breadcrumb-label = ब्रेडक्रंब
articles-heading = लेख
article-count = { $count ->
    [one] { $count } लेख
   *[other] { $count } लेख
}
mt-notice = इस लेख का अनुवाद मशीनी अनुवाद से किया गया है। इसमें त्रुटियाँ हो सकती हैं।
languages-label = भाषाएँ
on-this-page = इस पृष्ठ पर
skip-to-content = मुख्य सामग्री पर जाएँ
alert-note = नोट
alert-tip = सुझाव
alert-important = महत्वपूर्ण
alert-caution = सावधानी
alert-warning = चेतावनी
built-with = helpc से निर्मित
show-english = मूल अंग्रेज़ी दिखाएँ
show-translation = अनुवाद दिखाएँ
video = वीडियो
contents = विषय-सूची
search = खोजें
search-placeholder = लेख खोजें
search-results = परिणाम
search-none = कोई परिणाम नहीं
