import { normalizeName } from "./normalize-name";

const AMBIGUOUS = -1;

/** The prefix of the ids the export gives rows that came without one, so a re-import finds them. */
export const APP_ID_PREFIX = "app-";

export interface Referable {
  id: number;
  externalId: string | null;
  name: string;
  email?: string | null;
}

/** Finds a row by its file id, our exported id, its email or its name (ignoring case and spaces). */
export class RefIndex {
  private readonly byKey = new Map<string, number>();

  constructor(rows: Iterable<Referable> = []) {
    for (const row of rows) this.add(row);
  }

  add(row: Referable): void {
    this.set(`id:${row.externalId ?? `${APP_ID_PREFIX}${row.id}`}`, row.id);
    if (row.email) this.set(`email:${normalizeName(row.email)}`, row.id);
    this.set(`name:${normalizeName(row.name)}`, row.id);
  }

  /** The row's id; "ambiguous" when two rows share the name; undefined when none has it. */
  find(text: string): number | "ambiguous" | undefined {
    const norm = normalizeName(text);
    const id = this.byKey.get(`id:${text.trim()}`) ?? this.byKey.get(`email:${norm}`) ?? this.byKey.get(`name:${norm}`);
    return id === AMBIGUOUS ? "ambiguous" : id;
  }

  private set(key: string, id: number): void {
    const existing = this.byKey.get(key);
    this.byKey.set(key, existing === undefined || existing === id ? id : AMBIGUOUS);
  }
}
