import "server-only";
import type pg from "pg";
import type { Viewer } from "@/lib/auth/viewer";
import { importMessage } from "@/lib/import/messages/import-message";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { ImportFileError } from "@/lib/import/parse/import-file-error";

/** A manager's import named reps outside their teams: nothing was written. */
export class OutsideTeamError extends ImportFileError {
  constructor(readonly reps: string[]) {
    super(importMessage("outsideTeam", { reps }));
  }
}

type ForeignRow = { tbl: "rep" | "deal" | "lead"; label: string };
const FOREIGN_ROW_CODES = { rep: "foreignRep", deal: "foreignDeal", lead: "foreignLead" } as const;

/** A manager's import would change rows that belong to other teams (an existing deal, lead or rep): nothing was written. */
export class ForeignRowsError extends ImportFileError {
  /** The rows in English, e.g. deal “Globex renewal”. */
  readonly rows: string[];

  constructor(found: ForeignRow[]) {
    const rows = found.map((row) => importMessage(FOREIGN_ROW_CODES[row.tbl], { name: row.label }));
    super(importMessage("foreignRows", { rows }));
    this.rows = rows.map((row) => importMessageText(row));
  }
}

// Before the import: the reps, deals and leads outside the manager's teams. A file may point at any existing
// row by its id, so a row written there would move another team's record into this team (xmin check below).
const SNAPSHOT_FOREIGN_ROWS_SQL = [
  `CREATE TEMP TABLE IF NOT EXISTS import_foreign_row (tbl text NOT NULL, id int NOT NULL, label text NOT NULL)`,
  `TRUNCATE import_foreign_row`,
  `INSERT INTO import_foreign_row
    SELECT 'rep', r.id, r.name FROM rep r WHERE r.org_id = $1 AND NOT (r.team_id IS NOT NULL AND r.team_id = ANY($2::int[]))
    UNION ALL
    SELECT 'deal', d.id, d.name FROM deal d JOIN rep o ON o.id = d.owner_id
     WHERE d.org_id = $1 AND NOT (o.team_id IS NOT NULL AND o.team_id = ANY($2::int[]))
    UNION ALL
    SELECT 'lead', l.id, l.name FROM lead l
     WHERE l.org_id = $1 AND NOT EXISTS (SELECT 1 FROM rep r WHERE r.id IN (l.sdr_id, l.ae_id) AND r.team_id = ANY($2::int[]))`,
];

const WRITTEN_FOREIGN_ROWS_SQL = `
  SELECT f.tbl, f.label FROM import_foreign_row f
   WHERE (f.tbl = 'rep' AND EXISTS (SELECT 1 FROM rep x WHERE x.id = f.id AND x.xmin = xid(pg_current_xact_id())))
      OR (f.tbl = 'deal' AND EXISTS (SELECT 1 FROM deal x WHERE x.id = f.id AND x.xmin = xid(pg_current_xact_id())))
      OR (f.tbl = 'lead' AND EXISTS (SELECT 1 FROM lead x WHERE x.id = f.id AND x.xmin = xid(pg_current_xact_id())))
   ORDER BY f.tbl, f.label LIMIT 20`;

// Rows this transaction wrote carry its transaction id in xmin; each query lists the reps such rows name.
const WRITTEN_REPS_SQL = `
  SELECT r.id, r.name, r.team_id FROM rep r WHERE r.org_id = $1 AND r.xmin = xid(pg_current_xact_id())
  UNION SELECT r.id, r.name, r.team_id FROM deal d JOIN rep r ON r.id = d.owner_id WHERE d.org_id = $1 AND d.xmin = xid(pg_current_xact_id())
  UNION SELECT r.id, r.name, r.team_id FROM deal_stage_change c JOIN deal d ON d.id = c.deal_id JOIN rep r ON r.id = d.owner_id WHERE d.org_id = $1 AND c.xmin = xid(pg_current_xact_id())
  UNION SELECT r.id, r.name, r.team_id FROM lead l JOIN rep r ON r.id IN (l.sdr_id, l.ae_id) WHERE l.org_id = $1 AND l.xmin = xid(pg_current_xact_id())
  UNION SELECT r.id, r.name, r.team_id FROM activity a JOIN rep r ON r.id = a.rep_id WHERE r.org_id = $1 AND a.xmin = xid(pg_current_xact_id())
  UNION SELECT r.id, r.name, r.team_id FROM quota q JOIN rep r ON r.id = q.rep_id WHERE r.org_id = $1 AND q.xmin = xid(pg_current_xact_id())
  UNION SELECT r.id, r.name, r.team_id FROM coaching_session s JOIN rep r ON r.id = s.rep_id WHERE r.org_id = $1 AND s.xmin = xid(pg_current_xact_id())`;

/**
 * The import's client for `viewer`. For a manager, just before the library ends its transaction (COMMIT, or
 * the ROLLBACK of a dry run), reps the import created join the manager's first team, and any row written
 * for a rep outside their teams throws OutsideTeamError, so the library rolls back the whole file.
 */
export async function scopedImportClient(client: pg.ClientBase, viewer: Viewer, dryRun: boolean): Promise<pg.ClientBase> {
  if (viewer.role === "ADMIN") return client;
  const teamIds = [...viewer.teamIds];
  const before = await client.query<{ max: number }>(`SELECT COALESCE(max(id), 0)::int AS max FROM rep WHERE org_id = $1`, [viewer.orgId]);
  for (const statement of SNAPSHOT_FOREIGN_ROWS_SQL) await client.query(statement, statement.includes("$1") ? [viewer.orgId, teamIds] : []);
  const lastRepBefore = before.rows[0]?.max ?? 0;
  const endStatement = dryRun ? "ROLLBACK" : "COMMIT";
  let checked = false;
  const check = async () => {
    if (teamIds[0] !== undefined) {
      await client.query(`UPDATE rep SET team_id = $3 WHERE org_id = $1 AND id > $2 AND team_id IS NULL`, [viewer.orgId, lastRepBefore, teamIds[0]]);
    }
    const foreign = await client.query<ForeignRow>(WRITTEN_FOREIGN_ROWS_SQL);
    if (foreign.rows.length > 0) throw new ForeignRowsError(foreign.rows);
    const written = await client.query<{ id: number; name: string; team_id: number | null }>(WRITTEN_REPS_SQL, [viewer.orgId]);
    const outside = written.rows.filter((r) => r.team_id === null || !teamIds.includes(r.team_id)).map((r) => r.name);
    if (outside.length > 0) throw new OutsideTeamError([...new Set(outside)].sort((a, b) => a.localeCompare(b)));
  };
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property !== "query") return Reflect.get(target, property, receiver) as unknown;
      return async (...args: unknown[]) => {
        const run = () => (target.query as (...a: unknown[]) => Promise<unknown>).apply(target, args);
        if (checked || args[0] !== endStatement) return run();
        checked = true;
        if (!dryRun) {
          await check();
          return run();
        }
        // A dry run ends in ROLLBACK whatever the check finds; its finding is thrown after.
        const found = await check().then(
          () => undefined,
          (error: unknown) => error,
        );
        const result = await run();
        if (found) throw found;
        return result;
      };
    },
  });
}
