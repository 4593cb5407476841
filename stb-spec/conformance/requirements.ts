/**
 * Which requirements of stb-spec/spec.md each case checks: the one table to update when the spec's
 * IDs move (requirements.test.ts fails when an ID here is not in the spec, or a case is missing).
 * Every case also checks, on every message it receives, BR-RPC-5, BR-RPC-10, BR-ERR-1, BR-ERR-2 and
 * BR-ERR-3 (envelopes, closed schemas, codes and their closed data): see message-checks.ts.
 */
export const CASE_REQUIREMENTS: Record<string, readonly string[]> = {
  'CK-01': ['BR-TRN-1', 'BR-TRN-6', 'BR-TRN-7', 'BR-SEC-2'],
  'CK-02': ['BR-SEC-2', 'BR-SEC-3'],
  'CK-03': ['BR-SEC-2'],
  'CK-04': ['BR-SEC-4', 'BR-SEC-5'],
  'CK-05': ['BR-TRN-2'],
  'CK-06': ['BR-RPC-2', 'BR-RPC-7'],
  'CK-07': ['BR-TRN-5', 'BR-RPC-7'],
  'CK-08': ['BR-TRN-5'],
  'CK-09': ['BR-RPC-1', 'BR-RPC-7'],
  'CK-10': ['BR-TRN-4', 'BR-RPC-7'],
  'CK-11': ['BR-RPC-3', 'BR-VER-1'],
  'CK-12': ['BR-RPC-4'],
  'CK-13': ['BR-RPC-4', 'BR-MTH-5'],
  'CK-14': ['BR-RPC-4', 'BR-CARD-10', 'BR-EVT-1', 'BR-EVT-7'],
  'CK-15': ['BR-RPC-4', 'BR-MTH-60'],
  'CK-16': ['BR-MTH-60'],
  'CK-17': ['BR-RPC-6'],
  'CK-18': ['BR-RPC-5'],
  'CK-19': ['BR-TRN-8', 'BR-RPC-1', 'BR-RPC-2', 'BR-RPC-7'],
  'CK-20': ['BR-RPC-9', 'BR-SEC-11'],
  'CK-21': ['BR-MTH-20', 'BR-MTH-21', 'BR-MTH-3'],
  'CK-22': ['BR-MTH-30', 'BR-CARD-3'],
  'CK-23': ['BR-MTH-30'],
  'CK-24': ['BR-MTH-40', 'BR-CARD-10'],
  'CK-25': ['BR-MTH-50', 'BR-CARD-6'],
  'CK-26': ['BR-MTH-50', 'BR-CARD-6'],
  'CK-27': ['BR-MTH-61', 'BR-CARD-9', 'BR-CARD-14', 'BR-MTH-7'],
  'CK-28': ['BR-MTH-61', 'BR-CARD-9'],
  'CK-29': ['BR-EVT-1', 'BR-EVT-2', 'BR-EVT-6'],
  'CK-30': ['BR-MTH-1', 'BR-MTH-2'],
  'CK-31': ['BR-MTH-2', 'BR-ERR-1'],
  'CK-32': ['BR-CARD-7', 'BR-MTH-7'],
  'CK-33': ['BR-MTH-40', 'BR-CARD-7'],
  'CK-34': ['BR-MTH-5', 'BR-CARD-8', 'BR-SEC-13'],
  'CK-35': ['BR-MTH-5', 'BR-CARD-8', 'BR-SEC-13'],
  'CK-36': ['BR-MTH-6', 'BR-CARD-6'],
  'CK-37': ['BR-MTH-4', 'BR-MTH-73'],
  'CK-38': ['BR-EVT-3', 'BR-EVT-4'],
  'CK-39': ['BR-EVT-1', 'BR-EVT-2', 'BR-EVT-3'],
  'CK-40': ['BR-EVT-5', 'BR-TRN-6'],
  'CK-41': ['BR-CARD-1', 'BR-MTH-1'],
  'CK-42': ['BR-MTH-1', 'BR-MTH-2'],
  'CK-43': ['BR-MTH-6', 'BR-CARD-6', 'BR-CARD-7'],
  'CK-44': ['BR-MTH-6'],
  'CK-45': ['BR-CARD-12'],
  'CK-46': ['BR-MTH-8'],
  'CK-47': ['BR-MTH-6', 'BR-MTH-40'],
  'CK-48': ['BR-CARD-11', 'BR-CARD-2', 'BR-CARD-3', 'BR-SEC-20'],
  'CK-49': ['BR-SEC-2'],
  'CK-50': ['BR-SEC-6', 'BR-SEC-5'],
  'CK-51': ['BR-RPC-9', 'BR-SEC-11'],
  'CK-52': ['BR-CARD-3', 'BR-MTH-30'],
  'CK-53': ['BR-MTH-6', 'BR-MTH-61'],
  'CK-54': ['BR-MTH-6', 'BR-MTH-40', 'BR-MTH-61'],
  'CK-55': ['BR-SEC-23'],
  'CK-56': ['BR-TRN-9', 'BR-TRN-8'],
  'CK-57': ['BR-VER-7', 'BR-TRN-4'],
  'CK-58': ['BR-MTH-70', 'BR-MTH-72'],
  'CK-59': ['BR-MTH-71', 'BR-MTH-70'],
  'CK-60': ['BR-RPC-11'],
  'CK-61': ['BR-TRN-10'],
};

/** Checked on every message of every case (message-checks.ts), whichever case runs. */
export const EVERY_MESSAGE_REQUIREMENTS = [
  'BR-RPC-5',
  'BR-RPC-10',
  'BR-ERR-1',
  'BR-ERR-2',
  'BR-ERR-3',
] as const;

export function requirementsOf(caseId: string): string[] {
  return [...(CASE_REQUIREMENTS[caseId] ?? [])];
}
