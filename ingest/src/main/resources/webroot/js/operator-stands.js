// The poll's stands as this token sees them (GET .../stands: a paper token sees its own): each stand's entry state
// (not reported, N typed, awaiting second entry, in dispute, counted), its sheets, and the reconciliation of its
// counted figures (valid ballots, blank, spoiled, signatures) with the discrepancies to check. It follows the
// stands by itself every few seconds while shown.

import { h, replace } from './dom.js';
import { formatNumber } from './i18n.js';
import { t } from './operator-messages.js';

const REFRESH_MS = 10_000;

export class StandsView {
  constructor(app) {
    this.app = app;
    this.message = null;
  }

  render() {
    this.slot = h('div', { class: 'stands-body' });
    this.feedback = h('div', { class: 'feedback', role: 'status', 'aria-live': 'polite' });
    const section = h('section', { class: 'panel', 'aria-labelledby': 'stands-heading' },
      h('div', { class: 'panel__head' },
        h('h2', { id: 'stands-heading', tabindex: '-1' }, t('stands.heading')),
        h('button', { type: 'button', class: 'secondary', id: 'stands-refresh', onclick: () => this.refresh() },
          t('stands.refresh'))),
      this.feedback, this.slot);
    this.show();
    this.refresh();
    this.follow();
    return section;
  }

  /** Refreshes the list every few seconds while it is on screen and the tab is visible; stops once it is gone. */
  follow() {
    if (this.timer) {
      return;
    }
    this.timer = setInterval(() => {
      if (!this.slot.isConnected) {
        clearInterval(this.timer);
        this.timer = null;
      } else if (document.visibilityState === 'visible') {
        this.refresh();
      }
    }, REFRESH_MS);
  }

  focus() {
    document.getElementById('stands-heading').focus();
  }

  async refresh() {
    const answer = await this.app.loadStands();
    this.message = answer.ok ? null : answer.message;
    this.show();
  }

  show() {
    replace(this.feedback, this.message ? h('p', { class: 'banner banner--error' }, this.message) : null);
    const data = this.app.standsData;
    if (!data) {
      replace(this.slot);
      return;
    }
    const stands = data.stands || [];
    replace(this.slot,
      h('p', { class: 'hint' }, t(data.paperEntry === 'double' ? 'stands.entry.double' : 'stands.entry.single')),
      stands.length === 0 ? h('p', { class: 'empty' }, t('stands.none')) :
        h('div', { class: 'grid-scroll', tabindex: '0', role: 'region', 'aria-label': t('stands.caption') },
          h('table', { class: 'stands' },
            h('caption', {}, t('stands.caption')),
            h('thead', {}, h('tr', {}, ['stand', 'status', 'sheets', 'ballots', 'blank', 'spoiled', 'signatures',
              'issues'].map((column) => h('th', { scope: 'col', class: 'col-' + column }, t('col.' + column))))),
            h('tbody', {}, stands.map((stand) => this.row(stand))))));
  }

  row(stand) {
    const reconciliation = stand.reconciliation || {};
    const issues = reconciliation.issues || [];
    const number = (value) => h('td', { class: 'num' }, value === null || value === undefined ? '—' :
      formatNumber(value));
    return h('tr', { 'data-stand': stand.id, 'data-status': stand.status },
      h('th', { scope: 'row' },
        h('span', { class: 'stand-name' }, stand.name || stand.id),
        stand.neighbourhood ? h('span', { class: 'item-meta' }, stand.neighbourhood) : null,
        h('button', { type: 'button', class: 'link', onclick: () => this.app.chooseStand(stand.id, 'type') },
          t('stands.choose', { stand: stand.name || stand.id }))),
      h('td', {}, h('span', { class: 'stand-status stand-status--' + stand.status }, statusText(stand))),
      h('td', {}, (stand.sheets || []).map((sheet) => h('button', { type: 'button', class: 'link',
        'data-sheet': sheet.sheetId, onclick: () => this.app.openSheet(stand.id, sheet.sheetId) },
      sheet.sheetId + ' · ' + t('standStatus.' + sheet.entry)))),
      number(reconciliation.ballots),
      number(reconciliation.blank),
      number(reconciliation.spoiled),
      number(reconciliation.signatures),
      h('td', { class: issues.length ? 'issues issues--some' : 'issues' }, issues.length === 0 ? t('stands.noIssue') :
        h('ul', {}, issues.map((issue) => h('li', { 'data-issue': issue.code }, issueText(issue))))));
  }
}

export function statusText(stand) {
  return t('standStatus.' + stand.status, { n: formatNumber(stand.typed || 0) });
}

function issueText(issue) {
  const key = 'issue.' + issue.code;
  const sum = (issue.ballots || 0) + (issue.blank || 0) + (issue.spoiled || 0);
  const text = t(key, { signatures: formatNumber(issue.signatures ?? 0), sum: formatNumber(sum),
    ballots: formatNumber(issue.ballots ?? 0), blank: formatNumber(issue.blank ?? 0),
    spoiled: formatNumber(issue.spoiled ?? 0) });
  return text === key ? issue.code : text;
}
