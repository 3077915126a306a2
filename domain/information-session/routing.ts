import type { InformationSessionCase, InformationSessionEvent } from './case.ts';
import { BEFORE_DAY_21 } from './case-record.ts';
import type { EventRoute } from './lifecycle-types.ts';

/** Where an event goes in the stage the case is in. */
export function routeEvent(c: InformationSessionCase, event: InformationSessionEvent): EventRoute {
  const stage = c.stage;
  switch (event.type) {
    case 'session-arranged':
      return stage === 'session-due' || stage === 'did-not-attend' || stage === 'cancel-due'
        ? 'record-session-arranged'
        : 'flag';
    case 'session-outcome':
      return stage === 'session-due' || stage === 'did-not-attend' || stage === 'cancel-due'
        ? 'record-session-outcome'
        : 'flag';
    case 'jcp-dna-notified':
      return c.dnaNotices.some((n) => n.notifiedOn === null) ? 'record-jcp-dna-notified' : 'flag';
    case 'wp11-received':
      if (BEFORE_DAY_21.includes(stage)) {
        return Date.parse(event.receivedAt) <= Date.parse(c.deadlines.wp11Window.dueAt) ? 'record-wp11' : 'late-wp11';
      }
      return stage === 'cancel-due' ? 'late-wp11' : 'flag';
    case 'prap-cancelled':
      return stage === 'cancel-due' ? 'record-prap-cancellation' : 'flag';
    case 'attachment-recorded':
      if (event.referralType === 'information-session') return 'wrong-attachment';
      return stage === 'attachment-due' ? 'record-attachment' : 'flag';
    case 'attachment-backed-out':
      return c.wrongAttachments.some((w) => w.backedOutOn === null) ? 'record-back-out' : 'flag';
  }
}
