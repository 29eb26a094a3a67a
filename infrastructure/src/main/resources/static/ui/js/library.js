// The library: filters kept in the URL (so a search can be bookmarked, shared and navigated with
// Back/Forward), paginated results, and the details of one item: a player for videos (streamed
// from a signed URL that serves Range requests, so seeking works), a download for resources, and
// "add to playlist".
import { api } from '/ui/js/api.js';
import {
  busy, el, FILE_TYPES, formatDuration, GRADES, loading, options, showError, showStatus, startPage, TOPICS,
} from '/ui/js/page.js';

const PAGE_SIZE = 10;
const FILTERS = ['search', 'type', 'grade', 'topic', 'file_type', 'tags', 'ordering'];
const ORDERINGS = {
  videos: [['', 'Best match, then newest'], ['-created_at', 'Newest first'], ['created_at', 'Oldest first'],
    ['title', 'Title A–Z'], ['-title', 'Title Z–A'], ['duration', 'Shortest first'], ['-duration', 'Longest first']],
  resources: [['', 'Best match, then newest'], ['-created_at', 'Newest first'], ['created_at', 'Oldest first'],
    ['title', 'Title A–Z'], ['-title', 'Title Z–A'], ['file_size', 'Smallest first'], ['-file_size', 'Largest first']],
};

const me = await startPage();
const form = document.getElementById('filters');
const field = (name) => document.getElementById(name);
options(field('grade'), GRADES, 'Any grade');
options(field('topic'), TOPICS, 'Any topic');
options(field('file_type'), FILE_TYPES, 'Any file type');
const results = field('results');
const detail = field('detail');
let editablePlaylists = null;

function state() {
  const params = new URLSearchParams(location.search);
  const type = params.get('type') === 'resources' ? 'resources' : 'videos';
  const page = Math.max(1, Number.parseInt(params.get('page'), 10) || 1);
  return { params, type, page };
}

function fillForm({ params, type }) {
  field('type').value = type;
  options(field('ordering'), ORDERINGS[type]);
  field('file-type-field').hidden = type !== 'resources';
  for (const name of FILTERS.filter((n) => n !== 'type')) {
    field(name).value = params.get(name) ?? '';
  }
}

function formQuery(page) {
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = field(name).value.trim();
    if (value && !(name === 'file_type' && field('type').value !== 'resources') && !(name === 'type' && value === 'videos')) {
      params.set(name, value);
    }
  }
  if (page > 1) {
    params.set('page', page);
  }
  return params;
}

async function load() {
  const current = state();
  fillForm(current);
  const query = new URLSearchParams();
  for (const name of ['search', 'grade', 'topic', 'tags', 'ordering', ...(current.type === 'resources' ? ['file_type'] : [])]) {
    if (current.params.get(name)) {
      query.set(name, current.params.get(name));
    }
  }
  query.set('page', current.page);
  query.set('page_size', PAGE_SIZE);
  await loading(results, 'Loading results…', async () => {
    try {
      const answer = await api('/api/library/' + current.type + '/?' + query);
      renderResults(answer, current);
    } catch (error) {
      results.replaceChildren();
      field('pager').hidden = true;
      showError(error);
    }
  });
}

function renderResults(answer, { type, page }) {
  showStatus(answer.count + (answer.count === 1 ? ' result' : ' results') + '.', 'info');
  results.replaceChildren(answer.results.length === 0
    ? el('p', {}, 'Nothing matches these filters.')
    : el('ul', { class: 'results', id: 'result-list' }, answer.results.map((item) => el('li', { class: 'card' },
      el('h3', {}, el('button', { type: 'button', 'data-id': item.id, onclick: () => showDetail(type, item.id) }, item.title)),
      el('p', { class: 'meta' }, [item.grade_display, item.topic_display,
        type === 'videos' ? item.duration_formatted : item.file_type_display, item.owner_name]
        .filter(Boolean).join(' · '),
      item.status !== 'PUBLISHED' ? [' ', el('span', { class: 'badge ' + item.status }, item.status_display || item.status)] : '')))));
  const pages = Math.max(1, Math.ceil(answer.count / PAGE_SIZE));
  field('pager').hidden = pages <= 1;
  field('page-info').textContent = 'Page ' + page + ' of ' + pages;
  field('previous').disabled = !answer.previous;
  field('next').disabled = !answer.next;
}

function navigate(params) {
  const query = params.toString();
  history.pushState(null, '', location.pathname + (query ? '?' + query : ''));
  load();
}

async function showDetail(type, id) {
  await loading(detail, 'Loading details…', async () => {
    try {
      const item = await api('/api/library/' + type + '/' + id + '/');
      detail.replaceChildren(el('h3', { id: 'detail-title' }, item.title),
        item.description ? el('p', {}, item.description) : '',
        el('p', { class: 'meta' }, [item.grade_display, item.topic_display, item.owner_name, item.school_name]
          .filter(Boolean).join(' · ')),
        (item.tags || []).length ? el('p', { class: 'meta' }, 'Tags: ' + item.tags.join(', ')) : '');
      if (type === 'videos') {
        await videoDetail(item);
      } else {
        resourceDetail(item);
      }
      detail.focus();
    } catch (error) {
      detail.replaceChildren(el('p', { class: 'message error' }, error.message));
    }
  });
}

async function videoDetail(video) {
  const stream = await api('/api/videos/' + video.id + '/stream/?format=json');
  const player = el('video', {
    id: 'player', controls: true, preload: 'metadata', src: stream.url,
    'aria-label': 'Video: ' + video.title,
  });
  detail.append(el('p', { class: 'meta' }, 'Duration ', video.duration_formatted || formatDuration(video.duration)), player);
  const playlists = await myPlaylists();
  if (video.status !== 'PUBLISHED') {
    detail.append(el('p', { class: 'hint' }, 'Only published videos can be added to playlists.'));
  } else if (playlists.length === 0) {
    detail.append(el('p', { class: 'hint' }, 'Create a playlist on the ', el('a', { href: '/playlists/' }, 'Playlists'),
      ' page to add this video to it.'));
  } else {
    const select = el('select', { id: 'playlist-choice' }, playlists.map((p) => el('option', { value: p.id }, p.name)));
    const add = el('button', { type: 'button', id: 'add-to-playlist' }, 'Add to playlist');
    add.addEventListener('click', () => busy(add, 'Adding…', async () => {
      try {
        await api('/api/playlists/' + select.value + '/add_item/', { method: 'POST', body: { video_id: video.id } });
        showStatus('Added “' + video.title + '” to “' + select.selectedOptions[0].textContent + '”.', 'success');
      } catch (error) {
        showError(error);
      }
    }));
    detail.append(el('div', { class: 'field' }, el('label', { for: 'playlist-choice' }, 'Playlist'), select),
      el('div', { class: 'actions' }, add));
  }
}

function resourceDetail(resource) {
  const download = el('button', { type: 'button', id: 'download' }, 'Download');
  download.addEventListener('click', () => busy(download, 'Preparing…', async () => {
    try {
      const answer = await api('/api/resources/' + resource.id + '/download/', { method: 'POST' });
      el('a', { href: answer.download_url, download: answer.filename || '' }).click();
    } catch (error) {
      showError(error);
    }
  }));
  detail.append(el('p', { class: 'meta' }, resource.file_type_display, ' · ', resource.file_size_formatted),
    el('div', { class: 'actions' }, download));
}

/** The playlists the user may add items to: their own (any, for school admins and admins). */
async function myPlaylists() {
  if (editablePlaylists === null) {
    const answer = await api('/api/playlists/?ordering=name');
    editablePlaylists = answer.results.filter((p) => p.owner === me.id || me.permissions.can_approve_content);
  }
  return editablePlaylists;
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  navigate(formQuery(1));
});
field('type').addEventListener('change', () => {
  field('ordering').value = '';
  navigate(formQuery(1));
});
field('reset').addEventListener('click', () => navigate(new URLSearchParams(field('type').value === 'resources' ? 'type=resources' : '')));
field('previous').addEventListener('click', () => navigate(formQuery(state().page - 1)));
field('next').addEventListener('click', () => navigate(formQuery(state().page + 1)));
window.addEventListener('popstate', load);
detail.setAttribute('tabindex', '-1');
await load();
