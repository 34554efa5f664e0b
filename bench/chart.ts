/**
 * Draws the report's chart as a standalone SVG: one bar per row, the ratio ours/native on a
 * logarithmic axis (so 2× slower and 2× faster are the same length), a line at parity (1.0) and a
 * mark at each row's target. No library: the chart is simple and the bench should not need one.
 */
import type { Row } from './result.js';
import { formatRatio } from './report.js';
import { medianRatio, meetsTarget, targetRatio } from './verdict.js';

const WIDTH = 960;
const LABEL_WIDTH = 380;
const ROW_HEIGHT = 30;
const TOP = 56;
const BOTTOM = 44;
const RIGHT = 70;

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The axis range in powers of ten that holds every ratio and target, and always 1. */
function axisRange(rows: Row[]): [number, number] {
  const values = rows.flatMap((row) => [medianRatio(row), targetRatio(row) ?? 1]).filter((value) => value > 0 && Number.isFinite(value));
  const low = Math.floor(Math.log10(Math.min(1, ...values)));
  const high = Math.ceil(Math.log10(Math.max(1, ...values)));
  return [low, high === low ? low + 1 : high];
}

/** The chart for `rows` as SVG text. */
export function renderChart(rows: Row[], title: string): string {
  const [low, high] = axisRange(rows);
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
  const height = TOP + rows.length * ROW_HEIGHT + BOTTOM;
  // One decimal is finer than a pixel and keeps the committed file small and its diffs readable.
  const x = (value: number) => Math.round((LABEL_WIDTH + ((Math.log10(value) - low) / (high - low)) * plotWidth) * 10) / 10;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="system-ui, sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="24" text-anchor="middle" font-size="16" font-weight="600">${escapeXml(title)}</text>`,
    `<text x="${WIDTH / 2}" y="42" text-anchor="middle" fill="#555">ours/native, median, log scale: left of 1× is cheaper than native. Dashed mark: target.</text>`,
  ];
  // Grid: 1, 2 and 5 times each power of ten.
  for (let power = low; power <= high; power++) {
    for (const step of [1, 2, 5]) {
      const value = step * 10 ** power;
      if (value > 10 ** high) break;
      const position = x(value);
      parts.push(`<line x1="${position}" y1="${TOP - 6}" x2="${position}" y2="${height - BOTTOM + 4}" stroke="#e3e3e3"/>`);
      parts.push(`<text x="${position}" y="${height - BOTTOM + 20}" text-anchor="middle" fill="#444">${Number(value.toPrecision(1))}×</text>`);
    }
  }
  rows.forEach((row, index) => {
    const top = TOP + index * ROW_HEIGHT;
    const middle = top + ROW_HEIGHT / 2;
    const value = medianRatio(row);
    const met = meetsTarget(row);
    // Green: meets its target; red: misses it; blue: no target, shown for information.
    const color = met === undefined ? '#4a78c2' : met ? '#3b9a57' : '#c94a3f';
    const start = x(1);
    const end = x(Math.min(Math.max(value, 10 ** low), 10 ** high));
    const barWidth = Math.round(Math.max(1, Math.abs(end - start)) * 10) / 10;
    parts.push(`<text x="${LABEL_WIDTH - 10}" y="${middle + 4}" text-anchor="end">${escapeXml(`${row.scenario.replace(/ \(.*\)$/, '')}: ${row.metric}`)}</text>`);
    parts.push(`<rect x="${Math.min(start, end)}" y="${top + 6}" width="${barWidth}" height="${ROW_HEIGHT - 12}" fill="${color}"/>`);
    parts.push(`<text x="${Math.max(start, end) + 6}" y="${middle + 4}" fill="#222">${formatRatio(value)}</text>`);
    const target = targetRatio(row);
    if (target !== undefined) {
      const position = x(target);
      parts.push(`<line x1="${position}" y1="${top + 2}" x2="${position}" y2="${top + ROW_HEIGHT - 2}" stroke="#e08a00" stroke-width="2.5" stroke-dasharray="4 2"/>`);
    }
  });
  // Parity last, so it stays visible over the bars.
  parts.push(`<line x1="${x(1)}" y1="${TOP - 6}" x2="${x(1)}" y2="${height - BOTTOM + 4}" stroke="#222" stroke-width="1.5"/>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
