// Direct upload: the form is checked here first (the same rules the server applies, contract §6),
// then the server signs an upload URL, the browser PUTs the file straight to storage with a
// progress bar, and the server records the completed upload as a draft item. Errors are shown
// next to the field they concern.
import { api, ApiError, fieldErrors } from '/ui/js/api.js';
import { el, fieldError, GRADES, options, showError, showStatus, startPage, TOPICS } from '/ui/js/page.js';

const MB = 1024 * 1024;
const VIDEO_TYPES = ['video/mp4', 'video/mpeg', 'video/quicktime', 'video/x-msvideo', 'video/webm'];
const RESOURCE_TYPES = ['application/pdf', 'application/msword',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'application/vnd.ms-powerpoint',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation', 'application/vnd.ms-excel',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'text/plain', 'image/jpeg', 'image/png',
  'image/gif'];

await startPage();
const field = (name) => document.getElementById(name);
options(field('grade'), GRADES, 'No grade');
options(field('topic'), TOPICS, 'No topic');
const form = field('upload-form');
const submit = field('upload-submit');

function category(file) {
  return VIDEO_TYPES.includes(file.type) ? 'video' : 'resource';
}

function tags() {
  return field('tags').value.split(',').map((t) => t.trim()).filter(Boolean);
}

/** The checks of contract §6 and the item's own limits, before any byte is sent. */
function validate() {
  const file = field('file').files[0];
  let fileProblem = null;
  if (!file) {
    fileProblem = 'Choose a file to upload.';
  } else if (!VIDEO_TYPES.includes(file.type) && !RESOURCE_TYPES.includes(file.type)) {
    fileProblem = 'This type of file cannot be uploaded' + (file.type ? ' (' + file.type + ').' : '.');
  } else if (file.size === 0) {
    fileProblem = 'The file is empty.';
  } else if (file.size > (category(file) === 'video' ? 500 : 50) * MB) {
    fileProblem = 'The file is ' + (file.size / MB).toFixed(1) + ' MB; the limit is '
      + (category(file) === 'video' ? '500' : '50') + ' MB for ' + category(file) + 's.';
  } else if (file.name.length > 255) {
    fileProblem = 'The file name is longer than 255 characters.';
  }
  const title = field('title').value.trim();
  const tagList = tags();
  return [
    fieldError(field('file'), fileProblem),
    fieldError(field('title'), title === '' ? 'Enter a title.' : title.length > 200 ? 'Use at most 200 characters.' : null),
    fieldError(field('description'), field('description').value.length > 10000 ? 'Use at most 10,000 characters.' : null),
    fieldError(field('grade'), null),
    fieldError(field('topic'), null),
    fieldError(field('tags'), tagList.length > 30 ? 'Use at most 30 tags.'
      : tagList.some((t) => t.length > 50) ? 'Each tag may have at most 50 characters.' : null),
  ].every(Boolean);
}

/** A video's length in whole seconds, read by the browser from the file itself (null if it cannot). */
function videoDuration(file) {
  return new Promise((resolve) => {
    const probe = document.createElement('video');
    const url = URL.createObjectURL(file);
    const done = (value) => {
      URL.revokeObjectURL(url);
      resolve(value);
    };
    probe.preload = 'metadata';
    probe.addEventListener('loadedmetadata', () => done(Number.isFinite(probe.duration) ? Math.round(probe.duration) : null));
    probe.addEventListener('error', () => done(null));
    probe.src = url;
  });
}

function progress(percent) {
  field('progress').value = percent;
  field('progress-text').textContent = percent + ' %';
}

function put(url, file) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('PUT', url);
    request.setRequestHeader('Content-Type', file.type);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable) {
        progress(Math.floor((event.loaded / event.total) * 100));
      }
    });
    request.addEventListener('load', () => (request.status >= 200 && request.status < 300 ? resolve()
      : reject(new Error('Storage refused the file (HTTP ' + request.status + ').'))));
    request.addEventListener('error', () => reject(new Error('The file could not be sent to storage. Check your connection and try again.')));
    request.send(file);
  });
}

/** Shows a server refusal next to its field: the file for upload rules, the named field otherwise. */
function showServerError(error) {
  const errors = error instanceof ApiError ? fieldErrors(error.body) : {};
  const byField = { filename: 'file', file_size: 'file', content_type: 'file', storage_path: 'file' };
  let placed = false;
  for (const [name, message] of Object.entries(errors)) {
    const input = field(byField[name] || name);
    if (input) {
      fieldError(input, message);
      placed = true;
    }
  }
  if (!placed && error instanceof ApiError && error.status === 400 && error.body && error.body.message) {
    fieldError(field('file'), error.body.message);
    placed = true;
  }
  if (placed) {
    showStatus('The upload was refused: see the highlighted fields.', 'error');
    document.querySelector('[aria-invalid="true"]')?.focus();
  } else {
    showError(error);
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  showStatus('');
  field('result').replaceChildren();
  if (!validate()) {
    document.querySelector('[aria-invalid="true"]').focus();
    return;
  }
  const file = field('file').files[0];
  const metadata = {
    title: field('title').value.trim(),
    description: field('description').value,
    grade: field('grade').value || undefined,
    topic: field('topic').value || undefined,
    tags: tags(),
  };
  submit.disabled = true;
  field('progress-area').hidden = false;
  progress(0);
  try {
    const signed = await api('/api/uploads/sign/', {
      method: 'POST',
      body: { filename: file.name, file_size: file.size, content_type: file.type, category: category(file), ...metadata },
    });
    showStatus('Uploading ' + file.name + '…', 'info');
    await put(signed.upload_url, file);
    progress(100);
    const duration = category(file) === 'video' ? await videoDuration(file) : null;
    const item = await api('/api/uploads/complete/', {
      method: 'POST',
      body: { storage_path: signed.storage_path, ...metadata, ...(duration === null ? {} : { duration }) },
    });
    showStatus('Uploaded “' + item.title + '”. It is a draft until you submit it for review.', 'success');
    field('result').replaceChildren(el('p', { id: 'uploaded' }, el('a', { href: '/content/' }, 'Go to my content'),
      ' to submit it for review.'));
    form.reset();
  } catch (error) {
    showServerError(error);
  } finally {
    submit.disabled = false;
  }
});
