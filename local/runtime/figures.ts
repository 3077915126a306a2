import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Figures } from '../../ports/figures.ts';

/**
 * The figures the functions emit, counted in memory for `wp status` and the simulation report. The live system
 * keeps them in a file too (`persistTo`), so a restart carries on counting from where the last run stopped.
 */
export class LocalFigures implements Figures {
  readonly counts = new Map<string, number>();
  private file?: string;
  private saveQueued = false;

  count(name: string, value = 1, dimensions?: Record<string, string>): void {
    const key =
      dimensions && Object.keys(dimensions).length > 0
        ? `${name}{${Object.entries(dimensions)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}}`
        : name;
    this.counts.set(key, (this.counts.get(key) ?? 0) + value);
    this.queueSave();
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }

  /**
   * Adds the figures kept in `file` by earlier runs to these, and keeps the file up to date from now on: the
   * counts of one turn of the event loop are written together (atomically: a temporary file, then a rename).
   */
  persistTo(file: string): void {
    if (existsSync(file)) {
      const kept = JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
      for (const [key, value] of Object.entries(kept)) {
        if (typeof value === 'number') this.counts.set(key, (this.counts.get(key) ?? 0) + value);
      }
    }
    this.file = file;
    this.flush();
  }

  /** Writes the figures to the file now (on stop; otherwise once per turn of the event loop with new counts). */
  flush(): void {
    if (!this.file) return;
    const temp = `${this.file}.partial-${process.pid}`;
    writeFileSync(temp, `${JSON.stringify(this.snapshot(), null, 2)}\n`);
    renameSync(temp, this.file);
  }

  private queueSave(): void {
    if (!this.file || this.saveQueued) return;
    this.saveQueued = true;
    setImmediate(() => {
      this.saveQueued = false;
      this.flush();
    });
  }
}
