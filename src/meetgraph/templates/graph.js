// meetgraph drawing script, shared by the exported page and the app's component: data only
// ever reaches the DOM through textContent or vis-network's canvas, never through innerHTML.
(function (global) {
  "use strict";
  var SVG = "http" + "://www.w3.org/2000/svg"; // a namespace name, not a request
  var FADED_NODE = "#E8E8E8", FADED_EDGE = "#E6E6E6", FADED_TEXT = "#B8B8B8";
  var NODE_TEXT = "#343434"; // vis-network's own label colour
  var FOCUS_BORDER = "#111111", FOCUS_BORDER_WIDTH = 4;
  var NARROW = 480; // px of drawing (a phone's): below this a tooltip is a panel under the graph
  var MARGIN = 8; // px a floating tooltip keeps from the window's edges
  var ZOOM_STEP = 1.25;
  var CLICK_DELAY = 250; // ms: a click waits to see whether it is half of a double click

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function button(id, text, label) {
    var b = el("button", null, text);
    b.id = id;
    b.type = "button";
    if (label) { b.setAttribute("aria-label", label); b.title = label; }
    return b;
  }

  // Split and join, not String.replace: its replacement text reads "$&" and "$'" as patterns.
  function fill(template, field, value) { return template.split(field).join(String(value)); }

  // The parts of the drawing a page of its own writes in its HTML, made here when missing
  // (in the app, where the component starts from an empty element).
  function skeleton(root, words) {
    if (!root.querySelector("#meetgraph-toolbar")) {
      var toolbar = el("div");
      toolbar.id = "meetgraph-toolbar";
      var form = el("form");
      form.id = "meetgraph-search";
      form.setAttribute("role", "search");
      var input = el("input");
      input.id = "meetgraph-search-input";
      input.type = "search";
      input.autocomplete = "off";
      input.placeholder = words.search;
      input.setAttribute("aria-label", words.search);
      var submit = el("button", null, words.search_button);
      submit.id = "meetgraph-search-button";
      submit.type = "submit";
      var status = el("span");
      status.id = "meetgraph-search-status";
      status.setAttribute("role", "status");
      form.appendChild(input);
      form.appendChild(submit);
      form.appendChild(status);
      toolbar.appendChild(form);
      root.appendChild(toolbar);
    }
    if (!root.querySelector("#meetgraph-view-controls")) {
      var group = el("div");
      group.id = "meetgraph-view-controls";
      group.setAttribute("role", "group");
      group.setAttribute("aria-label", words.view_controls);
      group.appendChild(button("meetgraph-fit", words.fit, words.fit_help));
      group.appendChild(button("meetgraph-zoom-in", "+", words.zoom_in));
      group.appendChild(button("meetgraph-zoom-out", "\u2212", words.zoom_out));
      root.querySelector("#meetgraph-toolbar").appendChild(group);
    }
    if (!root.querySelector("#meetgraph-main")) {
      var main = el("div");
      main.id = "meetgraph-main";
      var network = el("div");
      network.id = "meetgraph-network";
      var legendBox = el("details");
      legendBox.id = "meetgraph-legend";
      legendBox.open = true;
      main.appendChild(network);
      main.appendChild(legendBox);
      root.appendChild(main);
    }
    if (!root.querySelector("#meetgraph-tip-panel")) {
      var panel = el("section");
      panel.id = "meetgraph-tip-panel";
      panel.setAttribute("aria-live", "polite");
      panel.hidden = true;
      var legendPart = root.querySelector("#meetgraph-legend");
      legendPart.parentNode.insertBefore(panel, legendPart);
    }
  }

  // Draws `first` (the data of meetgraph.page.page_model) into `root`; returns the drawing,
  // whose update(data, state) draws new data in place, keeping the camera.
  // hooks: drawn() after each drawing of new data, select(id or null), focus(id).
  function mount(root, first, hooks) {
    var data = first;
    var words = data.words;
    var state = { selected: null, focus: null };
    hooks = hooks || {};
    skeleton(root, words);

    function part(id) { return root.querySelector("#" + id); }

    // ---- The records vis-network draws, expanded from the compact data
    // (the same as meetgraph.page.expand, which the tests compare with this).

    // What the filters leave out, drawn for context (page.py's "faded"): numbers as keys.
    var fadedNodes, fadedEdges;

    function nodeRecord(n, number) {
      var record = {
        id: n[0], label: n[1], shape: data.shapes[n[2]],
        color: n[3] >= 0 ? data.colors[n[3]] : data.unknown_color,
        size: n[4], x: n[5], y: n[6], names: [n[1]].concat(n[9])
      };
      if (fadedNodes[number]) { record.faded = true; record.color = FADED_NODE; record.font = { color: FADED_TEXT }; }
      return record;
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
      if (fadedEdges[number]) { record.faded = true; record.color = FADED_EDGE; record.font = { color: FADED_EDGE }; }
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

    var nodeRecords, edgeRecords, affiliationRecords, nodeNumber;
    function expandData() {
      fadedNodes = {}; fadedEdges = {};
      (data.faded ? data.faded.nodes : []).forEach(function (i) { fadedNodes[i] = true; });
      (data.faded ? data.faded.edges : []).forEach(function (i) { fadedEdges[i] = true; });
      nodeRecords = data.nodes.map(nodeRecord);
      edgeRecords = data.edges.map(edgeRecord);
      affiliationRecords = (data.affiliations || []).map(affiliationRecord);
      nodeNumber = {};
      nodeRecords.forEach(function (record, number) { nodeNumber[record.id] = number; });
    }
    expandData();

    // ---- Legend

    function legend(spec) {
      var box = part("meetgraph-legend");
      var wasOpen = box.dataset.built ? box.open : null;
      box.replaceChildren(el("summary", null, spec.title));
      box.dataset.built = "true";
      // A small frame (an ego graph beside another) starts with the legend folded.
      if (wasOpen === null && window.innerHeight < 500 && !data.standalone) { box.open = false; }
      var body = el("div", "meetgraph-legend-body");
      box.appendChild(body);
      spec.sections.forEach(function (section) {
        if (!section.items.length) { return; }
        var legendPart = el("div", "meetgraph-legend-part");
        body.appendChild(legendPart);
        legendPart.appendChild(el("h3", null, section.title));
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
        legendPart.appendChild(list);
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

    // ---- The looks the story and the focus give: an actor or a meeting of the step shown
    // (``numbers``: the step's edges, ``kept``: its items by number), the rest faded.

    function nodeLook(record, i, numbers, kept) {
      var on = !numbers || kept[i];
      var fillColor = on ? record.color : FADED_NODE;
      var focused = record.id === state.focus;
      var ring = { background: fillColor, border: FOCUS_BORDER };
      return {
        id: record.id, font: { color: on && !record.faded ? NODE_TEXT : FADED_TEXT },
        color: focused ? { background: fillColor, border: FOCUS_BORDER, highlight: ring, hover: ring } : fillColor,
        borderWidth: focused ? FOCUS_BORDER_WIDTH : 1
      };
    }

    function edgeLook(record, i, numbers, kept) {
      var on = !numbers || kept[i];
      return {
        id: record.id, color: on ? record.color : FADED_EDGE,
        width: numbers && on ? record.width + 2 : record.width,
        font: { color: on && !record.faded ? data.options.edges.font.color : FADED_EDGE }
      };
    }

    // ---- The network

    // Each item's look (the story's step, the focused actor), as last sent: decorate() sends
    // only the looks that change, since vis-network re-reads every option of an updated item
    // (0.7 s for the 12,000 edges of a 1,000-actor drawing, at every drawing of new data).
    var sent = { nodes: {}, edges: {} };

    // Records with their looks before any step: what vis-network is given for new data.
    function looked(records, lookOf, seen) {
      return records.map(function (record, i) {
        var look = lookOf(record, i, null, {});
        seen[record.id] = JSON.stringify(look);
        return Object.assign({}, record, look);
      });
    }

    var nodes = new vis.DataSet(looked(nodeRecords, nodeLook, sent.nodes));
    var edges = new vis.DataSet(looked(edgeRecords, edgeLook, sent.edges).concat(affiliationRecords));
    var container = part("meetgraph-network");
    var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
    var newData = true;
    network.on("afterDrawing", function () {
      if (newData) { newData = false; if (hooks.drawn) { hooks.drawn(); } }
    });
    function settle() {
      if (!data.physics) { return; }
      // A brief settling from the server's positions, then the drawing stays still.
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
      });
    }
    settle();

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
    part("meetgraph-main").appendChild(tip);
    var panel = part("meetgraph-tip-panel");

    function narrow() { return root.clientWidth < NARROW; }

    // x, y: the point in the drawing. A floating box is kept inside the window, beside the
    // pointer; a narrow drawing shows the lines in a panel of its width under the graph.
    function showTip(lines, x, y) {
      if (narrow()) {
        hideTip();
        panel.replaceChildren(tooltip(lines));
        panel.hidden = false;
        return;
      }
      var frame = container.getBoundingClientRect();
      var px = frame.left + x, py = frame.top + y;
      tip.replaceChildren(tooltip(lines));
      tip.style.left = "0px";
      tip.style.top = "0px";
      tip.style.visibility = "visible";
      var width = tip.offsetWidth, height = tip.offsetHeight;
      var right = document.documentElement.clientWidth - MARGIN;
      var bottom = window.innerHeight - MARGIN;
      var left = px + 12 + width <= right ? px + 12 : px - 12 - width;
      var top = py + 12 + height <= bottom ? py + 12 : bottom - height;
      tip.style.left = Math.max(MARGIN, Math.min(left, right - width)) + "px";
      tip.style.top = Math.max(MARGIN, top) + "px";
    }
    function hideTip() { tip.style.visibility = "hidden"; }
    function hidePanel() { panel.hidden = true; panel.replaceChildren(); }
    network.on("hoverNode", function (p) { showTip(tipLines("node", p.node), p.pointer.DOM.x, p.pointer.DOM.y); });
    network.on("hoverEdge", function (p) { showTip(tipLines("edge", p.edge), p.pointer.DOM.x, p.pointer.DOM.y); });
    ["blurNode", "blurEdge", "dragStart", "zoom"].forEach(function (name) { network.on(name, hideTip); });

    // ---- Clicks: a click selects (and, on a phone, shows its lines), a double click focuses.

    var clickTimer = null;
    network.on("click", function (p) {
      if (clickTimer !== null) { clearTimeout(clickTimer); }
      var node = p.nodes.length ? p.nodes[0] : null;
      var edge = !node && p.edges.length ? p.edges[0] : null;
      if (node) { showPanelOnNarrow(tipLines("node", node), p); }
      else if (edge) { showPanelOnNarrow(tipLines("edge", edge), p); }
      else { hidePanel(); }
      if (edge || !hooks.select) { return; }
      clickTimer = setTimeout(function () {
        clickTimer = null;
        state.selected = node;
        hooks.select(node);
      }, CLICK_DELAY);
    });
    network.on("doubleClick", function (p) {
      if (clickTimer !== null) { clearTimeout(clickTimer); clickTimer = null; }
      if (!p.nodes.length || !hooks.focus) { return; }
      state.focus = p.nodes[0];
      decorate();
      hooks.focus(p.nodes[0]);
    });
    function showPanelOnNarrow(lines, p) {
      if (narrow()) { showTip(lines, p.pointer.DOM.x, p.pointer.DOM.y); }
    }

    // ---- The camera: fit and zoom buttons

    part("meetgraph-fit").addEventListener("click", function () {
      network.fit({ animation: false });
      network.unselectAll();
      hideTip();
      applySelection();
    });
    function zoom(factor) {
      network.moveTo({ scale: network.getScale() * factor, animation: false });
      hideTip();
    }
    part("meetgraph-zoom-in").addEventListener("click", function () { zoom(ZOOM_STEP); });
    part("meetgraph-zoom-out").addEventListener("click", function () { zoom(1 / ZOOM_STEP); });

    // ---- Search: every match, best first; Enter again goes to the next one.

    var input = part("meetgraph-search-input");
    var status = part("meetgraph-search-status");
    var search = { query: null, matches: [], at: -1 };

    function findAll(query) {
      var q = query.toLowerCase();
      var found = [];
      nodeRecords.forEach(function (node, order) {
        var rank = 3;
        node.names.forEach(function (name) {
          var n = String(name).toLowerCase();
          rank = Math.min(rank, n === q ? 0 : (n.indexOf(q) === 0 ? 1 : (n.indexOf(q) >= 0 ? 2 : 3)));
        });
        if (rank < 3) { found.push([rank, order, node]); }
      });
      found.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
      return found.map(function (f) { return f[2]; });
    }

    part("meetgraph-search").addEventListener("submit", function (event) {
      event.preventDefault();
      var query = input.value.trim();
      if (!query) { return; }
      if (query === search.query && search.matches.length) {
        search.at = (search.at + 1) % search.matches.length;
      } else {
        search = { query: query, matches: findAll(query), at: 0 };
      }
      if (!search.matches.length) {
        network.unselectAll();
        status.textContent = fill(words.not_found, "{query}", query);
        return;
      }
      var node = search.matches[search.at];
      network.selectNodes([node.id]);
      network.focus(node.id, { scale: 1.2, animation: false });
      status.textContent = search.matches.length === 1 ? fill(words.found, "{name}", node.label)
        : fill(fill(fill(words.found_of, "{name}", node.label), "{number}", search.at + 1),
          "{total}", search.matches.length);
      root.dataset.found = node.id;
      if (root !== document.body) { document.body.dataset.found = node.id; }
    });

    // ---- The story: one step highlighted, the rest faded; the focused actor outlined.

    var story = data.story;
    var current = null;

    function decorate() {
      var numbers = current === null || !story ? null : story.steps[current].edges;
      var keep = { edges: {}, nodes: {} };
      (numbers || []).forEach(function (n) {
        keep.edges[n] = true;
        keep.nodes[data.edges[n][0]] = true;
        keep.nodes[data.edges[n][1]] = true;
      });
      nodes.update(changedLooks(nodeRecords, nodeLook, numbers, keep.nodes, sent.nodes));
      edges.update(changedLooks(edgeRecords, edgeLook, numbers, keep.edges, sent.edges));
    }

    function changedLooks(records, lookOf, numbers, kept, seen) {
      var changed = [];
      records.forEach(function (record, i) {
        var look = lookOf(record, i, numbers, kept);
        var key = JSON.stringify(look);
        if (seen[record.id] !== key) { seen[record.id] = key; changed.push(look); }
      });
      return changed;
    }

    function stepPanel(step, number) {
      var box = part("meetgraph-step");
      if (!box) { return; }
      if (step === null) { box.hidden = true; box.replaceChildren(); return; }
      // The count is beside the buttons; here it is for screen readers, which hear the panel.
      var parts = [el("p", "meetgraph-sr-only", stepCount(number)), el("h2", null, step.title)];
      var when = [step.when, step.place, step.status].filter(function (text) { return text; });
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
      box.replaceChildren.apply(box, parts);
      box.hidden = false;
    }

    function stepCount(number) {
      return fill(fill(words["story.step"], "{number}", number + 1), "{total}", story.steps.length);
    }

    function control(name) { return part("meetgraph-story-" + name); }

    function showStep(number, moveFocus) {
      if (number !== null && story) { number = Math.max(0, Math.min(story.steps.length - 1, number)); }
      var before = current;
      current = story ? number : null;
      decorate();
      root.dataset.step = current === null ? "" : String(current + 1);
      if (!story || !story.controls) { return; }
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

    function startStep() {
      if (!story) { return null; }
      var start = story.start;
      var asked = /^#step-(\d{1,6})$/.exec(location.hash);
      if (story.controls && asked) { start = Number(asked[1]) - 1; }
      return start !== null && start >= 0 && start < story.steps.length ? start : null;
    }
    showStep(startStep(), false);

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

    // ---- A page of its own: the actors to tab through, the table of meetings

    var announce = part("meetgraph-announce");

    function actorList() {
      var nav = part("meetgraph-actors");
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
        var actor = el("button", "meetgraph-actor", data.nodes[number][1]);
        actor.type = "button";
        actor.dataset.node = String(number);
        item.appendChild(actor);
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
      var box = part("meetgraph-table");
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
      var toggle = part("meetgraph-table-toggle");
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

    // ---- New data, drawn in place: the same network, its camera kept.

    function applySelection() {
      if (state.selected !== null && nodes.get(state.selected)) {
        network.selectNodes([state.selected]);
      } else {
        network.unselectAll();
      }
    }

    function setState(next) {
      state.selected = next && next.selected ? String(next.selected) : null;
      state.focus = next && next.focus ? String(next.focus) : null;
    }

    function update(next, nextState) {
      setState(nextState);
      if (next !== data) {
        var options = JSON.stringify(next.options) !== JSON.stringify(data.options);
        data = next;
        words = data.words;
        story = data.story;
        expandData();
        var keep = {};
        nodeRecords.forEach(function (record) { keep[record.id] = true; });
        nodes.remove(nodes.getIds().filter(function (id) { return !keep[id]; }));
        nodes.update(looked(nodeRecords, nodeLook, sent.nodes));
        // Edges are numbered per view: new records, not old ones updated (a mark would stay).
        edges.clear();
        sent.edges = {};
        edges.add(looked(edgeRecords, edgeLook, sent.edges).concat(affiliationRecords));
        legend(data.legend);
        if (options) { network.setOptions(data.options); settle(); }
        search = { query: null, matches: [], at: -1 };
        status.textContent = "";
        hideTip();
        hidePanel();
        newData = true;
        current = null;
        showStep(startStep(), false);
        network.redraw();
      } else {
        decorate();
      }
      applySelection();
      publish();
    }

    function publish() {
      global.meetgraphNetwork = network;
      global.meetgraphData = { nodes: nodeRecords, edges: edgeRecords, affiliations: affiliationRecords };
      global.meetgraphTooltip = tipLines;
      global.meetgraphStep = function () { return current; };
    }
    publish();

    return {
      update: update,
      setState: function (next) { setState(next); decorate(); applySelection(); },
      destroy: function () { network.destroy(); root.replaceChildren(); }
    };
  }

  // ---- The app's component (Streamlit components v2): `component` is what Streamlit
  // hands the component's function. Its data: {page: page model, height, selected, focus},
  // or {base: id, view: the view's part, ...} in place of the page: a view of the base
  // the "meetgraph_base" element keeps (component_base.js), joined here.
  // Streamlit calls the function again with each new data on the same element: the
  // drawing is kept there, and dropped only when the element leaves the page.

  var drawings = new WeakMap();

  // Numbers as page.py's _pack writes them: a bitmap in base64 (bit i of byte i >> 3,
  // lowest first), or a list as is.
  function unpack(packed) {
    if (typeof packed !== "string") { return packed.slice(); }
    var bytes = atob(packed), numbers = [];
    for (var i = 0; i < bytes.length; i++) {
      var byte = bytes.charCodeAt(i);
      for (var bit = 0; bit < 8; bit++) { if (byte >> bit & 1) { numbers.push(i * 8 + bit); } }
    }
    return numbers;
  }

  // A view's page model from the base's and the view's part: as meetgraph.page.join_view.
  function joinView(base, view) {
    var model = Object.assign({}, base, view.model);
    var chosen = unpack(view.nodes), numbers = {};
    model.nodes = chosen.map(function (at, number) {
      numbers[at] = number;
      var row = base.nodes[at].slice();
      if (view.sizes) { row[4] = view.sizes[number]; }
      return row;
    });
    (view.moved || []).forEach(function (m) { model.nodes[m[0]][5] = m[1]; model.nodes[m[0]][6] = m[2]; });
    var seen = {}, chosenEdges = unpack(view.edges), shown = {};
    chosenEdges.forEach(function (at, number) { shown[at] = number; });
    model.edges = chosenEdges.map(function (at) {
      var e = base.edges[at], a = numbers[e[0]], b = numbers[e[1]];
      var pair = Math.min(a, b) + "," + Math.max(a, b);
      seen[pair] = pair in seen ? seen[pair] + 1 : 0;
      return [a, b, e[2], e[3], seen[pair]];
    });
    model.affiliations = view.affiliations || base.affiliations.filter(function (p) {
      return p[0] in numbers && p[1] in numbers;
    }).map(function (p) { return [numbers[p[0]], numbers[p[1]]]; });
    model.faded = { nodes: unpack(view.faded.nodes), edges: unpack(view.faded.edges) };
    // A step given as a number is the base's step, on the view's edges.
    model.story = !view.story ? null : Object.assign({}, view.story, {
      steps: view.story.steps.map(function (step) {
        if (typeof step !== "number") { return step; }
        var told = base.story.steps[step];
        var edges = told.edges.filter(function (at) { return at in shown; })
          .map(function (at) { return shown[at]; }).sort(function (a, b) { return a - b; });
        return Object.assign({}, told, { edges: edges });
      })
    });
    return model;
  }

  function component(streamlit) {
    var parent = streamlit.parentElement;
    var payload = streamlit.data || {};
    var held = drawings.get(parent);
    if (!held) {
      var root = el("div", "meetgraph meetgraph-component");
      root.setAttribute("data-meetgraph-graph", "");
      root.dataset.drawn = "0";
      parent.appendChild(root);
      held = { root: root, drawing: null, component: streamlit, shown: null };
      drawings.set(parent, held);
    }
    held.component = streamlit;
    // The page's first run ends with the graph: once drawn, it asks for the rest (a rerun).
    held.askRest = Boolean(payload.ask_rest);
    var hooks = {
      drawn: function () {
        held.root.dataset.drawn = String(Number(held.root.dataset.drawn) + 1);
        if (held.askRest) { held.askRest = false; held.component.setTriggerValue("drawn", true); }
      },
      select: function (id) { held.component.setTriggerValue("select", id === null ? "" : id); },
      focus: function (id) { held.component.setTriggerValue("focus", id); }
    };
    if (payload.height) { held.root.style.setProperty("--meetgraph-height", String(payload.height)); }
    var state = { selected: payload.selected, focus: payload.focus };
    var page = payload.page, bases = global.meetgraphBases || {};
    if (!page && payload.view) {
      if (!bases[payload.base]) {
        // The base's element comes first, but its module may run later: wait for it.
        var waiting = function (event) {
          if (event.detail !== payload.base) { return; }
          global.removeEventListener("meetgraph-base", waiting);
          component(streamlit);
        };
        global.addEventListener("meetgraph-base", waiting);
        return function () { global.removeEventListener("meetgraph-base", waiting); };
      }
      page = joinView(bases[payload.base], payload.view);
    }
    // The same page model as before (only the selection changed): no new drawing.
    var model = JSON.stringify(payload.page || [payload.base, payload.view]);
    if (!page) {
      held.root.hidden = true;
    } else if (!held.drawing) {
      held.root.hidden = false;
      held.drawing = mount(held.root, page, hooks);
      held.drawing.setState(state);
    } else if (model === held.shown) {
      held.drawing.setState(state);
    } else {
      held.root.hidden = false;
      held.drawing.update(page, state);
    }
    held.shown = model;
    return function () {
      setTimeout(function () {
        if (!parent.isConnected && held.drawing) {
          held.drawing.destroy();
          held.drawing = null;
          drawings.delete(parent);
        }
      }, 0);
    };
  }

  global.meetgraphGraph = { mount: mount, component: component, joinView: joinView };
  try { global.dispatchEvent(new Event("meetgraph-ready")); } catch (error) { /* no window events */ }

  // ---- A page of its own (or an iframe's page): its data is in a JSON block.
  var block = document.getElementById("meetgraph-data");
  if (block) {
    mount(document.body, JSON.parse(block.textContent), {
      drawn: function () { document.body.dataset.drawn = "true"; }
    });
  }
})(window);
