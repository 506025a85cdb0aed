// Entry point: picks the language, decides which view the address asks for (/ for the list of polls,
// /polls/{pollId} for one poll; /?poll={pollId} works too, for servers that only serve the page at /;
// /embed/{pollId} for one poll's results framed in another site, without navigation), and wires the language switch.

import { initialLocale, locale, setLocale, t } from './i18n.js';
import { ListView } from './list-view.js';
import { PollView } from './poll-view.js';

const DEFAULT_REFRESH_SECONDS = 5;

function routeOf(location) {
  const match = /^\/(polls|embed)\/([^/]+)\/?$/.exec(location.pathname);
  if (match) {
    return { pollId: decodeURIComponent(match[2]), embedded: match[1] === 'embed' };
  }
  return { pollId: new URLSearchParams(location.search).get('poll'), embedded: false };
}

/** ?refresh=N (seconds, 1 to 60) changes how often results are checked; tests use it to go faster. */
function refreshMillis(location) {
  const asked = Number(new URLSearchParams(location.search).get('refresh'));
  const seconds = Number.isFinite(asked) && asked >= 1 && asked <= 60 ? asked : DEFAULT_REFRESH_SECONDS;
  return seconds * 1000;
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
  const root = document.getElementById('view') || document.getElementById('main');
  const { pollId, embedded } = routeOf(location);
  const view = pollId ? new PollView(root, pollId, refreshMillis(location), embedded) : new ListView(root);
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.addEventListener('click', () => {
      if (button.dataset.lang === locale()) {
        return;
      }
      setLocale(button.dataset.lang, true);
      const url = new URL(location.href);
      if (url.searchParams.has('lang')) {
        url.searchParams.set('lang', locale());
        history.replaceState(null, '', url);
      }
      translateChrome();
      view.render();
    });
  });
  view.start();
}

start();
