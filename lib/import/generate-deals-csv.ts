// A large, realistic deals file for the benchmark and the kill test: streamed to disk, never held in memory.
import fs from "node:fs";
import { once } from "node:events";

const STAGES = ["Qualify", "Discovery meeting", "Solution demo", "Proposal", "Negotiation", "Contract sent"];
const DAY_MS = 86_400_000;

export interface GenerateDealsOptions {
  rows: number;
  owners: readonly string[];
  accounts: number;
  /** Deals are created over the year before this instant. */
  until: Date;
}

/** Writes `rows` deals with a mapping-free header (the field names); about 150 bytes a row. */
export async function generateDealsCsv(file: string, options: GenerateDealsOptions): Promise<number> {
  const out = fs.createWriteStream(file);
  out.write("id,name,owner,account,type,amount,created,expectedClose,closed,stage,lostReason,nextStep\n");
  let seed = 42;
  const random = () => {
    // mulberry32: the same file every time.
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  let chunk = "";
  for (let i = 1; i <= options.rows; i++) {
    const created = options.until.getTime() - Math.floor(random() * 365) * DAY_MS;
    const outcome = random();
    const amount = (Math.round(random() * 200_000) / 4).toFixed(2);
    const closedAt = day(Math.min(options.until.getTime(), created + Math.floor(random() * 120) * DAY_MS));
    const account = `Account ${1 + Math.floor(random() * options.accounts)}`;
    const type = pick(["NEW", "NEW", "NEW", "EXPANSION", "RENEWAL"]);
    const fields =
      outcome < 0.25
        ? ["Won", "", closedAt, ""]
        : outcome < 0.6
          ? ["Lost", "", closedAt, pick(["Price", "No decision", "Competitor", "Timing"])]
          : [pick(STAGES), day(created + 90 * DAY_MS), "", ""];
    const [stage, expected, closed, reason] = fields;
    chunk += `B-${i},"Deal ${i}, ${account}",${pick(options.owners)},${account},${type},${amount},${day(created)},${expected},${closed},${stage},${reason},"Call back, then send the proposal"\n`;
    if (chunk.length > 1 << 16) {
      if (!out.write(chunk)) await once(out, "drain");
      chunk = "";
    }
  }
  out.end(chunk);
  await once(out, "finish");
  return fs.statSync(file).size;
}
