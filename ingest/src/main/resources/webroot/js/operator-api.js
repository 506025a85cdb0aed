// The entry screens' client of this server's API: the token goes as a Bearer header (never in an address), every
// answer comes back as { ok, status, body, message } where message is what to show the agent when it is not ok:
// a problem+json answer's detail and the fields it names, or a sentence for a service that cannot be reached.

import { t } from './operator-messages.js';

const TIMEOUT_MS = 15_000;

export class Api {
  /** @param onSignedOut called when the server no longer knows the token (401). */
  constructor(token, onSignedOut) {
    this.token = token;
    this.onSignedOut = onSignedOut;
  }

  get(path) {
    return this.request('GET', path);
  }

  post(path, body) {
    return this.request('POST', path, body);
  }

  put(path, body) {
    return this.request('PUT', path, body);
  }

  async request(method, path, body) {
    const headers = { Accept: 'application/json, application/problem+json', Authorization: 'Bearer ' + this.token };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: 'no-store',
        signal: abort.signal,
      });
    } catch {
      return { ok: false, status: 0, body: null, message: t('error.unreachable') };
    } finally {
      clearTimeout(timer);
    }
    const type = response.headers.get('Content-Type') || '';
    let json = null;
    if (type.includes('json')) {
      try {
        json = await response.json();
      } catch {
        json = null;
      }
    }
    if (response.ok) {
      return { ok: true, status: response.status, body: json, message: '' };
    }
    if (response.status === 401 && this.onSignedOut) {
      this.onSignedOut();
    }
    return { ok: false, status: response.status, body: json, message: problemMessage(response, json) };
  }
}

/** What a refusal says to the agent: the problem's detail, then each field it names with its message. */
export function problemMessage(response, problem) {
  if (response.status === 429 || response.status === 503) {
    const seconds = response.headers.get('Retry-After') || '1';
    const detail = problem && problem.detail ? problem.detail + ' — ' : '';
    return detail + t('error.busy', { seconds });
  }
  if (!problem || typeof problem.detail !== 'string') {
    return t('error.status', { status: response.status });
  }
  const fields = Array.isArray(problem.errors) ? problem.errors
    .filter((error) => error && error.message)
    .map((error) => (error.field ? error.field + ': ' + error.message : error.message)) : [];
  const detail = fields.length > 0 ? problem.detail + ' (' + fields.join('; ') + ')' : problem.detail;
  return t('error.refused', { detail });
}
