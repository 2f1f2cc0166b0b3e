// Terminal output shared by the command-line tools.
import type { DemoLogin } from "../../prisma/seed";

/** A progress bar on stderr that redraws in place on a terminal and prints every 10% otherwise. */
export function progressBar(width = 30): (done: number, total: number, label: string) => void {
  let lastDecile = -1;
  let lastLine = "";
  return (done, total, label) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const percent = Math.floor(fraction * 100);
    if (process.stderr.isTTY) {
      const filled = Math.round(fraction * width);
      process.stderr.write(`\r  [${"█".repeat(filled)}${"░".repeat(width - filled)}] ${String(percent).padStart(3)}% ${label.padEnd(28).slice(0, 28)}`);
      if (fraction >= 1) process.stderr.write("\n");
      return;
    }
    // Without a terminal, one line per tenth; at 100% also the final count (the file is read ahead of the rows).
    const decile = Math.floor(percent / 10);
    const line = `  ${percent}% ${label}`;
    if (decile !== lastDecile || (fraction >= 1 && line !== lastLine)) {
      lastDecile = decile;
      lastLine = line;
      process.stderr.write(`${line}\n`);
    }
  };
}

export function printLogins(logins: DemoLogin[], password: string): void {
  if (logins.length === 0) return;
  console.log(`\n  Demo logins (password for all: ${password})`);
  for (const login of logins) {
    console.log(`    ${login.role.padEnd(8)} ${login.email.padEnd(36)} ${login.name}${login.team ? ` — ${login.team}` : ""}`);
  }
}

/** The start of an install without users: how to make the first administrator, on this machine or in the browser. */
export function printFirstAdminHelp(setupUrl: string, lifetimeMinutes: number): void {
  console.log(`
  No one can sign in yet: the database has no users. Create the first administrator here:
    npm run user -- create --email you@example.com --role ADMIN --org "Your company"
  or open this one-time link (valid ${lifetimeMinutes} minutes, single use) to set up the organisation and its
  administrator in the browser; a restart prints a new one:
    ${setupUrl}
  Then set currency, time zone and KPI thresholds under Administration → Settings or with npm run org -- set.`);
}
