import { html } from 'hono/html';
import type { Fragment } from '../layout.ts';

/**
 * A bar chart as server-rendered SVG (no script, no library): one bar per label, the value written above it, with
 * a title and description for screen readers. The same figures are always in a table beside it.
 */
export function barChart(
  id: string,
  title: string,
  bars: Array<{ label: string; value: number }>,
  max: number,
  unit = '',
): Fragment {
  const width = Math.max(320, bars.length * 36 + 40);
  const height = 220;
  const plot = 160;
  const step = (width - 40) / Math.max(1, bars.length);
  const top = Math.max(1, max);
  return html`<svg class="console-chart" id="${id}" role="img" aria-labelledby="${id}-title ${id}-desc" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}">
  <title id="${id}-title">${title}</title>
  <desc id="${id}-desc">${bars.map((b) => `${b.label}: ${b.value}${unit}`).join('; ')}</desc>
  <line class="axis" x1="30" y1="${plot + 10}" x2="${width - 5}" y2="${plot + 10}"></line>
  ${bars.map((b, i) => {
    const h = Math.round((b.value / top) * plot);
    const x = Math.round(35 + i * step);
    const w = Math.max(4, Math.round(step * 0.7));
    return html`<rect class="bar" x="${x}" y="${plot + 10 - h}" width="${w}" height="${h}"></rect>
  <text x="${x}" y="${plot + 5 - h}">${b.value}${unit}</text>
  <text x="${x}" y="${plot + 28}" transform="rotate(45 ${x} ${plot + 28})">${b.label}</text>`;
  })}
</svg>`;
}
