// Sort the documents table by the column whose name is clicked: numbers largest
// first, text A to Z; a second click reverses. Ties keep their current order.
(function () {
  "use strict";
  for (const table of document.querySelectorAll("table.sortable")) {
    const headers = Array.from(table.tHead.rows[0].cells);
    headers.forEach(function (th, index) {
      const button = th.querySelector("button");
      if (!button) { return; }
      button.addEventListener("click", function () {
        const numeric = button.hasAttribute("data-numeric");
        const was = th.getAttribute("aria-sort");
        const first = numeric ? "descending" : "ascending";
        const next = was === first ? (first === "ascending" ? "descending" : "ascending") : first;
        const sign = next === "ascending" ? 1 : -1;
        const body = table.tBodies[0];
        const key = function (row) {
          const cell = row.cells[index];
          const summary = cell.querySelector("summary");
          const text = (summary || cell).textContent.trim();
          return numeric ? Number(text) : text.toLowerCase();
        };
        const rows = Array.from(body.rows).map(function (row, i) { return [key(row), i, row]; });
        rows.sort(function (a, b) {
          if (a[0] < b[0]) { return -sign; }
          if (a[0] > b[0]) { return sign; }
          return a[1] - b[1];
        });
        for (const h of headers) { h.setAttribute("aria-sort", "none"); }
        th.setAttribute("aria-sort", next);
        const fragment = document.createDocumentFragment();
        for (const entry of rows) { fragment.appendChild(entry[2]); }
        body.appendChild(fragment);
      });
    });
  }
})();
