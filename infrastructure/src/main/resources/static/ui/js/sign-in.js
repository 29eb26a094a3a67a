import { api } from '/ui/js/api.js';
import { config, signInForDevelopment, signInWithPassword, signOut } from '/ui/js/auth.js';
import { busy, fieldError, safeNext, showError, showStatus, startPage } from '/ui/js/page.js';

const next = safeNext(new URLSearchParams(location.search).get('next'));

/** A Firebase sign-in is only half of it: the API must know the account too. */
async function finish() {
  try {
    await api('/api/me/');
  } catch (error) {
    await signOut();
    throw error;
  }
  location.assign(next);
}

const settings = await config();
await startPage({ requireUser: false });
document.getElementById('password-panel').hidden = !settings.firebase;
document.getElementById('dev-panel').hidden = !settings.dev_sign_in;
document.getElementById('no-sign-in').hidden = Boolean(settings.firebase || settings.dev_sign_in);
if (new URLSearchParams(location.search).has('next')) {
  showStatus('Please sign in to continue.', 'info');
}

const email = document.getElementById('email');
const password = document.getElementById('password');
document.getElementById('password-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const valid = [
    fieldError(email, email.value.trim() === '' ? 'Enter your e-mail address.'
      : email.validity.typeMismatch ? 'Enter a valid e-mail address.' : null),
    fieldError(password, password.value === '' ? 'Enter your password.' : null),
  ].every(Boolean);
  if (!valid) {
    document.querySelector('[aria-invalid="true"]').focus();
    return;
  }
  await busy(document.getElementById('password-submit'), 'Signing in…', async () => {
    try {
      await signInWithPassword(email.value.trim(), password.value);
      await finish();
    } catch (error) {
      showError(error);
    }
  });
});

const uid = document.getElementById('uid');
document.getElementById('dev-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  if (!fieldError(uid, uid.value.trim() === '' ? 'Enter a user id.' : null)) {
    uid.focus();
    return;
  }
  await busy(document.getElementById('dev-submit'), 'Signing in…', async () => {
    try {
      await signInForDevelopment(uid.value.trim());
      await finish();
    } catch (error) {
      showError(error);
    }
  });
});
