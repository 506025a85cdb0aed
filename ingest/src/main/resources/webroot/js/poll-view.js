// One poll's live results: header, banners, turnout per channel, the seal, downloads, filters, legend and table. The
// skeleton and the filter controls are built once per language; a results update only replaces the parts that show
// numbers, so keyboard focus and what the visitor typed stay where they are.

import { fold, h, replace } from './dom.js';
import {
  channelName, formatDate, formatDateTime, formatNumber, formatTime, t,
} from './i18n.js';
import { LiveResource } from './live.js';
import { priorityLegend, priorityTable } from './priority.js';
import { opinionLegend, opinionSort, opinionTable } from './opinion.js';
import { judgmentLegend, judgmentTable } from './judgment.js';
import { fillStands } from './stand-results.js';
import { fillSubjects } from './subject-results.js';

const ANNOUNCE_EVERY_MS = 30_000;

const KINDS = {
  priority: { legend: priorityLegend, table: priorityTable, noun: 'caption.priority' },
  opinion: { legend: opinionLegend, table: opinionTable, noun: 'caption.opinion' },
  judgment: { legend: judgmentLegend, table: judgmentTable, noun: 'caption.judgment' },
};

export class PollView {
  /** @param embedded framed in another site (/embed/{pollId}): no navigation, no filters, no downloads. */
  constructor(root, pollId, intervalMs, embedded = false) {
    this.root = root;
    this.pollId = pollId;
    this.embedded = embedded;
    this.base = '/v1/polls/' + encodeURIComponent(pollId);
    this.data = null;
    this.definition = null;
    this.seal = null;
    this.state = 'loading';
    this.filters = { group: '', subject: '', query: '', sort: 'definition' };
    this.lastAnnounced = 0;
    this.live = new LiveResource(this.base + '/results', intervalMs, {
      update: (json) => this.updated(json),
      state: (state, live) => this.stateChanged(state, live),
    });
  }

  start() {
    this.render();
    this.live.start();
    this.loadDefinition(0);
  }

  /**
   * The poll's definition, for the header and to know whether it declares stands; asked again, backing off, when the
   * answer does not come (a network blip, a server restarting), since without it the paper per stand never shows.
   */
  loadDefinition(attempt) {
    fetch(this.base, { headers: { Accept: 'application/json' }, cache: 'no-store' })
      .then((response) => {
        if (response.status === 404) {
          return null;
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then((definition) => {
        this.definition = definition;
        if (!this.embedded && definition && Array.isArray(definition.stands) && definition.stands.length > 0) {
          // A poll with declared stands: the same results, with the paper of each stand.
          this.live.follow(this.base + '/results?by=stand');
        }
        this.refreshHeader();
      })
      .catch(() => {
        setTimeout(() => this.loadDefinition(attempt + 1), Math.min(30_000, 1000 * 2 ** Math.min(attempt, 5)));
      });
  }

  title() {
    return (this.data?.title || this.definition?.title || this.pollId) + ' — Urne';
  }

  /** Builds everything for the current language. */
  render() {
    this.parts = {
      kind: h('span', { class: 'chip' }),
      status: h('span', { class: 'status' }),
      dates: h('span', { class: 'dates' }),
      heading: h('h1', { class: 'poll-title' }, this.data?.title || this.pollId),
      liveBar: h('p', { class: 'live-bar' }),
      banners: h('div', { class: 'banners' }),
      summary: h('div', { class: 'summary' }),
      subjects: h('details', { class: 'subjects-slot', hidden: true }),
      stands: h('details', { class: 'stands-slot', hidden: true }),
      seal: h('div', { class: 'seal-slot' }),
      controls: h('div', { class: 'controls' }),
      legend: h('div', { class: 'legend-slot' }),
      count: h('p', { class: 'result-count', role: 'status' }),
      table: h('div', { class: 'table-slot' }),
      scroll: h('div', { class: 'table-scroll', tabindex: '0', role: 'region' }),
      announcer: h('p', { class: 'visually-hidden', role: 'status', 'aria-live': 'polite' }),
    };
    const p = this.parts;
    replace(this.root,
      !this.embedded && h('nav', { class: 'crumbs', 'aria-label': t('back') }, h('a', { href: '/' }, '← ' + t('back'))),
      h('header', { class: 'poll-head' },
        h('p', { class: 'poll-head__meta' }, p.kind, p.status, p.dates),
        p.heading,
        p.liveBar),
      p.banners,
      p.summary,
      p.subjects,
      p.stands,
      p.seal,
      h('section', { class: 'results-section', 'aria-labelledby': 'results-heading' },
        h('h2', { id: 'results-heading', class: 'visually-hidden' }, t('results.heading')),
        p.controls,
        p.legend,
        p.count,
        p.table),
      p.announcer);
    this.controlsBuiltFor = null;
    this.refreshHeader();
    this.refreshLive();
    this.refreshBanners();
    this.refreshSeal();
    if (this.data) {
      this.refreshResults();
    }
    document.title = this.title();
  }

  updated(json) {
    const first = this.data === null;
    this.data = json;
    if (first) {
      this.parts.heading.textContent = json.title || this.pollId;
      document.title = this.title();
    }
    this.refreshHeader();
    this.refreshLive();
    this.refreshBanners();
    this.refreshResults();
    if (json.sealed && !this.seal) {
      this.fetchSeal();
    }
    if (!first && Date.now() - this.lastAnnounced >= ANNOUNCE_EVERY_MS) {
      this.lastAnnounced = Date.now();
      this.parts.announcer.textContent = t('live.announce', { n: formatNumber(json.ballots.total) });
    }
  }

  stateChanged(state) {
    this.state = state;
    this.refreshLive();
    this.refreshBanners();
  }

  refreshHeader() {
    const p = this.parts;
    const kind = this.data?.kind || this.definition?.kind;
    const sealed = this.data?.sealed || this.definition?.sealed;
    const status = sealed ? 'sealed' : this.data?.status || this.definition?.status;
    p.kind.textContent = kind ? t('kind.' + kind) : '';
    p.kind.hidden = !kind;
    p.status.textContent = status ? t('status.' + status) : '';
    p.status.className = 'status status--' + (status || 'unknown');
    p.status.hidden = !status;
    p.dates.textContent = this.definition ? datesText(this.definition) : '';
  }

  refreshLive() {
    const p = this.parts;
    p.liveBar.dataset.state = this.state;
    const pieces = [];
    if (this.data) {
      pieces.push(h('span', {}, t('live.updated') + t('colon'),
        h('strong', {}, this.data.updatedAt ? formatDateTime(this.data.updatedAt) : t('live.never'))));
      pieces.push(h('span', { class: 'live-bar__position' }, t('live.position') + t('colon'),
        h('strong', { 'data-position': this.data.position }, formatNumber(this.data.position))));
    }
    if (this.state === 'paused') {
      pieces.push(h('span', {}, t('live.paused')));
    } else if (this.live.lastSuccess) {
      pieces.push(h('span', { class: 'live-bar__checked' }, t('live.checked', { time: formatTime(this.live.lastSuccess) })));
    }
    replace(p.liveBar, h('span', { class: 'live-dot', 'aria-hidden': 'true' }), pieces.map((piece, i) =>
      (i === 0 ? piece : [h('span', { class: 'sep', 'aria-hidden': 'true' }, '·'), piece])));
  }

  refreshBanners() {
    const banners = [];
    if (this.state === 'offline') {
      banners.push(banner('error', 'alert', this.live.lastSuccess ?
        t('banner.offline', { time: formatTime(this.live.lastSuccess) }) : t('banner.offlineNever')));
    } else if (this.state === 'pending') {
      banners.push(banner('info', 'status', t('banner.pending')));
    } else if (this.state === 'missing') {
      banners.push(banner('error', 'alert', t('banner.missing')));
    }
    const status = this.data?.status;
    if (this.data?.sealed) {
      banners.push(banner('closed', 'status', t('banner.sealed')));
    } else if (status === 'closed') {
      banners.push(banner('info', 'status', t('banner.closed')));
    } else if (status === 'scheduled') {
      banners.push(banner('info', 'status', t('banner.scheduled')));
    }
    if (this.data && this.data.countsPublished === false) {
      banners.push(banner('info', 'status', t('banner.embargo.' + this.data.publication)));
    }
    replace(this.parts.banners, banners);
  }

  /** The seal of a sealed poll: what garants print and sign, and what anyone can check the results against. */
  fetchSeal() {
    fetch(this.base + '/seal', { headers: { Accept: 'application/json' } })
      .then((response) => (response.ok ? response.json() : null))
      .then((seal) => {
        this.seal = seal;
        this.refreshSeal();
      })
      .catch(() => {});
  }

  refreshSeal() {
    const seal = this.seal;
    if (!seal) {
      replace(this.parts.seal);
      return;
    }
    const row = (label, value) => [h('dt', {}, label), h('dd', { class: 'seal__value' }, value)];
    replace(this.parts.seal, h('section', { class: 'seal', 'aria-labelledby': 'seal-heading' },
      h('h2', { id: 'seal-heading', class: 'section-title' }, t('seal.heading')),
      h('dl', { class: 'seal__list' },
        row(t('seal.at'), formatDateTime(seal.sealedAt)),
        row(t('seal.position'), formatNumber(seal.position)),
        row(t('seal.results'), h('code', {}, seal.resultsSha256)),
        row(t('seal.receipts'), h('code', {}, seal.receiptsSha256)),
        row(t('seal.chain'), h('code', {}, seal.chainHead))),
      !this.embedded && h('p', {}, h('a', { href: this.base + '/receipts' }, t('seal.receiptsList')))));
  }

  refreshResults() {
    const data = this.data;
    const kind = KINDS[data.kind];
    if (!kind) {
      return;
    }
    if (data.countsPublished === false) {
      // Embargoed: turnout only, no table, legend, filter or download until the counts are published.
      replace(this.parts.controls);
      replace(this.parts.legend);
      replace(this.parts.table);
      this.parts.count.textContent = '';
      this.controlsBuiltFor = null;
      replace(this.parts.summary, this.buildSummary(data));
      fillSubjects(this.parts.subjects, data);
      fillStands(this.parts.stands, data);
      return;
    }
    if (this.controlsBuiltFor !== data) {
      if (!this.controlsBuiltFor) {
        replace(this.parts.controls, this.embedded ? [] : this.buildControls(data));
        replace(this.parts.legend, kind.legend(data));
      }
      this.controlsBuiltFor = data;
    }
    replace(this.parts.summary, this.buildSummary(data));
    fillSubjects(this.parts.subjects, data);
    fillStands(this.parts.stands, data);
    this.refreshTable();
  }

  refreshTable() {
    const data = this.data;
    const kind = KINDS[data.kind];
    const items = this.visibleItems(data);
    let caption = t(kind.noun, { n: formatNumber(data.items.length) });
    if (items.length !== data.items.length) {
      caption += t('caption.filtered', { shown: formatNumber(items.length) });
    }
    this.parts.count.textContent = t('filter.count',
      { shown: formatNumber(items.length), total: formatNumber(data.items.length) });
    if (items.length === 0) {
      replace(this.parts.table, h('p', { class: 'empty' }, t('filter.none')));
      return;
    }
    // The scroll box stays across updates (focus and scroll position with it); it is focusable and named by the
    // caption, so a keyboard can scroll it when the table overflows (a phone).
    const scroll = this.parts.scroll;
    scroll.setAttribute('aria-label', caption);
    replace(scroll, kind.table(data, items, caption));
    if (scroll.parentNode !== this.parts.table) {
      replace(this.parts.table, scroll);
    }
  }

  visibleItems(data) {
    const { group, subject, query } = this.filters;
    const needle = fold(query.trim());
    let items = data.items.filter((item) => (!group || item.group === group) &&
      (!subject || item.subject === subject) &&
      (!needle || fold(item.title).includes(needle) || String(item.id) === needle));
    if (data.kind === 'opinion') {
      items = opinionSort(items, this.filters.sort);
    }
    return items;
  }

  buildSummary(data) {
    const cards = data.channels.map((channel) => stat(channelName(channel), data.ballots[channel] || 0, 'ch-' + channel));
    cards.push(stat(t('channel.total'), data.ballots.total, 'stat--total'));
    if (typeof data.participants === 'number') {
      // Opinion polls: opinions are one per voter and proposal, so how many people gave them is a figure of its own.
      cards.push(stat(t('participants.total'), data.participants, 'stat--participants'));
    }
    const withheld = data.countsPublished === false;
    if (data.kind === 'opinion' && !withheld) {
      cards.push(stat(t('arguments.total'), data.items.reduce((sum, item) => sum + item.arguments, 0), 'stat--arguments'));
    }
    const csv = this.base + '/results.csv';
    const json = this.base + '/results';
    return [
      h('section', { class: 'turnout', 'aria-labelledby': 'turnout-heading' },
        h('h2', { id: 'turnout-heading', class: 'section-title' }, t(data.kind === 'opinion' ? 'turnout.votes' : 'turnout.ballots')),
        h('dl', { class: 'stats' }, cards)),
      !this.embedded && !withheld && h('section', { class: 'downloads', 'aria-labelledby': 'downloads-heading' },
        h('h2', { id: 'downloads-heading', class: 'section-title' }, t('download.heading')),
        h('ul', { class: 'downloads__list' },
          h('li', {}, h('a', { class: 'button', href: csv, download: this.pollId + '-results.csv', type: 'text/csv' },
            t('download.csv'))),
          h('li', {}, h('a', { class: 'button', href: json, download: this.pollId + '-results.json',
            type: 'application/json' }, t('download.json'))))),
    ];
  }

  buildControls(data) {
    const groups = unique(data.items.map((item) => item.group));
    const controls = [];
    const form = h('form', { class: 'filters', role: 'search', onsubmit: (event) => event.preventDefault() });
    if (groups.length > 1) {
      const subjectSelect = h('select', { id: 'filter-subject', name: 'subject' });
      const fillSubjects = () => {
        const subjects = unique(data.items.filter((item) => !this.filters.group || item.group === this.filters.group)
          .map((item) => item.subject));
        if (!subjects.includes(this.filters.subject)) {
          this.filters.subject = '';
        }
        replace(subjectSelect, h('option', { value: '' }, t('filter.allSubjects')),
          subjects.map((subject) => h('option', { value: subject, selected: subject === this.filters.subject }, subject)));
        subjectSelect.value = this.filters.subject;
        subjectSelect.disabled = subjects.length === 0;
      };
      const groupSelect = h('select', {
        id: 'filter-group',
        name: 'group',
        onchange: () => {
          this.filters.group = groupSelect.value;
          fillSubjects();
          this.refreshTable();
        },
      }, h('option', { value: '' }, t('filter.all')),
      groups.map((group) => h('option', { value: group, selected: group === this.filters.group }, group)));
      groupSelect.value = this.filters.group;
      subjectSelect.addEventListener('change', () => {
        this.filters.subject = subjectSelect.value;
        this.refreshTable();
      });
      fillSubjects();
      form.append(
        field('filter-group', t('filter.group'), groupSelect),
        field('filter-subject', t('filter.subject'), subjectSelect));
    }
    const search = h('input', {
      id: 'filter-search',
      name: 'q',
      type: 'search',
      autocomplete: 'off',
      spellcheck: 'false',
      placeholder: t('filter.searchPlaceholder'),
      value: this.filters.query,
      oninput: () => {
        this.filters.query = search.value;
        this.refreshTable();
      },
    });
    form.append(field('filter-search', t('filter.search'), search, 'field--grow'));
    if (data.kind === 'opinion') {
      const sort = h('select', {
        id: 'filter-sort',
        name: 'sort',
        onchange: () => {
          this.filters.sort = sort.value;
          this.refreshTable();
        },
      }, ['definition', 'votes', 'for'].map((order) =>
        h('option', { value: order, selected: order === this.filters.sort }, t('sort.' + order))));
      form.append(field('filter-sort', t('filter.sort'), sort));
    }
    controls.push(form);
    return controls;
  }

  stop() {
    this.live.stop();
  }
}

function field(id, label, control, className) {
  return h('div', { class: ['field', className] }, h('label', { for: id }, label), control);
}

function stat(label, value, className) {
  return h('div', { class: ['stat', className] },
    h('dt', {}, label),
    h('dd', {}, formatNumber(value)));
}

function banner(kind, role, text) {
  return h('div', { class: 'banner banner--' + kind, role }, h('p', {}, text));
}

function unique(values) {
  return [...new Set(values.filter(Boolean))];
}

export function datesText(poll) {
  if (poll.opensAt && poll.closesAt) {
    return t('dates.range', { from: formatDate(poll.opensAt), to: formatDate(poll.closesAt) });
  }
  if (poll.opensAt) {
    return t(poll.status === 'scheduled' ? 'dates.opens' : 'dates.from', { from: formatDate(poll.opensAt) });
  }
  if (poll.closesAt) {
    return t('dates.until', { to: formatDate(poll.closesAt) });
  }
  return '';
}
