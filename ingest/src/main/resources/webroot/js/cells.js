// Table pieces the three kinds of results share.

import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';

/** A results table: caption, column headers (scope="col"), and one row per item. */
export function resultsTable(kind, caption, columns, rows) {
  return h('table', { class: ['results', 'results--' + kind] },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, columns.map((column) =>
      h('th', { scope: 'col', class: column.className }, column.label)))),
    h('tbody', {}, rows));
}

/** The item's title as the row header, its transition and subject below, then whatever follows (a bar). */
export function titleCell(item, ...below) {
  const meta = [item.group, item.subject].filter(Boolean).join(' · ');
  return h('th', { scope: 'row', class: 'col-title' },
    h('span', { class: 'item-title' }, item.title),
    meta ? h('span', { class: 'item-meta' }, meta) : null,
    below);
}

export function numberCell(value, className) {
  return h('td', { class: ['num', className] }, formatNumber(value));
}

export function rankCell(rank, tied) {
  return h('td', { class: 'col-rank' }, h('span', { class: 'rank' }, formatNumber(rank)),
    tied ? h('span', { class: 'visually-hidden' }, ' ' + t('rank.tied')) : null);
}

/** Ranks shared with a neighbour (equal totals share a rank). */
export function tiedRanks(items) {
  const counts = new Map();
  items.forEach((item) => counts.set(item.rank, (counts.get(item.rank) || 0) + 1));
  return (rank) => counts.get(rank) > 1;
}

/** "Paper 154 · Digital 711": shown under a bar on narrow screens, where the count columns are hidden. */
export function narrowCounts(parts) {
  return h('span', { class: 'narrow-counts', 'aria-hidden': 'true' },
    parts.map((part) => `${part.label} ${formatNumber(part.count)}`).join(' · '));
}
