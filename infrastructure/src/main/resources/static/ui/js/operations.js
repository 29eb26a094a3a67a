// Operations (ADMIN): the streaming projections — status, position against the store's head, lag,
// segments and their owners, parked events, last error — refreshed every 2 s while the tab is
// visible, with Replay (reset to the start of the store) and blue/green Rebuild per projection; and
// the dead-letter queue with Retry and Evict. Rows are updated in place, so a live refresh never
// moves keyboard focus off a button.
import { api, ApiError } from '/ui/js/api.js';
import { busy, el, formatDuration, showError, showStatus, startPage } from '/ui/js/page.js';

const REFRESH_MS = 2000;

await startPage();
const field = (name) => document.getElementById(name);
const rows = new Map();
const deadLetters = field('dead-letters');
const liveToggle = field('live-toggle');
let head = 0;
let live = true;
let timer = null;
let inFlight = false;
let stopped = false;
let parkedTotal = null;

/** One GET of the projections; false when refreshing again is pointless (refused, signed out). */
async function refresh() {
  try {
    const body = await api('/api/ops/projections/');
    field('operations-page').hidden = false;
    head = body.head;
    for (const projection of body.projections) {
      render(projection);
    }
    field('freshness').textContent = 'Updated ' + new Date().toLocaleTimeString() + ' · event store head ' + head + '.';
    const parked = body.projections.reduce((sum, p) => sum + p.dead_letters, 0);
    if (parked !== parkedTotal) {
      parkedTotal = parked;
      await loadDeadLetters();
    }
    return true;
  } catch (error) {
    if (error instanceof ApiError && error.status === 403) {
      showStatus(error.message + ' The operations page is for administrators only.', 'error');
      return false;
    }
    showError(error);
    return !(error instanceof ApiError && error.status === 401);
  }
}

async function tick() {
  clearTimeout(timer);
  timer = null;
  if (inFlight || stopped) {
    return;
  }
  inFlight = true;
  stopped = !(await refresh());
  inFlight = false;
  if (!stopped && live && !document.hidden) {
    timer = setTimeout(tick, REFRESH_MS);
  }
}

function progressBar(id, value, max, label) {
  const bar = el('progress', { id, max: String(Math.max(max, 1)), value: String(Math.min(value, Math.max(max, 1))) });
  return [el('label', { for: id, class: 'progress-label' }, label), bar];
}

function render(projection) {
  const name = projection.name;
  let row = rows.get(name);
  if (!row) {
    row = createRow(name);
    rows.set(name, row);
    field('projection-rows').append(row.tr);
  }
  row.name.replaceChildren(name, projection.version !== undefined ? el('span', { class: 'meta version' }, ' v' + projection.version) : '');
  row.status.textContent = projection.status;
  row.status.dataset.status = projection.status;
  const position = projection.position ?? 0;
  const percent = head === 0 ? 100 : Math.floor((position / head) * 100);
  row.progress.replaceChildren(...progressBar('progress-' + name, position, head, [
    projection.status === 'replaying' ? 'Replaying: ' : '', 'position ', el('span', { class: 'position' }, String(position)),
    ' of ', String(head), ' (' + percent + '%) · lag ', el('span', { class: 'lag' }, String(projection.lag)),
    projection.lag === 1 ? ' event' : ' events']), projection.rebuild ? rebuildBlock(name, projection.rebuild) : '');
  row.segments.replaceChildren(el('ul', { class: 'plain' }, projection.segments.map((segment) => el('li', {},
    'Segment ' + segment.segment + ': position ' + (segment.position ?? '—') + ' · ' + (segment.owner || 'unclaimed'),
    segment.replaying ? ' · replaying' : '', segment.error ? el('span', { class: 'error-text' }, ' · ' + segment.error) : ''))));
  row.deadLetters.textContent = String(projection.dead_letters);
  row.lastError.textContent = projection.last_error || '—';
  row.rebuild.disabled = !!projection.rebuild && projection.rebuild.status !== 'failed';
  // the bar goes with the finished rebuild, so its end is said in words
  if (row.rebuilding && !projection.rebuild && projection.version >= row.rebuilding) {
    showStatus('Rebuild of “' + name + '” finished: version ' + projection.version + ' now serves reads.', 'success');
  }
  row.rebuilding = projection.rebuild && projection.rebuild.status !== 'failed' ? projection.rebuild.target_version : null;
}

function rebuildBlock(name, rebuild) {
  const eta = rebuild.eta_seconds === null || rebuild.eta_seconds === undefined ? 'unknown' : formatDuration(rebuild.eta_seconds);
  return el('div', { class: 'rebuild' },
    ...progressBar('rebuild-' + name, rebuild.percent, 100, ['Rebuild to v' + rebuild.target_version + ': ',
      el('span', { class: 'rebuild-status' }, rebuild.status), ' · ' + rebuild.percent.toFixed(1) + '% (' + rebuild.position
      + ' of ' + rebuild.head + ')']),
    el('p', { class: 'meta' }, Math.round(rebuild.events_per_second) + ' events/s · ETA ' + eta + ' · started ',
      el('time', { datetime: rebuild.started_at }, new Date(rebuild.started_at).toLocaleString())),
    rebuild.error ? el('p', { class: 'error-text rebuild-error' }, rebuild.error) : '');
}

function createRow(name) {
  const cells = {
    name: el('th', { scope: 'row' }),
    status: el('span', { class: 'projection-status' }),
    progress: el('td', { class: 'progress-cell', 'data-label': 'Progress' }),
    segments: el('td', { 'data-label': 'Segments' }),
    deadLetters: el('td', { class: 'dead-letter-count', 'data-label': 'Dead letters' }),
    lastError: el('td', { class: 'last-error', 'data-label': 'Last error' }),
    replay: el('button', { type: 'button', class: 'secondary replay', 'aria-label': 'Replay ' + name }, 'Replay'),
    rebuild: el('button', { type: 'button', class: 'secondary rebuild-button', 'aria-label': 'Rebuild ' + name }, 'Rebuild'),
  };
  cells.replay.addEventListener('click', () => replay(name, cells.replay));
  cells.rebuild.addEventListener('click', () => rebuild(name, cells.rebuild));
  cells.tr = el('tr', { 'data-name': name }, cells.name, el('td', { 'data-label': 'Status' }, cells.status), cells.progress,
    cells.segments, cells.deadLetters, cells.lastError,
    el('td', { class: 'row-actions' }, el('div', { class: 'actions' }, cells.replay, cells.rebuild)));
  return cells;
}

async function replay(name, button) {
  if (!confirm('Replay “' + name + '” from the start of the event store? Its read tables are emptied and rebuilt; '
    + 'pages that read them show partial data until it catches up.')) {
    return;
  }
  await busy(button, 'Starting…', async () => {
    try {
      render(await api('/api/ops/projections/' + encodeURIComponent(name) + '/reset/', { method: 'POST' }));
      showStatus('Replay of “' + name + '” started.', 'success');
    } catch (error) {
      showStatus('Replay of “' + name + '” failed: ' + error.message, 'error');
    }
  });
  tick();
}

async function rebuild(name, button) {
  if (!confirm('Rebuild “' + name + '” into new tables from the start of the event store? The current version keeps '
    + 'serving reads until the new one has caught up, then the new one takes over.')) {
    return;
  }
  await busy(button, 'Starting…', async () => {
    try {
      render(await api('/api/ops/projections/' + encodeURIComponent(name) + '/rebuild/', { method: 'POST' }));
      showStatus('Rebuild of “' + name + '” started: the current version serves reads until the new one has caught up.', 'success');
    } catch (error) {
      showStatus('Rebuild of “' + name + '” failed: ' + error.message, 'error');
    }
  });
  tick();
}

async function loadDeadLetters() {
  deadLetters.setAttribute('aria-busy', 'true');
  try {
    const letters = await api('/api/ops/dead-letters/');
    deadLetters.replaceChildren(letters.length === 0 ? el('p', { id: 'no-dead-letters' }, 'No event is parked.')
      : el('div', { class: 'table-scroll' }, el('table', { id: 'dead-letter-table' },
        el('caption', { class: 'visually-hidden' }, 'Parked events'),
        el('thead', {}, el('tr', {}, ['Projection', 'Event', 'Cause', 'Enqueued', 'Last touched', 'Actions']
          .map((heading) => el('th', { scope: 'col' }, heading)))),
        el('tbody', {}, letters.map(letterRow)))));
  } catch (error) {
    showError(error);
  } finally {
    deadLetters.removeAttribute('aria-busy');
  }
}

function letterRow(letter) {
  const what = letter.event_type + ' of ' + (letter.aggregate_id || 'no aggregate');
  const retry = el('button', { type: 'button', class: 'secondary retry', 'aria-label': 'Retry ' + what + ' in ' + letter.processing_group }, 'Retry');
  const evict = el('button', { type: 'button', class: 'danger evict', 'aria-label': 'Evict ' + what + ' from ' + letter.processing_group }, 'Evict');
  retry.addEventListener('click', () => busy(retry, 'Retrying…', async () => {
    let message;
    let kind = 'error';
    try {
      const answer = await api('/api/ops/dead-letters/' + encodeURIComponent(letter.id) + '/retry/', { method: 'POST' });
      const left = answer.dead_letters_in_sequence;
      kind = answer.succeeded ? 'success' : 'error';
      message = answer.succeeded
        ? 'Retried: “' + letter.processing_group + '” handled the ' + letter.event_type + ' event; ' + left + ' still parked in its sequence.'
        : 'Retried: “' + letter.processing_group + '” failed on the ' + letter.event_type + ' event again; it stays parked ('
          + left + ' in its sequence).';
    } catch (error) {
      message = 'Retry failed: ' + error.message;
    }
    // the list is drawn again first, so focus lands on the new row's button and the message follows it
    await loadDeadLetters();
    focusLetter(letter.id);
    showStatus(message, kind);
  }));
  evict.addEventListener('click', async () => {
    if (!confirm('Evict the ' + what + ' from “' + letter.processing_group + '”? It is dropped for good: this projection '
      + 'will never handle it.')) {
      return;
    }
    await busy(evict, 'Evicting…', async () => {
      let message;
      try {
        await api('/api/ops/dead-letters/' + encodeURIComponent(letter.id) + '/evict/', { method: 'POST' });
        message = ['Evicted the ' + letter.event_type + ' event from “' + letter.processing_group + '”.', 'success'];
      } catch (error) {
        message = ['Evict failed: ' + error.message, 'error'];
      }
      await loadDeadLetters();
      field('dead-letters-heading').focus();
      showStatus(...message);
    });
  });
  return el('tr', { 'data-id': letter.id, 'data-event-id': letter.event_id, 'data-group': letter.processing_group },
    el('td', { 'data-label': 'Projection' }, letter.processing_group),
    el('td', { 'data-label': 'Event' }, letter.event_type, el('br'), el('span', { class: 'meta' },
      (letter.aggregate_id || '—') + (letter.aggregate_sequence !== null ? ' #' + letter.aggregate_sequence : ''))),
    el('td', { class: 'cause', 'data-label': 'Cause' }, letter.cause.type, letter.cause.message ? ': ' + letter.cause.message : ''),
    el('td', { 'data-label': 'Enqueued' }, letter.enqueued_at),
    el('td', { class: 'last-touched', 'data-label': 'Last touched' }, letter.last_touched || '—'),
    el('td', { class: 'row-actions' }, el('div', { class: 'actions' }, retry, evict)));
}

function focusLetter(id) {
  const again = deadLetters.querySelector('tr[data-id="' + CSS.escape(id) + '"] .retry');
  (again || field('dead-letters-heading')).focus();
}

liveToggle.addEventListener('click', () => {
  live = !live;
  liveToggle.setAttribute('aria-pressed', String(live));
  liveToggle.textContent = live ? 'Pause live updates' : 'Resume live updates';
  if (live) {
    tick();
  } else {
    clearTimeout(timer);
    timer = null;
  }
});
field('refresh-dead-letters').addEventListener('click', (event) => busy(event.currentTarget, 'Refreshing…', loadDeadLetters));
document.addEventListener('visibilitychange', () => {
  if (document.hidden) {
    clearTimeout(timer);
    timer = null;
  } else if (live) {
    tick();
  }
});
await tick();
