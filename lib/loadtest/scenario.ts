// What one simulated user does, in a loop: the pages of their role, in the order a person would open them.

export type Role = "MANAGER" | "REP";

export interface Step {
  /** The report's group. */
  name: string;
  kind: "page" | "autosave";
  path: string;
}

/** The review steps that hold answers (lib/review/steps.ts), with their sections. */
export const ANSWER_STEPS = [
  ["sales-process", "SALES_PROCESS"],
  ["sales-kpis", "SALES_KPIS"],
  ["pipeline-review", "PIPELINE_REVIEW"],
  ["coaching", "COACHING"],
] as const;

/** Autosaves after each review step page: a person typing saves every few seconds. */
export const AUTOSAVES_PER_STEP = 3;

/**
 * One round of a user's visit. `pick` returns 0 ≤ x < 1 (seeded in tests). A manager: the dashboard for the year
 * and for a quarter (the filters), a review step and its autosaves, a drill, the pipeline, the meetings. A rep: My
 * KPIs, the pipeline, their deals and activities.
 */
export function scenarioRound(role: Role, year: number, pick: () => number): Step[] {
  const quarter = 1 + Math.floor(pick() * 4);
  const yearQuery = `period=year&year=${year}`;
  if (role === "MANAGER") {
    const [step] = ANSWER_STEPS[Math.floor(pick() * ANSWER_STEPS.length)] ?? ANSWER_STEPS[0];
    const reviewPath = `/review/${year}/${step}`;
    return [
      { name: "dashboard", kind: "page", path: `/dashboard?${yearQuery}` },
      { name: "dashboard", kind: "page", path: `/dashboard?period=quarter&year=${year}&quarter=${quarter}` },
      { name: "review step", kind: "page", path: reviewPath },
      ...Array.from({ length: AUTOSAVES_PER_STEP }, (): Step => ({ name: "autosave", kind: "autosave", path: reviewPath })),
      { name: "drill", kind: "page", path: pick() < 0.5 ? `/drill/deals?${yearQuery}` : `/drill/activities?${yearQuery}` },
      { name: "pipeline", kind: "page", path: "/pipeline" },
      { name: "meeting", kind: "page", path: "/meeting" },
    ];
  }
  return [
    { name: "my kpis", kind: "page", path: `/my-kpis?${yearQuery}` },
    { name: "pipeline", kind: "page", path: "/pipeline" },
    { name: "drill", kind: "page", path: pick() < 0.5 ? `/drill/deals?${yearQuery}` : `/drill/activities?${yearQuery}` },
  ];
}

/** Which logins the users sign in as: managers and reps alternately, each login used once while there are enough. */
export function assignLogins<T extends { role: string }>(logins: readonly T[], users: number): Array<T & { role: Role }> {
  const managers = logins.filter((l) => l.role === "MANAGER") as Array<T & { role: Role }>;
  const reps = logins.filter((l) => l.role === "REP") as Array<T & { role: Role }>;
  if (managers.length === 0 || reps.length === 0) throw new Error("the data set needs at least one manager and one rep login");
  const out: Array<T & { role: Role }> = [];
  let m = 0;
  let r = 0;
  for (let i = 0; i < users; i++) {
    if (i % 2 === 0) out.push(managers[m++ % managers.length] as T & { role: Role });
    else out.push(reps[r++ % reps.length] as T & { role: Role });
  }
  return out;
}

/** mulberry32: a small seeded generator for repeatable scenario picks. */
export function seededRandom(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
