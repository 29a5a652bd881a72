// The operators' console: sign-in, the syncs of this browser session with live progress, their
// conflicts and activity. Plain DOM, no framework; all data comes from the orchestrate API.
import { ApiError, call, session, withoutEmpty } from './api.js';

const POLL_MS = 1500;
const ACTIVE = new Set(['draft', 'queued', 'processing', 'paused']);
const CAN = {
  pause: new Set(['queued', 'processing']),
  resume: new Set(['paused']),
  cancel: ACTIVE,
};

const $ = (selector, root = document) => root.querySelector(selector);

/** A DOM element with these attributes (on… as listeners) and children (text or elements). */
function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = value;
    else node.setAttribute(name, value === true ? '' : value);
  }
  node.append(...children.flat().filter((c) => c !== null && c !== undefined).map((c) => (c instanceof Node ? c : String(c))));
  return node;
}

function facts(list, pairs) {
  list.replaceChildren(...pairs.flatMap(([term, value]) => [el('dt', {}, term), el('dd', {}, value ?? '—')]));
}

// ---- messages ----------------------------------------------------------------------------------

let rateLimitedUntil = 0;

function say(text, kind = 'ok', details = []) {
  const box = $('#message');
  box.className = kind;
  box.replaceChildren(el('p', {}, text));
  if (details.length) {
    box.append(el('ul', {}, details.map((d) => el('li', {}, d.field ? el('code', {}, d.field) : null, d.field ? ': ' : '', d.message))));
  }
  box.append(el('button', { type: 'button', class: 'link', onclick: () => { box.hidden = true; } }, 'Dismiss'));
  box.hidden = false;
}

/** Reports a failed call: the envelope's code and message, its details by field, what to do next. */
function report(error, doing) {
  if (!(error instanceof ApiError)) {
    say(`${doing} failed: ${error.message}`, 'error');
    return;
  }
  if (error.status === 401) {
    signOut(`The service refused the token (${error.code}: ${error.message}). Sign in again.`);
    return;
  }
  let next = '';
  if (error.status === 429 && error.retryAfterSeconds !== null && !Number.isNaN(error.retryAfterSeconds)) {
    const at = new Date(Date.now() + error.retryAfterSeconds * 1000);
    if (error.code === 'RATE_LIMITED') rateLimitedUntil = at.getTime();
    next = ` Retry in ${error.retryAfterSeconds} s (after ${at.toLocaleTimeString()}).`;
  }
  say(`${doing} failed — ${error.code}: ${error.message}.${next}`, 'error', error.details);
}

// ---- sign-in -----------------------------------------------------------------------------------

async function signIn(event) {
  event.preventDefault();
  const form = event.target;
  const credentials = {
    orgId: form.orgId.value.trim(), userId: form.userId.value.trim(), token: form.token.value.trim(),
  };
  try {
    await call('conflicts', { limit: 1 }, credentials); // any read-only call proves the token and organisation
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) {
      say(`Sign-in refused — ${e.code}: ${e.message}`, 'error');
    } else {
      report(e, 'Sign-in');
    }
    return;
  }
  session.set({ ...credentials, syncs: [] });
  form.reset();
  $('#message').hidden = true;
  showWorkspace();
}

function signOut(why) {
  session.clear();
  stopPolling();
  cards.clear();
  $('#sync-list').replaceChildren();
  $('#conflict-table tbody').replaceChildren();
  $('#activity-table tbody').replaceChildren();
  for (const hidden of ['#workspace', '#who', '#sign-out', '#conflict-detail', '#conflict-table', '#activity-table']) {
    $(hidden).hidden = true;
  }
  $('#sign-in').hidden = false;
  if (why) say(why, 'error');
  else $('#message').hidden = true;
  $('#sign-in-form').orgId.focus();
}

function showWorkspace() {
  const { orgId, userId, syncs } = session.get();
  $('#sign-in').hidden = true;
  $('#workspace').hidden = false;
  $('#who').textContent = `${userId} · organisation ${orgId}`;
  $('#who').hidden = false;
  $('#sign-out').hidden = false;
  syncs.forEach((id) => card(id));
  updateSyncChoices();
  refreshAll();
  startPolling();
  $('#syncs-title').focus();
}

// ---- syncs -------------------------------------------------------------------------------------

const cards = new Map(); // syncId -> { root, parts, status }

function remember(syncId) {
  const current = session.get();
  if (!current.syncs.includes(syncId)) {
    current.syncs.unshift(syncId);
    session.set(current);
  }
  card(syncId);
  updateSyncChoices();
}

function forget(syncId) {
  const current = session.get();
  session.set({ ...current, syncs: current.syncs.filter((id) => id !== syncId) });
  cards.get(syncId)?.root.remove();
  cards.delete(syncId);
  updateSyncChoices();
}

function card(syncId) {
  if (cards.has(syncId)) return cards.get(syncId);
  const part = (name, tag = 'span') => el(tag, { class: name });
  const parts = {
    title: el('h3', {}, el('code', {}, syncId)),
    state: part('state'),
    bar: el('div', { class: 'progress', role: 'progressbar', 'aria-valuemin': 0, 'aria-valuemax': 100, 'aria-valuenow': 0,
      'aria-label': `Progress of sync ${syncId}` }, el('div', { class: 'fill' })),
    percent: part('percent'),
    eta: part('eta'),
    counters: el('dl', { class: 'facts counters' }),
    reason: el('p', { class: 'reason', hidden: true }),
  };
  const button = (action, label) => el('button', { type: 'button', 'data-action': action, 'data-sync': syncId,
    'aria-label': `${label} sync ${syncId}` }, label);
  parts.buttons = {
    pause: button('pause', 'Pause'), resume: button('resume', 'Resume'), cancel: button('cancel', 'Cancel'),
  };
  const root = el('li', { class: 'card', 'data-sync': syncId },
    el('div', { class: 'card-head' }, parts.title, parts.state),
    el('div', { class: 'card-line' }, parts.bar, parts.percent, parts.eta),
    parts.counters, parts.reason,
    el('div', { class: 'inline' }, Object.values(parts.buttons),
      button('conflicts', 'Conflicts'), button('activity', 'Activity'), button('forget', 'Forget')));
  $('#sync-list').append(root);
  const entry = { root, parts, status: null };
  cards.set(syncId, entry);
  $('#no-syncs').hidden = true;
  return entry;
}

function formatDuration(ms) {
  if (ms === null || ms === undefined) return null;
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes} min ${seconds % 60} s` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

function render(syncId, status) {
  const { root, parts } = card(syncId);
  cards.get(syncId).status = status;
  const percent = status.progress?.percentComplete ?? 0;
  const state = status.status;
  parts.title.replaceChildren(el('code', {}, syncId), ' ',
    el('span', { class: 'what' }, `${status.systems.join(' → ')} · ${status.entityTypes.join(', ')}`
      + (status.syncConfig?.dryRun ? ' · dry run' : '')));
  parts.state.textContent = state;
  parts.state.className = `state state-${state}`;
  root.dataset.state = state;
  parts.bar.setAttribute('aria-valuenow', percent);
  parts.bar.firstChild.style.width = `${percent}%`;
  parts.percent.textContent = `${percent} %`;
  const eta = ACTIVE.has(state) ? formatDuration(status.progress?.estimatedTimeRemainingMs) : null;
  const current = status.progress?.currentEntityType;
  parts.eta.textContent = [eta ? `about ${eta} left` : null, ACTIVE.has(state) && current ? `now: ${current}` : null]
    .filter(Boolean).join(' · ');
  const q = status.queue || {};
  facts(parts.counters, [
    ['processed', q.processed], ['failed', q.failed], ['skipped', q.skipped], ['pending', q.pending], ['total', q.total],
    ['open conflicts', status.conflicts?.unresolvedCount],
  ]);
  parts.reason.hidden = !status.failureReason;
  parts.reason.textContent = status.failureReason ? `Failure: ${status.failureReason}` : '';
  for (const [action, button] of Object.entries(parts.buttons)) button.disabled = !CAN[action].has(state);
}

async function refresh(syncId) {
  try {
    render(syncId, await call('status', { syncId }));
  } catch (e) {
    report(e, `Status of sync ${syncId}`);
    if (e instanceof ApiError && e.status === 404) forget(syncId);
  }
}

function refreshAll() {
  return Promise.all([...cards.keys()].map(refresh));
}

let pollTimer = null;
function startPolling() {
  stopPolling();
  pollTimer = setInterval(() => {
    if (Date.now() < rateLimitedUntil || !session.get()) return;
    for (const [syncId, entry] of cards) {
      if (!entry.status || ACTIVE.has(entry.status.status)) refresh(syncId);
    }
  }, POLL_MS);
}
function stopPolling() {
  clearInterval(pollTimer);
  pollTimer = null;
}

async function onSyncButton(event) {
  const button = event.target.closest('button[data-action]');
  if (!button) return;
  const { action, sync: syncId } = button.dataset;
  if (action === 'forget') return forget(syncId);
  if (action === 'conflicts' || action === 'activity') {
    const form = action === 'conflicts' ? $('#conflict-filter') : $('#activity-form');
    form.syncId.value = syncId;
    form.requestSubmit();
    form.scrollIntoView({ behavior: 'smooth', block: 'start' });
    return;
  }
  try {
    const answer = await call(action, { syncId });
    say(`Sync ${syncId}: ${action} done, now ${answer.status}.`);
  } catch (e) {
    report(e, `${action[0].toUpperCase()}${action.slice(1)} of sync ${syncId}`);
  }
  refresh(syncId);
}

async function startSync(event) {
  event.preventDefault();
  const form = event.target;
  const number = (name) => (form[name].value === '' ? '' : Number(form[name].value));
  const syncConfig = withoutEmpty({
    batchSize: number('batchSize'), maxRetries: number('maxRetries'), rateLimit: number('rateLimit'),
    interBatchDelayMs: number('interBatchDelayMs'), mode: form.mode.value, dryRun: form.dryRun.checked ? true : '',
  });
  const body = {
    systems: [form.source.value, form.target.value],
    entityTypes: [...form.querySelectorAll('input[name=entityTypes]:checked')].map((c) => c.value),
    syncConfig,
  };
  try {
    const answer = await call('start', body);
    remember(answer.syncId);
    $('#start-panel').open = false;
    say(`Sync ${answer.syncId} started: ${answer.status}.`);
    refresh(answer.syncId);
  } catch (e) {
    report(e, 'Start');
  }
}

async function trackSync(event) {
  event.preventDefault();
  const syncId = event.target.syncId.value.trim().toLowerCase();
  try {
    const status = await call('status', { syncId });
    remember(syncId);
    render(syncId, status);
    event.target.reset();
  } catch (e) {
    report(e, `Looking up sync ${syncId}`);
  }
}

function updateSyncChoices() {
  const ids = session.get()?.syncs ?? [];
  for (const select of document.querySelectorAll('select.sync-choice')) {
    const chosen = select.value;
    const keep = [...select.options].filter((o) => o.value === '' && !select.required);
    select.replaceChildren(...keep, ...ids.map((id) => el('option', { value: id }, id)));
    if ([...select.options].some((o) => o.value === chosen)) select.value = chosen;
  }
  $('#no-syncs').hidden = ids.length > 0;
}

// ---- conflicts ---------------------------------------------------------------------------------

let conflictQuery = null;
let conflictCursor = null;
const shownConflicts = new Map();

async function loadConflicts(append) {
  const form = $('#conflict-filter');
  if (!append) {
    conflictQuery = withoutEmpty({ syncId: form.syncId.value, type: form.type.value, state: form.state.value, limit: 20 });
    conflictCursor = null;
  }
  try {
    const answer = await call('conflicts', withoutEmpty({ ...conflictQuery, cursor: conflictCursor }));
    const body = $('#conflict-table tbody');
    if (!append) {
      body.replaceChildren();
      shownConflicts.clear();
    }
    answer.conflicts.forEach((c) => body.append(conflictRow(c)));
    conflictCursor = answer.nextCursor;
    $('#conflict-table').hidden = shownConflicts.size === 0;
    $('#conflict-empty').hidden = shownConflicts.size > 0;
    $('#conflict-more').hidden = !conflictCursor;
  } catch (e) {
    report(e, 'Listing conflicts');
  }
}

function conflictRow(conflict) {
  shownConflicts.set(conflict.conflictId, conflict);
  return el('tr', { 'data-conflict': conflict.conflictId },
    el('td', {}, conflict.type), el('td', { class: 'conflict-state' }, conflict.state),
    el('td', {}, `${conflict.entityType} ${conflict.sourceSystem} #${conflict.sourceRecordId ?? '—'}`),
    el('td', { class: 'message-cell' }, conflict.message),
    el('td', {}, el('button', { type: 'button', 'aria-label': `Open conflict ${conflict.conflictId}`,
      onclick: () => openConflict(conflict.conflictId) }, 'Open')));
}

/** Nested values as dotted paths, so that two versions compare field by field. */
function flatten(value, prefix = '', into = {}) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into[prefix] = value;
  }
  return into;
}

const shown = (value) => (value === undefined ? '' : value === null ? 'null' : typeof value === 'object' ? JSON.stringify(value) : String(value));

let openConflictId = null;

function openConflict(conflictId) {
  const c = shownConflicts.get(conflictId);
  openConflictId = conflictId;
  const detail = $('#conflict-detail');
  $('#conflict-title').textContent = `${c.type} conflict (${c.state})`;
  facts($('#conflict-facts'), [
    ['conflict', el('code', {}, c.conflictId)], ['sync', el('code', {}, c.syncId)], ['entity', c.entityType],
    ['direction', `${c.sourceSystem} → ${c.targetSystem}`], ['attempts', c.attempts],
    ['created', new Date(c.createdAt).toLocaleString()], ['message', c.message],
  ]);
  $('#source-head').textContent = `Source: ${c.sourceSystem} #${c.sourceRecordId ?? '—'}`;
  $('#target-head').textContent = `Target: ${c.targetSystem} ${c.targetRecordId ? `#${c.targetRecordId}` : '(no record)'}`;
  const source = flatten(c.sourceData);
  const target = c.targetData ? flatten(c.targetData) : {};
  const fields = [...new Set([...Object.keys(source), ...Object.keys(target)])].sort();
  $('#conflict-fields tbody').replaceChildren(...fields.map((field) => {
    const differs = c.targetData !== null && shown(source[field]) !== shown(target[field]);
    return el('tr', { class: differs ? 'differs' : null },
      el('th', { scope: 'row' }, differs ? el('span', { class: 'marker', title: 'differs' }, '≠ ') : null, field,
        differs ? el('span', { class: 'sr' }, ' (differs)') : null),
      el('td', {}, shown(source[field])), el('td', {}, c.targetData ? shown(target[field]) : '—'));
  }));
  const unresolved = c.state === 'unresolved';
  for (const button of $('#resolve-form').querySelectorAll('button, textarea')) button.disabled = !unresolved;
  const r = c.resolution;
  facts($('#conflict-trail'), r ? [
    ['resolution', r.resolution], ['outcome', r.outcome], ['note', r.note], ['by', r.resolvedBy],
    ['at', r.resolvedAt ? new Date(r.resolvedAt).toLocaleString() : null],
  ] : [['state', 'not resolved yet']]);
  detail.hidden = false;
  detail.focus();
}

async function resolveConflict(event) {
  event.preventDefault();
  const form = event.target;
  const resolution = event.submitter?.value ?? 'retry';
  try {
    const answer = await call('resolve-conflict', withoutEmpty({
      conflictId: openConflictId, resolution, note: form.note.value.trim(),
    }));
    const c = answer.conflict;
    form.reset();
    $(`#conflict-table tr[data-conflict="${c.conflictId}"]`)?.replaceWith(conflictRow(c));
    shownConflicts.set(c.conflictId, c);
    openConflict(c.conflictId);
    say(`Conflict resolved: ${c.resolution.resolution}, ${c.resolution.outcome}.`);
    if (cards.has(c.syncId)) refresh(c.syncId);
  } catch (e) {
    report(e, 'Resolving the conflict');
  }
}

// ---- activity ----------------------------------------------------------------------------------

let activitySync = null;
let activityCursor = null;

async function loadActivity(append) {
  if (!append) {
    activitySync = $('#activity-form').syncId.value;
    activityCursor = null;
  }
  if (!activitySync) return;
  try {
    const answer = await call('activity', withoutEmpty({ syncId: activitySync, limit: 50, cursor: activityCursor }));
    const rows = answer.entries.map((entry) => el('tr', {},
      el('td', {}, new Date(entry.createdAt).toLocaleString()), el('td', {}, entry.action), el('td', {}, entry.outcome),
      el('td', {}, entry.actor), el('td', { class: 'number' }, entry.durationMs ?? ''),
      el('td', { class: 'details' }, entry.details ? el('code', {}, JSON.stringify(entry.details)) : '')));
    const body = $('#activity-table tbody');
    if (append) body.append(...rows);
    else body.replaceChildren(...rows);
    activityCursor = answer.nextCursor;
    $('#activity-table').hidden = false;
    $('#activity-more').hidden = !activityCursor;
  } catch (e) {
    report(e, 'Activity');
  }
}

// ---- wiring ------------------------------------------------------------------------------------

const submit = (handler) => (event) => {
  event.preventDefault();
  handler(false);
};

$('#sign-in-form').addEventListener('submit', signIn);
$('#sign-out').addEventListener('click', () => signOut(null));
$('#start-form').addEventListener('submit', startSync);
$('#track-form').addEventListener('submit', trackSync);
$('#sync-list').addEventListener('click', onSyncButton);
$('#conflict-filter').addEventListener('submit', submit(loadConflicts));
$('#conflict-more').addEventListener('click', () => loadConflicts(true));
$('#resolve-form').addEventListener('submit', resolveConflict);
$('#activity-form').addEventListener('submit', submit(loadActivity));
$('#activity-more').addEventListener('click', () => loadActivity(true));

if (session.get()) showWorkspace();
else $('#sign-in-form').orgId.focus();
