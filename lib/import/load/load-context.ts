// What every kind's loader needs to turn a parsed row into database values: the organisation, its pipelines
// and stages, and indexes of its reps, accounts and users (with the rows created for missing names).
import type pg from "pg";
import { ImportFileError } from "../parse/import-file-error";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { auditCreatedSql, auditParams, type ImportAudit } from "./import-audit";
import { type ImportScope, ScopeRules } from "./import-scope";
import { normalizeName } from "./normalize-name";
import { RefIndex } from "./ref-index";

export interface StageInfo {
  id: number;
  name: string;
  kind: "OPEN" | "WON" | "LOST";
  position: number;
}

export interface PipelineInfo {
  id: number;
  name: string;
  stages: StageInfo[];
}

export interface Rejection {
  row: number;
  column: string;
  reason: ImportMessage;
}

/** Deals the file gave no creation date, by how each was dated (docs/import.md, "Deals without a creation date"). */
export interface UndatedDeals {
  total: number;
  /** Dated at their close date (won and lost deals). */
  atCloseDate: number;
  /** Dated at the mapping's defaults.created. */
  atDefault: number;
  /** Stored deals that kept the date they have. */
  keptStored: number;
  /** Open deals with no date to take: rejected rows. */
  refused: number;
}

export type MissingKind = "reps" | "accounts" | "managers";

export interface LoadContext {
  client: pg.ClientBase;
  orgId: number;
  timeZone: string;
  /** The pipeline deals are imported into; null for the kinds that need none (reps, accounts…) in an organisation without one. */
  pipeline: PipelineInfo | null;
  pipelines: Map<number, PipelineInfo>;
  reps: RefIndex;
  accounts: RefIndex;
  users: RefIndex;
  createMissing: ReadonlySet<MissingKind>;
  /** Fields the mapping fills (a column or a default): only these are overwritten on update. */
  provided: ReadonlySet<string>;
  /** The CSV header a field is read from, for messages. */
  column(field: string): string;
  /**
   * The mapping's default for a field, parsed like a cell (undefined without one); an invalid one stops the file.
   * For the defaults a loader applies itself rather than as a cell (a deal's creation date, resolve-columns.ts).
   */
  defaultValue(field: string): unknown;
  unknownStages: Set<string>;
  created: { reps: number; accounts: number; managers: number };
  undatedDeals: UndatedDeals;
  /** Who the audit rows of the import's writes name. */
  audit: ImportAudit;
  /** A manager's file: what it may write (import-scope.ts); null for an admin or the command line. */
  scope: ScopeRules | null;
}

export async function loadContext(
  client: pg.ClientBase,
  input: Pick<LoadContext, "orgId" | "createMissing" | "provided" | "column" | "defaultValue"> & {
    pipelineName?: string;
    /** Deals and their stage history need a pipeline; reps, accounts and the rest import into an organisation without one. */
    needsPipeline: boolean;
    actorId?: number | null;
    scope?: ImportScope;
  },
): Promise<LoadContext> {
  const org = await client.query<{ time_zone: string }>(`SELECT time_zone FROM organization WHERE id = $1`, [input.orgId]);
  const timeZone = org.rows[0]?.time_zone ?? "UTC";
  const stageRows = await client.query<{ pipeline_id: number; pipeline_name: string; id: number; name: string; kind: StageInfo["kind"]; position: number }>(
    `SELECT p.id AS pipeline_id, p.name AS pipeline_name, s.id, s.name, s.kind, s.position
       FROM pipeline p JOIN stage s ON s.pipeline_id = p.id WHERE p.org_id = $1 ORDER BY p.position, p.id, s.position`,
    [input.orgId],
  );
  const pipelines = new Map<number, PipelineInfo>();
  for (const row of stageRows.rows) {
    const pipeline = pipelines.get(row.pipeline_id) ?? { id: row.pipeline_id, name: row.pipeline_name, stages: [] };
    pipeline.stages.push({ id: row.id, name: row.name, kind: row.kind, position: row.position });
    pipelines.set(row.pipeline_id, pipeline);
  }
  const all = [...pipelines.values()];
  const pipeline = (input.pipelineName ? all.find((p) => normalizeName(p.name) === normalizeName(input.pipelineName ?? "")) : all[0]) ?? null;
  if (input.pipelineName && !pipeline && all.length > 0) throw new ImportFileError(importMessage("noSuchPipeline", { pipeline: input.pipelineName, pipelines: all.map((p) => p.name) }));
  if (input.needsPipeline && !pipeline) throw new ImportFileError(importMessage("noPipelines"));
  const reps = await client.query<{ id: number; externalId: string | null; name: string; email: string | null }>(
    `SELECT id, external_id AS "externalId", name, email FROM rep WHERE org_id = $1`,
    [input.orgId],
  );
  const accounts = await client.query<{ id: number; externalId: string | null; name: string }>(
    `SELECT id, external_id AS "externalId", name FROM account WHERE org_id = $1`,
    [input.orgId],
  );
  const users = await client.query<{ id: number; name: string; email: string }>(`SELECT id, name, email FROM app_user WHERE org_id = $1`, [input.orgId]);
  return {
    ...input,
    client,
    audit: { orgId: input.orgId, actorId: input.actorId ?? null },
    scope: input.scope ? await ScopeRules.load(client, input.orgId, input.scope) : null,
    timeZone,
    pipeline,
    pipelines,
    reps: new RefIndex(reps.rows),
    accounts: new RefIndex(accounts.rows),
    users: new RefIndex(users.rows.map((u) => ({ ...u, externalId: `user-${u.id}` }))),
    unknownStages: new Set(),
    created: { reps: 0, accounts: 0, managers: 0 },
    undatedDeals: { total: 0, atCloseDate: 0, atDefault: 0, keptStored: 0, refused: 0 },
  };
}

/** The stage a file value names in a pipeline (by name ignoring case and spaces, or WON / LOST); unknown ones are collected. */
export function findStage(ctx: LoadContext, pipeline: PipelineInfo, value: string): StageInfo | undefined {
  const norm = normalizeName(value);
  const stage = pipeline.stages.find((s) => normalizeName(s.name) === norm) ?? pipeline.stages.find((s) => s.kind !== "OPEN" && s.kind === value.trim().toUpperCase());
  if (!stage) ctx.unknownStages.add(value);
  return stage;
}

type RefKind = "rep" | "account";

/**
 * Resolves the names in a batch to ids, creating the missing ones first when --create-missing allows it.
 * Returns a lookup that gives an id or the reason the row is rejected.
 */
export async function resolveNames(ctx: LoadContext, kind: RefKind, names: Iterable<string>): Promise<(name: string) => number | ImportMessage> {
  const index = kind === "rep" ? ctx.reps : ctx.accounts;
  // A manager's new reps join their first team; a manager without a team creates none.
  const team = ctx.scope ? ctx.scope.homeTeamId : null;
  const allowed = ctx.createMissing.has(kind === "rep" ? "reps" : "accounts") && !(kind === "rep" && ctx.scope && team === null);
  const missing = new Map<string, string>();
  for (const name of names) if (index.find(name) === undefined) missing.set(normalizeName(name), name.trim());
  if (allowed && missing.size > 0) {
    const list = [...missing.values()];
    const [sql, columns, params] =
      kind === "rep"
        ? [`INSERT INTO rep (org_id, name, kind, team_id) SELECT $1, unnest($2::text[]), 'AE', $3::int RETURNING *`, ["name", "kind", "team_id"], [ctx.orgId, list, team]]
        : [`INSERT INTO account (org_id, name) SELECT $1, unnest($2::text[]) RETURNING *`, ["name"], [ctx.orgId, list]];
    const result = await ctx.client.query<{ id: number; name: string }>(
      `WITH created AS (${sql}), audited AS (${auditCreatedSql("created", columns, params.length + 1)}) SELECT id, name FROM created`,
      [...params, ...auditParams(ctx.audit, kind)],
    );
    for (const row of result.rows) {
      index.add({ ...row, externalId: null });
      if (kind === "rep") ctx.scope?.addRep(row.id);
    }
    if (kind === "rep") ctx.created.reps += result.rows.length;
    else ctx.created.accounts += result.rows.length;
  }
  return (name) => {
    const id = index.find(name);
    if (typeof id === "number") return id;
    if (id === "ambiguous") return importMessage(kind === "rep" ? "ambiguousRep" : "ambiguousAccount", { name });
    return importMessage(kind === "rep" ? "unknownRep" : "unknownAccount", { name });
  };
}
