/** What the console Lambda entry (functions/console/) takes from the console. */
export { type ConsoleOptions, createConsoleApp, type SignInMethod } from './app.ts';
export { assetRootsBeside } from './assets.ts';
export type { ConsoleEnv } from './env.ts';
export { staffUserOf } from './roles.ts';
