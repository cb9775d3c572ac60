# UI strings of the pages helpc builds: Japanese (Japan).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = ヘルプセンター
# This language's own name, as shown in the language chooser.
language-name = 日本語
choose-language = 言語を選択
home = ホーム
breadcrumb-label = パンくずリスト
articles-heading = 記事
article-count = { $count ->
   *[other] { $count } 件の記事
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = この記事は機械翻訳されたものです。誤りが含まれている可能性があります。
languages-label = 言語
on-this-page = このページの内容
skip-to-content = メイン コンテンツにスキップ
alert-note = 注
alert-tip = ヒント
alert-important = 重要
alert-caution = 注意
alert-warning = 警告
built-with = helpc で作成
# Bilingual pages: the button that shows the whole article in English.
show-english = 英語の原文を表示
show-translation = 翻訳を表示
video = ビデオ
contents = 目次
search = 検索
search-placeholder = 記事を検索
search-results = 検索結果
search-none = 該当する記事はありません
