// What every page shares: the header (navigation by role, who is signed in, sign-out), the status
// line, loading indicators and small DOM helpers. Pages build their DOM with el(), never innerHTML
// with data, so titles and names from the API cannot inject markup.
import { api, ApiError } from '/ui/js/api.js';
import { signedIn, signOut } from '/ui/js/auth.js';

export const GRADES = [['K', 'Kindergarten'], ...[1, 2, 3, 4, 5, 6, 7, 8].map((g) => [String(g), 'Grade ' + g])];
export const TOPICS = [
  ['fractions_basics', 'Fractions Basics'], ['equivalent_fractions', 'Equivalent Fractions'],
  ['comparing_ordering', 'Comparing/Ordering'], ['number_line', 'Number Line'],
  ['mixed_improper', 'Mixed ↔ Improper'], ['add_subtract_fractions', 'Add/Subtract Fractions'],
  ['multiply_divide_fractions', 'Multiply/Divide Fractions (6+)'], ['decimals_percents', 'Decimals & Percents'],
  ['ratio_proportion', 'Ratio/Proportion (6+)'], ['word_problems', 'Word Problems'],
];
export const FILE_TYPES = [
  ['pdf', 'PDF Documents'], ['doc', 'Word Documents'], ['docx', 'Word Documents (DOCX)'], ['ppt', 'PowerPoint'],
  ['pptx', 'PowerPoint (PPTX)'], ['xls', 'Excel'], ['xlsx', 'Excel (XLSX)'], ['txt', 'Text Files'],
  ['image', 'Images'], ['other', 'Other'],
];

/** An element with attributes (on* keys become listeners) and children (strings become text). */
export function el(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (name.startsWith('on')) {
      element.addEventListener(name.slice(2).toLowerCase(), value);
    } else if (name === 'class') {
      element.className = value;
    } else {
      element.setAttribute(name, value === true ? '' : value);
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : String(child));
    }
  }
  return element;
}

export function options(select, pairs, blankLabel) {
  select.replaceChildren(...(blankLabel ? [el('option', { value: '' }, blankLabel)] : []),
    ...pairs.map(([value, label]) => el('option', { value }, label)));
}

/** Shows a message in the page's status region (announced to screen readers). */
export function showStatus(text, kind = 'info') {
  const status = document.getElementById('status');
  status.replaceChildren(text ? el('p', { class: 'message ' + kind }, text) : '');
  if (text && kind === 'error' && text.includes('sign in again')) {
    status.firstChild.append(' ', el('a', { href: signInUrl() }, 'Sign in'));
  }
}

export function showError(error) {
  showStatus(error instanceof ApiError || error instanceof Error ? error.message : String(error), 'error');
}

/** Replaces a container's content with a loading indicator while {@code work} runs. */
export async function loading(container, label, work) {
  container.setAttribute('aria-busy', 'true');
  container.replaceChildren(el('p', { class: 'loading', role: 'status' }, label));
  try {
    return await work();
  } finally {
    container.removeAttribute('aria-busy');
  }
}

/** Disables a button while an action runs, with a busy label. */
export async function busy(button, label, work) {
  const text = button.textContent;
  button.disabled = true;
  button.textContent = label;
  try {
    return await work();
  } finally {
    button.disabled = false;
    button.textContent = text;
  }
}

export function signInUrl() {
  return '/sign-in/?next=' + encodeURIComponent(location.pathname + location.search);
}

/** A path to go to after sign-in: only this site's own paths. */
export function safeNext(value) {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : '/library/';
}

// [path, label, roles that see it (all signed-in users when absent)]
const NAV = [
  ['/library/', 'Library'], ['/upload/', 'Upload'], ['/content/', 'My content & review'], ['/playlists/', 'Playlists'],
  ['/courses/', 'Courses'], ['/dashboard/', 'Dashboard'], ['/admin/', 'Admin', ['ADMIN', 'SCHOOL_ADMIN']],
  ['/audit/', 'Audit', ['ADMIN', 'AUDITOR', 'SCHOOL_ADMIN']], ['/operations/', 'Operations', ['ADMIN']],
];

function renderHeader(me) {
  const header = document.querySelector('.site-header');
  const nav = el('nav', { 'aria-label': 'Main' }, el('ul', {}, NAV.filter(([, , roles]) => !roles || roles.includes(me?.role)).map(([href, label]) =>
    el('li', {}, el('a', { href, 'aria-current': location.pathname === href ? 'page' : null }, label)))));
  const account = el('div', { class: 'account' });
  if (me) {
    account.append(el('span', { id: 'signed-in-as' }, me.full_name || me.username, ' · ', me.role_display),
      el('button', {
        type: 'button', class: 'secondary', id: 'sign-out',
        onclick: async () => {
          await signOut();
          location.assign('/sign-in/');
        },
      }, 'Sign out'));
  } else {
    account.append(el('a', { href: signInUrl(), id: 'sign-in-link' }, 'Sign in'));
  }
  header.replaceChildren(el('a', { class: 'brand', href: '/' }, 'Fraction Ball LMS'), me ? nav : '', account);
}

/**
 * Starts a page: with {@code requireUser} a visitor who is not signed in goes to the sign-in page;
 * answers the signed-in user (/api/me/) or null.
 */
export async function startPage({ requireUser = true } = {}) {
  let me = null;
  try {
    if (await signedIn()) {
      me = await api('/api/me/');
    }
  } catch (error) {
    renderHeader(null);
    showError(error);
    if (requireUser) {
      throw error;
    }
    return null;
  }
  if (!me && requireUser) {
    location.replace(signInUrl());
    throw new Error('not signed in');
  }
  renderHeader(me);
  return me;
}

export function formatDuration(seconds) {
  if (seconds === null || seconds === undefined) {
    return '';
  }
  const s = Math.round(seconds);
  const pad = (n) => String(n).padStart(2, '0');
  return s >= 3600 ? Math.floor(s / 3600) + ':' + pad(Math.floor(s / 60) % 60) + ':' + pad(s % 60)
    : pad(Math.floor(s / 60)) + ':' + pad(s % 60);
}

/** Sets or clears the error shown next to a field (its element id + "-error"). */
export function fieldError(input, message) {
  const holder = document.getElementById(input.id + '-error');
  holder.textContent = message || '';
  if (message) {
    input.setAttribute('aria-invalid', 'true');
  } else {
    input.removeAttribute('aria-invalid');
  }
  return !message;
}
