import { describe, expect, it } from "vitest";
import { DEFAULT_REPS, DEFAULT_SEED } from "../../prisma/seed/options";
import { parseLoadtestArgs } from "@/lib/loadtest/args";
import { formatRun, insertRun, MARK_END, MARK_START, type LoadtestReport } from "@/lib/loadtest/report";
import { assignLogins, AUTOSAVES_PER_STEP, scenarioRound, seededRandom } from "@/lib/loadtest/scenario";
import { listenerInode } from "@/lib/loadtest/server-process";
import { percentile, summarize, summarizeRss } from "@/lib/loadtest/stats";

describe("loadtest arguments", () => {
  it("has defaults for 100 users over 2 minutes", () => {
    expect(parseLoadtestArgs([])).toMatchObject({ url: "http://127.0.0.1:3000", users: 100, duration: 120, write: false });
    // The demo the launcher seeds on a first start (prisma/seed/options.ts): its logins are the ones signed in as.
    expect(parseLoadtestArgs([])).toMatchObject({ reps: DEFAULT_REPS, seed: DEFAULT_SEED });
    expect(parseLoadtestArgs(["--url", "http://localhost:3323", "--users", "5", "--write"])).toMatchObject({ url: "http://localhost:3323", users: 5, write: true });
  });

  it("refuses other hosts, unbounded numbers and unknown options, naming the option", () => {
    expect(() => parseLoadtestArgs(["--url", "http://example.com"])).toThrow(/--url must point at 127.0.0.1 or localhost/);
    expect(() => parseLoadtestArgs(["--url", "ftp://127.0.0.1"])).toThrow(/--url/);
    expect(() => parseLoadtestArgs(["--users", "0"])).toThrow(/--users must be at least 1/);
    expect(() => parseLoadtestArgs(["--users", "100000"])).toThrow(/--users must be at most 500/);
    expect(() => parseLoadtestArgs(["--duration", "1.5"])).toThrow(/--duration must be a whole number/);
    expect(() => parseLoadtestArgs(["--turbo", "1"])).toThrow(/unknown option "--turbo"/);
    expect(() => parseLoadtestArgs(["--users"])).toThrow(/--users needs a value/);
  });
});

describe("loadtest statistics", () => {
  it("takes nearest-rank percentiles", () => {
    const sorted = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(50);
    expect(percentile(sorted, 0.95)).toBe(95);
    expect(percentile(sorted, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
    expect(percentile([], 0.5)).toBeNaN();
  });

  it("groups requests and counts errors", () => {
    const { groups, total } = summarize([
      { name: "dashboard", ms: 100, ok: true },
      { name: "dashboard", ms: 300, ok: false },
      { name: "autosave", ms: 20, ok: true },
    ]);
    expect(groups.map((g) => [g.name, g.requests, g.errors, g.p50, g.max])).toEqual([
      ["autosave", 1, 0, 20, 20],
      ["dashboard", 2, 1, 100, 300],
    ]);
    expect(total).toMatchObject({ requests: 3, errors: 1, p50: 100, max: 300 });
  });

  it("reports RSS start, peak and end in MB", () => {
    expect(summarizeRss([102400, 512000, 204800])).toEqual({ startMb: 100, peakMb: 500, endMb: 200, samples: 3 });
    expect(summarizeRss([])).toBeNull();
  });
});

describe("loadtest scenario", () => {
  it("drives a manager through the dashboard, a review step with autosaves, a drill, the pipeline and the meeting", () => {
    const round = scenarioRound("MANAGER", 2025, seededRandom(1));
    expect(round.map((s) => s.name)).toEqual(["dashboard", "dashboard", "review step", ...Array(AUTOSAVES_PER_STEP).fill("autosave"), "drill", "pipeline", "meeting"]);
    const review = round.find((s) => s.name === "review step");
    expect(review?.path).toMatch(/^\/review\/2025\/(sales-process|sales-kpis|pipeline-review|coaching)$/);
    for (const save of round.filter((s) => s.kind === "autosave")) expect(save.path).toBe(review?.path);
    expect(round[1]?.path).toMatch(/^\/dashboard\?period=quarter&year=2025&quarter=[1-4]$/);
  });

  it("drives a rep through My KPIs, the pipeline and a drill", () => {
    expect(scenarioRound("REP", 2025, seededRandom(2)).map((s) => s.path.split("?")[0])).toEqual(["/my-kpis", "/pipeline", expect.stringMatching(/^\/drill\/(deals|activities)$/)]);
  });

  it("signs in as different managers and reps, half and half", () => {
    const logins = [
      { role: "ADMIN", email: "a" },
      { role: "MANAGER", email: "m1" },
      { role: "MANAGER", email: "m2" },
      { role: "REP", email: "r1" },
      { role: "REP", email: "r2" },
      { role: "REP", email: "r3" },
    ];
    expect(assignLogins(logins, 4).map((l) => l.email)).toEqual(["m1", "r1", "m2", "r2"]);
    expect(() => assignLogins([{ role: "REP", email: "r" }], 2)).toThrow(/manager/);
  });
});

describe("loadtest report", () => {
  const report: LoadtestReport = {
    label: "100 users",
    command: "npm run loadtest -- --users 100",
    date: "2026-12-05",
    machine: "2 × CPU",
    loadBefore: [1, 2, 3],
    loadAfter: [4, 5, 6],
    users: 100,
    durationS: 120,
    thinkMs: 1000,
    throughput: 42.25,
    groups: [
      { name: "autosave", requests: 10, errors: 0, p50: 50, p95: 120, p99: 130, max: 140 },
      { name: "dashboard", requests: 20, errors: 1, p50: 700, p95: 1500, p99: 1900, max: 2000 },
    ],
    total: { name: "all", requests: 30, errors: 1, p50: 300, p95: 1400, p99: 1900, max: 2000 },
    rss: { startMb: 400, peakMb: 800, endMb: 780, samples: 140 },
  };

  it("states the targets as met or missed, the machine's load and the server's memory", () => {
    const text = formatRun(report);
    expect(text).toContain("| autosave | 10 | 0 | 50 | 120 | 130 | 140 | < 300 met |");
    expect(text).toContain("| dashboard | 20 | 1 | 700 | 1,500 | 1,900 | 2,000 | < 1,000 **missed** |");
    expect(text).toContain("load average (1/5/15 min) 1.00 / 2.00 / 3.00 before, 4.00 / 5.00 / 6.00 after");
    expect(text).toContain("start 400 MB, peak 800 MB, end 780 MB");
    expect(text).toContain("Throughput: 42.3 requests/s");
  });

  it("adds runs inside the load-test section, creating it once", () => {
    const once = insertRun("# Benchmarks\n", "run 1\n");
    expect(once).toBe(`# Benchmarks\n\n${MARK_START}\nrun 1\n${MARK_END}\n`);
    expect(insertRun(once, "run 2\n")).toBe(`# Benchmarks\n\n${MARK_START}\nrun 1\n\nrun 2\n${MARK_END}\n`);
  });
});

describe("the server's listener", () => {
  it("finds the LISTEN socket's inode for a port in /proc/net/tcp", () => {
    const table = [
      "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
      "   0: 0100007F:0CFB 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123456 1 0",
      "   1: 0100007F:0CFB 0100007F:9C40 01 00000000:00000000 00:00000000 00000000  1000        0 999 1 0",
    ].join("\n");
    expect(listenerInode([table], 3323)).toBe("123456");
    expect(listenerInode([table], 3000)).toBeNull();
  });
});
