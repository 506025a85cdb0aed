// Horizontal bars. A bar is a row of segments whose widths follow their counts (flex-grow, set through the CSSOM);
// it is one image for assistive technology, labelled with every count it shows.

import { h } from './dom.js';
import { formatNumber, formatPercent, t } from './i18n.js';

/**
 * @param parts   [{ label, count, className?, color?, textColor? }]
 * @param options { fill: fraction of the track the bar covers (default 1), showShares: print percentages in wide
 *                  enough segments, median: draw the 50 % line, size: 'thin' | 'thick' }
 */
export function stackedBar(parts, options = {}) {
  const total = parts.reduce((sum, part) => sum + part.count, 0);
  const label = total === 0 ? t('bar.noVotes') : parts
    .map((part) => t('bar.share', { label: part.label, n: formatNumber(part.count), pct: formatPercent(part.count / total) }))
    .join(', ');
  const fill = h('span', { class: 'bar__fill', css: { width: percent(options.fill ?? 1) } });
  for (const part of parts) {
    if (part.count === 0) {
      continue;
    }
    const share = part.count / total;
    const css = { 'flex-grow': String(part.count) };
    if (part.color) {
      css['background-color'] = part.color;
      css.color = part.textColor;
    }
    fill.append(h('span', {
      class: ['bar__segment', part.className],
      css,
      title: t('bar.share', { label: part.label, n: formatNumber(part.count), pct: formatPercent(share) }),
    }, options.showShares && share >= 0.09 ? formatPercent(share) : null));
  }
  return h('span', {
    class: ['bar', 'bar--' + (options.size || 'thin'), total === 0 && 'bar--empty'],
    role: 'img',
    'aria-label': label,
  }, fill, options.median ? h('span', { class: 'bar__median', 'aria-hidden': 'true' }) : null);
}

/** A legend: a swatch and a name per part, for bars that use classes or colours. */
export function legend(title, entries, note) {
  return h('div', { class: 'legend' },
    h('span', { class: 'legend__title' }, title),
    h('ul', { class: 'legend__list' }, entries.map((entry) => h('li', { class: 'legend__entry' },
      h('span', {
        class: ['swatch', entry.className],
        css: entry.color ? { 'background-color': entry.color } : {},
        'aria-hidden': 'true',
      }),
      entry.label))),
    note ? h('p', { class: 'legend__note' }, note) : null);
}

export function percent(fraction) {
  return (Math.max(0, Math.min(1, fraction)) * 100).toFixed(3) + '%';
}

const PALETTE = [[192, 57, 43], [230, 112, 58], [242, 169, 59], [244, 211, 94], [181, 213, 106], [109, 187, 94],
  [46, 139, 87]];

const DARK_TEXT_LUMINANCE = luminanceOf([17, 24, 39]);
const MIN_CONTRAST = 4.5;

/**
 * n colours from red (the worst grade) to green (the best), each with a text colour that reads on it (WCAG AA,
 * 4.5:1). A mix of mid luminance reaches 4.5:1 with neither white nor dark text, so it is darkened until white does.
 */
export function gradeColors(n) {
  const colors = [];
  for (let i = 0; i < n; i++) {
    const at = n === 1 ? PALETTE.length - 1 : (i * (PALETTE.length - 1)) / (n - 1);
    const low = Math.floor(at);
    const high = Math.min(PALETTE.length - 1, low + 1);
    const mix = at - low;
    let rgb = PALETTE[low].map((channel, k) => Math.round(channel + (PALETTE[high][k] - channel) * mix));
    while (whiteContrast(rgb) < MIN_CONTRAST && darkContrast(rgb) < MIN_CONTRAST) {
      rgb = rgb.map((channel) => Math.floor(channel * 0.9));
    }
    const textColor = darkContrast(rgb) >= MIN_CONTRAST ? '#111827' : '#ffffff';
    colors.push({ color: `rgb(${rgb.join(' ')})`, textColor });
  }
  return colors;
}

function luminanceOf(rgb) {
  const [r, g, b] = rgb.map((c) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function whiteContrast(rgb) {
  return 1.05 / (luminanceOf(rgb) + 0.05);
}

function darkContrast(rgb) {
  return (luminanceOf(rgb) + 0.05) / (DARK_TEXT_LUMINANCE + 0.05);
}
