// Keeps one results document fresh. Every few seconds it asks again with If-None-Match: an unchanged poll costs a
// 304 with no body. It stops while the tab is hidden (visibilitychange) and asks at once when the tab comes back or
// the network returns. Failures back off up to a ceiling; a closed poll is final, so it is then asked rarely.

const TIMEOUT_MS = 10_000;
const MAX_BACKOFF_MS = 30_000;
const CLOSED_INTERVAL_MS = 60_000;

export class LiveResource {
  /**
   * @param url        the resource to keep fresh.
   * @param intervalMs the time between two checks while all is well.
   * @param listener   { update(json, response), state(state) }: state is one of loading, live, paused,
   *                   offline, pending (503: not published yet), missing (404).
   */
  constructor(url, intervalMs, listener) {
    this.url = url;
    this.intervalMs = intervalMs;
    this.listener = listener;
    this.etag = null;
    this.data = null;
    this.failures = 0;
    this.timer = null;
    this.inFlight = null;
    this.lastSuccess = null;
    this.stopped = false;
    this.onVisibility = () => this.visibilityChanged();
    this.onOnline = () => this.checkNow();
  }

  start() {
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('online', this.onOnline);
    this.setState('loading');
    this.checkNow();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.timer);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('online', this.onOnline);
  }

  visibilityChanged() {
    if (document.visibilityState === 'hidden') {
      clearTimeout(this.timer);
      this.timer = null;
      this.setState('paused');
    } else {
      this.checkNow();
    }
  }

  /**
   * Keeps another resource fresh from now on. An answer still in flight for the old one is dropped when it lands, so
   * neither its body nor its ETag (which the new resource may share, and then answer 304) is kept, and the new one
   * is asked for at once.
   */
  follow(url) {
    this.url = url;
    this.etag = null;
    this.checkNow();
  }

  checkNow() {
    clearTimeout(this.timer);
    this.timer = null;
    if (!this.stopped && !this.inFlight && document.visibilityState !== 'hidden') {
      const url = this.url;
      this.inFlight = this.check(url).finally(() => {
        this.inFlight = null;
        if (url === this.url) {
          this.scheduleNext();
        } else {
          this.checkNow();
        }
      });
    }
  }

  scheduleNext() {
    if (this.stopped || document.visibilityState === 'hidden') {
      return;
    }
    let delay = this.intervalMs;
    if (this.failures > 0) {
      delay = Math.min(MAX_BACKOFF_MS, this.intervalMs * 2 ** Math.min(this.failures - 1, 5));
    } else if (this.data && this.data.status === 'closed') {
      delay = Math.max(this.intervalMs, CLOSED_INTERVAL_MS);
    }
    this.timer = setTimeout(() => this.checkNow(), delay);
  }

  async check(url) {
    const headers = { Accept: 'application/json' };
    if (this.etag) {
      headers['If-None-Match'] = this.etag;
    }
    const abort = new AbortController();
    const timeout = setTimeout(() => abort.abort(), TIMEOUT_MS);
    let response;
    try {
      // no-store: the page does its own revalidation, so a 304 reaches this code instead of the HTTP cache.
      response = await fetch(url, { headers, cache: 'no-store', signal: abort.signal });
    } catch {
      this.failed('offline');
      return;
    } finally {
      clearTimeout(timeout);
    }
    if (url !== this.url) {
      return;
    }
    if (response.status === 304 && this.data) {
      this.succeeded();
      return;
    }
    if (response.status === 200) {
      let json;
      try {
        json = await response.json();
      } catch {
        this.failed('offline');
        return;
      }
      if (url !== this.url) {
        // Followed another resource while the body was read: its ETag must not be sent for the new one.
        return;
      }
      this.etag = response.headers.get('ETag');
      this.data = json;
      this.succeeded();
      this.listener.update(json);
      return;
    }
    if (response.status === 404) {
      this.failures = 0;
      this.setState('missing');
      this.stop();
      return;
    }
    this.failed(response.status === 503 && !this.data ? 'pending' : 'offline');
  }

  succeeded() {
    this.failures = 0;
    this.lastSuccess = new Date();
    this.setState('live');
  }

  failed(state) {
    this.failures += 1;
    this.setState(state);
  }

  setState(state) {
    this.state = state;
    this.listener.state(state, this);
  }
}
