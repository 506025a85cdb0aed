// Paper per stand, under the channel totals of a poll that declares its stands (GET .../results?by=stand): a
// disclosure holding one compact table, a column per stand and a row per item, headed by each stand's ballots and
// closed by the paper channel's total, which the stands add up to. A cell is the item's paper votes at that stand
// (priority), for / mixed / against (opinion), or the stand's majority grade for the item (judgment).

import { h, replace } from './dom.js';
import { formatNumber, t } from './i18n.js';

export function standsTable(data) {
  const stands = data.stands;
  const byStand = stands.map((stand) => new Map((stand.items || []).map((item) => [item.id, item.votes])));
  const header = h('tr', {}, h('th', { scope: 'col' }, t('col.action')),
    stands.map((stand) => h('th', { scope: 'col', class: 'num', 'data-stand': stand.id }, stand.name || stand.id)),
    h('th', { scope: 'col', class: 'num' }, t('stands.paperTotal')));
  const ballots = h('tr', { class: 'stands-ballots' }, h('th', { scope: 'row' }, t('stands.ballots')),
    stands.map((stand) => h('td', { class: 'num', 'data-stand': stand.id }, formatNumber(stand.ballots || 0))),
    h('td', { class: 'num' }, formatNumber((data.ballots && data.ballots.paper) || 0)));
  const rows = [...data.items].sort((a, b) => a.id - b.id).map((item) => h('tr', { 'data-item': item.id },
    h('th', { scope: 'row' }, h('span', { class: 'stands-item__number' }, String(item.id)), ' ', item.title),
    byStand.map((votes) => h('td', { class: 'num' }, cell(data, votes.get(item.id)))),
    h('td', { class: 'num' }, cell(data, paperOf(data, item)))));
  return h('table', { class: 'stands-results' },
    h('caption', {}, t('stands.caption')),
    h('thead', {}, header),
    h('tbody', {}, ballots, rows));
}

/** Fills {@code details} (kept across updates, so it stays open or closed as the visitor left it). */
export function fillStands(details, data) {
  const shown = Array.isArray(data.stands) && data.stands.length > 0 && data.countsPublished !== false;
  details.hidden = !shown;
  if (!shown) {
    replace(details);
    return;
  }
  replace(details,
    h('summary', {}, t('stands.summary', { n: formatNumber(data.stands.length) })),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('stands.caption') },
      standsTable(data)));
}

/** The item's paper-channel figure from the results, in the shape a stand's votes have. */
function paperOf(data, item) {
  if (data.kind === 'opinion') {
    return { for: item.for.paper || 0, mixed: item.mixed.paper || 0, against: item.against.paper || 0 };
  }
  if (data.kind === 'judgment') {
    return item.profile.paper || [];
  }
  return item.votes.paper || 0;
}

function cell(data, votes) {
  if (votes === undefined || votes === null) {
    return '—';
  }
  if (data.kind === 'opinion') {
    return t('stands.opinion', { for: formatNumber(votes.for || 0), mixed: formatNumber(votes.mixed || 0),
      against: formatNumber(votes.against || 0) });
  }
  if (data.kind === 'judgment') {
    const grade = lowerMedian(votes);
    return grade === null ? t('grade.none') : data.grades[grade];
  }
  return formatNumber(votes);
}

/** The majority grade of a profile (counts per grade, worst first): its lower median, null without votes. */
function lowerMedian(profile) {
  const total = profile.reduce((sum, count) => sum + count, 0);
  if (total === 0) {
    return null;
  }
  const middle = Math.floor((total - 1) / 2);
  let seen = 0;
  for (let grade = 0; grade < profile.length; grade++) {
    seen += profile[grade];
    if (seen > middle) {
      return grade;
    }
  }
  return profile.length - 1;
}
