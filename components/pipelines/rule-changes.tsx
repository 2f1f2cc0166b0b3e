import type { PipelineChange, StageSetting } from "@/lib/data/pipelines/pipeline-changes";
import { MAX_CHANGES } from "@/lib/data/pipelines/pipeline-changes";
import type { Formatter } from "@/lib/i18n/get-formatter";
import { getTranslations } from "@/lib/i18n/get-translations";
import type { BUYER_STAGES } from "@/lib/validation/pipelines";

/** A pipeline's rule changes, newest first: when, who, which stage, what changed (server-rendered). */
export async function RuleChanges({ changes, format }: { changes: PipelineChange[]; format: Formatter }) {
  const [t, tFields, tReview] = await Promise.all([getTranslations("pipelinesAdmin.changes"), getTranslations("pipelinesAdmin.fields"), getTranslations("review")]);
  const value = (field: StageSetting, v: string | number | boolean | null): string => {
    if (v === null || v === "") return t("notSet");
    if (field === "buyerStage") return tReview(`buyerStages.${v as (typeof BUYER_STAGES)[number]}`);
    if (field === "probability") return format.percent(Number(v) / 100);
    if (field === "isFirstMeeting") return v ? t("yes") : t("no");
    return `“${String(v)}”`;
  };
  const what = (change: PipelineChange) =>
    change.kind === "settings" ? (
      <ul className="space-y-0.5">
        {change.fields.map((f) => (
          <li key={f.field}>{t("setting", { field: tFields(f.field), from: value(f.field, f.from), to: value(f.field, f.to) })}</li>
        ))}
      </ul>
    ) : (
      t(change.kind, { question: change.question })
    );
  return (
    <section aria-labelledby="rule-changes" className="rounded-xl border border-border bg-surface p-5 shadow-sm">
      <h2 id="rule-changes" className="text-lg font-semibold text-foreground">
        {t("heading")}
      </h2>
      <p className="mt-1 max-w-3xl text-sm text-muted">{t("intro")}</p>
      {changes.length === 0 ? (
        <p className="mt-3 text-sm text-muted">{t("none")}</p>
      ) : (
        <div className="mt-3 overflow-x-auto">
          <table className="w-full text-left text-sm">
            <thead className="text-xs text-muted">
              <tr className="border-b border-border">
                <th scope="col" className="py-2 pr-4 font-medium">{t("when")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("who")}</th>
                <th scope="col" className="py-2 pr-4 font-medium">{t("stage")}</th>
                <th scope="col" className="py-2 font-medium">{t("what")}</th>
              </tr>
            </thead>
            <tbody>
              {changes.map((change, i) => (
                <tr key={`${change.kind}-${change.stageId}-${change.at.getTime()}-${i}`} className="border-b border-border align-top last:border-0">
                  <td className="whitespace-nowrap py-2 pr-4 text-muted">
                    <time dateTime={change.at.toISOString()}>{format.date(change.at)}</time>
                  </td>
                  <td className="py-2 pr-4 text-foreground">{change.by ?? <span className="text-muted">{t("unknownAuthor")}</span>}</td>
                  <td className="py-2 pr-4 text-foreground">{change.stage}</td>
                  <td className="py-2 text-foreground">{what(change)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {changes.length >= MAX_CHANGES && <p className="mt-2 text-xs text-muted">{t("limit", { max: MAX_CHANGES })}</p>}
        </div>
      )}
    </section>
  );
}
