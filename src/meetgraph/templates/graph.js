// meetgraph page script: data comes from the JSON block and only ever reaches the DOM
// through textContent or vis-network's canvas, never through innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("meetgraph-data").textContent);
  var SVG = "http" + "://www.w3.org/2000/svg"; // a namespace name, not a request

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function tooltip(lines) {
    var box = el("div", "meetgraph-tip");
    lines.forEach(function (line) {
      if (!line[0]) { box.appendChild(el("div", "meetgraph-tip-title", line[1])); return; }
      var row = el("div", "meetgraph-tip-line");
      row.appendChild(el("span", "meetgraph-tip-key", line[0] + ": "));
      row.appendChild(el("span", "meetgraph-tip-value", line[1]));
      box.appendChild(row);
    });
    return box;
  }


  function legend(spec) {
    var box = document.getElementById("meetgraph-legend");
    box.appendChild(el("summary", null, spec.title));
    // A small frame (an ego graph beside another) starts with the legend folded.
    if (window.innerHeight < 500) { box.open = false; }
    var body = el("div", "meetgraph-legend-body");
    box.appendChild(body);
    spec.sections.forEach(function (section) {
      if (!section.items.length) { return; }
      var part = el("div", "meetgraph-legend-part");
      body.appendChild(part);
      part.appendChild(el("h3", null, section.title));
      var list = el("ul");
      section.items.forEach(function (item) {
        var row = el("li");
        if (item.kind === "color") {
          var swatch = el("span", "meetgraph-swatch");
          swatch.style.backgroundColor = item.color;
          row.appendChild(swatch);
        } else if (item.kind === "glyph") {
          row.appendChild(el("span", "meetgraph-glyph", item.glyph));
        } else {
          var svg = document.createElementNS(SVG, "svg");
          svg.setAttribute("class", "meetgraph-line");
          svg.setAttribute("width", "36");
          svg.setAttribute("height", "12");
          var line = document.createElementNS(SVG, "line");
          line.setAttribute("x1", "1"); line.setAttribute("y1", "6");
          line.setAttribute("x2", "35"); line.setAttribute("y2", "6");
          line.setAttribute("stroke", item.color);
          line.setAttribute("stroke-width", String(item.width));
          if (item.dashes) { line.setAttribute("stroke-dasharray", item.dashes.join(" ")); }
          svg.appendChild(line);
          if (item.mark) {
            var mark = document.createElementNS(SVG, "text");
            mark.setAttribute("x", "18"); mark.setAttribute("y", "10");
            mark.setAttribute("text-anchor", "middle"); mark.setAttribute("font-size", "10");
            mark.setAttribute("fill", item.color);
            mark.textContent = item.mark;
            svg.appendChild(mark);
          }
          row.appendChild(svg);
        }
        row.appendChild(el("span", null, item.label));
        list.appendChild(row);
      });
      part.appendChild(list);
    });
  }
  legend(data.legend);

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("meetgraph-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  network.once("afterDrawing", function () { document.body.dataset.drawn = "true"; });
  if (data.physics) {
    // A brief settling from the server's positions, then the drawing stays still.
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
    });
  }
  // Tooltips are built when shown, not up front: a DOM tree per edge would cost
  // seconds on a large graph. The box reuses vis-network's tooltip class.
  var tips = { node: {}, edge: {} };
  data.nodes.forEach(function (node) { tips.node[node.id] = node.tooltip || []; });
  data.edges.forEach(function (edge) { tips.edge[edge.id] = edge.tooltip || []; });
  var tip = el("div", "vis-tooltip");
  document.getElementById("meetgraph-main").appendChild(tip);
  function showTip(lines, pointer) {
    tip.replaceChildren(tooltip(lines));
    tip.style.left = (pointer.DOM.x + 12) + "px";
    tip.style.top = (pointer.DOM.y + 12) + "px";
    tip.style.visibility = "visible";
  }
  function hideTip() { tip.style.visibility = "hidden"; }
  network.on("hoverNode", function (p) { showTip(tips.node[p.node], p.pointer); });
  network.on("hoverEdge", function (p) { showTip(tips.edge[p.edge], p.pointer); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });
  window.meetgraphNetwork = network;
  window.meetgraphData = { nodes: data.nodes, edges: data.edges };

  var words = data.words;
  var input = document.getElementById("meetgraph-search-input");
  var status = document.getElementById("meetgraph-search-status");
  input.placeholder = words.search;
  input.setAttribute("aria-label", words.search);
  document.getElementById("meetgraph-search-button").textContent = words.search_button;

  // Split and join, not String.replace: its replacement text reads "$&" and "$'" as patterns.
  function fill(template, field, value) { return template.split(field).join(String(value)); }

  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var best = null, bestRank = 3;
    data.nodes.forEach(function (node) {
      (node.names || [node.label]).forEach(function (name) {
        var n = String(name).toLowerCase();
        var rank = n === q ? 0 : (n.indexOf(q) === 0 ? 1 : (n.indexOf(q) >= 0 ? 2 : 3));
        if (rank < bestRank) { best = node; bestRank = rank; }
      });
    });
    return best;
  }

  document.getElementById("meetgraph-search").addEventListener("submit", function (event) {
    event.preventDefault();
    var node = find(input.value);
    if (!node) {
      network.unselectAll();
      status.textContent = fill(words.not_found, "{query}", input.value.trim());
      return;
    }
    network.selectNodes([node.id]);
    network.focus(node.id, { scale: 1.2, animation: false });
    status.textContent = fill(words.found, "{name}", node.label);
    document.body.dataset.found = node.id;
  });
})();
