/* xena2archive: the search of the archive's index (index/soeg.html, index/soeg.en.html).

   It reads only the files beside it: soeg/meta.js, and the term and record files under soeg/ that a
   query needs, each a <script> that hands its data to X2A (a browser refuses fetch() on file://, but
   runs scripts). Nothing is fetched from anywhere else and nothing is sent or stored. The words are
   read by the rules of search_text.py, which made the terms: a test holds the two to the same terms. */
(function () {
  "use strict";
  var SHOW = 50;
  var TEXT = {
    da: {k: ["", "Konto {t}"], p: ["Kunde/leverand\u00f8r: ", "{t}"], d: ["Dokument: ", "{t}"], b: ["", "Bilag {t}"],
         x: ["", "Postering p\u00e5 bilag {t}"], x0: "Postering", none: "Ingen resultater for \u00bb{q}\u00ab.", one: "1 resultat.",
         many: "{n} resultater.", first: " Viser de f\u00f8rste {m}.", missing: "S\u00f8gningen kunne ikke l\u00e6se filen {f}.",
         group: "."},
    en: {k: ["", "Account {t}"], p: ["Customer/supplier: ", "{t}"], d: ["Document: ", "{t}"], b: ["", "Voucher {t}"],
         x: ["", "Posting on voucher {t}"], x0: "Posting", none: "No hits for \u201c{q}\u201d.", one: "1 hit.",
         many: "{n} hits.", first: " Showing the first {m}.", missing: "The search could not read the file {f}.",
         group: ","}
  };
  var L = TEXT[document.documentElement.lang === "en" ? "en" : "da"];

  /* -- the words: the twin of search_text.py ------------------------------------------------------ */
  /* ASCII only: the script reads the same whatever encoding a page gives it */
  var DANISH = {"\u00e6": "ae", "\u00f8": "oe", "\u00e5": "aa"};
  var CHUNK = /(?:[\p{L}\p{N}]|[.,\/-])+/gu;
  var SHOWN_CHUNK = /(?:[\p{L}\p{N}\p{M}]|[.,\/-])+/gu;
  var PIECE = /[\p{L}\p{N}]+/gu;
  var MARKS = ".,/-";

  function fold(text) {
    return text.normalize("NFC").toLowerCase().replace(/[\u00e6\u00f8\u00e5]/g, function (c) { return DANISH[c]; })
      .normalize("NFD").replace(/\p{M}/gu, "");
  }

  function chunks(folded, pattern) {
    var found = [], match;
    pattern.lastIndex = 0;
    while ((match = pattern.exec(folded)) !== null) {
      var raw = match[0], i = 0, j = raw.length;
      while (i < j && MARKS.indexOf(raw[i]) >= 0) { i++; }
      while (j > i && MARKS.indexOf(raw[j - 1]) >= 0) { j--; }
      if (j > i) {
        found.push({body: raw.slice(i, j), negative: i > 0 && raw[i - 1] === "-", start: match.index + i,
                    end: match.index + j});
      }
    }
    return found;
  }

  function two(n) { return (n < 10 ? "0" : "") + n; }

  function dateTerm(chunk) {
    var m = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$/.exec(chunk), year, month, day;
    if (m) { year = m[1]; month = +m[2]; day = +m[3]; } else {
      m = /^([0-9]{1,2})[-.\/]([0-9]{1,2})[-.\/]([0-9]{4})$/.exec(chunk);
      if (!m) { return null; }
      day = +m[1]; month = +m[2]; year = m[3];
    }
    if (month < 1 || month > 12 || day < 1 || day > 31) { return null; }
    return year + "-" + two(month) + "-" + two(day);
  }

  function plain(whole, decimals) {
    whole = whole.replace(/^0+/, "") || "0";
    decimals = decimals.replace(/0+$/, "");
    return decimals ? whole + "." + decimals : whole;
  }

  function unique(list) {
    return list.filter(function (x, i) { return list.indexOf(x) === i; }).sort();
  }

  function numberTerms(chunk) {
    if (!/^[0-9]+(?:[.,][0-9]+)*$/.test(chunk)) { return []; }
    if (/^[0-9]+$/.test(chunk)) { return unique([chunk, plain(chunk, "")]); }
    var readings = [];
    [[".", ","], [",", "."]].forEach(function (marks) {
      var thousands = marks[0], decimal = marks[1], at = chunk.lastIndexOf(decimal), whole = chunk, decimals = "";
      if (at >= 0) {
        whole = chunk.slice(0, at);
        decimals = chunk.slice(at + 1);
        if (!/^[0-9]+$/.test(decimals)) { return; }
      }
      if (whole.indexOf(decimal) >= 0) { return; }
      if (whole.indexOf(thousands) >= 0) {
        if (!/^[0-9]{1,3}(?:X[0-9]{3})+$/.test(whole.split(thousands).join("X"))) { return; }
        whole = whole.split(thousands).join("");
      }
      readings.push(plain(whole, decimals));
    });
    return unique(readings);
  }

  function pieces(chunk) { return chunk.match(PIECE) || []; }

  /* every term of a text, as search_text.terms indexes it */
  function terms(text) {
    var found = [];
    chunks(fold(text), CHUNK).forEach(function (c) {
      var date = dateTerm(c.body), numbers = date ? [] : numberTerms(c.body);
      if (date) { found.push(date); }
      found.push.apply(found, numbers);
      if (c.negative) {
        numbers.forEach(function (n) { if (n.replace(/[0.]/g, "") !== "") { found.push("-" + n); } });
      }
      found.push.apply(found, pieces(c.body));
    });
    return unique(found);
  }

  /* what is typed: clauses, each a list of terms any of which matches (and, for a word, what it begins) */
  function clauses(query) {
    var found = [];
    chunks(fold(query), CHUNK).forEach(function (c) {
      var date = dateTerm(c.body), numbers = date ? [] : numberTerms(c.body);
      if (date) {
        found.push({terms: [date], prefix: false});
      } else if (numbers.length) {
        found.push({terms: c.negative ? numbers.map(function (n) { return "-" + n; }) : numbers, prefix: false});
      } else {
        pieces(c.body).forEach(function (piece) {
          found.push({terms: [piece], prefix: Array.from(piece).length >= 3 && /\p{L}/u.test(piece)});
        });
      }
    });
    return found;
  }

  /* -- the files ------------------------------------------------------------------------------------- */
  var meta = null, termFiles = {}, recordFiles = {}, loaded = {}, waiting = {}, broken = null;

  function arrived(key) {
    loaded[key] = true;
    var then = waiting[key] || [];
    delete waiting[key];
    then.forEach(function (f) { f(); });
  }

  function load(key, then) {
    if (loaded[key]) { then(); return; }
    if (waiting[key]) { waiting[key].push(then); return; }
    waiting[key] = [then];
    var script = document.createElement("script");
    script.src = "soeg/" + key + ".js";
    script.onerror = function () { fail("soeg/" + key + ".js"); };
    document.head.appendChild(script);
  }

  function loadAll(keys, then) {
    var left = keys.length;
    if (!left) { then(); return; }
    keys.forEach(function (key) { load(key, function () { if (--left === 0) { then(); } }); });
  }

  /* code point order, as the terms were sorted (UTF-16 puts U+E000-U+FFFF after the surrogates) */
  function unit(s, i) {
    var c = s.charCodeAt(i);
    return c >= 0xD800 && c <= 0xDFFF ? c + 0x2000 : c >= 0xE000 ? c - 0x800 : c;
  }

  function compare(a, b) {
    var n = Math.min(a.length, b.length);
    for (var i = 0; i < n; i++) {
      if (a.charCodeAt(i) !== b.charCodeAt(i)) { return unit(a, i) - unit(b, i); }
    }
    return a.length - b.length;
  }

  function lowerBound(list, term) {
    var lo = 0, hi = list.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (compare(list[mid], term) < 0) { lo = mid + 1; } else { hi = mid; }
    }
    return lo;
  }

  function starts(term, prefix) { return term.slice(0, prefix.length) === prefix; }

  /* the term files that may hold a term (or, with prefix, the terms it begins) */
  function filesFor(term, prefix) {
    var firsts = meta.terms, at = lowerBound(firsts, term), found = [];
    if (at < firsts.length && firsts[at] === term) { found.push(at); } else if (at > 0) { found.push(at - 1); }
    if (prefix) {
      for (var i = at; i < firsts.length && starts(firsts[i], term); i++) {
        if (found.indexOf(i) < 0) { found.push(i); }
      }
    }
    return found;
  }

  function decode(gaps) {
    var parts = gaps.split(","), ids = new Int32Array(parts.length), id = -1;
    for (var i = 0; i < parts.length; i++) { id += parseInt(parts[i], 36) + 1; ids[i] = id; }
    return ids;
  }

  /* the ids of the records that hold one of a clause's terms, ascending */
  function idsOf(clause) {
    var lists = [];
    clause.terms.forEach(function (term) {
      filesFor(term, clause.prefix).forEach(function (n) {
        var file = termFiles[n];
        for (var i = lowerBound(file.terms, term); i < file.terms.length; i++) {
          var t = file.terms[i];
          if (t === term || (clause.prefix && starts(t, term))) { lists.push(decode(file.lists[i])); } else { break; }
        }
      });
    });
    if (lists.length === 1) { return lists[0]; }
    var size = 0, at = 0;
    lists.forEach(function (l) { size += l.length; });
    var all = new Int32Array(size);
    lists.forEach(function (l) { all.set(l, at); at += l.length; });
    all.sort();
    var n = 0;
    for (var i = 0; i < all.length; i++) { if (i === 0 || all[i] !== all[i - 1]) { all[n++] = all[i]; } }
    return all.subarray(0, n);
  }

  function intersect(a, b) {
    var out = new Int32Array(Math.min(a.length, b.length)), i = 0, j = 0, n = 0;
    while (i < a.length && j < b.length) {
      if (a[i] < b[j]) { i++; } else if (a[i] > b[j]) { j++; } else { out[n++] = a[i]; i++; j++; }
    }
    return out.subarray(0, n);
  }

  /* -- the page --------------------------------------------------------------------------------------- */
  var hits = document.getElementById("hits"), count = document.getElementById("count");
  var more = document.getElementById("more"), input = document.getElementById("q");
  var found = new Int32Array(0), shown = 0, wanted = [];

  /* when the first hits were on the page, and how many search files it took (for the benchmark) */
  function stamp() {
    if (!hits.hasAttribute("data-ms")) {
      hits.setAttribute("data-ms", performance.now().toFixed(0));
      hits.setAttribute("data-files", String(Object.keys(loaded).length));
    }
  }

  function grouped(n) { return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, L.group); }

  function fail(file) {
    if (broken === null) {
      broken = file;
      count.textContent = L.missing.replace("{f}", file);
    }
  }

  function matches(term) {
    return wanted.some(function (c) {
      return c.terms.some(function (t) { return term === t || (c.prefix && starts(term, t)); });
    });
  }

  /* where a query's terms are in a text: a date or number whole, else each word of it */
  function marks(text) {
    var found = [];
    chunks(text, SHOWN_CHUNK).forEach(function (c) {
      var body = fold(c.body), date = dateTerm(body), numbers = date ? [] : numberTerms(body);
      var whole = date ? [date] : numbers.concat(c.negative ? numbers.map(function (n) { return "-" + n; }) : []);
      if (whole.some(matches)) {
        found.push({start: c.start, end: c.end});
        return;
      }
      var word, words = /[\p{L}\p{N}\p{M}]+/gu;
      while ((word = words.exec(c.body)) !== null) {
        if (pieces(fold(word[0])).some(matches)) {
          found.push({start: c.start + word.index, end: c.start + word.index + word[0].length});
        }
      }
    });
    return found;
  }

  /* the excerpt as text and <mark>s; a document's is cut around its first hit */
  function excerpt(text, cut) {
    var marked = marks(text);
    var from = 0, to = text.length;
    if (cut && text.length > 300) {
      var at = marked.length ? marked[0].start : 0;
      from = Math.max(0, text.lastIndexOf(" ", Math.max(0, at - 80)) + 1);
      to = Math.min(text.length, from + 300);
    }
    var span = document.createElement("span"), place = from;
    span.className = "excerpt";
    if (from > 0) { span.appendChild(document.createTextNode("\u2026 ")); }
    marked.forEach(function (c) {
      if (c.start < from || c.end > to) { return; }
      span.appendChild(document.createTextNode(text.slice(place, c.start)));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(c.start, c.end);
      span.appendChild(mark);
      place = c.end;
    });
    span.appendChild(document.createTextNode(text.slice(place, to) + (to < text.length ? " \u2026" : "")));
    return span;
  }

  function item(record) {
    var kind = record[0], words = L[kind], li = document.createElement("li"), link = document.createElement("a");
    li.className = "hit-" + kind;
    link.href = record[1];
    link.textContent = kind === "x" && !record[2] ? L.x0 : words[1].replace("{t}", record[2]);
    if (words[0]) { li.appendChild(document.createTextNode(words[0])); }
    li.appendChild(link);
    if (record[3]) {
      li.appendChild(document.createElement("br"));
      li.appendChild(excerpt(record[3], kind === "d"));
    }
    return li;
  }

  /* the next hits, each put on the page as soon as it and the hits before it have arrived */
  function showMore() {
    var ids = Array.from(found.subarray(shown, shown + SHOW)), next = 0;
    var status = found.length === 1 ? L.one : L.many.replace("{n}", grouped(found.length));
    count.textContent = status;
    more.hidden = true;
    function place() {
      while (next < ids.length && recordFiles[Math.floor(ids[next] / meta.per)]) {
        var id = ids[next++];
        hits.appendChild(item(recordFiles[Math.floor(id / meta.per)][id % meta.per]));
        shown++;
        stamp();
      }
      if (next === ids.length) {
        more.hidden = shown >= found.length;
        count.textContent = status + (shown < found.length ? L.first.replace("{m}", grouped(shown)) : "");
      }
    }
    ids.forEach(function (id) { load("r/" + Math.floor(id / meta.per), place); });
  }

  function search(query) {
    wanted = clauses(query);
    if (!wanted.length) { return; }
    var files = [];
    wanted.forEach(function (c) {
      c.terms.forEach(function (t) {
        filesFor(t, c.prefix).forEach(function (n) { if (files.indexOf("t/" + n) < 0) { files.push("t/" + n); } });
      });
    });
    loadAll(files, function () {
      var sets = wanted.map(idsOf).sort(function (a, b) { return a.length - b.length; });
      found = sets.reduce(intersect);
      if (!found.length) {
        count.textContent = L.none.replace("{q}", query);
        stamp();
        return;
      }
      showMore();
    });
  }

  window.X2A = {
    meta: function (data) {
      meta = data;
      var query = new URLSearchParams(window.location.search).get("q") || "";
      input.value = query;
      search(query);
    },
    t: function (n, text) {
      var lines = text.split("\n"), file = {terms: [], lists: []};
      lines.pop();
      lines.forEach(function (line) {
        var tab = line.indexOf("\t");
        file.terms.push(line.slice(0, tab));
        file.lists.push(line.slice(tab + 1));
      });
      termFiles[n] = file;
      arrived("t/" + n);
    },
    r: function (n, records) {
      recordFiles[n] = records;
      arrived("r/" + n);
    },
    terms: terms,
    clauses: clauses
  };
  more.addEventListener("click", showMore);
}());
