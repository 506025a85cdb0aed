// Entry point: picks the language, decides which view the address asks for (/ for the list of polls,
// /polls/{pollId} for one poll; /?poll={pollId} works too, for servers that only serve the page at /), and wires
// the language switch.

import { initialLocale, locale, setLocale, t } from './i18n.js';
import { ListView } from './list-view.js';
import { PollView } from './poll-view.js';

const DEFAULT_REFRESH_SECONDS = 5;

function pollIdFrom(location) {
  const match = /^\/polls\/([^/]+)\/?$/.exec(location.pathname);
  if (match) {
    return decodeURIComponent(match[1]);
  }
  return new URLSearchParams(location.search).get('poll');
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
  const main = document.getElementById('main');
  const pollId = pollIdFrom(location);
  const view = pollId ? new PollView(main, pollId, refreshMillis(location)) : new ListView(main);
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
