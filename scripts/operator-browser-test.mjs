// Opens the operator page of a running Asset Service in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) as an operator would: creates assets with data over the API, follows a link carrying
// #key=..., and checks the portfolio and the day view of both DST Sundays (92 and 100 quarter hours), with
// the headroom band and its limited_by in the hover readout.
// Writes a screenshot of each view. Run by scripts/openapi-checks.sh. Environment:
//   BASE_URL        the service, e.g. http://127.0.0.1:7071
//   API_KEY         the function key the service accepts
//   TOOLS_DIR       folder whose node_modules holds playwright-core
//   SCREENSHOT_DIR  where to write the PNGs (git-ignored test output)
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inChromium, report } from './headless-chromium.mjs';

const { BASE_URL, API_KEY, TOOLS_DIR, SCREENSHOT_DIR } = process.env;
const problems = [];

async function call(method, path, body) {
  const response = await fetch(`${BASE_URL}${path}`, {
    method, headers: { 'x-functions-key': API_KEY, 'content-type': 'application/json' }, body: body && JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

// A battery in DE with limits from two sources, forecasts, reservations and snapshots over both DST Sundays.
async function seed() {
  const suffix = `${Date.now() % 100000}`;
  const battery = await call('POST', '/api/v1/assets', { code: `UIB${suffix}`, name: 'Browser test battery', type: 'BESS', region: 'DE', delivery_area: '50HZ', provider: 'EBX' });
  const pv = await call('POST', '/api/v1/assets', { code: `UIP${suffix}`, name: 'Browser test PV', type: 'PV', region: 'PL', delivery_area: 'PSE', provider: 'NFT' });
  for (const [from, until] of [['2026-03-28', '2026-03-29'], ['2026-10-24', '2026-10-25']]) {
    await call('PATCH', '/api/v1/limits', { limits: [
      { asset_id: battery.id, source: 'OPERATIONS', start_time: '00:00', end_time: '24:00', valid_from: from, valid_until: until, power_charge: -10, power_discharge: 10, energy_low: 2, energy_high: 18 },
      { asset_id: battery.id, source: 'CUSTOMER', start_time: '06:00', end_time: '10:00', valid_from: from, valid_until: until, power_discharge: 6 }] });
    const quarterHours = Array.from({ length: 100 }, (_, i) => new Date(Date.parse(`${from}T22:00:00Z`) + i * 900_000));
    const iso = t => t.toISOString().replace('.000Z', 'Z');
    await call('PUT', '/api/v1/forecasts', { forecasts: quarterHours.map((t, i) => ({
      asset_id: battery.id, start_time: iso(t), end_time: iso(new Date(+t + 900_000)),
      generation: Math.max(0, Math.round(40 * Math.sin((i - 28) / 48 * Math.PI)) / 10), consumption: 0.5 })) });
    await call('PUT', '/api/v1/reservations', { reservations: quarterHours.slice(36, 52).map(t => ({
      asset_id: battery.id, start_time: iso(t), end_time: iso(new Date(+t + 900_000)), market: 'FCR', source: 'OPTIMISATION',
      power: 3, energy_change: 0.75, energy_buffer_low: 1, energy_buffer_high: 1 })) });
    await call('POST', '/api/v1/state-snapshots', { state_snapshots: quarterHours.filter((_, i) => i % 4 === 0).map((t, i) => ({
      asset_id: battery.id, effective_at: iso(t), stored_energy: 10 + 6 * Math.sin(i / 4) })) });
  }
  return [battery.id, pv.id];
}

await inChromium({ toolsDir: TOOLS_DIR, baseUrl: BASE_URL, profilePrefix: 'asset-service-ui-',
    options: { acceptDownloads: true, viewport: { width: 1400, height: 900 } } }, problems, async (context, page) => {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const created = await seed();

  // Portfolio, opened from a link that carries the key.
  await page.goto(`${BASE_URL}/api/ui#key=${encodeURIComponent(API_KEY)}`, { waitUntil: 'load' });
  for (const id of created) await page.locator(`tr[data-asset-id="${id}"]`).waitFor();
  if (new URL(page.url()).hash !== '') problems.push(`the key stayed in the address bar: ${page.url()}`);
  const stored = await page.evaluate(() => sessionStorage.getItem('asset-service-key'));
  if (stored !== API_KEY) problems.push('the key from #key= was not kept in sessionStorage');
  const batteryRow = await page.locator(`tr[data-asset-id="${created[0]}"]`).innerText();
  for (const expected of ['Browser test battery', 'BESS', 'DRAFT', 'UNKNOWN']) if (!batteryRow.includes(expected)) problems.push(`portfolio row lacks "${expected}": ${batteryRow}`);
  await page.locator('#filter').fill('Browser test PV');
  if (await page.locator(`tr[data-asset-id="${created[0]}"]`).isVisible()) problems.push('the filter did not hide the battery');
  await page.locator('#filter').fill('');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'operator-portfolio.png') });

  // Day views of both DST Sundays, reached by following links and the next-day button.
  const slots = {};
  for (const [day, expected] of [['2026-03-29', '92'], ['2026-10-25', '100']]) {
    await page.goto(`${BASE_URL}/api/ui?asset=${created[0]}&day=${day}`, { waitUntil: 'load' });
    const chart = page.locator('[data-testid="day-chart"][data-slots]');
    await chart.waitFor();
    slots[day] = await chart.getAttribute('data-slots');
    if (slots[day] !== expected) problems.push(`day view of ${day} has data-slots ${slots[day]}, expected ${expected}`);
    const box = await chart.boundingBox();
    await page.mouse.move(box.x + box.width * 0.45, box.y + box.height * 0.4);
    const readout = await page.locator('#slot-readout').innerText();
    if (!/\d\d:\d\d–\d\d:\d\d/.test(readout) || !readout.includes('forecast generation')) problems.push(`hovering the chart of ${day} shows no slot values: ${readout}`);
    // The headroom band (contract 7.2) has every quarter hour of the DST day, and the readout says what bounds it.
    const headroomSlots = await chart.getAttribute('data-headroom-slots');
    if (headroomSlots !== expected) problems.push(`day view of ${day} has headroom for ${headroomSlots} quarter hours, expected ${expected}`);
    if (!readout.includes('headroom band: discharge') || !/limited by: discharge [a-z]/.test(readout))
      problems.push(`hovering the chart of ${day} shows no headroom or limited_by: ${readout}`);
    await page.screenshot({ path: join(SCREENSHOT_DIR, `operator-day-${day}.png`), fullPage: true });
  }
  // "Download CSV" of the day on view (the autumn Sunday): the forecasts of its 100 quarter hours.
  const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-csv="forecasts"]').click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  const lines = csv.split('\r\n').filter(Boolean);
  if (!lines[0].startsWith('asset_id,start_time,end_time,delivery_day,generation') || lines.length !== 101)
    problems.push(`the downloaded forecasts CSV (${download.suggestedFilename()}) has ${lines.length} lines, expected a header and 100`);
  await page.locator('#next-day').click();
  await page.waitForURL(/day=2026-10-26/);
  const after = await page.locator('[data-testid="day-chart"][data-slots]').getAttribute('data-slots');
  if (after !== '96') problems.push(`the day after the autumn switch has data-slots ${after}, expected 96`);

  // A new tab has its own sessionStorage: the page asks for the key, refuses a wrong one, takes the right one.
  const tab = await context.newPage();
  tab.on('pageerror', error => problems.push(`script error on the page: ${error.message}`));
  await tab.goto(`${BASE_URL}/api/ui`, { waitUntil: 'load' });
  await tab.locator('#key-input').fill('not-the-key');
  await tab.locator('#key-form button[type=submit]').click();
  await tab.locator('#status.error').waitFor();
  if (!(await tab.locator('#status').innerText()).includes('not accepted')) problems.push('a wrong key was not refused');
  await tab.locator('#key-input').fill(API_KEY);
  await tab.locator('#key-form button[type=submit]').click();
  await tab.locator(`tr[data-asset-id="${created[0]}"]`).waitFor();
  if (await tab.locator('#key-form').isVisible()) problems.push('the key form stayed visible after a good key');

  console.log(`operator page: ${created.length} assets in the portfolio; day views with ${slots['2026-03-29']} and ${slots['2026-10-25']} quarter hours; screenshots in ${SCREENSHOT_DIR}`);
});

report('operator page browser test', problems, `${BASE_URL}/api/ui`);
