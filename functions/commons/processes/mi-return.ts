import type { RecordKind } from '../../../adapters/store/record-store.ts';
import type { ProviderConfig } from '../../../domain/config.ts';
import type { MiReturnCase, MiReturnEvent } from '../../../domain/mi-return/case.ts';
import {
  applyEvent,
  applyTimer,
  type DueTimer,
  enqueueEvent,
  type MiReturnLifecycleConfig,
  type MiReturnNoticeIntent,
  miReturnLifecycleConfig,
  planNextStep,
} from '../../../domain/mi-return/lifecycle.ts';
import { renderMiReturnNotice } from '../../../domain/notices/mi-return-notices.ts';
import type { LifecycleProcess } from '../process.ts';

/** MI returns: one record per contract and reporting month. */
export const miReturnRecordKind: RecordKind<MiReturnCase, MiReturnEvent> = {
  process: 'mi-return',
  idPrefix: 'mi-',
  index: (c) => ({ gsi1pk: miReturnIndexKey(c.contractNumber), gsi1sk: `MI#${c.reportingMonth}` }),
  enqueue: enqueueEvent,
};

export function miReturnIndexKey(contractNumber: string): string {
  return `MI#CONTRACT#${contractNumber}`;
}

/** The reference a month's return is created once under: the schedule running twice finds the same case. */
export function miReturnReferenceKey(contractNumber: string, reportingMonth: string): string {
  return `MI-RETURN#${contractNumber}#${reportingMonth}`;
}

export class MiReturnNotConfigured extends Error {
  override name = 'MiReturnNotConfigured';
}

export function miReturnConfigFrom(provider: ProviderConfig): MiReturnLifecycleConfig {
  if (!provider.miReturn) {
    throw new MiReturnNotConfigured('No miReturn section in the provider configuration: the MI return is not set up.');
  }
  const { reminderWorkingDaysBefore, noticeTime, sendTime, closeAfterDays, ...miReturn } = provider.miReturn;
  return miReturnLifecycleConfig(miReturn, {
    spocLeadAddress: provider.provider.spocLeadAddress,
    reminderWorkingDaysBefore,
    noticeTime: noticeTime ?? provider.noticeTime,
    sendTime,
    closeAfterDays,
  });
}

/**
 * The MI return lifecycle without its build-and-send step, for what only plans, opens, restarts and counts cases
 * (staff actions, the status run): the workbook library stays out of their bundles. The mi-return-step function
 * and the local runtime use the whole process (./process.ts).
 */
export const miReturnPlanningProcess: LifecycleProcess<
  MiReturnCase,
  MiReturnEvent,
  MiReturnLifecycleConfig,
  MiReturnNoticeIntent
> = {
  id: 'mi-return',
  kind: miReturnRecordKind,
  configFrom: miReturnConfigFrom,
  plan: planNextStep,
  step(record, plan, now, config) {
    if (plan.next === 'timer-due') {
      const timer = plan.timer as DueTimer;
      if (timer.kind === 'build-and-send') {
        throw new Error('The MI return is built and sent by the mi-return-step function (functions/mi-return-step).');
      }
      return applyTimer(record, timer, now, config);
    }
    return applyEvent(record, plan.event as MiReturnEvent, now, config);
  },
  render: (intent) => renderMiReturnNotice(intent),
};
