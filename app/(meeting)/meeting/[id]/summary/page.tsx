import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { bad, buttonClass, good, muted } from "@/components/meeting/styles";
import { requireViewer } from "@/lib/auth/require-viewer";
import { getOrganization } from "@/lib/data/get-organization";
import { getMeeting } from "@/lib/data/meeting/get-meeting";
import { listMeetingDecisions, type MeetingDecisionRow } from "@/lib/data/meeting/list-meeting-decisions";
import { getFormatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import { SNAPSHOT_CATEGORIES } from "@/lib/kpi/forecast-snapshot-lines-sql";
import { kpiDb } from "@/lib/kpi/kpi-db";
import { queryForecastSnapshot, type SnapshotFigures } from "@/lib/kpi/query-forecast-snapshot";
import { queryMeetingSummary, SUMMARY_DECISION_KINDS } from "@/lib/kpi/query-meeting-summary";
import { idField } from "@/lib/validation/admin-fields";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("meeting");
  return { title: t("summary.title") };
}

function Figure({ label, value, detail, href }: { label: string; value: string; detail?: string; href?: string }) {
  return (
    <div className="rounded-2xl border-2 border-black p-4">
      <dt className="font-semibold">{label}</dt>
      <dd className="mt-1 text-4xl font-bold tabular-nums">{href ? <a href={href} className="underline underline-offset-4">{value}</a> : value}</dd>
      {detail && <dd className={`mt-1 ${muted}`}>{detail}</dd>}
    </div>
  );
}

/**
 * The end of a meeting: deals reviewed, decisions by kind, the team's compliance before and after, next steps by
 * owner, and the forecast snapshot taken at the end (commit / best case / pipeline per rep, this month and this
 * quarter). A rep sees the team's totals and their own deals, next steps and forecast line.
 */
export default async function MeetingSummaryPage({ params }: { params: Promise<{ id: string }> }) {
  const viewer = await requireViewer();
  const id = idField.safeParse((await params).id);
  if (!id.success) notFound();
  const meeting = await getMeeting(viewer, id.data);
  if (!meeting || meeting.status === "PLANNED") notFound();
  const [org, t, figures, decisions, snapshot] = await Promise.all([
    getOrganization(viewer),
    getTranslations("meeting"),
    queryMeetingSummary(kpiDb, viewer, { meetingId: meeting.id, teamId: meeting.teamId }),
    listMeetingDecisions(viewer, meeting.id),
    meeting.snapshotId === null ? Promise.resolve(null) : queryForecastSnapshot(kpiDb, viewer, { snapshotId: meeting.snapshotId, filter: { teamIds: [meeting.teamId] } }),
  ]);
  const format = await getFormatter(org);
  const dateTime = new Intl.DateTimeFormat(format.locale, { dateStyle: "long", timeStyle: "short", timeZone: org.timeZone });
  const monthName = new Intl.DateTimeFormat(format.locale, { month: "long", year: "numeric", timeZone: "UTC" });
  const compliance = (counts: { openDeals: number; qualified: number } | null) =>
    counts === null || counts.openDeals === 0 ? "—" : format.percent(counts.qualified / counts.openDeals);

  const byOwner = new Map<string, MeetingDecisionRow[]>();
  for (const decision of decisions) {
    if (!decision.nextStep) continue;
    const owner = decision.owner ?? t("summary.noOwner");
    byOwner.set(owner, [...(byOwner.get(owner) ?? []), decision]);
  }
  const owners = [...byOwner.entries()].sort(([a], [b]) => a.localeCompare(b, format.locale));

  const quarterMonths = snapshot ? snapshot.months.filter((month) => month >= snapshot.month && month < snapshot.quarterEnd) : [];
  const laterMonths = snapshot ? snapshot.months.filter((month) => month >= snapshot.quarterEnd) : [];
  const monthLabel = (month: string) => monthName.format(new Date(`${month}T00:00:00Z`));
  const cells = (figures: SnapshotFigures) =>
    (["month", "quarter"] as const).flatMap((span) =>
      SNAPSHOT_CATEGORIES.map((category) => (
        <td key={`${span}-${category}`} className="px-3 py-2 text-right tabular-nums">
          {format.money(figures[span][category].amount)}
          <span className={`block ${muted}`}>{t("summary.deals", { count: figures[span][category].deals })}</span>
        </td>
      )),
    );

  return (
    <main id="main" className="mx-auto max-w-[1800px] px-8 py-8">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <div>
          <h1 className="text-4xl font-bold tracking-tight">{t("summary.heading", { team: meeting.teamName })}</h1>
          <p className={`mt-2 ${muted}`}>
            {t("summary.held", { date: dateTime.format(meeting.startedAt ?? meeting.heldAt), who: meeting.facilitator ?? "—" })}
            {meeting.status === "IN_PROGRESS" && <> {t("summary.stillRunning")}</>}
          </p>
        </div>
        <div className="flex flex-wrap gap-3">
          {meeting.status === "IN_PROGRESS" && (
            <Link href={`/meeting/${meeting.id}`} className={buttonClass("primary")}>
              {t("summary.backToWalk")}
            </Link>
          )}
          <Link href="/meeting" className={buttonClass("secondary")}>
            {t("summary.allMeetings")}
          </Link>
        </div>
      </div>

      <dl className="mt-8 grid gap-4 md:grid-cols-3">
        <Figure
          label={t("summary.reviewed")}
          value={format.number(figures.reviewed)}
          // Meetings from before the walk was recorded (an import, the demo's history) have no list.
          detail={figures.walked > 0 ? t("summary.reviewedOf", { count: figures.walked }) : undefined}
          href={figures.reviewed > 0 ? "#decisions" : undefined}
        />
        <Figure label={t("summary.complianceBefore")} value={compliance(meeting.before)} detail={meeting.before ? t("summary.qualifiedOf", { qualified: meeting.before.qualified, open: meeting.before.openDeals }) : undefined} />
        <Figure label={t("summary.complianceAfter")} value={compliance(meeting.after)} detail={meeting.after ? t("summary.qualifiedOf", { qualified: meeting.after.qualified, open: meeting.after.openDeals }) : t("summary.notFinished")} />
      </dl>

      <section aria-labelledby="kinds-heading" className="mt-8">
        <h2 id="kinds-heading" className="text-3xl font-bold">
          {t("summary.decisionsHeading")}
        </h2>
        <ul className="mt-3 flex flex-wrap gap-3">
          {SUMMARY_DECISION_KINDS.filter((kind) => figures.decisions[kind] > 0).map((kind) => (
            <li key={kind}>
              <a href={`#decisions-${kind}`} className="inline-flex min-h-12 items-center gap-3 rounded-xl border-2 border-black px-4 underline underline-offset-4">
                {t(`kinds.${kind}`)}: <span className="font-bold tabular-nums">{format.number(figures.decisions[kind])}</span>
              </a>
            </li>
          ))}
          {figures.reviewed === 0 && <li className={muted}>{t("summary.noDecisions")}</li>}
        </ul>
      </section>

      <section aria-labelledby="next-steps-heading" className="mt-8">
        <h2 id="next-steps-heading" className="text-3xl font-bold">
          {t("summary.nextStepsHeading")}
        </h2>
        {owners.length === 0 ? (
          <p className={`mt-2 ${muted}`}>{t("summary.noNextSteps")}</p>
        ) : (
          <div className="mt-3 grid gap-4 lg:grid-cols-2">
            {owners.map(([owner, rows]) => (
              <section key={owner} aria-label={t("summary.ownerSteps", { owner })} className="rounded-2xl border-2 border-black p-4">
                <h3 className="font-bold">{t("summary.ownerSteps", { owner })}</h3>
                <ul className="mt-2 space-y-2">
                  {rows.map((row) => (
                    <li key={row.id}>
                      <Link href={`/deals/${row.dealId}`} className="font-semibold underline underline-offset-4">
                        {row.dealName}
                      </Link>
                      : {row.nextStep}
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </section>

      <section aria-labelledby="snapshot-heading" className="mt-8">
        <h2 id="snapshot-heading" className="text-3xl font-bold">
          {t("summary.snapshotHeading")}
        </h2>
        {!snapshot ? (
          <p className={`mt-2 ${muted}`}>{t("summary.noSnapshot")}</p>
        ) : (
          <>
            <p className={`mt-2 ${muted}`}>
              {t("summary.snapshotIntro", { time: dateTime.format(snapshot.takenAt), month: monthLabel(snapshot.month), months: quarterMonths.map(monthLabel).join(", ") })}
              {laterMonths.length > 0 && <> {t("summary.snapshotLater", { months: laterMonths.map(monthLabel).join(", ") })}</>}
            </p>
            <div className="mt-3 overflow-x-auto">
              <table className="w-full border-collapse">
                <caption className="sr-only">{t("summary.snapshotCaption")}</caption>
                <thead>
                  <tr className="border-b-2 border-black">
                    <td />
                    <th scope="colgroup" colSpan={3} className="px-3 py-2 text-center">
                      {t("summary.thisMonth", { month: monthLabel(snapshot.month) })}
                    </th>
                    <th scope="colgroup" colSpan={3} className="px-3 py-2 text-center">
                      {t("summary.thisQuarter")}
                    </th>
                  </tr>
                  <tr className="border-b-2 border-black">
                    <th scope="col" className="px-3 py-2 text-left">
                      {t("summary.rep")}
                    </th>
                    {(["month", "quarter"] as const).flatMap((span) =>
                      SNAPSHOT_CATEGORIES.map((category) => (
                        <th key={`${span}-${category}`} scope="col" className="px-3 py-2 text-right">
                          {t(`forecast.${category}`)}
                        </th>
                      )),
                    )}
                  </tr>
                </thead>
                <tbody>
                  {snapshot.reps.map((rep) => (
                    <tr key={rep.repId} className="border-b border-[#3d4451]">
                      <th scope="row" className="px-3 py-2 text-left">
                        {rep.name}
                      </th>
                      {cells(rep)}
                    </tr>
                  ))}
                  <tr className="border-t-2 border-black font-bold">
                    <th scope="row" className="px-3 py-2 text-left">
                      {t("summary.team")}
                    </th>
                    {cells(snapshot.total)}
                  </tr>
                </tbody>
              </table>
            </div>
          </>
        )}
      </section>

      <section aria-labelledby="decisions" className="mt-8">
        <h2 id="decisions" className="text-3xl font-bold">
          {t("summary.listHeading")}
        </h2>
        {decisions.length === 0 ? (
          <p className={`mt-2 ${muted}`}>{t("summary.noDecisions")}</p>
        ) : (
          <ol className="mt-3 space-y-3">
            {decisions.map((row, index) => (
              <li
                key={row.id}
                id={decisions.findIndex((other) => other.kind === row.kind) === index ? `decisions-${row.kind}` : undefined}
                className="rounded-2xl border-2 border-black p-4"
              >
                <p>
                  <Link href={`/deals/${row.dealId}`} className="font-bold underline underline-offset-4">
                    {row.dealName}
                  </Link>{" "}
                  · {row.rep}
                </p>
                <p className="font-semibold">
                  {t(`kinds.${row.kind}`)}
                  {row.toStage && <span className={row.kind === "CLOSE_LOST" ? bad : good}> → {row.toStage}</span>}
                  {row.lostReason && <span> ({row.lostReason})</span>}
                </p>
                {row.nextStep && <p>{t("summary.nextStepLine", { step: row.nextStep, owner: row.owner ?? t("summary.noOwner") })}</p>}
                {row.note && <p className={muted}>{row.note}</p>}
                <p className={muted}>{t("summary.decidedBy", { who: row.decidedBy ?? "—" })}</p>
              </li>
            ))}
          </ol>
        )}
      </section>
    </main>
  );
}
