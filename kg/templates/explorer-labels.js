/* The explorer's node labels, drawn on vis-network's canvas (its afterDrawing hook) instead of by
 * vis. vis scales a label with the zoom, so labels that overlap at one zoom overlap at every zoom,
 * and it draws every label whatever covers it. Here labels keep one screen size (they separate as
 * one zooms in) and are placed greedily by priority (the caller's order: provinces, then the
 * nodes with most twinnings): each takes the first free spot below, above, right, left or at a
 * corner of its node, or is left out. Boxes are checked on a grid of screen cells, so a frame costs O(nodes).
 * kg/templates/explorer.js calls KG_EXPLORER_LABELS(context) once, after creating the network. */
window.KG_EXPLORER_LABELS = function (x) {
  "use strict";
  var network = x.network, labels = x.labels, order = x.order;
  var SIZE = 12, HEIGHT = 15, GAP = 3, CELL = 64;
  var FONT = SIZE + "px " + x.face;
  var widths = new Float32Array(labels.length).fill(-1);   // screen pixels: constant, since the size is
  var placedBoxes = [];   // [node, left, top, width, height] in page (DOM) pixels, from the last frame
  var measure = document.createElement("canvas").getContext("2d");
  measure.font = FONT;

  function width(i) {
    if (widths[i] < 0) widths[i] = Math.ceil(measure.measureText(labels[i]).width) + 2;
    return widths[i];
  }
  function draw(ctx) {
    var box = x.container, W = box.clientWidth, H = box.clientHeight, scale = network.getScale();
    var grid = new Map(), boxes = [];
    function cells(b, add) {
      var x0 = Math.floor(b[1] / CELL), x1 = Math.floor((b[1] + b[3]) / CELL);
      var y0 = Math.floor(b[2] / CELL), y1 = Math.floor((b[2] + b[4]) / CELL);
      for (var cx = x0; cx <= x1; cx++) {
        for (var cy = y0; cy <= y1; cy++) {
          var key = cx * 65536 + cy, list = grid.get(key);
          if (add) { if (list) list.push(b); else grid.set(key, [b]); }
          else if (list) {
            for (var k = 0; k < list.length; k++) {
              var o = list[k];
              if (b[1] < o[1] + o[3] && o[1] < b[1] + b[3] && b[2] < o[2] + o[4] && o[2] < b[2] + b[4]) return true;
            }
          }
        }
      }
      return false;
    }
    var first = network.getSelectedNodes().map(Number);   // a chosen node is always named
    function tryNode(i) {
      if (!x.visible(i) || !labels[i]) return;
      var p = network.canvasToDOM({ x: x.position(i)[0], y: x.position(i)[1] });
      var w = width(i), r = x.radius(i) * scale;
      if (p.x + r + w < 0 || p.x - r - w > W || p.y + r + HEIGHT < 0 || p.y - r - HEIGHT > H) return;
      var d = r * 0.7 + GAP;   // the diagonals touch the node's circle too
      var spots = [[p.x - w / 2, p.y + r + GAP], [p.x - w / 2, p.y - r - GAP - HEIGHT],
                   [p.x + r + GAP, p.y - HEIGHT / 2], [p.x - r - GAP - w, p.y - HEIGHT / 2],
                   [p.x + d, p.y + d], [p.x + d, p.y - d - HEIGHT], [p.x - d - w, p.y + d], [p.x - d - w, p.y - d - HEIGHT]];
      for (var s = 0; s < spots.length; s++) {
        var b = [i, spots[s][0], spots[s][1], w, HEIGHT];
        if (!cells(b, false)) { cells(b, true); boxes.push(b); return; }
      }
    }
    first.forEach(tryNode);
    for (var k = 0; k < order.length; k++) if (first.indexOf(order[k]) < 0) tryNode(order[k]);
    placedBoxes = boxes;
    var ratio = (network.canvas && network.canvas.pixelRatio) || window.devicePixelRatio || 1;
    ctx.save();
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);   // screen pixels: the label does not grow with the zoom
    ctx.font = FONT; ctx.textBaseline = "middle"; ctx.textAlign = "left"; ctx.lineJoin = "round";
    ctx.lineWidth = 3; ctx.strokeStyle = "rgba(255,255,255,0.92)"; ctx.fillStyle = "#1c2833";
    boxes.forEach(function (b) { ctx.strokeText(labels[b[0]], b[1] + 1, b[2] + HEIGHT / 2); });
    boxes.forEach(function (b) { ctx.fillText(labels[b[0]], b[1] + 1, b[2] + HEIGHT / 2); });
    ctx.restore();
  }
  network.on("afterDrawing", draw);
  return {
    // The labels drawn in the last frame: [node, left, top, width, height], page pixels within #graph.
    boxes: function () { return placedBoxes.map(function (b) { return b.slice(); }); },
    font: function () { return FONT; },
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
