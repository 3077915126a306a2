import type { AnyProcess } from '../../functions/commons/process.ts';
import { processes } from '../../functions/commons/processes/index.ts';
import { miReturnProcess } from '../../functions/mi-return-step/process.ts';

/** Every process whole, as its step function runs it (the local runtime registers one step function each). */
export const stepProcesses: readonly AnyProcess[] = processes.map((p) =>
  p.id === miReturnProcess.id ? miReturnProcess : p,
);
