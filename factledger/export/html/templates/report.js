/* The report's one script, allowed by its hash: filters and sorts the claims table, draws it a page at a time
   when it is long, and above the size budget builds a claim's detail, a question or a kind of findings when it
   is opened. It reads the data blocks (JSON, never run; packed above the budget) and writes the ledger's text
   only through textContent, or as the page's own template wrote it, escaped (a question, a kind of findings):
   nothing from the ledger is ever parsed as markup. */
(function () {
  "use strict";

  /* A data block's text: as written, or packed (gzip in base64, export/html/data.py) and unpacked here by the
     browser's own DecompressionStream. */
  function unpack(block) {
    if (!block.dataset.packed) return Promise.resolve(block.textContent);
    var text = block.textContent.trim(), bytes;
    if (Uint8Array.fromBase64) {
      bytes = Uint8Array.fromBase64(text);
    } else {
      var binary = atob(text);
      bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
    }
    return new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"))).text();
  }

  unpack(document.getElementById("report-data")).then(function (text) { start(JSON.parse(text)); });

  function start(data) {
    var strings = data.strings; // a text written once: a text value is its index here, or the text itself
    function s(value) { return typeof value === "number" ? strings[value] : value; }
    var rows = data.rows; // [id, date, statement, value, figure, sources, status, status value, subject, property,
    //                       tags, cited sources (folded), quotes] (export/html/data.py)
    var ID = 0, DATE = 1, STATEMENT = 2, VALUE = 3, FIGURE = 4, SOURCES = 5, STATUS = 6, STATUS_VALUE = 7,
      SUBJECT = 8, PROPERTY = 9, TAGS = 10, CITED = 11, QUOTES = 12;
    var large = data.pageSize > 0; // the table is drawn here, a page at a time
    // Above the budget: every detail, one a line, in a block after this script, read when the first is opened.
    var built = Boolean(document.getElementById("report-data").dataset.packed), details = null;
    /* Whether the blocks after this script are read yet; if not, ``then`` is called again when they are. */
    function read(then) {
      if (document.readyState !== "loading") return true;
      document.addEventListener("DOMContentLoaded", then, { once: true });
      return false;
    }
    var table = document.getElementById("claims-table");
    var tbody = table.tBodies[0];
    var drawn = large ? null : Array.prototype.slice.call(tbody.rows); // the written rows, in data order
    var order = rows.map(function (_, i) { return i; }); // the rows in the current sort
    var matching = order;
    var first = 0; // the first row of the page shown, above the budget
    var folded = null; // each row's statement and quotes as the search reads them, made on the first search
    var form = document.getElementById("filters");
    var count = document.getElementById("count");
    var sortKey = "date", descending = false;

    /* The search folds text as `factledger list --search` does (text/quotes.normalise): Unicode NFC, typographic
       quotes, dashes and spaces to plain ones (the table is the ledger's own, in the data), runs of space to one,
       a spaced dash to a dash, and case. */
    function fold(text) {
      var out = "";
      var chars = Array.from(text.normalize("NFC"));
      for (var i = 0; i < chars.length; i++) {
        var c = chars[i];
        out += Object.prototype.hasOwnProperty.call(data.fold, c) ? data.fold[c] : c;
      }
      return out.replace(/\s+/g, " ").replace(/ ?- ?/g, "-").trim().toLowerCase();
    }

    function wanted() {
      var f = {};
      ["source", "subject", "property", "status", "tag"].forEach(function (name) {
        f[name] = form.elements[name].value;
      });
      f.search = fold(form.elements.search.value);
      f.members = f.source ? new Set(data.members[f.source] || [f.source]) : null;
      return f;
    }

    function matches(i, f) {
      var r = rows[i];
      if (f.members && !r[CITED].some(function (s) { return f.members.has(s); })) return false;
      if (f.subject && r[SUBJECT] !== f.subject) return false;
      if (f.property && r[PROPERTY] !== f.property) return false;
      if (f.status && r[STATUS_VALUE] !== f.status) return false;
      if (f.tag && r[TAGS].indexOf(f.tag) < 0) return false;
      if (f.search) {
        if (folded === null) {
          folded = rows.map(function (row) { return [row[STATEMENT]].concat(row[QUOTES]).map(s).map(fold); });
        }
        if (!folded[i].some(function (t) { return t.indexOf(f.search) >= 0; })) return false;
      }
      return true;
    }

    function apply() {
      var f = wanted();
      matching = order.filter(function (i) { return matches(i, f); });
      var total = rows.length.toLocaleString("en");
      var active = f.members || f.subject || f.property || f.status || f.tag || f.search;
      count.textContent = active ? matching.length.toLocaleString("en") + " of " + total + " claims match." :
        total + " claims.";
      first = 0;
      draw();
    }

    function draw() {
      if (!large) {
        var shown = new Set(matching);
        drawn.forEach(function (tr, i) { tr.hidden = !shown.has(i); });
        return;
      }
      var end = Math.min(first + data.pageSize, matching.length);
      tbody.replaceChildren.apply(tbody, matching.slice(first, end).map(rowOf));
      var pager = document.getElementById("pager");
      pager.hidden = matching.length <= data.pageSize;
      document.getElementById("page-of").textContent = matching.length ?
        "Claims " + (first + 1).toLocaleString("en") + "–" + end.toLocaleString("en") + " of " +
        matching.length.toLocaleString("en") : "";
      document.getElementById("prev").disabled = first === 0;
      document.getElementById("next").disabled = end >= matching.length;
    }

    function element(name, className, text) {
      var made = document.createElement(name);
      if (className) made.className = className;
      if (text !== undefined) made.textContent = text;
      return made;
    }

    function status(value, shown) {
      return element("span", "status" + (data.statuses.indexOf(value) >= 0 ? " st-" + value : ""), shown);
    }

    function rowOf(i) {
      var r = rows[i];
      var tr = element("tr");
      var id = element("td", "cid");
      var link = element("a", "", r[ID]);
      link.href = "#claim-" + r[ID];
      id.appendChild(link);
      tr.append(id, element("td", "date", s(r[DATE])), element("td", "statement", s(r[STATEMENT])),
        element("td", "num", s(r[VALUE])), element("td", "", s(r[SOURCES])));
      var cell = element("td");
      cell.appendChild(status(r[STATUS_VALUE], s(r[STATUS])));
      tr.appendChild(cell);
      return tr;
    }

    function sortBy(key) {
      descending = key === sortKey ? !descending : false;
      sortKey = key;
      var column = { id: ID, statement: STATEMENT, sources: SOURCES, status: STATUS }[key];
      order = rows.map(function (_, i) { return i; }); // in date order, as written: ties keep it
      if (key === "value") {
        order.sort(function (a, b) {
          var x = rows[a][FIGURE], y = rows[b][FIGURE];
          if (x === null || y === null) return (x === null) - (y === null) || a - b;
          return x - y || a - b;
        });
      } else if (column !== undefined) {
        order.sort(function (a, b) {
          var x = s(rows[a][column]), y = s(rows[b][column]);
          return x < y ? -1 : x > y ? 1 : a - b;
        });
      }
      if (descending) order.reverse();
      if (!large) tbody.append.apply(tbody, order.map(function (i) { return drawn[i]; }));
      Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
        if (th.dataset.key === key) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
        else th.removeAttribute("aria-sort");
      });
      apply();
    }

    /* Above the budget, a claim's detail is built from the data when its address is opened: the same blocks of
       rows the page writes below the budget (export/html/details.py), spelt by the same rules. */
    var detailStrings = []; // the details' own texts: the first line of their block
    function ds(value) { return typeof value === "number" ? detailStrings[value] : value; }
    function parts(into, found) {
      found.forEach(function (part) {
        if (!Array.isArray(part)) { into.appendChild(document.createTextNode(ds(part))); return; }
        var link = element("a", "", ds(part[1]));
        var href = part[0].map(ds).join("");
        if (/^(#|https?:\/\/)/i.test(href)) link.href = href;
        into.appendChild(link);
      });
      return into;
    }

    function detailOf(d) {
      var article = element("article", "claim opened");
      article.id = "claim-" + d[0];
      var heading = element("h3");
      var back = element("a", "back", "back to the table");
      back.href = "#claims";
      heading.append(element("span", "cid", d[0]), " ", status(d[1], d[1]), " ", back);
      article.appendChild(heading);
      d[2].forEach(function (block) {
        if (ds(block[0])) article.appendChild(element("h4", "", ds(block[0])));
        block[1].forEach(function (entry) {
          if (entry[0].length) article.appendChild(parts(element("p", "head"), entry[0]));
          if (!entry[1].length) return;
          var list = element("dl", "rows");
          entry[1].forEach(function (row, n) {
            if (ds(row[0]) === data.keeper) { // folded away: what the ledger's keeper is to do, not what it says
              var folded = element("details", "keeper");
              folded.appendChild(element("summary", "", data.keeper));
              var dd = element("dd");
              dd.appendChild(parts(folded, row.slice(1)));
              list.append(element("dt", "blank"), dd);
              return;
            }
            if (ds(row[0])) list.appendChild(element("dt", "", ds(row[0])));
            else if (n === 0) list.appendChild(element("dt", "blank"));
            list.appendChild(parts(element("dd"), row.slice(1)));
          });
          article.appendChild(list);
        });
      });
      return article;
    }

    /* Above the budget, each question and kind of findings listed is written as the page below the budget writes
       it (the same template, escaping every value), packed, and shown in its place when its address is opened:
       read by the browser's own parser into a document of its own, which runs and loads nothing. */
    var written = null;
    function anchor() { // the address's fragment as an id ('' for one no id could have)
      try { return decodeURIComponent(location.hash.slice(1)); } catch (error) { return ""; }
    }
    function openPart(id) {
      var home = /^question-/.test(id) ? "questions-on-demand" : /^kind-/.test(id) ? "findings-on-demand" : null;
      if (!built || !home || document.getElementById(id)) return false;
      if (!read(open)) return true;
      var partsBlock = document.getElementById("report-parts");
      if (!partsBlock) return false;
      if (written === null) written = unpack(partsBlock).then(JSON.parse);
      written.then(function (found) {
        if (!Object.prototype.hasOwnProperty.call(found, id) || anchor() !== id) return;
        var parsed = new DOMParser().parseFromString(found[id], "text/html").body.firstElementChild;
        var part = document.adoptNode(parsed);
        document.getElementById(home).replaceChildren(part);
        var note = document.getElementById("questions-note");
        if (note && home === "questions-on-demand") note.hidden = true;
        part.scrollIntoView();
        var heading = part.querySelector("h3");
        heading.tabIndex = -1; // as a claim's detail: a keyboard goes on from the part opened
        heading.focus({ preventScroll: true });
      });
      return true;
    }

    var byId = null, lines = null;
    function open() {
      if (openPart(anchor())) return;
      if (location.hash.indexOf("#claim-") !== 0) return;
      var id = decodeURIComponent(location.hash.slice(7));
      var article = document.getElementById("claim-" + id);
      if (article !== null || !built) {
        show(article);
        return;
      }
      if (!read(open)) return;
      if (byId === null) { // above the budget: built from the data, which is unpacked on the first
        details = document.getElementById("report-details");
        byId = new Map();
        rows.forEach(function (r, i) { byId.set(r[ID], i + 1); }); // a claim's line: after the texts' line
        lines = unpack(details).then(function (text) { // parsed one claim at a time
          var found = text.split("\n");
          detailStrings = JSON.parse(found[0]);
          return found;
        });
      }
      if (!byId.has(id)) return;
      lines.then(function (found) {
        if (location.hash !== "#claim-" + id && decodeURIComponent(location.hash) !== "#claim-" + id) return;
        var built = detailOf(JSON.parse(found[byId.get(id)]));
        document.getElementById("on-demand").replaceChildren(built);
        show(built);
      });
    }

    function show(article) {
      if (article === null || !article.hidden && !built) return; // a detail on show: the browser went there
      article.hidden = false;
      var note = document.getElementById("details-note");
      if (note) note.hidden = true;
      article.scrollIntoView();
      var heading = article.querySelector("h3");
      heading.tabIndex = -1; // the detail, not the link left behind, is where a keyboard goes on from
      heading.focus({ preventScroll: true });
    }

    // "Show these claims": a question's or a source's link sets the filters, and goes on to the table.
    document.addEventListener("click", function (event) {
      var link = event.target.closest && event.target.closest("a[data-source], a[data-subject]");
      if (!link) return;
      form.reset();
      ["source", "subject", "property"].forEach(function (name) {
        if (link.dataset[name] !== undefined) form.elements[name].value = link.dataset[name];
      });
      apply();
    });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.addEventListener("change", apply);
    var typing = 0;
    form.elements.search.addEventListener("input", function () {
      clearTimeout(typing);
      typing = setTimeout(apply, rows.length > 20000 ? 250 : 60);
    });
    form.addEventListener("reset", function () { setTimeout(apply, 0); });
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.querySelector("button").addEventListener("click", function () { sortBy(th.dataset.key); });
    });
    document.getElementById("prev").addEventListener("click", function () {
      first = Math.max(0, first - data.pageSize);
      draw();
    });
    document.getElementById("next").addEventListener("click", function () {
      first += data.pageSize;
      draw();
    });
    window.addEventListener("hashchange", open);
    window.addEventListener("beforeprint", function () {
      Array.prototype.forEach.call(document.querySelectorAll("details"), function (d) { d.open = true; });
      Array.prototype.forEach.call(document.querySelectorAll(".claim"), function (a) { a.hidden = false; });
    });
    if (large) draw();
    open();
    document.documentElement.dataset.ready = "true";
    performance.mark("factledger-ready"); // when the page answers: what benchmarks/html_report.py measures
  }
})();
