import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { MeetingWalk } from "@/components/meeting/meeting-walk";
import type { WalkDeal, WalkState } from "@/components/meeting/types";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getDeal } from "@/lib/data/get-deal";
import { getOrganization } from "@/lib/data/get-organization";
import { getMeeting } from "@/lib/data/meeting/get-meeting";
import { listMeetingDecisions } from "@/lib/data/meeting/list-meeting-decisions";
import { listNextStepOwners } from "@/lib/data/meeting/list-next-step-owners";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { queryDealFlags } from "@/lib/kpi/query-deal-flags";
import { liveFlagsAt } from "@/lib/kpi/qualification-sql";
import { queryMeetingSummary } from "@/lib/kpi/query-meeting-summary";
import { idField } from "@/lib/validation/admin-fields";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meeting");
  return { title: t("title") };
}

/**
 * The meeting in progress: its current deal, for whoever runs it (with the controls) and for every screen that
 * follows it. A rep sees their own deals; for another rep's deal only its place in the walk. Finished meetings
 * open their summary; planned ones are started from /meeting.
 */
export default async function MeetingWalkPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  const meeting = await getMeeting(viewer, id.data);
  if (!meeting) notFound();
  if (meeting.status === "DONE") redirect(`/meeting/${meeting.id}/summary`);
  if (meeting.status === "PLANNED") redirect("/meeting");

  const now = new Date();
  const [org, t, figures] = await Promise.all([
    getOrganization(viewer),
    getTranslations("meeting"),
    queryMeetingSummary(kpiDb, viewer, { meetingId: meeting.id, teamId: meeting.teamId }),
  ]);
  const format = await getFormatter(org);
  const time = new Intl.DateTimeFormat(format.locale, { hour: "2-digit", minute: "2-digit", timeZone: org.timeZone });
  const index = meeting.currentDealId === null ? -1 : meeting.dealIds.indexOf(meeting.currentDealId);
  const current = index >= 0 ? await getDeal(viewer, meeting.currentDealId!) : null;

  let deal: WalkDeal | null = null;
  if (current) {
    const [flagged, decisions, owners] = await Promise.all([
      current.status === "OPEN" ? queryDealFlags(kpiDb, viewer, { at: liveFlagsAt(now), dealId: current.id, onlyFlagged: false }) : Promise.resolve([]),
      listMeetingDecisions(viewer, meeting.id, { dealId: current.id }),
      meeting.canRun ? listNextStepOwners(viewer, meeting.id, current.id) : Promise.resolve([]),
    ]);
    const decision = decisions[0];
    const stage = current.criteriaStages.find((s) => s.isCurrent);
    deal = {
      id: current.id,
      name: current.name,
      account: current.account,
      owner: current.owner,
      pipeline: current.pipeline,
      stage: current.stage.name,
      amount: current.amount === null ? null : format.money(current.amount),
      expectedClose: current.expectedCloseAt ? format.calendarDate(current.expectedCloseAt) : null,
      daysInStage: flagged[0]?.daysInStage ?? null,
      isOpen: current.status === "OPEN",
      statusLabel: t(`status.${current.status}`),
      forecastCategory: current.forecastCategory,
      nextStep: current.nextStep,
      flags: flagged[0]?.flags ?? [],
      criteria: (stage?.criteria ?? []).map((criterion) => ({ id: criterion.id, question: criterion.question, answer: criterion.answer })),
      earlierOpen: current.status === "OPEN" ? current.unqualifiedCount : 0,
      decision: decision
        ? {
            kind: decision.kind,
            nextStep: decision.nextStep,
            ownerId: decision.ownerId,
            owner: decision.owner,
            note: decision.note,
            lostReason: decision.lostReason,
            toStage: decision.toStage,
            by: decision.decidedBy,
            at: time.format(decision.updatedAt),
            version: decision.version,
          }
        : null,
      owners,
    };
  }

  const state: WalkState = {
    meetingId: meeting.id,
    teamName: meeting.teamName,
    version: meeting.version,
    canRun: meeting.canRun,
    position: index + 1,
    total: meeting.dealIds.length,
    decided: figures.reviewed,
    prevDealId: index > 0 ? meeting.dealIds[index - 1]! : null,
    nextDealId: index + 1 < meeting.dealIds.length ? meeting.dealIds[index + 1]! : null,
    deal,
    hidden: index >= 0 && current === null,
  };
  return <MeetingWalk state={state} />;
}
