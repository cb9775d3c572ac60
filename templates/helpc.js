// helpc pages: the bilingual toggle (show the whole article in English).
// Segment sources on hover and focus need no script: see helpc.css.
document.addEventListener("DOMContentLoaded", function () {
  var button = document.querySelector(".toggle-english");
  if (!button) return;
  var translated = document.querySelector(".article-body");
  var english = document.querySelector(".english-body");
  button.hidden = false;
  button.addEventListener("click", function () {
    var showEnglish = english.hidden;
    english.hidden = !showEnglish;
    translated.hidden = showEnglish;
    button.setAttribute("aria-pressed", showEnglish ? "true" : "false");
  });
});
