/**
 * The demo on simulated dates, in a real browser: a server running "as of" another instant
 * (CLOCK_AT), its demo seeded as of that day, and the page's clock set to the same instant.
 * The wall screen must chart the plan of that year and list nothing overdue for ages.
 * Screenshots go to test-results/screenshots/wall-screen-<date>.png (copies in docs/screenshots/).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { seedDemoData } from '../../server/src/db/seed/demo-seeder.js';
import { setClock } from '../../server/src/time/clock.js';
import { DEMO_SCREEN_TOKEN } from '../helpers/constants.js';
import { startTestServer, type TestServer } from '../helpers/test-server.js';
import { launchBrowser, screenshot, type Browser } from './browser.js';

/** Nothing on the wall screen may be overdue by more than this many working days. */
const MAX_WORKING_DAYS_OVERDUE = 60;

afterAll(() => setClock(null));

// New Year's day, a day of the Spring Festival, the last afternoon of a year.
describe.each(['2027-01-01T09:30:00+08:00', '2027-02-10T10:00:00+08:00', '2026-12-31T15:30:00+08:00'])('the wall screen as of %s', (at) => {
  const day = at.slice(0, 10);
  const year = Number(day.slice(0, 4));
  let server: TestServer | undefined;
  // A browser per date: the page clock is installed for a whole context.
  let browser: Browser | undefined;

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('charts the plan of that year and no item overdue for long', { timeout: 240_000 }, async () => {
    // The app takes CLOCK_AT from its config; the demo is seeded as of the simulated today.
    server = await startTestServer({ seed: 'empty', env: { CLOCK_AT: at } });
    const summary = await seedDemoData(server.orm.em.fork());
    expect(summary).toContain(`as of ${day}`);
    const { plans } = await server.gqlOk<{ plans: { year: number; sourceYear: number | null; workPoints: { id: string }[] }[] }>(
      `{ plans { year sourceYear workPoints { id } } }`,
    );
    const plan = plans.find((p) => p.year === year);
    expect(plan?.sourceYear).toBe(2021);

    browser = await launchBrowser();
    const page = await browser.newPage({ width: 1920, height: 1080 });
    // Time starts at the simulated instant and flows (a fixed time would freeze the charts' animations).
    await page.clock.install({ time: new Date(at) });
    await page.goto(`${server.url}/screen?token=${DEMO_SCREEN_TOKEN}`);

    // The task chart: the current year's plan, named with its original year, all its points.
    const title = page.getByTestId('task-plan');
    await expect.poll(() => title.getAttribute('data-plan-year'), { timeout: 20_000 }).toBe(String(year));
    expect(await title.textContent()).toContain(`${year}年度`);
    expect(await title.textContent()).toContain('据2021年度原文改编');
    await expect.poll(() => page.locator('.tasks tr[data-work-point-id]').count()).toBe(plan!.workPoints.length);

    // The overdue list: something to show, nothing overdue for more than a few weeks, no due date of another era.
    const rows = page.locator('[data-testid=overdue-table] tbody tr');
    await expect.poll(() => rows.count(), { timeout: 15_000 }).toBeGreaterThan(0);
    const cells = await rows.evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')));
    for (const [kind, title, , state, overdue, due] of cells) {
      expect(Number(overdue), `${kind} ${title} ${state}`).toBeLessThanOrEqual(MAX_WORKING_DAYS_OVERDUE);
      expect(due! >= `${year - 1}-09-01`, `${title} due ${due}`).toBe(true);
    }
    // The quarter shown is the simulated day's.
    await expect.poll(() => page.locator('.board-header .period').textContent()).toContain(String(year));

    await page.waitForTimeout(800); // charts finish their first animation
    await screenshot(page, `wall-screen-${day}`);
    await page.close();
  });
});
