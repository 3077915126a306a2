import type { Context } from 'hono';
import { ZodError } from 'zod';
import type { TableStore } from '../adapters/store/table-store.ts';
import { recordConsoleAction } from './audit.ts';
import type { ConsoleEnv, PageDeps } from './env.ts';
import type { FieldError, PageContext } from './layout.ts';
import { may, type Permission, rolesWith } from './roles.ts';

/** The page context of a request (signed-in user, CSRF token, path). */
export function ctxOf(c: Context<ConsoleEnv>): PageContext {
  return { user: c.get('user'), csrf: c.get('csrf'), path: c.req.path };
}

/** A text field of the posted form ('' when absent or a file). */
export function field(c: Context<ConsoleEnv>, name: string): string {
  const value = c.get('form')?.[name];
  return typeof value === 'string' ? value.trim() : '';
}

/** A date as a person types it: 27/03/2026 (or 27-3-2026) or 2026-03-27; anything else goes to the schema as typed. */
export function typedDate(text: string): string {
  const british = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text.trim());
  if (!british) return text.trim();
  const [, d, m, y] = british as unknown as [string, string, string, string];
  return `${y}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

/** Zod's issues as GOV.UK field errors, each on the form field its path ends in. */
export function fieldErrors(err: ZodError, fieldNames: Record<string, string> = {}): FieldError[] {
  return err.issues.map((issue) => {
    const last = [...issue.path].reverse().find((p) => typeof p === 'string') as string | undefined;
    const name = last ?? 'main-content';
    const message = issue.message.startsWith('Invalid')
      ? `${fieldNames[name] ?? name}: enter a valid value`
      : issue.message;
    return {
      field: name,
      message: fieldNames[name] && !message.startsWith(fieldNames[name]) ? `${fieldNames[name]}: ${message}` : message,
    };
  });
}

export type ActionOutcome =
  | { kind: 'done'; result: Record<string, unknown> }
  | { kind: 'invalid'; errors: FieldError[] }
  | { kind: 'refused'; response: Response };

/**
 * Runs one staff action for the signed-in user: refused (403, nothing recorded) without the permission; invalid
 * input comes back as field errors (nothing recorded); otherwise the staff-action handler runs it. Each outcome is
 * audited under the signed-in identity.
 */
export async function act(
  c: Context<ConsoleEnv>,
  pd: PageDeps,
  request: {
    permission: Permission;
    caseId: string;
    input: Record<string, unknown>;
    fieldNames?: Record<string, string>;
    /** The field a whole-form refusal (a date after today, a date outside the calendar) is shown against. */
    primaryField?: string;
  },
): Promise<ActionOutcome> {
  const user = c.get('user');
  const cases: TableStore = pd.deps.cases;
  const at = new Date(pd.deps.now()).toISOString();
  const action = String(request.input.action);
  if (!may(user, request.permission)) {
    pd.log(`console: ${user.email} refused ${action}: needs ${rolesWith(request.permission)}`);
    return {
      kind: 'refused',
      response: c.text(`You cannot do this: it needs one of these roles: ${rolesWith(request.permission)}.`, 403),
    };
  }
  try {
    const result = await pd.staffAction(request.input);
    await recordConsoleAction(
      cases,
      request.caseId === 'new' ? String(result.caseId ?? 'console') : request.caseId,
      user,
      {
        at,
        action,
        outcome: 'done',
      },
    );
    return { kind: 'done', result };
  } catch (err) {
    if (err instanceof ZodError) return { kind: 'invalid', errors: fieldErrors(err, request.fieldNames) };
    if (
      err instanceof Error &&
      /^(InvalidStaffAction|UnknownCase|ImportError|CalendarRangeError|InvalidDateError|ExitReportActionRefused|InboundMessageActionRefused)$/.test(
        err.name,
      )
    ) {
      return { kind: 'invalid', errors: [{ field: request.primaryField ?? 'main-content', message: err.message }] };
    }
    throw err;
  }
}
