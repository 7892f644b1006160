// Opens the docs page of a running Asset Service in headless Chromium (Debian's /usr/bin/chromium, driven
// by playwright-core) and checks what a new user sees: Swagger UI renders the document, every tag of the
// document is on the page, no script fails, and "Authorize" + "Try it out" call the API with the key, then
// (when BEARER_TOKEN is given) with the bearer token alone.
// Run by scripts/openapi-checks.sh. Environment:
//   BASE_URL   the service, e.g. http://127.0.0.1:7071
//   API_KEY    the function key the service accepts
//   BEARER_TOKEN optional: a token the service accepts, with at least AssetService.Read
//   OPENAPI    path of openapi.json (the tag names come from it)
//   TOOLS_DIR  folder whose node_modules holds playwright-core
//   SCREENSHOT optional: where to save a PNG of the page
import { readFileSync } from 'node:fs';
import { inChromium, report } from './headless-chromium.mjs';

const { BASE_URL, API_KEY, BEARER_TOKEN, OPENAPI, TOOLS_DIR, SCREENSHOT } = process.env;
const document = JSON.parse(readFileSync(OPENAPI, 'utf8'));
const tags = document.tags.map(t => t.name);
const problems = [];
await inChromium({ toolsDir: TOOLS_DIR, baseUrl: BASE_URL, profilePrefix: 'asset-service-docs-' }, problems, async (context, page) => {
  await page.goto(`${BASE_URL}/api/docs`, { waitUntil: 'load' });
  await page.locator('.swagger-ui .info .title').waitFor();
  await page.locator('.swagger-ui .opblock-tag').first().waitFor();

  const title = await page.locator('.swagger-ui .info .title').innerText();
  if (!title.includes(document.info.title)) problems.push(`title "${title}" lacks "${document.info.title}"`);
  if (await page.locator('.swagger-ui .errors-wrapper').count() > 0)
    problems.push(`Swagger UI shows errors: ${await page.locator('.swagger-ui .errors-wrapper').innerText()}`);

  const rendered = await page.locator('.swagger-ui .opblock-tag').evaluateAll(
    elements => elements.map(e => e.getAttribute('data-tag') ?? e.textContent.trim()));
  const missing = tags.filter(tag => !rendered.includes(tag));
  if (missing.length > 0) problems.push(`tags missing from the page: ${missing.join(', ')}`);
  const operations = await page.locator('.swagger-ui .opblock').count();
  const documented = Object.values(document.paths).reduce((n, item) => n + Object.keys(item).length, 0);
  if (operations !== documented) problems.push(`${operations} operations on the page, ${documented} in the document`);

  // As a user would: Authorize with the key, then Try it out on List Assets.
  await page.locator('.swagger-ui .auth-wrapper .authorize').click();
  await page.locator('.swagger-ui .modal-ux input[type=text], .swagger-ui .modal-ux input[type=password]').first().fill(API_KEY);
  await page.locator('.swagger-ui .modal-ux .auth-btn-wrapper button.authorize').first().click();
  await page.locator('.swagger-ui .modal-ux .btn-done').first().click();
  const listAssets = page.locator('#operations-Assets-ListAssets');
  await listAssets.locator('.opblock-summary').click();
  await listAssets.locator('.try-out__btn').click();
  await listAssets.locator('.execute').click();
  const status = (await listAssets.locator('.live-responses-table tbody .response-col_status').first().innerText()).trim();
  if (status !== '200') problems.push(`Try it out on List Assets answered ${status}, expected 200`);

  if (BEARER_TOKEN) {
    // The same with the token alone: log the key out, authorize the bearer scheme, execute again.
    await page.locator('.swagger-ui .auth-wrapper .authorize').click();
    const modal = page.locator('.swagger-ui .modal-ux');
    await modal.locator('.auth-container').first().waitFor();
    const logout = modal.locator('.auth-btn-wrapper button', { hasText: 'Logout' });
    while (await logout.count() > 0) await logout.first().click();
    const bearer = modal.locator('.auth-container').filter({ hasText: /http, Bearer/i });
    await bearer.locator('input').first().fill(BEARER_TOKEN);
    await bearer.locator('button.authorize').click();
    await modal.locator('.btn-done').first().click();
    const [response] = await Promise.all([
      page.waitForResponse(r => r.url().includes('/api/v1/assets')),
      listAssets.locator('.execute').click(),
    ]);
    const headers = response.request().headers();
    if (response.status() !== 200 || !headers.authorization?.startsWith('Bearer ') || headers['x-functions-key'])
      problems.push(`Try it out with the bearer token: ${response.status()}, authorization ${headers.authorization ? 'sent' : 'missing'}, key ${headers['x-functions-key'] ? 'still sent' : 'not sent'}`);
  }

  if (SCREENSHOT) await page.screenshot({ path: SCREENSHOT, fullPage: false });
  console.log(`docs page: ${rendered.length} tags and ${operations} operations rendered; Try it out answered ${status}${BEARER_TOKEN ? ', also with the bearer token' : ''}`);
});

report('docs browser test', problems, `every one of the ${tags.length} tags is on ${BASE_URL}/api/docs`);
