// `npm run loadtest -- [--url http://127.0.0.1:3000] [--users 100] [--duration 120] [--ramp 20] [--think 1000]
// [--year 2025] [--reps 24] [--seed 20240607] [--pid N] [--write]`: signs in as many different managers and reps
// of a demo data set (seeded with those --reps and --seed) against a production server on this machine and drives
// their pages and the review autosave for the duration; prints throughput, p50/p95/p99 and errors per request group,
// the server's RSS (start, peak, end), and with --write adds the run to docs/benchmarks.md.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DEMO_PASSWORD, demoLogins } from "../../prisma/seed";
import { parseLoadtestArgs, type LoadtestArgs } from "../loadtest/args";
import { formatRun, insertRun, targetFor } from "../loadtest/report";
import { assignLogins, scenarioRound, seededRandom, type Step } from "../loadtest/scenario";
import { findListenerPid, readAppRssKb } from "../loadtest/server-process";
import { summarize, summarizeRss, type Sample } from "../loadtest/stats";

const root = path.resolve(import.meta.dirname, "../..");
const REQUEST_TIMEOUT_MS = 60_000;

class Session {
  private cookies = new Map<string, string>();
  constructor(private readonly base: string) {}

  private remember(response: Response) {
    for (const header of response.headers.getSetCookie()) {
      const [pair = ""] = header.split(";");
      const at = pair.indexOf("=");
      if (at > 0) this.cookies.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim());
    }
  }

  async fetch(pathname: string, init: RequestInit = {}): Promise<{ status: number; text: string; location: string | null }> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(new URL(pathname, this.base), { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
    this.remember(response);
    // The whole body: a page is served when its last streamed panel has arrived.
    const text = await response.text();
    return { status: response.status, text, location: response.headers.get("location") };
  }

  /** GET, following same-server redirects (the meeting page sends to the current meeting). */
  async page(pathname: string): Promise<{ status: number; text: string }> {
    let current = pathname;
    for (let hop = 0; hop < 4; hop++) {
      const result = await this.fetch(current);
      if (result.status < 300 || result.status >= 400 || !result.location) return result;
      const next = new URL(result.location, this.base);
      if (next.origin !== new URL(this.base).origin || next.pathname.startsWith("/login")) return result;
      current = next.pathname + next.search;
    }
    return { status: 310, text: "" };
  }

  async signIn(email: string): Promise<void> {
    const csrf = await this.fetch("/api/auth/csrf");
    const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email, password: DEMO_PASSWORD, json: "true" });
    const result = await this.fetch("/api/auth/callback/credentials", { method: "POST", body: form, headers: { "content-type": "application/x-www-form-urlencoded" } });
    if (![...this.cookies.keys()].some((name) => name.endsWith("session-token"))) throw new Error(`sign-in of ${email} failed (HTTP ${result.status})`);
  }
}

/** The autosave server action's id in this build (Next names server actions by id in its manifest). */
function autosaveActionId(nextDir: string): string {
  const file = path.resolve(root, nextDir, "server", "server-reference-manifest.json");
  if (!fs.existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` first`);
  const manifest = JSON.parse(fs.readFileSync(file, "utf8")) as { node: Record<string, { exportedName?: string; filename?: string }> };
  for (const [id, entry] of Object.entries(manifest.node)) {
    if (entry.exportedName === "saveReviewAnswer" && (entry.filename ?? "").includes("review-save-answer")) return id;
  }
  throw new Error("the build has no saveReviewAnswer action");
}

/** The first answer field on a review step page: its team, section, question and version, from the page's payload. */
function answerField(html: string): { teamId: string; section: string; questionKey: string; version: number } | null {
  const q = '\\\\?"';
  const match = new RegExp(`teamId${q}:(\\d+),${q}year${q}:\\d+,${q}section${q}:${q}([A-Z_]+)${q},${q}questionKey${q}:${q}([a-zA-Z]+)${q}`).exec(html);
  if (!match) return null;
  const rest = html.slice(match.index, match.index + 4000);
  const version = new RegExp(`initial${q}:\\{${q}answer${q}:${q}(?:[^"\\\\]|\\\\.)*?${q},${q}version${q}:(\\d+)`).exec(rest);
  return { teamId: match[1] as string, section: match[2] as string, questionKey: match[3] as string, version: version ? Number(version[1]) : 0 };
}

async function autosave(session: Session, actionId: string, pathname: string, field: NonNullable<ReturnType<typeof answerField>>, n: number): Promise<"saved" | "conflict" | "failed"> {
  // The encoding React uses for an action's arguments (react-server-dom decodeReply): the argument list in "0", the
  // FormData as "$K1" with its fields prefixed "_1_" (an unprefixed field reaches the action as missing).
  const form = new FormData();
  form.set("_1_teamId", field.teamId);
  form.set("_1_year", pathname.split("/")[2] ?? "");
  form.set("_1_section", field.section);
  form.set("_1_questionKey", field.questionKey);
  form.set("_1_answer", `Load test note ${n}: what we keep doing and what we change next year.`);
  form.set("_1_baseVersion", String(field.version));
  form.set("0", JSON.stringify([{ status: "idle" }, "$K1"]));
  const result = await session.fetch(pathname, { method: "POST", body: form, headers: { "next-action": actionId, accept: "text/x-component" } });
  if (result.status !== 200) return "failed";
  const saved = /"outcome":"saved","version":(\d+)/.exec(result.text);
  if (saved) {
    field.version = Number(saved[1]);
    return "saved";
  }
  // Two users of one login (fewer managers than manager users) edit the same answer: the server refuses the stale
  // write and returns the other version, as it should; the writer goes on from that version, as a person would.
  const conflict = /"outcome":"conflict","theirs":\{"answer":"(?:[^"\\]|\\.)*","version":(\d+)/.exec(result.text);
  if (!conflict) return "failed";
  field.version = Number(conflict[1]);
  return "conflict";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(args: LoadtestArgs): Promise<void> {
  const actionId = args.actionId ?? autosaveActionId(args.nextDir);
  const logins = assignLogins(demoLogins({ reps: args.reps, seed: args.seed }), args.users);
  const port = Number(new URL(args.url).port || 80);
  const pid = args.pid ?? findListenerPid(port);
  console.log(`▸ ${args.users} users (${logins.filter((l) => l.role === "MANAGER").length} managers, ${logins.filter((l) => l.role === "REP").length} reps) against ${args.url}${pid ? `, server pid ${pid}` : ", server pid not found (no RSS)"}`);

  const rssKb: number[] = [];
  const sampleRss = () => {
    const kb = pid ? readAppRssKb(pid) : null;
    if (kb !== null) rssKb.push(kb);
  };
  sampleRss();
  const sampler = setInterval(sampleRss, 1000);
  const loadBefore = os.loadavg();

  const samples: Sample[] = [];
  const failures = new Map<string, number>();
  const fail = (what: string) => failures.set(what, (failures.get(what) ?? 0) + 1);
  let measuring = false;
  let stopping = false;
  const record = (name: string, ms: number, ok: boolean, what: string) => {
    if (!ok) fail(what);
    if (measuring) samples.push({ name, ms, ok });
  };
  let signInFailures = 0;
  let conflicts = 0;
  // Sign-ins one at a time: the server counts a sign-in still checking its password as a failure of its address
  // (lib/data/login-attempts.ts), and every user here comes from 127.0.0.1, so more than ten at once would be
  // refused as a guessing attack. Sign-ins are not measured.
  let signInQueue: Promise<unknown> = Promise.resolve();

  const runUser = async (index: number) => {
    const login = logins[index] as (typeof logins)[number];
    await sleep(args.users > 1 ? (args.ramp * 1000 * index) / (args.users - 1) : 0);
    const session = new Session(args.url);
    try {
      const signedIn = signInQueue.then(() => session.signIn(login.email));
      signInQueue = signedIn.catch(() => undefined);
      await signedIn;
    } catch (error) {
      signInFailures++;
      console.error(`✖ ${error instanceof Error ? error.message : String(error)}`);
      return;
    }
    const pick = seededRandom(args.seed + index);
    let field: ReturnType<typeof answerField> = null;
    let saves = 0;
    while (!stopping) {
      for (const step of scenarioRound(login.role, args.year, pick) as Step[]) {
        if (stopping) break;
        const started = performance.now();
        if (step.kind === "page") {
          let ok = false;
          try {
            const result = await session.page(step.path);
            ok = result.status === 200;
            if (step.name === "review step") field = ok ? answerField(result.text) : null;
            if (!ok) fail(`${step.path.split("?")[0]} HTTP ${result.status}`);
          } catch (error) {
            fail(`${step.path.split("?")[0]} ${error instanceof Error ? error.name : "error"}`);
          }
          record(step.name, performance.now() - started, ok, "");
        } else {
          let ok = false;
          try {
            const outcome = field === null ? "failed" : await autosave(session, actionId, step.path, field, ++saves);
            ok = outcome !== "failed";
            if (outcome === "conflict" && measuring) conflicts++;
          } catch {
            ok = false;
          }
          record(step.name, performance.now() - started, ok, field ? "autosave not saved" : "autosave: no answer field on the page");
        }
        if (args.think > 0) await sleep(args.think * (0.5 + pick()));
      }
    }
  };

  const users = Array.from({ length: args.users }, (_, i) => runUser(i));
  await sleep(args.ramp * 1000);
  console.log(`▸ Ramp done; measuring ${args.duration} s`);
  failures.clear();
  measuring = true;
  const started = performance.now();
  const progress = setInterval(() => console.log(`▸   ${Math.round((performance.now() - started) / 1000)} s, ${samples.length} requests`), 15_000);
  await sleep(args.duration * 1000);
  measuring = false;
  const elapsed = (performance.now() - started) / 1000;
  clearInterval(progress);
  stopping = true;
  await Promise.all(users);
  clearInterval(sampler);
  sampleRss();
  const loadAfter = os.loadavg();

  const { groups, total } = summarize(samples);
  const rss = summarizeRss(rssKb);
  for (const g of groups) console.log(`${g.name}: ${g.requests} requests, ${g.errors} errors, p50 ${g.p50.toFixed(0)} ms, p95 ${g.p95.toFixed(0)} ms (target < ${targetFor(g.name)}), p99 ${g.p99.toFixed(0)} ms`);
  console.log(`all: ${total.requests} requests in ${elapsed.toFixed(0)} s = ${(total.requests / elapsed).toFixed(1)}/s, ${total.errors} errors; sign-ins failed: ${signInFailures}; autosave conflicts (answered correctly): ${conflicts}`);
  for (const [what, count] of failures) if (what) console.log(`  error: ${what} × ${count}`);
  if (rss) console.log(`server RSS: start ${rss.startMb} MB, peak ${rss.peakMb} MB, end ${rss.endMb} MB`);

  if (args.write) {
    const cpu = os.cpus();
    const run = formatRun({
      label: args.label ?? `${args.users} users, ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`,
      command: `npm run loadtest -- ${process.argv.slice(2).join(" ")}`,
      date: new Date().toISOString().slice(0, 10),
      machine: `${cpu.length} × ${cpu[0]?.model?.trim() ?? "CPU"}, ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, Node ${process.version}`,
      loadBefore,
      loadAfter,
      users: args.users,
      durationS: args.duration,
      thinkMs: args.think,
      throughput: total.requests / elapsed,
      groups,
      total,
      rss,
    });
    const doc = path.join(root, "docs", "benchmarks.md");
    fs.writeFileSync(doc, insertRun(fs.readFileSync(doc, "utf8"), run));
    console.log(`▸ Added to ${path.relative(root, doc)}`);
  }
  if (signInFailures > 0 || total.errors > 0) process.exitCode = 1;
}

let args: LoadtestArgs;
try {
  args = parseLoadtestArgs(process.argv.slice(2));
} catch (error) {
  console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}
main(args).catch((error: unknown) => {
  console.error(`loadtest: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
