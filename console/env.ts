import type { CaseHandlerDeps } from '../functions/commons/deps.ts';
import type { StaffUser } from './roles.ts';

/** What the console's middleware puts on each request: the signed-in user, the form's CSRF token, the form. */
export interface ConsoleEnv {
  Variables: {
    user: StaffUser;
    csrf: string;
    form: Record<string, string | File | (string | File)[]>;
  };
}

export interface PageDeps {
  deps: CaseHandlerDeps;
  staffAction: (input: unknown) => Promise<Record<string, unknown>>;
  log: (line: string) => void;
}
