// What an import did beyond its counts, as messages: the command line prints them in English, the wizard in the
// viewer's language.
import type { ImportSummary } from "../run-import";
import { type ImportMessage, importMessage } from "./import-message";

export function summaryNotes(summary: Pick<ImportSummary, "undatedDeals" | "createdManagers">): ImportMessage[] {
  const notes: ImportMessage[] = [];
  // Summaries stored before these counts existed have none.
  const undated = summary.undatedDeals;
  if (undated && undated.total > 0) {
    const parts = [
      undated.atCloseDate > 0 && importMessage("undatedAtCloseDate", { count: undated.atCloseDate }),
      undated.atDefault > 0 && importMessage("undatedAtDefault", { count: undated.atDefault }),
      undated.keptStored > 0 && importMessage("undatedKeptStored", { count: undated.keptStored }),
      undated.refused > 0 && importMessage("undatedRefused", { count: undated.refused }),
    ].filter((part): part is ImportMessage => part !== false);
    notes.push(importMessage("undatedDeals", { count: undated.total, parts }));
  }
  if ((summary.createdManagers ?? 0) > 0) notes.push(importMessage("createdManagers", { count: summary.createdManagers }));
  return notes;
}
