// My content (submit for review, return to draft, why an item was rejected) and, for school
// admins and admins, the review queue (approve with notes, reject with a reason).
import { api } from '/ui/js/api.js';
import { busy, el, fieldError, loading, showError, showStatus, startPage } from '/ui/js/page.js';

const KINDS = [['videos', 'Video'], ['resources', 'Resource']];
const me = await startPage();
const mine = document.getElementById('mine');
const queue = document.getElementById('queue');

function describe(item, label) {
  return el('p', { class: 'meta' }, label, ' · ', [item.grade_display, item.topic_display].filter(Boolean).join(' · ') || 'no grade or topic',
    ' · updated ', new Date(item.updated_at).toLocaleString());
}

function badge(item) {
  const labels = { DRAFT: 'Draft', PENDING: 'Pending Review', PUBLISHED: 'Published', REJECTED: 'Rejected' };
  return el('span', { class: 'badge ' + item.status, 'data-status': item.status }, labels[item.status] || item.status);
}

/** Runs a workflow action and reloads both lists; a refusal is shown inside the item's card. */
async function act(button, label, card, path, body) {
  await busy(button, label, async () => {
    try {
      const answer = await api(path, { method: 'POST', body });
      await Promise.all([loadMine(), me.permissions.can_approve_content ? loadQueue() : null]);
      showStatus(answer.message, 'success');
    } catch (error) {
      const details = error.body && Array.isArray(error.body.details) ? ': ' + error.body.details.join('; ') : '';
      card.querySelector('.card-error').textContent = error.message + details;
    }
  });
}

async function loadMine() {
  await loading(mine, 'Loading your content…', async () => {
    try {
      const [videos, resources, status] = await Promise.all([
        api('/api/videos/?owner=' + me.id + '&ordering=-updated_at'),
        api('/api/resources/?owner=' + me.id + '&ordering=-updated_at'),
        api('/api/approval/my-content-status/'),
      ]);
      const reasons = new Map(status.recently_rejected.map((v) => [v.id, v]));
      const cards = [];
      for (const [kind, label] of KINDS) {
        for (const item of (kind === 'videos' ? videos : resources).results) {
          cards.push(ownCard(kind, label, item, reasons.get(item.id)));
        }
      }
      mine.replaceChildren(cards.length ? el('ul', { class: 'results', id: 'mine-list' }, cards)
        : el('p', {}, 'You have no content yet. ', el('a', { href: '/upload/' }, 'Upload something'), '.'));
    } catch (error) {
      mine.replaceChildren();
      showError(error);
    }
  });
}

function ownCard(kind, label, item, rejection) {
  const card = el('li', { class: 'card', 'data-id': item.id },
    el('h3', {}, item.title, ' ', badge(item)), describe(item, label));
  if (rejection) {
    card.append(el('p', { class: 'message error rejection' }, 'Rejected by ', rejection.reviewed_by_name || 'a reviewer',
      ': ', rejection.rejection_reason));
  }
  const actions = el('div', { class: 'actions' });
  const base = '/api/approval/' + kind + '/' + item.id + '/';
  if (item.status === 'DRAFT') {
    const submit = el('button', { type: 'button', class: 'submit-review' }, 'Submit for review');
    submit.addEventListener('click', () => act(submit, 'Submitting…', card, base + 'submit_for_review/'));
    actions.append(submit);
  }
  if (item.status === 'PENDING' || item.status === 'REJECTED') {
    const back = el('button', { type: 'button', class: 'secondary return-draft' }, 'Return to draft');
    back.addEventListener('click', () => act(back, 'Returning…', card, base + 'return_to_draft/'));
    actions.append(back);
  }
  card.append(actions, el('p', { class: 'field-error card-error', role: 'alert' }));
  return card;
}

async function loadQueue() {
  await loading(queue, 'Loading the review queue…', async () => {
    try {
      const pending = await Promise.all(KINDS.map(([kind]) => api('/api/approval/' + kind + '/pending/')));
      const cards = KINDS.flatMap(([kind, label], i) => pending[i].results.map((item) => queueCard(kind, label, item)));
      queue.replaceChildren(cards.length ? el('ul', { class: 'results', id: 'queue-list' }, cards)
        : el('p', {}, 'Nothing is waiting for review.'));
    } catch (error) {
      queue.replaceChildren();
      showError(error);
    }
  });
}

function queueCard(kind, label, item) {
  const base = '/api/approval/' + kind + '/' + item.id + '/';
  const notes = el('input', { type: 'text', id: 'notes-' + item.id, class: 'approve-notes' });
  const reason = el('textarea', {
    id: 'reason-' + item.id, class: 'reject-reason', 'aria-describedby': 'reason-' + item.id + '-error',
  });
  const card = el('li', { class: 'card', 'data-id': item.id },
    el('h3', {}, item.title, ' ', badge(item)),
    el('p', { class: 'meta' }, 'By ', item.owner_name),
    describe(item, label),
    item.description ? el('p', {}, item.description) : '',
    el('div', { class: 'field' }, el('label', { for: notes.id }, 'Notes for approval (optional)'), notes),
    el('div', { class: 'field' }, el('label', { for: reason.id }, 'Reason for rejection'), reason,
      el('p', { class: 'field-error', id: reason.id + '-error' })));
  const approve = el('button', { type: 'button', class: 'approve' }, 'Approve');
  approve.addEventListener('click', () => act(approve, 'Approving…', card, base + 'approve/', { notes: notes.value.trim() }));
  const reject = el('button', { type: 'button', class: 'danger reject' }, 'Reject');
  reject.addEventListener('click', () => {
    // the server's rule (at least 10 characters), checked here so the reviewer sees it at the field
    if (!fieldError(reason, reason.value.trim().length < 10 ? 'Give a reason of at least 10 characters.' : null)) {
      reason.focus();
      return;
    }
    act(reject, 'Rejecting…', card, base + 'reject/', { reason: reason.value.trim() });
  });
  card.append(el('div', { class: 'actions' }, approve, reject), el('p', { class: 'field-error card-error', role: 'alert' }));
  return card;
}

if (me.permissions.can_approve_content) {
  document.getElementById('queue-section').hidden = false;
  await Promise.all([loadMine(), loadQueue()]);
} else {
  await loadMine();
}
