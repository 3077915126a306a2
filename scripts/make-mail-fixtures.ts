// Writes the .eml fixtures in test/fixtures/mail/: one realistic message for each kind of inbound mail, built
// with nodemailer (MIME, its stream transport) and exceljs (XLSX). Everything is invented: names, NINOs (valid in
// format only) and addresses on reserved .example domains.
//
//   npx tsx scripts/make-mail-fixtures.ts
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { requestMails } from './fixtures/request-mails.ts';
import { submissionMails } from './fixtures/submission-mails.ts';

const OUT = join(dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures', 'mail');

/** Nodemailer's stream transport sends nothing: it hands back the raw message (CRLF), as SES would get it. */
const mime = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });

async function compose(options: SendMailOptions, name: string): Promise<Buffer> {
  const sent = await mime.sendMail({ baseBoundary: name.replace(/[^a-z0-9]/gi, ''), ...options });
  if (!Buffer.isBuffer(sent.message)) throw new Error(`${name}: the stream transport gave no buffer`);
  return sent.message;
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true });
  const fixtures = [...(await requestMails()), ...submissionMails()];
  for (const [name, options] of fixtures) {
    const raw = await compose(options, name);
    await writeFile(join(OUT, name), raw);
    console.log(`wrote ${name} (${raw.length} bytes)`);
  }
}

await main();
