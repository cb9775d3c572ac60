# UI strings of the pages helpc builds: Indonesian (Indonesia).
# Same message ids, in the same order, as en-US.ftl, the reference.

# The name of the whole help site, in the header and in every <title>.
site-title = Pusat Bantuan
# This language's own name, as shown in the language chooser.
language-name = Bahasa Indonesia
choose-language = Pilih bahasa Anda
home = Beranda
breadcrumb-label = Jalur navigasi
articles-heading = Artikel
article-count = { $count ->
   *[other] { $count } artikel
}
# Shown at the top of articles with `ms.translationtype: MT`.
mt-notice = Artikel ini diterjemahkan menggunakan terjemahan mesin dan mungkin berisi kesalahan.
languages-label = Bahasa
on-this-page = Di halaman ini
skip-to-content = Lewati ke konten utama
alert-note = Catatan
alert-tip = Tips
alert-important = Penting
alert-caution = Perhatian
alert-warning = Peringatan
built-with = Dibuat dengan helpc
# Bilingual pages: the button that shows the whole article in English.
show-english = Tampilkan teks asli bahasa Inggris
show-translation = Tampilkan terjemahan
video = Video
contents = Daftar isi
search = Cari
search-placeholder = Cari artikel
search-results = Hasil
search-none = Tidak ada hasil
