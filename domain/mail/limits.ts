/** Read at most this many rows from any one source: a form has 40; a thousand is already a mistake. */
export const MAX_ROWS_READ = 1_000;
/** An attachment larger than this is not read: a form is never that large. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;
/** SES accepts up to 40 MB; the local SMTP server 25 MB. Anything larger is not read at all. */
export const MAX_MESSAGE_BYTES = 50 * 1024 * 1024;
