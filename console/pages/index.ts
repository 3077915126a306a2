import type { Hono } from 'hono';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { registerCalendarPage } from './calendar.ts';
import { registerCasePages } from './case.ts';
import { registerContinuityPage } from './continuity.ts';
import { registerImportsPage } from './imports.ts';
import { registerInboundMailPage } from './inbound-mail.ts';
import { registerMiReturnPage } from './mi-return.ts';
import { registerPerformancePage } from './performance.ts';
import { registerReferPage } from './refer.ts';
import { registerWorkPage } from './work.ts';

/** Every page of the console, each in its own module. */
export function registerPages(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  registerWorkPage(app, pd);
  registerCasePages(app, pd);
  registerReferPage(app, pd);
  registerImportsPage(app, pd);
  registerInboundMailPage(app, pd);
  registerMiReturnPage(app, pd);
  registerContinuityPage(app, pd);
  registerCalendarPage(app, pd);
  registerPerformancePage(app, pd);
}
