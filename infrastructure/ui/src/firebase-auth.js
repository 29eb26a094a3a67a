// The parts of the Firebase JS SDK the pages use, bundled by esbuild into one ES module that the
// application serves itself (static/ui/vendor/firebase-auth.js).
export { initializeApp } from 'firebase/app';
export {
  initializeAuth,
  browserSessionPersistence,
  connectAuthEmulator,
  signInWithEmailAndPassword,
  signOut,
} from 'firebase/auth';
