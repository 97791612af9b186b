/* Dashboard charts (Chart.js, vendored) and sortable tables.
   Every chart reads its numbers from a json_script block; the same numbers are in a table on the page. */
(function () {
  "use strict";
  var fmt = new Intl.NumberFormat("id-ID", { maximumFractionDigits: 2 });
  /* Hues of different lightness (they stay apart in grey print and for red-green colour blindness);
     the status word is in the table and the cards, never the colour alone. Same values as dasbor.css. */
  var warnaStatus = { tercapai: "#0b6aa2", perhatian: "#e0a800", kritis: "#8f1d1d", kosong: "#adb5bd" };
  var WARNA_RENCANA = "#bdbdbd", WARNA_REALISASI = "#0b4f8a", WARNA_TARGET = "#333333";

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
        var v = ctx.parsed[ctx.chart.options.indexAxis === "y" ? "x" : "y"];
        return ctx.dataset.label + ": " + (v === null ? "–" : fmt.format(v));
      } } } },
      scales: { y: { beginAtZero: true, ticks: { callback: function (v) { return fmt.format(v); } } } }
    };
    return Object.assign(o, extra || {});
  }
  function gambar(canvasId, config, baris) {
    var canvas = document.getElementById(canvasId);
    if (!canvas || !window.Chart) { return; }
    /* A horizontal bar chart grows with its rows (a name per row), set through the CSSOM (CSP allows it). */
    if (baris) { canvas.parentNode.style.height = (baris * 34 + 70) + "px"; }
    new window.Chart(canvas, config);
  }
  /* Diagonal hatching over a colour: marks a capaian above its target. */
  function arsir(warna) {
    var c = document.createElement("canvas");
    c.width = c.height = 8;
    var g = c.getContext("2d");
    g.fillStyle = warna; g.fillRect(0, 0, 8, 8);
    g.strokeStyle = "#ffffff"; g.lineWidth = 2;
    g.beginPath(); g.moveTo(0, 8); g.lineTo(8, 0); g.moveTo(-2, 2); g.lineTo(2, -2); g.moveTo(6, 10); g.lineTo(10, 6);
    g.stroke();
    return g.createPattern(c, "repeat");
  }
  /* The target (100 %) as a line and the OPD's "perlu perhatian" band behind the bars, with the
     value written at each bar's end: the chart reads without hovering. */
  var garisTarget = {
    id: "garisTarget",
    beforeDatasetsDraw: function (chart, args, o) {
      if (!o || o.target === undefined) { return; }
      var x = chart.scales.x, area = chart.chartArea, g = chart.ctx;
      g.save();
      g.fillStyle = "rgba(224, 168, 0, 0.15)";
      g.fillRect(x.getPixelForValue(o.perhatian), area.top, x.getPixelForValue(o.target) - x.getPixelForValue(o.perhatian),
                 area.bottom - area.top);
      g.restore();
    },
    afterDatasetsDraw: function (chart, args, o) {
      if (!o || o.target === undefined) { return; }
      var x = chart.scales.x, area = chart.chartArea, g = chart.ctx, px = x.getPixelForValue(o.target);
      g.save();
      g.strokeStyle = WARNA_TARGET; g.lineWidth = 2; g.setLineDash([6, 3]);
      g.beginPath(); g.moveTo(px, area.top); g.lineTo(px, area.bottom); g.stroke();
      g.setLineDash([]); g.fillStyle = WARNA_TARGET; g.font = "12px sans-serif"; g.textAlign = "center";
      g.fillText("Target " + fmt.format(o.target) + "%", px, area.top - 4);
      g.textAlign = "left"; g.textBaseline = "middle";
      chart.getDatasetMeta(0).data.forEach(function (bar, i) {
        var v = chart.data.datasets[0].data[i];
        if (v !== null) { g.fillText(fmt.format(v) + "%", Math.min(bar.x + 4, area.right - 40), bar.y); }
      });
      g.restore();
    }
  };
  /* On a phone a name axis may take little room: names are cut shorter there (the full name is on hover). */
  function labelNama(v) {
    var t = this.getLabelForValue(v);
    var batas = this.chart.width < 520 ? 18 : 34;
    return t.length > batas ? t.slice(0, batas - 1).replace(/\s+\S*$/, "") + "…" : t;
  }
  function judulPenuh(nama) {
    return function (items) { return items.length ? nama[items[0].dataIndex] : ""; };
  }

  var iku = data("data-grafik-iku");
  if (iku) {
    var nilai = angka(iku.capaian);
    var maks = Math.max.apply(null, nilai.concat([Number(iku.ambang_tercapai)]));
    gambar("grafik-iku", { type: "bar", data: { labels: iku.labels, datasets: [{
      label: "Capaian (%)", data: nilai,
      borderColor: iku.status.map(function (s) { return warnaStatus[s]; }), borderWidth: 1,
      backgroundColor: iku.status.map(function (s, i) { return iku.lebih[i] ? arsir(warnaStatus[s]) : warnaStatus[s]; })
    }] }, plugins: [garisTarget], options: opsi({
      indexAxis: "y", maintainAspectRatio: false, layout: { padding: { top: 18, right: 8 } },
      plugins: { legend: { display: false },
                 garisTarget: { target: Number(iku.ambang_tercapai), perhatian: Number(iku.ambang_perhatian) },
                 tooltip: { callbacks: { title: judulPenuh(iku.nama), label: function (ctx) {
                   return "Capaian: " + fmt.format(ctx.parsed.x) + "%" + (iku.lebih[ctx.dataIndex] ? " (melebihi target)" : "");
                 } } } },
      scales: { x: { beginAtZero: true, suggestedMax: Math.ceil(maks * 1.12 / 10) * 10,
                     ticks: { callback: function (v) { return fmt.format(v) + "%"; } } },
                y: { ticks: { autoSkip: false, callback: labelNama } } }
    }) }, iku.labels.length);
  }
  var kas = data("data-grafik-kas");
  if (kas) {
    gambar("grafik-kas", { type: "line", data: { labels: kas.labels, datasets: [
      { label: "Anggaran kas kumulatif (Rp)", data: angka(kas.rencana), borderColor: "#6c757d", borderDash: [6, 4],
        pointStyle: "rect" },
      { label: "Realisasi kumulatif (Rp)", data: angka(kas.realisasi), borderColor: WARNA_REALISASI, borderWidth: 3,
        spanGaps: false }
    ] }, options: opsi() });
  }
  var program = data("data-grafik-program");
  if (program) {
    gambar("grafik-program", { type: "bar", data: { labels: program.labels, datasets: [
      { label: program.label_rencana, data: angka(program.rencana), backgroundColor: WARNA_RENCANA,
        borderColor: "#757575", borderWidth: 1 },
      { label: program.label_realisasi, data: angka(program.realisasi), backgroundColor: WARNA_REALISASI }
    ] }, options: opsi({
      indexAxis: "y", maintainAspectRatio: false,
      plugins: { tooltip: { callbacks: { title: judulPenuh(program.nama), label: function (ctx) {
        return ctx.dataset.label + ": " + (ctx.parsed.x === null ? "–" : fmt.format(ctx.parsed.x));
      } } } },
      scales: { x: { beginAtZero: true, ticks: { callback: function (v) { return fmt.format(v / 1e6) + " jt"; } } },
                y: { ticks: { autoSkip: false, callback: labelNama } } }
    }) }, program.labels.length * 1.6);
  }
  var kuartal = data("data-grafik-triwulan");
  if (kuartal) {
    gambar("grafik-triwulan", { type: "line", data: { labels: kuartal.labels, datasets: [
      { label: "Target s.d. triwulan", data: angka(kuartal.target), borderColor: WARNA_TARGET, borderDash: [6, 4],
        pointStyle: "rect" },
      { label: "Realisasi s.d. triwulan", data: angka(kuartal.realisasi), borderColor: WARNA_REALISASI, borderWidth: 3 }
    ] }, options: opsi() });
  }
  document.querySelectorAll('script[id^="data-grafik-tren-"]').forEach(function (el) {
    var d = JSON.parse(el.textContent);
    gambar(el.id.replace("data-", ""), { type: "line", data: { labels: d.labels, datasets: [
      { label: "Target", data: angka(d.target), borderColor: WARNA_TARGET, borderDash: [6, 4], pointStyle: "rect" },
      { label: "Realisasi", data: angka(d.realisasi), borderColor: WARNA_REALISASI, borderWidth: 3 }
    ] }, options: opsi() });
  });
  ["akip", "ikm"].forEach(function (nama) {
    var d = data("data-grafik-" + nama);
    if (d && d.labels.length) {
      gambar("grafik-" + nama, { type: "line", data: { labels: d.labels, datasets: [
        { label: nama === "akip" ? "Nilai AKIP" : "IKM", data: angka(d.nilai), borderColor: WARNA_REALISASI }
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
