export const WHO = ["anonymous", "repA", "repB", "managerX", "managerY", "admin"] as const;
export type Who = (typeof WHO)[number];
export type SignedIn = Exclude<Who, "anonymous">;

// Seeded into names outside some viewer's scope: if one shows up in a response, data leaked.
export const MARKERS = {
  repA: "MARKER-REP-A",
  repB: "MARKER-REP-B",
  teamY: "MARKER-TEAM-Y",
  otherOrg: "MARKER-OTHER-ORG",
} as const;

/** The markers each viewer must never receive. */
export const FORBIDDEN_MARKERS: Record<Who, string[]> = {
  anonymous: Object.values(MARKERS),
  repA: [MARKERS.repB, MARKERS.teamY, MARKERS.otherOrg],
  repB: [MARKERS.repA, MARKERS.teamY, MARKERS.otherOrg],
  managerX: [MARKERS.teamY, MARKERS.otherOrg],
  managerY: [MARKERS.repA, MARKERS.repB, MARKERS.otherOrg],
  admin: [MARKERS.otherOrg],
};

export interface MatrixFixture {
  orgId: number;
  otherOrgId: number;
  emails: Record<SignedIn | "target" | "gone" | "otherAdmin", string>;
  users: Record<SignedIn | "target" | "invited" | "gone" | "otherAdmin", number>;
  teams: Record<"x" | "y" | "spare" | "other", number>;
  reps: Record<"a" | "b" | "y" | "loose" | "other", number>;
  deals: Record<"a" | "b" | "y" | "other", number>;
  pipelines: Record<"mine" | "other", number>;
}
