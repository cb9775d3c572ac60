// helpc pages: the bilingual toggle (show the whole article in English) and
// the client-side search. Segment sources on hover and focus need no
// script: see helpc.css. Nothing here asks anything of a server but the
// site's own search index (search.json, or search.js from disk).
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
  var SNIPPET_BEFORE = 60;
  var SNIPPET_CHARS = 200;

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

  // What to highlight: the query's words (found at the start of a word)
  // and its runs of unspaced script (whole, else pair by pair), lower-cased.
  function pieces(query) {
    var out = [];
    var current = "";
    var kind = null;
    function flush() {
      if (current) {
        out.push({ text: current, word: kind === "word" });
        if (kind === "run" && Array.from(current).length > 2) {
          var chars = Array.from(current);
          for (var i = 0; i + 1 < chars.length; i++) out.push({ text: chars[i] + chars[i + 1], word: false, pair: true });
        }
      }
      current = "";
      kind = null;
    }
    for (var c of query.toLowerCase()) {
      var k = unspaced(c.codePointAt(0)) ? "run" : wordChar.test(c) ? "word" : null;
      if (k !== kind) flush();
      if (k) {
        kind = k;
        current += c;
      }
    }
    flush();
    return out;
  }

  // `text` lower-cased one character at a time, with where each lower-cased
  // code unit came from: lower-casing may change a string's length.
  function folded(text) {
    var lower = "";
    var from = [];
    var at = 0;
    for (var c of text) {
      var l = c.toLowerCase();
      for (var i = 0; i < l.length; i++) from.push(at);
      lower += l;
      at += c.length;
    }
    from.push(at);
    return { lower: lower, from: from };
  }

  // The ranges of `text` ([start, end) in code units) that match the
  // query's pieces, sorted and merged. Pairs of a run count only when the
  // whole run is nowhere in the text.
  function matches(text, query) {
    var f = folded(text);
    var ranges = [];
    var runFound = false;
    pieces(query).forEach(function (piece) {
      if (piece.pair && runFound) return;
      if (!piece.pair && !piece.word) runFound = false;
      var from = 0;
      var at;
      while ((at = f.lower.indexOf(piece.text, from)) >= 0) {
        from = at + piece.text.length;
        if (piece.word && at > 0) {
          var before = Array.from(f.lower.slice(Math.max(0, at - 2), at)).pop();
          if (wordChar.test(before) && !unspaced(before.codePointAt(0))) continue;
        }
        if (!piece.pair && !piece.word) runFound = true;
        ranges.push([f.from[at], f.from[at + piece.text.length]]);
      }
    });
    ranges.sort(function (a, b) { return a[0] - b[0] || b[1] - a[1]; });
    var merged = [];
    ranges.forEach(function (r) {
      var last = merged[merged.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else merged.push([r[0], r[1]]);
    });
    return merged;
  }

  // Appends `text` to `parent` as text nodes, the `ranges` in <mark>:
  // never as markup, whatever the index holds.
  function appendMarked(parent, text, ranges) {
    var at = 0;
    ranges.forEach(function (r) {
      if (r[0] > at) parent.appendChild(document.createTextNode(text.slice(at, r[0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(r[0], r[1]);
      parent.appendChild(mark);
      at = r[1];
    });
    if (at < text.length) parent.appendChild(document.createTextNode(text.slice(at)));
  }

  // The part of the page's text around its first match (its start when
  // nothing matches), cut at spaces where there are some.
  function snippet(text, query) {
    var ranges = matches(text, query);
    var start = 0;
    if (ranges.length > 0 && ranges[0][0] > SNIPPET_BEFORE) {
      start = ranges[0][0] - SNIPPET_BEFORE;
      var space = text.indexOf(" ", start);
      if (space >= 0 && space < ranges[0][0]) start = space + 1;
    }
    var end = Math.min(text.length, start + SNIPPET_CHARS);
    if (end < text.length) {
      var cut = text.lastIndexOf(" ", end);
      if (cut > start + SNIPPET_CHARS / 2) end = cut;
    }
    // Never inside a surrogate pair.
    if (start > 0 && /[\udc00-\udfff]/.test(text.charAt(start))) start -= 1;
    if (end < text.length && /[\udc00-\udfff]/.test(text.charAt(end))) end += 1;
    var piece = text.slice(start, end);
    var shifted = ranges
      .filter(function (r) { return r[0] >= start && r[1] <= end; })
      .map(function (r) { return [r[0] - start, r[1] - start]; });
    var lead = start > 0 ? "…" : "";
    var tail = end < text.length && !/…$/.test(piece) ? "…" : "";
    return {
      text: lead + piece + tail,
      ranges: shifted.map(function (r) { return [r[0] + lead.length, r[1] + lead.length]; }),
    };
  }

  function siteSearch() {
    var form = document.querySelector(".site-search");
    var panel = document.getElementById("site-search-results");
    if (!form || !panel) return;
    var input = form.querySelector("input");
    var indexUrl = new URL(form.getAttribute("data-index"), document.baseURI);
    var scriptUrl = form.getAttribute("data-script");
    var loading = null;
    var timer = null;
    form.hidden = false;

    // From disk (file:), browsers refuse fetch: the same index as a
    // script that sets a global.
    function loadScript() {
      return new Promise(function (resolve, reject) {
        if (window.helpcSearchIndex) return resolve(window.helpcSearchIndex);
        if (!scriptUrl) return reject(new Error("no search script"));
        var script = document.createElement("script");
        script.src = new URL(scriptUrl, document.baseURI).href;
        script.onload = function () {
          if (window.helpcSearchIndex) resolve(window.helpcSearchIndex);
          else reject(new Error("search script without an index"));
        };
        script.onerror = function () { reject(new Error("search script: not loaded")); };
        document.head.appendChild(script);
      });
    }

    function load() {
      if (!loading) {
        if (indexUrl.protocol === "file:" || !window.fetch) {
          loading = loadScript();
        } else {
          loading = fetch(indexUrl).then(function (response) {
            if (!response.ok) throw new Error("search index: " + response.status);
            return response.json();
          });
        }
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
          var title = String(doc[0]);
          var text = String(doc[2] || "");
          var item = document.createElement("li");
          // Always a path below the index ("./"), never a scheme, whatever the index says.
          var target = new URL("./" + doc[1], indexUrl);
          if (target.protocol !== indexUrl.protocol) return;
          var link = document.createElement("a");
          link.href = target.href;
          appendMarked(link, title, matches(title, query));
          var excerpt = document.createElement("p");
          var cut = snippet(text, query);
          appendMarked(excerpt, cut.text, cut.ranges);
          item.appendChild(link);
          if (cut.text) item.appendChild(excerpt);
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

  // The locale index keeps its groups closed: a link to a section (from a
  // side bar or breadcrumbs) opens the section's groups.
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) return;
    var groups = target.querySelectorAll("details");
    for (var i = 0; i < groups.length; i++) groups[i].open = true;
    for (var up = target.closest("details"); up; up = up.parentElement.closest("details")) up.open = true;
  }

  function start() {
    openTarget();
    window.addEventListener("hashchange", openTarget);
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
