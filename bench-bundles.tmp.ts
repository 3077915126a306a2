import { benchInfra } from './bench/infra.ts';
for (const row of await benchInfra()) console.log(row.measure, row.value, row.unit, '|', row.note);
