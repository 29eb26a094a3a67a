// The audit log (ADMIN, AUDITOR, SCHOOL_ADMIN): audited events filtered by actor, action, aggregate,
// school and time (filters kept in the URL), a cursor "Load more", each event's payload on demand,
// one aggregate's history and its state at a moment, the tamper-evidence check and exports. The API
// narrows a school admin to its own school; the page only hides what it would refuse them.
import { api, ApiError, download, fieldErrors } from '/ui/js/api.js';
import { busy, el, fieldError, loading, showError, showStatus, startPage } from '/ui/js/page.js';

const FILTERS = ['actor', 'action', 'aggregate_type', 'aggregate_id', 'school', 'from', 'to'];
const TIMES = ['from', 'to'];
const ACTIONS = ['ACTIVITY_CREATED', 'ACTIVITY_DELETED', 'ACTIVITY_PUBLISHED', 'ACTIVITY_UNPUBLISHED',
  'ACTIVITY_UPDATED', 'BULK_UPLOAD_COMPLETED', 'BULK_UPLOAD_FAILED', 'BULK_UPLOAD_STARTED', 'CONFIG_CHANGED',
  'CONFIG_CREATED', 'CONFIG_DELETED', 'CONTENT_APPROVED', 'CONTENT_CREATED', 'CONTENT_DELETED',
  'CONTENT_PUBLISHED_WITHOUT_REVIEW', 'CONTENT_REJECTED', 'CONTENT_RETURNED_TO_DRAFT', 'CONTENT_SUBMITTED',
  'CONTENT_UPDATED', 'CONTENT_UPLOADED', 'COURSE_ARCHIVED', 'COURSE_CREATED', 'COURSE_DELETED', 'COURSE_PUBLISHED',
  'COURSE_UPDATED', 'ENROLLED', 'ENROLMENT_COMPLETED', 'ENROLMENT_REOPENED', 'ENROLMENT_WITHDRAWN',
  'FEATURE_FLAG_CHANGED', 'FEATURE_FLAG_CREATED', 'FEATURE_FLAG_DELETED', 'FEATURE_FLAG_TOGGLED', 'LOGIN_FAILED',
  'PLAYLIST_CREATED', 'PLAYLIST_DELETED', 'PLAYLIST_DUPLICATED', 'PLAYLIST_ITEM_ADDED', 'PLAYLIST_ITEM_REMOVED',
  'PLAYLIST_REORDERED', 'PLAYLIST_SHARED', 'PLAYLIST_SHARE_REVOKED', 'PLAYLIST_UPDATED', 'REPORT_EXPORTED',
  'RESOURCE_DOWNLOADED', 'SCHOOL_CREATED', 'SCHOOL_DELETED', 'UPLOAD_ABANDONED', 'UPLOAD_SIGNED', 'USER_ACTIVATED',
  'USER_CREATED', 'USER_DEACTIVATED', 'USER_LOGIN', 'USER_REMOVED', 'USER_ROLE_CHANGED', 'VIDEO_VIEWED'];
const PAGE_SIZE = 50;

const me = await startPage();
const field = (name) => document.getElementById(name);
const events = field('events');
const aggregate = field('aggregate');
const loadMore = field('load-more');
let shown = 0;
let nextAfter = null;

field('action-codes').replaceChildren(...ACTIONS.map((code) => el('option', { value: code })));
if (me.role === 'SCHOOL_ADMIN') {
  // the API answers a school admin with its own school's events only, and verifies for nobody below AUDITOR
  field('school-field').hidden = true;
  field('verify-section').hidden = true;
}

/** A datetime-local value (the browser's zone) as the API's ISO instant, and back. */
function toInstant(local) {
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? local : date.toISOString().replace('.000Z', 'Z');
}

function toLocal(instant) {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) {
    return '';
  }
  const pad = (n) => String(n).padStart(2, '0');
  return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T' + pad(date.getHours())
    + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

/** The filters of the URL, as the API's query (blank ones left out). */
function urlFilters() {
  const params = new URLSearchParams(location.search);
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value && !(name === 'school' && me.role === 'SCHOOL_ADMIN')) {
      filters.set(name, value);
    }
  }
  return filters;
}

function fillForm(filters) {
  for (const name of FILTERS) {
    const value = filters.get(name) ?? '';
    field(name).value = TIMES.includes(name) ? toLocal(value) : value;
    fieldError(field(name), '');
  }
}

function formFilters() {
  const filters = new URLSearchParams();
  for (const name of FILTERS) {
    const value = field(name).value.trim();
    if (value && !field(name).closest('.field').hidden) {
      filters.set(name, TIMES.includes(name) ? toInstant(value) : value);
    }
  }
  return filters;
}

function when(timestamp) {
  return el('time', { datetime: timestamp }, new Date(timestamp).toLocaleString());
}

function actorText(actor) {
  if (!actor || (actor.id === null && !actor.uid)) {
    return 'system';
  }
  return [actor.id !== null && actor.id !== undefined ? 'user ' + actor.id : null, actor.uid, actor.role,
    actor.school !== null && actor.school !== undefined ? 'school ' + actor.school : null].filter(Boolean).join(' · ');
}

function eventCard(event) {
  const { type, id, sequence } = event.aggregate;
  return el('li', { class: 'card audit-event', 'data-position': event.position },
    el('h3', {}, el('span', { class: 'action' }, event.action), ' ',
      el('span', { class: 'meta' }, '#' + event.position, ' · ', when(event.timestamp))),
    el('p', { class: 'meta' }, 'Actor: ', el('span', { class: 'actor' }, actorText(event.actor))),
    el('p', { class: 'meta' }, event.event_type, ' on ',
      el('button', {
        type: 'button', class: 'link aggregate-link', 'data-type': type, 'data-id': id,
        'aria-label': 'History of ' + type + ' ' + id, onclick: () => showHistory(type, id),
      }, type + ' ' + id), ' (sequence ' + sequence + ')'),
    el('details', { class: 'payload' }, el('summary', {}, 'Payload and origin'),
      el('pre', {}, JSON.stringify(event.payload, null, 2)),
      el('p', { class: 'meta' }, ['IP ' + (event.ip_address || '—'), 'agent ' + (event.user_agent || '—'),
        'correlation ' + (event.correlation_id || '—')].join(' · '))));
}

async function load() {
  const filters = urlFilters();
  fillForm(filters);
  shown = 0;
  nextAfter = null;
  loadMore.hidden = true;
  await loading(events, 'Loading events…', () => page(filters, true));
}

/** One page of events after the cursor; the first page replaces the list, later ones are appended. */
async function page(filters, first) {
  const query = new URLSearchParams(filters);
  query.set('limit', PAGE_SIZE);
  if (nextAfter !== null) {
    query.set('after_position', nextAfter);
  }
  try {
    const answer = await api('/api/audit/events/?' + query);
    field('audit-page').hidden = false;
    const cards = answer.results.map(eventCard);
    if (first) {
      events.replaceChildren(cards.length ? el('ol', { class: 'results', id: 'event-list' }, cards)
        : el('p', { id: 'no-events' }, 'No audited event matches these filters.'));
    } else {
      field('event-list').append(...cards);
      cards[0]?.querySelector('.aggregate-link').focus();
    }
    shown += cards.length;
    nextAfter = answer.next_after_position;
    loadMore.hidden = nextAfter === null;
    showStatus(shown + (shown === 1 ? ' event' : ' events') + (nextAfter === null ? '.' : ' so far; more with “Load more”.'));
  } catch (error) {
    if (first) {
      events.replaceChildren();
    }
    refused(error);
  }
}

/** A refusal of the API: field errors next to their fields, anything else in the status line. */
function refused(error) {
  if (error instanceof ApiError && error.status === 403 && field('audit-page').hidden) {
    showStatus(error.message + ' The audit log is open to administrators, auditors and school administrators.', 'error');
    return;
  }
  field('audit-page').hidden = false;
  const errors = error instanceof ApiError && error.status === 400 ? fieldErrors(error.body) : {};
  const known = Object.keys(errors).filter((name) => FILTERS.includes(name));
  for (const name of known) {
    fieldError(field(name), errors[name]);
  }
  if (known.length) {
    showStatus('Check the highlighted filters.', 'error');
    field(known[0]).focus();
  } else {
    showError(error);
  }
}

async function showHistory(type, id) {
  await loading(aggregate, 'Loading history…', async () => {
    try {
      const history = await api('/api/audit/aggregates/' + encodeURIComponent(type) + '/' + encodeURIComponent(id) + '/history/');
      const stateAt = el('input', { type: 'datetime-local', id: 'state-at', step: '1' });
      const show = el('button', { type: 'button', id: 'show-state', class: 'secondary' }, 'Show state');
      show.addEventListener('click', () => busy(show, 'Loading…', () => showState(type, id, stateAt.value ? toInstant(stateAt.value) : null)));
      aggregate.replaceChildren(el('h3', { id: 'aggregate-title' }, type + ' ' + id),
        el('p', { class: 'meta' }, history.length + (history.length === 1 ? ' event' : ' events') + ', in sequence order.'),
        el('ol', { class: 'history', id: 'history-list' }, history.map((event) => {
          const after = el('button', { type: 'button', class: 'secondary state-after' }, 'State after this event');
          after.addEventListener('click', () => busy(after, 'Loading…', () => showState(type, id, event.timestamp)));
          return el('li', { 'data-sequence': event.aggregate.sequence },
            el('span', { class: 'sequence' }, String(event.aggregate.sequence)), ' ',
            el('span', { class: 'action' }, event.action), ' ',
            el('span', { class: 'meta' }, when(event.timestamp), ' · ', actorText(event.actor)), ' ', after);
        })),
        el('div', { class: 'field state-form' }, el('label', { for: 'state-at' }, 'State at'), stateAt,
          el('p', { class: 'hint' }, 'Your local time; empty means now.')),
        el('div', { class: 'actions' }, show),
        el('div', { id: 'state', 'aria-live': 'polite' }));
      aggregate.focus();
    } catch (error) {
      aggregate.replaceChildren(el('p', { class: 'message error' }, error.message));
    }
  });
}

async function showState(type, id, at) {
  const holder = field('state');
  try {
    const answer = await api('/api/audit/aggregates/' + encodeURIComponent(type) + '/' + encodeURIComponent(id)
      + '/state/' + (at ? '?at=' + encodeURIComponent(at) : ''));
    holder.replaceChildren(el('h4', { id: 'state-heading' }, 'State at ', when(answer.at)),
      el('dl', { class: 'facts' },
        el('dt', {}, 'Events applied'), el('dd', { id: 'state-event-count' }, String(answer.event_count)),
        el('dt', {}, 'Sequence'), el('dd', {}, String(answer.sequence)),
        el('dt', {}, 'Last event'), el('dd', {}, when(answer.last_event_at)),
        el('dt', {}, 'Deleted'), el('dd', {}, answer.deleted ? 'yes' : 'no')),
      el('pre', { id: 'state-fields' }, JSON.stringify(answer.state, null, 2)));
  } catch (error) {
    holder.replaceChildren(el('p', { class: 'message error' }, error.message));
  }
}

async function verify() {
  const result = field('verify-result');
  await loading(result, 'Verifying the chain… (every event is read again)', async () => {
    try {
      const report = await api('/api/audit/verify/');
      const summary = el('p', { id: 'verify-summary', class: 'message ' + (report.valid ? 'success' : 'error') },
        report.events_verified + (report.events_verified === 1 ? ' event verified' : ' events verified'),
        report.valid ? ': the chain and the seals are intact.' : '.');
      result.replaceChildren(summary,
        report.first_failure ? el('p', { id: 'verify-failure', class: 'message error' }, 'First failure at position ',
          String(report.first_failure.position), ': ', report.first_failure.reason) : '',
        el('p', { class: 'meta' }, 'Positions ' + report.from + '–' + report.to + ' · sealed through ' + report.sealed_through
          + ' · ' + report.unsealed_events + ' not sealed yet'));
    } catch (error) {
      result.replaceChildren(el('p', { class: 'message error' }, error.message));
    }
  });
}

async function exportEvents(button, format) {
  await busy(button, 'Exporting…', async () => {
    const query = urlFilters();
    query.set('format', format);
    try {
      const file = await download('/api/audit/events/export/?' + query, 'audit-events.' + format);
      showStatus('Exported ' + file.name + ' (' + file.size + ' bytes).', 'success');
    } catch (error) {
      showError(error);
    }
  });
}

function navigate(filters) {
  const query = filters.toString();
  history.pushState(null, '', location.pathname + (query ? '?' + query : ''));
  load();
}

field('filters').addEventListener('submit', (event) => {
  event.preventDefault();
  navigate(formFilters());
});
field('reset').addEventListener('click', () => navigate(new URLSearchParams()));
loadMore.addEventListener('click', () => busy(loadMore, 'Loading…', () => page(urlFilters(), false)));
field('verify').addEventListener('click', verify);
field('export-ndjson').addEventListener('click', (event) => exportEvents(event.currentTarget, 'ndjson'));
field('export-csv').addEventListener('click', (event) => exportEvents(event.currentTarget, 'csv'));
window.addEventListener('popstate', load);
await load();
