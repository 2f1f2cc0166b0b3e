const LOOK = {
  active: "bg-success-soft text-success",
  invited: "bg-accent-soft text-accent-soft-foreground",
  deactivated: "bg-surface-muted text-muted",
} as const;

export function StatusBadge({ status, label }: { status: keyof typeof LOOK; label: string }) {
  return <span className={`inline-flex items-center rounded-full px-2.5 py-0.5 text-xs font-semibold ${LOOK[status]}`}>{label}</span>;
}
