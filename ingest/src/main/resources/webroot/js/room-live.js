// What the assembly's projector and phone pages share: their messages (FR/EN), the token read from the page's
// address fragment (which browsers never send to the server), and the live state: server-sent events from
// /v1/assemblies/{id}/events, reopened by the page when the server ends a stream, and polling of .../state every two
// seconds where EventSource is missing or keeps failing.

import { initialLocale, locale, setLocale } from './i18n.js';

const MESSAGES = {
  fr: {
    'skip': 'Aller au contenu',
    'language': 'Langue',
    'room.waiting': 'En attente du premier tour…',
    'room.open': 'Tour {round} · en cours',
    'room.closed': 'Tour {round} · clos',
    'room.version': 'Version {version}',
    'room.answers': 'Reformulation : {answers}',
    'room.raised': '{raised} cartes levées sur {present} présents',
    'room.consent': 'Consentement',
    'room.noConsent': 'Pas encore de consentement',
    'room.voted': '{voted} votes sur {present} présents',
    'room.hidden': 'Les résultats s\'affichent à la clôture du tour.',
    'room.judgment': 'Jugement majoritaire',
    'room.approval': 'Choix de {choose} options au plus',
    'room.approvals': '{n} choix',
    'room.connected': 'En direct',
    'room.reconnecting': 'Reconnexion…',
    'room.noToken': 'Il manque le jeton d\'accès dans l\'adresse de la page (#token=…).',
    'room.refused': 'Le jeton ou le code n\'est pas accepté.',
    'phone.title': 'Ma carte',
    'phone.code': 'Code de mon carton',
    'phone.start': 'Entrer',
    'phone.hello': 'Bonjour {name}',
    'phone.mine': 'Ma carte : {card}',
    'phone.none': 'Je n\'ai pas encore levé de carte.',
    'phone.absent': 'Vous n\'êtes pas noté présent : demandez à l\'animateur.',
    'phone.send': 'Envoyer mon vote',
    'phone.sent': 'Vote envoyé. Vous pouvez le changer jusqu\'à la clôture.',
    'phone.replaced': 'Votre code est utilisé sur un autre téléphone : c\'est lui qui compte désormais.',
    'phone.error': 'Non envoyé : {detail}',
    'phone.closed': 'Le tour est clos.',
  },
  en: {
    'skip': 'Skip to content',
    'language': 'Language',
    'room.waiting': 'Waiting for the first round…',
    'room.open': 'Round {round} · open',
    'room.closed': 'Round {round} · closed',
    'room.version': 'Version {version}',
    'room.answers': 'Reformulated: {answers}',
    'room.raised': '{raised} cards raised of {present} present',
    'room.consent': 'Consent',
    'room.noConsent': 'No consent yet',
    'room.voted': '{voted} votes of {present} present',
    'room.hidden': 'Results show when the round closes.',
    'room.judgment': 'Majority judgment',
    'room.approval': 'Choose up to {choose} options',
    'room.approvals': '{n} choices',
    'room.connected': 'Live',
    'room.reconnecting': 'Reconnecting…',
    'room.noToken': 'The page\'s address lacks its access token (#token=…).',
    'room.refused': 'The token or code is not accepted.',
    'phone.title': 'My card',
    'phone.code': 'The code on my card',
    'phone.start': 'Enter',
    'phone.hello': 'Hello {name}',
    'phone.mine': 'My card: {card}',
    'phone.none': 'I have not raised a card yet.',
    'phone.absent': 'You are not recorded as present: ask the facilitator.',
    'phone.send': 'Send my vote',
    'phone.sent': 'Vote sent. You may change it until the round closes.',
    'phone.replaced': 'Your code is in use on another phone: that one counts from now on.',
    'phone.error': 'Not sent: {detail}',
    'phone.closed': 'The round is closed.',
  },
};

export function t(key, params = {}) {
  const template = MESSAGES[locale()][key] ?? MESSAGES.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Sets the page's language from the address, the earlier choice or the browser, and wires the FR/EN buttons. */
export function setUpLanguage(onChange) {
  setLocale(initialLocale(location.search, navigator.languages), false);
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.addEventListener('click', () => {
      setLocale(button.dataset.lang, true);
      showLanguage();
      onChange();
    });
  }
  showLanguage();
}

function showLanguage() {
  document.documentElement.lang = locale();
  for (const button of document.querySelectorAll('[data-lang]')) {
    button.setAttribute('aria-pressed', String(button.dataset.lang === locale()));
  }
  for (const element of document.querySelectorAll('[data-i18n]')) {
    element.textContent = t(element.dataset.i18n);
  }
  for (const element of document.querySelectorAll('[data-i18n-label]')) {
    element.setAttribute('aria-label', t(element.dataset.i18nLabel));
  }
}

/** The assembly's id, from /room/{id} or /room/{id}/phone. */
export function assemblyId() {
  return decodeURIComponent(location.pathname.split('/')[2] || '');
}

/** A parameter of the address's fragment (#token=...&lang=...), or null. */
export function fragment(name) {
  return new URLSearchParams(location.hash.slice(1)).get(name);
}

const POLL_MILLIS = 2000;
const RETRY_MILLIS = 2000;

/**
 * Follows the room's state: calls onState(state) at each change, onStatus('live' | 'reconnecting' | 'refused')
 * when the connection changes, onPhone(number) with a member's connection number (sent back with each vote, so
 * that an older phone's votes are refused), onReplaced() when another phone took over this member's code (the
 * stream then stops). Returns a function that stops following.
 */
export function follow(assembly, token, { onState, onStatus, onPhone, onReplaced }) {
  const base = `/v1/assemblies/${encodeURIComponent(assembly)}`;
  const query = `?access_token=${encodeURIComponent(token)}`;
  let stopped = false;
  let source = null;
  let failures = 0;
  let timer = null;

  async function poll() {
    if (stopped) {
      return;
    }
    try {
      const response = await fetch(base + '/state', { headers: { Authorization: `Bearer ${token}` }, cache: 'no-store' });
      if (response.status === 401 || response.status === 403) {
        onStatus('refused');
        return;
      }
      if (response.ok) {
        onStatus('live');
        onState(await response.json());
      }
    } catch {
      onStatus('reconnecting');
    }
    timer = setTimeout(poll, POLL_MILLIS);
  }

  function stream() {
    if (stopped) {
      return;
    }
    if (typeof EventSource !== 'function' || failures >= 5) {
      poll();
      return;
    }
    source = new EventSource(base + '/events' + query);
    source.addEventListener('open', () => {
      failures = 0;
      onStatus('live');
    });
    source.addEventListener('state', (event) => onState(JSON.parse(event.data)));
    source.addEventListener('phone', (event) => onPhone(JSON.parse(event.data).phone));
    source.addEventListener('replaced', () => {
      stopped = true;
      source.close();
      onReplaced();
    });
    source.addEventListener('error', () => {
      // The server ended the stream (an hour passed, it restarted) or the network dropped: open a new one.
      source.close();
      failures++;
      onStatus('reconnecting');
      timer = setTimeout(stream, RETRY_MILLIS);
    });
  }

  stream();
  return () => {
    stopped = true;
    clearTimeout(timer);
    if (source) {
      source.close();
    }
  };
}

/** The default cards' meanings (Card.DEFAULTS on the server), as each language says them. */
const DEFAULT_MEANINGS = {
  green: { en: 'I agree', fr: 'Je suis d\'accord' },
  yellow: { en: 'I ask for a clarification', fr: 'Je demande une clarification' },
  orange: { en: 'I propose an improvement', fr: 'Je propose une amélioration' },
  red: { en: 'I have an objection', fr: 'J\'ai une objection' },
};

/** What raising a card says: the assembly's own words, or the default cards' in the page's language. */
export function meaning(card) {
  const defaults = DEFAULT_MEANINGS[card.id];
  return defaults && defaults.en === card.meaning ? defaults[locale()] : card.meaning;
}

/** The CSS class of a card's colour (the four default cards have one; any other is grey). */
export function cardClass(cardId) {
  return ['green', 'yellow', 'orange', 'red'].includes(cardId) ? `card-${cardId}` : '';
}
