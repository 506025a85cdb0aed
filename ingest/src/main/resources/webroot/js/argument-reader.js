// An opinion item's arguments, readable per stance (GET .../items/{item}/arguments?stance=): a disclosure under the
// proposal's title, closed at first; opened, it shows the stance with the most arguments, a button per stance, the
// newest arguments first and "more" while there are more. The results table is rebuilt at every update, so what the
// visitor opened, chose and loaded is kept here, by poll and item, and drawn again without asking the server again.

import { h, replace } from './dom.js';
import { formatDateTime, formatNumber, t } from './i18n.js';

const STANCES = ['for', 'mixed', 'against'];
const opened = new Set();
const chosen = new Map();
const pages = new Map();
/** The latest reader drawn for each item: a load that ends after the table was rebuilt draws into that one. */
const drawers = new Map();

/** The reader of {@code item}'s arguments in poll {@code pollId}, or null when it has none. */
export function argumentReader(pollId, item) {
  const total = item.arguments || 0;
  if (total === 0 || item.status === 'hidden') {
    return null;
  }
  const key = pollId + '/' + item.id;
  const body = h('div', { class: 'arguments-body' });
  const details = h('details', { class: 'item-arguments', 'data-item-arguments': String(item.id) },
    h('summary', {}, t('arguments.read', { n: formatNumber(total) })), body);
  const draw = () => drawReader(body, pollId, item, key);
  drawers.set(key, draw);
  details.open = opened.has(key);
  if (details.open) {
    draw();
  }
  details.addEventListener('toggle', () => {
    if (details.open) {
      opened.add(key);
      draw();
    } else {
      opened.delete(key);
    }
  });
  return details;
}

function drawReader(body, pollId, item, key) {
  const counts = item.argumentsByStance || {};
  const stance = chosen.get(key) ||
    STANCES.reduce((best, each) => ((counts[each] || 0) > (counts[best] || 0) ? each : best), 'for');
  const pageKey = key + '/' + stance;
  const page = pages.get(pageKey);
  if (!page) {
    load(pollId, item.id, stance, null, pageKey, key);
  }
  const tabs = h('div', { class: 'argument-stances', role: 'group', 'aria-label': t('arguments.stances') },
    STANCES.map((each) => h('button', {
      type: 'button',
      class: ['argument-stance', 'choice-' + each],
      'data-stance': each,
      'aria-pressed': each === stance ? 'true' : 'false',
      onclick: () => {
        chosen.set(key, each);
        drawers.get(key)();
      },
    }, t('col.' + each) + ' (' + formatNumber(counts[each] || 0) + ')')));
  replace(body, tabs, pageView(pollId, item.id, stance, pageKey, page, key));
}

function pageView(pollId, itemId, stance, pageKey, page, key) {
  if (!page || page.loading && page.arguments.length === 0) {
    return h('p', { class: 'arguments-note', role: 'status' }, t('arguments.loading'));
  }
  if (page.failed) {
    return h('p', { class: 'arguments-note', role: 'status' }, t('arguments.failed'));
  }
  if (page.arguments.length === 0) {
    return h('p', { class: 'arguments-note' }, t('arguments.none'));
  }
  return [
    h('ul', { class: 'argument-list', 'data-stance': stance }, page.arguments.map((argument) =>
      h('li', { class: 'argument', 'data-argument': String(argument.id) },
        h('p', { class: 'argument__text' }, argument.text),
        argument.at ? h('p', { class: 'argument__at' }, formatDateTime(argument.at)) : null))),
    page.next !== null && page.next !== undefined && h('button', {
      type: 'button',
      class: 'secondary argument-more',
      disabled: page.loading,
      onclick: () => load(pollId, itemId, stance, page.next, pageKey, key),
    }, t('arguments.more')),
  ];
}

async function load(pollId, itemId, stance, after, pageKey, key) {
  const page = pages.get(pageKey) || { arguments: [], next: null, loading: false, failed: false };
  if (page.loading) {
    return;
  }
  page.loading = true;
  pages.set(pageKey, page);
  let url = '/v1/polls/' + encodeURIComponent(pollId) + '/items/' + itemId + '/arguments?stance=' + stance;
  if (after !== null) {
    url += '&after=' + encodeURIComponent(after);
  }
  try {
    const response = await fetch(url, { headers: { Accept: 'application/json' } });
    if (!response.ok) {
      throw new Error(String(response.status));
    }
    const json = await response.json();
    page.arguments = page.arguments.concat(json.arguments || []);
    page.next = json.next;
    page.failed = false;
  } catch {
    page.failed = page.arguments.length === 0;
  }
  page.loading = false;
  drawers.get(key)();
}
