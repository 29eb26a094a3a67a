// Administration: schools, users, configuration settings and feature flags, one section each,
// chosen by the URL's hash (#schools, #users, #config, #flags) so a section can be linked to.
// Admins see every section; school admins manage their own school's users (the API narrows the
// lists and refuses the rest, so the page only hides what would be refused anyway).
import { api, fieldErrors } from '/ui/js/api.js';
import { busy, el, fieldError, loading, options, showError, showStatus, startPage } from '/ui/js/page.js';

const ROLES = [['ADMIN', 'System Admin'], ['SCHOOL_ADMIN', 'School Admin'], ['TEACHER', 'Teacher'], ['AUDITOR', 'Auditor']];
// the roles a school admin may grant (the aggregate refuses ADMIN and AUDITOR from them)
const SCHOOL_ADMIN_ROLES = ['SCHOOL_ADMIN', 'TEACHER'];
const USERNAME = /^[\p{L}\p{N}_.@+-]+$/u;
const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
const field = (id) => document.getElementById(id);

const me = await startPage();
const isAdmin = me.role === 'ADMIN';
const tabs = [...document.querySelectorAll('#sections a')].filter((tab) => tab.dataset.roles.split(' ').includes(me.role));
let schools = [];
let schoolNames = new Map();

/** Shows each field's message from a refused request next to its input; other refusals go to the status line. */
function showRefusal(error, inputs) {
  const messages = fieldErrors(error.body);
  const shown = Object.entries(inputs).filter(([name, input]) => fieldError(input, messages[name]) === false);
  if (shown.length) {
    shown[0][1].focus();
    showStatus('Please correct the highlighted fields.', 'error');
  } else {
    showError(error);
  }
}

function clearErrors(inputs) {
  Object.values(inputs).forEach((input) => fieldError(input, null));
}

/** Every page of a paginated list. */
async function all(path) {
  const items = [];
  for (let page = 1; ; page += 1) {
    const answer = await api(path + (path.includes('?') ? '&' : '?') + 'page=' + page);
    items.push(...answer.results);
    if (!answer.next) {
      return items;
    }
  }
}

function roleLabel(role) {
  return ROLES.find(([value]) => value === role)?.[1] ?? role;
}

// --- sections ---

function showSection() {
  const wanted = location.hash.slice(1);
  const current = tabs.find((tab) => tab.dataset.section === wanted) ?? tabs[0];
  for (const tab of document.querySelectorAll('#sections a')) {
    const on = tab === current;
    tab.closest('li').hidden = !tabs.includes(tab);
    tab.setAttribute('aria-current', on ? 'true' : 'false');
    field(tab.dataset.section + '-panel').hidden = !on;
  }
  loaders[current.dataset.section]();
}

// --- schools ---

const schoolInputs = {
  name: field('school-name'), domain: field('school-domain'), address: field('school-address'), phone: field('school-phone'),
};
let editingSchool = null;

async function loadSchools() {
  const container = field('schools');
  await loading(container, 'Loading schools…', async () => {
    try {
      const active = field('school-active').value;
      schools = await all('/api/schools/' + (active ? '?is_active=' + active : ''));
      renderSchools();
    } catch (error) {
      container.replaceChildren();
      showError(error);
    }
  });
}

function renderSchools() {
  const words = field('school-search').value.trim().toLowerCase();
  const shown = schools.filter((school) => !words
    || school.name.toLowerCase().includes(words) || school.domain.toLowerCase().includes(words));
  field('schools').replaceChildren(shown.length ? el('table', { id: 'school-table' },
    el('caption', { class: 'visually-hidden' }, 'Schools'),
    el('thead', {}, el('tr', {}, ['Name', 'Domain', 'Active users', 'Status', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, shown.map(schoolRow)))
    : el('p', {}, 'No schools match.'));
}

function schoolRow(school) {
  const edit = el('button', { type: 'button', class: 'secondary edit-school', 'aria-label': 'Edit ' + school.name }, 'Edit');
  edit.addEventListener('click', () => editSchool(school));
  const remove = el('button', { type: 'button', class: 'danger delete-school', 'aria-label': 'Delete ' + school.name }, 'Delete');
  remove.addEventListener('click', () => deleteSchool(remove, school));
  return el('tr', { 'data-id': school.id },
    el('td', { class: 'school-name' }, school.name), el('td', { class: 'school-domain' }, school.domain),
    el('td', {}, school.user_count), el('td', { class: 'school-status' }, school.is_active ? 'Active' : 'Inactive'),
    el('td', {}, el('div', { class: 'actions' }, edit, remove)));
}

function editSchool(school) {
  editingSchool = school;
  clearErrors(schoolInputs);
  schoolInputs.name.value = school.name;
  schoolInputs.domain.value = school.domain;
  schoolInputs.address.value = school.address;
  schoolInputs.phone.value = school.phone;
  field('school-is-active').checked = school.is_active;
  field('school-form-heading').textContent = 'Edit ' + school.name;
  field('school-save').textContent = 'Save changes';
  field('school-cancel').hidden = false;
  schoolInputs.name.focus();
}

function resetSchoolForm() {
  editingSchool = null;
  field('school-form').reset();
  clearErrors(schoolInputs);
  field('school-form-heading').textContent = 'New school';
  field('school-save').textContent = 'Create school';
  field('school-cancel').hidden = true;
}

async function saveSchool(event) {
  event.preventDefault();
  const body = {
    name: schoolInputs.name.value.trim(), domain: schoolInputs.domain.value.trim().toLowerCase(),
    address: schoolInputs.address.value.trim(), phone: schoolInputs.phone.value.trim(),
    is_active: field('school-is-active').checked,
  };
  const valid = [
    fieldError(schoolInputs.name, body.name ? null : 'Enter the school’s name.'),
    fieldError(schoolInputs.domain, !body.domain ? 'Enter the school’s e-mail domain.'
      : /^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(body.domain) ? null : 'Enter a domain such as school.edu.'),
    fieldError(schoolInputs.address, null),
    fieldError(schoolInputs.phone, null),
  ].every(Boolean);
  if (!valid) {
    document.querySelector('#school-form [aria-invalid="true"]').focus();
    return;
  }
  const editing = editingSchool;
  // busy() restores the button's label when it ends, so the form is reset after it
  const saved = await busy(field('school-save'), 'Saving…', async () => {
    try {
      return await api(editing ? '/api/schools/' + editing.id + '/' : '/api/schools/',
        { method: editing ? 'PATCH' : 'POST', body });
    } catch (error) {
      showRefusal(error, schoolInputs);
      return null;
    }
  });
  if (saved) {
    resetSchoolForm();
    await Promise.all([loadSchools(), loadSchoolChoices()]);
    showStatus((editing ? 'Saved “' : 'Created “') + saved.name + '”.', 'success');
  }
}

async function deleteSchool(button, school) {
  if (!confirm('Delete the school “' + school.name + '”? This cannot be undone.')) {
    return;
  }
  await busy(button, 'Deleting…', async () => {
    try {
      await api('/api/schools/' + school.id + '/', { method: 'DELETE' });
      await loadSchools();
      showStatus('Deleted “' + school.name + '”.', 'success');
    } catch (error) {
      showError(error);
    }
  });
}

// --- users ---

const userInputs = {
  username: field('user-username'), email: field('user-email'), first_name: field('user-first-name'),
  last_name: field('user-last-name'), firebase_uid: field('user-firebase-uid'), role: field('user-role'),
  school: field('user-school'),
};
const grantable = isAdmin ? ROLES : ROLES.filter(([role]) => SCHOOL_ADMIN_ROLES.includes(role));
let userPage = 1;

/** The schools offered in the user filters and forms: every school for admins, their own for school admins. */
async function loadSchoolChoices() {
  const choices = isAdmin ? (await all('/api/schools/')).map((s) => [String(s.id), s.name])
    : [[String(me.school), me.school_name]];
  schoolNames = new Map(choices.map(([id, name]) => [Number(id), name]));
  const filterValue = field('user-school-filter').value;
  const formValue = userInputs.school.value || String(me.school);
  options(field('user-school-filter'), choices, 'Any school');
  options(userInputs.school, choices);
  options(field('flag-schools'), choices);
  field('user-school-filter').value = filterValue;
  userInputs.school.value = formValue;
}

async function loadUsers() {
  const container = field('users');
  const query = new URLSearchParams({ page: userPage });
  for (const [name, id] of [['search', 'user-search'], ['role', 'user-role-filter'], ['school', 'user-school-filter'],
    ['is_active', 'user-active-filter']]) {
    if (field(id).value.trim()) {
      query.set(name, field(id).value.trim());
    }
  }
  await loading(container, 'Loading users…', async () => {
    try {
      const answer = await api('/api/users/?' + query);
      container.replaceChildren(answer.results.length ? el('table', { id: 'user-table' },
        el('caption', { class: 'visually-hidden' }, 'Users'),
        el('thead', {}, el('tr', {}, ['User', 'School', 'Role', 'Status']
          .map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, answer.results.map(userRow)))
        : el('p', {}, 'No users match.'));
      field('user-pager').hidden = !answer.next && !answer.previous;
      field('user-previous').disabled = !answer.previous;
      field('user-next').disabled = !answer.next;
      field('user-page-info').textContent = 'Page ' + userPage + ' · ' + answer.count + ' users';
    } catch (error) {
      container.replaceChildren();
      field('user-pager').hidden = true;
      showError(error);
    }
  });
}

function userRow(user) {
  const self = user.id === me.id;
  const role = el('select', { id: 'role-' + user.id, class: 'role-choice', 'aria-label': 'Role of ' + user.username, disabled: self });
  options(role, grantable.some(([value]) => value === user.role) ? grantable : [[user.role, roleLabel(user.role)], ...grantable]);
  role.value = user.role;
  const change = el('button', { type: 'button', class: 'secondary change-role', disabled: self,
    'aria-label': 'Change the role of ' + user.username }, 'Change role');
  const activity = el('button', { type: 'button', class: (user.is_active ? 'danger' : '') + ' toggle-active', disabled: self,
    'aria-label': (user.is_active ? 'Deactivate ' : 'Activate ') + user.username }, user.is_active ? 'Deactivate' : 'Activate');
  const row = el('tr', { 'data-id': user.id },
    el('td', {}, el('strong', { class: 'user-name' }, user.full_name || user.username), el('br'),
      el('span', { class: 'meta username' }, user.username), el('br'), el('span', { class: 'meta email' }, user.email)),
    el('td', {}, user.school_name),
    el('td', {}, el('span', { class: 'user-role' }, user.role_display), el('div', { class: 'actions' }, role, change)),
    el('td', {}, el('span', { class: 'user-status' }, user.is_active ? 'Active' : 'Inactive'),
      el('div', { class: 'actions' }, activity), el('p', { class: 'field-error row-error', role: 'alert' })));
  change.addEventListener('click', () => changeRole(change, row, user, role.value));
  activity.addEventListener('click', () => changeActivity(activity, row, user));
  return row;
}

/** Admins use the admin actions (their answers name the change); school admins change the user itself. */
async function changeRole(button, row, user, role) {
  if (role === user.role) {
    row.querySelector('.row-error').textContent = 'Choose a different role first.';
    return;
  }
  await userAction(button, 'Changing…', row, async () => {
    const answer = isAdmin
      ? await api('/api/admin/users/' + user.id + '/change_role/', { method: 'POST', body: { role } })
      : await api('/api/users/' + user.id + '/', { method: 'PATCH', body: { role } });
    return answer.message ?? 'Role of ' + user.username + ' changed to ' + roleLabel(role);
  });
}

async function changeActivity(button, row, user) {
  if (user.is_active && !confirm('Deactivate ' + user.username + '? They can no longer sign in.')) {
    return;
  }
  const action = user.is_active ? 'deactivate' : 'activate';
  await userAction(button, user.is_active ? 'Deactivating…' : 'Activating…', row, async () => {
    const answer = isAdmin
      ? await api('/api/admin/users/' + user.id + '/' + action + '/', { method: 'POST', body: {} })
      : await api('/api/users/' + user.id + '/', { method: 'PATCH', body: { is_active: !user.is_active } });
    return answer.message ?? (user.is_active ? 'User deactivated successfully' : 'User activated successfully');
  });
}

async function userAction(button, label, row, work) {
  await busy(button, label, async () => {
    try {
      const message = await work();
      await loadUsers();
      showStatus(message + '.', 'success');
    } catch (error) {
      row.querySelector('.row-error').textContent = error.message;
    }
  });
}

function resetUserForm() {
  field('user-form').reset();
  userInputs.role.value = 'TEACHER';
  userInputs.school.value = String(me.school);
}

async function createUser(event) {
  event.preventDefault();
  const value = (name) => userInputs[name].value.trim();
  const valid = [
    fieldError(userInputs.username, !value('username') ? 'Enter a username.'
      : USERNAME.test(value('username')) ? null : 'Use only letters, numbers and @ . + - _ in a username.'),
    fieldError(userInputs.email, !value('email') || EMAIL.test(value('email')) ? null : 'Enter a valid e-mail address.'),
    fieldError(userInputs.first_name, null),
    fieldError(userInputs.last_name, null),
    fieldError(userInputs.firebase_uid, value('firebase_uid') ? null : 'Enter the uid of the user’s Firebase account.'),
    fieldError(userInputs.role, null),
    fieldError(userInputs.school, value('school') ? null : 'Choose a school.'),
  ].every(Boolean);
  if (!valid) {
    document.querySelector('#user-form [aria-invalid="true"]').focus();
    return;
  }
  const body = Object.fromEntries(Object.keys(userInputs).map((name) => [name, value(name)]));
  body.school = Number(body.school);
  await busy(field('user-save'), 'Creating…', async () => {
    try {
      const user = await api('/api/users/', { method: 'POST', body });
      resetUserForm();
      await loadUsers();
      showStatus('Created the user ' + user.username + '.', 'success');
    } catch (error) {
      showRefusal(error, userInputs);
    }
  });
}

// --- configuration ---

const configInputs = { value: field('config-value'), change_reason: field('config-reason') };
let editingConfig = null;

async function loadConfigs() {
  const container = field('configs');
  await loading(container, 'Loading settings…', async () => {
    try {
      const answer = await api('/api/config/system/by_category/');
      container.replaceChildren(...Object.entries(answer.categories).map(([category, entries]) =>
        el('section', { class: 'config-category', 'aria-labelledby': 'category-' + category },
          el('h3', { id: 'category-' + category }, category),
          el('div', { class: 'table-wrap' }, el('table', { class: 'config-table' },
            el('thead', {}, el('tr', {}, ['Setting', 'Type', 'Value', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
            el('tbody', {}, entries.map(configRow)))))));
      if (!Object.keys(answer.categories).length) {
        container.replaceChildren(el('p', {}, 'There are no settings.'));
      }
    } catch (error) {
      container.replaceChildren();
      showError(error);
    }
  });
}

function typedText(config) {
  const value = config.typed_value;
  if (value === null || value === '') {
    return '(not set)';
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function configRow(config) {
  const edit = el('button', { type: 'button', class: 'secondary edit-config', 'aria-label': 'Edit ' + config.name,
    disabled: !config.is_editable }, config.is_editable ? 'Edit' : 'Not editable');
  edit.addEventListener('click', () => editConfig(config));
  return el('tr', { 'data-key': config.key },
    el('td', {}, el('strong', {}, config.name), el('br'), el('code', { class: 'meta' }, config.key)),
    el('td', {}, config.config_type), el('td', { class: 'config-value' }, typedText(config)), el('td', {}, edit));
}

function bounds(config) {
  const parts = [];
  if (config.min_value !== null) {
    parts.push('at least ' + config.min_value);
  }
  if (config.max_value !== null) {
    parts.push('at most ' + config.max_value);
  }
  return parts;
}

function editConfig(config) {
  editingConfig = config;
  clearErrors(configInputs);
  const form = field('config-form');
  form.hidden = false;
  field('config-form-heading').textContent = 'Edit ' + config.name;
  field('config-form-meta').textContent = config.key + ' · ' + config.config_type + (config.description ? ' · ' + config.description : '');
  field('config-value-label').textContent = 'Value (' + config.config_type.toLowerCase() + ')';
  configInputs.value.value = config.value;
  configInputs.change_reason.value = '';
  const rules = bounds(config);
  if (config.config_type === 'BOOLEAN') {
    rules.push('true or false');
  }
  if (config.validation_regex) {
    rules.push('matching ' + config.validation_regex);
  }
  field('config-value-hint').textContent = rules.length ? 'Must be ' + rules.join(', ') + '.' : '';
  configInputs.value.focus();
  loadHistory(config);
}

async function loadHistory(config) {
  const container = field('config-history');
  await loading(container, 'Loading the history…', async () => {
    try {
      const answer = await api('/api/config/system/' + config.id + '/change_history/');
      container.replaceChildren(answer.changes.length ? el('ol', { id: 'history-list', class: 'history' }, answer.changes.map((change) =>
        el('li', {}, el('span', { class: 'change' }, (change.old_value || '(not set)') + ' → ' + (change.new_value || '(not set)')),
          el('span', { class: 'meta' }, ' · ', change.changed_by_name || 'System', ' · ',
            new Date(change.changed_at).toLocaleString(), change.change_reason ? ' · “' + change.change_reason + '”' : ''))))
        : el('p', {}, 'No changes yet.'));
    } catch (error) {
      container.replaceChildren();
      showError(error);
    }
  });
}

/** The value's shape by its type (bounds, patterns and URL/e-mail/colour rules are the server's). */
function configValueProblem(type, value) {
  if (value === '') {
    return null;
  }
  switch (type) {
    case 'INTEGER':
      return /^[+-]?\d+$/.test(value) ? null : 'Enter a whole number.';
    case 'FLOAT':
      return Number.isFinite(Number(value)) ? null : 'Enter a number.';
    case 'BOOLEAN':
      return /^(true|false|1|0|yes|no|on|off)$/i.test(value) ? null : 'Enter true or false.';
    case 'JSON':
      try {
        JSON.parse(value);
        return null;
      } catch {
        return 'Enter valid JSON.';
      }
    default:
      return null;
  }
}

async function saveConfig(event) {
  event.preventDefault();
  const config = editingConfig;
  const value = configInputs.value.value.trim();
  if (!fieldError(configInputs.value, configValueProblem(config.config_type, value))) {
    configInputs.value.focus();
    return;
  }
  const body = { value };
  if (configInputs.change_reason.value.trim()) {
    body.change_reason = configInputs.change_reason.value.trim();
  }
  await busy(field('config-save'), 'Saving…', async () => {
    try {
      const saved = await api('/api/config/system/' + config.id + '/', { method: 'PATCH', body });
      editingConfig = saved;
      clearErrors(configInputs);
      configInputs.change_reason.value = '';
      await Promise.all([loadConfigs(), loadHistory(saved)]);
      showStatus('Saved ' + saved.key + ' = ' + typedText(saved) + '.', 'success');
    } catch (error) {
      showRefusal(error, configInputs);
    }
  });
}

// --- feature flags ---

const flagInputs = {
  display_name: field('flag-display-name'), description: field('flag-description'),
  applies_to_roles: field('flag-roles-error').previousElementSibling, applies_to_schools: field('flag-schools'),
};
let editingFlag = null;

async function loadFlags() {
  const container = field('flags');
  await loading(container, 'Loading feature flags…', async () => {
    try {
      const flags = await all('/api/config/features/');
      container.replaceChildren(flags.length ? el('table', { id: 'flag-table' },
        el('caption', { class: 'visually-hidden' }, 'Feature flags'),
        el('thead', {}, el('tr', {}, ['Flag', 'Enabled', 'Applies to', 'Actions'].map((h) => el('th', { scope: 'col' }, h)))),
        el('tbody', {}, flags.map(flagRow)))
        : el('p', {}, 'There are no feature flags.'));
    } catch (error) {
      container.replaceChildren();
      showError(error);
    }
  });
}

function flagScope(flag) {
  const roles = flag.applies_to_roles.length ? flag.applies_to_roles.map(roleLabel).join(', ') : 'Every role';
  const where = flag.applies_to_schools.length
    ? flag.applies_to_schools.map((id) => schoolNames.get(id) ?? 'school ' + id).join(', ') : 'every school';
  return roles + ' · ' + where;
}

function flagRow(flag) {
  const toggle = el('button', {
    type: 'button', class: 'toggle-flag' + (flag.is_enabled ? '' : ' secondary'), 'aria-pressed': String(flag.is_enabled),
    'aria-label': flag.display_name + ' enabled', disabled: flag.is_permanent,
  }, flag.is_enabled ? 'On' : 'Off');
  const edit = el('button', { type: 'button', class: 'secondary edit-flag', 'aria-label': 'Edit ' + flag.display_name }, 'Edit');
  const row = el('tr', { 'data-name': flag.name },
    el('td', {}, el('strong', {}, flag.display_name), el('br'), el('code', { class: 'meta' }, flag.name),
      flag.description ? el('p', { class: 'meta' }, flag.description) : ''),
    el('td', {}, toggle, flag.is_permanent ? el('p', { class: 'meta' }, 'Permanent') : ''),
    el('td', { class: 'flag-scope' }, flagScope(flag)),
    el('td', {}, edit, el('p', { class: 'field-error row-error', role: 'alert' })));
  toggle.addEventListener('click', () => busy(toggle, 'Switching…', async () => {
    try {
      const answer = await api('/api/config/features/' + flag.id + '/toggle/', { method: 'POST' });
      await loadFlags();
      showStatus(answer.message + ': ' + flag.display_name + '.', 'success');
    } catch (error) {
      row.querySelector('.row-error').textContent = error.message;
    }
  }));
  edit.addEventListener('click', () => editFlag(flag));
  return row;
}

function editFlag(flag) {
  editingFlag = flag;
  clearErrors(flagInputs);
  field('flag-form').hidden = false;
  field('flag-form-heading').textContent = 'Edit ' + flag.display_name;
  flagInputs.display_name.value = flag.display_name;
  flagInputs.description.value = flag.description;
  for (const box of field('flag-roles').querySelectorAll('input')) {
    box.checked = flag.applies_to_roles.includes(box.value);
  }
  for (const option of flagInputs.applies_to_schools.options) {
    option.selected = flag.applies_to_schools.includes(Number(option.value));
  }
  flagInputs.display_name.focus();
}

async function saveFlag(event) {
  event.preventDefault();
  const body = {
    display_name: flagInputs.display_name.value.trim(),
    description: flagInputs.description.value.trim(),
    applies_to_roles: [...field('flag-roles').querySelectorAll('input:checked')].map((box) => box.value),
    applies_to_schools: [...flagInputs.applies_to_schools.selectedOptions].map((option) => Number(option.value)),
  };
  if (!fieldError(flagInputs.display_name, body.display_name ? null : 'Enter a display name.')) {
    flagInputs.display_name.focus();
    return;
  }
  await busy(field('flag-save'), 'Saving…', async () => {
    try {
      const saved = await api('/api/config/features/' + editingFlag.id + '/', { method: 'PATCH', body });
      field('flag-form').hidden = true;
      await loadFlags();
      showStatus('Saved the flag ' + saved.display_name + '.', 'success');
    } catch (error) {
      showRefusal(error, flagInputs);
    }
  });
}

// --- start ---

const loaders = { schools: loadSchools, users: loadUsers, config: loadConfigs, flags: loadFlags };

if (!tabs.length) {
  const denied = field('denied');
  denied.textContent = 'You are not allowed to use the admin pages: they are for system admins and school admins. '
    + 'You are signed in as ' + me.role_display + '.';
  denied.hidden = false;
} else {
  options(field('user-role-filter'), ROLES, 'Any role');
  options(userInputs.role, grantable);
  field('user-school-filter-field').hidden = !isAdmin;
  field('user-school-field').hidden = !isAdmin;
  field('flag-roles').replaceChildren(...ROLES.map(([value, label]) => el('label', { class: 'check' },
    el('input', { type: 'checkbox', value, name: 'flag-role' }), label)));
  field('school-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    loadSchools();
  });
  field('school-search').addEventListener('input', renderSchools);
  field('school-form').addEventListener('submit', saveSchool);
  field('school-cancel').addEventListener('click', resetSchoolForm);
  field('user-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    userPage = 1;
    loadUsers();
  });
  field('user-previous').addEventListener('click', () => {
    userPage -= 1;
    loadUsers();
  });
  field('user-next').addEventListener('click', () => {
    userPage += 1;
    loadUsers();
  });
  field('user-form').addEventListener('submit', createUser);
  field('config-form').addEventListener('submit', saveConfig);
  field('config-cancel').addEventListener('click', () => {
    field('config-form').hidden = true;
  });
  field('flag-form').addEventListener('submit', saveFlag);
  field('flag-cancel').addEventListener('click', () => {
    field('flag-form').hidden = true;
  });
  field('sections').hidden = false;
  try {
    await loadSchoolChoices();
  } catch (error) {
    showError(error);
  }
  resetUserForm();
  window.addEventListener('hashchange', showSection);
  showSection();
}
