// What an agent types for one paper ballot, read into the API's ballot content, for each kind of poll:
//   priority  the ticked items' numbers, separated by anything but digits: "14 21 3"
//   opinion   one proposal and its opinion: "12 +", "12+" (+ for, = mixed, - against; also p/f, m, c/a)
//   judgment  number:grade pairs, grade 0 = the worst: "1:4 2:0" (an item left out gets the poll's missingGrade)
// The answer is { content, summary } or { error }; the server checks the rest (how many selections, the window).

import { t } from './operator-messages.js';

const CHOICES = { '+': 'for', 'p': 'for', 'f': 'for', '=': 'mixed', 'm': 'mixed', '-': 'against', 'c': 'against',
  'a': 'against' };

export function readBallot(definition, text) {
  const typed = String(text || '').trim();
  if (typed === '') {
    return { error: t('type.err.empty') };
  }
  const items = new Map((definition.items || []).map((item) => [item.id, item]));
  if (definition.kind === 'opinion') {
    return readOpinion(items, typed);
  }
  if (definition.kind === 'judgment') {
    return readJudgment(items, definition.grades || [], typed);
  }
  return readPriority(items, typed);
}

function readPriority(items, typed) {
  const selections = [];
  for (const part of typed.split(/[^0-9]+/).filter(Boolean)) {
    const id = Number(part);
    if (!items.has(id)) {
      return { error: t('type.err.unknownItem', { item: part }) };
    }
    if (selections.includes(id)) {
      return { error: t('type.err.repeated', { item: part }) };
    }
    selections.push(id);
  }
  if (selections.length === 0) {
    return { error: t('type.err.syntax', { part: typed }) };
  }
  return { content: { selections }, summary: selections.join(', ') };
}

function readOpinion(items, typed) {
  const match = /^(\d+)\s*([+=\-pfmca])$/i.exec(typed);
  if (!match) {
    return { error: /^\d+\s*[+=\-pfmca]\s+\d/i.test(typed) ? t('type.err.oneProposal') :
      t('type.err.syntax', { part: typed }) };
  }
  const id = Number(match[1]);
  if (!items.has(id)) {
    return { error: t('type.err.unknownItem', { item: match[1] }) };
  }
  const choice = CHOICES[match[2].toLowerCase()];
  return { content: { item: id, choice }, summary: id + ' ' + t('choice.' + choice) };
}

function readJudgment(items, grades, typed) {
  const chosen = {};
  const summary = [];
  for (const part of typed.split(/[\s,;]+/).filter(Boolean)) {
    const match = /^(\d+)[:=.](\d+)$/.exec(part);
    if (!match) {
      return { error: t('type.err.syntax', { part }) };
    }
    const id = Number(match[1]);
    const grade = Number(match[2]);
    if (!items.has(id)) {
      return { error: t('type.err.unknownItem', { item: match[1] }) };
    }
    if (String(id) in chosen) {
      return { error: t('type.err.repeated', { item: match[1] }) };
    }
    if (grade >= grades.length) {
      return { error: t('type.err.unknownGrade', { grade: match[2], max: grades.length - 1 }) };
    }
    chosen[String(id)] = grade;
    summary.push(id + ' ' + grades[grade]);
  }
  return { content: { grades: chosen }, summary: summary.join(', ') };
}

/** The hint under the ballot field: how to type a ballot of this poll. */
export function ballotHint(definition) {
  if (definition.kind === 'opinion') {
    return t('type.hint.opinion');
  }
  if (definition.kind === 'judgment') {
    const grades = (definition.grades || []).map((grade, index) => index + ' ' + grade).join(', ');
    return t('type.hint.judgment', { grades });
  }
  return t('type.hint.priority', { min: definition.minSelections ?? 1,
    max: definition.maxSelections ?? (definition.items || []).length });
}

/** A ballot id of the agent's own, fixed for the ballot until it is acknowledged, so a retry counts once. */
export function newBallotId(stand) {
  const bytes = new Uint8Array(8);
  crypto.getRandomValues(bytes);
  const random = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  const prefix = String(stand || 'paper').replace(/[^A-Za-z0-9_-]/g, '').slice(0, 40) || 'paper';
  return prefix + '-' + random;
}
