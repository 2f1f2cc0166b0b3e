import { localDate } from "@/lib/kpi/period";
import type { RowOf } from "../kinds/import-kinds";
import { type ImportMessage, importMessage } from "../messages/import-message";
import { type LocalDateTime, toInstant } from "../parse/parse-date";
import { contentKey } from "./content-key";
import { existingKeys } from "./existing-keys";
import { keyedLoader, type KindLoader, reject, updateMode } from "./keyed-loader";
import { findStage, type LoadContext, resolveNames } from "./load-context";
import { normalizeName } from "./normalize-name";
import { APP_ID_PREFIX } from "./ref-index";
import { synthesizeHistories } from "./synthesize-histories";

type DealRow = RowOf<"deals">;

/** A deal the file names only by its id (and account): "Acme GmbH — D-1001", or "D-1001". */
export function defaultDealName(id: string, account: string | undefined): string {
  return account ? `${account} — ${id}` : id;
}

export async function loadDeals(ctx: LoadContext): Promise<KindLoader<DealRow>> {
  const keys = await existingKeys(ctx.client, "deal", ctx.orgId);
  const leads = ctx.provided.has("lead") ? await existingKeys(ctx.client, "lead", ctx.orgId) : new Map<string, number>();
  const pipelinesByName = new Map([...ctx.pipelines.values()].map((p) => [normalizeName(p.name), p]));
  let owners: (name: string) => number | ImportMessage = () => importMessage("invalid");
  let accounts: (name: string) => number | ImportMessage = () => importMessage("invalid");
  const changed: number[] = [];
  const inFile: number[] = [];
  const mode = (field: string) => updateMode(ctx, field);
  // A manager's file may change only their reps' deals, give deals only to them, and link leads of theirs.
  const ownDeals = ctx.scope ? await ctx.scope.ownDeals() : new Set<number>();
  const referableLeads = ctx.scope && ctx.provided.has("lead") ? (await ctx.scope.leads()).referable : new Set<number>();
  const createdDefault = ctx.defaultValue("created") as LocalDateTime | undefined;
  const defaultInstant = createdDefault ? toInstant(createdDefault, ctx.timeZone) : null;
  const undated = ctx.undatedDeals;

  return keyedLoader<DealRow>(ctx, {
    table: "deal",
    keyField: "id",
    touchedAt: "updated_at",
    existingKeys: keys,
    columns: [
      { name: "org_id", type: "int", onUpdate: "skip" },
      { name: "external_id", type: "text", onUpdate: "skip" },
      { name: "pipeline_id", type: "int", onUpdate: "set" },
      { name: "stage_id", type: "int", onUpdate: "set" },
      { name: "status", type: '"DealStatus"', onUpdate: "set" },
      { name: "owner_id", type: "int", onUpdate: "set" },
      // Keeps who owned it when it closed, which a later change of owner does not rewrite (KPI.md attribution).
      { name: "closed_owner_id", type: "int", onUpdate: "coalesce" },
      { name: "account_id", type: "int", onUpdate: mode("account") },
      { name: "lead_id", type: "int", onUpdate: mode("lead") },
      { name: "name", type: "text", onUpdate: mode("name") },
      { name: "type", type: '"DealType"', onUpdate: mode("type") },
      { name: "amount", type: "numeric(14,2)", onUpdate: mode("amount") },
      { name: "created_at", type: "timestamptz(3)", onUpdate: "coalesce" },
      { name: "expected_close_at", type: "date", onUpdate: ctx.provided.has("expectedClose") || ctx.provided.has("closeDate") ? "set" : "skip" },
      { name: "closed_at", type: "timestamptz(3)", onUpdate: "set" },
      { name: "lost_reason", type: "text", onUpdate: "set" },
      { name: "next_step", type: "text", onUpdate: mode("nextStep") },
      { name: "forecast_category", type: '"ForecastCategory"', onUpdate: mode("forecastCategory") },
    ],
    async prepare(batch) {
      owners = await resolveNames(ctx, "rep", batch.map((r) => r.value.owner));
      accounts = await resolveNames(ctx, "account", batch.flatMap((r) => (r.value.account ? [r.value.account] : [])));
    },
    resolve(d, row) {
      const pipeline = d.pipeline ? pipelinesByName.get(normalizeName(d.pipeline)) : ctx.pipeline;
      if (!pipeline) return reject(ctx, row, "pipeline", importMessage("unknownPipeline", { pipeline: d.pipeline ?? "", pipelines: [...ctx.pipelines.values()].map((p) => p.name) }));
      let stage = findStage(ctx, pipeline, d.stage);
      if (!stage) return reject(ctx, row, "stage", importMessage("unknownStage", { stage: d.stage }));
      if (d.status === "WON" || d.status === "LOST") stage = pipeline.stages.find((s) => s.kind === d.status) ?? stage;
      const owner = owners(d.owner);
      if (typeof owner !== "number") return reject(ctx, row, "owner", owner);
      if (!d.name && !d.id) return reject(ctx, row, "name", importMessage("dealNameOrId"));
      const name = d.name ?? defaultDealName(d.id as string, d.account);
      const key = d.id ?? contentKey([d.name, d.account, d.created?.date]);
      if (ctx.scope) {
        const stored = keys.get(key);
        if (stored !== undefined && !ownDeals.has(stored)) return reject(ctx, row, d.id ? "id" : "name", importMessage("recordOutsideScope"));
        if (!ctx.scope.hasRep(owner)) return reject(ctx, row, "owner", importMessage("repOutsideScope"));
      }
      const account = d.account ? accounts(d.account) : null;
      if (account !== null && typeof account !== "number") return reject(ctx, row, "account", account);
      let leadId: number | null = null;
      if (d.lead) {
        leadId = leads.get(d.lead) ?? null;
        if (leadId === null) return reject(ctx, row, "lead", importMessage("unknownLead", { lead: d.lead }));
        if (ctx.scope && !referableLeads.has(leadId)) return reject(ctx, row, "lead", importMessage("recordOutsideScope"));
      }
      const closed = stage.kind !== "OPEN";
      const closedValue = closed ? (d.closed ?? d.closeDate) : undefined;
      if (closed && !closedValue) return reject(ctx, row, ctx.provided.has("closeDate") ? "closeDate" : "closed", importMessage("closeDateMissing", { status: stage.kind === "WON" ? "won" : "lost" }));
      let closedAt = closedValue ? toInstant(closedValue, ctx.timeZone) : null;
      // A deal without a creation date in the file is never dated at the import time (it would count as pipeline
      // created today and close before it began): a stored deal keeps its date; a new one takes the earlier of its
      // close date and the mapping's defaults.created; an open deal with neither is refused.
      let createdAt = d.created ? toInstant(d.created, ctx.timeZone) : null;
      let undatedAs: "keptStored" | "atCloseDate" | "atDefault" | null = null;
      if (!createdAt) {
        if (keys.has(key)) undatedAs = "keptStored";
        else if (closedAt && (!defaultInstant || closedAt <= defaultInstant)) [createdAt, undatedAs] = [closedAt, "atCloseDate"];
        else if (defaultInstant) [createdAt, undatedAs] = [defaultInstant, "atDefault"];
        else {
          undated.total++;
          undated.refused++;
          return reject(ctx, row, "created", importMessage("dealCreatedMissing"));
        }
      }
      if (closedAt && createdAt && closedAt < createdAt) {
        const [closedDay, createdDay] = [localDate(closedAt, ctx.timeZone), localDate(createdAt, ctx.timeZone)];
        if (closedDay < createdDay) return reject(ctx, row, closedValue === d.closed ? "closed" : "closeDate", importMessage("closeBeforeCreate", { closed: closedDay, created: createdDay }));
        // A date-only close on the day of a timed create: the deal closed that day, not before it began.
        closedAt = createdAt;
      }
      const expectedClose = d.expectedClose ?? (!closed && d.closeDate ? d.closeDate.date : null);
      if (undatedAs) {
        undated.total++;
        undated[undatedAs]++;
      }
      return {
        key,
        values: [
          ctx.orgId,
          key.startsWith(APP_ID_PREFIX) ? null : key,
          pipeline.id,
          stage.id,
          stage.kind,
          owner,
          closed ? owner : null,
          account,
          leadId,
          name,
          d.type ?? "NEW",
          d.amount ?? null,
          createdAt?.toISOString() ?? null,
          expectedClose,
          closedAt?.toISOString() ?? null,
          stage.kind === "LOST" ? (d.lostReason ?? "unknown") : null,
          d.nextStep ?? null,
          d.forecastCategory ?? "PIPELINE",
        ],
      };
    },
    async afterWrite(ids) {
      changed.push(...ids.created, ...ids.updated);
      inFile.push(...ids.all);
    },
    finish: () => synthesizeHistories(ctx.client, changed, inFile),
  });
}
