/**
 * Sends one raw MIME message. Idempotency per intent is the caller's job (a conditional write on the intent
 * before send), so a mailer only sends; `intentId` names the send in the outbox and in logs. SES in AWS, the
 * local outbox folder or SMTP locally (adapters/mail/mailer.ts).
 */
export interface OutboundMessage {
  raw: Buffer;
  from: string;
  to: string[];
  intentId: string;
}

export interface Mailer {
  send(message: OutboundMessage): Promise<{ messageId: string }>;
  /**
   * True when sending one intent again delivers nothing new and answers with the first message id: then a
   * claimed intent whose send was never recorded (the sender died part-way) can safely be sent again.
   */
  readonly idempotent?: boolean;
}

/** A notice as words, before it becomes MIME. */
export interface RenderedNotice {
  subject: string;
  text: string;
}

/** A plain-text notice as raw MIME (adapters/mail/compose.ts). */
export type ComposeNotice = (notice: {
  from: string;
  to: string[];
  subject: string;
  text: string;
  date: Date;
}) => Promise<Buffer>;

/** Where a received message's raw bytes are kept: the SES S3 action's bucket in AWS, a folder locally. */
export interface RawMailStore {
  get(messageKey: string): Promise<Buffer>;
  /**
   * Destroys the raw message (paras 46, 49: a form sent in error or not from a designated inbox): in AWS every S3
   * version of the key, locally the inbox file. A key already gone is not an error.
   */
  delete(messageKey: string): Promise<void>;
}
