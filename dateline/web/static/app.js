// dateline workspace: show the record behind a marked span. Text only (textContent), never HTML.
(function () {
  "use strict";
  var data = document.getElementById("records");
  var panel = document.getElementById("record-panel");
  if (!data || !panel) return;
  var records = JSON.parse(data.textContent);

  function show(keys, target) {
    while (panel.firstChild) panel.removeChild(panel.firstChild);
    document.querySelectorAll(".selected").forEach(function (el) { el.classList.remove("selected"); });
    document.querySelectorAll("li.current").forEach(function (el) { el.classList.remove("current"); });
    if (target) target.classList.add("selected");
    keys.forEach(function (key) {
      var record = records[key];
      if (!record) return;
      var box = document.createElement("dl");
      box.className = "record";
      box.setAttribute("data-key", key);
      Object.keys(record).forEach(function (name) {
        var value = record[name];
        if (value === null || value === undefined || value === "") return;
        if (typeof value === "object") value = Object.keys(value).map(function (k) { return k + "=" + value[k]; }).join(", ");
        var dt = document.createElement("dt");
        dt.textContent = name;
        var dd = document.createElement("dd");
        dd.textContent = String(value);
        box.appendChild(dt);
        box.appendChild(dd);
      });
      panel.appendChild(box);
      var item = document.getElementById(key);
      if (item) item.classList.add("current");
    });
  }

  function pick(event) {
    var el = event.target.closest("[data-r]");
    if (el) show(el.getAttribute("data-r").split(" "), el);
  }
  var text = document.getElementById("text");
  text.addEventListener("mouseover", pick);
  text.addEventListener("click", pick);
  text.addEventListener("focusin", pick);
})();
