import type { AnyProcess } from './commons/process.ts';
import { miReturnProcess } from './mi-return-step/process.ts';
import { processes } from './processes.ts';

/** Every process whole, as its step function runs it (the local runtime registers one step function each). */
export const stepProcesses: readonly AnyProcess[] = processes.map((p) =>
  p.id === miReturnProcess.id ? miReturnProcess : p,
);
