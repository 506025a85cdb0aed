// Opinion polls: per proposal a stacked bar for / mixed / against (shares of that proposal's votes), the counts,
// and the number of arguments, which a disclosure under the title lets the visitor read per stance. Proposals come
// in the consultation's order unless the visitor sorts them.

import { h } from './dom.js';
import { t } from './i18n.js';
import { legend, stackedBar } from './bars.js';
import { narrowCounts, numberCell, resultsTable, titleCell } from './cells.js';
import { argumentReader } from './argument-reader.js';

export const CHOICES = ['for', 'mixed', 'against'];

export function opinionLegend() {
  return legend(t('legend.choices'), CHOICES.map((choice) =>
    ({ label: t('col.' + choice), className: 'choice-' + choice })));
}

export function opinionSort(items, order) {
  const sorted = [...items];
  if (order === 'votes') {
    sorted.sort((a, b) => b.total.total - a.total.total || a.id - b.id);
  } else if (order === 'for') {
    const share = (item) => (item.total.total === 0 ? -1 : item.for.total / item.total.total);
    sorted.sort((a, b) => share(b) - share(a) || b.total.total - a.total.total || a.id - b.id);
  }
  return sorted;
}

export function opinionTable(data, items, caption) {
  const columns = [
    { label: t('col.number'), className: 'col-number' },
    { label: t('col.proposal'), className: 'col-title' },
    ...CHOICES.map((choice) => ({ label: t('col.' + choice), className: 'num col-choice' })),
    { label: t('col.total'), className: 'num col-total' },
    { label: t('col.arguments'), className: 'num col-arguments' },
  ];
  const rows = items.map((item) => {
    const parts = CHOICES.map((choice) => ({
      label: t('col.' + choice),
      count: item[choice].total,
      className: 'choice-' + choice,
    }));
    return h('tr', { 'data-item': item.id },
      h('td', { class: 'col-number' }, String(item.id)),
      titleCell(item, stackedBar(parts, { size: 'thick', showShares: true }), narrowCounts(parts),
        argumentReader(data.poll, item)),
      CHOICES.map((choice) => numberCell(item[choice].total, 'col-choice')),
      numberCell(item.total.total, 'col-total'),
      numberCell(item.arguments, 'col-arguments'));
  });
  return resultsTable('opinion', caption, columns, rows);
}
