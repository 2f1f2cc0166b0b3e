// KPI.md "Leads and hand-over", read literally over in-memory rows. Used only to check the SQL.
import type { Period } from "@/lib/kpi/period";
import type { LeadFigures } from "@/lib/kpi/query-lead-metrics";
import { inPeriod, stageById, type LeadSource, type RefDeal, type RefLead, type RefOrg } from "./org";
import type { RefFilter, RefScope, RefViewer } from "./scope";

const SOURCES: LeadSource[] = ["INBOUND", "OUTBOUND", "REFERRAL", "EVENT", "PARTNER", "OTHER"];
const share = (a: number, b: number) => (b === 0 ? null : a / b);

/** A lead is the SDR's (the AE's when no SDR); a lead with neither only counts for the whole organisation. */
export function leadRep(lead: RefLead): number | null {
  return lead.sdrId ?? lead.aeId;
}

function reachedFirstMeeting(org: RefOrg, deal: RefDeal): boolean {
  const stages = stageById(org);
  const pipeline = org.pipelines.find((p) => p.id === deal.pipelineId)!;
  const open = pipeline.stages.filter((s) => s.kind === "OPEN").sort((a, b) => a.position - b.position);
  const firstMeeting = open.find((s) => s.isFirstMeeting) ?? open[0]!;
  return deal.history.some((change) => {
    const stage = stages.get(change.stageId)!;
    return stage.kind === "WON" || (stage.kind === "OPEN" && stage.position >= firstMeeting.position);
  });
}

export function refLeadFigures(org: RefOrg, leads: RefLead[], period: Period): LeadFigures {
  const created = leads.filter((l) => inPeriod(l.createdAt, period));
  const handed = leads.filter((l) => inPeriod(l.handedOverAt, period));
  const dealsOf = (lead: RefLead) => org.deals.filter((d) => d.leadId === lead.id);
  const converted = handed.filter((l) => dealsOf(l).length > 0).length;
  const firstMeetings = handed.flatMap(dealsOf).filter((d) => reachedFirstMeeting(org, d)).length;
  const wonDeals = handed.flatMap(dealsOf).filter((d) => d.status === "WON").length;
  return {
    created: created.length,
    createdBySource: Object.fromEntries(SOURCES.map((s) => [s, created.filter((l) => l.source === s).length])) as Record<LeadSource, number>,
    handedOver: handed.length,
    converted,
    leadToOpportunity: share(converted, handed.length),
    firstMeetings,
    wonDeals,
    closeRate: share(wonDeals, handed.length),
    openDeals: handed.flatMap(dealsOf).filter((d) => d.status === "OPEN").length,
  };
}

export function refLeadMetrics(org: RefOrg, scope: RefScope, viewer: RefViewer, filter: RefFilter, period: Period, previous: Period) {
  const wholeOrg = viewer.role === "ADMIN" && filter.teamIds === undefined && filter.repId === undefined;
  const leads = org.leads.filter((l) => {
    const rep = leadRep(l);
    return rep === null ? wholeOrg : scope.reps.has(rep);
  });
  return {
    total: { current: refLeadFigures(org, leads, period), previous: refLeadFigures(org, leads, previous) },
    reps: [...scope.visible].map((repId) => {
      const own = leads.filter((l) => leadRep(l) === repId);
      return { repId, current: refLeadFigures(org, own, period), previous: refLeadFigures(org, own, previous) };
    }),
  };
}
