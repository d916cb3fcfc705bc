/* archgen: a diagram opens zoomable in the page: the wheel zooms around the pointer,
   dragging pans, a double click fits it again, Esc or the close button closes it.
   Written for archgen's pages; no library, nothing fetched but the diagram itself. */
(function () {
  "use strict";

  function open(src, label) {
    var overlay = document.createElement("div");
    overlay.className = "ag-zoom";
    overlay.setAttribute("role", "dialog");
    overlay.setAttribute("aria-modal", "true");
    overlay.setAttribute("aria-label", label || "Diagram");
    var image = document.createElement("img");
    image.className = "ag-zoom-image";
    image.alt = label || "";
    image.draggable = false;
    var close = document.createElement("button");
    close.type = "button";
    close.className = "ag-zoom-close";
    close.title = "Close (Esc)";
    close.setAttribute("aria-label", "Close");
    close.textContent = "\u00d7";
    overlay.appendChild(image);
    overlay.appendChild(close);
    document.body.appendChild(overlay);

    var scale = 1, x = 0, y = 0, drag = null;
    function show() {
      image.style.transform = "translate(" + x + "px, " + y + "px) scale(" + scale + ")";
      image.setAttribute("data-scale", scale.toFixed(3));
      image.setAttribute("data-offset", Math.round(x) + "," + Math.round(y));
    }
    function fit() {
      var width = image.naturalWidth || 1, height = image.naturalHeight || 1;
      scale = Math.min(overlay.clientWidth / width, overlay.clientHeight / height, 1) * 0.95;
      x = (overlay.clientWidth - width * scale) / 2;
      y = (overlay.clientHeight - height * scale) / 2;
      show();
    }
    image.addEventListener("load", fit);
    image.src = src;

    overlay.addEventListener("wheel", function (event) {
      event.preventDefault();
      var next = Math.min(40, Math.max(0.05, scale * Math.exp(-event.deltaY * 0.002)));
      var box = overlay.getBoundingClientRect();
      var px = event.clientX - box.left, py = event.clientY - box.top;
      // keep the point under the pointer where it is
      x = px - (px - x) * (next / scale);
      y = py - (py - y) * (next / scale);
      scale = next;
      show();
    }, { passive: false });
    overlay.addEventListener("pointerdown", function (event) {
      if (event.target === close) return;
      drag = { x: event.clientX - x, y: event.clientY - y };
      overlay.setPointerCapture(event.pointerId);
      overlay.classList.add("ag-zoom-dragging");
    });
    overlay.addEventListener("pointermove", function (event) {
      if (!drag) return;
      x = event.clientX - drag.x;
      y = event.clientY - drag.y;
      show();
    });
    function release() {
      drag = null;
      overlay.classList.remove("ag-zoom-dragging");
    }
    overlay.addEventListener("pointerup", release);
    overlay.addEventListener("pointercancel", release);
    overlay.addEventListener("dblclick", fit);

    function shut() {
      document.removeEventListener("keydown", key);
      overlay.remove();
    }
    function key(event) {
      if (event.key === "Escape") shut();
    }
    close.addEventListener("click", shut);
    document.addEventListener("keydown", key);
    close.focus();
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a.ag-zoomable") : null;
    // a modified click still opens the SVG itself (new tab, download)
    if (!link || event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    var image = link.querySelector("img");
    open(link.href, image ? image.alt : "");
  });
})();
