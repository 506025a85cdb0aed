// An opinion poll's totals per subject (the results' "subjects"): a disclosure under the channel totals holding one
// table, a row per subject with its number of proposals and its for / mixed / against opinions, all channels. A
// consultation collects proposals on a handful of subjects; this is the page's view of them at a glance.

import { h, replace } from './dom.js';
import { formatNumber, t } from './i18n.js';

function subjectsTable(subjects) {
  return h('table', { class: 'subjects-results' },
    h('caption', {}, t('subjects.caption')),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, t('subjects.subject')),
      h('th', { scope: 'col', class: 'num' }, t('subjects.items')),
      h('th', { scope: 'col', class: 'num' }, t('col.for')),
      h('th', { scope: 'col', class: 'num' }, t('col.mixed')),
      h('th', { scope: 'col', class: 'num' }, t('col.against')),
      h('th', { scope: 'col', class: 'num' }, t('subjects.total')))),
    h('tbody', {}, subjects.map((subject) => h('tr', { 'data-subject': subject.subject },
      h('th', { scope: 'row' }, subject.subject),
      h('td', { class: 'num' }, formatNumber(subject.items)),
      h('td', { class: 'num' }, formatNumber(subject.for)),
      h('td', { class: 'num' }, formatNumber(subject.mixed)),
      h('td', { class: 'num' }, formatNumber(subject.against)),
      h('td', { class: 'num' }, formatNumber(subject.total))))));
}

/** Fills {@code details} (kept across updates, so it stays open or closed as the visitor left it). */
export function fillSubjects(details, data) {
  const shown = Array.isArray(data.subjects) && data.subjects.length > 0 && data.countsPublished !== false;
  details.hidden = !shown;
  if (!shown) {
    replace(details);
    return;
  }
  replace(details,
    h('summary', {}, t('subjects.summary', { n: formatNumber(data.subjects.length) })),
    h('div', { class: 'table-scroll', tabindex: '0', role: 'region', 'aria-label': t('subjects.caption') },
      subjectsTable(data.subjects)));
}
