import { describe, expect, it } from "vitest";
import { activityDrillEntries, parseActivityDrill } from "@/lib/validation/activity-drill";
import { dealDrillEntries, parseDealDrill } from "@/lib/validation/dashboard-drill";

describe("activity drill-through query string", () => {
  it("reads every filter and writes it back unchanged", () => {
    const params = { type: "MEETING", rep: "12", response: "no", on: "lead", deal: "7", lead: "9", sort: "rep", dir: "asc", page: "4" };
    const filter = parseActivityDrill(params);
    expect(filter).toEqual({ type: "MEETING", repId: 12, response: "no", subject: "lead", dealId: 7, leadId: 9, sort: "rep", dir: "asc", page: 4 });
    expect(activityDrillEntries(filter)).toEqual(params);
  });

  it("drops each bad part on its own and keeps the rest", () => {
    const filter = parseActivityDrill({ type: "FAX", rep: "-3", response: "maybe", on: "account", deal: "x", lead: "99999999999", sort: "type", dir: "up", page: "0" });
    expect(filter).toEqual({ type: undefined, repId: undefined, response: undefined, subject: undefined, dealId: undefined, leadId: undefined, sort: "at", dir: "desc", page: 1 });
    expect(parseActivityDrill({ type: ["CALL", "EMAIL"], response: "yes" })).toMatchObject({ type: "CALL", response: "yes" });
    // An empty select ("All types") means no filter.
    expect(parseActivityDrill({ type: "", rep: "", on: "" })).toMatchObject({ type: undefined, repId: undefined, subject: undefined });
  });
});

describe("deal drill-through: stage flow and first meetings", () => {
  it("round-trips flow with the entered basis, and the first-meeting basis", () => {
    const flow = parseDealDrill({ basis: "entered", stage: "3", flow: "still" });
    expect(flow).toMatchObject({ basis: "entered", stageId: 3, flow: "still" });
    expect(dealDrillEntries(flow)).toMatchObject({ basis: "entered", stage: "3", flow: "still" });
    expect(parseDealDrill({ basis: "firstMeeting" }).basis).toBe("firstMeeting");
    expect(parseDealDrill({ basis: "entered", flow: "sideways" }).flow).toBeUndefined();
  });
});
