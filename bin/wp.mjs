#!/usr/bin/env node
// The `wp` command: runs the TypeScript sources through tsx, so `npx wp` works straight after `npm ci`.
import { register } from 'tsx/esm/api';

register();
await import('../local/cli/main.ts');
