import "server-only";
import { db } from "@/lib/db/client";
import { Prisma, type RepKind } from "@/lib/db/generated/client";
import type { Viewer } from "@/lib/auth/viewer";
import { periodOf } from "@/lib/kpi/period";
import { rosterInputSchema } from "@/lib/validation/roster-query";
import { repScopeSql } from "./rep-scope-sql";

export interface RosterFigures {
  /** Deals open at the end of the period (today, for the current year), by current owner. */
  open: number;
  /** Deals closed in the year, by the owner at closing (KPI.md attribution). */
  won: number;
  lost: number;
  /** Σ amount of the won deals, as an exact decimal string in the organisation's currency. */
  wonRevenue: string;
  activities: number;
  reps: number;
}

export interface RosterRep extends RosterFigures {
  repId: number;
  name: string;
  kind: RepKind;
  active: boolean;
  isViewer: boolean;
}

export interface RosterTeam {
  /** null: reps who belong to no team. */
  teamId: number | null;
  name: string | null;
  reps: RosterRep[];
  totals: RosterFigures;
}

export interface TeamRoster {
  year: number;
  /** Jan 1 of the year, 00:00 in the organisation's time zone. */
  yearStart: Date;
  /** The instant open deals are counted at: the end of the year, or now if the year is not over. */
  openAt: Date;
  yearEnd: Date;
  teams: RosterTeam[];
  totals: RosterFigures;
}

interface Row {
  level: number;
  teamId: number | null;
  teamName: string | null;
  repId: number | null;
  repName: string | null;
  kind: RepKind | null;
  active: boolean | null;
  reps: number;
  open: number;
  won: number;
  lost: number;
  wonRevenue: string;
  activities: number;
}

// GROUPING(team_id, id): 0 = one rep, 1 = a team's subtotal, 3 = the total of the viewer's scope.
const REP_ROW = 0;
const TEAM_ROW = 1;

/**
 * The roster for a calendar year in the organisation's time zone (lib/kpi/period): per rep, open / won / lost deals,
 * won revenue and activities, with team subtotals and a total, in one aggregate query. The viewer's
 * scope is in the WHERE clause (whose figures count) and the HAVING clause (whose rows are listed):
 * a rep gets their own row and their team's totals, never a colleague's row.
 */
export async function getTeamRoster(viewer: Viewer, input: { year: number }): Promise<TeamRoster> {
  const { year } = rosterInputSchema.parse(input);
  const scope = repScopeSql(viewer, { id: Prisma.sql`rep.id`, orgId: Prisma.sql`rep.org_id`, teamId: Prisma.sql`rep.team_id` });
  const rowVisible = repScopeSql(viewer, { id: Prisma.sql`x.id`, orgId: Prisma.sql`x.org_id`, teamId: Prisma.sql`x.team_id` }).rowVisible;

  const { timeZone } = await db.organization.findUniqueOrThrow({ where: { id: viewer.orgId }, select: { timeZone: true } });
  const period = periodOf({ kind: "year", year }, timeZone);
  const openAt = new Date(Math.min(period.end.getTime(), Date.now()));

  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    WITH cutoff AS (
      SELECT ${period.start}::timestamptz AS start_at, ${period.end}::timestamptz AS end_at, ${openAt}::timestamptz AS open_at
    ),
    scoped AS (
      SELECT rep.id, rep.org_id, rep.team_id, rep.name, rep.kind, rep.active
      FROM rep
      WHERE ${scope.aggregate}
    ),
    open_deals AS (
      SELECT d.owner_id AS rep_id, count(*) AS open
      FROM deal d CROSS JOIN cutoff c
      WHERE d.owner_id IN (SELECT id FROM scoped)
        AND d.created_at < c.open_at
        AND (d.closed_at IS NULL OR d.closed_at >= c.open_at)
      GROUP BY d.owner_id
    ),
    closed_deals AS (
      SELECT d.closed_owner_id AS rep_id,
             count(*) FILTER (WHERE d.status = 'WON') AS won,
             count(*) FILTER (WHERE d.status = 'LOST') AS lost,
             coalesce(sum(d.amount) FILTER (WHERE d.status = 'WON'), 0) AS won_revenue
      FROM deal d CROSS JOIN cutoff c
      WHERE d.closed_owner_id IN (SELECT id FROM scoped)
        AND d.closed_at >= c.start_at AND d.closed_at < c.end_at
      GROUP BY d.closed_owner_id
    ),
    activities AS (
      SELECT a.rep_id, count(*) AS activities
      FROM activity a CROSS JOIN cutoff c
      WHERE a.rep_id IN (SELECT id FROM scoped)
        AND a.at >= c.start_at AND a.at < c.end_at
      GROUP BY a.rep_id
    ),
    figures AS (
      SELECT s.*,
             coalesce(o.open, 0) AS open,
             coalesce(cd.won, 0) AS won,
             coalesce(cd.lost, 0) AS lost,
             coalesce(cd.won_revenue, 0) AS won_revenue,
             coalesce(a.activities, 0) AS activities
      FROM scoped s
      LEFT JOIN open_deals o ON o.rep_id = s.id
      LEFT JOIN closed_deals cd ON cd.rep_id = s.id
      LEFT JOIN activities a ON a.rep_id = s.id
      -- A rep who has left still shows for the years they have figures in.
      WHERE s.active OR o.rep_id IS NOT NULL OR cd.rep_id IS NOT NULL OR a.rep_id IS NOT NULL
    )
    SELECT GROUPING(x.team_id, x.id)::int AS level,
           x.team_id AS "teamId", t.name AS "teamName",
           x.id AS "repId", x.name AS "repName", x.kind::text AS kind, x.active,
           count(x.id)::int AS reps,
           coalesce(sum(x.open), 0)::int AS open,
           coalesce(sum(x.won), 0)::int AS won,
           coalesce(sum(x.lost), 0)::int AS lost,
           coalesce(sum(x.won_revenue), 0)::text AS "wonRevenue",
           coalesce(sum(x.activities), 0)::int AS activities
    FROM figures x
    LEFT JOIN team t ON t.id = x.team_id
    GROUP BY GROUPING SETS ((x.team_id, t.name, t.kind, x.id, x.org_id, x.name, x.kind, x.active), (x.team_id, t.name, t.kind), ())
    HAVING GROUPING(x.id) = 1 OR ${rowVisible}
    -- Selling (AE) teams first: the SDR team has activities but few deals of its own.
    ORDER BY GROUPING(x.team_id), t.kind = 'SDR', t.name NULLS LAST, x.team_id, GROUPING(x.id), x.name, x.id`);

  return { year, yearStart: period.start, openAt, yearEnd: period.end, ...shapeRoster(viewer, rows) };
}

function figuresOf(row: Row): RosterFigures {
  return { open: row.open, won: row.won, lost: row.lost, wonRevenue: row.wonRevenue, activities: row.activities, reps: row.reps };
}

function shapeRoster(viewer: Viewer, rows: Row[]): Pick<TeamRoster, "teams" | "totals"> {
  const total = rows.find((row) => row.level !== REP_ROW && row.level !== TEAM_ROW);
  if (!total) throw new Error("The roster query returned no total row");
  const teams = new Map<string, RosterTeam>();
  const teamOf = (row: Row): RosterTeam => {
    const key = String(row.teamId);
    let team = teams.get(key);
    if (!team) {
      team = { teamId: row.teamId, name: row.teamName, reps: [], totals: figuresOf(row) };
      teams.set(key, team);
    }
    return team;
  };
  for (const row of rows) {
    if (row.level === TEAM_ROW) teamOf(row).totals = figuresOf(row);
    if (row.level === REP_ROW && row.repId !== null && row.repName !== null && row.kind !== null) {
      teamOf(row).reps.push({
        ...figuresOf(row),
        repId: row.repId,
        name: row.repName,
        kind: row.kind,
        active: row.active ?? true,
        isViewer: row.repId === viewer.repId,
      });
    }
  }
  return { teams: [...teams.values()], totals: figuresOf(total) };
}
