// The receipt page (/receipt): a voter picks the vote, pastes the receipt the platform gave them and sees whether
// their ballot is counted, and, once the poll is sealed, the seal that fixes its results. The page never shows a
// receipt's journal position (the order of arrival could help link a receipt to a person at a stand) and never puts
// the receipt in an address: it is read from the form and sent only to this server's API.

import { h } from './dom.js';
import { formatDateTime, initialLocale, locale, setLocale } from './i18n.js';

const RECEIPT = /^[0-9a-f]{32}$/;

const MESSAGES = {
  fr: {
    'skip': 'Aller au contenu',
    'home': 'Urne, accueil',
    'language': 'Langue',
    'receipt.tagline': 'Vérifier mon bulletin',
    'receipt.title': 'Vérifier mon bulletin',
    'receipt.intro': 'Après votre vote, la plateforme vous a donné un reçu de 32 caractères. Collez-le ici pour '
      + 'savoir si votre bulletin est compté. Le reçu ne dit rien de votre choix.',
    'receipt.poll': 'Vote',
    'receipt.receipt': 'Reçu',
    'receipt.hint': '32 caractères, chiffres et lettres a à f',
    'receipt.check': 'Vérifier',
    'receipt.footer': 'Le reçu est une empreinte du bulletin : Urne peut dire s\'il est compté, pas ce qu\'il '
      + 'contient ni qui l\'a déposé.',
    'receipt.noPolls': 'Aucun vote n\'est publié pour l\'instant.',
    'receipt.unreachable': 'Le service est injoignable. Réessayez dans un instant.',
    'receipt.malformed': 'Un reçu a 32 caractères, chiffres de 0 à 9 et lettres de a à f. Vérifiez ce que vous '
      + 'avez collé.',
    'receipt.unknown': 'Aucun bulletin de ce vote ne porte ce reçu. Vérifiez le vote choisi et le reçu collé.',
    'receipt.busy': 'Le service reçoit beaucoup de demandes. Réessayez dans {seconds} secondes.',
    'status.heading': 'Votre bulletin',
    'status.counted': 'Votre bulletin est compté.',
    'status.superseded': 'Ce bulletin a été remplacé par un vote plus récent du même votant : c\'est ce dernier '
      + 'qui compte.',
    'status.withdrawn': 'Ce bulletin a été retiré des comptes, à la demande du votant.',
    'status.duplicate': 'Ce bulletin répète un bulletin déjà reçu : il est compté une seule fois.',
    'status.stale': 'Ce bulletin est arrivé après un vote plus récent du même votant, qui compte à sa place.',
    'status.rejected': 'Ce bulletin n\'est pas compté.',
    'status.reason': 'Motif : {reason}',
    'seal.heading': 'Le sceau du vote',
    'seal.none': 'Ce vote n\'est pas encore scellé : ses résultats peuvent encore changer (bulletins papier en '
      + 'cours de saisie).',
    'seal.done': 'Ce vote est scellé depuis le {date} : plus rien ne peut changer ses résultats.',
    'seal.by': 'Scellé par',
    'seal.results': 'Empreinte des résultats (SHA-256)',
    'seal.receipts': 'Empreinte des reçus comptés (SHA-256)',
    'seal.chain': 'Tête de la chaîne du journal',
    'seal.lists': 'Chacun peut recalculer ces empreintes à partir des résultats et de la liste des reçus publiés.',
  },
  en: {
    'skip': 'Skip to content',
    'home': 'Urne, home',
    'language': 'Language',
    'receipt.tagline': 'Check my ballot',
    'receipt.title': 'Check my ballot',
    'receipt.intro': 'After you voted, the platform gave you a receipt of 32 characters. Paste it here to see '
      + 'whether your ballot is counted. The receipt says nothing of your choice.',
    'receipt.poll': 'Vote',
    'receipt.receipt': 'Receipt',
    'receipt.hint': '32 characters, digits and letters a to f',
    'receipt.check': 'Check',
    'receipt.footer': 'A receipt is a fingerprint of the ballot: Urne can say whether it is counted, not what it '
      + 'says nor who cast it.',
    'receipt.noPolls': 'No vote is published yet.',
    'receipt.unreachable': 'The service cannot be reached. Try again in a moment.',
    'receipt.malformed': 'A receipt has 32 characters, digits 0 to 9 and letters a to f. Check what you pasted.',
    'receipt.unknown': 'No ballot of this vote has this receipt. Check the vote you chose and the receipt you '
      + 'pasted.',
    'receipt.busy': 'The service is receiving many requests. Try again in {seconds} seconds.',
    'status.heading': 'Your ballot',
    'status.counted': 'Your ballot is counted.',
    'status.superseded': 'A later ballot of the same voter replaced this one: the later one counts.',
    'status.withdrawn': 'This ballot was taken out of the counts, at the voter\'s request.',
    'status.duplicate': 'This ballot repeats one received before: it counts once.',
    'status.stale': 'This ballot arrived after a later ballot of the same voter, which counts instead.',
    'status.rejected': 'This ballot is not counted.',
    'status.reason': 'Reason: {reason}',
    'seal.heading': 'The vote\'s seal',
    'seal.none': 'This vote is not sealed yet: its results can still change (paper ballots being entered).',
    'seal.done': 'This vote has been sealed since {date}: nothing can change its results any more.',
    'seal.by': 'Sealed by',
    'seal.results': 'Fingerprint of the results (SHA-256)',
    'seal.receipts': 'Fingerprint of the counted receipts (SHA-256)',
    'seal.chain': 'Head of the journal\'s chain',
    'seal.lists': 'Anyone can recompute these fingerprints from the published results and list of receipts.',
  },
};

function t(key, params = {}) {
  const template = MESSAGES[locale()][key] ?? MESSAGES.fr[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

/** Fetches JSON from this server; the answer's status and body (null when not JSON), or null when unreachable. */
async function getJson(path) {
  try {
    const response = await fetch(path, { headers: { Accept: 'application/json' }, cache: 'no-store' });
    const type = response.headers.get('Content-Type') || '';
    const body = type.includes('json') ? await response.json() : null;
    return { status: response.status, body, retryAfter: response.headers.get('Retry-After') };
  } catch {
    return null;
  }
}

class ReceiptPage {
  constructor() {
    this.form = document.getElementById('receipt-form');
    this.select = document.getElementById('poll');
    this.input = document.getElementById('receipt');
    this.answer = document.getElementById('answer');
    this.polls = [];
    this.shown = null;
  }

  async start() {
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.check();
    });
    const answer = await getJson('/v1/polls');
    if (answer === null || answer.status !== 200 || !Array.isArray(answer.body)) {
      this.show(() => [h('p', { class: 'banner banner--error', text: t('receipt.unreachable') })]);
      return;
    }
    this.polls = answer.body;
    if (this.polls.length === 0) {
      this.show(() => [h('p', { class: 'banner banner--info', text: t('receipt.noPolls') })]);
    }
    const asked = new URLSearchParams(location.search).get('poll');
    this.select.replaceChildren(...this.polls.map((poll) =>
      h('option', { value: poll.id, selected: poll.id === asked, text: poll.title })));
  }

  async check() {
    const pollId = this.select.value;
    const receipt = this.input.value.trim().toLowerCase();
    if (!RECEIPT.test(receipt)) {
      this.input.setAttribute('aria-invalid', 'true');
      this.show(() => [h('p', { class: 'banner banner--error', text: t('receipt.malformed') })]);
      this.input.focus();
      return;
    }
    this.input.removeAttribute('aria-invalid');
    const base = '/v1/polls/' + encodeURIComponent(pollId);
    const [status, seal] = await Promise.all([getJson(base + '/receipts/' + receipt), getJson(base + '/seal')]);
    this.show(() => [...this.statusPart(status), ...this.sealPart(seal)]);
  }

  statusPart(answer) {
    if (answer === null || answer.status >= 500) {
      return [h('p', { class: 'banner banner--error', text: t('receipt.unreachable') })];
    }
    if (answer.status === 429) {
      return [h('p', { class: 'banner banner--error', text: t('receipt.busy', { seconds: answer.retryAfter || 1 }) })];
    }
    if (answer.status !== 200 || answer.body === null) {
      return [h('p', { class: 'banner banner--error', text: t('receipt.unknown') })];
    }
    const status = answer.body.status;
    const parts = [h('h2', { text: t('status.heading') }),
      h('p', { class: status === 'counted' ? 'banner banner--info' : 'banner banner--closed',
        'data-status': status, text: t('status.' + status) })];
    if (answer.body.reason) {
      parts.push(h('p', { text: t('status.reason', { reason: answer.body.reason }) }));
    }
    return parts;
  }

  sealPart(answer) {
    if (answer === null || answer.status !== 200 || answer.body === null) {
      return answer !== null && answer.status === 404 ?
        [h('h2', { text: t('seal.heading') }), h('p', { class: 'seal-none', text: t('seal.none') })] : [];
    }
    const seal = answer.body;
    const row = (key, value) => [h('dt', { text: t(key) }), h('dd', { text: value })];
    return [
      h('h2', { text: t('seal.heading') }),
      h('p', { class: 'seal-done', text: t('seal.done', { date: formatDateTime(seal.sealedAt) }) }),
      h('dl', { class: 'digests' },
        row('seal.by', seal.by || '—'),
        row('seal.results', seal.resultsSha256),
        row('seal.receipts', seal.receiptsSha256),
        row('seal.chain', seal.chainHead)),
      h('p', { class: 'hint', text: t('seal.lists') }),
    ];
  }

  /** Shows what {@code render} builds now, and again in the other language when the visitor switches. */
  show(render) {
    this.shown = render;
    this.answer.replaceChildren(...render());
  }

  render() {
    if (this.shown !== null) {
      this.answer.replaceChildren(...this.shown());
    }
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
  document.title = 'Urne — ' + t('receipt.title');
}

function start() {
  setLocale(initialLocale(location.search, navigator.languages), false);
  translateChrome();
  const page = new ReceiptPage();
  document.querySelectorAll('[data-lang]').forEach((button) => {
    button.addEventListener('click', () => {
      setLocale(button.dataset.lang, true);
      translateChrome();
      page.render();
    });
  });
  page.start();
}

start();
