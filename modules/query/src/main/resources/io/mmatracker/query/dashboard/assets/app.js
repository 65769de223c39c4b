// mma-tracker dashboard. Framework-free on purpose (see modules/query/README.md): one module, no build step, nothing
// fetched from outside the tracker. It reads only the tracker's own HTTP API and /events (read with fetch() so that a
// bearer token can be sent; EventSource cannot send headers).

const TOKEN_KEY = 'mma-tracker.token';
const PAGE_SIZE = 50;
const MAX_EVENTS = 2000;
const MAX_ALERTS = 1000;
const SEGMENT = { JOB: 'jobs', TABLE: 'tables', SCAN: 'scans', ASYNC_TASK: 'asyncTasks' };
const OBJECT_NAME = { jobs: 'Job', tables: 'Table', scans: 'Metadata scan', asyncTasks: 'Async task' };
const TABLE_STATUSES = ['INIT', 'DOING', 'DONE', 'PART_DONE', 'FAILED'];
const JOB_STATUSES = ['INIT', 'DOING', 'DONE', 'FAILED'];

// ---------------------------------------------------------------------------------------------- state

const state = {
  events: [],               // recent status changes and alerts, oldest first
  seen: new Set(),          // event ids already handled (a resumed stream may repeat a few)
  alerts: new Map(),        // alertId -> the newest record of that alert
  sources: new Set(),       // source ids seen on the stream: the fleet when the API has no source list
  lastEventId: null,
  stats: { events: 0, flushes: 0, lastFlushMs: 0, maxFlushMs: 0, connects: 0 },
  errors: [],               // the last script errors, for the browser test and bug reports
};
window.addEventListener('error', (e) => { state.errors.push(String(e.message)); state.errors.splice(0, state.errors.length - 20); });
window.addEventListener('unhandledrejection', (e) => { state.errors.push(String(e.reason)); state.errors.splice(0, state.errors.length - 20); });
window.mmaDashboard = state; // for the browser test and for curious operators

// ---------------------------------------------------------------------------------------------- DOM helpers

function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}
const statusBadge = (s) => h('span', { class: 'status s-' + (s || 'NONE') }, s || '—');
const fmtTime = (iso) => (iso ? new Date(iso).toLocaleString() : '—');
const fmtNum = (n) => (n === null || n === undefined ? '—' : Number(n).toLocaleString());

function ago(iso) {
  const s = Math.max(0, Math.round((Date.now() - new Date(iso).getTime()) / 1000));
  if (s < 90) return s + ' s ago';
  if (s < 5400) return Math.round(s / 60) + ' min ago';
  if (s < 172800) return Math.round(s / 3600) + ' h ago';
  return Math.round(s / 86400) + ' days ago';
}

/** "observed 4 s ago", kept current by the ticker; marked when a standby (stale) copy answered. */
function freshness(answer) {
  const el = h('span', { class: 'fresh' + (answer.stale ? ' stale' : ''), 'data-stale': answer.stale ? 'true' : 'false' });
  if (answer.observedAt) {
    el.dataset.observed = answer.observedAt;
    el.title = 'read from MMA at ' + fmtTime(answer.observedAt) + (answer.servedBy ? ', served by ' + answer.servedBy : '');
  }
  renderFreshness(el);
  return el;
}
function renderFreshness(el) {
  const parts = [];
  if (el.dataset.observed) parts.push('observed ' + ago(el.dataset.observed));
  if (el.dataset.stale === 'true') parts.push('stale copy');
  el.textContent = parts.join(' · ');
}
setInterval(() => document.querySelectorAll('.fresh[data-observed]').forEach(renderFreshness), 1000);

/** A stacked bar of done / doing / failed (and part-done) out of total; the rest is waiting. */
function bar(label, total, parts) {
  const box = h('div', { class: 'bar', role: 'img' });
  const legend = [];
  for (const [cls, name, n] of parts) {
    if (!n) continue;
    box.append(h('span', { class: cls, style: 'width:' + (total ? (100 * n) / total : 0).toFixed(2) + '%' }));
    legend.push(h('b', { class: cls }, fmtNum(n) + ' ' + name), ' ');
  }
  box.setAttribute('aria-label', label + ': ' + parts.map(([, name, n]) => (n || 0) + ' ' + name).join(', ') + ' of ' + total);
  return h('div', { class: 'barbox' },
    h('div', { class: 'bar-label' }, h('span', {}, label), h('span', {}, fmtNum(total))), box,
    h('div', { class: 'legend' }, legend.length ? legend : 'nothing yet'));
}

function errorBox(answer) {
  const b = answer.body || {};
  const text = b.Code ? b.Code + ': ' + b.Message : 'HTTP ' + answer.status;
  return h('div', { class: 'error', 'data-status': answer.status }, text,
    answer.status === 503 ? ' — the tracker is starting or rebalancing; retrying.' : '');
}

// ---------------------------------------------------------------------------------------------- API

class AuthNeeded extends Error {}

function authHeaders(extra) {
  const headers = Object.assign({}, extra);
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = 'Bearer ' + token;
  return headers;
}

async function get(path) {
  let res;
  try {
    res = await fetch(path, { headers: authHeaders({ Accept: 'application/json' }), cache: 'no-store' });
  } catch (e) {
    return { ok: false, status: 0, body: { Code: 'NetworkError', Message: 'the tracker cannot be reached' } };
  }
  if (res.status === 401 || res.status === 403) {
    askForToken(res.status);
    throw new AuthNeeded('HTTP ' + res.status);
  }
  let body = null;
  try { body = await res.json(); } catch (e) { /* not JSON */ }
  return {
    ok: res.ok, status: res.status, body, data: body ? body.data : null,
    observedAt: res.headers.get('X-MMA-Observed-At'),
    stale: res.headers.get('X-MMA-Stale') === 'true',
    servedBy: res.headers.get('X-MMA-Served-By'),
  };
}

/** The data sources: MMA's ListMmsDataSources when the tracker serves it, else the ones seen on the event stream. */
async function listSources() {
  const answer = await get('/api/v1/mms/datasources');
  if (answer.ok && answer.data && Array.isArray(answer.data.objectList)) {
    return { ids: answer.data.objectList.map((s) => String(s.id)), fromStream: false };
  }
  if (answer.status === 404) {
    return { ids: [...state.sources].sort(), fromStream: true };
  }
  return { error: answer };
}

// ---------------------------------------------------------------------------------------------- token prompt

let tokenWaiters = [];
function askForToken(status) {
  const prompt = document.getElementById('token-prompt');
  document.getElementById('token-reason').textContent = status
    ? 'The tracker answered ' + status + (status === 401 ? ': it needs a bearer token.' : ': this token may not read that.')
      + ' Kept in this browser tab only (sessionStorage).'
    : 'Kept in this browser tab only (sessionStorage).';
  prompt.hidden = false;
  document.getElementById('token-input').focus();
}
function tokenChanged() {
  return new Promise((resolve) => tokenWaiters.push(resolve));
}
document.getElementById('token-button').addEventListener('click', () => {
  const prompt = document.getElementById('token-prompt');
  if (prompt.hidden) askForToken(null); else prompt.hidden = true;
});
document.getElementById('token-form').addEventListener('submit', (e) => {
  e.preventDefault();
  const value = document.getElementById('token-input').value.trim();
  if (value) sessionStorage.setItem(TOKEN_KEY, value);
  document.getElementById('token-input').value = '';
  document.getElementById('token-prompt').hidden = true;
  const waiters = tokenWaiters; tokenWaiters = [];
  waiters.forEach((w) => w());
  restartStream();
  route();
});
document.getElementById('token-clear').addEventListener('click', () => {
  sessionStorage.removeItem(TOKEN_KEY);
  document.getElementById('token-prompt').hidden = true;
});

// ---------------------------------------------------------------------------------------------- event stream

let streamAbort = null;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function setLive(on, text) {
  const el = document.getElementById('live');
  el.className = 'live ' + (on ? 'on' : 'off');
  el.textContent = text;
}

function restartStream() {
  if (streamAbort) streamAbort.abort();
}

/**
 * Reads /events for ever: on the first connect it asks for the newest 500 buffered events (replay=500), on every
 * reconnect it resumes after the last event seen (Last-Event-ID). A stream that stays silent longer than three
 * keep-alive intervals is taken for dead and reopened; a tracker restart ends the stream and the loop reconnects.
 */
async function followEvents() {
  let backoff = 1000;
  for (;;) {
    const controller = new AbortController();
    streamAbort = controller;
    let watchdog = null;
    const arm = () => { clearTimeout(watchdog); watchdog = setTimeout(() => controller.abort(), 50000); };
    try {
      const sent = sessionStorage.getItem(TOKEN_KEY);
      const headers = authHeaders({ Accept: 'text/event-stream' });
      let url = '/events';
      if (state.lastEventId) headers['Last-Event-ID'] = state.lastEventId; else url += '?replay=500';
      arm();
      const res = await fetch(url, { headers, cache: 'no-store', signal: controller.signal });
      if (res.status === 401 || res.status === 403) {
        clearTimeout(watchdog);
        // a token entered while this request was out: try it rather than asking again
        if (sessionStorage.getItem(TOKEN_KEY) !== sent) continue;
        setLive(false, 'needs token');
        askForToken(res.status);
        await tokenChanged();
        continue;
      }
      if (!res.ok || !res.body) throw new Error('HTTP ' + res.status);
      state.stats.connects++;
      setLive(true, 'live');
      backoff = 1000;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        arm();
        buffer += value;
        let end;
        while ((end = buffer.search(/\r?\n\r?\n/)) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + (buffer[end] === '\r' ? 4 : 2));
          parseBlock(block);
        }
      }
    } catch (e) {
      // aborted by the watchdog or a new token, or the tracker went away: reconnect below
    }
    clearTimeout(watchdog);
    setLive(false, 'reconnecting…');
    await sleep(backoff);
    backoff = Math.min(backoff * 2, 10000);
  }
}

function parseBlock(block) {
  let event = 'message'; let id = null; const data = [];
  for (const line of block.split(/\r?\n/)) {
    if (!line || line.startsWith(':')) continue;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') event = value;
    else if (field === 'data') data.push(value);
    else if (field === 'id') id = value;
  }
  if (id) state.lastEventId = id;
  if (!data.length || (id && state.seen.has(id))) return;
  let record;
  try { record = JSON.parse(data.join('\n')); } catch (e) { return; }
  if (id) state.seen.add(id);
  pending.push({ type: event, id, record });
  if (!flushScheduled) { flushScheduled = true; setTimeout(flush, 100); }
}

let pending = [];
let flushScheduled = false;

/** Applies the events that arrived since the last flush in one go: one DOM update per 100 ms at most. */
function flush() {
  const started = performance.now();
  flushScheduled = false;
  const batch = pending; pending = [];
  for (const e of batch) {
    state.stats.events++;
    const r = e.record;
    if (r.sourceId !== undefined && r.sourceId !== null) state.sources.add(String(r.sourceId));
    state.events.push(e);
    if (e.type === 'alert' && r.alertId) {
      state.alerts.delete(r.alertId); // re-insert: the map keeps arrival order, newest last
      state.alerts.set(r.alertId, r);
      if (state.alerts.size > MAX_ALERTS) state.alerts.delete(state.alerts.keys().next().value);
    }
  }
  if (state.events.length > MAX_EVENTS) state.events.splice(0, state.events.length - MAX_EVENTS);
  if (state.seen.size > 4 * MAX_EVENTS) state.seen = new Set(state.events.map((e) => e.id));
  updateAlertBadge();
  if (current && current.onEvents) current.onEvents(batch);
  const ms = performance.now() - started;
  state.stats.flushes++;
  state.stats.lastFlushMs = ms;
  state.stats.maxFlushMs = Math.max(state.stats.maxFlushMs, ms);
}

function updateAlertBadge() {
  let firing = 0;
  for (const a of state.alerts.values()) if (a.state === 'FIRING') firing++;
  const badge = document.getElementById('alert-badge');
  badge.hidden = firing === 0;
  badge.textContent = firing;
}

/** Alerts newest first: by the time of their newest record, then by arrival. */
function alertsNewestFirst(filter) {
  const list = [...state.alerts.values()].reverse().filter(filter || (() => true));
  return list.sort((a, b) => new Date(b.observedAt) - new Date(a.observedAt));
}

function objectLink(r) {
  const segment = SEGMENT[r.kind];
  const label = (r.name || r.key) + (r.kind ? ' (' + r.kind.toLowerCase().replace('_', ' ') + ')' : '');
  if (!segment) return h('a', { href: '#/source/' + r.sourceId }, label);
  return h('a', { href: '#/object/' + segment + '/' + r.sourceId + '/' + r.objectId }, label);
}

function alertItem(a) {
  return h('li', { class: a.state, 'data-alert-id': a.alertId, 'data-key': a.key, 'data-state': a.state },
    h('div', { class: 'row' }, h('span', {}, statusBadge(a.state), ' ', h('b', {}, a.type)),
      h('span', { class: 'muted', title: a.observedAt }, fmtTime(a.observedAt))),
    h('div', {}, objectLink(a), a.status ? [' ', statusBadge(a.status)] : null),
    a.errorMessage ? h('div', { class: 'msg' }, a.errorMessage) : null);
}

function changeItem(c) {
  return h('li', { 'data-key': c.key },
    h('div', { class: 'row' }, h('span', {}, objectLink(c)), h('span', { class: 'muted', title: c.observedAt }, fmtTime(c.observedAt))),
    h('div', {}, c.changeType, ' ', c.fromStatus && c.changeType !== 'PROGRESS' ? [statusBadge(c.fromStatus), ' → '] : null,
      c.toStatus ? statusBadge(c.toStatus) : null, ' ', progressText(c.toProgress)));
}

function progressText(p) {
  if (!p) return '';
  if (p.taskNum !== undefined) return (p.taskDone || 0) + ' / ' + p.taskNum + ' tasks';
  if (p.partitions !== undefined) return (p.partitionsDone || 0) + ' / ' + p.partitions + ' partitions';
  if (p.progress !== undefined) return 'progress ' + p.progress;
  return '';
}

// ---------------------------------------------------------------------------------------------- views

let current = null;

function every(ms, fn) {
  const t = setInterval(fn, ms);
  return () => clearInterval(t);
}

/** Runs fn once, `ms` after the first of any number of calls: bursts of events cost one reload, however long they last. */
function throttle(ms, fn) {
  let t = null;
  const wrapped = () => { if (t === null) t = setTimeout(() => { t = null; fn(); }, ms); };
  wrapped.cancel = () => { clearTimeout(t); t = null; };
  return wrapped;
}

/** Fleet: every data source with its status and progress, plus the newest alerts. */
function fleetView(root) {
  const cards = h('div', { class: 'cards', id: 'fleet' });
  const note = h('div', { id: 'fleet-note' });
  const recent = h('ul', { class: 'alerts', id: 'recent-alerts' });
  root.append(h('div', { class: 'layout' },
    h('section', {}, h('h1', {}, 'Fleet'), note, cards),
    h('aside', {}, h('h2', {}, 'Newest alerts ', h('a', { href: '#/alerts', class: 'muted' }, '(all)')), recent)));
  let first = true;
  let known = new Set();

  function renderRecent() {
    const list = alertsNewestFirst().slice(0, 10);
    recent.replaceChildren(...(list.length ? list.map(alertItem) : [h('li', { class: 'RESOLVED muted' }, 'No alerts seen.')]));
  }

  async function load() {
    const sources = await listSources();
    if (sources.error) { cards.replaceChildren(errorBox(sources.error)); return; }
    note.replaceChildren(sources.fromStream
      ? h('p', { class: 'note' }, 'This tracker does not list data sources; showing the sources seen on its event stream.')
      : '');
    known = new Set(sources.ids);
    const rendered = await Promise.all(sources.ids.map(sourceCard));
    cards.replaceChildren(...(rendered.length ? rendered : [h('p', { class: 'muted' }, 'No data sources yet.')]));
    // the first render that shows the fleet (without a source list, the sources come with the first events)
    if (first && (sources.ids.length > 0 || !sources.fromStream)) {
      first = false;
      performance.mark('mma-fleet-rendered');
      document.body.dataset.fleetRendered = String(sources.ids.length);
    }
  }
  renderRecent();
  load().catch(ignoreAuth);
  const refresh = throttle(1000, () => load().catch(ignoreAuth));
  const stop = every(5000, refresh);
  return {
    onEvents(batch) {
      if (batch.some((e) => e.type === 'alert')) renderRecent();
      const isNewSource = [...state.sources].some((id) => !known.has(id));
      if (isNewSource && known.size === 0) load().catch(ignoreAuth); // nothing shown yet: at once
      else if (isNewSource || batch.some((e) => e.type === 'alert' || e.record.kind === 'DATA_SOURCE')) refresh();
    },
    dispose() { stop(); refresh.cancel(); },
  };
}

async function sourceCard(id) {
  const [ds, summary] = await Promise.all([get('/api/v1/mms/datasources/' + id), get('/api/v1/mms/datasources/' + id + '/summary')]);
  const card = h('article', { class: 'card', 'data-source-id': id });
  if (!ds.ok && !summary.ok) { card.append(h('h3', {}, 'Source ' + id), errorBox(ds)); return card; }
  const d = ds.data || {};
  const s = summary.data || {};
  const name = d.name || s.sourceName || 'source ' + id;
  card.append(h('div', { class: 'row' },
    h('h3', {}, h('a', { href: '#/source/' + id }, name)), d.status ? statusBadge(d.status) : null));
  card.append(h('div', { class: 'row muted' }, h('span', {}, id + (d.type ? ' · ' + d.type : '') + (d.region ? ' · ' + d.region : '')),
    freshness(ds.ok ? ds : summary)));
  if (summary.ok) {
    const jobs = s.jobsByStatus || {};
    const tables = s.tablesByStatus || {};
    const sum = (m) => Object.values(m).reduce((a, b) => a + b, 0);
    card.append(bar('Jobs', sum(jobs), [['done', 'done', jobs.DONE], ['doing', 'doing', jobs.DOING], ['failed', 'failed', jobs.FAILED]]));
    card.append(bar('Tables', sum(tables), [['done', 'done', tables.DONE], ['part', 'part done', tables.PART_DONE],
      ['doing', 'doing', tables.DOING], ['failed', 'failed', tables.FAILED]]));
    card.append(bar('Partitions', s.partitionsTotal || 0, [['done', 'done', s.partitionsDone], ['doing', 'doing', s.partitionsDoing],
      ['failed', 'failed', s.partitionsFailed]]));
    card.append(h('div', { class: 'row', style: 'margin-top:8px' },
      h('a', { href: '#/alerts?source=' + id, class: 'open-alerts', 'data-open-alerts': s.openAlerts || 0 },
        (s.openAlerts || 0) + ' open alert' + (s.openAlerts === 1 ? '' : 's')),
      summary.stale ? h('span', { class: 'fresh stale' }, 'summary from a stale copy') : null));
  } else {
    card.append(summary.status === 404 ? h('p', { class: 'muted' }, 'No jobs or tables tracked yet.') : errorBox(summary));
  }
  return card;
}

/**
 * A paged list of one kind of a source's objects (`jobs`, `tables`): a status filter, first / previous / a page number
 * / next / last, and the page as a table; ids are `<segment>-status`, `<segment>-page`, ... Each page is one list
 * request (the tracker reads it from its list index, whatever its number).
 */
function pagedList(sourceId, segment, statuses, noun, header, row) {
  const status = h('select', { id: segment + '-status', 'aria-label': noun + ' status' },
    h('option', { value: '' }, 'all statuses'), statuses.map((s) => h('option', { value: s }, s)));
  const pageInput = h('input', { id: segment + '-page', type: 'number', min: 1, value: 1, style: 'width:6em', 'aria-label': noun + ' page' });
  const pagesText = h('span', { id: segment + '-pages', class: 'muted' });
  const totalText = h('span', { id: segment + '-total', class: 'muted' });
  const buttons = {
    first: h('button', { id: segment + '-first', type: 'button' }, '« First'),
    prev: h('button', { id: segment + '-prev', type: 'button' }, '‹ Prev'),
    next: h('button', { id: segment + '-next', type: 'button' }, 'Next ›'),
    last: h('button', { id: segment + '-last', type: 'button' }, 'Last »'),
  };
  const body = h('div', { id: segment }, h('p', { class: 'muted' }, 'Loading ' + noun + 's…'));
  const toolbar = h('div', { class: 'toolbar' }, status, buttons.first, buttons.prev, 'page', pageInput, pagesText, buttons.next,
    buttons.last, totalText);
  let page = 1; let pages = 1; let loading = 0;

  async function load() {
    const mine = ++loading;
    Object.values(buttons).forEach((b) => { b.disabled = true; });
    const filter = status.value ? '&status=' + encodeURIComponent(status.value) : '';
    const answer = await get('/api/v1/mms/datasources/' + sourceId + '/' + segment + '?pageSize=' + PAGE_SIZE + '&pageNum=' + page + filter);
    if (mine !== loading) return;
    if (!answer.ok) { body.replaceChildren(errorBox(answer)); return; }
    const total = answer.data.total || 0;
    pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
    totalText.textContent = fmtNum(total) + ' ' + noun + (total === 1 ? '' : 's');
    totalText.dataset.total = total;
    pagesText.textContent = 'of ' + fmtNum(pages);
    pageInput.value = page;
    pageInput.max = pages;
    buttons.first.disabled = buttons.prev.disabled = page <= 1;
    buttons.next.disabled = buttons.last.disabled = page >= pages;
    const rows = (answer.data.objectList || []).map((o) => h('tr', { 'data-key': sourceId + '/' + o.id, 'data-status': o.status }, row(o)));
    body.replaceChildren(h('div', { class: 'table-wrap', 'data-page': page },
      h('table', {}, h('thead', {}, h('tr', {}, header)),
        h('tbody', {}, rows.length ? rows : h('tr', {}, h('td', { colspan: header.length, class: 'muted' },
          status.value ? 'No ' + noun + 's with this status.' : 'No ' + noun + 's.'))))),
    answer.stale ? h('p', { class: 'fresh stale' }, 'from a stale copy') : '');
  }

  function goTo(p) { page = Math.min(Math.max(1, p), pages); load().catch(ignoreAuth); }
  status.addEventListener('change', () => { page = 1; load().catch(ignoreAuth); });
  buttons.first.addEventListener('click', () => goTo(1));
  buttons.prev.addEventListener('click', () => goTo(page - 1));
  buttons.next.addEventListener('click', () => goTo(page + 1));
  buttons.last.addEventListener('click', () => goTo(pages));
  pageInput.addEventListener('change', () => goTo(parseInt(pageInput.value, 10) || 1));
  return { toolbar, body, load };
}

/** Source: its jobs with task progress and its tables, each by status with paging; its recent changes. */
function sourceView(root, id) {
  const head = h('div', { id: 'source-head' }, h('h1', {}, 'Source ' + id));
  const jobs = pagedList(id, 'jobs', JOB_STATUSES, 'job',
    [h('th', {}, 'Job'), h('th', {}, 'Status'), h('th', {}, 'Progress'), h('th', { class: 'hide-narrow' }, 'Databases')],
    (j) => [
      h('td', {}, h('a', { href: '#/object/jobs/' + id + '/' + j.id }, j.name || j.id), h('div', { class: 'muted' }, j.id)),
      h('td', {}, statusBadge(j.status), j.stopped ? ' stopped' : ''),
      h('td', {}, (j.taskDone || 0) + ' / ' + (j.taskNum || 0) + ' tasks',
        h('div', { class: 'bar' }, h('span', { class: j.status === 'FAILED' ? 'failed' : j.status === 'DONE' ? 'done' : 'doing',
          style: 'width:' + (j.taskNum ? (100 * (j.taskDone || 0)) / j.taskNum : 0).toFixed(1) + '%' }))),
      h('td', { class: 'hide-narrow' }, (j.srcDbName || '') + ' → ' + (j.dstDbName || ''))]);
  const tables = pagedList(id, 'tables', TABLE_STATUSES, 'table',
    [h('th', {}, 'Table'), h('th', {}, 'Status'), h('th', {}, 'Partitions')],
    (t) => [
      h('td', {}, h('a', { href: '#/object/tables/' + id + '/' + t.id }, (t.dbName ? t.dbName + '.' : '') + t.name), h('div', { class: 'muted' }, t.id)),
      h('td', {}, statusBadge(t.status)),
      h('td', {}, t.hasPartitions ? bar('partitions', t.partitions || 0, [['done', 'done', t.partitionsDone],
        ['doing', 'doing', t.partitionsDoing], ['failed', 'failed', t.partitionsFailed]]) : h('span', { class: 'muted' }, 'not partitioned'))]);
  const changes = h('ul', { class: 'alerts changes', id: 'source-changes' });
  root.append(h('p', {}, h('a', { href: '#/' }, '← Fleet')), head,
    h('div', { class: 'layout' },
      h('section', {},
        h('h2', {}, 'Jobs'), jobs.toolbar, jobs.body,
        h('h2', {}, 'Tables'), tables.toolbar, tables.body),
      h('aside', {}, h('h2', {}, 'Recent changes'), changes)));

  async function loadHead() {
    const ds = await get('/api/v1/mms/datasources/' + id);
    if (!ds.ok) { head.replaceChildren(h('h1', {}, 'Source ' + id), errorBox(ds)); return; }
    head.replaceChildren(h('div', { class: 'row' }, h('h1', {}, ds.data.name || 'Source ' + id), statusBadge(ds.data.status)),
      h('div', { class: 'row muted' }, h('span', {}, id + ' · ' + (ds.data.type || '') + ' · ' + (ds.data.region || '')), freshness(ds)));
  }

  function renderChanges() {
    const mine = state.events.filter((e) => String(e.record.sourceId) === String(id)).slice(-30).reverse();
    changes.replaceChildren(...(mine.length ? mine.map((e) => (e.type === 'alert' ? alertItem(e.record) : changeItem(e.record)))
      : [h('li', { class: 'muted' }, 'No changes seen since this page opened.')]));
  }

  loadHead().catch(ignoreAuth);
  jobs.load().catch(ignoreAuth);
  tables.load().catch(ignoreAuth);
  renderChanges();
  const refreshJobs = throttle(1000, () => { jobs.load().catch(ignoreAuth); loadHead().catch(ignoreAuth); });
  const stop = every(5000, refreshJobs);
  return {
    onEvents(batch) {
      if (batch.some((e) => String(e.record.sourceId) === String(id))) {
        renderChanges();
        if (batch.some((e) => e.record.kind === 'JOB' || e.record.kind === 'DATA_SOURCE')) refreshJobs();
      }
    },
    dispose() { stop(); refreshJobs.cancel(); },
  };
}

/** Object: MMA's JSON of one job, table, scan or async task, and its history. */
function objectView(root, segment, sourceId, id) {
  const base = '/api/v1/mms/datasources/' + sourceId + '/' + segment + '/' + id;
  const head = h('div', {}, h('h1', {}, OBJECT_NAME[segment] + ' ' + id));
  const history = h('div', { id: 'history' }, h('p', { class: 'muted' }, 'Loading history…'));
  const json = h('pre', { class: 'json', id: 'object-json' }, '…');
  root.append(h('p', {}, h('a', { href: '#/source/' + sourceId }, '← Source ' + sourceId)), head,
    h('div', { class: 'layout' }, h('section', {}, h('h2', {}, 'History'), history), h('aside', {}, h('h2', {}, 'As MMA shows it'), json)));

  async function load() {
    const [object, past] = await Promise.all([get(base), get(base + '/history')]);
    if (object.ok) {
      const o = object.data;
      head.replaceChildren(h('div', { class: 'row' }, h('h1', {}, OBJECT_NAME[segment] + ' ' + (o.name ? o.name + ' ' : '') + id),
        statusBadge(o.status)), h('div', { class: 'muted' }, freshness(object)));
      json.textContent = JSON.stringify(o, null, 2);
    } else {
      head.replaceChildren(h('h1', {}, OBJECT_NAME[segment] + ' ' + id), errorBox(object));
      json.textContent = '';
    }
    if (!past.ok) { history.replaceChildren(errorBox(past)); return; }
    const rows = past.data.entries.map((e) => h('tr', { 'data-event': e.event, 'data-to-status': e.toStatus || e.status || '' },
      h('td', { title: e.observedAt }, fmtTime(e.observedAt)),
      h('td', {}, e.event === 'alert' ? [statusBadge(e.state), ' ', e.type] : e.changeType),
      h('td', {}, e.event === 'alert' ? [e.status ? statusBadge(e.status) : null, ' ', e.errorMessage || '']
        : [e.fromStatus ? [statusBadge(e.fromStatus), ' → '] : null, statusBadge(e.toStatus), ' ', progressText(e.toProgress)])));
    history.replaceChildren(h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'When'), h('th', {}, 'What'), h('th', {}, 'Detail'))), h('tbody', {}, rows))),
    h('p', { class: 'muted' }, past.data.total + ' entries, newest first (the tracker keeps the newest 200) ', freshness(past)));
  }
  load().catch(ignoreAuth);
  const refresh = throttle(500, () => load().catch(ignoreAuth));
  const key = sourceId + '/' + id;
  return {
    onEvents(batch) { if (batch.some((e) => e.record.key === key && SEGMENT[e.record.kind] === segment)) refresh(); },
    dispose() { refresh.cancel(); },
  };
}

/** Alerts: firing and resolved, newest first, live. */
function alertsView(root, params) {
  const source = params.get('source');
  const filter = h('select', { id: 'alerts-filter', 'aria-label': 'alert state' },
    h('option', { value: '' }, 'firing and resolved'), h('option', { value: 'FIRING' }, 'firing'), h('option', { value: 'RESOLVED' }, 'resolved'));
  const list = h('ul', { class: 'alerts', id: 'alerts-list' });
  const count = h('span', { class: 'muted' });
  root.append(h('h1', {}, 'Alerts' + (source ? ' of source ' + source : '')),
    h('div', { class: 'toolbar' }, filter, count, source ? h('a', { href: '#/alerts' }, 'all sources') : null), list,
    h('p', { class: 'muted' }, 'Alerts since this tracker instance started buffering events (its last 10,000 events), then live.'));
  function render() {
    const shown = alertsNewestFirst((a) => (!filter.value || a.state === filter.value) && (!source || String(a.sourceId) === source));
    count.textContent = shown.length + ' alert' + (shown.length === 1 ? '' : 's');
    list.replaceChildren(...shown.slice(0, 300).map(alertItem));
  }
  filter.addEventListener('change', render);
  render();
  return { onEvents(batch) { if (batch.some((e) => e.type === 'alert')) render(); } };
}

function ignoreAuth(e) {
  if (!(e instanceof AuthNeeded)) { console.error(e); state.errors.push(String(e && e.stack || e)); }
}

function route() {
  if (current && current.dispose) current.dispose();
  const root = document.getElementById('view');
  root.replaceChildren();
  const [path, query] = (location.hash.slice(1) || '/').split('?');
  const params = new URLSearchParams(query || '');
  const parts = path.split('/').filter(Boolean);
  document.querySelectorAll('[data-nav]').forEach((a) => a.classList.toggle('active',
    a.dataset.nav === (parts[0] === 'alerts' ? 'alerts' : 'fleet')));
  if (parts[0] === 'source' && /^\d+$/.test(parts[1] || '')) current = sourceView(root, parts[1]);
  else if (parts[0] === 'object' && OBJECT_NAME[parts[1]] && /^\d+$/.test(parts[2] || '') && /^\d+$/.test(parts[3] || '')) {
    current = objectView(root, parts[1], parts[2], parts[3]);
  } else if (parts[0] === 'alerts') current = alertsView(root, params);
  else current = fleetView(root);
}

window.addEventListener('hashchange', route);
route();
followEvents();
