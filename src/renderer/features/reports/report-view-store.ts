import { create } from 'zustand';
import type { PeriodId } from './report-model';

/** The Reports screen's selection (view state only): kept while the user visits other screens. */
export interface ReportViewState {
  period: PeriodId;
  /** null: all queues on this device. */
  queueId: string | null;
  setPeriod(period: PeriodId): void;
  setQueueId(queueId: string | null): void;
}

export const useReportView = create<ReportViewState>()((set) => ({
  period: '30d',
  queueId: null,
  setPeriod: (period) => set({ period }),
  setQueueId: (queueId) => set({ queueId }),
}));
