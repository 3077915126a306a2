import type { Figures } from '../../ports/figures.ts';

/** The figures the functions emit, counted in memory for `wp status` and the simulation report. */
export class LocalFigures implements Figures {
  readonly counts = new Map<string, number>();

  count(name: string, value = 1, dimensions?: Record<string, string>): void {
    const key =
      dimensions && Object.keys(dimensions).length > 0
        ? `${name}{${Object.entries(dimensions)
            .map(([k, v]) => `${k}=${v}`)
            .join(',')}}`
        : name;
    this.counts.set(key, (this.counts.get(key) ?? 0) + value);
  }

  get(name: string): number {
    return this.counts.get(name) ?? 0;
  }

  snapshot(): Record<string, number> {
    return Object.fromEntries([...this.counts.entries()].sort(([a], [b]) => a.localeCompare(b)));
  }
}
