# UI strings of the pages helpc builds: Arabic (Saudi Arabia).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = مركز المساعدة
# This language's own name, as shown in the language chooser.
language-name = العربية
choose-language = اختر لغتك
home = الصفحة الرئيسية
breadcrumb-label = مسار التنقل
articles-heading = المقالات
article-count = { $count ->
    [zero] لا توجد مقالات
    [one] مقالة واحدة
    [two] مقالتان
    [few] { $count } مقالات
    [many] { $count } مقالة
   *[other] { $count } مقالة
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = تمت ترجمة هذه المقالة باستخدام الترجمة الآلية، وقد تحتوي على أخطاء.
languages-label = اللغات
on-this-page = في هذه الصفحة
skip-to-content = التخطي إلى المحتوى الرئيسي
alert-note = ملاحظة
alert-tip = تلميح
alert-important = هام
alert-caution = تنبيه
alert-warning = تحذير
built-with = تم الإنشاء باستخدام helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = عرض النص الإنجليزي الأصلي
show-translation = عرض الترجمة
video = فيديو
contents = المحتويات
search = بحث
search-placeholder = ابحث في المقالات
search-results = النتائج
search-none = لا توجد نتائج
