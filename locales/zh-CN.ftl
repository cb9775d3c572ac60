# UI strings of the pages helpc builds: Chinese (Simplified, China).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = 帮助中心
# This language's own name, as shown in the language chooser.
language-name = 简体中文
choose-language = 选择语言
home = 首页
breadcrumb-label = 导航路径
articles-heading = 文章
article-count = { $count ->
   *[other] { $count } 篇文章
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = 本文由机器翻译，可能存在错误。
languages-label = 语言
on-this-page = 本页内容
skip-to-content = 跳转到主要内容
alert-note = 备注
alert-tip = 提示
alert-important = 重要
alert-caution = 注意
alert-warning = 警告
built-with = 使用 helpc 构建
# Bilingual pages: the button that shows the whole article in English.
show-english = 显示英文原文
show-translation = 显示译文
video = 视频
contents = 目录
search = 搜索
search-placeholder = 搜索文章
search-results = 搜索结果
search-none = 没有结果
