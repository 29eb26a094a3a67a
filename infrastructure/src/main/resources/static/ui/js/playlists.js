// Playlists: create, open, reorder items (drag and drop, or the keyboard: the Move buttons or
// Alt+Arrow keys on an item), remove items, share with an expiry, copy the link, revoke a share.
import { api } from '/ui/js/api.js';
import { busy, el, fieldError, loading, showError, showStatus, startPage } from '/ui/js/page.js';

const me = await startPage();
const list = document.getElementById('playlists');
const panel = document.getElementById('playlist');
panel.setAttribute('tabindex', '-1');
let current = null;

/** The public page of a share: the API's share_url is the JSON endpoint under /api/shared/. */
function pageLink(share) {
  return share.share_url.replace('/api/shared/', '/shared/');
}

function mayEdit(playlist) {
  return playlist.owner === me.id || me.permissions.can_approve_content;
}

async function loadList(selectId) {
  await loading(list, 'Loading playlists…', async () => {
    try {
      const answer = await api('/api/playlists/');
      list.replaceChildren(answer.results.length === 0 ? el('p', {}, 'No playlists yet.')
        : el('ul', { class: 'results', id: 'playlist-list' }, answer.results.map((p) => el('li', { class: 'card' },
          el('h3', {}, el('button', { type: 'button', 'data-id': p.id, onclick: () => open(p.id) }, p.name)),
          el('p', { class: 'meta' }, p.video_count + (p.video_count === 1 ? ' video' : ' videos'), ' · ',
            p.total_duration_formatted, ' · ', p.is_public ? 'visible to the school' : 'private', ' · ', p.owner_name)))));
    } catch (error) {
      list.replaceChildren();
      showError(error);
    }
  });
  if (selectId) {
    await open(selectId);
  }
}

async function open(id) {
  await loading(panel, 'Loading the playlist…', async () => {
    try {
      current = await api('/api/playlists/' + id + '/');
      const shares = mayEdit(current) ? await api('/api/playlists/' + id + '/shares/') : [];
      render(shares);
      panel.focus();
    } catch (error) {
      panel.replaceChildren(el('p', { class: 'message error' }, error.message));
    }
  });
}

function render(shares) {
  const editable = mayEdit(current);
  panel.replaceChildren(el('h3', { id: 'playlist-name' }, current.name),
    current.description ? el('p', {}, current.description) : '',
    el('p', { class: 'meta' }, current.video_count + (current.video_count === 1 ? ' video' : ' videos'), ' · ',
      current.total_duration_formatted, ' · by ', current.owner_name));
  if (current.items.length === 0) {
    panel.append(el('p', {}, 'No videos yet: add published videos from the ', el('a', { href: '/library/' }, 'library'), '.'));
  } else {
    if (editable) {
      panel.append(el('p', { class: 'hint', id: 'reorder-hint' },
        'Drag items to reorder them, or use the Move buttons (Alt+Up and Alt+Down on an item).'));
    }
    panel.append(el('ol', { class: 'playlist-items', id: 'items', 'aria-describedby': editable ? 'reorder-hint' : null },
      current.items.map((item, index) => itemRow(item, index, editable))));
  }
  if (editable) {
    panel.append(shareSection(shares));
  }
}

function itemRow(item, index, editable) {
  const row = el('li', { 'data-id': item.id, tabindex: editable ? '0' : null, 'aria-label': item.video_title },
    el('span', { class: 'position' }, (index + 1) + '.'),
    el('span', { class: 'title' }, item.video_title),
    el('span', { class: 'meta' }, item.video_duration));
  if (!editable) {
    return row;
  }
  const up = el('button', { type: 'button', class: 'secondary move-up', 'aria-label': 'Move ' + item.video_title + ' up', disabled: index === 0 }, '↑');
  const down = el('button', {
    type: 'button', class: 'secondary move-down', 'aria-label': 'Move ' + item.video_title + ' down',
    disabled: index === current.items.length - 1,
  }, '↓');
  const remove = el('button', { type: 'button', class: 'secondary remove', 'aria-label': 'Remove ' + item.video_title }, 'Remove');
  up.addEventListener('click', () => move(index, index - 1, '.move-up'));
  down.addEventListener('click', () => move(index, index + 1, '.move-down'));
  remove.addEventListener('click', () => busy(remove, 'Removing…', async () => {
    try {
      await api('/api/playlists/' + current.id + '/remove_item/', { method: 'DELETE', body: { item_id: item.id } });
      await loadList(current.id);
      showStatus('Removed “' + item.video_title + '”.', 'success');
    } catch (error) {
      showError(error);
    }
  }));
  row.append(up, down, remove);
  row.draggable = true;
  row.addEventListener('keydown', (event) => {
    if (event.altKey && (event.key === 'ArrowUp' || event.key === 'ArrowDown') && event.target === row) {
      event.preventDefault();
      move(index, index + (event.key === 'ArrowUp' ? -1 : 1), null);
    }
  });
  row.addEventListener('dragstart', (event) => {
    event.dataTransfer.effectAllowed = 'move';
    event.dataTransfer.setData('text/plain', String(index));
    row.classList.add('dragging');
  });
  row.addEventListener('dragend', () => row.classList.remove('dragging'));
  row.addEventListener('dragover', (event) => {
    event.preventDefault();
    row.classList.add('drop-target');
  });
  row.addEventListener('dragleave', () => row.classList.remove('drop-target'));
  row.addEventListener('drop', (event) => {
    event.preventDefault();
    row.classList.remove('drop-target');
    const from = Number.parseInt(event.dataTransfer.getData('text/plain'), 10);
    if (Number.isInteger(from) && from !== index) {
      move(from, index, null);
    }
  });
  return row;
}

/**
 * Moves an item and saves the whole new order at once (the API takes a permutation of every item).
 * Focus follows the moved item so keyboard users can keep moving it.
 */
async function move(from, to, focusSelector) {
  if (to < 0 || to >= current.items.length) {
    return;
  }
  const items = [...current.items];
  const [moved] = items.splice(from, 1);
  items.splice(to, 0, moved);
  try {
    await api('/api/playlists/' + current.id + '/reorder/', {
      method: 'PUT',
      body: { item_orders: items.map((item, i) => ({ id: item.id, order: i + 1 })) },
    });
    current.items = items.map((item, i) => ({ ...item, order: i + 1 }));
    render(await api('/api/playlists/' + current.id + '/shares/'));
    showStatus('Moved “' + moved.video_title + '” to position ' + (to + 1) + ' of ' + items.length + '.', 'success');
    const row = panel.querySelector('li[data-id="' + moved.id + '"]');
    const target = focusSelector ? row.querySelector(focusSelector) : null;
    (target && !target.disabled ? target : row).focus();
  } catch (error) {
    showError(error);
    await open(current.id);
  }
}

function shareSection(shares) {
  const expiry = el('select', { id: 'share-expiry' },
    el('option', { value: '' }, 'Never'), el('option', { value: '1' }, 'After 1 day'),
    el('option', { value: '7', selected: true }, 'After 7 days'), el('option', { value: '30' }, 'After 30 days'));
  const share = el('button', { type: 'button', id: 'share' }, 'Create share link');
  share.addEventListener('click', () => busy(share, 'Sharing…', async () => {
    try {
      await api('/api/playlists/' + current.id + '/share/', {
        method: 'POST', body: { expires_in_days: expiry.value ? Number(expiry.value) : null },
      });
      render(await api('/api/playlists/' + current.id + '/shares/'));
      showStatus('Share link created.', 'success');
      panel.querySelector('.share-url')?.focus();
    } catch (error) {
      showError(error);
    }
  }));
  return el('section', { 'aria-labelledby': 'share-heading' },
    el('h3', { id: 'share-heading' }, 'Sharing'),
    el('div', { class: 'field' }, el('label', { for: 'share-expiry' }, 'Link expires'), expiry),
    el('div', { class: 'actions' }, share),
    shares.length === 0 ? el('p', { class: 'hint' }, 'Not shared yet.')
      : el('ul', { class: 'results', id: 'shares' }, shares.map(shareRow)));
}

function shareRow(share) {
  const link = pageLink(share);
  const input = el('input', {
    type: 'text', class: 'share-url', id: 'share-' + share.id, value: link, readonly: true,
    'aria-label': 'Share link',
  });
  const state = share.is_valid ? (share.expires_at ? 'Expires ' + new Date(share.expires_at).toLocaleString() : 'Never expires')
    : share.is_active ? 'Expired' : 'Revoked';
  const row = el('li', { class: 'card', 'data-id': share.id }, input,
    el('p', { class: 'meta share-state' }, state, ' · ', share.view_count, share.view_count === 1 ? ' view' : ' views'));
  if (share.is_valid) {
    const copy = el('button', { type: 'button', class: 'secondary copy' }, 'Copy link');
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(link);
        showStatus('Link copied.', 'success');
      } catch {
        // no clipboard permission (e.g. not a secure context): leave the link selected to copy by hand
        input.select();
        showStatus('Press Ctrl+C (⌘C on a Mac) to copy the selected link.', 'info');
      }
    });
    const revoke = el('button', { type: 'button', class: 'danger revoke' }, 'Revoke');
    revoke.addEventListener('click', () => busy(revoke, 'Revoking…', async () => {
      try {
        await api('/api/playlists/' + current.id + '/shares/' + share.id + '/revoke/', { method: 'POST' });
        render(await api('/api/playlists/' + current.id + '/shares/'));
        showStatus('Share link revoked: it no longer opens the playlist.', 'success');
      } catch (error) {
        showError(error);
      }
    }));
    row.append(el('div', { class: 'actions' }, copy, el('a', { href: link, class: 'button secondary' }, 'Open'), revoke));
  }
  return row;
}

const name = document.getElementById('name');
document.getElementById('create-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const value = name.value.trim();
  if (!fieldError(name, value === '' ? 'Enter a name.' : value.length > 200 ? 'Use at most 200 characters.' : null)) {
    name.focus();
    return;
  }
  await busy(document.getElementById('create'), 'Creating…', async () => {
    try {
      const created = await api('/api/playlists/', {
        method: 'POST',
        body: {
          name: value,
          description: document.getElementById('playlist-description').value,
          is_public: document.getElementById('is_public').checked,
        },
      });
      event.target.reset();
      await loadList(created.id);
      showStatus('Created “' + created.name + '”.', 'success');
    } catch (error) {
      const fields = error.body && Array.isArray(error.body.name) ? error.body.name.join(' ') : null;
      if (fields) {
        fieldError(name, fields);
      } else {
        showError(error);
      }
    }
  });
});

await loadList(new URLSearchParams(location.search).get('playlist'));
