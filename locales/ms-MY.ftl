# UI strings of the pages helpc builds: Malay (Malaysia).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Pusat Bantuan
language-name = Bahasa Melayu
choose-language = Pilih bahasa anda
home = Laman Utama
breadcrumb-label = Jejak navigasi
articles-heading = Artikel
article-count = { $count ->
   *[other] { $count } artikel
}
mt-notice = Artikel ini telah diterjemahkan oleh terjemahan mesin. Artikel ini mungkin mengandungi ralat.
languages-label = Bahasa
on-this-page = Pada halaman ini
skip-to-content = Langkau ke kandungan utama
alert-note = Nota
alert-tip = Petua
alert-important = Penting
alert-caution = Awas
alert-warning = Amaran
built-with = Dibina dengan helpc
show-english = Tunjukkan teks asal bahasa Inggeris
show-translation = Tunjukkan terjemahan
video = Video
contents = Kandungan
search = Cari
search-placeholder = Cari artikel
search-results = Hasil
search-none = Tiada hasil
