import type { AuditPage } from "@/lib/data/list-audit-log";

export interface AuditDiffLabels {
  field: (key: string) => string;
  role: (role: string) => string;
  yes: string;
  no: string;
  nothing: string;
}

const TEAM_KEYS = new Set(["teamId", "managedTeamIds"]);
const USER_KEYS = new Set(["managerId", "userId", "ownerId"]);

function show(key: string, value: unknown, names: AuditPage["names"], labels: AuditDiffLabels): string {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0)) return labels.nothing;
  if (Array.isArray(value)) return value.map((item) => show(key, item, names, labels)).join(", ");
  if (typeof value === "boolean") return value ? labels.yes : labels.no;
  if (typeof value === "number" && TEAM_KEYS.has(key)) return names.team[String(value)] ?? `#${value}`;
  if (typeof value === "number" && USER_KEYS.has(key)) return names.user[String(value)] ?? `#${value}`;
  if (key === "role" && typeof value === "string") return labels.role(value);
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** Before and after as a list of changed fields: "Role: Sales rep → Sales manager". Unchanged fields are left out. */
export function AuditDiff({ before, after, names, labels }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null; names: AuditPage["names"]; labels: AuditDiffLabels }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = keys.filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]));
  if (changed.length === 0) return <span className="text-muted">{labels.nothing}</span>;
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1">
      {changed.map((key) => (
        <div key={key} className="contents">
          <dt className="text-xs font-medium text-muted">{labels.field(key)}</dt>
          <dd className="text-sm text-foreground">
            {before && key in before && (
              <>
                <del className="rounded bg-danger-soft px-1 text-danger decoration-danger/60">{show(key, before[key], names, labels)}</del>
                <span aria-hidden="true" className="mx-1.5 text-muted">→</span>
              </>
            )}
            <ins className="rounded bg-success-soft px-1 text-success no-underline">{after && key in after ? show(key, after[key], names, labels) : labels.nothing}</ins>
          </dd>
        </div>
      ))}
    </dl>
  );
}
