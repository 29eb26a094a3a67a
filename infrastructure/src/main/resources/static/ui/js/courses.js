// Courses: the courses the caller may take (school admins also see their school's drafts and archived
// ones), a course's items in order, and the caller's own enrolment in it — enrol, mark items started
// or completed, percent complete, withdraw. School admins and admins also see who is enrolled.
// The chosen course is kept in the URL (?course=<id>) so it can be bookmarked and reloaded.
import { api } from '/ui/js/api.js';
import { busy, el, loading, showError, showStatus, startPage } from '/ui/js/page.js';

const ITEM_TYPES = { activity: 'Activity', video: 'Video', resource: 'Resource' };
const ITEM_STATES = { not_started: 'Not started', started: 'Started', completed: 'Completed' };
const ENROLMENT_STATES = { active: 'In progress', completed: 'Completed', withdrawn: 'Withdrawn' };
const COURSE_STATES = { draft: 'Draft', published: 'Published', archived: 'Archived' };

const me = await startPage();
const field = (id) => document.getElementById(id);
const courses = field('courses');
const detail = field('detail');
const enrolments = field('enrolments');
const managesEnrolments = me.role === 'SCHOOL_ADMIN' || me.role === 'ADMIN';
const userNames = new Map();
let page = 1;

/** "37.5 %": the API's percent (one decimal) as people read it. */
function percentText(percent) {
  return Number(percent).toFixed(1) + ' %';
}

function progressBar(id, enrolment) {
  return el('div', { class: 'progress-line' },
    el('progress', { id, max: 100, value: Number(enrolment.percent_complete), 'aria-label': 'Percent complete' }),
    el('span', { class: 'percent', id: id + '-text' }, percentText(enrolment.percent_complete), ' complete (',
      enrolment.completed_items, ' of ', enrolment.total_items, enrolment.total_items === 1 ? ' item)' : ' items)'));
}

function stateBadge(labels, state) {
  return el('span', { class: 'badge state-' + state, 'data-state': state }, labels[state] || state);
}

async function loadCourses() {
  await loading(courses, 'Loading courses…', async () => {
    try {
      const search = field('course-search').value.trim();
      const answer = await api('/api/courses/?page=' + page + (search ? '&search=' + encodeURIComponent(search) : ''));
      courses.replaceChildren(answer.results.length === 0
        ? el('p', {}, search ? 'No course matches “' + search + '”.' : 'No course is open to you yet.')
        : el('ul', { class: 'results', id: 'course-list' }, answer.results.map((course) => el('li', { class: 'card', 'data-id': course.id },
          el('h3', {}, el('button', { type: 'button', class: 'open-course', onclick: () => choose(course.id) }, course.title),
            course.status !== 'published' ? [' ', stateBadge(COURSE_STATES, course.status)] : ''),
          el('p', { class: 'meta' }, [course.grade_band ? 'Grades ' + course.grade_band : null,
            course.item_count + (course.item_count === 1 ? ' item' : ' items'),
            course.school === null ? 'All schools' : null].filter(Boolean).join(' · '))))));
      const pages = Math.max(1, Math.ceil(answer.count / 20));
      field('pager').hidden = pages <= 1;
      field('page-info').textContent = 'Page ' + page + ' of ' + pages;
      field('previous').disabled = !answer.previous;
      field('next').disabled = !answer.next;
    } catch (error) {
      courses.replaceChildren();
      showError(error);
    }
  });
}

/** The caller's own enrolments, newest first (the first page: at most 20). */
async function loadEnrolments() {
  await loading(enrolments, 'Loading your enrolments…', async () => {
    try {
      const answer = await api('/api/enrolments/?user=' + me.id);
      enrolments.replaceChildren(answer.results.length === 0
        ? el('p', {}, 'You are not enrolled in any course yet.')
        : el('ul', { class: 'results', id: 'enrolment-list' }, answer.results.map((enrolment) => el('li', { class: 'card', 'data-id': enrolment.id },
          el('h3', {}, el('button', { type: 'button', onclick: () => choose(enrolment.course_id) }, enrolment.course_title),
            ' ', stateBadge(ENROLMENT_STATES, enrolment.status)),
          progressBar('mine-' + enrolment.id, enrolment)))));
    } catch (error) {
      enrolments.replaceChildren();
      showError(error);
    }
  });
}

function choose(courseId) {
  history.pushState(null, '', location.pathname + '?course=' + encodeURIComponent(courseId));
  showCourse(courseId, true);
}

async function showCourse(courseId, focus) {
  if (!courseId) {
    detail.replaceChildren(el('p', { class: 'hint' }, 'Choose a course to see its items and your progress.'));
    return;
  }
  await loading(detail, 'Loading the course…', async () => {
    try {
      const [course, own] = await Promise.all([api('/api/courses/' + courseId + '/'),
        api('/api/enrolments/?user=' + me.id + '&course=' + courseId)]);
      renderCourse(course, own.results[0] || null);
      if (managesEnrolments) {
        await renderSchoolEnrolments(course);
      }
      if (focus) {
        detail.focus();
      }
    } catch (error) {
      detail.replaceChildren(el('p', { class: 'message error' }, error.message));
    }
  });
}

/** The course, its items with the caller's progress on each, and what the caller can do next. */
function renderCourse(course, enrolment) {
  const active = enrolment && enrolment.status === 'active';
  const progress = new Map((enrolment ? enrolment.items : []).map((item) => [item.item_id, item.status]));
  const items = el('ol', { class: 'course-items', id: 'course-items' }, course.items.map((item) => {
    const state = progress.get(item.id) || 'not_started';
    const row = el('li', { 'data-id': item.id },
      el('span', { class: 'title' }, item.title), ' ',
      el('span', { class: 'meta' }, ITEM_TYPES[item.type] || item.type), ' ',
      enrolment ? stateBadge(ITEM_STATES, state) : '');
    if (active && state !== 'completed') {
      const actions = el('span', { class: 'actions' });
      if (state === 'not_started') {
        const start = el('button', { type: 'button', class: 'secondary mark-started' }, 'Mark started');
        start.addEventListener('click', () => record(start, 'Saving…', course, enrolment, item, 'started'));
        actions.append(start);
      }
      const complete = el('button', { type: 'button', class: 'mark-completed' }, 'Mark completed');
      complete.addEventListener('click', () => record(complete, 'Saving…', course, enrolment, item, 'completed'));
      actions.append(complete);
      row.append(actions);
    }
    return row;
  }));
  detail.replaceChildren(el('h3', { id: 'course-title' }, course.title, course.status !== 'published'
    ? [' ', stateBadge(COURSE_STATES, course.status)] : ''),
  course.description ? el('p', {}, course.description) : '',
  el('p', { class: 'meta' }, [course.grade_band ? 'Grades ' + course.grade_band : null,
    course.item_count + (course.item_count === 1 ? ' item' : ' items')].filter(Boolean).join(' · ')),
  course.items.length ? items : el('p', {}, 'This course has no items yet.'));
  const actions = el('div', { class: 'actions' });
  if (enrolment) {
    detail.append(el('p', { id: 'enrolment-state' }, 'Your enrolment: ', stateBadge(ENROLMENT_STATES, enrolment.status),
      enrolment.status === 'completed' && enrolment.completed_at
        ? ' on ' + new Date(enrolment.completed_at).toLocaleDateString() : ''),
    progressBar('course-progress', enrolment));
  }
  if (course.status === 'published' && (!enrolment || enrolment.status === 'withdrawn')) {
    const enrol = el('button', { type: 'button', id: 'enrol' }, enrolment ? 'Enrol again' : 'Enrol');
    enrol.addEventListener('click', () => busy(enrol, 'Enrolling…', async () => {
      try {
        await api('/api/courses/' + course.id + '/enrol/', { method: 'POST' });
        await refresh(course.id);
        showStatus(enrolment ? 'You are enrolled again in “' + course.title + '”; your progress was kept.'
          : 'You are enrolled in “' + course.title + '”.', 'success');
      } catch (error) {
        showError(error);
      }
    }));
    actions.append(enrol);
  }
  if (active) {
    const withdraw = el('button', { type: 'button', class: 'danger', id: 'withdraw' }, 'Withdraw');
    withdraw.addEventListener('click', () => busy(withdraw, 'Withdrawing…', async () => {
      try {
        await api('/api/enrolments/' + enrolment.id + '/withdraw/', { method: 'POST' });
        await refresh(course.id);
        showStatus('You withdrew from “' + course.title + '”. Enrol again to continue where you left off.', 'success');
      } catch (error) {
        showError(error);
      }
    }));
    actions.append(withdraw);
  }
  detail.append(actions);
}

async function record(button, label, course, enrolment, item, status) {
  await busy(button, label, async () => {
    try {
      const answer = await api('/api/enrolments/' + enrolment.id + '/progress/', {
        method: 'POST', body: { item_id: item.id, status },
      });
      await refresh(course.id);
      showStatus(answer.status === 'completed' ? 'Course completed: “' + course.title + '”.'
        : '“' + item.title + '” marked ' + status + ': ' + percentText(answer.percent_complete) + ' complete.', 'success');
    } catch (error) {
      showError(error);
    }
  });
}

/**
 * After a change the caller's next reads wait for it (read-your-writes), so both views are current;
 * focus returns to the course, whose buttons were replaced.
 */
async function refresh(courseId) {
  await Promise.all([showCourse(courseId, true), loadEnrolments()]);
}

/** Who of the school (every school, for an admin) is enrolled in the course: the first 20, newest first. */
async function renderSchoolEnrolments(course) {
  const answer = await api('/api/enrolments/?course=' + course.id);
  const section = el('section', { 'aria-labelledby': 'school-enrolments-heading', id: 'school-enrolments' },
    el('h3', { id: 'school-enrolments-heading' }, me.role === 'ADMIN' ? 'Enrolments' : 'Enrolments of your school',
      ' (', answer.count, ')'));
  if (answer.results.length === 0) {
    section.append(el('p', {}, 'Nobody is enrolled yet.'));
  } else {
    const names = await Promise.all(answer.results.map((enrolment) => userName(enrolment.user_id)));
    section.append(el('div', { class: 'table-scroll' }, el('table', {},
      el('caption', { class: 'visually-hidden' }, 'Enrolments in ' + course.title),
      el('thead', {}, el('tr', {}, ['Teacher', 'Status', 'Progress', 'Enrolled'].map((h) => el('th', { scope: 'col' }, h)))),
      el('tbody', {}, answer.results.map((enrolment, i) => el('tr', { 'data-user': enrolment.user_id },
        el('td', {}, names[i]),
        el('td', {}, ENROLMENT_STATES[enrolment.status] || enrolment.status),
        el('td', {}, percentText(enrolment.percent_complete), ' (', enrolment.completed_items, '/', enrolment.total_items, ')'),
        el('td', {}, new Date(enrolment.enrolled_at).toLocaleDateString())))))));
  }
  detail.append(section);
}

async function userName(id) {
  if (id === me.id) {
    return me.full_name || me.username;
  }
  if (!userNames.has(id)) {
    userNames.set(id, api('/api/users/' + id + '/').then((user) => user.full_name || user.username, () => 'User ' + id));
  }
  return userNames.get(id);
}

field('course-search-form').addEventListener('submit', (event) => {
  event.preventDefault();
  page = 1;
  loadCourses();
});
field('previous').addEventListener('click', () => {
  page -= 1;
  loadCourses();
});
field('next').addEventListener('click', () => {
  page += 1;
  loadCourses();
});
window.addEventListener('popstate', () => showCourse(new URLSearchParams(location.search).get('course'), false));
await Promise.all([loadCourses(), loadEnrolments(), showCourse(new URLSearchParams(location.search).get('course'), false)]);
