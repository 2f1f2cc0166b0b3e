import { describe, expect, it } from "vitest";
import { canSeeRep, repScope } from "@/lib/auth/scope";
import { toViewerFields } from "@/lib/auth/viewer-fields";
import { assertViewer, mintViewer, type Viewer, type ViewerFields } from "@/lib/auth/viewer";
import type { SessionUser } from "@/lib/data/get-session-user";

const base: ViewerFields = { userId: 1, orgId: 10, role: "ADMIN", repId: null, teamIds: [], name: "A", email: "a@x.test", locale: "en" };
const admin = mintViewer(base);
const manager = mintViewer({ ...base, userId: 2, role: "MANAGER", teamIds: [3, 1, 3] });
const rep = mintViewer({ ...base, userId: 3, role: "REP", repId: 7, teamIds: [1] });
const teamlessRep = mintViewer({ ...base, userId: 4, role: "REP", repId: 8, teamIds: [] });

const user: SessionUser = {
  id: 5, orgId: 10, name: "U", email: "u@x.test", role: "REP", active: true, tokenVersion: 0,
  repId: 9, repTeamId: 2, managedTeamIds: [4],
};

describe("Viewer", () => {
  it("is frozen, with sorted unique team ids", () => {
    expect(Object.isFrozen(manager)).toBe(true);
    expect(manager.teamIds).toEqual([1, 3]);
  });

  it("cannot be forged by casting a plain object", () => {
    const forged = { ...base } as unknown as Viewer;
    expect(() => assertViewer(forged)).toThrow(/requireViewer/);
    expect(() => repScope(forged)).toThrow(/requireViewer/);
    expect(() => repScope({ ...admin })).toThrow();
  });

  it("takes a manager's teams from the teams they manage", () => {
    expect(toViewerFields({ ...user, role: "MANAGER" }, "ru")).toMatchObject({ role: "MANAGER", teamIds: [4], locale: "ru" });
  });

  it("takes a rep's team from their rep record", () => {
    expect(toViewerFields(user, "en")).toMatchObject({ role: "REP", repId: 9, teamIds: [2] });
    expect(toViewerFields({ ...user, repTeamId: null }, "en").teamIds).toEqual([]);
  });

  it("gives an admin no team list: they see the whole organisation", () => {
    expect(toViewerFields({ ...user, role: "ADMIN" }, "en").teamIds).toEqual([]);
  });
});

describe("repScope", () => {
  it("lets an admin see every rep of the organisation", () => {
    expect(repScope(admin)).toEqual({ orgId: 10, aggregate: { kind: "org" }, rows: { kind: "all" } });
  });

  it("limits a manager to the teams they manage", () => {
    expect(repScope(manager)).toEqual({ orgId: 10, aggregate: { kind: "teams", teamIds: [1, 3] }, rows: { kind: "all" } });
  });

  it("gives a rep their team's totals but only their own row", () => {
    expect(repScope(rep)).toEqual({
      orgId: 10,
      aggregate: { kind: "teamsAndRep", teamIds: [1], repId: 7 },
      rows: { kind: "rep", repId: 7 },
    });
  });
});

describe("canSeeRep", () => {
  const cases: Array<[string, Viewer, { id: number; orgId: number; teamId: number | null }, boolean]> = [
    ["admin, any rep of the org", admin, { id: 99, orgId: 10, teamId: null }, true],
    ["admin, a rep of another org", admin, { id: 99, orgId: 11, teamId: 1 }, false],
    ["manager, a rep of a managed team", manager, { id: 99, orgId: 10, teamId: 3 }, true],
    ["manager, a rep of another team", manager, { id: 99, orgId: 10, teamId: 2 }, false],
    ["manager, a rep with no team", manager, { id: 99, orgId: 10, teamId: null }, false],
    ["rep, themselves", rep, { id: 7, orgId: 10, teamId: 1 }, true],
    ["rep, a teammate", rep, { id: 6, orgId: 10, teamId: 1 }, false],
    ["rep without a team, themselves", teamlessRep, { id: 8, orgId: 10, teamId: null }, true],
  ];
  it.each(cases)("%s → %s", (_label, viewer, target, expected) => {
    expect(canSeeRep(viewer, target)).toBe(expected);
  });
});
