import type { ActivityMetrics } from "./query-activity-metrics";
import type { LeadMetrics } from "./query-lead-metrics";
import { median } from "./median";

/** KPI.md "diagnosis": below 60% of the team median. */
export const LOW_ACTIVITY_SHARE = 0.6;
export const LOW_EFFECTIVENESS_SHARE = 0.6;

export type DiagnosisCode = "LOW_ACTIVITY" | "LOW_EFFECTIVENESS";

/** The three figures the diagnosis reads, for a rep or for the median rep of their team. */
export interface DiagnosisFigures {
  perWorkingDay: number | null;
  responseRate: number | null;
  leadToOpportunity: number | null;
}

/**
 * KPI.md diagnosis of one rep against the median rep of their team: LOW_ACTIVITY when activities per working day
 * are below 60% of the median; otherwise LOW_EFFECTIVENESS when activity is at or above the median but the response
 * rate or lead → opportunity conversion is below 60% of its median.
 */
export function diagnoseRep(own: DiagnosisFigures, team: DiagnosisFigures): DiagnosisCode[] {
  const below = (value: number | null, reference: number | null, share: number) => value !== null && reference !== null && value < share * reference;
  if (below(own.perWorkingDay, team.perWorkingDay, LOW_ACTIVITY_SHARE)) return ["LOW_ACTIVITY"];
  if (
    own.perWorkingDay !== null && team.perWorkingDay !== null && own.perWorkingDay >= team.perWorkingDay &&
    (below(own.responseRate, team.responseRate, LOW_EFFECTIVENESS_SHARE) || below(own.leadToOpportunity, team.leadToOpportunity, LOW_EFFECTIVENESS_SHARE))
  ) {
    return ["LOW_EFFECTIVENESS"];
  }
  return [];
}

export interface RepDiagnosis {
  repId: number;
  teamId: number | null;
  perWorkingDay: number | null;
  responseRate: number | null;
  leadToOpportunity: number | null;
  team: DiagnosisFigures;
  /** LOW_ACTIVITY → coach persistence; LOW_EFFECTIVENESS → coach skills (emails, questions, listening to calls). */
  codes: DiagnosisCode[];
}

/**
 * Each visible rep of P against the median of the reps of their team in the same results (a REP viewer sees
 * only their own row, so pass results computed for the team when a rep's diagnosis is wanted).
 */
export function diagnoseReps(activities: ActivityMetrics, leads: LeadMetrics): RepDiagnosis[] {
  const leadOf = new Map(leads.reps.map((rep) => [rep.repId, rep.current]));
  const teamMedian = (teamId: number | null, pick: (repId: number) => number | null) =>
    median(activities.reps.filter((rep) => rep.teamId === teamId).flatMap((rep) => {
      const value = pick(rep.repId);
      return value === null ? [] : [value];
    }));
  const perDay = (repId: number) => activities.reps.find((r) => r.repId === repId)?.current.perWorkingDay ?? null;
  const response = (repId: number) => activities.reps.find((r) => r.repId === repId)?.current.responseRate ?? null;
  const conversion = (repId: number) => leadOf.get(repId)?.leadToOpportunity ?? null;

  return activities.reps.map((rep) => {
    const team = {
      perWorkingDay: teamMedian(rep.teamId, perDay),
      responseRate: teamMedian(rep.teamId, response),
      leadToOpportunity: teamMedian(rep.teamId, conversion),
    };
    const own = { perWorkingDay: perDay(rep.repId), responseRate: response(rep.repId), leadToOpportunity: conversion(rep.repId) };
    return { repId: rep.repId, teamId: rep.teamId, ...own, team, codes: diagnoseRep(own, team) };
  });
}
