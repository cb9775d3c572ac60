// helpc pages: the bilingual toggle (show the whole article in English) and
// the client-side search. Segment sources on hover and focus need no
// script: see helpc.css. Nothing here asks anything of a server but the
// site's own search.json.
(function () {
  "use strict";

  // A box that scrolls sideways (a wide table, a long code line) must be
  // reachable from the keyboard.
  function focusableScrollers() {
    var boxes = document.querySelectorAll(".table-scroll, pre");
    for (var i = 0; i < boxes.length; i++) {
      if (boxes[i].scrollWidth > boxes[i].clientWidth && !boxes[i].hasAttribute("tabindex")) {
        boxes[i].setAttribute("tabindex", "0");
      }
    }
  }

  function bilingualToggle() {
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
      // The label says what the next press does.
      var label = showEnglish ? button.dataset.showTranslation : button.dataset.showEnglish;
      if (label) button.textContent = label;
    });
  }

  // The tokenizer of src/render/search.rs, character for character:
  // lower-cased words; bigrams in scripts written without spaces.
  function unspaced(code) {
    return (code >= 0x0e00 && code <= 0x0eff) ||
      (code >= 0x1000 && code <= 0x109f) ||
      (code >= 0x1780 && code <= 0x17ff) ||
      (code >= 0x3040 && code <= 0x30ff) ||
      (code >= 0x31f0 && code <= 0x31ff) ||
      (code >= 0x3400 && code <= 0x4dbf) ||
      (code >= 0x4e00 && code <= 0x9fff) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xff66 && code <= 0xff9f) ||
      (code >= 0x20000 && code <= 0x2ffff);
  }
  var wordChar = /[\p{Alphabetic}\p{N}]/u;
  var MAX_TERM_CHARS = 40;

  function terms(text) {
    var out = [];
    var word = [];
    var run = [];
    function flushWord() {
      if (word.length > 0 && word.length <= MAX_TERM_CHARS) out.push(word.join(""));
      word = [];
    }
    function flushRun() {
      if (run.length === 1) out.push(run[0]);
      for (var i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      run = [];
    }
    for (var c of text.toLowerCase()) {
      if (unspaced(c.codePointAt(0))) {
        flushWord();
        run.push(c);
      } else if (wordChar.test(c)) {
        flushRun();
        word.push(c);
      } else {
        flushWord();
        flushRun();
      }
    }
    flushWord();
    flushRun();
    return out;
  }

  var MAX_RESULTS = 50;

  // The documents holding every term of the query. The last word may be
  // unfinished (a prefix); a single CJK character matches the bigrams
  // that hold it.
  function search(index, query) {
    var wanted = terms(query);
    if (wanted.length === 0) return null;
    var keys = null;
    var found = null;
    wanted.forEach(function (term, position) {
      var ids = new Set();
      var exact = index.terms[term];
      var single = Array.from(term).length === 1 && unspaced(term.codePointAt(0));
      var last = position === wanted.length - 1;
      if (single || last) {
        keys = keys || Object.keys(index.terms);
        keys.forEach(function (key) {
          var hit = single ? key.indexOf(term) >= 0 : key.lastIndexOf(term, 0) === 0;
          if (hit) index.terms[key].forEach(function (id) { ids.add(id); });
        });
      } else if (exact) {
        exact.forEach(function (id) { ids.add(id); });
      }
      if (found === null) {
        found = ids;
      } else {
        found = new Set(Array.from(found).filter(function (id) { return ids.has(id); }));
      }
    });
    var scored = Array.from(found).map(function (id) {
      var title = index.docs[id][0].toLowerCase();
      var score = 0;
      wanted.forEach(function (term) { if (title.indexOf(term) >= 0) score += 1; });
      return { id: id, score: score };
    });
    scored.sort(function (a, b) { return b.score - a.score || a.id - b.id; });
    return scored;
  }

  function siteSearch() {
    var form = document.querySelector(".site-search");
    var panel = document.getElementById("site-search-results");
    if (!form || !panel || !window.fetch) return;
    var input = form.querySelector("input");
    var indexUrl = new URL(form.getAttribute("data-index"), document.baseURI);
    var loading = null;
    var timer = null;
    form.hidden = false;

    function load() {
      if (!loading) {
        loading = fetch(indexUrl).then(function (response) {
          if (!response.ok) throw new Error("search index: " + response.status);
          return response.json();
        });
      }
      return loading;
    }

    function show(index, query) {
      var results = search(index, query);
      panel.textContent = "";
      if (results === null) {
        panel.hidden = true;
        return;
      }
      var heading = document.createElement("h2");
      heading.textContent = panel.getAttribute("data-heading") + " (" + results.length + ")";
      panel.appendChild(heading);
      if (results.length === 0) {
        var none = document.createElement("p");
        none.textContent = panel.getAttribute("data-none");
        panel.appendChild(none);
      } else {
        var list = document.createElement("ol");
        results.slice(0, MAX_RESULTS).forEach(function (result) {
          var doc = index.docs[result.id];
          var item = document.createElement("li");
          // Always a path below the index ("./"), never a scheme, whatever the index says.
          var target = new URL("./" + doc[1], indexUrl);
          if (target.protocol !== new URL(indexUrl).protocol) return;
          var link = document.createElement("a");
          link.href = target.href;
          link.textContent = doc[0];
          var excerpt = document.createElement("p");
          excerpt.textContent = doc[2];
          item.appendChild(link);
          item.appendChild(excerpt);
          list.appendChild(item);
        });
        panel.appendChild(list);
      }
      panel.hidden = false;
    }

    function run() {
      var query = input.value;
      load().then(function (index) {
        if (input.value === query) show(index, query);
      }).catch(function () {
        form.hidden = true;
      });
    }

    input.addEventListener("focus", function () { load().catch(function () {}); }, { once: true });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(run, 120);
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      run();
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        input.value = "";
        panel.hidden = true;
      }
    });
  }

  function start() {
    focusableScrollers();
    bilingualToggle();
    siteSearch();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
