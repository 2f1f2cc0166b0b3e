import Link from "next/link";

/** A column header that sorts the table by its column: a link, so sorting works without JavaScript. */
export function SortHeader({ label, active, dir, href, align = "left" }: { label: string; active: boolean; dir: "asc" | "desc"; href: string; align?: "left" | "right" }) {
  return (
    <th scope="col" aria-sort={active ? (dir === "asc" ? "ascending" : "descending") : undefined} className={`px-3 py-2 font-medium ${align === "right" ? "text-right" : "text-left"}`}>
      <Link href={href} className="inline-flex items-center gap-1 rounded-sm hover:text-foreground">
        {label}
        <span aria-hidden="true" className={active ? "text-foreground" : "text-border-strong"}>
          {active ? (dir === "asc" ? "▲" : "▼") : "↕"}
        </span>
      </Link>
    </th>
  );
}
