import { describe, expect, it } from 'vitest';
import { demoProviderConfig } from '../../domain/config.ts';
import { computeDeadline } from '../../domain/deadlines/rules.ts';
import { lastFirstClassPostingDay } from '../../domain/exit-report/clerical.ts';
import { renderExitReportNotice } from '../../domain/notices/exit-report-notices.ts';

describe('clerical WPER2: the caseworker’s notice', () => {
  it('names the return address and the last first-class posting day, in dates a person reads', () => {
    const deadline = computeDeadline('exit-report', '2025-12-17');
    const notice = renderExitReportNotice(
      {
        intentId: 'er-1:request-received@1',
        kind: 'request-received',
        to: ['caseworker@provider.example'],
        facts: {
          deadline,
          form: 'WPER2',
          scr: true,
          reissued: false,
          clerical: {
            district: 'West Yorkshire',
            returnAddress: 'Nominated Officer, Jobcentre Plus, Leeds LS1 1AA',
            lastFirstClassPostingDay: lastFirstClassPostingDay(deadline.due, 'england-and-wales'),
          },
        },
      },
      demoProviderConfig,
    );
    expect(notice.subject).toBe('New clerical (WPER2) Exit Report request: unknown case (), due Fri 2 Jan 2026');
    expect(notice.text).toContain('Jobcentre Plus West Yorkshire has requested an Exit Report');
    expect(notice.text).toContain('Nominated Officer, Jobcentre Plus, Leeds LS1 1AA');
    expect(notice.text).toContain('post it first class by Wed 31 Dec 2025 at the latest');
    expect(notice.text).toContain("marks 'SCR participant' clearly at the top");
    expect(notice.text).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    expect(notice.text).not.toContain('submission address');
  });

  it('first class arrives the next working day: the last posting day skips weekends and bank holidays', () => {
    expect(lastFirstClassPostingDay('2026-01-02', 'england-and-wales')).toBe('2025-12-31');
    expect(lastFirstClassPostingDay('2024-05-28', 'england-and-wales')).toBe('2024-05-24');
    // 2 January is a bank holiday in Scotland only.
    expect(lastFirstClassPostingDay('2026-01-05', 'scotland')).toBe('2025-12-31');
  });
});
