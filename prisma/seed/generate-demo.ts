// The whole demo organisation as a stream of rows, one rep at a time, so that even the 1,000-rep benchmark
// never holds more than one team's deals in memory. Yields after each step so a writer can flush.
import { createContext } from "./context";
import { generateAe, type TeamDeal } from "./generate-ae";
import { generateCoaching } from "./generate-coaching";
import { generateMeetings } from "./generate-meetings";
import { generateSdr, type Handover } from "./generate-sdr";
import type { DemoOptions } from "./options";
import { planOrganisation, type OrganisationPlan } from "./plan-organisation";
import type { RowSink, TableName, TableRows } from "./rows";

export interface DemoProgress {
  done: number;
  total: number;
  label: string;
}

export function* generateDemo(options: DemoOptions, sink: RowSink, plan: OrganisationPlan = planOrganisation(options)): Generator<DemoProgress> {
  const ctx = createContext(plan, sink);
  const total = 1 + plan.repPlans.length + plan.cells.length;
  let done = 0;

  const all = <T extends TableName>(table: T, rows: readonly TableRows[T][]) => {
    for (const row of rows) sink.add(table, row);
  };
  all("organization", [plan.organization]);
  // Managers are referenced by teams, and teams by reps: users first, then teams, then reps.
  all("app_user", plan.users);
  all("team", plan.teams);
  all("rep", plan.reps);
  all("pipeline", plan.pipelines);
  all("stage", plan.stages);
  all("stage_criterion", plan.criteria);
  all("forecast_snapshot", plan.snapshots);
  yield { done: ++done, total, label: "organisation" };

  for (const cell of plan.cells) {
    const inbox = new Map<number, Handover[]>();
    for (const sdr of cell.sdrs) {
      generateSdr(ctx, sdr, cell, inbox);
      generateCoaching(ctx, sdr);
      yield { done: ++done, total, label: `${cell.teamName}: ${sdr.name} (SDR)` };
    }
    const teamDeals: TeamDeal[] = [];
    for (const ae of cell.aes) {
      for (const deal of generateAe(ctx, ae, inbox.get(ae.id) ?? [])) teamDeals.push(deal);
      generateCoaching(ctx, ae);
      yield { done: ++done, total, label: `${cell.teamName}: ${ae.name} (AE)` };
    }
    generateMeetings(ctx, cell, teamDeals);
    yield { done: ++done, total, label: `${cell.teamName}: pipeline meetings` };
  }
}

/** Every row of a demo in memory, by table (for tests and small demos). */
export function collectDemo(options: DemoOptions): { plan: OrganisationPlan; rows: { [T in TableName]: TableRows[T][] } } {
  const rows = {} as { [T in TableName]: TableRows[T][] };
  const sink: RowSink = {
    add(table, row) {
      (rows[table] ??= []).push(row);
    },
  };
  const plan = planOrganisation(options);
  for (const step of generateDemo(options, sink, plan)) void step;
  return { plan, rows };
}
