import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import XLSX from 'xlsx';
import type { VirtualClock } from '../../local/runtime/clock.ts';
import { type ConsoleHarness, sendToLive, startConsoleHarness } from './harness.ts';

/**
 * The console in Debian's Chromium (playwright-core, nothing downloaded): each journey of issue 16 through the
 * pages, axe-core on every page (no WCAG 2.1 AA violation), no content-security-policy violation in the console,
 * and a screenshot of each main page kept outside git (test-results/console/, gitignored).
 */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(process.cwd(), 'test-results', 'console');
const axeSource = await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

describe('the staff console in a browser', () => {
  let h: ConsoleHarness;
  let browser: Browser;
  const problems: string[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    h = await startConsoleHarness('2026-03-02T10:00:00Z');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
    });
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await h?.stop();
  });

  async function signedIn(
    role: Parameters<ConsoleHarness['linkFor']>[0],
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('console', (m) => {
      // A 400 is the answer to a form sent with an error on purpose (the page shows the error summary).
      if (m.type() === 'error' && !/status of 400/.test(m.text())) problems.push(`${page.url()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${page.url()}: ${e.message}`));
    await page.goto(h.linkFor(role));
    return { context, page };
  }

  /** axe-core over the page as rendered: WCAG 2.0/2.1 A and AA rules. */
  async function accessible(page: Page, shot: string): Promise<void> {
    await page.screenshot({ path: join(SHOTS, `${shot}.png`), fullPage: true });
    await page.evaluate(axeSource);
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: {
            run: (o: unknown) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: string[] }> }> }>;
          };
        }
      ).axe;
      const result = await axe.run({ runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, shot).toEqual([]);
    const jsOn = await page.locator('body.govuk-frontend-supported').count();
    expect(jsOn, `${shot}: the console script ran under the CSP`).toBe(1);
  }

  it('signs a caseworker in, refers a participant and shows the deadline with its counting', async () => {
    const { context, page } = await signedIn('caseworker');
    await expect.poll(() => page.url()).toBe(`${h.base}/`);
    await accessible(page, 'work');
    await page.getByRole('link', { name: 'Refer' }).click();
    await accessible(page, 'refer');
    await page.getByLabel('National Insurance number').fill('JT 31 02 01 A');
    await page.getByLabel('Referral date').fill('01/12/2025');
    await page.getByLabel('Contract', { exact: true }).fill('C-1001');
    await page.getByRole('button', { name: 'Refer' }).click();
    await expect.poll(() => page.url()).toMatch(/\/cases\/er-/);
    const text = await page.locator('main').innerText();
    expect(text).toContain('JT310201A');
    expect(text).toMatch(/Request expected: \w{3} \d{1,2} \w{3} 2027 \(rule request-expected\)/);
    // Every date as people write it: no ISO date anywhere a person reads on the page.
    expect(text).not.toMatch(/\b\d{4}-\d{2}-\d{2}\b/);
    await page.getByText(/^Request expected:/).click();
    expect(await page.locator('main').innerText()).toMatch(/714/);
    expect(text).toMatch(/Console: refer \(done\)/);
    expect(text).toContain(h.userFor('caseworker').email);
    await accessible(page, 'case');
    await context.close();
  });

  it('records a clerical WPER2 request for an SCR participant, then the posting of the report', async () => {
    const { context, page } = await signedIn('caseworker');
    await page.goto(`${h.base}/refer`);
    await page.getByLabel('National Insurance number').fill('JT310501A');
    await page.getByLabel('Referral date').fill('01/03/2024');
    await page.getByLabel('Contract', { exact: true }).fill('C-1001');
    await page.getByLabel('Special Customer Record').selectOption('yes');
    await page.getByRole('button', { name: 'Refer' }).click();
    await expect.poll(() => page.url()).toMatch(/\/cases\/er-/);
    const request = page.locator('form[action$="/clerical-request"]');
    await request.getByLabel('Date of the request').fill('20/02/2026');
    await request.getByLabel('Return deadline printed on the WPER2').fill('06/03/2026');
    await request.getByLabel('Jobcentre Plus District').fill('Mercia');
    await request.getByLabel('Return address on the WPER2').fill('Nominated Officer, Mercia District, PO Box 1');
    await request.getByRole('button').click();
    await expect.poll(() => page.url()).toMatch(/done=1/);
    // The workflow applies the event from the case's inbox: the page shows it once it has.
    const mainText = async () => {
      await (h.live.system.clock as VirtualClock).settle();
      await page.reload();
      return page.locator('main').innerText();
    };
    await expect.poll(mainText).toMatch(/Stage\s+report-due/);
    expect(await page.locator('main').innerText()).toMatch(
      /Exit report: \w{3} \d{1,2} \w{3} 2026 \(rule exit-report\)/,
    );
    await accessible(page, 'clerical-request');
    const posted = page.locator('form[action$="/confirm-sent"]');
    await posted.getByLabel('Date the report was posted').fill('02/03/2026');
    await posted.getByRole('button').click();
    await expect.poll(() => page.url()).toMatch(/done=1/);
    await expect.poll(mainText).toMatch(/Stage\s+closed/);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Console: confirm-sent \(done\)/);
    expect(text).toMatch(/Console: clerical-request \(done\)/);
    await context.close();
  });

  it('shows the SPoC lead the overdue case first', async () => {
    // A participant referred long ago: the WPER2E was expected by day 714 and has not come.
    await h.live.system.refer({
      nino: 'JT310202B',
      referralDate: '2023-06-05',
      division: 'england-and-wales',
      contract: 'C-1001',
      scr: false,
      subContractor: null,
      caseworkerEmail: h.userFor('caseworker').email,
    });
    const { context, page } = await signedIn('spoc-lead');
    const first = page.locator('#work tbody tr').first();
    expect(await first.innerText()).toContain('JT310202B');
    expect(await first.innerText()).toContain('Overdue');
    // Filters by the case's own values: the process and the stage it is in pick it alone
    await page.locator('#filter-process').selectOption('exit-report');
    await page.locator('#filter-stage').selectOption((await first.locator('td').nth(2).innerText()).trim());
    await page.locator('#filter-caseworker').selectOption(h.userFor('caseworker').email);
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await expect.poll(() => page.url()).toMatch(/process=exit-report&stage=/);
    const rows = await page.locator('#work tbody tr').allInnerTexts();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => /Exit Report/.test(r))).toBe(true);
    expect(rows[0]).toContain('JT310202B');
    expect(await page.locator('#filter-process').inputValue()).toBe('exit-report');
    await context.close();
  });

  it('refuses a caseworker an operator action (403) and offers them no such form', async () => {
    const { context, page } = await signedIn('caseworker');
    await page.goto(`${h.base}/calendar`);
    await accessible(page, 'calendar');
    expect(await page.getByRole('button', { name: /dates again/ }).count()).toBe(0);
    await page.goto(`${h.base}/refer`);
    const token = await page.locator('input[name=_csrf]').first().getAttribute('value');
    const res = await page.request.post(`${h.base}/calendar/recompute`, { form: { _csrf: token ?? '' } });
    expect(res.status()).toBe(403);
    await context.close();
  });

  it('imports a PRaP CSV with one bad row, shows that row’s error, then records an Information Session outcome', async () => {
    const { context, page } = await signedIn('caseworker');
    await page.goto(`${h.base}/imports`);
    await accessible(page, 'imports');
    const csv =
      'NINO,Referral date,Annotation\nJT310101A,23/02/2026,Work Programme Information Session-Mandatory\nJT3101,23/02/2026,Work Programme Information Session-Voluntary\n';
    await page.setInputFiles('#file-prap-referrals', {
      name: 'prap.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(csv),
    });
    await page.locator('form[action="/imports/prap-referrals/preview"] button').click();
    const rejected = await page.locator('#rejected').innerText();
    expect(rejected).toMatch(/3\s+NINO/);
    expect(await page.locator('#read').innerText()).toMatch(/2\s+JT\*+/);
    await accessible(page, 'import-preview');
    await page.getByRole('button', { name: 'Confirm import' }).click();
    expect(await page.locator('main').innerText()).toMatch(/1 referral\(s\) opened, 0 already open/);
    await page.goto(`${h.base}/?process=information-session`);
    await page.locator('#work tbody a').first().click();
    await page.getByLabel('Outcome').selectOption('attended');
    await page.locator('form[action$="/session-outcome"]').getByLabel('Session date').fill('27/02/2026');
    await page.locator('form[action$="/session-outcome"] button').click();
    await expect.poll(() => page.url()).toMatch(/done=1/);
    const text = await page.locator('main').innerText();
    expect(text).toMatch(/Stage\s+attended/);
    expect(text).toMatch(/Console: information-session \(done\)/);
    await accessible(page, 'information-session-case');
    await context.close();
  });

  it('lets the MI lead download the month’s workbook and reads it back', async () => {
    const { context, page } = await signedIn('mi-lead');
    await page.goto(`${h.base}/mi-return?month=2026-02`);
    await accessible(page, 'mi-return');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Download the workbook' }).click(),
    ]);
    const file = await download.path();
    const book = XLSX.read(await readFile(file));
    expect(book.SheetNames[0]).toBe('All Payment Groups');
    const rows = XLSX.utils.sheet_to_json<string[]>(book.Sheets[book.SheetNames[0] as string] as XLSX.WorkSheet, {
      header: 1,
    });
    expect(rows[0]).toEqual(['Month', 'First Job Entries', 'Subsequent Job Entries']);
    await context.close();
  });

  it('shows the SPoC lead a message that needs a call, and destroys it as sent from an undesignated inbox', async () => {
    const raw = await readFile(new URL('../fixtures/mail/sender-not-designated.eml', import.meta.url));
    await sendToLive(h, raw, 'j.bloggs@mail.example');
    const { context, page } = await signedIn('spoc-lead');
    await page.goto(`${h.base}/inbound-mail`);
    expect(await page.locator('#district-calls').innerText()).toMatch(
      /j\.bloggs@mail\.example[\s\S]*phone the Jobcentre Plus District SPoC/,
    );
    await accessible(page, 'inbound-mail-call');
    await page.getByLabel('Agreed with the District SPoC that it was').selectOption('not-designated-inbox');
    await page.getByRole('button', { name: 'Destroy the message' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toMatch(/Enter what was agreed/);
    await accessible(page, 'inbound-mail-error');
    await page.getByLabel('What was agreed, and with whom').fill('Agreed with the North District SPoC by phone.');
    await page.getByRole('button', { name: 'Destroy the message' }).click();
    expect(await page.locator('main').innerText()).toMatch(/The message was destroyed and the record kept/);
    expect(await page.locator('#inbound').innerText()).toMatch(/Destroyed[\s\S]*Agreed with the North District SPoC/);
    await accessible(page, 'inbound-mail-destroyed');
    await context.close();
  });

  it('passes axe on the remaining pages as the SPoC lead, with no CSP or script error anywhere', async () => {
    const { context, page } = await signedIn('spoc-lead');
    for (const [path, shot] of [
      ['/continuity', 'continuity'],
      ['/performance', 'performance'],
      ['/inbound-mail', 'inbound-mail'],
    ] as const) {
      await page.goto(h.base + path);
      await accessible(page, shot);
    }
    await page.goto(`${h.base}/continuity`);
    await page.getByLabel('Reason').fill('JCP mail gateway down');
    await page.getByLabel('Expected duration in hours').fill('a day');
    await page.getByRole('button', { name: 'Suspend email' }).click();
    expect(await page.locator('.govuk-error-summary').innerText()).toMatch(/Expected duration in hours/);
    await accessible(page, 'continuity-error');
    await page.getByLabel('Expected duration in hours').fill('24');
    await page.getByRole('button', { name: 'Suspend email' }).click();
    expect(await page.locator('main').innerText()).toMatch(/suspended since/);
    await accessible(page, 'continuity-suspended');
    await page.getByRole('button', { name: 'Resume email' }).click();
    expect(await page.locator('main').innerText()).toMatch(/Email with Jobcentre Plus is in use/);
    await context.close();
    const anonymous = await browser.newContext();
    const signInPage = await anonymous.newPage();
    await signInPage.goto(`${h.base}/`);
    await expect.poll(() => signInPage.url()).toBe(`${h.base}/sign-in`);
    await accessible(signInPage, 'sign-in');
    await anonymous.close();
    expect(problems).toEqual([]);
  });
});
