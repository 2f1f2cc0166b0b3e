export interface ActivityFilterLabels {
  legend: string;
  type: string;
  allTypes: string;
  rep: string;
  allReps: string;
  response: string;
  anyResponse: string;
  yes: string;
  no: string;
  subject: string;
  anySubject: string;
  subjects: { deal: string; lead: string; none: string };
  apply: string;
}

const field = "min-h-9 rounded-lg border border-border-strong bg-surface px-2.5 text-sm text-foreground";

/**
 * The activity drill's own filters as a plain GET form (they live in the URL and work without JavaScript);
 * the period, team and sort come along as hidden fields.
 */
export function ActivityFilter({
  action,
  values,
  types,
  reps,
  labels,
  hidden,
}: {
  action: string;
  values: { type?: string; rep?: string; response?: string; on?: string };
  types: Array<{ value: string; label: string }>;
  /** Null for a rep, who only ever sees their own activities. */
  reps: Array<{ id: number; name: string }> | null;
  labels: ActivityFilterLabels;
  hidden: Record<string, string | undefined>;
}) {
  const select = (id: string, name: string, label: string, value: string | undefined, options: Array<{ value: string; label: string }>) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-muted">{label}</label>
      <select id={id} name={name} defaultValue={value ?? ""} className={field}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form action={action} method="get" className="rounded-xl border border-border bg-surface p-4 shadow-sm print:hidden">
      <fieldset className="flex flex-wrap items-end gap-x-4 gap-y-3">
        <legend className="sr-only">{labels.legend}</legend>
        {Object.entries(hidden).map(([name, value]) => (value === undefined ? null : <input key={name} type="hidden" name={name} value={value} />))}
        {select("activity-type", "type", labels.type, values.type, [{ value: "", label: labels.allTypes }, ...types])}
        {reps && reps.length > 1 &&
          select("activity-rep", "rep", labels.rep, values.rep, [{ value: "", label: labels.allReps }, ...reps.map((rep) => ({ value: String(rep.id), label: rep.name }))])}
        {select("activity-response", "response", labels.response, values.response, [
          { value: "", label: labels.anyResponse },
          { value: "yes", label: labels.yes },
          { value: "no", label: labels.no },
        ])}
        {select("activity-on", "on", labels.subject, values.on, [
          { value: "", label: labels.anySubject },
          { value: "deal", label: labels.subjects.deal },
          { value: "lead", label: labels.subjects.lead },
          { value: "none", label: labels.subjects.none },
        ])}
        <button type="submit" className="min-h-9 rounded-lg bg-accent px-4 text-sm font-semibold text-accent-foreground hover:bg-accent-hover">
          {labels.apply}
        </button>
      </fieldset>
    </form>
  );
}
