// meetgraph page script: data comes from the JSON block and only ever reaches the DOM
// through textContent or vis-network's canvas, never through innerHTML.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("meetgraph-data").textContent);
  var words = data.words;
  var SVG = "http" + "://www.w3.org/2000/svg"; // a namespace name, not a request
  var FADED_NODE = "#E8E8E8", FADED_EDGE = "#E6E6E6", FADED_TEXT = "#B8B8B8";
  var NODE_TEXT = "#343434"; // vis-network's own label colour

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  // Split and join, not String.replace: its replacement text reads "$&" and "$'" as patterns.
  function fill(template, field, value) { return template.split(field).join(String(value)); }

  // ---- The records vis-network draws, expanded from the compact data
  // (the same as meetgraph.page.expand, which the tests compare with this).

  function nodeRecord(n) {
    return {
      id: n[0], label: n[1], shape: data.shapes[n[2]],
      color: n[3] >= 0 ? data.colors[n[3]] : data.unknown_color,
      size: n[4], x: n[5], y: n[6], names: [n[1]].concat(n[9])
    };
  }

  function nodeTip(n) {
    return [
      ["", n[1]], [words.role, n[8]], [words.sector, n[3] >= 0 ? data.sectors[n[3]] : ""],
      [words.country, n[7]], [words.type, data.types[n[2]]]
    ].filter(function (line) { return line[1]; });
  }

  function curve(nth) {
    if (nth === 0) { return { enabled: false }; }
    return {
      enabled: true, type: nth % 2 ? "curvedCW" : "curvedCCW",
      roundness: 0.15 * Math.floor((nth + 1) / 2)
    };
  }

  // A tip: [key, whose, date, time, kind, evidence, place, topics, why], its empty end left out.
  function whose(tip) {
    if (tip[1] === 0) { return [tip[0], null]; }
    if (tip[1] === 1) { return [null, tip[0]]; }
    return tip[1];
  }

  function edgeRecord(e, number) {
    var style = data.styles[e[2]], tip = data.tips[e[3]], ids = whose(tip);
    var record = {
      id: "e" + number, from: data.nodes[e[0]][0], to: data.nodes[e[1]][0],
      status: data.style_status[e[2]], meeting: ids[0], expectation: ids[1], key: tip[0],
      color: style[0], dashes: style[1] || false, width: style[2], physics: !!style[3],
      smooth: curve(e[4])
    };
    if (style[4]) { record.label = style[4]; }
    return record;
  }

  function edgeTip(e) {
    var tip = data.tips[e[3]];
    var lines = [[words.status, data.style_words[e[2]]], [words.date, tip[2] || words.no_date]];
    if (tip[4] >= 0) { lines.push([words.kind, data.kinds[tip[4]]]); }
    [["place", tip[6]], ["topics", tip[7]], ["why", why(tip)]].forEach(function (pair) {
      if (pair[1]) { lines.push([words[pair[0]], pair[1]]); }
    });
    (tip[5] || []).forEach(function (evidence) {
      var cited = data.credits[evidence[1]];
      var quote = "\u201c" + evidence[0] + "\u201d";
      lines.push([words.evidence, cited ? quote + " \u2014 " + cited : quote]);
    });
    return lines;
  }

  function why(tip) {
    var text = tip[8];
    return Array.isArray(text) ? data.prefixes[text[0]] + text[1] : text;
  }

  // An actor and the organisation it belongs to: a faint line, hidden when not asked for.
  function affiliationRecord(pair, number) {
    var style = data.affiliation_style;
    return {
      id: "a" + number, from: data.nodes[pair[0]][0], to: data.nodes[pair[1]][0], affiliation: true,
      color: style[0], width: style[1], dashes: false, physics: false, smooth: { enabled: false },
      hidden: !data.show_affiliations
    };
  }

  var nodeRecords = data.nodes.map(nodeRecord);
  var edgeRecords = data.edges.map(edgeRecord);
  var affiliationRecords = (data.affiliations || []).map(affiliationRecord);
  var nodeNumber = {};
  nodeRecords.forEach(function (record, number) { nodeNumber[record.id] = number; });

  // ---- Legend

  function legend(spec) {
    var box = document.getElementById("meetgraph-legend");
    box.appendChild(el("summary", null, spec.title));
    // A small frame (an ego graph beside another) starts with the legend folded.
    if (window.innerHeight < 500 && !data.standalone) { box.open = false; }
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
          row.appendChild(lineSample(item));
        }
        row.appendChild(el("span", null, item.label));
        list.appendChild(row);
      });
      part.appendChild(list);
    });
  }

  function lineSample(item) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "meetgraph-line");
    svg.setAttribute("width", "36");
    svg.setAttribute("height", "12");
    svg.setAttribute("aria-hidden", "true");
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
    return svg;
  }
  legend(data.legend);

  // ---- The network

  var nodes = new vis.DataSet(nodeRecords);
  var edges = new vis.DataSet(edgeRecords.concat(affiliationRecords));
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
  function tipLines(kind, id) {
    if (kind === "node") { return nodeTip(data.nodes[nodeNumber[id]]); }
    if (String(id).charAt(0) === "a") {
      var pair = data.affiliations[Number(String(id).slice(1))];
      return [[words.affiliation, data.nodes[pair[0]][1] + " \u2192 " + data.nodes[pair[1]][1]]];
    }
    return edgeTip(data.edges[Number(String(id).slice(1))]);
  }
  var tip = el("div", "vis-tooltip");
  document.getElementById("meetgraph-main").appendChild(tip);
  function showTip(lines, x, y) {
    tip.replaceChildren(tooltip(lines));
    tip.style.left = (x + 12) + "px";
    tip.style.top = (y + 12) + "px";
    tip.style.visibility = "visible";
  }
  function hideTip() { tip.style.visibility = "hidden"; }
  network.on("hoverNode", function (p) { showTip(tipLines("node", p.node), p.pointer.DOM.x, p.pointer.DOM.y); });
  network.on("hoverEdge", function (p) { showTip(tipLines("edge", p.edge), p.pointer.DOM.x, p.pointer.DOM.y); });
  ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });
  window.meetgraphNetwork = network;
  window.meetgraphData = { nodes: nodeRecords, edges: edgeRecords, affiliations: affiliationRecords };
  window.meetgraphTooltip = tipLines;

  // ---- Search

  var input = document.getElementById("meetgraph-search-input");
  var status = document.getElementById("meetgraph-search-status");

  function find(query) {
    var q = query.trim().toLowerCase();
    if (!q) { return null; }
    var best = null, bestRank = 3;
    nodeRecords.forEach(function (node) {
      node.names.forEach(function (name) {
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

  // ---- The story: one step highlighted, the rest faded

  var story = data.story;
  var current = null;

  function highlight(numbers) {
    var keepEdges = {}, keepNodes = {};
    (numbers || []).forEach(function (n) {
      keepEdges[n] = true;
      keepNodes[data.edges[n][0]] = true;
      keepNodes[data.edges[n][1]] = true;
    });
    var markColor = data.options.edges.font.color;
    nodes.update(nodeRecords.map(function (record, i) {
      var on = !numbers || keepNodes[i];
      return { id: record.id, color: on ? record.color : FADED_NODE, font: { color: on ? NODE_TEXT : FADED_TEXT } };
    }));
    edges.update(edgeRecords.map(function (record, i) {
      var on = !numbers || keepEdges[i];
      return {
        id: record.id, color: on ? record.color : FADED_EDGE,
        width: numbers && on ? record.width + 2 : record.width,
        font: { color: on ? markColor : FADED_EDGE }
      };
    }));
  }

  function stepPanel(step, number) {
    var panel = document.getElementById("meetgraph-step");
    if (!panel) { return; }
    if (step === null) { panel.hidden = true; panel.replaceChildren(); return; }
    // The count is beside the buttons; here it is for screen readers, which hear the panel.
    var parts = [el("p", "meetgraph-sr-only", stepCount(number)), el("h2", null, step.title)];
    var when = [step.when, step.place, step.status].filter(function (part) { return part; });
    parts.push(el("p", "meetgraph-step-when", when.join(" \u00b7 ")));
    if (step.lines.length) {
      var list = el("ul");
      step.lines.forEach(function (line) { if (line) { list.appendChild(el("li", null, line)); } });
      parts.push(list);
    }
    step.quotes.forEach(function (quote) {
      var block = el("blockquote", null, "\u201c" + quote[0] + "\u201d");
      if (quote[1]) { block.appendChild(el("div", "meetgraph-cite", "\u2014 " + quote[1])); }
      parts.push(block);
    });
    panel.replaceChildren.apply(panel, parts);
    panel.hidden = false;
  }

  function stepCount(number) {
    return fill(fill(words["story.step"], "{number}", number + 1), "{total}", story.steps.length);
  }

  function control(name) { return document.getElementById("meetgraph-story-" + name); }

  function showStep(number, moveFocus) {
    if (!story) { return; }
    if (number !== null) { number = Math.max(0, Math.min(story.steps.length - 1, number)); }
    var before = current;
    current = number;
    highlight(number === null ? null : story.steps[number].edges);
    document.body.dataset.step = number === null ? "" : String(number + 1);
    if (!story.controls) { return; }
    stepPanel(number === null ? null : story.steps[number], number);
    var telling = number !== null;
    control("start").hidden = telling;
    ["previous", "count", "next", "stop"].forEach(function (name) { control(name).hidden = !telling; });
    if (telling) {
      control("count").textContent = stepCount(number);
      control("previous").disabled = number === 0;
      control("next").disabled = number === story.steps.length - 1;
    }
    // Keep the keyboard where it was: a button that hides itself would drop the focus.
    if (moveFocus && telling && before === null) { control("next").focus(); }
    if (moveFocus && !telling) { control("start").focus(); }
    try {
      var here = location.pathname + location.search;
      history.replaceState(null, "", telling ? "#step-" + (number + 1) : here);
    } catch (error) { /* a page without history (an iframe's srcdoc) keeps no address */ }
  }

  if (story) {
    var start = story.start;
    var asked = /^#step-(\d{1,6})$/.exec(location.hash);
    if (story.controls && asked) { start = Number(asked[1]) - 1; }
    if (start !== null && start >= 0 && start < story.steps.length) { showStep(start, false); }
  }

  if (story && story.controls) {
    control("start").addEventListener("click", function () { showStep(0, true); });
    control("next").addEventListener("click", function () { showStep(current + 1, true); });
    control("previous").addEventListener("click", function () { showStep(current - 1, true); });
    control("stop").addEventListener("click", function () { showStep(null, true); });
    document.addEventListener("keydown", function (event) {
      if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) { return; }
      var target = event.target;
      if (target && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))) { return; }
      if (event.key === "ArrowRight") {
        showStep(current === null ? 0 : current + 1, false);
      } else if (event.key === "ArrowLeft") {
        if (current === null) { return; }
        showStep(current - 1, false);
      } else if (event.key === "Escape" && current !== null) {
        showStep(null, false);
      } else {
        return;
      }
      event.preventDefault();
    });
  }
  window.meetgraphStep = function () { return current; };

  // ---- A page of its own: the actors to tab through, the table of meetings

  var announce = document.getElementById("meetgraph-announce");

  function actorList() {
    var nav = document.getElementById("meetgraph-actors");
    if (!nav) { return; }
    var heading = el("h2", null, words.actors);
    var list = el("ul");
    // The largest (by the chosen measure) first, then by name.
    var order = data.nodes.map(function (n, i) { return i; });
    order.sort(function (a, b) {
      var byes = data.nodes[b][4] - data.nodes[a][4];
      return byes || (data.nodes[a][1] < data.nodes[b][1] ? -1 : data.nodes[a][1] > data.nodes[b][1] ? 1 : 0);
    });
    order.forEach(function (number) {
      var item = el("li");
      var button = el("button", "meetgraph-actor", data.nodes[number][1]);
      button.type = "button";
      button.dataset.node = String(number);
      item.appendChild(button);
      list.appendChild(item);
    });
    nav.appendChild(heading);
    nav.appendChild(list);
    nav.addEventListener("focusin", function (event) {
      var number = event.target.dataset ? event.target.dataset.node : undefined;
      if (number === undefined) { return; }
      var n = data.nodes[Number(number)];
      network.selectNodes([n[0]]);
      var at = network.canvasToDOM(network.getPosition(n[0]));
      var box = container.getBoundingClientRect();
      if (at.x < 0 || at.y < 0 || at.x > box.width || at.y > box.height) {
        network.focus(n[0], { animation: false });
        at = network.canvasToDOM(network.getPosition(n[0]));
      }
      var lines = nodeTip(n);
      showTip(lines, at.x, at.y);
      announce.textContent = lines.map(function (line) { return line[0] ? line[0] + ": " + line[1] : line[1]; }).join("; ");
      document.body.dataset.focused = n[0];
    });
    nav.addEventListener("focusout", function () {
      network.unselectAll();
      hideTip();
      delete document.body.dataset.focused;
    });
  }

  function meetingTable() {
    var box = document.getElementById("meetgraph-table");
    if (!box) { return; }
    var who = data.tips.map(function () { return []; });
    var statusOf = data.tips.map(function () { return null; });
    data.edges.forEach(function (e) {
      [e[0], e[1]].forEach(function (n) {
        var name = data.nodes[n][1];
        if (who[e[3]].indexOf(name) < 0) { who[e[3]].push(name); }
      });
      if (statusOf[e[3]] === null) { statusOf[e[3]] = data.style_words[e[2]]; }
    });
    var order = data.tips.map(function (t, i) { return i; });
    order.sort(function (a, b) {
      var da = data.tips[a][2] || "\uffff", db = data.tips[b][2] || "\uffff";
      return da < db ? -1 : da > db ? 1 : a - b;
    });
    var shown = order.slice(0, data.table_rows);
    var table = el("table");
    var caption = words.table;
    if (shown.length < order.length) {
      caption += " \u2014 " + fill(fill(words.table_more, "{shown}", shown.length), "{total}", order.length);
    }
    table.appendChild(el("caption", null, caption));
    var head = el("tr");
    ["date", "actors", "status", "kind", "place", "evidence"].forEach(function (key) {
      var cell = el("th", null, words[key]);
      cell.scope = "col";
      head.appendChild(cell);
    });
    var thead = el("thead");
    thead.appendChild(head);
    table.appendChild(thead);
    var tbody = el("tbody");
    shown.forEach(function (number) {
      var t = data.tips[number];
      var row = el("tr");
      var date = (t[2] || words.no_date) + (t[3] ? " " + t[3] : "");
      var quotes = (t[5] || []).map(function (e) {
        var cited = data.credits[e[1]];
        return "\u201c" + e[0] + "\u201d" + (cited ? " \u2014 " + cited : "");
      });
      [date, who[number].join(", "), statusOf[number] || "", t[4] >= 0 ? data.kinds[t[4]] : "",
        t[6] || "", quotes.join(" ")].forEach(function (value) { row.appendChild(el("td", null, value)); });
      tbody.appendChild(row);
    });
    table.appendChild(tbody);
    box.appendChild(table);
    var toggle = document.getElementById("meetgraph-table-toggle");
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? toggle.dataset.hide : toggle.dataset.show;
      box.classList.toggle("meetgraph-sr-only", !open);
    });
  }

  if (data.standalone) {
    actorList();
    meetingTable();
  }
})();
