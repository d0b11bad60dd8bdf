/* The explorer's node labels, drawn on vis-network's canvas (its afterDrawing hook) instead of by
 * vis. vis scales a label with the zoom, so labels that overlap at one zoom overlap at every zoom,
 * and it draws every label whatever covers it. Here labels keep one screen size (they separate as
 * one zooms in) and are placed greedily by priority (the caller's order: provinces, then the
 * nodes with most twinnings), never over the dot of a node ranked before: each takes the first free spot below, above, right, left or at a
 * corner of its node, or is left out. Boxes are checked on a grid of screen cells, so a frame costs O(nodes).
 * kg/network/templates/explorer.js calls KG_EXPLORER_LABELS(context) once, after creating the network. */
window.KG_EXPLORER_LABELS = function (x) {
  "use strict";
  var network = x.network, labels = x.labels, order = x.order;
  var SIZE = 12, HEIGHT = 15, GAP = 3, CELL = 64, DOT = 3, TWIN = 150, BUDGET = 12;
  var FONT = SIZE + "px " + x.face;
  var widths = new Float32Array(labels.length).fill(-1);   // screen pixels: constant, since the size is
  var placedBoxes = [];   // [node, left, top, width, height] in page (DOM) pixels, from the last frame
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT;

  function width(i) {
    if (widths[i] < 0) widths[i] = Math.ceil(measure.measureText(labels[i]).width) + 2;
    return widths[i];
  }
  var lastCost = 0;   // milliseconds of the last frame's label pass, for benchmarks
  function draw(ctx) {
    var started = performance.now(), box = x.container, W = box.clientWidth, H = box.clientHeight, scale = network.getScale();
    var grid = new Map(), boxes = [];
    // b: [node, left, top, width, height, is a dot, rank]. A label covers no other label, nor the dot
    // of a node ranked before its own (dots under DOT screen pixels do not count: a national map is
    // all dots); a chosen node's label may cover any dot.
    function cells(b, add, rank) {
      var x0 = Math.floor(b[1] / CELL), x1 = Math.floor((b[1] + b[3]) / CELL);
      var y0 = Math.floor(b[2] / CELL), y1 = Math.floor((b[2] + b[4]) / CELL);
      for (var cx = x0; cx <= x1; cx++) {
        for (var cy = y0; cy <= y1; cy++) {
          var key = cx * 65536 + cy, list = grid.get(key);
          if (add) { if (list) list.push(b); else grid.set(key, [b]); }
          else if (list) {
            for (var k = 0; k < list.length; k++) {
              var o = list[k];
              if (o[5] && (o[6] >= rank || o[0] === b[0])) continue;
              if (b[1] < o[1] + o[3] && o[1] < b[1] + b[3] && b[2] < o[2] + o[4] && o[2] < b[2] + b[4]) return true;
            }
          }
        }
      }
      return false;
    }
    var first = network.getSelectedNodes().map(Number);   // a chosen node is always named, over any dot
    var view = [], k, shift = network.body.view.translation;   // canvasToDOM, without an object per node
    for (k = 0; k < order.length; k++) {
      var i = order[k];
      if (!x.visible(i)) continue;
      var at = x.position(i), r = x.radius(i) * scale, p = { x: at[0] * scale + shift.x, y: at[1] * scale + shift.y };
      if (p.x + r < 0 || p.x - r > W || p.y + r < 0 || p.y - r > H) continue;
      if (r >= DOT && x.solid(i)) cells([i, p.x - r, p.y - r, 2 * r, 2 * r, true, view.length], true);
      view.push([i, p, r, k]);
    }
    var named = new Map();   // text -> where it is drawn: a province of both eras is named once nearby
    function tryNode(i, p, r, rank) {
      if (!labels[i]) return;
      var same = named.get(labels[i]);
      if (same && same.some(function (q) { return Math.abs(q.x - p.x) < TWIN && Math.abs(q.y - p.y) < TWIN; })) return;
      var w = width(i);
      var d = r * 0.7 + GAP;   // the diagonals touch the node's circle too
      var spots = [[p.x - w / 2, p.y + r + GAP], [p.x - w / 2, p.y - r - GAP - HEIGHT],
                   [p.x + r + GAP, p.y - HEIGHT / 2], [p.x - r - GAP - w, p.y - HEIGHT / 2],
                   [p.x + d, p.y + d], [p.x + d, p.y - d - HEIGHT], [p.x - d - w, p.y + d], [p.x - d - w, p.y - d - HEIGHT]];
      for (var s = 0; s < spots.length; s++) {
        var b = [i, spots[s][0], spots[s][1], w, HEIGHT, false];
        if (!cells(b, false, rank)) {
          cells(b, true); boxes.push(b);
          if (same) same.push(p); else named.set(labels[i], [p]);
          return;
        }
      }
    }
    view.forEach(function (v) { if (first.indexOf(v[0]) >= 0) tryNode(v[0], v[1], v[2], -1); });
    // Most of a national map's 10k nodes find no room: past BUDGET ms the rest stay unnamed in this
    // frame (they come last in priority), so that zooming and dragging stay fluid. The first
    // x.always of the order (the provinces, about a hundred) are always tried: on a slow or busy
    // machine the map keeps its province names.
    var deadline = performance.now() + BUDGET, always = 0;
    for (k = 0; k < view.length; k++) if (view[k][3] < (x.always || 0)) always = k + 1;
    for (k = 0; k < view.length; k++) {
      if (k >= always && (k & 31) === 31 && performance.now() > deadline) break;
      if (first.indexOf(view[k][0]) < 0) tryNode(view[k][0], view[k][1], view[k][2], k);
    }
    placedBoxes = boxes;
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);   // screen pixels: the label does not grow with the zoom
    ctx.font = FONT; ctx.textBaseline = "middle"; ctx.textAlign = "left"; ctx.lineJoin = "round";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.fillStyle = "#1c2833";
    boxes.forEach(function (b) { ctx.strokeText(labels[b[0]], b[1] + 1, b[2] + HEIGHT / 2); });
    boxes.forEach(function (b) { ctx.fillText(labels[b[0]], b[1] + 1, b[2] + HEIGHT / 2); });
    ctx.restore();
    lastCost = performance.now() - started;
  }
  network.on("afterDrawing", draw);
  return {
    // The labels drawn in the last frame: [node, left, top, width, height], page pixels within #graph.
    boxes: function () { return placedBoxes.map(function (b) { return b.slice(0, 5); }); },
    font: function () { return FONT; },
    cost: function () { return lastCost; },
    // The node whose label is under a point of #graph (page pixels), or null.
    at: function (p) {
      for (var k = placedBoxes.length - 1; k >= 0; k--) {
        var b = placedBoxes[k];
        if (p.x >= b[1] && p.x <= b[1] + b[3] && p.y >= b[2] && p.y <= b[2] + b[4]) return b[0];
      }
      return null;
    }
  };
};
