import { el, startPage } from '/ui/js/page.js';

const me = await startPage({ requireUser: false });
if (me) {
  document.getElementById('welcome').prepend(el('strong', {}, 'Welcome, ' + (me.first_name || me.username) + '. '));
}
