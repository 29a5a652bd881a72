// The web console driven in headless Chromium against a running service and its sandbox
// simulators (started by ConsoleBrowserTest, which passes where they are in the environment):
// sign in, start a customer sync, watch it reach 100 %, open its ValidationError conflict, fix the
// cause in Odoo, accept the conflict, read the activity, sign out. Exit code 0 when all of it held.
import { chromium } from 'playwright-core';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

const env = (name) => {
  const value = process.env[name];
  if (!value) throw new Error(`environment variable ${name} is not set`);
  return value;
};
const BASE = env('CONSOLE_BASE_URL');
const ORG = env('CONSOLE_ORG');
const USER = env('CONSOLE_USER');
const TOKEN = env('CONSOLE_TOKEN');
const SCREENSHOT = env('CONSOLE_SCREENSHOT');
const ODOO = { url: env('ODOO_URL'), db: env('ODOO_DB'), uid: Number(env('ODOO_UID')), password: env('ODOO_PASSWORD') };
const LIMITED = { org: env('CONSOLE_LIMITED_ORG'), token: env('CONSOLE_LIMITED_TOKEN'), perMinute: Number(env('CONSOLE_RATE_LIMIT')) };
const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const started = Date.now();
const step = (text) => console.log(`step ${((Date.now() - started) / 1000).toFixed(1)}s: ${text}`);

/** Odoo's own JSON-RPC, as a person fixing the data in Odoo would (through its API here). */
async function odooCreate(model, values) {
  const response = await fetch(`${ODOO.url}/jsonrpc`, {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'call', params: { service: 'object', method: 'execute_kw',
      args: [ODOO.db, ODOO.uid, ODOO.password, model, 'create', [values]] } }),
  });
  const answer = await response.json();
  assert.ok(!answer.error, `Odoo refused ${model}.create: ${JSON.stringify(answer.error)}`);
  return answer.result;
}

const browser = await chromium.launch({
  executablePath: CHROMIUM, headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  page.setDefaultTimeout(20_000);
  const pageErrors = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  // the service's Content-Security-Policy allows no inline script or style: Chromium reports what it refused
  const policyViolations = [];
  page.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) policyViolations.push(m.text()); });
  const alert = page.getByRole('alert');

  step('open /console (redirects to /console/)');
  const response = await page.goto(`${BASE}/console`);
  assert.equal(response.status(), 200);
  assert.ok(page.url().endsWith('/console/'), page.url());
  assert.equal(response.headers()['content-security-policy'], "default-src 'self'; object-src 'none'; frame-ancestors 'none'");
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();

  step('a wrong token is refused with the API\'s code and message');
  await signIn(ORG, 'wos_not-a-token');
  await alert.filter({ hasText: 'UNAUTHORIZED' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0, 'nothing kept after a refused sign-in');

  async function signIn(org, token) {
    await page.getByLabel('Organisation id').fill(org);
    await page.getByLabel('User id').fill(USER);
    await page.getByLabel('API token').fill(token);
    await page.getByLabel('API token').press('Enter');
  }

  step('sign in (keyboard: Enter submits)');
  await signIn(ORG, TOKEN);
  await page.getByRole('heading', { name: 'Syncs' }).waitFor();
  await page.getByText(`${USER} · organisation ${ORG}`).waitFor();
  const storage = await page.evaluate(() => ({
    session: sessionStorage.getItem('wooodoo.console.session'), local: localStorage.length, cookie: document.cookie,
  }));
  assert.ok(storage.session.includes(TOKEN), 'the token is in sessionStorage');
  assert.equal(storage.local, 0, 'nothing in localStorage');
  assert.equal(storage.cookie, '', 'no cookie');

  step('a start the API refuses shows the code and each field');
  await page.getByText('Start a sync').click();
  await page.getByLabel('customers').uncheck();
  await page.getByRole('button', { name: 'Start sync' }).click();
  await alert.filter({ hasText: 'VALIDATION_ERROR' }).filter({ hasText: 'entityTypes' }).waitFor();

  step('start a customer sync woocommerce → odoo');
  await page.getByLabel('customers').check();
  await page.getByLabel('Source').selectOption('woocommerce');
  await page.getByLabel('Target').selectOption('odoo');
  await page.getByLabel('Mode').selectOption('full');
  await page.getByLabel('Delay between batches, ms').fill('400');
  await page.getByLabel('Batch size').fill('5');
  await page.getByLabel('Batch size').press('Enter');
  await alert.filter({ hasText: 'started' }).waitFor();
  const card = page.locator('#sync-list li.card').first();
  const syncId = await card.getAttribute('data-sync');
  console.log(`SYNC_ID=${syncId}`);

  step('pause and resume it (buttons enabled as the state allows)');
  await card.getByRole('button', { name: /^Pause/ }).click();
  await card.locator('.state', { hasText: 'paused' }).waitFor();
  assert.ok(await card.getByRole('button', { name: /^Pause/ }).isDisabled(), 'pause is off while paused');
  await card.getByRole('button', { name: /^Resume/ }).click();
  await alert.filter({ hasText: 'resume done' }).waitFor();
  await page.waitForFunction((id) => document.querySelector(`li.card[data-sync="${id}"]`).dataset.state !== 'paused', syncId);
  assert.ok(await card.getByRole('button', { name: /^Resume/ }).isDisabled(), 'resume is off once resumed');

  step('watch the progress bar');
  const bar = card.getByRole('progressbar');
  const seen = new Set();
  await page.waitForFunction(() => {
    const node = document.querySelector('#sync-list li.card [role=progressbar]');
    const value = Number(node.getAttribute('aria-valuenow'));
    (window.seenProgress ||= new Set()).add(value);
    return value === 100;
  }, null, { timeout: 90_000, polling: 200 });
  (await page.evaluate(() => [...window.seenProgress])).forEach((v) => seen.add(v));
  step(`progress values seen: ${[...seen].sort((a, b) => a - b).join(', ')}`);
  assert.ok([...seen].some((v) => v > 0 && v < 100), 'the bar moved through values between 0 and 100');
  await card.locator('.state', { hasText: 'partial' }).waitFor();
  assert.equal(await bar.getAttribute('aria-valuenow'), '100');
  assert.match(await card.locator('.percent').textContent(), /100 %/);
  assert.ok(await card.getByRole('button', { name: /^Pause/ }).isDisabled(), 'pause is off once finished');
  assert.ok(await card.getByRole('button', { name: /^Cancel/ }).isDisabled(), 'cancel is off once finished');

  step('open the sync\'s conflicts');
  await card.getByRole('button', { name: /^Conflicts/ }).click();
  const row = page.locator('#conflict-table tbody tr', { hasText: 'ValidationError' });
  await row.first().waitFor();
  assert.equal(await row.count(), 1, 'one ValidationError conflict');
  await row.getByRole('button', { name: /^Open conflict/ }).click();
  const detail = page.locator('#conflict-detail');
  await detail.getByRole('heading', { name: /ValidationError conflict \(unresolved\)/ }).waitFor();
  const conflictId = await row.getAttribute('data-conflict');
  console.log(`CONFLICT_ID=${conflictId}`);
  const differing = detail.locator('#conflict-fields tr.differs');
  assert.ok(await differing.count() >= 1, 'the fields that differ between source and target are marked');
  assert.ok((await differing.allTextContents()).some((t) => t.includes('Zoe')), 'the differing name is shown side by side');

  step(`screenshot ${SCREENSHOT}`);
  mkdirSync(dirname(SCREENSHOT), { recursive: true });
  await alert.getByRole('button', { name: 'Dismiss' }).click();
  await alert.waitFor({ state: 'hidden' });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: SCREENSHOT });

  step('fix the cause in Odoo (the country exists now), then accept with a note');
  await odooCreate('res.country', { name: 'Zedland', code: 'ZZ' });
  await detail.getByLabel('Note (optional)').fill('Zedland created in Odoo');
  await detail.getByRole('button', { name: 'Accept source' }).click();
  await alert.filter({ hasText: 'Conflict resolved: accept, applied' }).waitFor();
  await detail.getByRole('heading', { name: /\(resolved\)/ }).waitFor();
  const trail = await detail.locator('#conflict-trail').textContent();
  assert.ok(trail.includes(USER) && trail.includes('Zedland created in Odoo') && trail.includes('applied'), trail);
  assert.ok(await detail.getByRole('button', { name: 'Retry' }).isDisabled(), 'a resolved conflict cannot be resolved again');

  step('the resolved filter lists it, the unresolved one no more');
  await page.getByLabel('State').selectOption('resolved');
  await page.getByRole('button', { name: 'Show conflicts' }).click();
  await page.locator(`#conflict-table tr[data-conflict="${conflictId}"] .conflict-state`, { hasText: 'resolved' }).waitFor();

  step('the activity of the sync');
  await card.getByRole('button', { name: /^Activity/ }).click();
  const activity = page.locator('#activity-table tbody tr');
  await activity.filter({ hasText: 'resolve-conflict' }).first().waitFor();
  await activity.filter({ hasText: 'start' }).first().waitFor();

  step('a token refused mid-session (401) brings back the sign-in');
  await page.evaluate(() => {
    const kept = JSON.parse(sessionStorage.getItem('wooodoo.console.session'));
    sessionStorage.setItem('wooodoo.console.session', JSON.stringify({ ...kept, token: 'wos_revoked' }));
  });
  await page.getByRole('button', { name: 'Show conflicts' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  await alert.filter({ hasText: 'UNAUTHORIZED' }).filter({ hasText: 'Sign in again' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);

  step('sign in again, then sign out forgets the session');
  await signIn(ORG, TOKEN);
  await page.getByRole('heading', { name: 'Syncs' }).waitFor();
  await page.getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);

  step(`an organisation past its ${LIMITED.perMinute} calls a minute is told when to retry (429 RATE_LIMITED)`);
  // the limit counts calls per organisation in windows aligned to the minute: should the sign-in land
  // in the next window, it succeeds, and the calls are used up again
  const limitedAnswer = () => fetch(`${BASE}/api/v1/integrations/sync/orchestrate/conflicts?limit=1`, {
    headers: { Authorization: `Bearer ${LIMITED.token}`, 'x-org-id': LIMITED.org, 'x-user-id': USER },
  }).then((r) => r.status);
  const limitedAlert = alert.filter({ hasText: 'RATE_LIMITED' }).filter({ hasText: /Retry in \d+ s/ });
  let told = false;
  for (let attempt = 1; attempt <= 3 && !told; attempt++) {
    let refused = false;
    for (let calls = 0; calls <= LIMITED.perMinute + 20 && !refused; calls += 10) {
      refused = (await Promise.all(Array.from({ length: 10 }, limitedAnswer))).includes(429);
    }
    assert.ok(refused, `the API refused none of ${LIMITED.perMinute + 20} calls`);
    await signIn(LIMITED.org, LIMITED.token);
    await limitedAlert.or(page.getByRole('heading', { name: 'Syncs' })).waitFor();
    told = await limitedAlert.isVisible();
    if (!told) await page.getByRole('button', { name: 'Sign out' }).click();
  }
  assert.ok(told, 'the console said RATE_LIMITED and when to retry');
  await page.getByRole('heading', { name: 'Sign in' }).waitFor();
  assert.deepEqual(pageErrors, [], 'no script error on the page');
  assert.deepEqual(policyViolations, [], 'nothing refused by the Content-Security-Policy');
  step('console scenario passed');
} finally {
  await browser.close();
}
