/** One row of the benchmark table; `footnote`, if any, is printed once below the table. */
export type BenchRow = { measure: string; value: number; unit: string; note?: string; footnote?: string };
