/* Dashboard charts (Chart.js, vendored) and sortable tables.
   Every chart reads its numbers from a json_script block; the same numbers are in a table on the page. */
(function () {
  "use strict";
  var fmt = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  var warnaStatus = { tercapai: "#198754", perhatian: "#ffc107", kritis: "#dc3545", kosong: "#adb5bd" };

  function data(id) {
    var el = document.getElementById(id);
    return el ? JSON.parse(el.textContent) : null;
  }
  function angka(list) {
    return list.map(function (v) { return v === null ? null : Number(v); });
  }
  function opsi(extra) {
    var o = {
      responsive: true,
      animation: false,
      plugins: { tooltip: { callbacks: { label: function (ctx) {
        return ctx.dataset.label + ": " + (ctx.parsed.y === null ? "–" : fmt.format(ctx.parsed.y));
      } } } },
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return fmt.format(v); } } } }
    };
    return Object.assign(o, extra || {});
  }
  function gambar(canvasId, config) {
    var canvas = document.getElementById(canvasId);
    if (canvas && window.Chart) { new window.Chart(canvas, config); }
  }

  var iku = data("data-grafik-iku");
  if (iku) {
    gambar("grafik-iku", { type: "bar", data: { labels: iku.labels, datasets: [{
      label: "Capaian (%)", data: angka(iku.capaian),
      backgroundColor: iku.status.map(function (s) { return warnaStatus[s]; }) }] }, options: opsi() });
  }
  var kas = data("data-grafik-kas");
  if (kas) {
    gambar("grafik-kas", { type: "line", data: { labels: kas.labels, datasets: [
      { label: "Rencana kas kumulatif (Rp)", data: angka(kas.rencana), borderColor: "#6c757d", borderDash: [6, 4] },
      { label: "Realisasi kumulatif (Rp)", data: angka(kas.realisasi), borderColor: "#0d6efd", spanGaps: false }
    ] }, options: opsi() });
  }
  var program = data("data-grafik-program");
  if (program) {
    gambar("grafik-program", { type: "bar", data: { labels: program.labels, datasets: [
      { label: "Rencana (Rp)", data: angka(program.rencana), backgroundColor: "#adb5bd" },
      { label: "Realisasi (Rp)", data: angka(program.realisasi), backgroundColor: "#0d6efd" }
    ] }, options: opsi() });
  }
  document.querySelectorAll('script[id^="data-grafik-tren-"]').forEach(function (el) {
    var d = JSON.parse(el.textContent);
    gambar(el.id.replace("data-", ""), { type: "line", data: { labels: d.labels, datasets: [
      { label: "Target", data: angka(d.target), borderColor: "#6c757d", borderDash: [6, 4] },
      { label: "Realisasi", data: angka(d.realisasi), borderColor: "#0d6efd" }
    ] }, options: opsi() });
  });
  ["akip", "ikm"].forEach(function (nama) {
    var d = data("data-grafik-" + nama);
    if (d && d.labels.length) {
      gambar("grafik-" + nama, { type: "line", data: { labels: d.labels, datasets: [
        { label: nama === "akip" ? "Nilai AKIP" : "IKM", data: angka(d.nilai), borderColor: "#0d6efd" }
      ] }, options: opsi({ scales: { y: { min: 0, max: 100 } } }) });
    }
  });

  /* Sortable tables: a header with data-urut sorts by the cells' data-nilai (numbers) or text. */
  document.querySelectorAll("table[data-urutkan]").forEach(function (table) {
    table.querySelectorAll("th[data-urut]").forEach(function (th, index) {
      th.style.cursor = "pointer";
      th.setAttribute("role", "button");
      th.title = "Urutkan";
      th.addEventListener("click", function () {
        var col = Array.prototype.indexOf.call(th.parentNode.children, th);
        var naik = th.dataset.arah !== "naik";
        th.dataset.arah = naik ? "naik" : "turun";
        var tbody = table.tBodies[0];
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (a, b) {
          var x = a.cells[col].dataset.nilai, y = b.cells[col].dataset.nilai;
          var nx = x === undefined || x === "" ? null : Number(x), ny = y === undefined || y === "" ? null : Number(y);
          var r;
          if (th.dataset.urut === "angka") {
            if (nx === null && ny === null) { r = 0; } else if (nx === null) { return 1; } else if (ny === null) { return -1; } else { r = nx - ny; }
          } else {
            r = a.cells[col].textContent.trim().localeCompare(b.cells[col].textContent.trim(), "id");
          }
          return naik ? r : -r;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      });
    });
  });
})();
