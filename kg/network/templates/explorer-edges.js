/* The explorer's twinning lines, drawn on vis-network's canvas (its beforeDrawing hook) instead of
 * being vis edges. vis builds a heavy object per edge (options, a label module, fonts: ~35 µs each)
 * and strokes every edge on every frame; at national scale (20k twinnings) that was a second of
 * opening and a sixth of a second per frame. Here each style is one path, edges outside the view
 * are skipped, and a click is matched to the nearest line. kg/network/templates/explorer.js calls
 * KG_EXPLORER_EDGES(context) once, after creating the network with the nodes only.
 * The items are vis's (from kg/explorer.py): from, to, color, arrows ("to"), dashes, smooth. */
window.KG_EXPLORER_EDGES = function (x) {
  "use strict";
  var network = x.network, items = x.items, options = x.options || {};
  var WIDTH = options.width || 2, SELECTED = WIDTH + (options.selectionWidth || 3);
  var HEAD = 14 * ((((options.arrows || {}).to || {}).scaleFactor) || 0.6);
  var selectedEdge = null, thin = 1;

  // Where a line bends: parallel twinnings of one pair curve to either side (vis's curvedCW/CCW).
  function control(item, a, b) {
    var s = item.smooth;
    if (!s || !s.enabled) return null;
    var r = (s.roundness || 0.5) * (s.type === "curvedCW" ? 1 : -1);
    return [(a[0] + b[0]) / 2 - (b[1] - a[1]) * r, (a[1] + b[1]) / 2 + (b[0] - a[0]) * r];
  }
  function trace(ctx, item, a, b) {
    var c = control(item, a, b);
    ctx.moveTo(a[0], a[1]);
    if (c) ctx.quadraticCurveTo(c[0], c[1], b[0], b[1]); else ctx.lineTo(b[0], b[1]);
  }
  function arrowHead(ctx, item, a, b) {   // at the border of the sponsored node, pointing at it
    var c = control(item, a, b) || a, dx = b[0] - c[0], dy = b[1] - c[1], d = Math.sqrt(dx * dx + dy * dy) || 1;
    var ux = dx / d, uy = dy / d, r = x.radius(item.to) + 1, tipX = b[0] - ux * r, tipY = b[1] - uy * r, ARROW = HEAD * thin;
    ctx.moveTo(tipX, tipY);
    ctx.lineTo(tipX - ux * ARROW - uy * ARROW * 0.45, tipY - uy * ARROW + ux * ARROW * 0.45);
    ctx.lineTo(tipX - ux * ARROW + uy * ARROW * 0.45, tipY - uy * ARROW - ux * ARROW * 0.45);   // fill() closes it
  }
  function viewBox(margin) {
    var box = x.container, a = network.DOMtoCanvas({ x: 0, y: 0 });
    var b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
    return [a.x - margin, a.y - margin, b.x + margin, b.y + margin];
  }
  function outside(box, a, b, c) {
    var minX = Math.min(a[0], b[0], c ? c[0] : a[0]), maxX = Math.max(a[0], b[0], c ? c[0] : a[0]);
    var minY = Math.min(a[1], b[1], c ? c[1] : a[1]), maxY = Math.max(a[1], b[1], c ? c[1] : a[1]);
    return maxX < box[0] || minX > box[2] || maxY < box[1] || minY > box[3];
  }

  function draw(ctx) {
    var box = viewBox(20 / network.getScale()), groups = {}, order = [], heads = {}, highlighted = [];
    thin = Math.min(1, x.zoomCap / network.getScale());   // zoomed in far, lines stop widening, as the dots
    var chosen = {};
    network.getSelectedNodes().forEach(function (i) { chosen[i] = true; });
    for (var j = 0; j < items.length; j++) {
      if (!x.visible(j)) continue;
      var item = items[j], a = x.position(item.from), b = x.position(item.to);
      if (outside(box, a, b, control(item, a, b))) continue;
      if (j === selectedEdge || chosen[item.from] || chosen[item.to]) { highlighted.push(j); continue; }
      var key = item.color + (item.dashes ? " dashed" : "");
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push(j);
      if (item.arrows) (heads[item.color] = heads[item.color] || []).push(j);
    }
    ctx.save();
    ctx.lineCap = "round";
    order.forEach(function (key) { stroke(ctx, groups[key], WIDTH * thin, groups[key].length && items[groups[key][0]].dashes); });
    Object.keys(heads).forEach(function (colour) { fillHeads(ctx, heads[colour], colour); });
    if (highlighted.length) {
      highlighted.forEach(function (j) { stroke(ctx, [j], SELECTED * thin, items[j].dashes); });
      highlighted.forEach(function (j) { if (items[j].arrows) fillHeads(ctx, [j], items[j].color); });
    }
    ctx.restore();
  }
  function stroke(ctx, list, width, dashed) {
    ctx.beginPath();
    list.forEach(function (j) { trace(ctx, items[j], x.position(items[j].from), x.position(items[j].to)); });
    ctx.strokeStyle = items[list[0]].color;
    ctx.lineWidth = width;
    ctx.setLineDash(dashed ? [5 * width, 3 * width] : []);
    ctx.stroke();
  }
  function fillHeads(ctx, list, colour) {
    ctx.beginPath();
    list.forEach(function (j) { arrowHead(ctx, items[j], x.position(items[j].from), x.position(items[j].to)); });
    ctx.fillStyle = colour;
    ctx.fill();
  }

  // The visible line nearest to a canvas point, within a few screen pixels; null if none.
  function edgeAt(point) {
    var scale = network.getScale(), reach = Math.max(WIDTH, 6 / scale), best = null, bestD = reach;
    var box = [point.x - reach, point.y - reach, point.x + reach, point.y + reach];
    for (var j = 0; j < items.length; j++) {
      if (!x.visible(j)) continue;
      var item = items[j], a = x.position(item.from), b = x.position(item.to), c = control(item, a, b);
      if (outside(box, a, b, c)) continue;
      var d = c ? curveDistance(point, a, c, b) : segmentDistance(point, a, b);
      if (d <= bestD) { best = j; bestD = d; }
    }
    return best;
  }
  function segmentDistance(p, a, b) {
    var dx = b[0] - a[0], dy = b[1] - a[1], len = dx * dx + dy * dy;
    var t = len ? Math.max(0, Math.min(1, ((p.x - a[0]) * dx + (p.y - a[1]) * dy) / len)) : 0;
    var px = a[0] + t * dx - p.x, py = a[1] + t * dy - p.y;
    return Math.sqrt(px * px + py * py);
  }
  function curveDistance(p, a, c, b) {
    var best = Infinity, prev = a;
    for (var k = 1; k <= 16; k++) {
      var t = k / 16, u = 1 - t;
      var next = [u * u * a[0] + 2 * u * t * c[0] + t * t * b[0], u * u * a[1] + 2 * u * t * c[1] + t * t * b[1]];
      best = Math.min(best, segmentDistance(p, prev, next));
      prev = next;
    }
    return best;
  }

  network.on("beforeDrawing", draw);   // under the nodes, as vis draws its own edges
  return {
    edgeAt: edgeAt,
    select: function (j) { if (j !== selectedEdge) { selectedEdge = j; x.requestRedraw(); } },
    selected: function () { return selectedEdge; }
  };
};
