"use client";

import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useId } from "react";
import { Field, FormMessage, SubmitButton, inputClass, useActionForm } from "@/components/admin/form-parts";
import { deletePipeline } from "@/lib/actions/pipeline-delete";
import { renamePipeline } from "@/lib/actions/pipeline-rename";

export function RenamePipelineForm({ pipeline }: { pipeline: { id: number; name: string } }) {
  const t = useTranslations("pipelinesAdmin");
  const id = useId();
  const { state, pending, formProps } = useActionForm(renamePipeline);
  const errors = state.status === "error" ? (state.fieldErrors ?? {}) : {};
  return (
    <form {...formProps} aria-label={t("editor.renamePipeline")} className="flex flex-wrap items-end gap-3">
      <input type="hidden" name="pipelineId" value={pipeline.id} />
      <Field id={`${id}-name`} label={t("editor.pipelineName")} errors={errors.name} className="min-w-64 flex-1">
        {(aria) => <input {...aria} name="name" defaultValue={pipeline.name} required maxLength={80} autoComplete="off" className={inputClass} />}
      </Field>
      <SubmitButton pending={pending} pendingLabel={t("saving")} variant="secondary">
        {t("editor.rename")}
      </SubmitButton>
      <div className="basis-full empty:hidden">
        <FormMessage state={state} />
      </div>
    </form>
  );
}

/** Deleting a pipeline with deals is refused (its history stays); the page says so before anyone tries. */
export function DeletePipelineForm({ pipeline, deals }: { pipeline: { id: number; name: string }; deals: number }) {
  const t = useTranslations("pipelinesAdmin");
  const router = useRouter();
  const { state, pending, formProps } = useActionForm(deletePipeline);
  useEffect(() => {
    if (state.status === "success") router.push("/admin/pipelines");
  }, [state, router]);
  return (
    <form {...formProps} className="space-y-3">
      <input type="hidden" name="pipelineId" value={pipeline.id} />
      <p className="text-sm text-muted">{deals > 0 ? t("editor.deleteRefused", { count: deals }) : t("editor.deleteIntro")}</p>
      {deals === 0 && (
        <SubmitButton pending={pending} pendingLabel={t("saving")} variant="danger">
          {t("editor.deleteConfirm", { pipeline: pipeline.name })}
        </SubmitButton>
      )}
      <FormMessage state={state} />
    </form>
  );
}
