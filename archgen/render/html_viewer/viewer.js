// archgen's interactive diagram: pan (drag), zoom (wheel, buttons), click a component
// for its settings and findings. Model text reaches the page only through textContent.
(function () {
  "use strict";
  var components = JSON.parse(document.getElementById("components").textContent);
  var canvas = document.getElementById("canvas");
  var drawing = document.getElementById("drawing");
  var svg = drawing.querySelector("svg");
  var view = { x: 0, y: 0, scale: 1 };
  var MIN = 0.05, MAX = 8;

  function apply() {
    drawing.style.transform =
      "translate(" + view.x + "px," + view.y + "px) scale(" + view.scale + ")";
  }

  function zoomAt(factor, cx, cy) {
    var scale = Math.min(MAX, Math.max(MIN, view.scale * factor));
    // keep the point under (cx, cy) where it is
    view.x = cx - (cx - view.x) * (scale / view.scale);
    view.y = cy - (cy - view.y) * (scale / view.scale);
    view.scale = scale;
    apply();
  }

  function fit() {
    var box = canvas.getBoundingClientRect();
    var width = svg.width.baseVal.value || svg.getBoundingClientRect().width;
    var height = svg.height.baseVal.value || svg.getBoundingClientRect().height;
    view.scale = Math.min(1, box.width / width, box.height / height);
    view.x = (box.width - width * view.scale) / 2;
    view.y = (box.height - height * view.scale) / 2;
    apply();
  }

  function centre() {
    var box = canvas.getBoundingClientRect();
    return [box.width / 2, box.height / 2];
  }

  document.getElementById("zoom-in").addEventListener("click", function () {
    var c = centre();
    zoomAt(1.25, c[0], c[1]);
  });
  document.getElementById("zoom-out").addEventListener("click", function () {
    var c = centre();
    zoomAt(0.8, c[0], c[1]);
  });
  document.getElementById("zoom-fit").addEventListener("click", fit);

  canvas.addEventListener("wheel", function (event) {
    event.preventDefault();
    var box = canvas.getBoundingClientRect();
    zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });

  var drag = null;
  canvas.addEventListener("pointerdown", function (event) {
    drag = { x: event.clientX, y: event.clientY, vx: view.x, vy: view.y, moved: false };
  });
  window.addEventListener("pointermove", function (event) {
    if (!drag) return;
    var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) {
      drag.moved = true;
      canvas.classList.add("dragging");
    }
    view.x = drag.vx + dx;
    view.y = drag.vy + dy;
    apply();
  });
  window.addEventListener("pointerup", function () {
    canvas.classList.remove("dragging");
    // the click that ends a drag does not select
    setTimeout(function () { drag = null; }, 0);
  });

  function show(id) {
    var info = components[id];
    if (!info) return;
    document.getElementById("hint").hidden = true;
    document.getElementById("details").hidden = false;
    document.getElementById("d-title").textContent = info.title;
    document.getElementById("d-id").textContent = info.id;
    document.getElementById("d-kind").textContent = info.kind;
    document.getElementById("d-service").textContent = info.service;
    document.getElementById("d-settings").textContent = info.settings.join(" · ") || "—";
    var list = document.getElementById("d-findings");
    list.replaceChildren();
    if (!info.findings.length) {
      var none = document.createElement("li");
      none.textContent = "none";
      list.appendChild(none);
    }
    info.findings.forEach(function (finding) {
      var item = document.createElement("li");
      var severity = document.createElement("span");
      severity.className = "sev sev-" + finding.severity;
      severity.textContent = finding.severity;
      item.appendChild(severity);
      item.appendChild(document.createTextNode(" " + finding.rule + ": " + finding.message));
      list.appendChild(item);
    });
    drawing.querySelectorAll("g.node.selected").forEach(function (node) {
      node.classList.remove("selected");
    });
    var node = document.getElementById(id);
    if (node) node.classList.add("selected");
  }

  drawing.addEventListener("click", function (event) {
    if (drag && drag.moved) return;
    var node = event.target.closest("g.node");
    if (node) show(node.id);
  });
  canvas.addEventListener("keydown", function (event) {
    var c = centre();
    if (event.key === "+" || event.key === "=") zoomAt(1.25, c[0], c[1]);
    else if (event.key === "-") zoomAt(0.8, c[0], c[1]);
    else if (event.key === "0") fit();
  });
  fit();
})();
