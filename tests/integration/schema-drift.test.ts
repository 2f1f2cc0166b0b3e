// Proves the hand-written migrations build exactly the database schema.prisma describes.
// Both sides are reduced to one plain Catalog shape; diffCatalogs is pure, so its own tests can feed it drift.
import fs from "node:fs";
import path from "node:path";
import internals from "@prisma/internals";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATA_CHANGE_TABLES, dataChangeTriggerName } from "../../lib/db/data-change-triggers";
import { DERIVED_DATA_TRIGGERS } from "../../lib/db/derived-data-triggers";
import { HAND_WRITTEN_INDEXES } from "../../lib/db/hand-written-indexes";
import { createMigratedDatabase, type ScratchDatabase } from "./support/db";

interface Column {
  type: string;
  nullable: boolean;
  default: string | null;
}

interface Catalog {
  enums: Record<string, string[]>;
  tables: Record<string, Table>;
  /** Objects schema.prisma cannot describe (views, triggers, check constraints…): any found is drift. */
  extras: string[];
}

interface Table {
  columns: Record<string, Column>;
  /** "name (col, …)" */
  primaryKey: string | null;
  /** index name → "UNIQUE btree (col, col DESC)" */
  indexes: Record<string, string>;
  /** constraint name → "(col) REFERENCES table(col) ON DELETE … ON UPDATE …" */
  foreignKeys: Record<string, string>;
}

type Datamodel = Awaited<ReturnType<typeof internals.getDMMF>>["datamodel"];
type Model = Datamodel["models"][number];
type Field = Model["fields"][number];

const SCHEMA_PATH = path.resolve("prisma/schema.prisma");
const PRISMA_TABLE = "_prisma_migrations";
const MAX_IDENTIFIER_LENGTH = 63;

// ---------------------------------------------------------------------------------------------
// The catalog schema.prisma describes, in the terms Postgres reports (format_type, pg_get_expr).
// ---------------------------------------------------------------------------------------------

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: "CASCADE",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetNull: "SET NULL",
  SetDefault: "SET DEFAULT",
};

// Postgres prints identifiers quoted unless they are plain lower-case words (reserved words aside).
function quoteIdent(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replaceAll('"', '""')}"`;
}

function columnName(field: Field): string {
  return field.dbName ?? field.name;
}

function tableName(model: Model): string {
  return model.dbName ?? model.name;
}

function fieldOf(model: Model, name: string): Field {
  const field = model.fields.find((candidate) => candidate.name === name);
  if (!field) throw new Error(`${model.name} has no field ${name}`);
  return field;
}

function unsupported(what: string): never {
  throw new Error(`schema-drift test: ${what} is not supported yet; teach expectedCatalog about it.`);
}

function scalarType(field: Field): string {
  const [native, args = []] = field.nativeType ?? [];
  const withArgs = (base: string) => (args.length ? `${base}(${args.join(",")})` : base);
  switch (field.type) {
    case "Int":
      return native === "SmallInt" ? "smallint" : native === undefined || native === "Integer" ? "integer" : unsupported(`@db.${native}`);
    case "BigInt":
      return "bigint";
    case "Float":
      return native === "Real" ? "real" : "double precision";
    case "Decimal":
      return native === undefined ? "numeric(65,30)" : withArgs("numeric");
    case "Boolean":
      return "boolean";
    case "Json":
      return native === "Json" ? "json" : "jsonb";
    case "Bytes":
      return "bytea";
    case "String":
      if (native === undefined || native === "Text") return "text";
      if (native === "Char") return withArgs("character");
      if (native === "VarChar") return withArgs("character varying");
      if (native === "Uuid") return "uuid";
      return unsupported(`@db.${native}`);
    case "DateTime":
      if (native === undefined) return "timestamp(3) without time zone";
      if (native === "Timestamptz") return `timestamp(${args[0] ?? 6}) with time zone`;
      if (native === "Timestamp") return `timestamp(${args[0] ?? 6}) without time zone`;
      if (native === "Date") return "date";
      return unsupported(`@db.${native}`);
    default:
      return unsupported(`field type ${field.type}`);
  }
}

function columnType(field: Field, enumDbNames: Map<string, string>): string {
  const base = field.kind === "enum" ? `enum:${enumDbNames.get(field.type) ?? field.type}` : scalarType(field);
  return field.isList ? `${base}[]` : base;
}

function columnDefault(table: string, field: Field, type: string, enumDbNames: Map<string, string>): string | null {
  const value = field.default;
  if (value === undefined) return null;
  if (Array.isArray(value)) {
    if (value.length > 0) return unsupported("non-empty list defaults");
    return `ARRAY[]::${field.kind === "enum" ? quoteIdent(enumDbNames.get(field.type) ?? field.type) : type.slice(0, -2)}[]`;
  }
  if (typeof value === "object" && value !== null && "name" in value) {
    if (value.name === "autoincrement") return `nextval('${table}_${columnName(field)}_seq'::regclass)`;
    if (value.name === "now") return "CURRENT_TIMESTAMP";
    if (value.name === "dbgenerated") return String(value.args[0]);
    if (value.name === "uuid" || value.name === "cuid" || value.name === "nanoid" || value.name === "ulid") return null; // made by the client
    return unsupported(`@default(${value.name}())`);
  }
  if (field.kind === "enum") return `'${String(value)}'::${quoteIdent(enumDbNames.get(field.type) ?? field.type)}`;
  // The datamodel gives a BigInt default as its digits in a string.
  if (field.type === "BigInt") return String(value);
  if (typeof value === "string") {
    const cast = type.startsWith("character(") ? "bpchar" : type.startsWith("character varying") ? "character varying" : "text";
    return `'${value.replaceAll("'", "''")}'::${cast}`;
  }
  return String(value);
}

function renderIndex(unique: boolean, method: string, columns: readonly string[]): string {
  return `${unique ? "UNIQUE " : ""}${method} (${columns.join(", ")})`;
}

function defaultName(table: string, columns: readonly string[], suffix: string): string {
  const name = [table, ...columns, suffix].join("_");
  // Prisma shortens longer names by its own rule; fail loudly instead of guessing it.
  if (name.length > MAX_IDENTIFIER_LENGTH) unsupported(`a default name over ${MAX_IDENTIFIER_LENGTH} characters (${name})`);
  return name;
}

function expectedCatalog(datamodel: Datamodel): Catalog {
  const enumDbNames = new Map(datamodel.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const catalog: Catalog = { enums: {}, tables: {}, extras: [
      ...DERIVED_DATA_TRIGGERS.map((t) => `trigger ${t.name} on ${t.table}`),
      ...DATA_CHANGE_TABLES.map((table) => `trigger ${dataChangeTriggerName(table)} on ${table}`),
    ],
  };

  for (const e of datamodel.enums) catalog.enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);

  for (const model of datamodel.models) {
    const table = tableName(model);
    const entry: Table = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    catalog.tables[table] = entry;

    for (const field of model.fields) {
      if (field.kind === "object") continue;
      if (field.kind === "unsupported") unsupported(`Unsupported("${field.type}") fields`);
      const type = columnType(field, enumDbNames);
      entry.columns[columnName(field)] = {
        type,
        // Prisma creates scalar lists as nullable arrays.
        nullable: field.isList || !field.isRequired,
        default: columnDefault(table, field, type, enumDbNames),
      };
    }

    for (const index of datamodel.indexes.filter((candidate) => candidate.model === model.name)) {
      const columns = index.fields.map((f) => columnName(fieldOf(model, f.name)));
      const rendered = index.fields.map((f, i) => `${columns[i]}${f.sortOrder === "desc" ? " DESC" : ""}`);
      if (index.type === "id") {
        entry.primaryKey = `${index.dbName ?? defaultName(table, [], "pkey")} (${columns.join(", ")})`;
      } else if (index.type === "unique" || index.type === "normal") {
        const name = index.dbName ?? defaultName(table, columns, index.type === "unique" ? "key" : "idx");
        entry.indexes[name] = renderIndex(index.type === "unique", (index.algorithm ?? "BTree").toLowerCase(), rendered);
      } else {
        unsupported(`${index.type} indexes`);
      }
    }

    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = models.get(field.type) ?? unsupported(`relation to ${field.type}`);
      const from = field.relationFromFields.map((name) => columnName(fieldOf(model, name)));
      const to = (field.relationToFields ?? []).map((name) => columnName(fieldOf(target, name)));
      const allRequired = field.relationFromFields.every((name) => fieldOf(model, name).isRequired);
      const onDelete = REFERENTIAL_ACTIONS[field.relationOnDelete ?? (allRequired ? "Restrict" : "SetNull")];
      const onUpdate = REFERENTIAL_ACTIONS[field.relationOnUpdate ?? "Cascade"];
      entry.foreignKeys[defaultName(table, from, "fkey")] =
        `(${from.join(", ")}) REFERENCES ${tableName(target)}(${to.join(", ")}) ON DELETE ${onDelete} ON UPDATE ${onUpdate}`;
    }
  }
  for (const index of HAND_WRITTEN_INDEXES) {
    const entry = catalog.tables[index.table] ?? unsupported(`an index on ${index.table}, which schema.prisma does not have`);
    entry.indexes[index.name] = index.definition;
  }
  return catalog;
}

// ---------------------------------------------------------------------------------------------
// The catalog the database has, read from pg_catalog.
// ---------------------------------------------------------------------------------------------

const PG_ACTIONS: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };
const CONSTRAINT_KINDS: Record<string, string> = { c: "check", u: "unique", x: "exclusion", t: "trigger" };

async function readCatalog(client: pg.Client): Promise<Catalog> {
  const catalog: Catalog = { enums: {}, tables: {}, extras: [] };
  const scope = `n.nspname = current_schema()`;

  const enums = await client.query<{ name: string; values: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
    WHERE ${scope} GROUP BY t.typname`);
  for (const row of enums.rows) catalog.enums[row.name] = row.values;

  const relations = await client.query<{ name: string; kind: string }>(`
    SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${scope} AND c.relkind IN ('r', 'p', 'v', 'm', 'f') AND c.relname <> '${PRISMA_TABLE}'`);
  for (const row of relations.rows) {
    if (row.kind === "r" || row.kind === "p") catalog.tables[row.name] = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} };
    else catalog.extras.push(`${{ v: "view", m: "materialized view", f: "foreign table" }[row.kind]} ${row.name}`);
  }
  const tableOf = (name: string): Table => catalog.tables[name] ?? unsupported(`relation ${name}`);

  const columns = await client.query<{ table: string; name: string; type: string; notnull: boolean; default: string | null }>(`
    SELECT c.relname AS "table", a.attname AS name,
           CASE WHEN t.typtype = 'e' THEN 'enum:' || t.typname
                WHEN et.typtype = 'e' THEN 'enum:' || et.typname || '[]'
                ELSE format_type(a.atttypid, a.atttypmod) END AS type,
           a.attnotnull AS notnull,
           CASE WHEN a.attidentity <> '' THEN 'GENERATED AS IDENTITY'
                WHEN a.attgenerated <> '' THEN 'GENERATED ALWAYS AS (' || pg_get_expr(d.adbin, d.adrelid) || ')'
                ELSE pg_get_expr(d.adbin, d.adrelid) END AS default
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    JOIN pg_type t ON t.oid = a.atttypid LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE ${scope} AND c.relkind IN ('r', 'p') AND c.relname <> '${PRISMA_TABLE}' AND a.attnum > 0 AND NOT a.attisdropped`);
  for (const row of columns.rows) {
    tableOf(row.table).columns[row.name] = { type: row.type, nullable: !row.notnull, default: row.default };
  }

  const indexes = await client.query<{
    table: string; name: string; unique: boolean; primary: boolean; method: string;
    columns: string[]; included: string[]; predicate: string | null; nullsNotDistinct: boolean;
  }>(`
    SELECT t.relname AS "table", ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary, am.amname AS method,
           array(SELECT coalesce(a.attname::text, pg_get_indexdef(i.indexrelid, k + 1, true))
                        || CASE WHEN i.indoption[k] & 1 = 1 THEN ' DESC' ELSE '' END
                 FROM generate_subscripts(i.indkey, 1) AS k
                 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
                 WHERE k < i.indnkeyatts ORDER BY k) AS columns,
           array(SELECT coalesce(a.attname::text, pg_get_indexdef(i.indexrelid, k + 1, true))
                 FROM generate_subscripts(i.indkey, 1) AS k
                 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k]
                 WHERE k >= i.indnkeyatts ORDER BY k) AS included,
           pg_get_expr(i.indpred, i.indrelid) AS predicate, i.indnullsnotdistinct AS "nullsNotDistinct"
    FROM pg_index i
    JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = ic.relam
    WHERE ${scope} AND t.relname <> '${PRISMA_TABLE}'`);
  for (const row of indexes.rows) {
    const table = tableOf(row.table);
    if (row.primary) {
      table.primaryKey = `${row.name} (${row.columns.join(", ")})`;
      continue;
    }
    let rendered = renderIndex(row.unique, row.method, row.columns);
    if (row.included.length) rendered += ` INCLUDE (${row.included.join(", ")})`;
    if (row.nullsNotDistinct) rendered += " NULLS NOT DISTINCT";
    if (row.predicate) rendered += ` WHERE ${row.predicate}`;
    table.indexes[row.name] = rendered;
  }

  const constraints = await client.query<{
    table: string; name: string; kind: string; columns: string[]; target: string | null;
    targetColumns: string[]; onDelete: string; onUpdate: string;
  }>(`
    SELECT t.relname AS "table", con.conname AS name, con.contype::text AS kind,
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
           ft.relname AS target,
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS "targetColumns",
           con.confdeltype::text AS "onDelete", con.confupdtype::text AS "onUpdate"
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid JOIN pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_class ft ON ft.oid = con.confrelid
    WHERE ${scope} AND t.relname <> '${PRISMA_TABLE}' AND con.contype NOT IN ('p', 'n')`);
  for (const row of constraints.rows) {
    if (row.kind === "f") {
      tableOf(row.table).foreignKeys[row.name] =
        `(${row.columns.join(", ")}) REFERENCES ${row.target}(${row.targetColumns.join(", ")}) ` +
        `ON DELETE ${PG_ACTIONS[row.onDelete]} ON UPDATE ${PG_ACTIONS[row.onUpdate]}`;
    } else {
      catalog.extras.push(`${CONSTRAINT_KINDS[row.kind] ?? row.kind} constraint ${row.name} on ${row.table}`);
    }
  }

  const triggers = await client.query<{ table: string; name: string }>(`
    SELECT c.relname AS "table", tg.tgname AS name FROM pg_trigger tg
    JOIN pg_class c ON c.oid = tg.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE ${scope} AND NOT tg.tgisinternal`);
  for (const row of triggers.rows) catalog.extras.push(`trigger ${row.name} on ${row.table}`);

  return catalog;
}

// ---------------------------------------------------------------------------------------------
// The comparison: one line per drift, saying what the database has and what schema.prisma says.
// ---------------------------------------------------------------------------------------------

function diffKeyed<T>(
  label: string,
  expected: Record<string, T>,
  actual: Record<string, T>,
  compare: (name: string, expected: T, actual: T) => string[],
): string[] {
  const drift: string[] = [];
  for (const name of Object.keys(expected).sort()) {
    const actualValue = actual[name];
    if (actualValue === undefined) drift.push(`${label} ${name} is missing from the database`);
    else drift.push(...compare(name, expected[name]!, actualValue));
  }
  for (const name of Object.keys(actual).sort()) {
    if (!(name in expected)) drift.push(`${label} ${name} is in the database but not in schema.prisma`);
  }
  return drift;
}

const sameString = (label: string) => (name: string, expected: string, actual: string) =>
  expected === actual ? [] : [`${label} ${name}: database has ${actual}, schema.prisma says ${expected}`];

function diffColumn(name: string, expected: Column, actual: Column): string[] {
  const drift: string[] = [];
  if (expected.type !== actual.type) drift.push(`column ${name}: database type is ${actual.type}, schema.prisma says ${expected.type}`);
  if (expected.nullable !== actual.nullable) {
    const says = (nullable: boolean) => (nullable ? "NULL" : "NOT NULL");
    drift.push(`column ${name}: database has ${says(actual.nullable)}, schema.prisma says ${says(expected.nullable)}`);
  }
  if (expected.default !== actual.default) {
    drift.push(`column ${name}: database default is ${actual.default ?? "none"}, schema.prisma says ${expected.default ?? "none"}`);
  }
  return drift;
}

function diffTable(table: string, expected: Table, actual: Table): string[] {
  const qualify = (keyed: Record<string, unknown>) => Object.fromEntries(Object.entries(keyed).map(([k, v]) => [`${table}.${k}`, v]));
  const drift = diffKeyed("column", qualify(expected.columns) as Record<string, Column>, qualify(actual.columns) as Record<string, Column>, diffColumn);
  if (expected.primaryKey !== actual.primaryKey) {
    drift.push(`primary key of ${table}: database has ${actual.primaryKey ?? "none"}, schema.prisma says ${expected.primaryKey ?? "none"}`);
  }
  drift.push(...diffKeyed(`index on ${table}:`, expected.indexes, actual.indexes, sameString(`index on ${table}:`)));
  drift.push(...diffKeyed(`foreign key on ${table}:`, expected.foreignKeys, actual.foreignKeys, sameString(`foreign key on ${table}:`)));
  return drift;
}

function diffCatalogs(expected: Catalog, actual: Catalog): string[] {
  return [
    ...diffKeyed("enum", expected.enums, actual.enums, (name, want, have) =>
      want.join(",") === have.join(",") ? [] : [`enum ${name}: database has (${have.join(", ")}), schema.prisma says (${want.join(", ")})`],
    ),
    ...diffKeyed("table", expected.tables, actual.tables, diffTable),
    ...actual.extras.filter((extra) => !expected.extras.includes(extra)).map((extra) => `${extra} is in the database but not in schema.prisma`),
    ...expected.extras.filter((extra) => !actual.extras.includes(extra)).map((extra) => `${extra} is missing from the database`),
  ];
}

// ---------------------------------------------------------------------------------------------

let datamodel: Datamodel;
let database: ScratchDatabase;
let migrated: Catalog;

async function catalogOf(url: string): Promise<Catalog> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await readCatalog(client);
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  datamodel = (await internals.getDMMF({ datamodel: fs.readFileSync(SCHEMA_PATH, "utf8") })).datamodel;
  database = await createMigratedDatabase();
  migrated = await catalogOf(database.url);
});

afterAll(async () => {
  await database?.drop();
});

describe("the migrated database", () => {
  it("matches schema.prisma exactly: tables, columns, types, defaults, enums, keys, indexes and relations", () => {
    expect(diffCatalogs(expectedCatalog(datamodel), migrated)).toEqual([]);
  });

  it("has every model and enum of schema.prisma (the comparison is not vacuous)", () => {
    expect(Object.keys(migrated.tables)).toHaveLength(datamodel.models.length);
    expect(Object.keys(migrated.enums)).toHaveLength(datamodel.enums.length);
    expect(migrated.tables.deal?.columns.amount).toEqual({ type: "numeric(14,2)", nullable: true, default: null });
    expect(migrated.tables.deal?.indexes.deal_owner_id_created_at_idx).toBe("btree (owner_id, created_at)");
  });
});

describe("diffCatalogs", () => {
  const mutations: Array<[string, (catalog: Catalog) => void, string]> = [
    ["a missing table", (c) => delete c.tables.quota, "table quota is missing from the database"],
    ["an extra table", (c) => (c.tables.scratch = { columns: {}, primaryKey: null, indexes: {}, foreignKeys: {} }), "table scratch is in the database but not in schema.prisma"],
    ["a missing column", (c) => delete c.tables.deal!.columns.next_step, "column deal.next_step is missing from the database"],
    ["an extra column", (c) => (c.tables.deal!.columns.colour = { type: "text", nullable: true, default: null }), "column deal.colour is in the database but not in schema.prisma"],
    ["a different precision", (c) => (c.tables.deal!.columns.amount!.type = "numeric(12,2)"), "column deal.amount: database type is numeric(12,2), schema.prisma says numeric(14,2)"],
    ["timestamp without time zone", (c) => (c.tables.deal!.columns.closed_at!.type = "timestamp(3) without time zone"), "column deal.closed_at: database type is timestamp(3) without time zone, schema.prisma says timestamp(3) with time zone"],
    ["a plain text column instead of an array", (c) => (c.tables.meeting_decision!.columns.flags!.type = "text"), "column meeting_decision.flags: database type is text, schema.prisma says text[]"],
    ["text instead of an enum", (c) => (c.tables.app_user!.columns.role!.type = "text"), "column app_user.role: database type is text, schema.prisma says enum:Role"],
    ["a nullable required column", (c) => (c.tables.deal!.columns.name!.nullable = true), "column deal.name: database has NULL, schema.prisma says NOT NULL"],
    ["a lost default", (c) => (c.tables.deal!.columns.updated_at!.default = null), "column deal.updated_at: database default is none, schema.prisma says CURRENT_TIMESTAMP"],
    ["an extra enum value", (c) => c.enums.Role!.push("AUDITOR"), "enum Role: database has (ADMIN, MANAGER, REP, AUDITOR), schema.prisma says (ADMIN, MANAGER, REP)"],
    ["reordered enum values", (c) => c.enums.RepKind!.reverse(), "enum RepKind: database has (AE, SDR), schema.prisma says (SDR, AE)"],
    ["a missing enum", (c) => delete c.enums.GoalHorizon, "enum GoalHorizon is missing from the database"],
    ["a different primary key", (c) => (c.tables.forecast_line!.primaryKey = "forecast_line_pkey (snapshot_id, rep_id, month)"), "primary key of forecast_line: database has forecast_line_pkey (snapshot_id, rep_id, month), schema.prisma says forecast_line_pkey (snapshot_id, rep_id, month, category)"],
    ["index columns in another order", (c) => (c.tables.activity!.indexes.activity_rep_id_at_idx = "btree (at, rep_id)"), "index on activity: activity_rep_id_at_idx: database has btree (at, rep_id), schema.prisma says btree (rep_id, at)"],
    ["a missing index", (c) => delete c.tables.deal_stage_change!.indexes.deal_stage_change_to_stage_id_at_idx, "index on deal_stage_change: deal_stage_change_to_stage_id_at_idx is missing from the database"],
    ["an extra index", (c) => (c.tables.deal!.indexes.deal_name_idx = "btree (name)"), "index on deal: deal_name_idx is in the database but not in schema.prisma"],
    ["a unique index that is not unique", (c) => (c.tables.app_user!.indexes.app_user_email_key = "btree (email)"), "index on app_user: app_user_email_key: database has btree (email), schema.prisma says UNIQUE btree (email)"],
    ["another ON DELETE", (c) => (c.tables.deal!.foreignKeys.deal_owner_id_fkey = "(owner_id) REFERENCES rep(id) ON DELETE CASCADE ON UPDATE CASCADE"), "foreign key on deal: deal_owner_id_fkey: database has (owner_id) REFERENCES rep(id) ON DELETE CASCADE ON UPDATE CASCADE, schema.prisma says (owner_id) REFERENCES rep(id) ON DELETE RESTRICT ON UPDATE CASCADE"],
    ["a missing foreign key", (c) => delete c.tables.activity!.foreignKeys.activity_deal_id_fkey, "foreign key on activity: activity_deal_id_fkey is missing from the database"],
    ["a trigger", (c) => c.extras.push("trigger touch on deal"), "trigger touch on deal is in the database but not in schema.prisma"],
    [
      "a missing derived-data trigger",
      (c) => (c.extras = c.extras.filter((extra) => extra !== "trigger activity_days_insert on activity")),
      "trigger activity_days_insert on activity is missing from the database",
    ],
  ];

  it.each(mutations)("reports %s", (_, mutate, message) => {
    const drifted = structuredClone(migrated);
    mutate(drifted);
    expect(diffCatalogs(expectedCatalog(datamodel), drifted)).toEqual([message]);
  });

  it("reports a schema.prisma change that no migration made", async () => {
    const schema = fs
      .readFileSync(SCHEMA_PATH, "utf8")
      .replace(/nextStep( +)String\? /, "nextStep$1String  ")
      .replace(/(\n  @@index\(\[accountId\]\)\n)/, "$1  @@index([stageId])\n");
    const edited = (await internals.getDMMF({ datamodel: schema })).datamodel;
    expect(diffCatalogs(expectedCatalog(edited), migrated)).toEqual([
      "column deal.next_step: database has NULL, schema.prisma says NOT NULL",
      "index on deal: deal_stage_id_idx is missing from the database",
    ]);
  });

  it("reports drift made in a real database, as read from pg_catalog", async () => {
    const drifted = await createMigratedDatabase();
    const client = new pg.Client({ connectionString: drifted.url });
    await client.connect();
    try {
      await client.query(`
        ALTER TABLE "deal" ALTER COLUMN "name" DROP NOT NULL;
        ALTER TABLE "quota" ADD CONSTRAINT "quota_amount_check" CHECK ("amount" >= 0);
        DROP INDEX "activity_rep_id_at_idx";
        CREATE INDEX "activity_rep_id_at_idx" ON "activity"("at", "rep_id");
        ALTER TABLE "lead" ALTER COLUMN "handed_over_at" TYPE TIMESTAMP(3);
        ALTER TYPE "Role" ADD VALUE 'AUDITOR';
        CREATE VIEW "open_deal" AS SELECT * FROM "deal" WHERE "status" = 'OPEN';`);
      expect(diffCatalogs(expectedCatalog(datamodel), await readCatalog(client))).toEqual([
        "enum Role: database has (ADMIN, MANAGER, REP, AUDITOR), schema.prisma says (ADMIN, MANAGER, REP)",
        "index on activity: activity_rep_id_at_idx: database has btree (at, rep_id), schema.prisma says btree (rep_id, at)",
        "column deal.name: database has NULL, schema.prisma says NOT NULL",
        "column lead.handed_over_at: database type is timestamp(3) without time zone, schema.prisma says timestamp(3) with time zone",
        "view open_deal is in the database but not in schema.prisma",
        "check constraint quota_amount_check on quota is in the database but not in schema.prisma",
      ]);
    } finally {
      await client.end();
      await drifted.drop();
    }
  });
});
