// Forhåndsvurdering: a little plain JS on top of pages that work without it.
// Upload by drag and drop, live batch progress, and evidence shown on its page without a reload.
"use strict";

// --- upload: drag and drop -------------------------------------------------------------------------
function setUpUpload() {
  const zone = document.getElementById("dropzone");
  const input = document.getElementById("files");
  const list = document.getElementById("chosen");
  if (!zone || !input || !list) return;
  const show = () => {
    list.replaceChildren();
    for (const file of input.files) {
      const li = document.createElement("li");
      const kb = Math.max(1, Math.round(file.size / 1024));
      li.textContent = `${file.name} (${kb.toLocaleString("nb-NO")} kB)`;
      list.appendChild(li);
    }
  };
  input.addEventListener("change", show);
  ["dragenter", "dragover"].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add("over");
  }));
  ["dragleave", "drop"].forEach((type) => zone.addEventListener(type, () => zone.classList.remove("over")));
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      show();
    }
  });
}

// --- batch progress ----------------------------------------------------------------------------------
const ITEM_LABELS = { pending: "Venter", running: "Analyseres", done: "Ferdig", failed: "Feilet" };
const BATCH_LABELS = { queued: "I kø", running: "Analyseres", done: "Ferdig",
  interrupted: "Avbrutt – fortsetter når tjenesten starter igjen" };

function setUpBatch() {
  const box = document.getElementById("batch");
  if (!box) return;
  const url = box.dataset.url;
  const update = (b) => {
    document.getElementById("batch-finished").textContent = b.finished;
    document.getElementById("batch-total").textContent = b.total;
    document.getElementById("batch-failed").textContent = b.failed;
    document.getElementById("batch-status").textContent = BATCH_LABELS[b.status] || b.status;
    document.getElementById("batch-bar").style.width = (b.total ? (100 * b.finished) / b.total : 100) + "%";
    const body = document.getElementById("batch-items");
    body.replaceChildren();
    for (const item of b.items) {
      const tr = document.createElement("tr");
      tr.className = "item-" + item.status;
      const name = document.createElement("td");
      if (item.document_id) {
        const a = document.createElement("a");
        a.href = "/dokumenter/" + encodeURIComponent(item.document_id);
        a.textContent = item.file_name;
        name.appendChild(a);
      } else {
        name.textContent = item.file_name;
      }
      const status = document.createElement("td");
      status.textContent = ITEM_LABELS[item.status] || item.status;
      const message = document.createElement("td");
      message.textContent = item.error_message || "";
      tr.append(name, status, message);
      body.appendChild(tr);
    }
  };
  // Just uploaded (?ny=1) and only one file: go straight to its page when it is done.
  const fresh = new URLSearchParams(window.location.search).get("ny") === "1";
  const poll = async () => {
    try {
      const response = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
      if (response.ok) {
        const b = await response.json();
        update(b);
        if (b.status === "done") {
          if (fresh && b.total === 1 && b.items[0].document_id) {
            window.location.replace("/dokumenter/" + encodeURIComponent(b.items[0].document_id));
          }
          return;
        }
      }
    } catch (err) {
      // The network or the server is down for a moment: try again.
    }
    window.setTimeout(poll, 1500);
  };
  if (box.dataset.status !== "done" || fresh) poll();
}

// --- document page: evidence on its page --------------------------------------------------------------
function setUpViewer() {
  const dataNode = document.getElementById("evidence-data");
  if (!dataNode) return;
  const data = JSON.parse(dataNode.textContent);
  const image = document.getElementById("page-image");
  const inner = document.getElementById("page-inner");
  const frame = document.getElementById("page-frame");
  const label = document.getElementById("page-label");
  const prev = document.getElementById("page-prev");
  const next = document.getElementById("page-next");
  let side = data.side;
  let active = data.active;

  const drawMarks = () => {
    inner.querySelectorAll(".mark").forEach((m) => m.remove());
    let first = null;
    for (const [key, place] of Object.entries(data.located)) {
      if (place.page !== side) continue;
      for (const [x, y, w, h] of place.boxes) {
        const mark = document.createElement("span");
        mark.className = "mark" + (key === active ? " active" : "");
        mark.dataset.key = key;
        mark.style.left = x * 100 + "%";
        mark.style.top = y * 100 + "%";
        mark.style.width = w * 100 + "%";
        mark.style.height = h * 100 + "%";
        inner.appendChild(mark);
        if (key === active && !first) first = mark;
      }
    }
    return first;
  };
  const focusOn = (mark) => {
    if (!mark) return;
    const place = () => {
      frame.scrollTop = Math.max(0, mark.offsetTop - frame.clientHeight / 3);
      frame.scrollLeft = Math.max(0, mark.offsetLeft - 24);
    };
    if (image.complete) place(); else image.addEventListener("load", place, { once: true });
  };
  const zoom = document.getElementById("page-zoom");
  zoom.hidden = false;
  zoom.addEventListener("click", () => {
    const on = frame.classList.toggle("zoomed");
    zoom.textContent = on ? "Forminsk" : "Forstørr";
    zoom.setAttribute("aria-pressed", String(on));
    focusOn(inner.querySelector(".mark.active"));
  });
  const show = (page, key) => {
    side = page;
    active = key || null;
    image.src = `/api/documents/${encodeURIComponent(data.document)}/pages/${page}.png`;
    image.alt = `Side ${page} av dokumentet`;
    label.textContent = `Side ${page} av ${data.pages}`;
    prev.hidden = page <= 1;
    next.hidden = page >= data.pages;
    prev.href = `?side=${page - 1}#visning`;
    next.href = `?side=${page + 1}#visning`;
    document.querySelectorAll("a.evidence").forEach((a) => a.classList.toggle("active", a.dataset.key === active));
    focusOn(drawMarks());
    const params = new URLSearchParams({ side: String(page) });
    if (active) params.set("bevis", active);
    history.replaceState(null, "", "?" + params.toString() + "#visning");
  };
  document.querySelectorAll("a.evidence").forEach((a) => a.addEventListener("click", (event) => {
    event.preventDefault();
    const place = data.located[a.dataset.key];
    show(place ? place.page : Number(a.dataset.page), a.dataset.key);
    if (window.matchMedia("(max-width: 1000px)").matches) {
      document.getElementById("visning").scrollIntoView({ behavior: "smooth" });
    }
  }));
  prev.addEventListener("click", (event) => { event.preventDefault(); if (side > 1) show(side - 1, null); });
  next.addEventListener("click", (event) => { event.preventDefault(); if (side < data.pages) show(side + 1, null); });
  if (active) show(side, active);
}

document.addEventListener("DOMContentLoaded", () => {
  setUpUpload();
  setUpBatch();
  setUpViewer();
});
