"use client";

import { useLocale, useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState, type DragEvent, type ReactNode } from "react";
import { inputClass } from "@/components/admin/form-parts";
import type { ImportInspection } from "@/lib/data/import-inspect";
import type { ImportJob } from "@/lib/data/import-jobs";
import type { ImportPipeline } from "@/lib/data/import-pipelines";
import type { ImportPreview } from "@/lib/data/import-preview";
import type { ImportOutcome } from "@/lib/data/import-run-file";
import { formatImportMessage, type ImportMessage } from "@/lib/import/messages/import-message";
import { summaryNotes } from "@/lib/import/messages/summary-notes";
import type { ImportMapping } from "@/lib/validation/import-mapping";

type Step = "upload" | "mapping" | "preview" | "import";
const STEPS: Step[] = ["upload", "mapping", "preview", "import"];
const PIPELINE_KINDS = new Set(["deals", "stage-history"]);
const NOT_MAPPED = "";

const button = "inline-flex min-h-9 items-center justify-center gap-2 rounded-lg px-3.5 text-sm font-semibold shadow-sm transition-colors disabled:cursor-wait disabled:opacity-70";
const primary = `${button} bg-accent text-accent-foreground hover:bg-accent-hover`;
const secondary = `${button} border border-border-strong bg-surface text-foreground hover:bg-surface-muted`;
const card = "rounded-xl border border-border bg-surface p-5 shadow-sm";

async function call<T>(url: string, init: RequestInit): Promise<{ ok: true; data: T } | { ok: false; message: string }> {
  try {
    const response = await fetch(url, init);
    const body = (await response.json().catch(() => null)) as ({ message?: string; fieldErrors?: Record<string, string[]> } & T) | null;
    if (!response.ok) {
      const fieldErrors = body?.fieldErrors ? Object.values(body.fieldErrors).flat().join(" ") : "";
      return { ok: false, message: [body?.message, fieldErrors].filter(Boolean).join(" ") || String(response.status) };
    }
    return { ok: true, data: body as T };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}

/** `canCreateUsers`: an administrator, whose reps file may create the managers it names (a manager's may not). */
export function ImportWizard({ kinds, pipelines, canCreateUsers }: { kinds: readonly string[]; pipelines: ImportPipeline[]; canCreateUsers: boolean }) {
  const t = useTranslations("import");
  const locale = useLocale();
  const ids = useId();
  const [step, setStep] = useState<Step>("upload");
  const [kind, setKind] = useState(kinds.includes("deals") ? "deals" : (kinds[0] ?? ""));
  const [pipeline, setPipeline] = useState(pipelines[0]?.name ?? "");
  const [encoding, setEncoding] = useState("");
  const [file, setFile] = useState<File | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [inspection, setInspection] = useState<ImportInspection | null>(null);
  const [presetName, setPresetName] = useState("");
  const [saveName, setSaveName] = useState("");
  const [saveState, setSaveState] = useState<{ ok: boolean; message: string } | null>(null);
  const [mapping, setMapping] = useState<ImportMapping | null>(null);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [skipInvalid, setSkipInvalid] = useState(false);
  const [createReps, setCreateReps] = useState(false);
  const [createAccounts, setCreateAccounts] = useState(false);
  const [createManagers, setCreateManagers] = useState(false);
  const [job, setJob] = useState<(Pick<ImportJob, "status" | "bytes" | "totalBytes" | "rows"> & { id: string; outcome?: ImportOutcome }) | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => headingRef.current?.focus(), [step]);

  // Poll the running import twice a second until it is done.
  useEffect(() => {
    if (!job || job.status === "done") return;
    const timer = setTimeout(async () => {
      const result = await call<Omit<NonNullable<typeof job>, "id">>(`/api/import/jobs/${job.id}`, { method: "GET" });
      if (result.ok) setJob({ ...result.data, id: job.id });
      else setError(result.message);
    }, 500);
    return () => clearTimeout(timer);
  }, [job]);

  const runInput = () => ({
    uploadId: inspection?.uploadId,
    kind,
    encoding: encoding || undefined,
    pipeline: PIPELINE_KINDS.has(kind) ? pipeline : undefined,
    mapping,
    skipInvalid,
    createMissing: [...(createReps ? ["reps"] : []), ...(createAccounts ? ["accounts"] : []), ...(createManagers && kind === "reps" && canCreateUsers ? ["managers"] : [])],
  });
  const post = <T,>(url: string, body: unknown) => call<T>(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

  async function upload() {
    if (!file) {
      setError(t("upload.noFile"));
      return;
    }
    setBusy(true);
    setError(null);
    setProgress(0);
    const result = await sendInChunks(file);
    setBusy(false);
    setProgress(null);
    if (!result.ok) return setError(result.message);
    setInspection(result.data);
    setPresetName(result.data.suggestion.preset ?? "");
    setMapping(result.data.suggestion.mapping);
    setStep("mapping");
  }

  // One request per chunk, so only the import's limit bounds a file; a file over it is refused before it is sent.
  async function sendInChunks(chosen: File) {
    const started = await post<{ uploadId: string; chunkBytes: number; chunks: number }>("/api/import/upload", { fileName: chosen.name, size: chosen.size });
    if (!started.ok) return started;
    const { uploadId, chunkBytes, chunks } = started.data;
    for (let seq = 0; seq < chunks; seq++) {
      const body = chosen.slice(seq * chunkBytes, (seq + 1) * chunkBytes);
      const sent = await call(`/api/import/upload/${uploadId}/chunks/${seq}`, { method: "PUT", headers: { "Content-Type": "application/octet-stream" }, body });
      if (!sent.ok) return sent;
      setProgress((seq + 1) / chunks);
    }
    return post<ImportInspection>(`/api/import/upload/${uploadId}`, { kind, encoding: encoding || undefined });
  }

  function choosePreset(name: string) {
    if (!inspection) return;
    setPresetName(name);
    const preset = inspection.presets.find((p) => p.name === name);
    if (!preset) return setMapping(inspection.suggestion.mapping);
    const byName = new Map(inspection.columns.map((c) => [c.toLowerCase().replace(/\s+/g, ""), c]));
    const columns = Object.fromEntries(
      Object.entries(preset.mapping.columns).flatMap(([field, column]) => {
        const found = byName.get(column.toLowerCase().replace(/\s+/g, ""));
        return found ? [[field, found]] : [];
      }),
    );
    setMapping({ ...preset.mapping, columns });
  }

  async function savePreset() {
    if (!inspection || !mapping) return;
    setBusy(true);
    setSaveState(null);
    const result = await post<{ name: string; title: string; mapping: ImportMapping }>("/api/import/presets", { name: saveName, kind, mapping });
    setBusy(false);
    if (!result.ok) return setSaveState({ ok: false, message: result.message });
    const saved = result.data;
    setInspection({ ...inspection, presets: [...inspection.presets.filter((p) => p.name !== saved.name), saved] });
    setPresetName(saved.name);
    setSaveState({ ok: true, message: t("mapping.saved", { name: saved.title }) });
  }

  async function runPreview() {
    setBusy(true);
    setError(null);
    const result = await post<ImportPreview>("/api/import/preview", runInput());
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setPreview(result.data);
    setStep("preview");
  }

  async function startImport() {
    setBusy(true);
    setError(null);
    const result = await post<{ jobId: string }>("/api/import/run", runInput());
    setBusy(false);
    if (!result.ok) return setError(result.message);
    setJob({ id: result.data.jobId, status: "running", bytes: 0, totalBytes: inspection?.size ?? 0, rows: 0 });
    setStep("import");
  }

  function restart() {
    setStep("upload");
    setFile(null);
    setInspection(null);
    setMapping(null);
    setPreview(null);
    setJob(null);
    setError(null);
  }

  function onDrop(event: DragEvent<HTMLLabelElement>) {
    event.preventDefault();
    setDragging(false);
    const dropped = event.dataTransfer.files[0];
    if (dropped) setFile(dropped);
  }

  const mappedFields = inspection && mapping ? inspection.fields.filter((f) => mapping.columns[f.name] || mapping.defaults[f.name]) : [];
  const n = (x: number) => x.toLocaleString();
  const percent = (x: number) => x.toLocaleString(locale, { style: "percent" });

  return (
    <div className="space-y-6">
      <ol aria-label={t("stepsLabel")} className="flex flex-wrap gap-2">
        {STEPS.map((s, i) => {
          const current = s === step;
          const done = STEPS.indexOf(step) > i;
          return (
            <li
              key={s}
              aria-current={current ? "step" : undefined}
              className={`flex items-center gap-2 rounded-full border px-3 py-1 text-sm ${
                current ? "border-accent bg-accent-soft font-semibold text-accent-soft-foreground" : done ? "border-border bg-surface text-foreground" : "border-border bg-surface text-muted"
              }`}
            >
              <span aria-hidden="true" className="tabular-nums">
                {done ? "✓" : i + 1}
              </span>
              {t(`steps.${s}`)}
            </li>
          );
        })}
      </ol>

      <div role="alert" aria-live="assertive" className="empty:hidden">
        {error && <p className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger first-letter:uppercase">{error}</p>}
      </div>

      {step === "upload" && (
        <section aria-labelledby={`${ids}-h`} className={card}>
          <h2 id={`${ids}-h`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-foreground focus:outline-none">
            {t("upload.heading")}
          </h2>
          <p className="mt-1 text-sm text-muted">{t("upload.intro")}</p>
          <div className="mt-5 grid gap-4 md:grid-cols-3">
            <div>
              <label htmlFor={`${ids}-kind`} className="block text-sm font-medium text-foreground">
                {t("upload.kind")}
              </label>
              <select id={`${ids}-kind`} className={inputClass} value={kind} onChange={(e) => setKind(e.target.value)}>
                {kinds.map((k) => (
                  <option key={k} value={k}>
                    {t(`kinds.${k}`)}
                  </option>
                ))}
              </select>
            </div>
            {PIPELINE_KINDS.has(kind) && (
              <div>
                <label htmlFor={`${ids}-pipeline`} className="block text-sm font-medium text-foreground">
                  {t("upload.pipeline")}
                </label>
                <select id={`${ids}-pipeline`} className={inputClass} value={pipeline} onChange={(e) => setPipeline(e.target.value)}>
                  {pipelines.map((p) => (
                    <option key={p.name} value={p.name}>
                      {p.name}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <div>
              <label htmlFor={`${ids}-encoding`} className="block text-sm font-medium text-foreground">
                {t("upload.encoding")}
              </label>
              <select id={`${ids}-encoding`} className={inputClass} value={encoding} onChange={(e) => setEncoding(e.target.value)}>
                <option value="">{t("upload.encodingAuto")}</option>
                <option value="utf-8">UTF-8</option>
                <option value="windows-1251">Windows-1251</option>
              </select>
            </div>
          </div>
          <label
            htmlFor={`${ids}-file`}
            onDragOver={(e) => {
              e.preventDefault();
              setDragging(true);
            }}
            onDragLeave={() => setDragging(false)}
            onDrop={onDrop}
            className={`mt-5 flex min-h-36 cursor-pointer flex-col items-center justify-center gap-1 rounded-xl border-2 border-dashed px-6 py-8 text-center transition-colors focus-within:outline focus-within:outline-2 focus-within:outline-accent ${
              dragging ? "border-accent bg-accent-soft" : "border-border-strong bg-surface-muted/50 hover:bg-surface-muted"
            }`}
          >
            <span className="text-base font-semibold text-foreground">{file ? file.name : t("upload.drop")}</span>
            <span className="text-sm text-muted">{file ? t("upload.size", { kb: n(Math.ceil(file.size / 1024)) }) : t("upload.dropHint")}</span>
            <input
              id={`${ids}-file`}
              type="file"
              accept=".csv,.txt,text/csv"
              className="sr-only"
              onChange={(e) => setFile(e.target.files?.[0] ?? null)}
            />
          </label>
          <div className="mt-5 flex justify-end">
            <button type="button" className={primary} disabled={busy} onClick={upload}>
              {busy ? `${t("upload.reading")}${progress === null ? "" : ` ${percent(progress)}`}` : t("upload.submit")}
            </button>
          </div>
        </section>
      )}

      {step === "mapping" && inspection && mapping && (
        <section aria-labelledby={`${ids}-h`} className={card}>
          <h2 id={`${ids}-h`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-foreground focus:outline-none">
            {t("mapping.heading")}
          </h2>
          <p className="mt-1 text-sm text-muted">
            {t("mapping.found", {
              file: inspection.fileName,
              count: inspection.columns.length,
              encoding: inspection.encoding,
              delimiter: inspection.delimiter === "\t" ? t("mapping.tab") : inspection.delimiter,
            })}
          </p>
          <div className="mt-5 grid gap-4 md:grid-cols-3">
            <div>
              <label htmlFor={`${ids}-preset`} className="block text-sm font-medium text-foreground">
                {t("mapping.preset")}
              </label>
              <select id={`${ids}-preset`} className={inputClass} value={presetName} onChange={(e) => choosePreset(e.target.value)}>
                <option value="">{t("mapping.presetSuggested")}</option>
                {[
                  { label: t("mapping.builtIn"), presets: inspection.presets.filter((p) => !p.name.startsWith("saved:")) },
                  { label: t("mapping.savedGroup"), presets: inspection.presets.filter((p) => p.name.startsWith("saved:")) },
                ]
                  .filter((group) => group.presets.length > 0)
                  .map((group) => (
                    <optgroup key={group.label} label={group.label}>
                      {group.presets.map((p) => (
                        <option key={p.name} value={p.name}>
                          {p.title}
                        </option>
                      ))}
                    </optgroup>
                  ))}
              </select>
              {inspection.suggestion.preset && <p className="mt-1 text-xs text-muted">{t("mapping.presetMatched", { preset: inspection.presets.find((p) => p.name === inspection.suggestion.preset)?.title ?? "" })}</p>}
            </div>
            <div>
              <label htmlFor={`${ids}-date`} className="block text-sm font-medium text-foreground">
                {t("mapping.dateFormat")}
              </label>
              <input
                id={`${ids}-date`}
                className={inputClass}
                value={mapping.dateFormat ?? ""}
                placeholder="YYYY-MM-DD"
                aria-describedby={`${ids}-date-hint`}
                onChange={(e) => setMapping({ ...mapping, dateFormat: e.target.value.trim() || undefined })}
              />
              <p id={`${ids}-date-hint`} className="mt-1 text-xs text-muted">
                {t("mapping.dateFormatHint")}
              </p>
            </div>
            <div>
              <label htmlFor={`${ids}-decimal`} className="block text-sm font-medium text-foreground">
                {t("mapping.decimal")}
              </label>
              <select id={`${ids}-decimal`} className={inputClass} value={mapping.decimal} onChange={(e) => setMapping({ ...mapping, decimal: e.target.value as "." | "," })}>
                <option value=".">{t("mapping.decimalPoint")}</option>
                <option value=",">{t("mapping.decimalComma")}</option>
              </select>
            </div>
            {kind === "deals" && (
              <div>
                <label htmlFor={`${ids}-created`} className="block text-sm font-medium text-foreground">
                  {t("mapping.createdDefault")}
                </label>
                <input
                  id={`${ids}-created`}
                  type="date"
                  className={inputClass}
                  value={mapping.defaults.created ?? ""}
                  aria-describedby={`${ids}-created-hint`}
                  onChange={(e) => {
                    const defaults: Record<string, string> = { ...mapping.defaults, created: e.target.value };
                    if (!e.target.value) delete defaults.created;
                    setMapping({ ...mapping, defaults });
                  }}
                />
                <p id={`${ids}-created-hint`} className="mt-1 text-xs text-muted">
                  {t("mapping.createdDefaultHint")}
                </p>
              </div>
            )}
          </div>
          <table className="mt-6 w-full text-left text-sm">
            <caption className="sr-only">{t("mapping.tableCaption")}</caption>
            <thead className="border-b border-border text-xs uppercase tracking-wide text-muted">
              <tr>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("mapping.field")}
                </th>
                <th scope="col" className="py-2 pr-4 font-semibold">
                  {t("mapping.column")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-border">
              {inspection.fields.map((field) => (
                <tr key={field.name}>
                  <td className="py-2 pr-4 align-top">
                    <span className="font-mono text-sm font-medium text-foreground">{field.name}</span>
                    {field.required && <span className="ml-2 rounded bg-accent-soft px-1.5 py-0.5 text-xs font-medium text-accent-soft-foreground">{t("mapping.required")}</span>}
                    <p className="mt-0.5 text-xs text-muted">{t.has(`fieldHints.${kind}.${field.name}` as never) ? t(`fieldHints.${kind}.${field.name}` as never) : field.description}</p>
                  </td>
                  <td className="w-72 py-2 align-top">
                    <label htmlFor={`${ids}-col-${field.name}`} className="sr-only">
                      {t("mapping.columnFor", { field: field.name })}
                    </label>
                    <select
                      id={`${ids}-col-${field.name}`}
                      className={`${inputClass} mt-0`}
                      value={mapping.columns[field.name] ?? NOT_MAPPED}
                      onChange={(e) => {
                        const columns = { ...mapping.columns };
                        if (e.target.value === NOT_MAPPED) delete columns[field.name];
                        else columns[field.name] = e.target.value;
                        setMapping({ ...mapping, columns });
                      }}
                    >
                      <option value={NOT_MAPPED}>{t("mapping.notMapped")}</option>
                      {inspection.columns.map((c) => (
                        <option key={c} value={c}>
                          {c}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="mt-6 rounded-lg bg-surface-muted/60 p-4">
            <div className="flex flex-wrap items-end gap-3">
              <div className="min-w-64 flex-1">
                <label htmlFor={`${ids}-save`} className="block text-sm font-medium text-foreground">
                  {t("mapping.saveAs")}
                </label>
                <input
                  id={`${ids}-save`}
                  className={inputClass}
                  value={saveName}
                  maxLength={80}
                  aria-describedby={`${ids}-save-hint`}
                  onChange={(e) => setSaveName(e.target.value)}
                />
              </div>
              <button type="button" className={secondary} disabled={busy || saveName.trim() === ""} onClick={savePreset}>
                {busy ? t("mapping.saving") : t("mapping.save")}
              </button>
            </div>
            <p id={`${ids}-save-hint`} className="mt-1 text-xs text-muted">
              {t("mapping.saveAsHint")}
            </p>
            <p role="status" className={`mt-2 text-sm empty:hidden ${saveState?.ok ? "text-success" : "text-danger"}`}>
              {saveState?.message}
            </p>
          </div>
          <div className="mt-5 flex justify-between gap-3">
            <button type="button" className={secondary} onClick={restart}>
              {t("back")}
            </button>
            <button type="button" className={primary} disabled={busy} onClick={runPreview}>
              {busy ? t("mapping.checking") : t("mapping.submit")}
            </button>
          </div>
        </section>
      )}

      {step === "preview" && preview && inspection && (
        <section aria-labelledby={`${ids}-h`} className={card}>
          <h2 id={`${ids}-h`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-foreground focus:outline-none">
            {t("preview.heading")}
          </h2>
          <p className="mt-1 text-sm text-muted">{t("preview.intro", { count: preview.rows.length })}</p>
          {preview.fileError && <Problem title={t("preview.fileError")}>{importText(t, preview.fileError)}</Problem>}
          {preview.rows.length > 0 && (
            <div className="mt-4 overflow-x-auto rounded-lg border border-border" tabIndex={0} role="region" aria-label={t("preview.tableCaption")}>
              <table className="w-full text-left text-sm">
                <caption className="sr-only">{t("preview.tableCaption")}</caption>
                <thead className="bg-surface-muted text-xs text-muted">
                  <tr>
                    <th scope="col" className="px-3 py-2 font-semibold">
                      {t("preview.row")}
                    </th>
                    {mappedFields.map((f) => (
                      <th key={f.name} scope="col" className="whitespace-nowrap px-3 py-2 font-mono font-semibold">
                        {f.name}
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody className="divide-y divide-border">
                  {preview.rows.map((r) => (
                    <tr key={r.row}>
                      <th scope="row" className="px-3 py-1.5 font-normal tabular-nums text-muted">
                        {r.row}
                      </th>
                      {mappedFields.map((f) => {
                        const c = r.cells[f.name];
                        return (
                          <td key={f.name} className={`max-w-56 px-3 py-1.5 align-top ${c?.error ? "bg-danger-soft" : ""}`}>
                            <span className="block truncate text-foreground" title={c?.value}>
                              {c?.value ?? ""}
                            </span>
                            {c?.error && <span className="block text-xs font-medium text-danger first-letter:uppercase">{importText(t, c.error)}</span>}
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          {preview.dryRun && <Outcome outcome={preview.dryRun} dry t={t} />}
          {!preview.fileError && (
            <fieldset className="mt-5 space-y-2">
              <legend className="text-sm font-semibold text-foreground">{t("preview.options")}</legend>
              <Check id={`${ids}-skip`} checked={skipInvalid} onChange={setSkipInvalid} label={t("preview.skipInvalid")} hint={t("preview.skipInvalidHint")} />
              <Check id={`${ids}-reps`} checked={createReps} onChange={setCreateReps} label={t("preview.createReps")} hint={t("preview.createRepsHint")} />
              <Check id={`${ids}-accounts`} checked={createAccounts} onChange={setCreateAccounts} label={t("preview.createAccounts")} hint={t("preview.createAccountsHint")} />
              {kind === "reps" && canCreateUsers && (
                <Check id={`${ids}-managers`} checked={createManagers} onChange={setCreateManagers} label={t("preview.createManagers")} hint={t("preview.createManagersHint")} />
              )}
            </fieldset>
          )}
          <div className="mt-5 flex flex-wrap justify-between gap-3">
            <button type="button" className={secondary} onClick={() => setStep("mapping")}>
              {t("preview.backToMapping")}
            </button>
            <div className="flex gap-3">
              <button type="button" className={secondary} disabled={busy} onClick={runPreview}>
                {busy ? t("mapping.checking") : t("preview.recheck")}
              </button>
              <button type="button" className={primary} disabled={busy || Boolean(preview.fileError)} onClick={startImport}>
                {t("preview.submit")}
              </button>
            </div>
          </div>
        </section>
      )}

      {step === "import" && job && (
        <section aria-labelledby={`${ids}-h`} className={card}>
          <h2 id={`${ids}-h`} ref={headingRef} tabIndex={-1} className="text-lg font-semibold text-foreground focus:outline-none">
            {job.status === "done" ? t("run.doneHeading") : t("run.heading")}
          </h2>
          <div className="mt-4">
            <div className="flex justify-between text-sm text-muted">
              <span id={`${ids}-progress`}>{t("run.progress", { rows: job.rows })}</span>
              <span aria-hidden="true" className="tabular-nums">
                {job.totalBytes ? Math.round((job.bytes / job.totalBytes) * 100) : 0}%
              </span>
            </div>
            <progress
              aria-labelledby={`${ids}-progress`}
              className="mt-1.5 h-2.5 w-full appearance-none overflow-hidden rounded-full bg-surface-muted [&::-moz-progress-bar]:bg-accent [&::-webkit-progress-bar]:bg-surface-muted [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-accent" max={job.totalBytes || 1} value={job.bytes} />
          </div>
          <div role="status" aria-live="polite">
            {job.outcome && <Outcome outcome={job.outcome} t={t} rejectionsHref={`/api/import/jobs/${job.id}/rejections`} />}
          </div>
          {job.status === "done" && (
            <div className="mt-5 flex justify-end">
              <button type="button" className={primary} onClick={restart}>
                {t("run.another")}
              </button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}

type ImportTranslator = ReturnType<typeof useTranslations<"import">>;

/** A message of the import library (a refused file, a rejected row) in the page's language. */
function importText(t: ImportTranslator, message: ImportMessage): string {
  return formatImportMessage(message, (code, values) => t(`errors.${code}`, values));
}

function Problem({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="mt-4 rounded-lg border border-danger/40 bg-danger-soft px-4 py-3 text-sm text-danger">
      <p className="font-semibold">{title}</p>
      <p className="mt-1 break-words first-letter:uppercase">{children}</p>
    </div>
  );
}

function Check({ id, checked, onChange, label, hint }: { id: string; checked: boolean; onChange: (v: boolean) => void; label: string; hint: string }) {
  return (
    <div className="flex items-start gap-2.5">
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} className="mt-0.5 size-4 accent-[var(--color-accent)]" />
      <div>
        <label htmlFor={id} className="text-sm font-medium text-foreground">
          {label}
        </label>
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      </div>
    </div>
  );
}

function Outcome({ outcome, dry = false, t, rejectionsHref }: { outcome: ImportOutcome; dry?: boolean; t: ImportTranslator; rejectionsHref?: string }) {
  if (!outcome.ok) {
    return <Problem title={dry ? t("preview.wouldFail") : t("run.failed")}>{importText(t, outcome.error)}</Problem>;
  }
  const s = outcome.summary;
  const n = (x: number) => x.toLocaleString();
  const figures: [string, number][] = [
    ["created", s.created],
    ["updated", s.updated],
    ["unchanged", s.unchanged],
    ["rejected", s.rejected],
    ["synthesized", s.synthesizedHistories],
  ];
  return (
    <div className="mt-5 space-y-3">
      <p className={`text-sm font-semibold ${s.error ? "text-danger" : "text-foreground"}`}>
        {dry ? (s.error ? t("preview.wouldFail") : t("preview.wouldImport", { rows: s.rows })) : s.imported ? t("run.imported", { rows: s.rows, file: s.fileName }) : t("run.failed")}
      </p>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-5">
        {figures.map(([key, value]) => (
          <div key={key} className={`rounded-lg border px-3 py-2 ${key === "rejected" && value > 0 ? "border-danger/40 bg-danger-soft" : "border-border bg-surface-muted/60"}`}>
            <dt className="text-xs text-muted">{t(`summary.${key}`)}</dt>
            <dd className="text-xl font-semibold tabular-nums text-foreground">{n(value)}</dd>
          </div>
        ))}
      </dl>
      {(s.createdReps > 0 || s.createdAccounts > 0) && <p className="text-sm text-muted">{t("summary.createdMissing", { reps: s.createdReps, accounts: s.createdAccounts })}</p>}
      {summaryNotes(s).map((note) => (
        <p key={note.code} className="text-sm text-muted first-letter:uppercase">
          {importText(t, note)}
        </p>
      ))}
      {s.absentColumns.length > 0 && <p className="text-sm text-muted">{t("summary.absent", { columns: s.absentColumns.join(", ") })}</p>}
      {s.error && <p className="rounded-lg border border-danger/40 bg-danger-soft px-3 py-2 text-sm text-danger first-letter:uppercase">{importText(t, s.error)}</p>}
      {s.rejections.length > 0 && (
        <div>
          <div className="flex flex-wrap items-baseline justify-between gap-2">
            <h3 className="text-sm font-semibold text-foreground">{t("summary.rejectedRows")}</h3>
            {rejectionsHref && (
              <a href={rejectionsHref} download className="text-sm font-medium text-accent underline underline-offset-2 hover:text-accent-hover">
                {t("summary.download")}
              </a>
            )}
          </div>
          <div className="mt-2 max-h-72 overflow-auto rounded-lg border border-border" tabIndex={0} role="region" aria-label={t("summary.rejectedRows")}>
            <table className="w-full text-left text-sm">
              <thead className="sticky top-0 bg-surface-muted text-xs text-muted">
                <tr>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("preview.row")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("mapping.column")}
                  </th>
                  <th scope="col" className="px-3 py-2 font-semibold">
                    {t("summary.reason")}
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-border">
                {[...s.rejections].sort((a, b) => a.row - b.row).slice(0, 100).map((r) => (
                  <tr key={`${r.row}-${r.column}`}>
                    <td className="px-3 py-1.5 tabular-nums">{r.row}</td>
                    <td className="px-3 py-1.5">{r.column}</td>
                    <td className="px-3 py-1.5 first-letter:uppercase">{importText(t, r.reason)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </div>
      )}
    </div>
  );
}
