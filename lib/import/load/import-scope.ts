// What a manager's file may write: their teams' reps and the records those reps own, nothing else. Every loader
// checks each row against the stored state before writing it and rejects, by row and column, a row that would
// create or change anything outside; the rejection names nothing but the file's own row. `verifyImportScope`
// then checks the rows the transaction actually wrote, as a second line behind the loaders.
import type pg from "pg";
import { ImportFileError } from "../parse/import-file-error";
import { importMessage } from "../messages/import-message";

/** Who a file is imported for: a manager limited to teams. Without one (an admin, the command line) the whole organisation. */
export interface ImportScope {
  /** The teams the importing manager manages; only those still managed by them when the import runs count. */
  teamIds: readonly number[];
  /** The importing manager: the only coach their coaching sessions may name. */
  userId: number;
}

// A deal is the scope's when its owner, and the owner it closed with if any, are the scope's reps (the KPI engine
// attributes a closed deal to the rep at close). A lead is the scope's when every rep it names (SDR, AE) is, and
// it names one; a lead may be referenced (by a deal or an activity) when one of its reps is the scope's (a lead
// handed over to one of the team's AEs). An account may be changed when no deal or lead outside the scope names it.
const OWN_DEAL = `d.owner_id = ANY($2::int[]) AND (d.closed_owner_id IS NULL OR d.closed_owner_id = ANY($2::int[]))`;
const OWN_LEAD = `coalesce(l.sdr_id, l.ae_id) IS NOT NULL AND (l.sdr_id IS NULL OR l.sdr_id = ANY($2::int[])) AND (l.ae_id IS NULL OR l.ae_id = ANY($2::int[]))`;
const REFERABLE_LEAD = `(l.sdr_id = ANY($2::int[]) OR l.ae_id = ANY($2::int[]))`;

/** The scope as the loaders check it: the reps in it (created ones join), and the stored records in it, read once. */
export class ScopeRules {
  private ownDealIds?: Promise<Set<number>>;
  private leadIds?: Promise<{ own: Map<number, { sdr: number | null; ae: number | null }>; referable: Set<number> }>;
  private blockedAccountIds?: Promise<Set<number>>;

  private constructor(
    private readonly client: pg.ClientBase,
    private readonly orgId: number,
    /** The manager's teams, first one first: reps the import creates join it. */
    readonly teamIds: readonly number[],
    readonly userId: number,
    private readonly repIds: Set<number>,
  ) {}

  static async load(client: pg.ClientBase, orgId: number, scope: ImportScope): Promise<ScopeRules> {
    // Re-read in the import's transaction: a team taken from the manager since they signed in is not theirs.
    const teams = await client.query<{ id: number }>(`SELECT id FROM team WHERE org_id = $1 AND id = ANY($2::int[]) AND manager_id = $3 ORDER BY id`, [
      orgId,
      [...scope.teamIds],
      scope.userId,
    ]);
    const teamIds = teams.rows.map((t) => t.id);
    const reps = await client.query<{ id: number }>(`SELECT id FROM rep WHERE org_id = $1 AND team_id = ANY($2::int[])`, [orgId, teamIds]);
    return new ScopeRules(client, orgId, teamIds, scope.userId, new Set(reps.rows.map((r) => r.id)));
  }

  /** The team a rep the import creates joins; null when the manager has none (then creating a rep is refused). */
  get homeTeamId(): number | null {
    return this.teamIds[0] ?? null;
  }

  hasTeam(teamId: number | null): boolean {
    return teamId !== null && this.teamIds.includes(teamId);
  }

  hasRep(repId: number | null | undefined): boolean {
    return repId !== null && repId !== undefined && this.repIds.has(repId);
  }

  /** A rep the import created in the home team. */
  addRep(repId: number): void {
    this.repIds.add(repId);
  }

  /** The stored deals that are the scope's. */
  ownDeals(): Promise<Set<number>> {
    this.ownDealIds ??= this.ids(`SELECT d.id FROM deal d WHERE d.org_id = $1 AND ${OWN_DEAL}`);
    return this.ownDealIds;
  }

  /** The stored leads that are the scope's (with their SDR and AE), and those it may reference. */
  leads(): Promise<{ own: Map<number, { sdr: number | null; ae: number | null }>; referable: Set<number> }> {
    this.leadIds ??= this.client
      .query<{ id: number; sdr: number | null; ae: number | null; own: boolean }>(
        `SELECT l.id, l.sdr_id AS sdr, l.ae_id AS ae, (${OWN_LEAD}) AS own FROM lead l WHERE l.org_id = $1 AND ${REFERABLE_LEAD}`,
        [this.orgId, [...this.repIds]],
      )
      .then(({ rows }) => ({ own: new Map(rows.filter((r) => r.own).map((r) => [r.id, { sdr: r.sdr, ae: r.ae }])), referable: new Set(rows.map((r) => r.id)) }));
    return this.leadIds;
  }

  /** The stored accounts a deal or lead outside the scope names: the manager may not change them. */
  blockedAccounts(): Promise<Set<number>> {
    this.blockedAccountIds ??= this.ids(
      `SELECT d.account_id AS id FROM deal d WHERE d.org_id = $1 AND d.account_id IS NOT NULL AND NOT (${OWN_DEAL})
       UNION SELECT l.account_id FROM lead l WHERE l.org_id = $1 AND l.account_id IS NOT NULL AND NOT (${OWN_LEAD})`,
    );
    return this.blockedAccountIds;
  }

  private ids(sql: string): Promise<Set<number>> {
    return this.client.query<{ id: number }>(sql, [this.orgId, [...this.repIds]]).then(({ rows }) => new Set(rows.map((r) => r.id)));
  }

  /**
   * The second line: whether every row this transaction wrote in the business tables is within the scope (the
   * reps, as they are now; rows written carry the transaction's id in xmin). Throws, naming nothing, when one is not.
   */
  async verify(): Promise<void> {
    const reps = await this.client.query<{ id: number }>(`SELECT id FROM rep WHERE org_id = $1 AND team_id = ANY($2::int[])`, [this.orgId, [...this.teamIds]]);
    const params = [this.orgId, reps.rows.map((r) => r.id), [...this.teamIds]];
    const mine = `x.xmin = xid(pg_current_xact_id())`;
    const { rows } = await this.client.query<{ found: boolean }>(
      `SELECT EXISTS (SELECT 1 FROM team x WHERE x.org_id = $1 AND ${mine})
           OR EXISTS (SELECT 1 FROM rep x WHERE x.org_id = $1 AND ${mine} AND NOT (x.team_id IS NOT NULL AND x.team_id = ANY($3::int[])))
           OR EXISTS (SELECT 1 FROM deal x JOIN deal d ON d.id = x.id WHERE x.org_id = $1 AND ${mine} AND NOT (${OWN_DEAL}))
           OR EXISTS (SELECT 1 FROM deal_stage_change x JOIN deal d ON d.id = x.deal_id WHERE d.org_id = $1 AND ${mine} AND NOT (${OWN_DEAL}))
           OR EXISTS (SELECT 1 FROM lead x JOIN lead l ON l.id = x.id WHERE x.org_id = $1 AND ${mine} AND NOT (${OWN_LEAD}))
           OR EXISTS (SELECT 1 FROM account x WHERE x.org_id = $1 AND ${mine} AND (
                EXISTS (SELECT 1 FROM deal d WHERE d.account_id = x.id AND NOT (${OWN_DEAL}))
                OR EXISTS (SELECT 1 FROM lead l WHERE l.account_id = x.id AND NOT (${OWN_LEAD}))))
           OR EXISTS (SELECT 1 FROM activity x WHERE x.org_id = $1 AND ${mine} AND (NOT x.rep_id = ANY($2::int[])
                OR EXISTS (SELECT 1 FROM deal d WHERE d.id = x.deal_id AND NOT (${OWN_DEAL}))
                OR EXISTS (SELECT 1 FROM lead l WHERE l.id = x.lead_id AND NOT ${REFERABLE_LEAD})))
           OR EXISTS (SELECT 1 FROM quota x JOIN rep r ON r.id = x.rep_id WHERE r.org_id = $1 AND ${mine} AND NOT x.rep_id = ANY($2::int[]))
           OR EXISTS (SELECT 1 FROM coaching_session x JOIN rep r ON r.id = x.rep_id WHERE r.org_id = $1 AND ${mine} AND NOT x.rep_id = ANY($2::int[]))
           AS found`,
      params,
    );
    if (rows[0]?.found) throw new ImportFileError(importMessage("outsideScope"));
  }
}
