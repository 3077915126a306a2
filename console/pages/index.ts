import type { Hono } from 'hono';
import type { ConsoleEnv, PageDeps } from '../env.ts';
import { registerCasePages } from './case.ts';
import { registerReferPage } from './refer.ts';
import { registerWorkPage } from './work.ts';

/** Every page of the console, each in its own module. */
export function registerPages(app: Hono<ConsoleEnv>, pd: PageDeps): void {
  registerWorkPage(app, pd);
  registerCasePages(app, pd);
  registerReferPage(app, pd);
}
