# UI strings of the pages helpc builds: Korean (Korea).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = 도움말 센터
# This language's own name, as shown in the language chooser.
language-name = 한국어
choose-language = 언어 선택
home = 홈
breadcrumb-label = 이동 경로
articles-heading = 문서
article-count = { $count ->
   *[other] 문서 { $count }개
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = 이 문서는 기계 번역되었으며 오류가 있을 수 있습니다.
languages-label = 언어
on-this-page = 이 페이지의 내용
skip-to-content = 주 콘텐츠로 건너뛰기
alert-note = 참고
alert-tip = 팁
alert-important = 중요
alert-caution = 주의
alert-warning = 경고
built-with = helpc로 제작됨
# Bilingual pages: the button that shows the whole article in English.
show-english = 영어 원문 보기
show-translation = 번역 표시
video = 동영상
contents = 목차
search = 검색
search-placeholder = 문서 검색
search-results = 검색 결과
search-none = 결과 없음
