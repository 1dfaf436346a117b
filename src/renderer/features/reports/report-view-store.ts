import { create } from 'zustand';
import type { PeriodId, RecordKind } from './report-model';

/** The Reports screen's selection (view state only): kept while the user visits other screens. */
export interface ReportViewState {
  period: PeriodId;
  /** null: all queues on this device. */
  queueId: string | null;
  kind: RecordKind;
  setPeriod(period: PeriodId): void;
  setQueueId(queueId: string | null): void;
  setKind(kind: RecordKind): void;
}

export const useReportView = create<ReportViewState>()((set) => ({
  period: '30d',
  queueId: null,
  kind: 'desk',
  setPeriod: (period) => set({ period }),
  setQueueId: (queueId) => set({ queueId }),
  setKind: (kind) => set({ kind }),
}));
