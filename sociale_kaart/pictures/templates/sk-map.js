/* sociale_kaart: draw the maps of a page. Static code: data comes from JSON. */
(function () {
  "use strict";

  function textTitle(text) {
    var div = document.createElement("div");
    div.className = "sk-tip";
    div.textContent = text;
    return div;
  }

  function has(list, value) {
    return Array.isArray(list) && list.indexOf(value) !== -1;
  }

  // ------------------------------------------------------------------ the search box
  // The data comes from pictures/search.py; the rules are find_offers' (referral/directory.py).
  function norm(value) {
    return String(value).trim().toLowerCase().replace(/[\s\-]+/g, "_");
  }

  function fill(template, n, value) {
    return template.replace("{n}", String(n)).replace("{value}", String(value));
  }

  function haversine(radius, lat1, lon1, lat2, lon2) {
    var rad = Math.PI / 180;
    var p1 = lat1 * rad;
    var p2 = lat2 * rad;
    var dp = p2 - p1;
    var dl = (lon2 - lon1) * rad;
    var h = Math.pow(Math.sin(dp / 2), 2) + Math.cos(p1) * Math.cos(p2) * Math.pow(Math.sin(dl / 2), 2);
    return 2 * radius * Math.asin(Math.min(1, Math.sqrt(h)));
  }

  function themeCodes(search, query) {
    var q = norm(query);
    var exact = search.themes.filter(function (t) {
      return t.words.indexOf(q) !== -1;
    });
    var found = exact.length ? exact : search.themes.filter(function (t) {
      return t.words.some(function (w) {
        return w.indexOf(q) !== -1;
      });
    });
    return found.map(function (t) {
      return t.code;
    });
  }

  function nearPoint(search, query) {
    var postcode = /^\s*([1-9][0-9]{3})\s*([A-Za-z]{2})?\s*$/.exec(query);
    var key = postcode ? (postcode[1] + (postcode[2] || "")).toLowerCase() : norm(query);
    for (var i = 0; i < search.places.length; i++) {
      var p = search.places[i];
      if (p.key === key && Boolean(p.postcode) === Boolean(postcode)) {
        return p;
      }
    }
    return null;
  }

  var RANK = { yes: 0, unknown: 1, no: 2 };

  function setUpSearch(box, search, network, nodes) {
    var panel = box.querySelector("[data-sk-search-box]");
    if (!panel) {
      return;
    }
    var inputs = {};
    Array.prototype.forEach.call(panel.querySelectorAll("[data-sk-search]"), function (el) {
      inputs[el.getAttribute("data-sk-search")] = el;
    });
    var status = panel.querySelector(".sk-search-status");
    var list = panel.querySelector(".sk-results");
    var words = search.text;
    var numbers = new Intl.NumberFormat(search.language === "nl" ? "nl-NL" : "en-GB", {
      maximumFractionDigits: 2
    });
    // A resident's answer for an offer, from the compact table of pictures/search.py:
    // answers[said[classes[k][r]]] with [k, said] = offers[o], reasons by position.
    var table = search.eligibility;
    var residents = new Map();
    search.residents.forEach(function (r, i) {
      residents.set(r.id, i);
    });
    function answer(r, id) {
      var found = table && Object.prototype.hasOwnProperty.call(table.offers, id) ? table.offers[id] : null;
      if (!found) {
        return null;
      }
      var said = table.answers[found[1][table.classes[found[0]][r]]];
      return [said[0], said[1].map(function (i) {
        return table.reasons[i];
      })];
    }
    function value(key) {
      return inputs[key] ? String(inputs[key].value).trim() : "";
    }
    function show(message, rows) {
      status.textContent = message;
      list.textContent = "";
      rows.forEach(function (row) {
        var li = document.createElement("li");
        li.setAttribute("data-sk-offer", row.offer.id);
        var parts = [row.offer.name + " (" + row.offer.kind + ")"];
        if (row.km !== null) {
          parts.push(numbers.format(row.km) + " km");
        }
        if (row.eligible) {
          var said = words["eligible_" + row.eligible] || row.eligible;
          parts.push(row.reasons.length ? said + ": " + row.reasons.join("; ") : said);
        }
        li.textContent = parts.join(" \u00b7 ");
        li.addEventListener("click", function () {
          if (nodes.get(row.offer.id)) {
            network.selectNodes([row.offer.id]);
            network.focus(row.offer.id, { animation: false });
          }
        });
        list.appendChild(li);
      });
    }
    function run() {
      var theme = value("theme");
      var near = value("near");
      var radiusText = value("radius");
      var who = value("resident");
      if (!theme && !near && !radiusText && !who) {
        show("", []);
        return;
      }
      var codes = theme ? themeCodes(search, theme) : null;
      if (codes !== null && codes.length === 0) {
        show(fill(words.unknown_theme, 0, theme), []);
        return;
      }
      var point = near ? nearPoint(search, near) : null;
      if (near && point === null) {
        show(fill(words.unknown_place, 0, near), []);
        return;
      }
      var radius = radiusText ? parseFloat(radiusText.replace(",", ".")) : NaN;
      if (radiusText && point === null) {
        show(words.radius_needs_near, []);
        return;
      }
      var resident = who && residents.has(who) ? residents.get(who) : null;
      var rows = [];
      var noCoords = 0;
      search.offers.forEach(function (o) {
        if (codes !== null && !o.themes.some(function (t) { return codes.indexOf(t) !== -1; })) {
          return;
        }
        var km = null;
        if (point !== null) {
          if (o.lat === null || o.lon === null) {
            noCoords += 1;
            return;
          }
          km = Math.round(haversine(search.radius, point.lat, point.lon, o.lat, o.lon) * 1000) / 1000;
          if (!isNaN(radius) && km > radius) {
            return;
          }
        }
        var said = resident !== null ? answer(resident, o.id) : null;
        rows.push({ offer: o, km: km, eligible: said ? said[0] : null, reasons: said ? said[1] : [] });
      });
      rows.sort(function (a, b) {
        var ra = a.eligible ? RANK[a.eligible] : 0;
        var rb = b.eligible ? RANK[b.eligible] : 0;
        if (ra !== rb) {
          return ra - rb;
        }
        if ((a.km || 0) !== (b.km || 0)) {
          return (a.km || 0) - (b.km || 0);
        }
        return a.offer.id < b.offer.id ? -1 : a.offer.id > b.offer.id ? 1 : 0;
      });
      var message = rows.length ? fill(words.count, rows.length, "") : words.none;
      if (noCoords) {
        message += " " + fill(words.no_coords, noCoords, "");
      }
      show(message, rows);
    }
    Object.keys(inputs).forEach(function (key) {
      inputs[key].addEventListener("input", run);
      inputs[key].addEventListener("change", run);
    });
    run();
  }

  function init(box) {
    if (box.getAttribute("data-sk-ready") === "1") {
      return;
    }
    box.setAttribute("data-sk-ready", "1");
    var source = document.getElementById(box.id + "-data");
    if (!source || typeof vis === "undefined") {
      return;
    }
    var data = JSON.parse(source.textContent);
    // Nodes and edges come as columns, the keys once; a column of few distinct
    // values as {values, at} (pictures/mapnetwork.py, _columns).
    function records(table, prefix) {
      var out = [];
      var keys = Object.keys(table.columns);
      for (var i = 0; i < table.n; i++) {
        var item = {};
        for (var j = 0; j < keys.length; j++) {
          var column = table.columns[keys[j]];
          item[keys[j]] = Array.isArray(column) ? column[i] : column.values[column.at[i]];
        }
        if (prefix) {
          item.id = prefix + i;
        }
        out.push(item);
      }
      return out;
    }
    data.nodes = records(data.nodes, "");
    data.edges = records(data.edges, "e");
    var meta = {};
    var steps = Array.isArray(data.labelSteps) ? data.labelSteps : [];
    // The rule is computed in Python (pictures/labelling.py): a node of rank r is
    // labelled when r < k, k read from the zoom table; rank -1 always, null never.
    function stepAt(zoom) {
      var at = 0;
      for (var i = 0; i < steps.length; i++) {
        if (zoom >= steps[i][0]) {
          at = i;
        }
      }
      return at;
    }
    function countAt(step) {
      return steps.length ? steps[step][1] : Infinity;
    }
    function labelled(n, k) {
      if (n.rank === null || n.rank === undefined) {
        return n.rank === undefined;
      }
      return n.rank < 0 || n.rank < k;
    }
    var shownStep = stepAt(1);
    var shownK = countAt(shownStep);
    var nodes = new vis.DataSet(
      data.nodes.map(function (n) {
        meta[n.id] = n;
        var item = {
          id: n.id,
          label: labelled(n, shownK) ? n.label : "",
          x: n.x,
          y: n.y,
          size: n.size,
          shape: "dot",
          borderWidth: n.borderWidth,
          color: {
            background: n.color,
            border: n.border,
            highlight: { background: n.color, border: "#222222" },
            hover: { background: n.color, border: "#222222" }
          }
        };
        if (n.title) {
          item.title = textTitle(n.title);
        }
        return item;
      })
    );
    var edges = new vis.DataSet(
      data.edges.map(function (e) {
        var item = {
          id: e.id,
          from: e.from,
          to: e.to,
          width: e.width,
          dashes: e.dashes,
          arrows: data.directed ? "to" : "",
          color: { color: e.color, opacity: e.opacity }
        };
        if (e.title) {
          item.title = textTitle(e.title);
        }
        return item;
      })
    );
    var filters = { kind: "", neighbourhood: "", theme: "" };
    function passes(id) {
      var n = meta[id];
      if (!n) {
        return false;
      }
      if (filters.kind && n.kind !== filters.kind) {
        return false;
      }
      if (filters.neighbourhood && !has(n.nbs, filters.neighbourhood)) {
        return false;
      }
      if (filters.theme && !has(n.themes, filters.theme)) {
        return false;
      }
      return true;
    }
    var nodeView = new vis.DataView(nodes, {
      filter: function (item) {
        return passes(item.id);
      }
    });
    var edgeView = new vis.DataView(edges, {
      filter: function (item) {
        return passes(item.from) && passes(item.to);
      }
    });
    var canvas = box.querySelector(".sk-canvas");
    var network = new vis.Network(canvas, { nodes: nodeView, edges: edgeView }, data.options);
    if (data.options.physics && data.options.physics.enabled) {
      network.once("stabilizationIterationsDone", function () {
        network.setOptions({ physics: { enabled: false } });
        network.fit();
        baseScale = null;
        relabel();
      });
    }
    var hovered = null;
    var baseScale = null;
    // Zoom 1 is the map as first shown (after the first fit), as in labelling.py.
    // Labels keep about the same size on screen: their font is set for the step
    // the zoom is at, so more of them fit as the user zooms in.
    var fontPx = (data.options.nodes && data.options.nodes.font && data.options.nodes.font.size) || 13;
    var fontSize = fontPx;
    var shown = {};
    var ruler = document.createElement("canvas").getContext("2d");
    var byRank = data.nodes.filter(function (n) {
      return n.label && n.rank !== null && n.rank !== undefined;
    });
    byRank.sort(function (a, b) {
      return a.rank - b.rank;
    });
    // Which of the nodes the rule labels at this step get a label: greedily, in
    // the rule's order, each one whose box does not overlap a label already
    // placed (the path, rank -1, always). As labelling.declutter does for figures.
    function chooseLabels(k) {
      var out = {};
      var boxes = [];
      var positions = network.getPositions();
      ruler.font = fontSize + "px system-ui, sans-serif";
      byRank.forEach(function (n) {
        if (!(n.rank < k) || !passes(n.id) || !positions[n.id]) {
          return;
        }
        var p = positions[n.id];
        var half = ruler.measureText(n.label).width / 2 + fontSize * 0.2;
        var top = p.y + n.size;
        var box = [p.x - half, top, p.x + half, top + fontSize * 1.3];
        var free = boxes.every(function (o) {
          return box[2] <= o[0] || o[2] <= box[0] || box[3] <= o[1] || o[3] <= box[1];
        });
        if (free || n.rank < 0) {
          out[n.id] = true;
          boxes.push(box);
        }
      });
      return out;
    }
    function relabel(force) {
      var scale = network.getScale();
      if (baseScale === null) {
        baseScale = scale > 0 ? scale : 1;
        shownStep = -1;
      }
      var step = stepAt(scale / baseScale);
      if (step === shownStep && force !== true) {
        return;
      }
      var k = countAt(step);
      var zoomAtStep = steps.length ? steps[step][0] : 1;
      fontSize = Math.max(1, fontPx / (baseScale * zoomAtStep));
      var next = chooseLabels(k);
      var changes = [];
      data.nodes.forEach(function (n) {
        if (next[n.id] || n.id === hovered) {
          changes.push({ id: n.id, label: n.label, font: { size: fontSize } });
        } else if (shown[n.id] || labelled(n, shownK)) {
          changes.push({ id: n.id, label: "" });
        }
      });
      shownStep = step;
      shownK = -Infinity;
      shown = next;
      if (changes.length) {
        nodes.update(changes);
      }
    }
    network.on("zoom", relabel);
    // Also after every drawing (cheap when the count does not change), so a
    // programmatic zoom (moveTo, fit) relabels too.
    network.on("afterDrawing", relabel);
    network.on("hoverNode", function (event) {
      var n = meta[event.node];
      if (n && n.label) {
        hovered = n.id;
        nodes.update({ id: n.id, label: n.label, font: { size: fontSize } });
      }
    });
    network.on("blurNode", function (event) {
      var n = meta[event.node];
      if (n && hovered === n.id) {
        hovered = null;
        nodes.update({ id: n.id, label: shown[n.id] ? n.label : "" });
      }
    });
    window.skLabels = window.skLabels || {};
    window.skLabels[box.id] = function () {
      return nodes.get().filter(function (item) {
        return item.label;
      }).length;
    };
    var selects = box.querySelectorAll("select[data-sk-filter]");
    Array.prototype.forEach.call(selects, function (select) {
      select.addEventListener("change", function () {
        filters[select.getAttribute("data-sk-filter")] = select.value;
        nodeView.refresh();
        edgeView.refresh();
        relabel(true);
      });
    });
    if (data.search) {
      setUpSearch(box, data.search, network, nodes);
    }
    window.skMaps = window.skMaps || {};
    window.skMaps[box.id] = network;
  }

  function initAll() {
    Array.prototype.forEach.call(document.querySelectorAll("div.sk-map[data-sk-map]"), init);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", initAll);
  } else {
    initAll();
  }
})();
