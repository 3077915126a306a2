import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Inbound messages stored and acknowledged (250) but not yet given a final outcome, kept on disk: one small file
 * per message (its inbox key and envelope recipients), written before the sender gets its 250 and removed once
 * the handler has given the message its outcome (accepted, rejected or duplicate). Whatever stops the process
 * (kill -9 included), the next start hands every message still listed to the handler again; the per-message
 * record makes a repeat safe (a message handled part-way carries on, one already done is a duplicate).
 */
export interface PendingMessage {
  key: string;
  to: string[];
}

export class PendingInbound {
  constructor(readonly dir: string) {}

  async add(message: PendingMessage): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    const path = this.path(message.key);
    // Written under a name list() never reads, then renamed: a listed entry is always whole.
    const temp = join(this.dir, `.partial-${message.key}`);
    await writeFile(temp, JSON.stringify(message));
    await rename(temp, path);
  }

  async done(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  /** Every message still waiting, oldest key first (keys start with the instant the message arrived). */
  async list(): Promise<PendingMessage[]> {
    let names: string[];
    try {
      names = await readdir(this.dir);
    } catch {
      return [];
    }
    // A half-written entry is a message whose sender never got its 250 (the entry is whole before the 250): the
    // sender still has it and sends it again, so it is not ours to handle. Its raw copy stays in the inbox.
    for (const name of names.filter((n) => n.startsWith('.partial-'))) await rm(join(this.dir, name), { force: true });
    const pending: PendingMessage[] = [];
    for (const name of names.filter((n) => n.endsWith('.json')).sort()) {
      const entry = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as PendingMessage;
      pending.push({ key: entry.key, to: Array.isArray(entry.to) ? entry.to : [] });
    }
    return pending;
  }

  private path(key: string): string {
    if (!/^[A-Za-z0-9._-]+$/.test(key)) throw new Error(`Unsafe inbox key ${key}`);
    return join(this.dir, `${key}.json`);
  }
}

/**
 * Stored inbound messages waiting to be handled: a few at a time, each tried three times (as SES's asynchronous
 * Lambda invocation is). A message given its outcome leaves the pending list; one that failed three times stays
 * on it, with a log line, and is handled again at the next start.
 */
export class InboundQueue {
  private readonly waiting: PendingMessage[] = [];
  private readonly running = new Set<Promise<void>>();
  private idle: Array<() => void> = [];

  constructor(
    private readonly pending: PendingInbound,
    private readonly handle: (messageKey: string, envelopeRecipients: string[]) => Promise<void>,
    private readonly log: (line: string) => void,
    private readonly options: { concurrency?: number; retryDelayMs?: number } = {},
  ) {}

  /** A message just stored: listed as pending (durably, before the sender's 250), then queued. */
  async accept(message: PendingMessage): Promise<void> {
    await this.pending.add(message);
    this.add(message);
  }

  /** On start: every message acknowledged earlier and not given its outcome is queued again. Returns how many. */
  async resumePending(): Promise<number> {
    const pending = await this.pending.list();
    for (const message of pending) this.add(message);
    return pending.length;
  }

  drained(): Promise<void> {
    if (this.waiting.length === 0 && this.running.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  private add(message: PendingMessage): void {
    this.waiting.push(message);
    this.pump();
  }

  private pump(): void {
    while (this.running.size < (this.options.concurrency ?? 4) && this.waiting.length > 0) {
      const next = this.waiting.shift() as PendingMessage;
      const work = this.attempt(next).finally(() => {
        this.running.delete(work);
        this.pump();
        if (this.waiting.length === 0 && this.running.size === 0) {
          for (const resolve of this.idle.splice(0)) resolve();
        }
      });
      this.running.add(work);
    }
  }

  private async attempt({ key, to }: PendingMessage): Promise<void> {
    for (let attempt = 1; attempt <= 3; attempt++) {
      try {
        await this.handle(key, to);
        await this.pending.done(key);
        return;
      } catch (err) {
        this.log(`mail ${key}: attempt ${attempt} failed: ${(err as Error).message}`);
        const delay = (this.options.retryDelayMs ?? 500) * attempt;
        if (attempt < 3) await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
    this.log(`mail ${key}: not handled after 3 attempts; it is kept in the inbox and handled again at the next start`);
  }
}
