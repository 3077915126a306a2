/** One row of the benchmark table. */
export type BenchRow = { measure: string; value: number; unit: string; note?: string };
