export default function RosterLoading() {
  return (
    <div className="animate-pulse space-y-8" aria-busy="true">
      <div className="space-y-2">
        <div className="h-7 w-48 rounded-md bg-border" />
        <div className="h-4 w-80 rounded-md bg-border/70" />
      </div>
      <div className="grid grid-cols-2 gap-4 md:grid-cols-3 xl:grid-cols-5">
        {Array.from({ length: 5 }, (_, index) => (
          <div key={index} className="h-28 rounded-xl border border-border bg-surface" />
        ))}
      </div>
      <div className="h-96 rounded-xl border border-border bg-surface" />
    </div>
  );
}
