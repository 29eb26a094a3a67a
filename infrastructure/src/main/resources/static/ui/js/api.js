// Calls to the JSON API with the signed-in user's bearer token, and messages for its errors.
import { idToken } from '/ui/js/auth.js';

export class ApiError extends Error {
  constructor(status, body, message) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

/** The JSON answer of an API call (null for 204); throws ApiError with a readable message. */
export async function api(path, { method = 'GET', body, anonymous = false } = {}) {
  const headers = { Accept: 'application/json' };
  if (!anonymous) {
    const token = await idToken();
    if (token) {
      headers.Authorization = 'Bearer ' + token;
    }
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, null, 'The server could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) {
    return null;
  }
  const data = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, data, describe(response, data));
  }
  return data;
}

function describe(response, data) {
  const detail = firstMessage(data);
  switch (response.status) {
    case 401:
      return 'You are not signed in or your session has ended'
        + (detail ? ' (' + detail + ')' : '') + '. Please sign in again.';
    case 403:
      return 'You do not have permission to do this' + (detail && !detail.startsWith('You do not have') ? ': ' + detail : '.');
    case 429: {
      const wait = response.headers.get('Retry-After');
      return 'Too many requests. Please wait ' + (wait ? wait + ' seconds' : 'a moment') + ' and try again.';
    }
    case 503:
      return 'The service is temporarily unavailable. Please try again in a moment.';
    default:
      return detail || 'The request failed (HTTP ' + response.status + ').';
  }
}

/** The first human message of an error body, whichever of the API's error shapes it has. */
export function firstMessage(data) {
  if (!data || typeof data !== 'object') {
    return null;
  }
  for (const key of ['detail', 'error', 'message']) {
    if (typeof data[key] === 'string') {
      const more = typeof data.message === 'string' && key === 'error' ? ': ' + data.message : '';
      return data[key] + more;
    }
  }
  const fields = fieldErrors(data);
  const first = Object.keys(fields)[0];
  return first ? first + ': ' + fields[first] : null;
}

/** Field name → message, from {"details": {field: [..]}} or {field: [..]} bodies. */
export function fieldErrors(data) {
  const source = data && typeof data.details === 'object' && !Array.isArray(data.details) ? data.details : data;
  const errors = {};
  if (source && typeof source === 'object') {
    for (const [field, messages] of Object.entries(source)) {
      if (Array.isArray(messages) && messages.length && typeof messages[0] === 'string') {
        errors[field] = messages.join(' ');
      }
    }
  }
  return errors;
}

/**
 * Downloads a file the API serves only with the bearer token: fetched, then saved through a Blob
 * URL (a plain link could not send the token). The name comes from Content-Disposition.
 */
export async function download(path, fallbackName) {
  const token = await idToken();
  let response;
  try {
    response = await fetch(path, { headers: token ? { Authorization: 'Bearer ' + token } : {} });
  } catch {
    throw new ApiError(0, null, 'The server could not be reached. Check your connection and try again.');
  }
  if (!response.ok) {
    const data = await response.json().catch(() => null);
    throw new ApiError(response.status, data, describe(response, data));
  }
  const blob = await response.blob();
  const named = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') || '');
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = named ? named[1] : fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // the browser reads the Blob after click() returns: release it only once the download has started
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name: link.download, size: blob.size };
}
