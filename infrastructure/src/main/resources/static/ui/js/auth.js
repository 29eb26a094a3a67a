// Who is signed in: a Firebase user (e-mail/password, against the configured project or its Auth
// emulator) or a development session (/api/dev/sign-in/, embedded quickstart only). Both give an
// ID token for the API's bearer header, refreshed before it expires; signing out forgets both.
import {
  initializeApp,
  initializeAuth,
  browserSessionPersistence,
  connectAuthEmulator,
  signInWithEmailAndPassword,
  signOut as firebaseSignOut,
} from '/ui/vendor/firebase-auth.js';

const DEV_SESSION = 'lms.devSession';
// refresh a development token this long before it expires (Firebase's SDK does the same for its own)
const REFRESH_MARGIN_MS = 5 * 60 * 1000;

let configPromise = null;
let authPromise = null;
let refreshTimer = null;

/** The server's public sign-in settings: {firebase: {...}|null, dev_sign_in: bool}. */
export function config() {
  configPromise ??= fetch('/ui/config.json', { headers: { Accept: 'application/json' } }).then((response) => {
    if (!response.ok) {
      throw new Error('The sign-in settings could not be loaded (HTTP ' + response.status + ').');
    }
    return response.json();
  });
  return configPromise;
}

/** The Firebase Auth instance, or null when the server has no Firebase web configuration. */
function firebaseAuth() {
  authPromise ??= config().then(async (settings) => {
    if (!settings.firebase) {
      return null;
    }
    const app = initializeApp({
      apiKey: settings.firebase.api_key,
      authDomain: settings.firebase.auth_domain,
      projectId: settings.firebase.project_id,
    });
    // per tab: closing the tab signs out, and nothing lingers in long-lived storage
    const auth = initializeAuth(app, { persistence: browserSessionPersistence });
    if (settings.firebase.emulator_url) {
      connectAuthEmulator(auth, settings.firebase.emulator_url, { disableWarnings: true });
    }
    await auth.authStateReady();
    return auth;
  });
  return authPromise;
}

function devSession() {
  const stored = sessionStorage.getItem(DEV_SESSION);
  return stored ? JSON.parse(stored) : null;
}

async function issueDevToken(uid) {
  const response = await fetch('/api/dev/sign-in/', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify({ uid }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    const error = new Error(response.status === 404
      ? 'The development sign-in is not enabled on this server.'
      : response.status === 429 ? 'Too many sign-in attempts. Please wait a few minutes and try again.'
        : (body && body.uid ? 'Enter a user id.' : 'Development sign-in failed (HTTP ' + response.status + ').'));
    error.status = response.status;
    throw error;
  }
  const session = { uid, token: body.id_token, expiresAt: Date.now() + body.expires_in * 1000 };
  sessionStorage.setItem(DEV_SESSION, JSON.stringify(session));
  scheduleRefresh(session);
  return session;
}

function scheduleRefresh(session) {
  clearTimeout(refreshTimer);
  const delay = Math.max(0, session.expiresAt - Date.now() - REFRESH_MARGIN_MS);
  refreshTimer = setTimeout(() => issueDevToken(session.uid).catch(() => {}), delay);
}

/** A current ID token, or null when nobody is signed in. */
export async function idToken() {
  const dev = devSession();
  if (dev) {
    if (dev.expiresAt - Date.now() < REFRESH_MARGIN_MS) {
      return (await issueDevToken(dev.uid)).token;
    }
    scheduleRefresh(dev);
    return dev.token;
  }
  const auth = await firebaseAuth();
  // getIdToken() answers the cached token and refreshes it first when it expires within 5 minutes
  return auth && auth.currentUser ? auth.currentUser.getIdToken() : null;
}

export async function signedIn() {
  return (await idToken()) !== null;
}

/** E-mail/password sign-in with Firebase; throws an Error with a message for people. */
export async function signInWithPassword(email, password) {
  const auth = await firebaseAuth();
  if (!auth) {
    throw new Error('E-mail sign-in is not configured on this server.');
  }
  sessionStorage.removeItem(DEV_SESSION);
  try {
    await signInWithEmailAndPassword(auth, email, password);
  } catch (error) {
    throw new Error(firebaseMessage(error.code));
  }
}

export async function signInForDevelopment(uid) {
  const auth = await firebaseAuth();
  if (auth && auth.currentUser) {
    await firebaseSignOut(auth);
  }
  await issueDevToken(uid);
}

export async function signOut() {
  clearTimeout(refreshTimer);
  sessionStorage.removeItem(DEV_SESSION);
  const auth = await firebaseAuth();
  if (auth) {
    await firebaseSignOut(auth);
  }
}

function firebaseMessage(code) {
  switch (code) {
    case 'auth/invalid-credential':
    case 'auth/invalid-login-credentials':
    case 'auth/wrong-password':
    case 'auth/user-not-found':
      return 'The e-mail address or password is incorrect.';
    case 'auth/invalid-email':
      return 'Enter a valid e-mail address.';
    case 'auth/user-disabled':
      return 'This account has been disabled. Please contact your administrator.';
    case 'auth/too-many-requests':
      return 'Too many sign-in attempts. Please wait a few minutes and try again.';
    case 'auth/network-request-failed':
      return 'The sign-in service could not be reached. Check your connection and try again.';
    default:
      return 'Sign-in failed (' + (code || 'unknown error') + ').';
  }
}
