import type { Role } from "@/lib/db/generated/enums";
import type { Locale } from "@/lib/i18n/config";

declare const viewerBrand: unique symbol;

export type { Role };

export interface ViewerFields {
  userId: number;
  orgId: number;
  role: Role;
  /** The user's own rep record, when they sell. */
  repId: number | null;
  /** MANAGER: the teams they manage. REP: their own team. ADMIN: empty (they see the whole org). */
  teamIds: readonly number[];
  name: string;
  email: string;
  locale: Locale;
}

/** Who is asking. Only `requireViewer()` produces one, so a data function cannot be called unscoped. */
export type Viewer = Readonly<ViewerFields> & { readonly [viewerBrand]: true };

// Casting a plain object to Viewer type-checks but is caught at run time by assertViewer.
const minted = new WeakSet<object>();

/** For requireViewer and tests only: everything else receives a Viewer, it never builds one. */
export function mintViewer(fields: ViewerFields): Viewer {
  const teamIds = Object.freeze([...new Set(fields.teamIds)].sort((a, b) => a - b));
  const viewer = Object.freeze({ ...fields, teamIds }) as Viewer;
  minted.add(viewer);
  return viewer;
}

export function assertViewer(value: Viewer): asserts value is Viewer {
  if (typeof value !== "object" || value === null || !minted.has(value)) {
    throw new Error("A Viewer must come from requireViewer()");
  }
}
