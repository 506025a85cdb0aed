// A stand's tally sheet as a grid: the totals (valid ballots, blank, spoiled, signatures) then one row per item,
// with one count (priority), for / mixed / against (opinion) or one count per grade (judgment). Enter moves to the
// next cell, as on paper; the button saves. The answer's entry state is shown; a sheet awaiting its second entry or
// in dispute is read back (GET .../tally-sheets/{sheetId}) and the cells its entries differ on are marked, with
// each entry's figure, so both agents see what to recount. Each cell's name is its path in the API's differences:
// ballots, blank, counts.14, counts.14.for, counts.14.3.

import { h, replace } from './dom.js';
import { formatNumber } from './i18n.js';
import { t } from './operator-messages.js';

const TOTALS = ['ballots', 'blank', 'spoiled', 'signatures'];
const CHOICES = ['for', 'mixed', 'against'];
const SHEET_ID = /^[A-Za-z0-9_-]{1,64}$/;
const WHOLE = /^\d{1,9}$/;

export class SheetView {
  constructor(app) {
    this.app = app;
    this.sheetId = app.standId ? sheetIdOf(app.standId) : '';
    this.values = {};
    this.outcome = null;
    this.review = null;
    this.message = null;
  }

  /** Opens this view on {@code sheetId}, read back from the server. */
  async open(sheetId) {
    this.sheetId = sheetId;
    this.values = {};
    await this.load();
  }

  columns() {
    const definition = this.app.definition;
    if (definition.kind === 'opinion') {
      return CHOICES.map((choice) => ({ key: choice, label: t('col.' + choice) }));
    }
    if (definition.kind === 'judgment') {
      return (definition.grades || []).map((grade, index) => ({ key: String(index), label: grade }));
    }
    return [{ key: null, label: t('sheet.votes') }];
  }

  render() {
    const definition = this.app.definition;
    this.inputs = new Map();
    this.sheetInput = h('input', { id: 'sheet-id', name: 'sheetId', type: 'text', autocomplete: 'off',
      spellcheck: 'false', autocapitalize: 'off', maxlength: '64', value: this.sheetId,
      'aria-describedby': 'sheet-id-hint', onkeydown: (event) => this.enterMovesOn(event),
      oninput: () => { this.sheetId = this.sheetInput.value.trim(); } });
    const totals = TOTALS.map((name) => h('div', { class: 'field field--count' },
      h('label', { for: 'sheet-' + name }, t('sheet.' + name)), this.cell(name, 'sheet-' + name, {})));
    const columns = this.columns();
    const rows = (definition.items || []).map((item) => h('tr', { 'data-item': item.id },
      h('th', { scope: 'row', id: 'row-' + item.id },
        h('span', { class: 'grid__number' }, String(item.id)), ' ', h('span', { class: 'grid__title' }, item.title)),
      columns.map((column) => {
        const key = 'counts.' + item.id + (column.key === null ? '' : '.' + column.key);
        return h('td', {}, this.cell(key, 'cell-' + key.replaceAll('.', '-'),
          { 'aria-labelledby': 'row-' + item.id + ' col-' + (column.key ?? 'votes') }));
      })));
    const caption = t(definition.kind === 'opinion' ? 'sheet.countsOpinion' :
      definition.kind === 'judgment' ? 'sheet.countsJudgment' : 'sheet.counts');
    const grid = h('table', { class: 'grid grid--' + definition.kind },
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('col.item')),
        columns.map((column) => h('th', { scope: 'col', id: 'col-' + (column.key ?? 'votes') }, column.label)))),
      h('tbody', {}, rows));
    this.outcomeSlot = h('div', { class: 'feedback', role: 'status', 'aria-live': 'polite' });
    this.reviewSlot = h('div', { class: 'review' });
    const form = h('form', { class: 'entry-form', novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      this.submit();
    } },
    h('div', { class: 'field field--wide' }, h('label', { for: 'sheet-id' }, t('sheet.id')), this.sheetInput,
      h('span', { id: 'sheet-id-hint', class: 'hint' }, t('sheet.idHint'))),
    h('fieldset', { class: 'totals' }, h('legend', {}, t('sheet.totals')), totals),
    h('div', { class: 'grid-scroll', tabindex: '0', role: 'region', 'aria-label': caption }, grid),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'submit', id: 'sheet-submit' }, t('sheet.submit')),
      h('button', { type: 'button', class: 'secondary', onclick: () => this.load() }, t('sheet.load'))));
    const section = h('section', { class: 'panel', 'aria-labelledby': 'sheet-heading' },
      h('h2', { id: 'sheet-heading' }, t('sheet.heading', { stand: this.app.standName() })),
      h('p', { class: 'hint' }, t(this.app.paperEntry() === 'double' ? 'sheet.double' : 'sheet.single')),
      this.outcomeSlot, this.reviewSlot, form);
    this.showOutcome();
    return section;
  }

  cell(key, id, attributes) {
    const input = h('input', { id, name: key, type: 'text', inputmode: 'numeric', autocomplete: 'off',
      class: 'count', maxlength: '9', value: this.values[key] ?? '', 'data-field': key, ...attributes,
      onkeydown: (event) => this.enterMovesOn(event),
      oninput: () => {
        this.values[key] = input.value.trim();
        input.removeAttribute('aria-invalid');
      } });
    this.inputs.set(key, input);
    return input;
  }

  focus() {
    this.sheetInput.focus();
  }

  /** Enter in a field goes to the next one (the last one: the save button), as one goes down a paper sheet. */
  enterMovesOn(event) {
    if (event.key !== 'Enter') {
      return;
    }
    event.preventDefault();
    const fields = [this.sheetInput, ...this.inputs.values()];
    const next = fields[fields.indexOf(event.target) + 1];
    (next || document.getElementById('sheet-submit')).focus();
  }

  /** The sheet as the API takes it, or null after marking what is wrong. */
  sheet() {
    let wrong = null;
    const number = (key, required) => {
      const text = (this.values[key] ?? '').trim();
      if (text === '' && !required) {
        return key.startsWith('counts.') ? 0 : null;
      }
      if (!WHOLE.test(text)) {
        const input = this.inputs.get(key);
        input.setAttribute('aria-invalid', 'true');
        wrong = wrong || { input, text: t(text === '' ? 'sheet.err.ballots' : 'sheet.err.number') };
        return null;
      }
      return Number(text);
    };
    const sheet = { stand: this.app.standId, channel: 'paper', ballots: number('ballots', true) };
    for (const name of ['blank', 'spoiled', 'signatures']) {
      const value = number(name, false);
      if (value !== null) {
        sheet[name] = value;
      }
    }
    const counts = {};
    const kind = this.app.definition.kind;
    for (const item of this.app.definition.items || []) {
      const key = 'counts.' + item.id;
      if (kind === 'opinion') {
        counts[item.id] = Object.fromEntries(CHOICES.map((choice) => [choice, number(key + '.' + choice, false)]));
      } else if (kind === 'judgment') {
        counts[item.id] = (this.app.definition.grades || []).map((grade, index) => number(key + '.' + index, false));
      } else {
        counts[item.id] = number(key, false);
      }
    }
    sheet.counts = counts;
    if (wrong) {
      this.say('error', wrong.text, wrong.input);
      return null;
    }
    return sheet;
  }

  async submit() {
    if (!SHEET_ID.test(this.sheetId)) {
      this.sheetInput.setAttribute('aria-invalid', 'true');
      this.say('error', t('sheet.err.id'), this.sheetInput);
      return;
    }
    this.sheetInput.removeAttribute('aria-invalid');
    const sheet = this.sheet();
    if (sheet === null) {
      return;
    }
    const answer = await this.app.api.put(this.sheetPath(), sheet);
    if (!answer.ok) {
      this.say('error', answer.message, null);
      return;
    }
    const entry = answer.body.entry || 'counted';
    this.outcome = { kind: entry === 'counted' ? 'info' : entry === 'in-dispute' ? 'error' : 'closed', entry,
      sheet: answer.body.sheetId || this.sheetId };
    this.message = null;
    this.review = null;
    if (entry !== 'counted') {
      await this.fetchReview();
    }
    this.showOutcome();
    this.outcomeSlot.focus();
  }

  /** Reads the sheet back and fills the grid with the agent's own pending entry, else the counted figures. */
  async load() {
    if (!SHEET_ID.test(this.sheetId)) {
      this.say('error', t('sheet.err.id'), this.sheetInput);
      return;
    }
    const review = await this.fetchReview();
    if (review === null) {
      return;
    }
    const own = (review.entries || []).filter((entry) => entry.by === this.app.who.name).pop();
    const shown = own ? own.sheet : review.counted;
    this.values = shown ? valuesOf(shown) : {};
    this.outcome = { kind: review.entry === 'counted' ? 'info' : review.entry === 'in-dispute' ? 'error' : 'closed',
      entry: review.entry, sheet: review.sheetId || this.sheetId, shown: own ? 'own' : shown ? 'counted' : null };
    this.message = null;
    this.app.rerender();
  }

  async fetchReview() {
    const answer = await this.app.api.get(this.sheetPath());
    if (!answer.ok) {
      this.review = null;
      this.say('error', answer.message, null);
      return null;
    }
    this.review = answer.body;
    return this.review;
  }

  sheetPath() {
    return this.app.pollPath() + '/tally-sheets/' + encodeURIComponent(this.sheetId);
  }

  showOutcome() {
    const parts = [];
    if (this.message) {
      parts.push(h('p', { class: 'banner banner--' + this.message.kind, 'data-kind': this.message.kind },
        this.message.text));
    }
    if (this.outcome) {
      const outcome = this.outcome;
      parts.push(h('p', { class: 'banner banner--' + outcome.kind, 'data-entry': outcome.entry },
        t('sheet.entry.' + outcome.entry, { sheet: outcome.sheet }),
        outcome.entry !== 'counted' && this.review && this.review.counted ? ' ' + t('sheet.countedNow') : '',
        outcome.shown ? ' ' + t(outcome.shown === 'own' ? 'sheet.shownOwn' : 'sheet.shownCounted') : ''));
    }
    replace(this.outcomeSlot, parts);
    this.outcomeSlot.setAttribute('tabindex', '-1');
    this.showReview();
  }

  /** The differing cells: marked in the grid, and listed with every entry's figure. */
  showReview() {
    for (const input of this.inputs.values()) {
      input.classList.remove('count--differs');
      input.removeAttribute('aria-describedby');
    }
    const review = this.review;
    const differences = review && Array.isArray(review.differences) ? review.differences : [];
    if (differences.length === 0) {
      replace(this.reviewSlot);
      return;
    }
    const entries = (review.entries || []).map((entry) => ({ by: entry.by, sheet: entry.sheet }));
    if (review.counted && entries.length < 2) {
      entries.unshift({ by: t('standStatus.counted'), sheet: review.counted });
    }
    const rows = differences.map((path) => {
      const input = this.inputs.get(path);
      if (input) {
        input.classList.add('count--differs');
        input.setAttribute('aria-describedby', 'differences-heading');
      }
      return h('li', { 'data-difference': path }, h('strong', {}, this.label(path)), ' — ',
        entries.map((entry) => entry.by + ': ' + show(valueAt(entry.sheet, path))).join(' · '));
    });
    replace(this.reviewSlot, h('section', { class: 'differences', 'aria-labelledby': 'differences-heading' },
      h('h3', { id: 'differences-heading' }, t('sheet.differences')), h('ul', {}, rows)));
  }

  /** A difference's path as the agent reads it: "14 — Végétalisation…, pour", "blancs". */
  label(path) {
    const [head, item, column] = path.split('.');
    if (head !== 'counts') {
      return TOTALS.includes(head) ? t('sheet.' + head) : t('field.' + head);
    }
    const found = (this.app.definition.items || []).find((candidate) => String(candidate.id) === item);
    const title = item + (found && found.title ? ' — ' + found.title : '');
    if (column === undefined) {
      return title;
    }
    const label = this.app.definition.kind === 'judgment' ?
      (this.app.definition.grades || [])[Number(column)] : t('col.' + column);
    return t('sheet.cell', { item: title, column: label });
  }

  say(kind, text, focus) {
    this.message = { kind, text };
    this.showOutcome();
    if (focus) {
      focus.focus();
    }
  }
}

/** The sheet id a stand's agents start from: the stand's id and "-1" (both agents of a sheet use the same). */
export function sheetIdOf(standId) {
  const base = String(standId).replace(/[^A-Za-z0-9_-]/g, '-').slice(0, 62) || 'stand';
  return base + '-1';
}

/** The grid's values (text, by cell path) from a sheet's JSON. */
function valuesOf(sheet) {
  const values = {};
  for (const name of TOTALS) {
    if (sheet[name] !== undefined && sheet[name] !== null) {
      values[name] = String(sheet[name]);
    }
  }
  for (const [item, count] of Object.entries(sheet.counts || {})) {
    if (typeof count === 'number') {
      values['counts.' + item] = String(count);
    } else if (Array.isArray(count)) {
      count.forEach((value, index) => { values['counts.' + item + '.' + index] = String(value); });
    } else if (count) {
      CHOICES.forEach((choice) => { values['counts.' + item + '.' + choice] = String(count[choice] ?? 0); });
    }
  }
  return values;
}

function valueAt(sheet, path) {
  let value = sheet;
  for (const part of path.split('.')) {
    value = value === null || value === undefined ? undefined : value[part];
  }
  return value;
}

function show(value) {
  return value === undefined || value === null ? '—' : typeof value === 'number' ? formatNumber(value) :
    String(value);
}
