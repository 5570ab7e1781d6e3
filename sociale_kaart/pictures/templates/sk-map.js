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
    var meta = {};
    var steps = Array.isArray(data.labelSteps) ? data.labelSteps : [];
    // The rule is computed in Python (pictures/labelling.py): a node of rank r is
    // labelled when r < k, k read from the zoom table; rank -1 always, null never.
    function countAt(scale) {
      var k = steps.length ? steps[0][1] : Infinity;
      for (var i = 0; i < steps.length; i++) {
        if (scale >= steps[i][0]) {
          k = steps[i][1];
        }
      }
      return k;
    }
    function labelled(n, k) {
      if (n.rank === null || n.rank === undefined) {
        return n.rank === undefined;
      }
      return n.rank < 0 || n.rank < k;
    }
    var shownK = countAt(1);
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
    function relabel() {
      var scale = network.getScale();
      if (baseScale === null) {
        baseScale = scale > 0 ? scale : 1;
      }
      var k = countAt(scale / baseScale);
      if (k === shownK) {
        return;
      }
      var changes = [];
      data.nodes.forEach(function (n) {
        if (n.id !== hovered && labelled(n, k) !== labelled(n, shownK)) {
          changes.push({ id: n.id, label: labelled(n, k) ? n.label : "" });
        }
      });
      shownK = k;
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
        nodes.update({ id: n.id, label: n.label });
      }
    });
    network.on("blurNode", function (event) {
      var n = meta[event.node];
      if (n && hovered === n.id) {
        hovered = null;
        nodes.update({ id: n.id, label: labelled(n, shownK) ? n.label : "" });
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
      });
    });
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
