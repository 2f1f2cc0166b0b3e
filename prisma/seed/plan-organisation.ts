// The fixed part of the demo: organisation, people, teams, pipelines and the profile of every rep that the
// generated activity follows (skill, coaching, the planted low-activity and low-response AEs).
import { createCalendar, type Calendar } from "./calendar";
import type { DemoOptions } from "./options";
import { NEW_BUSINESS, NEW_BUSINESS_WITHOUT_STALL, RENEWALS, type OpenStageSpec, type PipelineSpec } from "./pipelines";
import { createRandom, deriveSeed } from "./random";
import type {
  ForecastSnapshotRow,
  OrganizationRow,
  PipelineRow,
  RepRow,
  StageCriterionRow,
  StageRow,
  TeamRow,
  UserRow,
} from "./rows";
import {
  AE_TEAM_NAMES,
  FIRST_NAMES,
  LAST_NAMES,
  ORGANISATION_CURRENCY,
  ORGANISATION_NAME,
  ORGANISATION_TIME_ZONE,
  REGIONS,
} from "./vocabulary";

export const ORG_ID = 1;
export const DEMO_EMAIL_DOMAIN = "demo.test";

export type RepPattern = "LOW_ACTIVITY" | "HIGH_ACTIVITY_LOW_RESPONSE";

export interface RepProfile {
  /** Coached 3–5 h a month (the rest 1–2.5 h). */
  coached: boolean;
  pattern: RepPattern | null;
  /** Multiplies the chance to win from the first meeting on. */
  skill: number;
  /** Multiplies the time deals spend in each stage. */
  pace: number;
  /** Multiplies how often the rep touches deals and prospects. */
  activity: number;
  /** Multiplies the chance an activity gets a response. */
  response: number;
  /** Share of open deals that skip earlier exit criteria. */
  sloppiness: number;
  /** Chance the rep commits a deal in the Proposal stage. */
  optimism: number;
  /** Annual quota in the first year of the window (AEs). */
  quota: number;
  /** Revenue the rep is steered to, as a share of quota, per year index from firstYear. */
  attainment: number[];
  /** SDRs: activities per working day. */
  activitiesPerDay: number;
  emailReply: number;
  callConnect: number;
}

export interface RepPlan {
  id: number;
  userId: number;
  kind: "SDR" | "AE";
  name: string;
  email: string;
  teamId: number;
  teamName: string;
  managerUserId: number;
  /** The AE team this rep works for: an AE's own team, an SDR's receiving team. */
  cell: number;
  /** Index among the AEs of the cell (AEs) or among all reps. */
  seed: number;
  profile: RepProfile;
}

export interface StagePlan {
  id: number;
  /** Position among the open stages (0-based); WON and LOST are -1. */
  index: number;
  kind: "OPEN" | "WON" | "LOST";
  spec: OpenStageSpec | null;
  criterionIds: number[];
}

export interface PipelinePlan {
  id: number;
  spec: PipelineSpec;
  open: StagePlan[];
  won: StagePlan;
  lost: StagePlan;
  firstMeetingIndex: number;
}

export interface CellPlan {
  index: number;
  teamId: number;
  teamName: string;
  managerUserId: number;
  aes: RepPlan[];
  sdrs: RepPlan[];
}

export interface DemoLogin {
  role: "ADMIN" | "MANAGER" | "REP";
  name: string;
  email: string;
  team: string | null;
  /** SDR or AE for reps. */
  kind: "SDR" | "AE" | null;
  /** Why this login is interesting to look at (the planted patterns), if it is. */
  note: string | null;
}

export interface SnapshotPlan {
  id: number;
  /** Local day number of the snapshot. */
  t: number;
}

export interface OrganisationPlan {
  options: DemoOptions;
  calendar: Calendar;
  organization: OrganizationRow;
  users: UserRow[];
  teams: TeamRow[];
  reps: RepRow[];
  pipelines: PipelineRow[];
  stages: StageRow[];
  criteria: StageCriterionRow[];
  snapshots: ForecastSnapshotRow[];
  snapshotPlans: SnapshotPlan[];
  newBusiness: PipelinePlan;
  renewals: PipelinePlan;
  repPlans: RepPlan[];
  cells: CellPlan[];
  logins: DemoLogin[];
}

/** Team structure for a number of reps: 24 → 6 SDRs, 18 AEs in 3 teams; 1,000 → 250 SDRs, 750 AEs in 40 teams. */
export function teamStructure(reps: number) {
  const sdrs = Math.max(1, Math.round(reps / 4));
  const aes = reps - sdrs;
  const aeTeams = Math.min(aes, Math.max(3, Math.round(reps / 25)));
  const sdrTeams = Math.max(1, Math.round(sdrs / 25));
  return { sdrs, aes, aeTeams, sdrTeams };
}

// Team 2 is the one whose open deals most often skip exit criteria (docs/demo-data.md).
const SLOPPY_TEAM_INDEX = 1;
const ANNUAL_QUOTA_GROWTH = 1.05;
const COACHED_ATTAINMENT_GROWTH = 0.05;
const UNCOACHED_ATTAINMENT_GROWTH = -0.02;

export function planOrganisation(options: DemoOptions): OrganisationPlan {
  const calendar = createCalendar(ORGANISATION_TIME_ZONE, options.years, options.today);
  const rng = createRandom(deriveSeed(options.seed, "organisation"));
  // Founded well before the data window: customer accounts from before it exist.
  const createdAt = calendar.toUtc(calendar.windowStart - 5 * 365 + 9 / 24);
  const structure = teamStructure(options.reps);

  const organization: OrganizationRow = {
    id: ORG_ID,
    name: ORGANISATION_NAME,
    currency: ORGANISATION_CURRENCY,
    timeZone: ORGANISATION_TIME_ZONE,
    createdAt,
  };

  // Unique invented people: every first/last pair once, in a seeded order.
  const pairs: [string, string][] = [];
  for (const first of FIRST_NAMES) for (const last of LAST_NAMES) pairs.push([first, last]);
  const people = rng.shuffle(pairs);
  let personIndex = 0;
  const nextPerson = () => {
    const pair = people[personIndex % people.length] as [string, string];
    const round = Math.floor(personIndex / people.length);
    personIndex++;
    return { first: pair[0], last: round === 0 ? pair[1] : `${pair[1]}-${round + 1}` };
  };
  const usedEmails = new Set<string>();
  const email = (local: string) => {
    const base = local.toLowerCase().replace(/[^a-z0-9.]+/g, "-");
    let candidate = `${base}@${DEMO_EMAIL_DOMAIN}`;
    for (let n = 2; usedEmails.has(candidate); n++) candidate = `${base}${n}@${DEMO_EMAIL_DOMAIN}`;
    usedEmails.add(candidate);
    return candidate;
  };

  const users: UserRow[] = [];
  const logins: DemoLogin[] = [];
  const addUser = (role: UserRow["role"], name: string, mail: string) => {
    const row: UserRow = { id: users.length + 1, orgId: ORG_ID, email: mail, name, passwordHash: options.passwordHash, role, createdAt };
    users.push(row);
    return row;
  };

  const admin = nextPerson();
  const adminName = `${admin.first} ${admin.last}`;
  addUser("ADMIN", adminName, email("admin"));
  logins.push({ role: "ADMIN", name: adminName, email: `admin@${DEMO_EMAIL_DOMAIN}`, team: null, kind: null, note: null });

  const teams: TeamRow[] = [];
  const teamNames: string[] = [];
  for (let t = 0; t < structure.aeTeams; t++) {
    teamNames.push(AE_TEAM_NAMES[t] ?? `Team ${String(t + 1).padStart(2, "0")}`);
  }
  for (let t = 0; t < structure.sdrTeams; t++) {
    teamNames.push(structure.sdrTeams === 1 ? "Business Development" : `Business Development ${t + 1}`);
  }
  teamNames.forEach((teamName, t) => {
    const person = nextPerson();
    const name = `${person.first} ${person.last}`;
    const user = addUser("MANAGER", name, email(`manager.${person.first}`));
    const kind = t < structure.aeTeams ? "AE" : "SDR";
    teams.push({ id: t + 1, orgId: ORG_ID, name: teamName, kind, managerId: user.id, createdAt });
    logins.push({ role: "MANAGER", name, email: user.email, team: teamName, kind: null, note: null });
  });

  const reps: RepRow[] = [];
  const repPlans: RepPlan[] = [];
  const cells: CellPlan[] = teams.slice(0, structure.aeTeams).map((team, index) => ({
    index,
    teamId: team.id,
    teamName: team.name,
    managerUserId: team.managerId,
    aes: [],
    sdrs: [],
  }));

  const addRep = (kind: "SDR" | "AE", team: TeamRow, cell: number) => {
    const person = nextPerson();
    const name = `${person.first} ${person.last}`;
    const user = addUser("REP", name, email(`${person.first}.${person.last}`));
    const id = reps.length + 1;
    const region = REGIONS[cell % REGIONS.length] as string;
    reps.push({ id, orgId: ORG_ID, userId: user.id, teamId: team.id, name, email: user.email, kind, region, createdAt });
    const plan: RepPlan = {
      id,
      userId: user.id,
      kind,
      name,
      email: user.email,
      teamId: team.id,
      teamName: team.name,
      managerUserId: team.managerId,
      cell,
      seed: deriveSeed(options.seed, "rep", id),
      profile: undefined as unknown as RepProfile,
    };
    repPlans.push(plan);
    return plan;
  };

  for (let i = 0; i < structure.aes; i++) {
    const cell = Math.floor((i * structure.aeTeams) / structure.aes);
    const team = teams[cell] as TeamRow;
    (cells[cell] as CellPlan).aes.push(addRep("AE", team, cell));
  }
  for (let i = 0; i < structure.sdrs; i++) {
    const sdrTeam = teams[structure.aeTeams + Math.floor((i * structure.sdrTeams) / structure.sdrs)] as TeamRow;
    const cell = i % structure.aeTeams;
    (cells[cell] as CellPlan).sdrs.push(addRep("SDR", sdrTeam, cell));
  }

  // Half of each team is coached ≥ 3 h a month; the two planted AEs of the first team are not. Without the planted
  // patterns there are no planted AEs, everyone is coached, and no team is sloppy.
  const years = options.years;
  const planted = options.patterns;
  for (const cell of cells) {
    for (const group of [cell.aes, cell.sdrs]) {
      const order = rng.shuffle(group.map((_, i) => i));
      const patterned = (i: number) => planted && cell.index === 0 && group === cell.aes && i < 2;
      const candidates = order.filter((i) => !patterned(i));
      const coachedCount = planted ? Math.round(group.length / 2) : group.length;
      const coached = new Set(candidates.slice(0, coachedCount));
      group.forEach((rep, i) => {
        const pattern: RepPattern | null = patterned(i) ? (i === 0 ? "LOW_ACTIVITY" : "HIGH_ACTIVITY_LOW_RESPONSE") : null;
        rep.profile = repProfile(rng, rep.kind, coached.has(i), pattern, planted && cell.index === SLOPPY_TEAM_INDEX, years, planted);
      });
    }
  }
  // SDR teams do not line up with cells; their coaching split is already per cell group.

  for (const rep of [...repPlans].sort((a, b) => a.id - b.id)) {
    const note =
      rep.profile.pattern === "LOW_ACTIVITY"
        ? "low activity"
        : rep.profile.pattern === "HIGH_ACTIVITY_LOW_RESPONSE"
          ? "high activity, low response rate"
          : rep.profile.coached
            ? "coached ≥ 3 h/month"
            : null;
    logins.push({ role: "REP", name: rep.name, email: rep.email, team: rep.teamName, kind: rep.kind, note });
  }

  const pipelines: PipelineRow[] = [];
  const stages: StageRow[] = [];
  const criteria: StageCriterionRow[] = [];
  const planPipeline = (spec: PipelineSpec): PipelinePlan => {
    const id = pipelines.length + 1;
    pipelines.push({ id, orgId: ORG_ID, name: spec.name, position: id - 1 });
    const open: StagePlan[] = spec.open.map((stage, index) => {
      const stageId = stages.length + 1;
      stages.push({
        id: stageId,
        pipelineId: id,
        name: stage.name,
        position: index + 1,
        kind: "OPEN",
        buyerStage: stage.buyerStage,
        buyerQuestion: stage.buyerQuestion,
        probability: stage.probability,
        isFirstMeeting: stage.isFirstMeeting,
      });
      const criterionIds = stage.criteria.map((question, position) => {
        const criterionId = criteria.length + 1;
        criteria.push({ id: criterionId, stageId, position: position + 1, question });
        return criterionId;
      });
      return { id: stageId, index, kind: "OPEN", spec: stage, criterionIds };
    });
    const closed = (kind: "WON" | "LOST", name: string, probability: number): StagePlan => {
      const stageId = stages.length + 1;
      stages.push({
        id: stageId,
        pipelineId: id,
        name,
        position: spec.open.length + (kind === "WON" ? 1 : 2),
        kind,
        buyerStage: null,
        buyerQuestion: null,
        probability,
        isFirstMeeting: false,
      });
      return { id: stageId, index: -1, kind, spec: null, criterionIds: [] };
    };
    const won = closed("WON", "Won", 100);
    const lost = closed("LOST", "Lost", 0);
    const marked = spec.open.findIndex((s) => s.isFirstMeeting);
    return { id, spec, open, won, lost, firstMeetingIndex: marked >= 0 ? marked : 0 };
  };
  const newBusiness = planPipeline(options.patterns ? NEW_BUSINESS : NEW_BUSINESS_WITHOUT_STALL);
  const renewals = planPipeline(RENEWALS);

  // Weekly forecast snapshots, Monday 07:00 local, from the start of the window to yesterday.
  const snapshots: ForecastSnapshotRow[] = [];
  const snapshotPlans: SnapshotPlan[] = [];
  let monday = calendar.windowStart;
  while (calendar.day(monday).weekday !== 1) monday++;
  for (let d = monday; d < calendar.today; d += 7) {
    const id = snapshots.length + 1;
    const t = d + 7 / 24;
    snapshots.push({ id, orgId: ORG_ID, takenAt: calendar.toUtc(t) });
    snapshotPlans.push({ id, t });
  }

  return {
    options,
    calendar,
    organization,
    users,
    teams,
    reps,
    pipelines,
    stages,
    criteria,
    snapshots,
    snapshotPlans,
    newBusiness,
    renewals,
    repPlans,
    cells,
    logins,
  };
}

function repProfile(
  rng: ReturnType<typeof createRandom>,
  kind: "SDR" | "AE",
  coached: boolean,
  pattern: RepPattern | null,
  sloppyTeam: boolean,
  years: number,
  planted: boolean,
): RepProfile {
  const baseAttainment = Math.min(1.4, Math.max(0.65, rng.normal(coached ? 1.08 : 0.93, 0.1)));
  const attainment: number[] = [];
  for (let y = 0; y < years; y++) {
    const growth = coached ? COACHED_ATTAINMENT_GROWTH : UNCOACHED_ATTAINMENT_GROWTH;
    const value = pattern === "LOW_ACTIVITY" ? 0.7 : pattern === "HIGH_ACTIVITY_LOW_RESPONSE" ? 0.8 : baseAttainment * (1 + growth * y);
    attainment.push(value);
  }
  return {
    coached,
    pattern,
    skill: rng.normal(1, 0.06) * (coached ? 1.08 : 0.94),
    pace: rng.uniform(0.88, 1.12),
    activity: pattern === "LOW_ACTIVITY" ? 0.4 : pattern === "HIGH_ACTIVITY_LOW_RESPONSE" ? 2.1 : rng.normal(1, 0.08),
    response: pattern === "HIGH_ACTIVITY_LOW_RESPONSE" ? 0.35 : rng.normal(1, 0.08),
    // Missed exit criteria are planted (pattern 5): without the patterns nobody is sloppy.
    sloppiness: (sloppyTeam ? 0.4 : rng.uniform(0.06, 0.14)) * (planted ? 1 : 0),
    // Share of Proposal deals committed. Planted: happy ears against a stalling Proposal (pattern 6). Without the
    // patterns Proposal deals close like their neighbours, and a calibrated rep commits nearly all of them.
    optimism: rng.uniform(0.5, 0.8) + (planted ? 0 : 0.15),
    quota: kind === "AE" ? Math.round(rng.uniform(620_000, 900_000) / 10_000) * 10_000 : 0,
    attainment,
    activitiesPerDay: rng.uniform(45, 55),
    emailReply: rng.uniform(0.03, 0.07),
    callConnect: rng.uniform(0.07, 0.13),
  };
}

export function annualQuota(profile: RepProfile, yearIndex: number): number {
  return Math.round((profile.quota * ANNUAL_QUOTA_GROWTH ** yearIndex) / 10_000) * 10_000;
}
