// Batch page: posts the chosen CSV file to POST /v1/screen/batch as
// text/csv, shows a summary and the potential matches, and offers the
// returned CSV as a download. Everything is written with textContent:
// names in the file are data, never markup.
(function () {
  "use strict";

  var form = document.getElementById("batch-form");
  if (!form) return;
  var fileInput = document.getElementById("b-file");
  var thresholdInput = document.getElementById("b-threshold");
  var submit = document.getElementById("b-submit");
  var status = document.getElementById("batch-status");
  var errorBox = document.getElementById("batch-error");
  var result = document.getElementById("batch-result");
  var banner = document.getElementById("batch-banner");
  var summary = document.getElementById("batch-summary");
  var download = document.getElementById("batch-download");
  var tbody = document.querySelector("#batch-preview tbody");
  var previewTable = document.getElementById("batch-preview");
  var previewEmpty = document.getElementById("batch-preview-empty");
  var previewMore = document.getElementById("batch-preview-more");
  var maxPreview = 200;
  var downloadURL = null;

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    run().catch(function (err) {
      done();
      showError("Something went wrong in the page: " + err.message);
    });
  });

  async function run() {
    hideError();
    result.hidden = true;
    var file = fileInput.files && fileInput.files[0];
    if (!file) {
      showError("Choose a CSV file first.");
      fileInput.focus();
      return;
    }
    var url = form.getAttribute("data-endpoint");
    var threshold = thresholdInput.value.trim();
    if (threshold !== "") {
      url += "?threshold=" + encodeURIComponent(threshold);
    }
    busy("Screening " + file.name + " (" + formatBytes(file.size) + ")…");
    var started = performance.now();
    var resp;
    try {
      resp = await fetch(url, {
        method: "POST",
        headers: { "Content-Type": "text/csv", "Accept": "text/csv" },
        body: file,
        credentials: "same-origin",
      });
    } catch (err) {
      done();
      showError("The service could not be reached: " + err.message);
      return;
    }
    var text = await resp.text();
    if (!resp.ok) {
      done();
      showError(errorMessage(resp, text));
      return;
    }
    var seconds = (performance.now() - started) / 1000;
    show(file.name, parseCSV(text), text, seconds);
  }

  function show(fileName, rows, text, seconds) {
    var header = rows.shift() || [];
    var col = {};
    header.forEach(function (name, i) { col[name.trim()] = i; });
    if (!("status" in col)) {
      done();
      showError("The service answered with a CSV file this page does not understand (no status column).");
      return;
    }
    var get = function (row, name) { return name in col ? (row[col[name]] || "") : ""; };
    rows = rows.filter(function (r) { return r.length > 1 || (r.length === 1 && r[0] !== ""); });

    var counts = { potential_match: 0, clear: 0, error: 0 };
    var flagged = [];
    rows.forEach(function (r) {
      var st = get(r, "status");
      if (st === "potential_match") counts.potential_match++;
      else if (st === "clear") counts.clear++;
      else counts.error++;
      if (st !== "clear") flagged.push(r);
    });

    while (tbody.firstChild) tbody.removeChild(tbody.firstChild);
    flagged.slice(0, maxPreview).forEach(function (r) {
      var tr = document.createElement("tr");
      if (get(r, "status") !== "potential_match") tr.className = "row-error";
      cell(tr, "Row id", get(r, "id"));
      cell(tr, "Name screened", get(r, "name"));
      var scoreTd = cell(tr, "Top score", "");
      scoreTd.className = "c-score";
      if (get(r, "status") === "potential_match") {
        var score = parseFloat(get(r, "top_score"));
        var wrap = el("span", "score");
        var meter = document.createElement("meter");
        meter.min = 0; meter.max = 1; meter.value = isNaN(score) ? 0 : score;
        meter.setAttribute("aria-hidden", "true");
        wrap.appendChild(meter);
        wrap.appendChild(el("span", "score-num", isNaN(score) ? "" : score.toFixed(2)));
        scoreTd.appendChild(wrap);
      }
      var hitTd = cell(tr, "Top hit", "");
      if (get(r, "status") === "potential_match") {
        var a = document.createElement("a");
        a.href = "/entities/" + encodeURIComponent(get(r, "top_entity_id"));
        a.textContent = get(r, "top_name") || get(r, "top_entity_id");
        a.className = "entity-link";
        hitTd.appendChild(a);
      } else {
        hitTd.appendChild(el("span", "error-text", "Not screened: " + (get(r, "error") || get(r, "status"))));
      }
      cell(tr, "List", get(r, "top_list"));
      cell(tr, "Hits", get(r, "hits")).className = "num";
      tbody.appendChild(tr);
    });
    previewTable.hidden = flagged.length === 0;
    previewEmpty.hidden = flagged.length !== 0;
    previewMore.hidden = flagged.length <= maxPreview;
    previewMore.textContent = "Showing the first " + maxPreview + " of " + flagged.length + " rows; the download has them all.";

    var potential = counts.potential_match > 0;
    banner.className = "banner " + (potential ? "banner-hit" : "banner-clear");
    var heading = document.getElementById("batch-result-heading");
    heading.textContent = potential ? "Potential matches found" : "All clear";
    var counted = counts.potential_match + " potential " + (counts.potential_match === 1 ? "match" : "matches") + ", " +
      counts.clear + " clear" + (counts.error ? ", " + counts.error + " not screened (see the error column)" : "");
    var msg = rows.length + (rows.length === 1 ? " row" : " rows") + " screened: " + counted + ".";
    summary.textContent = msg;

    if (downloadURL) URL.revokeObjectURL(downloadURL);
    downloadURL = URL.createObjectURL(new Blob([text], { type: "text/csv;charset=utf-8" }));
    download.href = downloadURL;
    download.download = fileName.replace(/\.csv$/i, "") + "-screened.csv";
    result.hidden = false;
    done("Screened " + fileName + " in " + formatSeconds(seconds) + ": " + counted + ".");
  }

  function cell(tr, label, text) {
    var td = document.createElement("td");
    td.setAttribute("data-label", label);
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function busy(text) {
    submit.disabled = true;
    form.setAttribute("aria-busy", "true");
    while (status.firstChild) status.removeChild(status.firstChild);
    var p = document.createElement("progress");
    p.setAttribute("aria-label", "Screening");
    status.appendChild(p);
    status.appendChild(el("span", "", text));
  }

  function done(text) {
    submit.disabled = false;
    form.removeAttribute("aria-busy");
    status.textContent = text || "";
  }

  function showError(text) {
    errorBox.textContent = text;
    errorBox.hidden = false;
  }

  function hideError() {
    errorBox.hidden = true;
    errorBox.textContent = "";
  }

  // errorMessage reads the API's {"error": {"code", "message"}} body.
  function errorMessage(resp, text) {
    try {
      var body = JSON.parse(text);
      if (body && body.error && body.error.message) {
        return "The file was not screened (" + resp.status + " " + body.error.code + "): " + body.error.message;
      }
    } catch (e) { /* not JSON */ }
    return "The file was not screened: the service answered " + resp.status + " " + resp.statusText + ".";
  }

  function formatSeconds(s) {
    return s < 1 ? Math.round(s * 1000) + " ms" : s.toFixed(1) + " s";
  }

  function formatBytes(n) {
    if (n < 1024) return n + " bytes";
    if (n < 1024 * 1024) return (n / 1024).toFixed(1) + " KB";
    return (n / 1024 / 1024).toFixed(1) + " MB";
  }

  // parseCSV reads RFC 4180 CSV: quoted fields, doubled quotes, CRLF or LF.
  function parseCSV(text) {
    var rows = [], row = [], field = "", i = 0, quoted = false;
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    for (; i < text.length; i++) {
      var ch = text[i];
      if (quoted) {
        if (ch === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else { quoted = false; }
        } else {
          field += ch;
        }
      } else if (ch === '"') {
        quoted = true;
      } else if (ch === ",") {
        row.push(field); field = "";
      } else if (ch === "\n" || ch === "\r") {
        if (ch === "\r" && text[i + 1] === "\n") i++;
        row.push(field); rows.push(row); row = []; field = "";
      } else {
        field += ch;
      }
    }
    if (field !== "" || row.length) { row.push(field); rows.push(row); }
    return rows;
  }
})();
