// A member's phone page (/room/{assembly}/phone#code=...): one big button per card in a consent round, a grade per
// option in a judgment round, up to k choices in an approval round, sent with the member's device code. It follows
// the room live and reconnects by itself; when another phone connects with the same code, this one is told and
// stops (the newer wins). The code is kept in this browser so that a reload needs no retyping.

import { h } from './dom.js';
import { assemblyId, cardClass, follow, fragment, meaning, setUpLanguage, t } from './room-live.js';

const assembly = assemblyId();
const storageKey = `urne.room.${assembly}.code`;
const section = document.getElementById('round');
const answer = document.getElementById('answer');
const connection = document.getElementById('connection');
const form = document.getElementById('code-form');
let last = null;
let shownRound = null;
let code = null;
let phone = null;
let stop = null;

function stored() {
  try {
    return localStorage.getItem(storageKey);
  } catch {
    return null;
  }
}

function remember(value) {
  try {
    localStorage.setItem(storageKey, value);
  } catch {
    // Private browsing may refuse storage: the code then lasts for this page only.
  }
}

async function send(body) {
  const current = last.round;
  try {
    const response = await fetch(`/v1/assemblies/${encodeURIComponent(assembly)}/rounds/${current.roundId}/cards`, {
      method: 'POST',
      headers: phone === null ? { Authorization: `Bearer ${code}`, 'Content-Type': 'application/json' } :
        { Authorization: `Bearer ${code}`, 'Content-Type': 'application/json', 'Urne-Phone': String(phone) },
      body: JSON.stringify(body),
    });
    if (response.ok) {
      answer.textContent = current.kind === 'consent' ? '' : t('phone.sent');
      return;
    }
    const problem = await response.json().catch(() => ({}));
    answer.textContent = t('phone.error', { detail: problem.detail ?? response.status });
  } catch {
    answer.textContent = t('room.reconnecting');
  }
}

function render(force) {
  if (last === null) {
    return;
  }
  const me = last.member;
  document.getElementById('title').textContent = t('phone.hello', { name: me.name });
  const current = last.round;
  // Rebuilt only when what this phone shows changed: other members' cards would otherwise redraw the buttons under
  // a finger about to press one (and a half-filled judgment form under its author).
  const key = current ? `${current.roundId}/${current.status}/${me.present}/${me.card}` : `none/${me.present}`;
  if (!force && key === shownRound) {
    return;
  }
  shownRound = key;
  if (!me.present) {
    section.replaceChildren(h('p', { class: 'banner', text: t('phone.absent') }));
  } else if (!current) {
    section.replaceChildren(h('p', { class: 'status', text: t('room.waiting') }));
  } else if (current.status !== 'open') {
    section.replaceChildren(h('p', { class: 'status', text: t('phone.closed') }));
  } else if (current.kind === 'consent') {
    section.replaceChildren(...consent(current, me));
  } else {
    section.replaceChildren(secret(current));
  }
}

function consent(current, me) {
  const mine = last.cards.find((card) => card.id === me.card);
  return [
    h('p', { class: 'proposal', text: current.text }),
    h('div', { class: 'buttons' }, last.cards.map((card) => h('button', {
      type: 'button', class: cardClass(card.id), 'aria-pressed': String(card.id === me.card), text: meaning(card),
      onclick: () => send({ card: card.id }),
    }))),
    h('p', { class: 'mine', text: mine ? t('phone.mine', { card: meaning(mine) }) : t('phone.none') }),
  ];
}

function secret(current) {
  const fields = current.options.map((option) => {
    const id = `option-${option.id}`;
    if (current.kind === 'judgment') {
      return h('label', { class: 'field', for: id }, option.title,
        h('select', { id, name: option.id }, current.grades.map((grade, index) =>
          h('option', { value: String(index), text: grade }))));
    }
    return h('label', { class: 'field', for: id }, h('input', { id, type: 'checkbox', name: option.id }), ' ',
      option.title);
  });
  const vote = h('form', { onsubmit: (event) => {
    event.preventDefault();
    if (current.kind === 'judgment') {
      const grades = {};
      for (const select of vote.querySelectorAll('select')) {
        grades[select.name] = Number(select.value);
      }
      send({ grades });
    } else {
      send({ choices: [...vote.querySelectorAll('input:checked')].map((input) => input.name) });
    }
  } }, h('p', { class: 'status', text: current.kind === 'judgment' ? t('room.judgment') :
    t('room.approval', { choose: current.choose }) }), fields,
  h('button', { type: 'submit', class: 'submit', text: t('phone.send') }));
  return vote;
}

function start(value) {
  code = value.trim();
  remember(code);
  form.hidden = true;
  stop = follow(assembly, code, {
    onState: (state) => {
      last = state;
      render(false);
    },
    onStatus: (status) => {
      connection.textContent = status === 'live' ? t('room.connected') :
        status === 'refused' ? t('room.refused') : t('room.reconnecting');
      if (status === 'refused') {
        stop();
        form.hidden = false;
      }
    },
    onPhone: (number) => {
      phone = number;
    },
    onReplaced: () => {
      section.replaceChildren(h('p', { class: 'banner', text: t('phone.replaced') }));
      connection.textContent = '';
    },
  });
}

setUpLanguage(() => render(true));
form.addEventListener('submit', (event) => {
  event.preventDefault();
  start(document.getElementById('code').value);
});
const known = fragment('code') || stored();
if (known) {
  start(known);
} else {
  form.hidden = false;
}
