/**
 * One behaviour for the three imports (referrals, CMO visits, job entries): a file of which nothing could be read
 * is refused, as one line naming the first reasons, and the caller (CLI, console) answers it as a failure; a
 * file with some rows read answers what was read and what was rejected.
 */
export class NothingImported extends Error {
  override name = 'InvalidStaffAction';
}

export function refuseWhollyRejected(
  what: string,
  read: number,
  rejected: ReadonlyArray<{ row: number; reason: string }>,
): void {
  if (read > 0 || rejected.length === 0) return;
  const first = rejected
    .slice(0, 3)
    .map((r) => `row ${r.row}: ${r.reason.replace(/\.$/, '')}`)
    .join('; ');
  const more = rejected.length > 3 ? ` and ${rejected.length - 3} more` : '';
  throw new NothingImported(`Nothing was imported from the ${what} file: ${first}${more}.`);
}
