// The paper entry screens (/operator): a stand agent or an operator signs in with their token (kept in this tab's
// sessionStorage only, sent as a Bearer header; GET /v1/token says whose it is, and a platform's token is turned
// away), picks a poll and a stand, then types ballots one by one, enters a tally sheet, or follows the stands.
// The poll, the stand and the screen are in the address (?poll=&stand=#type|#sheet|#stands), never the token.

import { h, replace } from './dom.js';
import { initialLocale, locale, setLocale } from './i18n.js';
import { Api } from './operator-api.js';
import { t } from './operator-messages.js';
import { SheetView } from './operator-sheet.js';
import { StandsView } from './operator-stands.js';
import { TypingView } from './operator-typing.js';

const TOKEN_KEY = 'urne.operator.token';
const VIEWS = ['type', 'sheet', 'stands'];

class OperatorApp {
  constructor(root) {
    this.root = root;
    this.api = null;
    this.who = null;
    this.polls = [];
    this.pollId = null;
    this.definition = null;
    this.standsData = null;
    this.standId = null;
    this.views = null;
    const hash = location.hash.slice(1);
    this.view = VIEWS.includes(hash) ? hash : 'type';
    this.signInMessage = null;
  }

  async start() {
    window.addEventListener('hashchange', () => {
      const hash = location.hash.slice(1);
      if (VIEWS.includes(hash) && hash !== this.view && this.who) {
        this.show(hash);
      }
    });
    const token = readToken();
    if (token) {
      await this.signIn(token);
    } else {
      this.rerender();
    }
  }

  // Signing in and out

  async signIn(token) {
    const api = new Api(token, () => this.signedOut());
    const answer = await api.get('/v1/token');
    if (!answer.ok) {
      this.signInFailed(answer.status === 401 ? t('signin.unknown') : answer.message);
      return;
    }
    const who = answer.body;
    if (who.role !== 'paper' && who.role !== 'operator') {
      this.signInFailed(t('signin.platform', { name: who.name }));
      return;
    }
    try {
      sessionStorage.setItem(TOKEN_KEY, token);
    } catch {
      // Storage refused (private browsing): the sign-in lasts until the page is reloaded.
    }
    this.api = api;
    this.who = who;
    this.signInMessage = null;
    await this.loadPolls();
  }

  /** Back to the sign-in form, with what went wrong, the token's field focused for another try. */
  signInFailed(message) {
    forgetToken();
    this.signInMessage = message;
    this.rerender();
    document.getElementById('token').focus();
  }

  signOut() {
    forgetToken();
    this.api = null;
    this.who = null;
    this.definition = null;
    this.standsData = null;
    this.views = null;
    this.rerender();
    document.getElementById('token').focus();
  }

  signedOut() {
    this.signOut();
    this.signInFailed(t('error.signedOut'));
  }

  // Poll and stand

  async loadPolls() {
    const answer = await this.api.get('/v1/polls');
    const all = answer.ok && Array.isArray(answer.body) ? answer.body : [];
    this.polls = this.who.polls ? all.filter((poll) => this.who.polls.includes(poll.id)) : all;
    const asked = new URLSearchParams(location.search).get('poll');
    const poll = this.polls.find((candidate) => candidate.id === asked) || this.polls[0];
    if (poll) {
      await this.choosePoll(poll.id, new URLSearchParams(location.search).get('stand'));
    } else {
      this.rerender();
    }
  }

  async choosePoll(pollId, standId) {
    this.pollId = pollId;
    const answer = await this.api.get(this.pollPath());
    this.definition = answer.ok ? answer.body : null;
    this.standsData = null;
    await this.loadStands();
    const stands = this.standsData ? this.standsData.stands || [] : [];
    const known = stands.some((stand) => stand.id === standId);
    this.standId = known || (standId && !this.declaresStands()) ? standId :
      stands.length === 1 && this.declaresStands() ? stands[0].id : null;
    this.views = null;
    this.show(this.standId ? this.view : 'stands');
  }

  /** Chooses the stand to enter for; from the stands' list, the screen goes on to typing its ballots. */
  chooseStand(standId, view) {
    this.standId = standId || null;
    this.views = null;
    this.show(view || (this.view === 'stands' && this.standId ? 'type' : this.view));
  }

  async openSheet(standId, sheetId) {
    this.chooseStand(standId, 'sheet');
    await this.views.sheet.open(sheetId);
  }

  declaresStands() {
    return Boolean(this.definition && Array.isArray(this.definition.stands) && this.definition.stands.length > 0);
  }

  async loadStands() {
    const answer = await this.api.get(this.pollPath() + '/stands');
    if (answer.ok) {
      this.standsData = answer.body;
    }
    return answer;
  }

  /** How many typed ballots count for the chosen stand now, or null when the server cannot say. */
  async typedAtStand() {
    const answer = await this.loadStands();
    const stand = answer.ok ? (answer.body.stands || []).find((candidate) => candidate.id === this.standId) : null;
    return stand ? stand.typed ?? 0 : null;
  }

  standName() {
    const stands = this.standsData ? this.standsData.stands || [] : [];
    const stand = stands.find((candidate) => candidate.id === this.standId) ||
      (this.definition?.stands || []).find((candidate) => candidate.id === this.standId);
    return stand ? stand.name : this.standId || '';
  }

  paperEntry() {
    return this.standsData?.paperEntry || this.definition?.paperEntry || 'single';
  }

  pollPath() {
    return '/v1/polls/' + encodeURIComponent(this.pollId);
  }

  // Rendering

  show(view) {
    this.view = view;
    const url = new URL(location.href);
    if (this.pollId) {
      url.searchParams.set('poll', this.pollId);
    }
    if (this.standId) {
      url.searchParams.set('stand', this.standId);
    } else {
      url.searchParams.delete('stand');
    }
    url.hash = view;
    history.replaceState(null, '', url);
    this.rerender();
    if (this.current) {
      this.current.focus();
    }
  }

  rerender() {
    document.title = 'Urne — ' + t('op.title');
    if (!this.who) {
      replace(this.root, this.signInForm());
      return;
    }
    if (!this.views) {
      this.views = { type: new TypingView(this), sheet: new SheetView(this), stands: new StandsView(this) };
    }
    const needsStand = this.view !== 'stands' && !this.standId;
    this.current = needsStand || !this.definition ? null : this.views[this.view];
    replace(this.root,
      h('div', { class: 'who' },
        h('p', { id: 'who' }, t('who', { name: this.who.name, role: t('role.' + this.who.role) })),
        h('button', { type: 'button', class: 'secondary', onclick: () => this.signOut() }, t('signout'))),
      this.pickForm(),
      this.definition ? this.nav() : null,
      this.current ? this.current.render() :
        this.definition ? h('p', { class: 'banner banner--info' }, t('pick.chooseStand')) : null);
  }

  signInForm() {
    const token = h('input', { id: 'token', name: 'token', type: 'password', autocomplete: 'off',
      spellcheck: 'false', autocapitalize: 'off', required: true, 'aria-describedby': 'token-hint' });
    return h('section', { class: 'panel', 'aria-labelledby': 'signin-heading' },
      h('h2', { id: 'signin-heading' }, t('signin.heading')),
      h('p', { id: 'token-hint', class: 'hint' }, t('signin.intro')),
      h('form', { class: 'entry-form', novalidate: true, onsubmit: (event) => {
        event.preventDefault();
        const value = token.value.trim();
        if (value === '') {
          this.signInMessage = t('signin.empty');
          this.rerender();
          document.getElementById('token').focus();
          return;
        }
        this.signIn(value);
      } },
      h('div', { class: 'field field--wide' }, h('label', { for: 'token' }, t('signin.token')), token),
      h('p', { class: 'actions' }, h('button', { type: 'submit', class: 'submit' }, t('signin.submit')))),
      h('div', { class: 'feedback', role: 'alert' }, this.signInMessage ?
        h('p', { class: 'banner banner--error', id: 'signin-message' }, this.signInMessage) : null));
  }

  pickForm() {
    if (this.polls.length === 0) {
      return h('p', { class: 'banner banner--error' }, t('pick.noPolls'));
    }
    const poll = h('select', { id: 'pick-poll', name: 'poll',
      onchange: () => this.choosePoll(poll.value, null) },
    this.polls.map((candidate) => h('option', { value: candidate.id, selected: candidate.id === this.pollId },
      candidate.title)));
    const stands = this.standsData ? this.standsData.stands || [] : [];
    let stand;
    let hint = null;
    if (this.declaresStands() || !this.definition) {
      stand = h('select', { id: 'pick-stand', name: 'stand', onchange: () => this.chooseStand(stand.value) },
        h('option', { value: '', selected: !this.standId }, '—'),
        stands.map((candidate) => h('option', { value: candidate.id, selected: candidate.id === this.standId },
          candidate.name + (candidate.neighbourhood ? ' (' + candidate.neighbourhood + ')' : ''))));
    } else {
      stand = h('input', { id: 'pick-stand', name: 'stand', type: 'text', list: 'seen-stands', maxlength: '500',
        autocomplete: 'off', value: this.standId || '', 'aria-describedby': 'pick-stand-hint',
        onchange: () => this.chooseStand(stand.value.trim()) });
      hint = [h('span', { id: 'pick-stand-hint', class: 'hint' }, t('pick.freeHint')),
        h('datalist', { id: 'seen-stands' }, stands.map((candidate) => h('option', { value: candidate.id })))];
    }
    return h('form', { class: 'pick', 'aria-label': t('pick.heading'), onsubmit: (event) => event.preventDefault() },
      h('div', { class: 'field' }, h('label', { for: 'pick-poll' }, t('pick.poll')), poll),
      h('div', { class: 'field' }, h('label', { for: 'pick-stand' }, t('pick.stand')), stand, hint),
      this.declaresStands() && stands.length === 0 ?
        h('p', { class: 'banner banner--error' }, t('pick.noStands')) : null);
  }

  nav() {
    return h('nav', { class: 'screens', 'aria-label': t('nav.label') }, h('ul', {}, VIEWS.map((view) =>
      h('li', {}, h('a', { href: '#' + view, id: 'nav-' + view, 'aria-current': view === this.view ? 'page' : null },
        t('nav.' + view))))));
  }
}

function readToken() {
  try {
    return sessionStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

function forgetToken() {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // Nothing was stored.
  }
}

function translateChrome() {
  document.documentElement.lang = locale();
  document.querySelectorAll('[data-i18n]').forEach((element) => {
    element.textContent = t(element.dataset.i18n);
  });
  document.querySelectorAll('[data-i18n-label]').forEach((element) => {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  });
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.setAttribute('aria-pressed', String(button.dataset.lang === locale()));
  });
}

function start() {
  setLocale(initialLocale(location.search, navigator.languages), false);
  translateChrome();
  const app = new OperatorApp(document.getElementById('app'));
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.addEventListener('click', () => {
      setLocale(button.dataset.lang, true);
      translateChrome();
      app.rerender();
    });
  });
  app.start();
}

start();
