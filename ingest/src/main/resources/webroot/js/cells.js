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

/**
 * The items whose details the visitor opened: an update rebuilds the table, and must not fold them again. The page
 * shows one poll at a time, so item ids are enough.
 */
const openDetails = new Set();

/** The item's title as the row header, its transition and subject below, its details, then what follows (a bar). */
export function titleCell(item, ...below) {
  const meta = [item.group, item.subject].filter(Boolean).join(' · ');
  return h('th', { scope: 'row', class: 'col-title' },
    item.status === 'hidden' ?
      h('span', { class: 'item-title item-title--hidden' }, t('item.hidden')) :
      h('span', { class: 'item-title' }, item.title),
    item.status ? h('span', { class: ['chip', 'chip--' + item.status], 'data-item-status': item.status },
      t('status.item.' + item.status)) : null,
    meta ? h('span', { class: 'item-meta' }, meta) : null,
    itemDetails(item),
    below);
}

/** The item set out in detail (paragraphs split at blank lines) and its link, folded under the title. */
function itemDetails(item) {
  if (!item.description && !item.link) {
    return null;
  }
  const details = h('details', { class: 'item-details', 'data-item-details': String(item.id) },
    h('summary', {}, t('item.details')),
    (item.description || '').split(/\n\s*\n/).filter((p) => p.trim()).map((p) => h('p', {}, p.trim())),
    item.link ? h('p', {}, h('a', { href: item.link, rel: 'noopener noreferrer external' }, t('item.link'))) : null);
  details.open = openDetails.has(item.id);
  details.addEventListener('toggle', () => {
    if (details.open) {
      openDetails.add(item.id);
    } else {
      openDetails.delete(item.id);
    }
  });
  return details;
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
