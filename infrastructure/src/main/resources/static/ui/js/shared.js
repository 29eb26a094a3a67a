// The public page of a share link: no sign-in, the playlist as the share shows it.
import { api } from '/ui/js/api.js';
import { el, loading, startPage } from '/ui/js/page.js';

await startPage({ requireUser: false });
const token = location.pathname.split('/')[2];
const container = document.getElementById('shared');

await loading(container, 'Loading the shared playlist…', async () => {
  try {
    const playlist = await api('/api/shared/' + encodeURIComponent(token) + '/', { anonymous: true });
    document.getElementById('title').textContent = playlist.name;
    document.title = playlist.name + ' · Fraction Ball LMS';
    container.replaceChildren(
      playlist.description ? el('p', {}, playlist.description) : '',
      el('p', { class: 'meta' }, 'Shared by ', playlist.shared_by, ' · ', playlist.school_name, ' · ',
        playlist.video_count, playlist.video_count === 1 ? ' video' : ' videos', ' · ',
        playlist.total_duration_formatted),
      playlist.items.length === 0 ? el('p', {}, 'This playlist has no published videos yet.')
        : el('ol', { class: 'playlist-items', id: 'shared-items' }, playlist.items.map((item) => el('li', {},
          el('span', { class: 'position' }, item.order + '.'),
          el('span', { class: 'title' }, item.video_title),
          el('span', { class: 'meta' }, item.video_duration),
          item.notes ? el('span', { class: 'meta' }, item.notes) : ''))));
  } catch (error) {
    const text = error.status === 404 ? 'This share link does not exist. Check the address you were given.'
      : error.status === 410 ? 'This share link has expired or was revoked. Ask the person who shared it for a new one.'
        : error.message;
    container.replaceChildren(el('p', { class: 'message error', id: 'shared-error' }, text));
  }
});
