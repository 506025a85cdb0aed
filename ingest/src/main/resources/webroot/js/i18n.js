// Messages and locale-aware formatting. French is the default; English is available. The choice comes from, in
// order: ?lang= in the address, the visitor's earlier choice (localStorage), navigator.languages (which is what the
// browser sends as Accept-Language), and French otherwise.

export const LOCALES = ['fr', 'en'];
const DEFAULT_LOCALE = 'fr';
const STORAGE_KEY = 'urne.lang';

const MESSAGES = {
  fr: {
    'skip': 'Aller au contenu',
    'home': 'Urne, accueil',
    'tagline': 'Résultats en direct',
    'language': 'Langue',
    'loading': 'Chargement des résultats…',
    'footer': 'Chaque chiffre est recalculé à partir du journal des bulletins, qui ne fait que s\'allonger : '
      + 'un recomptage donne toujours le même résultat.',
    'list.title': 'Votes et consultations',
    'list.intro': 'Les résultats se mettent à jour tout seuls pendant le vote, bulletin après bulletin.',
    'list.empty': 'Aucun vote n\'est publié pour l\'instant.',
    'list.unreachable': 'Le service est injoignable. La liste sera chargée dès qu\'il répondra.',
    'list.open': 'Voir les résultats',
    'list.ballots': '{n} bulletins comptés',
    'kind.priority': 'Priorisation',
    'kind.opinion': 'Consultation',
    'kind.judgment': 'Jugement majoritaire',
    'status.open': 'En cours',
    'status.closed': 'Clos',
    'status.scheduled': 'À venir',
    'dates.from': 'Ouvert depuis le {from}',
    'dates.range': 'Du {from} au {to}',
    'dates.until': 'Jusqu\'au {to}',
    'dates.opens': 'Ouvre le {from}',
    'back': 'Tous les votes',
    'channel.paper': 'Papier',
    'channel.digital': 'Numérique',
    'channel.total': 'Total',
    'turnout.ballots': 'Bulletins comptés',
    'turnout.votes': 'Votes comptés',
    'results.heading': 'Résultats',
    'colon': '\u00a0: ',
    'arguments.total': 'Arguments',
    'live.updated': 'Mis à jour',
    'live.position': 'Position du journal',
    'live.checked': 'Vérifié à {time}',
    'live.never': 'aucun bulletin',
    'live.paused': 'Mise à jour en pause (onglet masqué)',
    'live.announce': 'Résultats mis à jour : {n} bulletins.',
    'banner.closed': 'Ce vote est clos, le papier est en cours de dépouillement : les résultats ci-dessous peuvent '
      + 'encore changer.',
    'banner.sealed': 'Ce vote est scellé : les résultats ci-dessous sont définitifs.',
    'banner.embargo.at-close': 'Les résultats de ce vote seront publiés à sa clôture. Seule la participation est '
      + 'affichée d\'ici là.',
    'banner.embargo.at-seal': 'Les résultats de ce vote seront publiés une fois le dépouillement terminé et le vote '
      + 'scellé. Seule la participation est affichée d\'ici là.',
    'status.sealed': 'Définitif',
    'seal.heading': 'Scellé',
    'seal.at': 'Scellé le',
    'seal.position': 'Position du scellé dans le journal',
    'seal.chain': 'Empreinte du journal (chaîne)',
    'seal.results': 'Empreinte des résultats (SHA-256 du CSV)',
    'seal.receipts': 'Empreinte des reçus comptés (SHA-256)',
    'seal.receiptsList': 'Liste des reçus comptés',
    'banner.scheduled': 'Ce vote n\'est pas encore ouvert : les résultats apparaîtront dès les premiers bulletins.',
    'banner.offline': 'Le service est injoignable. Les chiffres affichés sont ceux du {time} ; nouvel essai '
      + 'automatique.',
    'banner.offlineNever': 'Le service est injoignable. Nouvel essai automatique.',
    'banner.pending': 'Les résultats de ce vote sont en cours de publication ; ils s\'afficheront dans un instant.',
    'banner.missing': 'Aucun vote ne porte cet identifiant.',
    'download.heading': 'Télécharger',
    'download.csv': 'Résultats en CSV',
    'download.json': 'Résultats en JSON',
    'filter.heading': 'Filtrer',
    'filter.group': 'Transition',
    'filter.subject': 'Thème',
    'item.details': 'Présentation détaillée',
    'item.link': 'En savoir plus',
    'item.hidden': 'Proposition masquée par la modération',
    'participants.total': 'Participants',
    'arguments.read': 'Lire les arguments ({n})',
    'arguments.stances': 'Position',
    'arguments.loading': 'Chargement des arguments…',
    'arguments.failed': 'Les arguments n’ont pas pu être chargés.',
    'arguments.none': 'Aucun argument pour cette position.',
    'arguments.more': 'Plus d’arguments',
    'status.item.withdrawn': 'retirée',
    'status.item.hidden': 'masquée',
    'subjects.summary': 'Les avis par thème ({n} thèmes)',
    'subjects.caption': 'Avis par thème, tous canaux',
    'subjects.subject': 'Thème',
    'subjects.items': 'Propositions',
    'subjects.total': 'Total',
    'filter.all': 'Toutes',
    'filter.allSubjects': 'Tous',
    'filter.search': 'Rechercher dans les titres',
    'filter.searchPlaceholder': 'ex. : vélo, arbres…',
    'filter.sort': 'Ordre',
    'filter.count': '{shown} sur {total} affichées',
    'filter.none': 'Aucun résultat ne correspond à ces filtres.',
    'filter.reset': 'Effacer les filtres',
    'sort.definition': 'Ordre de la consultation',
    'sort.votes': 'Nombre de votes',
    'sort.for': 'Part de « pour »',
    'col.rank': 'Rang',
    'col.number': 'N°',
    'col.action': 'Action',
    'col.proposal': 'Proposition',
    'col.for': 'Pour',
    'col.mixed': 'Mitigé',
    'col.against': 'Contre',
    'col.total': 'Total',
    'col.arguments': 'Arguments',
    'col.majority': 'Mention majoritaire',
    'col.voters': 'Votants',
    'caption.priority': 'Classement des {n} actions par nombre total de voix, papier et numérique',
    'caption.opinion': 'Avis sur les {n} propositions : pour, mitigé, contre',
    'caption.judgment': 'Classement des {n} actions au jugement majoritaire',
    'caption.filtered': ' — {shown} affichées',
    'bar.channels': '{parts}',
    'bar.share': '{label} : {n} ({pct})',
    'bar.noVotes': 'Aucune voix',
    'legend.channels': 'Voix par canal',
    'legend.choices': 'Avis',
    'legend.grades': 'Mentions, de la pire à la meilleure',
    'legend.median': 'Le trait marque la médiane : la mention majoritaire est celle qu\'il traverse.',
    'grade.none': 'Aucune',
    'rank.tied': 'ex æquo',
    'error.title': 'Une erreur est survenue',
    'stands.summary': 'Le papier stand par stand ({n} stands)',
    'stands.caption': 'Bulletins et voix papier par stand',
    'stands.ballots': 'Bulletins papier',
    'stands.paperTotal': 'Papier, total',
    'stands.opinion': '{for} pour · {mixed} mitigé · {against} contre',
  },
  en: {
    'skip': 'Skip to content',
    'home': 'Urne, home',
    'tagline': 'Live results',
    'language': 'Language',
    'loading': 'Loading results…',
    'footer': 'Every number is recomputed from the ballot journal, which only ever grows: a recount always '
      + 'gives the same result.',
    'list.title': 'Votes and consultations',
    'list.intro': 'Results update by themselves while the vote runs, ballot after ballot.',
    'list.empty': 'No vote is published yet.',
    'list.unreachable': 'The service cannot be reached. The list will load as soon as it answers.',
    'list.open': 'See the results',
    'list.ballots': '{n} ballots counted',
    'kind.priority': 'Prioritisation',
    'kind.opinion': 'Consultation',
    'kind.judgment': 'Majority judgment',
    'status.open': 'Open',
    'status.closed': 'Closed',
    'status.scheduled': 'Scheduled',
    'dates.from': 'Open since {from}',
    'dates.range': 'From {from} to {to}',
    'dates.until': 'Until {to}',
    'dates.opens': 'Opens on {from}',
    'back': 'All votes',
    'channel.paper': 'Paper',
    'channel.digital': 'Digital',
    'channel.total': 'Total',
    'turnout.ballots': 'Ballots counted',
    'turnout.votes': 'Votes counted',
    'results.heading': 'Results',
    'colon': ': ',
    'arguments.total': 'Arguments',
    'live.updated': 'Updated',
    'live.position': 'Journal position',
    'live.checked': 'Checked at {time}',
    'live.never': 'no ballot yet',
    'live.paused': 'Updates paused (tab hidden)',
    'live.announce': 'Results updated: {n} ballots.',
    'banner.closed': 'This vote is closed, counting paper: the results below may still change.',
    'banner.sealed': 'This vote is sealed: the results below are final.',
    'banner.embargo.at-close': 'The results of this vote will be published when it closes. Until then only turnout '
      + 'is shown.',
    'banner.embargo.at-seal': 'The results of this vote will be published once the count is over and the vote is '
      + 'sealed. Until then only turnout is shown.',
    'status.sealed': 'Final',
    'seal.heading': 'Sealed',
    'seal.at': 'Sealed on',
    'seal.position': 'Position of the seal in the journal',
    'seal.chain': 'Journal fingerprint (chain)',
    'seal.results': 'Results fingerprint (SHA-256 of the CSV)',
    'seal.receipts': 'Counted receipts fingerprint (SHA-256)',
    'seal.receiptsList': 'List of counted receipts',
    'banner.scheduled': 'This vote is not open yet: results will appear with the first ballots.',
    'banner.offline': 'The service cannot be reached. The numbers shown are those of {time}; retrying '
      + 'automatically.',
    'banner.offlineNever': 'The service cannot be reached. Retrying automatically.',
    'banner.pending': 'The results of this vote are being published; they will show in a moment.',
    'banner.missing': 'There is no vote with this identifier.',
    'download.heading': 'Download',
    'download.csv': 'Results as CSV',
    'download.json': 'Results as JSON',
    'filter.heading': 'Filter',
    'filter.group': 'Transition',
    'filter.subject': 'Subject',
    'item.details': 'Details',
    'item.link': 'Read more',
    'item.hidden': 'Proposal hidden by moderation',
    'participants.total': 'Participants',
    'arguments.read': 'Read the arguments ({n})',
    'arguments.stances': 'Stance',
    'arguments.loading': 'Loading the arguments…',
    'arguments.failed': 'The arguments could not be loaded.',
    'arguments.none': 'No argument for this stance.',
    'arguments.more': 'More arguments',
    'status.item.withdrawn': 'withdrawn',
    'status.item.hidden': 'hidden',
    'subjects.summary': 'Opinions by subject ({n} subjects)',
    'subjects.caption': 'Opinions by subject, all channels',
    'subjects.subject': 'Subject',
    'subjects.items': 'Proposals',
    'subjects.total': 'Total',
    'filter.all': 'All',
    'filter.allSubjects': 'All',
    'filter.search': 'Search the titles',
    'filter.searchPlaceholder': 'e.g. bike, trees…',
    'filter.sort': 'Order',
    'filter.count': '{shown} of {total} shown',
    'filter.none': 'No result matches these filters.',
    'filter.reset': 'Clear filters',
    'sort.definition': 'Consultation order',
    'sort.votes': 'Number of votes',
    'sort.for': 'Share of “for”',
    'col.rank': 'Rank',
    'col.number': 'No.',
    'col.action': 'Action',
    'col.proposal': 'Proposal',
    'col.for': 'For',
    'col.mixed': 'Mixed',
    'col.against': 'Against',
    'col.total': 'Total',
    'col.arguments': 'Arguments',
    'col.majority': 'Majority grade',
    'col.voters': 'Voters',
    'caption.priority': 'Ranking of the {n} actions by total votes, paper and digital',
    'caption.opinion': 'Opinions on the {n} proposals: for, mixed, against',
    'caption.judgment': 'Ranking of the {n} actions by majority judgment',
    'caption.filtered': ' — {shown} shown',
    'bar.channels': '{parts}',
    'bar.share': '{label}: {n} ({pct})',
    'bar.noVotes': 'No votes',
    'legend.channels': 'Votes by channel',
    'legend.choices': 'Opinion',
    'legend.grades': 'Grades, worst to best',
    'legend.median': 'The line marks the median: the majority grade is the one it crosses.',
    'grade.none': 'None',
    'rank.tied': 'tied',
    'error.title': 'Something went wrong',
    'stands.summary': 'Paper stand by stand ({n} stands)',
    'stands.caption': 'Paper ballots and votes per stand',
    'stands.ballots': 'Paper ballots',
    'stands.paperTotal': 'Paper, total',
    'stands.opinion': '{for} for · {mixed} mixed · {against} against',
  },
};

let current = DEFAULT_LOCALE;
const numberFormats = new Map();

/** The locale to start with (see the top of this file). */
export function initialLocale(search, languages) {
  const asked = new URLSearchParams(search).get('lang');
  if (LOCALES.includes(asked)) {
    return asked;
  }
  const stored = readStored();
  if (LOCALES.includes(stored)) {
    return stored;
  }
  for (const tag of languages || []) {
    const language = String(tag).toLowerCase().split('-')[0];
    if (LOCALES.includes(language)) {
      return language;
    }
  }
  return DEFAULT_LOCALE;
}

export function locale() {
  return current;
}

export function setLocale(next, remember) {
  current = LOCALES.includes(next) ? next : DEFAULT_LOCALE;
  if (remember) {
    try {
      localStorage.setItem(STORAGE_KEY, current);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }
}

function readStored() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

/** The message {@code key} in the current locale, with {name} placeholders replaced. */
export function t(key, params = {}) {
  const template = MESSAGES[current][key] ?? MESSAGES[DEFAULT_LOCALE][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
}

export function formatNumber(value) {
  return numberFormat('int', { maximumFractionDigits: 0 }).format(value);
}

export function formatPercent(fraction) {
  const digits = fraction > 0 && fraction < 0.1 ? 1 : 0;
  return numberFormat('pct' + digits, { style: 'percent', maximumFractionDigits: digits }).format(fraction);
}

function numberFormat(name, options) {
  const key = current + ':' + name;
  if (!numberFormats.has(key)) {
    numberFormats.set(key, new Intl.NumberFormat(current, options));
  }
  return numberFormats.get(key);
}

/** The calendar date as the organiser wrote it (2022-06-01T00:00:00+02:00 is 1 June wherever the visitor is). */
export function formatDate(iso) {
  const [year, month, day] = String(iso).slice(0, 10).split('-').map(Number);
  return new Intl.DateTimeFormat(current, { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
    .format(new Date(Date.UTC(year, month - 1, day)));
}

export function formatDateTime(value) {
  return new Intl.DateTimeFormat(current, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(value));
}

export function formatTime(value) {
  return new Intl.DateTimeFormat(current, { timeStyle: 'medium' }).format(new Date(value));
}

/** A channel's display name: the known ones translated, others as the poll names them. */
export function channelName(channel) {
  const key = 'channel.' + channel;
  const text = t(key);
  return text === key ? channel : text;
}
