// Priority polls: the ranked table as the city published it (rank, number, title, paper, digital, total), with a
// bar per action split by channel, on one scale for the whole table.

import { h } from './dom.js';
import { channelName, t } from './i18n.js';
import { legend, stackedBar } from './bars.js';
import { narrowCounts, numberCell, rankCell, resultsTable, tiedRanks, titleCell } from './cells.js';

export function channelClass(channel, index) {
  return channel === 'paper' || channel === 'digital' ? 'ch-' + channel : 'ch-other' + (index % 4);
}

export function priorityLegend(data) {
  return legend(t('legend.channels'), data.channels.map((channel, index) =>
    ({ label: channelName(channel), className: channelClass(channel, index) })));
}

export function priorityTable(data, items, caption) {
  const max = Math.max(1, ...data.items.map((item) => item.votes.total));
  const tied = tiedRanks(data.items);
  const columns = [
    { label: t('col.rank'), className: 'col-rank' },
    { label: t('col.number'), className: 'col-number' },
    { label: t('col.action'), className: 'col-title' },
    ...data.channels.map((channel) => ({ label: channelName(channel), className: 'num col-channel' })),
    { label: t('col.total'), className: 'num col-total' },
  ];
  const rows = items.map((item) => {
    const parts = data.channels.map((channel, index) => ({
      label: channelName(channel),
      count: item.votes[channel] || 0,
      className: channelClass(channel, index),
    }));
    return h('tr', { 'data-item': item.id },
      rankCell(item.rank, tied(item.rank)),
      h('td', { class: 'col-number' }, String(item.id)),
      titleCell(item, stackedBar(parts, { fill: item.votes.total / max }), narrowCounts(parts)),
      data.channels.map((channel) => numberCell(item.votes[channel] || 0, 'col-channel')),
      numberCell(item.votes.total, 'col-total'));
  });
  return resultsTable('priority', caption, columns, rows);
}
