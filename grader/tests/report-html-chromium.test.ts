import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderReport } from '../src/report/formats.ts';
import type { Scorecard } from '../src/scorecard.ts';
import { CHROMIUM_MISSING, launchChromium } from './chromium.ts';
import { reportScorecard } from './report-fixture.ts';

// The HTML report opened in a real browser (Debian's chromium, driven by playwright-core): its totals,
// module bars and exercises read back from the DOM must be the scorecard's, and the page must make
// no request. Without /usr/bin/chromium this FAILS on purpose: .ci/run installs it.

const dir = mkdtempSync(join(tmpdir(), 'tickwork-html-'));
let browser: Browser | undefined;

// Every test then fails with MISSING: a report nobody opened is not a tested report, so no skipping.
beforeAll(async () => {
  browser = await launchChromium().catch(() => undefined);
});

afterAll(async () => {
  await browser?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens a page from a file, recording every request the page makes (the file itself included). */
async function open(html: string, name: string): Promise<{ page: Page; url: string; requests: string[] }> {
  const file = join(dir, name);
  writeFileSync(file, html);
  const url = pathToFileURL(file).href;
  if (!browser) throw new Error(CHROMIUM_MISSING);
  const page = await browser.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(url, { waitUntil: 'load' });
  return { page, url, requests };
}

function modulesOf(card: Scorecard) {
  const modules = [...new Set(card.exercises.map((e) => e.module))].sort((a, b) => a - b);
  return modules.map((module) => {
    const of = card.exercises.filter((e) => e.module === module);
    return { module, points: of.reduce((s, e) => s + e.points, 0), maxPoints: of.reduce((s, e) => s + e.maxPoints, 0) };
  });
}

describe('the HTML report in headless Chromium', () => {
  const card = reportScorecard();

  it('shows the scorecard totals, a bar per module and every exercise, read back from the DOM', async () => {
    const { page } = await open(renderReport('html', card, { lang: 'en', color: false, hiddenVisibility: 'after_published' }), 'scorecard.html');
    // Read through playwright's locators: what the browser built, not the HTML text.
    const attribute = async (locator: Locator, name: string): Promise<number> => Number(await locator.getAttribute(name));
    const width = async (locator: Locator): Promise<number> => (await locator.boundingBox())!.width;
    const totals = page.locator('#totals');
    const dom = {
      lang: await page.locator('html').getAttribute('lang'),
      totals: {
        points: await attribute(totals, 'data-total-points'),
        maxPoints: await attribute(totals, 'data-max-points'),
        passed: await attribute(totals, 'data-passed'),
        text: await totals.innerText(),
      },
      modules: await Promise.all(
        (await page.locator('[data-module]:not([data-exercise])').all()).map(async (bar) => ({
          module: await attribute(bar, 'data-module'),
          points: await attribute(bar, 'data-points'),
          maxPoints: await attribute(bar, 'data-max-points'),
          shown: (await width(bar.locator('.fill'))) / (await width(bar.locator('.bar'))),
        })),
      ),
      exercises: await Promise.all(
        (await page.locator('[data-exercise]').all()).map(async (e) => ({
          slug: await e.getAttribute('data-exercise'),
          status: await e.getAttribute('data-status'),
          points: await attribute(e, 'data-points'),
          tests: await e.locator('[data-test]').count(),
        })),
      ),
      elements: await page.locator('script, img, iframe, link, object').count(),
      messages: await page.locator('pre.message').allTextContents(),
      tampering: await Promise.all((await page.locator('[data-file]').all()).map((li) => li.getAttribute('data-file'))),
    };
    await page.close();

    expect(dom.lang).toBe('en');
    expect(dom.totals).toMatchObject({ points: card.totals.points, maxPoints: card.totals.maxPoints, passed: card.totals.passed });
    expect(dom.totals.text).toContain(`${card.totals.points}/${card.totals.maxPoints}`);
    expect(dom.modules.map(({ shown, ...bar }) => bar)).toEqual(modulesOf(card));
    for (const bar of dom.modules) expect(bar.shown, `module ${bar.module}`).toBeCloseTo(bar.points / bar.maxPoints, 2);
    expect(dom.exercises).toEqual(card.exercises.map((e) => ({ slug: e.slug, status: e.status, points: e.points, tests: e.tests.length })));
    // The learner's markup is text on the page, never an element.
    expect(dom.elements).toBe(0);
    expect(dom.messages.some((m) => m.includes('<script>alert(1)</script> ]]> 100% | @someone\n::set-output name=x::y'))).toBe(true);
    expect(dom.tampering).toEqual(card.tampering!.map((t) => t.file));
  });

  it('makes no network request (a page with an external image, for comparison, does)', async () => {
    const report = await open(renderReport('html', card, { lang: 'en', color: false, hiddenVisibility: 'after_published' }), 'offline.html');
    await report.page.close();
    expect(report.requests).toEqual([report.url]);

    const control = await open('<!DOCTYPE html><img src="http://127.0.0.1:9/pixel.png">', 'control.html');
    await control.page.close();
    expect(control.requests).toContain('http://127.0.0.1:9/pixel.png');
  });

  it('takes its lang and its words from the report language', async () => {
    const { page } = await open(renderReport('html', card, { lang: 'tr', color: false, hiddenVisibility: 'after_published' }), 'tr.html');
    const read = {
      lang: await page.locator('html').getAttribute('lang'),
      heading: await page.locator('.modules h2').textContent(),
      status: await page.locator('[data-exercise] .status').first().textContent(),
    };
    await page.close();
    expect(read).toEqual({ lang: 'tr', heading: 'Modüller', status: 'geçti' });
  });
});
