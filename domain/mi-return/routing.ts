import type { MiReturnCase, MiReturnEvent } from './case.ts';
import type { MiReturnLifecycleConfig } from './lifecycle-config.ts';
import { caseFacts, consume, describeStage, firstOfNextMonth, openAttempt, withAudit } from './record.ts';
import { monthLabel } from './return.ts';
import type { EventRoute, Transition } from './types.ts';

/** Where an event goes in the case's stage, and what is said and kept when it does not fit. */

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: MiReturnCase, event: MiReturnEvent): EventRoute {
  switch (event.type) {
    case 'send-requested':
      // A month already sent is sent again only by a refresh, which says why.
      if (c.stage === 'due' || c.stage === 'failed') return 'send-now';
      if (c.stage === 'sending') return 'answered-by-send';
      if (c.stage !== 'collecting' && (c.sends.at(-1)?.sentAt ?? '') >= event.recordedAt) return 'answered-by-send';
      return 'flag';
    case 'refresh-requested':
      return c.stage === 'collecting' || c.stage === 'sending' ? 'flag' : 'send-now';
    case 'return-sent':
      return openAttempt(c)?.attempt === event.attempt ? 'record-sent' : 'flag';
    case 'send-failed':
      return openAttempt(c)?.attempt === event.attempt ? 'record-send-failed' : 'flag';
  }
}

function flagReason(c: MiReturnCase, event: MiReturnEvent): string {
  const month = monthLabel(c.reportingMonth);
  switch (event.type) {
    case 'send-requested':
      if (c.stage === 'collecting') {
        return `The return for ${month} cannot be sent before the month has ended: its job entries are not complete. It can be sent from ${firstOfNextMonth(c.reportingMonth)}.`;
      }
      if (c.stage === 'sending') return `The return for ${month} is being sent already.`;
      return `The return for ${month} was sent already. To send it again after job entries were corrected, ask for a refresh and say why.`;
    case 'refresh-requested':
      if (c.stage === 'collecting') {
        return `The month ${month} has not ended: there is nothing to refresh yet.`;
      }
      return `The return for ${month} is being sent at the moment: ask for the refresh again once it is recorded as sent.`;
    case 'return-sent':
    case 'send-failed':
      return `The outcome of send attempt ${event.attempt} for ${month} (${event.type === 'return-sent' ? 'sent' : 'not sent'}) does not match the send in progress (${openAttempt(c)?.attempt ?? 'none'}).`;
  }
}

/** Why an event would be kept but not acted on where the month stands now, or null if it would be acted on. */
export function whyNotActedOn(c: MiReturnCase, event: MiReturnEvent): string | null {
  return routeEvent(c, event) === 'flag'
    ? `${flagReason(c, event)} (Where the return stands: ${describeStage(c)}.)`
    : null;
}

/** An event that does not fit the case's stage is flagged to the SPoC lead and kept in the audit, never dropped. */
export function flagEvent(
  c: MiReturnCase,
  event: MiReturnEvent,
  now: number,
  config: MiReturnLifecycleConfig,
): Transition {
  const reason = `${flagReason(c, event)} (Where the return stands: ${describeStage(c)}.)`;
  const requestedBy = 'requestedBy' in event ? event.requestedBy : null;
  return {
    case: withAudit(consume(c, event), now, [
      {
        what: `${event.type} flagged`,
        detail: `${reason}${requestedBy ? ` Asked for by ${requestedBy}.` : ''}`,
        flag: true,
      },
    ]),
    notices: [
      {
        intentId: `${c.caseId}:flag:${event.id}`,
        kind: 'event-flagged',
        to: [config.spocLeadAddress, config.leadContactAddress],
        facts: { ...caseFacts(c), eventType: event.type, reason, requestedBy },
      },
    ],
    metrics: [],
  };
}
