/**
 * The rows without their repeats: drops every row marked `duplicateOfRow`, and (defensively)
 * any later row whose title was already seen. Order is kept.
 */
export function distinctRows<T extends { title: string; duplicateOfRow?: number }>(rows: T[]): T[] {
  const seen = new Set<string>();
  const result: T[] = [];
  for (const row of rows) {
    if (row.duplicateOfRow !== undefined || seen.has(row.title)) continue;
    seen.add(row.title);
    result.push(row);
  }
  return result;
}
