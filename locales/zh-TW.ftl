# UI strings of the pages helpc builds: Chinese (Traditional, Taiwan).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = 說明中心
# This language's own name, as shown in the language chooser.
language-name = 繁體中文
choose-language = 選擇語言
home = 首頁
breadcrumb-label = 導覽路徑
articles-heading = 文章
article-count = { $count ->
   *[other] { $count } 篇文章
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = 本文由機器翻譯，可能有錯誤。
languages-label = 語言
on-this-page = 本頁內容
skip-to-content = 跳到主要內容
alert-note = 附註
alert-tip = 提示
alert-important = 重要
alert-caution = 注意
alert-warning = 警告
built-with = 使用 helpc 建置
# Bilingual pages: the button that shows the whole article in English.
show-english = 顯示英文原文
show-translation = 顯示譯文
video = 影片
contents = 目錄
search = 搜尋
search-placeholder = 搜尋文章
search-results = 搜尋結果
search-none = 沒有結果
