"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { createPipeline } from "@/lib/actions/pipeline-create";

export interface TemplateChoice {
  key: "b2b" | "renewals" | "simple" | "empty";
  label: string;
  /** The template's open stages, in the viewer's language (none for an empty start). */
  stages: string[];
  suggestedName: string;
}

/** Name a pipeline and start it from a template or from stage names; the editor opens on the new pipeline. */
export function CreatePipelineForm({ templates }: { templates: TemplateChoice[] }) {
  const t = useTranslations("pipelinesAdmin");
  const router = useRouter();
  const { state, pending, formProps } = useActionForm(createPipeline);
  const [template, setTemplate] = useState<TemplateChoice["key"]>("b2b");
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  const stageErrors = Object.entries(errors)
    .filter(([key]) => key === "stages" || key.startsWith("stages."))
    .flatMap(([, messages]) => messages);
  const chosen = templates.find((choice) => choice.key === template);
  useEffect(() => {
    if (state.status === "success" && state.data) router.push(`/admin/pipelines/${state.data.pipelineId}`);
  }, [state, router]);
  return (
    <form {...formProps} className="space-y-5">
      <fieldset>
        <legend className="text-sm font-medium text-foreground">{t("create.template")}</legend>
        <div className="mt-2 grid gap-3 md:grid-cols-2 xl:grid-cols-4">
          {templates.map((choice) => (
            <label
              key={choice.key}
              className="flex cursor-pointer gap-3 rounded-lg border border-border-strong bg-surface p-3 text-sm shadow-sm has-[:checked]:border-accent has-[:checked]:bg-accent-soft"
            >
              <input type="radio" name="template" value={choice.key} checked={template === choice.key} onChange={() => setTemplate(choice.key)} className="mt-0.5 accent-accent" />
              <span>
                <span className="block font-semibold text-foreground">{choice.label}</span>
                <span className="mt-1 block text-xs text-muted">{choice.stages.length > 0 ? choice.stages.join(" → ") : t("create.emptyHint")}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="grid gap-4 md:grid-cols-2">
        <Field id="pipeline-new-name" label={t("fields.name")} errors={errors.name}>
          {(aria) => <input {...aria} name="name" required maxLength={80} autoComplete="off" placeholder={chosen?.suggestedName} className={inputClass} />}
        </Field>
        {template === "empty" && (
          <Field id="pipeline-new-stages" label={t("fields.stages")} hint={t("create.stagesHint")} errors={stageErrors.length > 0 ? stageErrors : undefined}>
            {(aria) => <textarea {...aria} name="stages" rows={4} className={inputClass} />}
          </Field>
        )}
      </div>
      <SubmitButton pending={pending} pendingLabel={t("saving")}>
        {t("create.submit")}
      </SubmitButton>
      <FormMessage state={state} success={t("create.done")} />
    </form>
  );
}
