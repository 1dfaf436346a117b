import { problemStates } from '../states';
import type { Problem } from '../ticket';
import type { Workflow } from './types';

/**
 * Problem (DOMAIN.md): New → Assessed → Root Cause Analysis → Known Error → Resolved →
 * Closed. A known error carries a workaround (shown on every linked incident), so
 * entering Known Error needs one unless the problem already has it.
 */
export const problemWorkflow: Workflow<Problem> = {
  type: 'problem',
  states: problemStates,
  transitions: {
    new: [{ to: 'assessed' }],
    assessed: [{ to: 'root_cause_analysis' }],
    root_cause_analysis: [
      { to: 'known_error', needs: (t) => (t.knownError ? [] : ['workaround']) },
    ],
    known_error: [{ to: 'resolved', needs: () => ['resolution'] }],
    resolved: [{ to: 'closed' }],
    closed: [],
  },
};
