# UI strings of the pages helpc builds: Vietnamese (Vietnam).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Trung tâm trợ giúp
language-name = Tiếng Việt
choose-language = Chọn ngôn ngữ
home = Trang chủ
breadcrumb-label = Đường dẫn
articles-heading = Bài viết
article-count = { $count ->
   *[other] { $count } bài viết
}
mt-notice = Bài viết này được dịch bằng máy và có thể có lỗi.
languages-label = Ngôn ngữ
on-this-page = Trên trang này
skip-to-content = Chuyển đến nội dung chính
alert-note = Lưu ý
alert-tip = Mẹo
alert-important = Quan trọng
alert-caution = Thận trọng
alert-warning = Cảnh báo
built-with = Được tạo bằng helpc
show-english = Hiển thị bản gốc tiếng Anh
show-translation = Hiển thị bản dịch
video = Video
contents = Mục lục
search = Tìm kiếm
search-placeholder = Tìm kiếm bài viết
search-results = Kết quả
search-none = Không có kết quả
