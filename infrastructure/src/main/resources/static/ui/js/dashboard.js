// The dashboard: the caller's own figures and courses in progress; the school's figures with charts of
// views and downloads over the month and of published videos by grade and by topic (each chart with
// a summary as its accessible name and a table of its numbers); the enrolments of the school by course
// for school admins and admins; the platform's figures for admins.
import { api } from '/ui/js/api.js';
import { el, GRADES, loading, showError, startPage, TOPICS } from '/ui/js/page.js';
import { Chart } from '/ui/vendor/charts.js';

const BRAND = '#0b5cad';
const OK = '#1a6b32';
const INK = '#1b1f24';
const COURSE_STATES = { draft: 'Draft', published: 'Published', archived: 'Archived' };

const me = await startPage();
const board = document.getElementById('dashboard');
const isManager = me.role === 'SCHOOL_ADMIN' || me.role === 'ADMIN';
Chart.defaults.color = INK;
Chart.defaults.font.family = getComputedStyle(document.documentElement).fontFamily;
// charts appear at once: no motion to wait for, nothing moving for people who asked for less
Chart.defaults.animation = false;

/** A list of labelled figures; each keeps its key in data-figure. */
function figures(id, values, labels) {
  return el('dl', { class: 'figures', id }, Object.entries(labels).map(([key, label]) => el('div', { 'data-figure': key },
    el('dt', {}, label), el('dd', {}, format(values[key])))));
}

function format(value) {
  if (value === null || value === undefined) {
    return '—';
  }
  return typeof value === 'number' ? value.toLocaleString('en-US') : String(value);
}

function section(id, title, ...children) {
  return el('section', { 'aria-labelledby': id + '-heading', id }, el('h2', { id: id + '-heading' }, title), ...children);
}

function table(id, caption, headings, rows) {
  return el('div', { class: 'table-scroll' }, el('table', { id },
    el('caption', {}, caption),
    el('thead', {}, el('tr', {}, headings.map((h) => el('th', { scope: 'col' }, h)))),
    el('tbody', {}, rows.map((cells) => el('tr', {}, cells.map((cell, i) => i === 0
      ? el('th', { scope: 'row' }, cell) : el('td', {}, format(cell))))))));
}

/**
 * A chart and its text alternatives: the canvas is an image named by a one-sentence summary, and the
 * numbers it draws are in a table under a disclosure.
 */
function chart(id, title, summary, config, numbers) {
  const canvas = el('canvas', { id: id + '-canvas', role: 'img', 'aria-label': title + ': ' + summary });
  const figure = el('figure', { class: 'chart panel', id },
    el('figcaption', {}, el('h3', {}, title), el('p', { class: 'meta' }, summary)),
    el('div', { class: 'chart-box' }, canvas),
    el('details', {}, el('summary', {}, 'Numbers behind this chart'), numbers));
  return { figure, draw: () => new Chart(canvas, config) };
}

function viewsChart(days) {
  const views = days.reduce((sum, d) => sum + d.views, 0);
  const downloads = days.reduce((sum, d) => sum + d.downloads, 0);
  const busiest = days.reduce((best, d) => (d.views > best.views ? d : best), days[0]);
  const summary = views + (views === 1 ? ' view' : ' views') + ' and ' + downloads
    + (downloads === 1 ? ' download' : ' downloads') + ' in the last ' + days.length + ' days'
    + (busiest && busiest.views > 0 ? '; most views on ' + busiest.day + ' (' + busiest.views + ')' : '') + '.';
  return chart('views-chart', 'Views and downloads, last 30 days', summary, {
    type: 'line',
    data: {
      labels: days.map((d) => d.day.slice(5)),
      datasets: [
        { label: 'Video views', data: days.map((d) => d.views), borderColor: BRAND, backgroundColor: BRAND, tension: 0.2 },
        { label: 'Downloads', data: days.map((d) => d.downloads), borderColor: OK, backgroundColor: OK, borderDash: [6, 4], tension: 0.2 },
      ],
    },
    options: {
      responsive: true, maintainAspectRatio: false,
      scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
      interaction: { mode: 'index', intersect: false },
      plugins: { legend: { labels: { usePointStyle: true } } },
    },
  }, table('views-table', 'Views and downloads per day (UTC)', ['Day', 'Video views', 'Downloads'],
    days.map((d) => [d.day, d.views, d.downloads])));
}

function barChart(id, title, noun, pairs) {
  const total = pairs.reduce((sum, [, count]) => sum + count, 0);
  const summary = pairs.length === 0 ? 'no published videos yet.'
    : total + ' published ' + (total === 1 ? 'video' : 'videos') + ': '
      + pairs.map(([label, count]) => label + ' ' + count).join(', ') + '.';
  return chart(id, title, summary, {
    type: 'bar',
    data: {
      labels: pairs.map(([label]) => label),
      datasets: [{ label: 'Published videos', data: pairs.map(([, count]) => count), backgroundColor: BRAND }],
    },
    options: {
      responsive: true, maintainAspectRatio: false, indexAxis: noun === 'Topic' ? 'y' : 'x',
      scales: { [noun === 'Topic' ? 'x' : 'y']: { beginAtZero: true, ticks: { precision: 0 } } },
      plugins: { legend: { display: false } },
    },
  }, table(id.replace('-chart', '-table'), title, [noun, 'Published videos'], pairs));
}

function label(pairs, code) {
  const found = pairs.find(([value]) => value === code);
  return found ? found[1] : code;
}

function coursesInProgress(inProgress) {
  if (inProgress.length === 0) {
    return el('p', {}, 'No course in progress. ', el('a', { href: '/courses/' }, 'Browse the courses'), '.');
  }
  return el('ul', { class: 'results', id: 'in-progress' }, inProgress.map((course) => el('li', { class: 'card', 'data-id': course.course_id },
    el('h3', {}, el('a', { href: '/courses/?course=' + encodeURIComponent(course.course_id) }, course.course_title)),
    el('div', { class: 'progress-line' },
      el('progress', { max: 100, value: Number(course.percent_complete), 'aria-label': 'Percent complete of ' + course.course_title }),
      el('span', { class: 'percent' }, Number(course.percent_complete).toFixed(1), ' % complete (', course.completed_items, ' of ',
        course.total_items, course.total_items === 1 ? ' item)' : ' items)')))));
}

function popular(videos) {
  if (videos.length === 0) {
    return el('p', {}, 'No published video yet.');
  }
  return el('ol', { class: 'ranked', id: 'popular' }, videos.map((video) => el('li', {}, video.title, ' ',
    el('span', { class: 'meta' }, video.analytics.views_30d, video.analytics.views_30d === 1 ? ' view' : ' views', ' · ',
      video.analytics.unique_viewers_30d, video.analytics.unique_viewers_30d === 1 ? ' viewer' : ' viewers'))));
}

async function loadDashboard() {
  await loading(board, 'Loading your dashboard…', async () => {
    try {
      const [dashboard, library] = await Promise.all([api('/api/dashboard/'), api('/api/library/stats/')]);
      document.getElementById('greeting').textContent = [dashboard.user_info.name, dashboard.user_info.role,
        dashboard.user_info.school].filter(Boolean).join(' · ');
      const summary = dashboard.analytics_summary;
      const busiest = summary.most_active_day;
      const charts = [
        viewsChart(dashboard.daily_activity),
        barChart('grade-chart', 'Published videos by grade', 'Grade',
          library.videos_by_grade.map((g) => [label(GRADES, g.grade), g.count])),
        barChart('topic-chart', 'Published videos by topic', 'Topic',
          library.videos_by_topic.map((t) => [label(TOPICS, t.topic), t.count])),
      ];
      const parts = [
        section('mine', 'Your figures', figures('my-figures', dashboard.user_stats, {
          my_videos: 'My videos', my_resources: 'My resources', my_playlists: 'My playlists',
          videos_uploaded_this_week: 'Videos uploaded this week',
        })),
        section('learning', 'Courses in progress', coursesInProgress(dashboard.enrolments.in_progress)),
        section('school', 'Your school', figures('school-figures', {
          ...dashboard.school_stats, ...summary,
          most_active_day: busiest ? busiest.day + ' (' + busiest.view_count + ' views)' : null,
        }, {
          total_videos: 'Published videos', total_resources: 'Published resources', total_playlists: 'Public playlists',
          videos_this_month: 'New videos this month', total_video_views: 'Video views, last 30 days',
          total_resource_downloads: 'Downloads, last 30 days', engagement_rate: 'Views per published video',
          most_active_day: 'Busiest day this week',
        }), el('div', { class: 'charts' }, charts.map((c) => c.figure)),
        el('h3', {}, 'Most viewed videos, last 30 days'), popular(dashboard.popular_content)),
      ];
      if (isManager) {
        const byCourse = dashboard.enrolments.by_course;
        parts.push(section('enrolment-stats', 'Enrolments of your school by course', byCourse.length === 0
          ? el('p', {}, 'No course is open to your school yet.')
          : table('enrolments-table', 'Enrolments by course and status', ['Course', 'Course status', 'Enrolments',
            'In progress', 'Completed', 'Withdrawn'], byCourse.map((c) => [c.title, COURSE_STATES[c.status] || c.status,
            c.enrolments, c.active, c.completed, c.withdrawn]))));
      }
      board.replaceChildren(...parts);
      charts.forEach((c) => c.draw());
    } catch (error) {
      board.replaceChildren();
      showError(error);
    }
  });
}

async function loadPlatform() {
  const holder = document.getElementById('platform');
  document.getElementById('platform-section').hidden = false;
  await loading(holder, 'Loading the platform figures…', async () => {
    try {
      const admin = await api('/api/admin/dashboard/');
      holder.replaceChildren(
        figures('platform-figures', { ...admin.platform_stats, ...admin.user_stats, ...admin.content_stats }, {
          total_schools: 'Schools', active_schools: 'Active schools', total_users: 'Users', active_users: 'Active users',
          teachers: 'Teachers', school_admins: 'School admins', system_admins: 'Admins',
          published_videos: 'Published videos', pending_videos: 'Videos waiting for review',
          total_resources: 'Resources', total_playlists: 'Playlists',
        }),
        el('h3', {}, 'Last 7 days'),
        figures('recent-figures', admin.recent_activity, {
          new_users: 'New users', new_videos: 'New videos', recent_logins: 'Users who signed in',
        }),
        admin.top_schools.length ? table('top-schools', 'Schools with the most videos', ['School', 'Domain', 'Videos', 'Users'],
          admin.top_schools.map((s) => [s.name, s.domain, s.video_count, s.user_count])) : '',
        admin.recent_audit_logs.length ? table('recent-actions', 'Newest audited actions', ['Action', 'By', 'When'],
          admin.recent_audit_logs.map((a) => [a.action, a.user, new Date(a.created_at).toLocaleString()])) : '');
    } catch (error) {
      holder.replaceChildren();
      showError(error);
    }
  });
}

await Promise.all([loadDashboard(), me.role === 'ADMIN' ? loadPlatform() : null]);
