# UI strings of the pages helpc builds: Thai (Thailand).
# Same message ids, in the same order, as en-US.ftl, the reference.

site-title = ศูนย์ช่วยเหลือ
language-name = ไทย
choose-language = เลือกภาษาของคุณ
home = หน้าแรก
breadcrumb-label = เส้นทางการนำทาง
articles-heading = บทความ
article-count = { $count ->
   *[other] { $count } บทความ
}
mt-notice = บทความนี้แปลด้วยระบบแปลภาษาอัตโนมัติ จึงอาจมีข้อผิดพลาด
languages-label = ภาษา
on-this-page = ในหน้านี้
skip-to-content = ข้ามไปยังเนื้อหาหลัก
alert-note = หมายเหตุ
alert-tip = เคล็ดลับ
alert-important = สำคัญ
alert-caution = ข้อควรระวัง
alert-warning = คำเตือน
built-with = สร้างด้วย helpc
show-english = แสดงต้นฉบับภาษาอังกฤษ
show-translation = แสดงคำแปล
video = วิดีโอ
contents = สารบัญ
search = ค้นหา
search-placeholder = ค้นหาบทความ
search-results = ผลการค้นหา
search-none = ไม่พบผลลัพธ์
