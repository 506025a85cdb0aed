// The projector page (/room/{assembly}#token=...): the current round of an assembly, live, for the whole room to
// read: a consent round's count of each card and whether consent is reached; a judgment or approval round's
// participation, then its ranking once closed. Nobody's card or vote is shown here, only counts.

import { h } from './dom.js';
import { assemblyId, cardClass, follow, fragment, meaning, setUpLanguage, t } from './room-live.js';

const round = document.getElementById('round');
const connection = document.getElementById('connection');
let last = null;

function render() {
  if (last === null) {
    return;
  }
  document.getElementById('assembly-name').textContent = last.name;
  document.title = `Urne — ${last.name}`;
  const current = last.round;
  if (!current) {
    round.replaceChildren(h('p', { class: 'status', text: t('room.waiting') }));
    return;
  }
  const status = t(current.status === 'open' ? 'room.open' : 'room.closed', { round: current.roundId });
  const parts = current.kind === 'consent' ? consent(current) : secret(current);
  round.replaceChildren(h('p', { class: 'status', text: status }), ...parts.filter(Boolean));
}

function consent(current) {
  const meanings = Object.fromEntries(last.cards.map((card) => [card.id, meaning(card)]));
  return [
    h('p', { class: 'status', text: t('room.version', { version: current.version }) }),
    h('p', { class: 'proposal', text: current.text }),
    current.answers ? h('p', { class: 'answers', text: t('room.answers', { answers: current.answers }) }) : null,
    h('ul', { class: 'counts' }, last.cards.map((card) => h('li', { class: ['count', cardClass(card.id)] },
      h('span', { class: 'count__n', text: String(current.counts[card.id] ?? 0) }),
      h('span', { class: 'count__label', text: meanings[card.id] })))),
    h('p', { class: 'tally', text: t('room.raised', { raised: current.raised, present: current.present }) }),
    current.consent ? h('p', { class: 'consent', text: t('room.consent') }) :
      h('p', { class: 'tally', text: t('room.noConsent') }),
  ];
}

function secret(current) {
  const heading = current.kind === 'judgment' ? t('room.judgment') : t('room.approval', { choose: current.choose });
  const parts = [h('p', { class: 'proposal', text: heading }),
    h('p', { class: 'tally', text: t('room.voted', { voted: current.voted, present: current.present }) })];
  if (!current.ranking) {
    parts.push(h('p', { class: 'tally', text: t('room.hidden') }),
      h('ul', { class: 'options' }, current.options.map((option) => h('li', { text: option.title }))));
    return parts;
  }
  parts.push(h('ol', { class: 'ranking' }, current.ranking.map((option) => h('li', {},
    h('span', { class: 'rank', text: String(option.rank) }),
    h('span', { text: option.title }),
    h('span', { class: 'grade', text: current.kind === 'judgment' ? (option.majorityGradeLabel ?? '—') :
      t('room.approvals', { n: option.approvals }) })))));
  return parts;
}

function status(state) {
  connection.textContent = state === 'live' ? t('room.connected') :
    state === 'refused' ? t('room.refused') : t('room.reconnecting');
}

setUpLanguage(render);
const token = fragment('token');
if (!token) {
  round.replaceChildren(h('p', { class: 'banner', text: t('room.noToken') }));
} else {
  follow(assemblyId(), token, {
    onState: (state) => {
      last = state;
      render();
    },
    onStatus: status,
    onPhone: () => {},
    onReplaced: () => {},
  });
}
