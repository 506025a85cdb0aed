// Judgment polls: each item's merit profile as a stacked bar of grades (worst on the left), the median line, its
// majority grade, in the majority judgment ranking the service computed.

import { h } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { gradeColors, legend, stackedBar } from './bars.js';
import { rankCell, resultsTable, tiedRanks, titleCell } from './cells.js';

export function judgmentLegend(data) {
  const colors = gradeColors(data.grades.length);
  return legend(t('legend.grades'), data.grades.map((grade, index) => ({ label: grade, ...colors[index] })),
    t('legend.median'));
}

export function judgmentTable(data, items, caption) {
  const colors = gradeColors(data.grades.length);
  const tied = tiedRanks(data.items);
  const columns = [
    { label: t('col.rank'), className: 'col-rank' },
    { label: t('col.number'), className: 'col-number' },
    { label: t('col.action'), className: 'col-title' },
    { label: t('col.majority'), className: 'col-majority' },
    { label: t('col.voters'), className: 'num col-voters' },
  ];
  const rows = items.map((item) => {
    const profile = item.profile.total;
    const voters = profile.reduce((sum, count) => sum + count, 0);
    const parts = data.grades.map((grade, index) => ({ label: grade, count: profile[index] || 0, ...colors[index] }));
    const majority = item.majorityGrade;
    const badge = majority === null || majority === undefined ?
      h('span', { class: 'grade grade--none' }, t('grade.none')) :
      h('span', { class: 'grade', css: { 'background-color': colors[majority].color, color: colors[majority].textColor } },
        item.majorityGradeLabel);
    return h('tr', { 'data-item': item.id },
      rankCell(item.rank, tied(item.rank)),
      h('td', { class: 'col-number' }, String(item.id)),
      titleCell(item, stackedBar(parts, { size: 'thick', showShares: true, median: true })),
      h('td', { class: 'col-majority' }, badge),
      h('td', { class: 'num col-voters' }, formatNumber(voters)));
  });
  return resultsTable('judgment', caption, columns, rows);
}
