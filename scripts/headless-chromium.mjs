// What the two headless-Chromium checks share: Debian's /usr/bin/chromium driven by playwright-core with a
// throw-away profile, a page that records script errors and requests leaving the service, and the verdict.
import { createRequire } from 'node:module';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Runs check(context, page, foreign) in a fresh browser profile. Every failure, also a thrown one, ends up in
 * problems; foreign collects the URLs the page requested outside baseUrl (no CDN allowed).
 */
export async function inChromium({ toolsDir, baseUrl, profilePrefix, options = {} }, problems, check) {
  const require = createRequire(join(toolsDir, 'package.json'));
  const { chromium } = require('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), profilePrefix));
  let context;
  try {
    context = await chromium.launchPersistentContext(userDataDir, {
      executablePath: '/usr/bin/chromium', headless: true, ...options,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    const page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(30_000);
    page.on('pageerror', error => problems.push(`script error on the page: ${error.message}`));
    const foreign = [];
    page.on('request', request => {
      const url = request.url();
      if (!url.startsWith(baseUrl) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
    });
    await check(context, page);
    if (foreign.length > 0) problems.push(`the page loaded files from elsewhere (no CDN allowed): ${foreign.join(', ')}`);
  } catch (error) {
    problems.push(`the page could not be checked: ${error.message.split('\n')[0]}`);
  } finally {
    await context?.close();
    rmSync(userDataDir, { recursive: true, force: true });
  }
}

/** Prints PASS or FAIL with every problem; a failure exits with status 1. */
export function report(name, problems, passDetail) {
  if (problems.length > 0) {
    console.log(`${name}: FAIL`);
    for (const problem of problems) console.log(`  - ${problem}`);
    process.exit(1);
  }
  console.log(`${name}: PASS (${passDetail})`);
}
