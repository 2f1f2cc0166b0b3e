"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useMemo, useState } from "react";
import { savePipelinePlan } from "@/lib/actions/plan-save-pipeline";
import { PlanPipelineChart, type PlanPipelinePoint } from "@/components/charts/plan-pipeline-chart";
import { formatValue, type ChartLocale } from "@/components/charts/chart";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { buildPipelinePlan, PlanInputError, requiredPipelineByMonth, type PipelinePlan, type PlanIssue } from "@/lib/plan/pipeline-plan";

export interface PlanEditorDefaults {
  sdrFed: boolean;
  baseRevenue: number;
  monthlyRevenue: number[];
  pipelineCreatedByMonth: { month: string; amount: number }[];
  reps: { name: string; quota: number }[];
  assumptions: { avgDealSize: number | null; winRateFromFirstMeeting: number | null; handOverToFirstMeeting: number | null; cycleDays: number | null };
}

export interface PlanEditorProps {
  teamId: number;
  year: number;
  baseYear: number;
  editable: boolean;
  defaults: PlanEditorDefaults;
  saved: { target: number; assumptions: PipelinePlan["assumptions"]; plan: PipelinePlan; requiredByMonth: { month: string; amount: number }[]; savedBy: string | null; savedAt: string } | null;
  actuals: { quarters: { quarter: string; won: number; revenue: number }[]; reps: { name: string; won: number; revenue: number }[]; pipelineCreatedByMonth: { month: string; amount: number }[] } | null;
  links: { won: string; created: string; actualWon: string | null };
  locale: ChartLocale;
}

type Fields = { target: string; avgDealSize: string; winRateFromFirstMeeting: string; handOverToFirstMeeting: string; cycleDays: string };

const asText = (value: number | null, digits = 2) => (value === null ? "" : String(Number(value.toFixed(digits))));
const parse = (text: string): number | null => (text.trim() === "" || !Number.isFinite(Number(text)) ? null : Number(text));

/** The plan's assumptions as editable fields, the plan they give (recomputed as they change) and Save. */
export function PipelinePlanEditor(props: PlanEditorProps) {
  const t = useTranslations("plan");
  const { defaults, saved, actuals, locale } = props;
  // Who saved it is unknown once that user is gone: the line then gives only the date, not a dash for the name.
  const savedLine = (plan: { savedBy: string | null; savedAt: string }) => {
    const date = new Date(plan.savedAt).toLocaleDateString(locale.locale);
    return plan.savedBy === null ? t("savedOn", { date }) : t("savedBy", { name: plan.savedBy, date });
  };
  const start = saved
    ? { target: saved.target, ...saved.assumptions }
    : { target: defaults.baseRevenue > 0 ? defaults.baseRevenue : null, ...defaults.assumptions };
  const [fields, setFields] = useState<Fields>({
    target: asText(start.target),
    avgDealSize: asText(start.avgDealSize),
    winRateFromFirstMeeting: start.winRateFromFirstMeeting === null ? "" : asText(start.winRateFromFirstMeeting * 100),
    handOverToFirstMeeting: start.handOverToFirstMeeting === null ? "" : asText(start.handOverToFirstMeeting * 100),
    cycleDays: asText(start.cycleDays),
  });
  const { state, pending, formProps } = useActionForm(savePipelinePlan);
  const serverErrors = state.status === "error" ? (state.fieldErrors ?? {}) : {};

  const { plan, issues } = useMemo((): { plan: PipelinePlan | null; issues: PlanIssue[] } => {
    if (!props.editable && saved) return { plan: saved.plan, issues: [] };
    const percent = (text: string) => (parse(text) === null ? null : (parse(text) as number) / 100);
    try {
      return {
        plan: buildPipelinePlan({
          year: props.year,
          target: parse(fields.target) ?? Number.NaN,
          sdrFed: defaults.sdrFed,
          monthlyRevenue: defaults.monthlyRevenue,
          reps: defaults.reps,
          assumptions: {
            avgDealSize: parse(fields.avgDealSize),
            winRateFromFirstMeeting: percent(fields.winRateFromFirstMeeting),
            handOverToFirstMeeting: percent(fields.handOverToFirstMeeting),
            cycleDays: parse(fields.cycleDays),
          },
        }),
        issues: [],
      };
    } catch (error) {
      if (error instanceof PlanInputError) return { plan: null, issues: error.issues };
      throw error;
    }
  }, [fields, defaults, props.year, props.editable, saved]);

  const fmt = {
    money: (value: number | null) => formatValue(value, "money", locale),
    number: (value: number | null) => formatValue(value, "number", locale),
    percent: (value: number | null) => formatValue(value, "percent", locale),
  };
  const errorsOf = (field: keyof Fields): string[] | undefined => {
    const mine = issues.filter((issue) => issue.field === field || (field === "target" && issue.field === "reps"));
    // A figure the data has but the field was cleared: simply required, not "missing from the data".
    const fromData = (name: string) => name in defaults.assumptions && defaults.assumptions[name as keyof PlanEditorDefaults["assumptions"]] !== null;
    const live = mine.map((issue) => t(issue.code === "missing" && fromData(issue.field) ? "errors.required" : `errors.${issue.code}`, { field: t(`fields.${issue.field}`) }));
    const all = [...new Set([...live, ...(serverErrors[field] ?? [])])];
    return all.length > 0 ? all : undefined;
  };
  const field = (name: keyof Fields, hint: React.ReactNode, extra: { step: string; suffix?: string }) => (
    <Field id={`plan-${name}`} label={t(`fields.${name}`)} errors={errorsOf(name)}>
      {(aria) => (
        <div>
          <div className="flex items-center gap-2">
            <input
              {...aria}
              name={name}
              inputMode="decimal"
              autoComplete="off"
              disabled={!props.editable}
              value={fields[name]}
              onChange={(event) => setFields((current) => ({ ...current, [name]: event.target.value }))}
              className={inputClass}
            />
            {extra.suffix && <span className="mt-1.5 text-sm text-muted">{extra.suffix}</span>}
          </div>
          <p className="mt-1 text-xs text-muted">{hint}</p>
        </div>
      )}
    </Field>
  );

  const required = plan ? (props.editable || !saved ? requiredPipelineByMonth(plan) : saved.requiredByMonth) : [];
  const monthOfYear = (month: string) => month.slice(5, 7);
  const baseByMonth = new Map(defaults.pipelineCreatedByMonth.map((m) => [monthOfYear(m.month), m.amount]));
  const actualByMonth = new Map((actuals?.pipelineCreatedByMonth ?? []).map((m) => [m.month, m.amount]));
  const chart: PlanPipelinePoint[] = required.map((m) => ({
    month: m.month,
    required: m.amount,
    createdBase: Number(m.month.slice(0, 4)) >= props.baseYear ? (baseByMonth.get(monthOfYear(m.month)) ?? null) : null,
    createdActual: actualByMonth.get(m.month) ?? null,
  }));
  const thisYear = (value: React.ReactNode) => t.rich("thisYear", { year: props.baseYear, value: () => value });
  const a = defaults.assumptions;

  return (
    <div className="space-y-8">
      <form {...formProps} className="space-y-4 rounded-xl border border-border bg-surface p-5 shadow-sm" aria-labelledby="plan-assumptions">
        <h2 id="plan-assumptions" className="text-lg font-semibold">
          {t("assumptions")}
        </h2>
        <input type="hidden" name="teamId" value={props.teamId} />
        <input type="hidden" name="year" value={props.year} />
        <div className="grid gap-4 md:grid-cols-2 lg:grid-cols-3">
          {field("target", thisYear(<Link href={props.links.won} className="text-accent underline underline-offset-2">{fmt.money(defaults.baseRevenue)}</Link>), { step: "0.01" })}
          {field("avgDealSize", thisYear(a.avgDealSize === null ? "—" : <Link href={props.links.won} className="text-accent underline underline-offset-2">{fmt.money(a.avgDealSize)}</Link>), { step: "0.01" })}
          {field("winRateFromFirstMeeting", thisYear(fmt.percent(a.winRateFromFirstMeeting)), { step: "0.1", suffix: "%" })}
          {field("handOverToFirstMeeting", defaults.sdrFed ? thisYear(fmt.percent(a.handOverToFirstMeeting)) : t("noSdrs"), { step: "0.1", suffix: "%" })}
          {field("cycleDays", thisYear(a.cycleDays === null ? "—" : <Link href={props.links.won} className="text-accent underline underline-offset-2">{fmt.number(a.cycleDays)}</Link>), { step: "0.1", suffix: t("days") })}
        </div>
        {props.editable ? (
          <div className="flex flex-wrap items-center gap-3">
            <SubmitButton pending={pending} pendingLabel={t("saving")}>
              {t("save")}
            </SubmitButton>
            {saved && <p className="text-sm text-muted">{savedLine(saved)}</p>}
          </div>
        ) : (
          <p className="text-sm text-muted">{saved ? savedLine(saved) : t("notSaved")}</p>
        )}
        <FormMessage state={state} success={t("saved")} />
      </form>

      {plan && (
        <>
          <section aria-labelledby="plan-quarters" className="space-y-3">
            <h2 id="plan-quarters" className="text-lg font-semibold">
              {t("quarters")}
            </h2>
            <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
              <table className="w-full text-sm">
                <thead className="bg-surface-muted text-left text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2">{t("quarter")}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t("revenue")}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t("deals")}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t("firstMeetings")}</th>
                    {plan.assumptions.handOverToFirstMeeting !== null && <th scope="col" className="px-3 py-2 text-right">{t("handOvers")}</th>}
                    <th scope="col" className="px-3 py-2">{t("enterBy")}</th>
                    {actuals && <th scope="col" className="px-3 py-2 text-right">{t("actualRevenue")}</th>}
                    {actuals && <th scope="col" className="px-3 py-2 text-right">{t("actualDeals")}</th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-border tabular-nums">
                  {plan.quarters.map((q, i) => {
                    const actual = actuals?.quarters[i];
                    return (
                      <tr key={q.quarter}>
                        <th scope="row" className="px-3 py-2 text-left font-medium">{q.quarter}</th>
                        <td className="px-3 py-2 text-right">{fmt.money(q.revenue)}</td>
                        <td className="px-3 py-2 text-right">{fmt.number(q.deals)}</td>
                        <td className="px-3 py-2 text-right">{fmt.number(q.firstMeetings)}</td>
                        {plan.assumptions.handOverToFirstMeeting !== null && <td className="px-3 py-2 text-right">{fmt.number(q.handOvers)}</td>}
                        <td className="px-3 py-2">{q.enterBy}</td>
                        {actual && (
                          <td className={`px-3 py-2 text-right ${actual.revenue >= q.revenue ? "text-success" : ""}`}>
                            {props.links.actualWon ? <Link href={props.links.actualWon} className="underline underline-offset-2">{fmt.money(actual.revenue)}</Link> : fmt.money(actual.revenue)}
                          </td>
                        )}
                        {actual && <td className="px-3 py-2 text-right">{fmt.number(actual.won)}</td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
            <p className="text-xs text-muted">{t("rules")}</p>
          </section>

          <section aria-labelledby="plan-reps" className="space-y-3">
            <h2 id="plan-reps" className="text-lg font-semibold">
              {t("reps")}
            </h2>
            <p className="text-sm text-muted">{defaults.reps.some((rep) => rep.quota > 0) ? t("byQuota") : t("evenSplit")}</p>
            <div className="overflow-x-auto rounded-xl border border-border bg-surface shadow-sm">
              <table className="w-full text-sm">
                <thead className="bg-surface-muted text-left text-xs uppercase tracking-wide text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2">{t("rep")}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t("revenue")}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t("deals")}</th>
                    <th scope="col" className="px-3 py-2 text-right">{t("firstMeetings")}</th>
                    {actuals && <th scope="col" className="px-3 py-2 text-right">{t("actualRevenue")}</th>}
                    {actuals && <th scope="col" className="px-3 py-2 text-right">{t("actualDeals")}</th>}
                  </tr>
                </thead>
                <tbody className="divide-y divide-border tabular-nums">
                  {plan.reps.map((rep) => {
                    const actual = actuals?.reps.find((r) => r.name === rep.name);
                    return (
                      <tr key={rep.name}>
                        <th scope="row" className="px-3 py-2 text-left font-medium">{rep.name}</th>
                        <td className="px-3 py-2 text-right">{fmt.money(rep.revenue)}</td>
                        <td className="px-3 py-2 text-right">{fmt.number(rep.deals)}</td>
                        <td className="px-3 py-2 text-right">{fmt.number(rep.firstMeetings)}</td>
                        {actuals && <td className="px-3 py-2 text-right">{actual ? fmt.money(actual.revenue) : "—"}</td>}
                        {actuals && <td className="px-3 py-2 text-right">{actual ? fmt.number(actual.won) : "—"}</td>}
                      </tr>
                    );
                  })}
                </tbody>
              </table>
            </div>
          </section>

          <section aria-labelledby="plan-chart" className="space-y-3 rounded-xl border border-border bg-surface p-5 shadow-sm">
            <h2 id="plan-chart" className="text-lg font-semibold">
              {t("chartTitle")}
            </h2>
            <p className="text-sm text-muted">{t.rich("chartIntro", { year: props.baseYear, link: (chunks) => <Link href={props.links.created} className="text-accent underline underline-offset-2">{chunks}</Link> })}</p>
            <PlanPipelineChart
              data={chart}
              showActual={actuals !== null}
              locale={locale}
              labels={{
                required: t("required"),
                createdBase: t("createdBase", { year: props.baseYear }),
                createdActual: t("createdActual", { year: props.year }),
                month: t("month"),
                amount: t("amount"),
                caption: t("chartTitle"),
              }}
            />
          </section>
        </>
      )}
    </div>
  );
}
