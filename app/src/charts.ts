// Two small SVG charts, drawn by hand (no chart library): share price over the time the page
// has watched, and the Cover-N requirement against capacity as bars. Both carry a text
// alternative (role="img" + aria-label) with the figures.

const NS = "http://www.w3.org/2000/svg";

function el<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

export interface PricePoint {
  time: number;
  gross: number;
  net: number;
}

/** Share price (gross and net) over time as two lines. */
export function priceChart(points: PricePoint[], label: string): SVGSVGElement {
  const W = 600, H = 200, L = 64, R = 12, T = 12, B = 28;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, class: "chart" });
  if (points.length === 0) return svg;
  const t0 = points[0].time, t1 = Math.max(points[points.length - 1].time, t0 + 1);
  const ys = points.flatMap((p) => [p.gross, p.net]);
  let lo = Math.min(...ys), hi = Math.max(...ys);
  if (hi - lo < 1e-9) { lo -= 0.0005; hi += 0.0005; }
  const x = (t: number) => L + ((t - t0) / (t1 - t0)) * (W - L - R);
  const y = (v: number) => T + (1 - (v - lo) / (hi - lo)) * (H - T - B);
  svg.append(el("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, class: "axis" }));
  svg.append(el("line", { x1: L, y1: T, x2: L, y2: H - B, class: "axis" }));
  for (const v of [lo, (lo + hi) / 2, hi]) {
    svg.append(el("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "tick" }, v.toFixed(6)));
  }
  svg.append(el("text", { x: L, y: H - 8, class: "tick" }, new Date(t0 * 1000).toISOString().slice(11, 19)));
  svg.append(el("text", { x: W - R, y: H - 8, "text-anchor": "end", class: "tick" }, new Date(t1 * 1000).toISOString().slice(11, 19)));
  for (const [key, cls] of [["gross", "line-gross"], ["net", "line-net"]] as const) {
    const d = points.map((p, i) => `${i ? "L" : "M"}${x(p.time).toFixed(1)},${y(p[key]).toFixed(1)}`).join(" ");
    svg.append(el("path", { d, class: cls }));
    if (points.length === 1) svg.append(el("circle", { cx: x(points[0].time), cy: y(points[0][key]), r: 3, class: cls }));
  }
  return svg;
}

/** Horizontal bars, one per (label, value), scaled to the largest. */
export function bars(items: { label: string; value: number; text: string; cls: string }[], label: string): SVGSVGElement {
  const W = 600, rowH = 34, L = 150, R = 150;
  const H = items.length * rowH + 8;
  const svg = el("svg", { viewBox: `0 0 ${W} ${H}`, role: "img", "aria-label": label, class: "chart" });
  const max = Math.max(...items.map((i) => i.value), 1);
  items.forEach((it, i) => {
    const y0 = 4 + i * rowH;
    svg.append(el("text", { x: L - 8, y: y0 + 20, "text-anchor": "end", class: "tick" }, it.label));
    svg.append(el("rect", { x: L, y: y0 + 4, width: Math.max(1, (it.value / max) * (W - L - R)), height: rowH - 10, class: it.cls }));
    svg.append(el("text", { x: L + (it.value / max) * (W - L - R) + 6, y: y0 + 20, class: "tick" }, it.text));
  });
  return svg;
}
