// The home page: every poll the service publishes, with its kind, status, dates and ballots counted so far.

import { h, replace } from './dom.js';
import { formatNumber, t } from './i18n.js';
import { datesText } from './poll-view.js';

const RETRY_MS = 10_000;

export function pollHref(pollId) {
  return '/polls/' + encodeURIComponent(pollId);
}

export class ListView {
  constructor(root) {
    this.root = root;
    this.polls = null;
    this.ballots = new Map();
    this.failed = false;
    this.timer = null;
  }

  start() {
    this.render();
    this.load();
  }

  title() {
    return t('list.title') + ' — Urne';
  }

  async load() {
    try {
      const response = await fetch('/v1/polls', { headers: { Accept: 'application/json' }, cache: 'no-store' });
      if (!response.ok) {
        throw new Error('status ' + response.status);
      }
      this.polls = await response.json();
      this.failed = false;
    } catch {
      this.failed = true;
      this.timer = setTimeout(() => this.load(), RETRY_MS);
    }
    this.render();
    if (this.polls) {
      await Promise.all(this.polls.map((poll) => this.loadBallots(poll.id)));
      this.render();
    }
  }

  async loadBallots(pollId) {
    try {
      const response = await fetch('/v1/polls/' + encodeURIComponent(pollId) + '/results',
        { headers: { Accept: 'application/json' } });
      if (response.ok) {
        this.ballots.set(pollId, (await response.json()).ballots.total);
      }
    } catch {
      // The count is a bonus on this page; the poll's own page reports an unreachable service.
    }
  }

  render() {
    document.title = this.title();
    const content = [
      h('header', { class: 'list-head' },
        h('h1', {}, t('list.title')),
        h('p', { class: 'lead' }, t('list.intro'))),
    ];
    if (this.failed) {
      content.push(h('div', { class: 'banner banner--error', role: 'alert' }, h('p', {}, t('list.unreachable'))));
    }
    if (this.polls && this.polls.length === 0) {
      content.push(h('p', { class: 'empty' }, t('list.empty')));
    }
    if (this.polls && this.polls.length > 0) {
      content.push(h('ul', { class: 'poll-list' }, this.polls.map((poll) => this.card(poll))));
    }
    if (!this.polls && !this.failed) {
      content.push(h('p', { class: 'loading' }, t('loading')));
    }
    replace(this.root, content);
  }

  card(poll) {
    const ballots = this.ballots.get(poll.id);
    const headingId = 'poll-' + poll.id;
    const status = poll.sealed ? 'sealed' : poll.status;
    return h('li', { class: 'poll-card' },
      h('article', { 'aria-labelledby': headingId },
        h('p', { class: 'poll-card__meta' },
          h('span', { class: 'chip' }, t('kind.' + poll.kind)),
          h('span', { class: 'status status--' + status }, t('status.' + status))),
        h('h2', { class: 'poll-card__title', id: headingId },
          h('a', { href: pollHref(poll.id) }, poll.title)),
        h('p', { class: 'poll-card__dates' }, datesText(poll)),
        ballots === undefined ? null :
          h('p', { class: 'poll-card__ballots' }, t('list.ballots', { n: formatNumber(ballots) }))));
  }

  stop() {
    clearTimeout(this.timer);
  }
}
