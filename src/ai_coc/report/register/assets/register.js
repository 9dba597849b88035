/* ai-coc register: filter and sort without a framework. Every table row that belongs to a
   repository carries data-repo; the matrix rows decide which repositories are shown. */
(function () {
  "use strict";
  var doc = document;
  doc.documentElement.className += " js";
  var matrix = doc.getElementById("matrix");
  if (!matrix) { return; }
  var body = matrix.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.getAttribute("data-text") || ""; });
  var ranks = rows.map(function (row) { return Number(row.getAttribute("data-rank")); });
  var linked = Array.prototype.slice.call(doc.querySelectorAll("tbody.by-repo > tr[data-repo]"));
  var search = doc.getElementById("q");
  var state = doc.getElementById("state");
  var count = doc.getElementById("count");
  var template = count.getAttribute("data-template") || "{shown} / {total}";

  function apply() {
    var needle = search.value.trim().toLowerCase();
    var least = Number(state.value);
    var shown = Object.create(null);
    var visible = 0;
    for (var i = 0; i < rows.length; i += 1) {
      var keep = ranks[i] >= least && (needle === "" || texts[i].indexOf(needle) !== -1);
      if (rows[i].hidden === keep) { rows[i].hidden = !keep; }
      if (keep) { shown[rows[i].getAttribute("data-repo")] = true; visible += 1; }
    }
    for (var j = 0; j < linked.length; j += 1) {
      var on = shown[linked[j].getAttribute("data-repo")] === true;
      if (linked[j].hidden === on) { linked[j].hidden = !on; }
    }
    count.textContent = template.replace("{shown}", String(visible))
      .replace("{total}", String(rows.length));
  }

  function sortBy(header) {
    var key = header.getAttribute("data-key");
    var numeric = header.getAttribute("data-type") === "number";
    var ascending = header.getAttribute("aria-sort") !== "ascending";
    var heads = matrix.tHead.querySelectorAll("th[data-key]");
    for (var k = 0; k < heads.length; k += 1) { heads[k].removeAttribute("aria-sort"); }
    header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
    var attribute = "data-sort-" + key;
    var keyed = rows.map(function (row, index) {
      var value = row.getAttribute(attribute) || "";
      return { row: row, value: numeric ? Number(value) : value.toLowerCase(), index: index };
    });
    keyed.sort(function (a, b) {
      var order = a.value < b.value ? -1 : a.value > b.value ? 1 : a.index - b.index;
      return ascending ? order : -order;
    });
    var fragment = doc.createDocumentFragment();
    keyed.forEach(function (item) { fragment.appendChild(item.row); });
    body.appendChild(fragment);
    rows = keyed.map(function (item) { return item.row; });
    texts = rows.map(function (row) { return row.getAttribute("data-text") || ""; });
    ranks = rows.map(function (row) { return Number(row.getAttribute("data-rank")); });
  }

  search.addEventListener("input", apply);
  state.addEventListener("change", apply);
  Array.prototype.forEach.call(matrix.tHead.querySelectorAll("th[data-key] button"), function (button) {
    button.addEventListener("click", function () { sortBy(button.parentNode); });
  });
  apply();
}());
