// Typing a stand's paper ballots one by one, keyboard only: the voter's identifier, Enter (or Tab), the ballot,
// Enter; the focus comes back to the voter's field for the next one. "Cancel the last ballot" annuls the latest
// ballot this tab typed (a journaled annulment by its receipt: the voter's previous state counts again). The list
// of what this tab typed lives in sessionStorage, without the voters' identifiers.

import { h, replace } from './dom.js';
import { formatNumber } from './i18n.js';
import { ballotHint, newBallotId, readBallot } from './operator-ballot.js';
import { t } from './operator-messages.js';

const SHOWN = 8;

export class TypingView {
  constructor(app) {
    this.app = app;
    this.values = { voter: '', ballot: '', castAt: '' };
    this.ballotId = null;
    this.pendingKey = null;
    this.busy = false;
    this.message = null;
  }

  storageKey() {
    return 'urne.typed.' + this.app.pollId + '.' + this.app.standId;
  }

  typed() {
    try {
      return JSON.parse(sessionStorage.getItem(this.storageKey()) || '[]');
    } catch {
      return [];
    }
  }

  saveTyped(list) {
    sessionStorage.setItem(this.storageKey(), JSON.stringify(list));
  }

  render() {
    const definition = this.app.definition;
    const field = (id, label, control, hint) => h('div', { class: 'field field--wide' },
      h('label', { for: id }, label), control, hint ? h('span', { id: id + '-hint', class: 'hint' }, hint) : null);
    this.voter = h('input', { id: 'voter', name: 'voter', type: 'text', autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'off', maxlength: '256', value: this.values.voter, 'aria-describedby': 'voter-hint',
      oninput: () => { this.values.voter = this.voter.value; },
      onkeydown: (event) => this.voterKey(event) });
    this.ballot = h('input', { id: 'ballot', name: 'ballot', type: 'text', autocomplete: 'off', spellcheck: 'false',
      autocapitalize: 'off', inputmode: definition.kind === 'priority' ? 'numeric' : 'text', maxlength: '2000',
      value: this.values.ballot, 'aria-describedby': 'ballot-hint ballot-preview',
      oninput: () => this.ballotChanged() });
    this.castAt = h('input', { id: 'cast-at', name: 'castAt', type: 'datetime-local', step: '1',
      value: this.values.castAt, 'aria-describedby': 'cast-at-hint',
      oninput: () => { this.values.castAt = this.castAt.value; } });
    this.preview = h('p', { id: 'ballot-preview', class: 'preview' });
    this.cancel = h('button', { type: 'button', class: 'secondary', id: 'cancel-last',
      onclick: () => this.cancelLast() });
    this.feedback = h('div', { class: 'feedback', role: 'status', 'aria-live': 'polite' });
    this.count = h('p', { class: 'typed-count' });
    this.list = h('ol', { class: 'typed-list', reversed: true });
    const form = h('form', { class: 'entry-form', novalidate: true, onsubmit: (event) => {
      event.preventDefault();
      this.submit();
    } },
    field('voter', t('type.voter'), this.voter, t('type.voterHint')),
    field('ballot', t('type.ballot'), this.ballot, ballotHint(definition)),
    this.preview,
    field('cast-at', t('type.castAt'), this.castAt, t('type.castAtHint')),
    h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'submit' }, t('type.submit')), this.cancel));
    const section = h('section', { class: 'panel', 'aria-labelledby': 'typing-heading' },
      h('h2', { id: 'typing-heading' }, t('type.heading', { stand: this.app.standName() })),
      definition.channels && !definition.channels.includes('paper') ?
        h('p', { class: 'banner banner--error' }, t('type.notTyped')) : null,
      form, this.feedback, this.count,
      h('h3', { class: 'section-title' }, t('type.session')), this.list);
    this.ballotChanged();
    this.refreshTyped();
    this.showMessage();
    this.app.typedAtStand().then((n) => this.showCount(n));
    return section;
  }

  focus() {
    this.voter.focus();
  }

  voterKey(event) {
    if (event.key === 'Enter' && this.ballot.value.trim() === '') {
      event.preventDefault();
      this.ballot.focus();
    }
  }

  ballotChanged() {
    this.values.ballot = this.ballot.value;
    const read = this.ballot.value.trim() === '' ? null : readBallot(this.app.definition, this.ballot.value);
    this.preview.textContent = read === null ? '' : read.error || describe(this.app.definition, read.content);
    this.preview.classList.toggle('preview--error', Boolean(read && read.error));
  }

  async submit() {
    if (this.busy) {
      return;
    }
    const voter = this.voter.value.trim();
    if (voter === '') {
      this.say('error', t('type.err.noVoter'), this.voter);
      return;
    }
    const read = readBallot(this.app.definition, this.ballot.value);
    if (read.error) {
      this.say('error', read.error, this.ballot);
      return;
    }
    let castAt = null;
    if (this.castAt.value) {
      const when = new Date(this.castAt.value);
      if (Number.isNaN(when.getTime())) {
        this.say('error', t('type.err.castAt'), this.castAt);
        return;
      }
      castAt = when.toISOString();
    }
    // The same typed ballot keeps its ballotId across retries, so a ballot whose answer was lost counts once.
    const key = JSON.stringify([voter, read.content, castAt]);
    if (this.pendingKey !== key) {
      this.pendingKey = key;
      this.ballotId = newBallotId(this.app.standId);
    }
    const ballot = { ballotId: this.ballotId, voter, channel: 'paper', stand: this.app.standId, ...read.content };
    if (castAt) {
      ballot.castAt = castAt;
    }
    this.busy = true;
    const answer = await this.app.api.post(this.app.pollPath() + '/ballots', ballot);
    this.busy = false;
    if (!answer.ok) {
      this.say('error', answer.message, this.ballot);
      return;
    }
    this.pendingKey = null;
    const list = this.typed();
    const n = list.length === 0 ? 1 : list[list.length - 1].n + 1;
    list.push({ n, receipt: answer.body.receipt, summary: read.summary, annulled: false });
    this.saveTyped(list);
    this.voter.value = '';
    this.ballot.value = '';
    this.castAt.value = '';
    this.values = { voter: '', ballot: '', castAt: '' };
    this.ballotChanged();
    this.refreshTyped();
    this.say('info', t('type.saved', { n, summary: read.summary, receipt: answer.body.receipt }), this.voter);
    this.showCount(await this.app.typedAtStand());
  }

  async cancelLast() {
    const list = this.typed();
    const last = [...list].reverse().find((entry) => !entry.annulled);
    if (!last || this.busy) {
      return;
    }
    this.busy = true;
    const answer = await this.app.api.post(this.app.pollPath() + '/ballots/' + encodeURIComponent(last.receipt)
      + '/annul');
    this.busy = false;
    if (!answer.ok) {
      this.say('error', answer.message, this.cancel);
      return;
    }
    last.annulled = true;
    this.saveTyped(list);
    this.refreshTyped();
    this.say('info', t('type.annulled', { n: last.n }), this.voter);
    this.showCount(await this.app.typedAtStand());
  }

  refreshTyped() {
    const list = this.typed();
    const last = [...list].reverse().find((entry) => !entry.annulled);
    this.cancel.textContent = last ? t('type.cancelWhich', { n: last.n, summary: last.summary }) : t('type.cancelLast');
    this.cancel.disabled = !last;
    replace(this.list, list.slice(-SHOWN).reverse().map((entry) => h('li', {
      value: String(entry.n), class: entry.annulled ? 'typed--annulled' : null, 'data-receipt': entry.receipt },
    h('span', {}, entry.summary), entry.annulled ? h('span', { class: 'tag' }, t('type.annulledMark')) : null)));
  }

  showCount(n) {
    if (this.count) {
      this.count.textContent = n === null ? '' : t('type.typedHere', { n: formatNumber(n) });
    }
  }

  /** Shows a message under the form (kept across a language switch as its key is not: the text as said). */
  say(kind, text, focus) {
    this.message = { kind, text };
    this.showMessage();
    if (focus) {
      focus.focus();
    }
  }

  showMessage() {
    const message = this.message;
    replace(this.feedback, message ? h('p', { class: 'banner banner--' + message.kind,
      'data-kind': message.kind }, message.text) : null);
  }
}

/** The typed ballot as the agent should read it back: the items' titles, so a wrong number shows. */
function describe(definition, content) {
  const titles = new Map((definition.items || []).map((item) => [item.id, item.title]));
  if (content.selections) {
    return content.selections.map((id) => id + ' — ' + titles.get(id)).join(' · ');
  }
  if (content.choice) {
    return content.item + ' — ' + titles.get(content.item) + ' → ' + t('choice.' + content.choice);
  }
  return Object.entries(content.grades).map(([id, grade]) =>
    id + ' — ' + (definition.grades || [])[grade]).join(' · ');
}
