# UI strings of the pages helpc builds: Turkish (Türkiye).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = Yardım Merkezi
language-name = Türkçe
choose-language = Dilinizi seçin
home = Ana Sayfa
breadcrumb-label = İçerik haritası
articles-heading = Makaleler
article-count = { $count ->
    [one] { $count } makale
   *[other] { $count } makale
}
mt-notice = Bu makale makine çevirisiyle çevrilmiştir. Hatalar içerebilir.
languages-label = Diller
on-this-page = Bu sayfada
skip-to-content = Ana içeriğe atla
alert-note = Not
alert-tip = İpucu
alert-important = Önemli
alert-caution = Dikkat
alert-warning = Uyarı
built-with = helpc ile oluşturuldu
show-english = İngilizce aslını göster
show-translation = Çeviriyi göster
video = Video
contents = İçindekiler
search = Ara
search-placeholder = Makalelerde ara
search-results = Sonuçlar
search-none = Sonuç yok
