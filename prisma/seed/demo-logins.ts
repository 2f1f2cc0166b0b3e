// The demo's sign-ins, for the launcher to print and the README to list. Every login has the same password.
import { DEFAULT_REPS, DEFAULT_SEED, resolveDemoOptions } from "./options";
import { type DemoLogin, planOrganisation } from "./plan-organisation";

export const DEMO_PASSWORD = "demo-review";

/** The logins a demo seeded with these options has (names depend on the seed and the number of reps only). */
export function demoLogins(options: { seed?: number; reps?: number } = {}): DemoLogin[] {
  const resolved = resolveDemoOptions({ seed: options.seed ?? DEFAULT_SEED, reps: options.reps ?? DEFAULT_REPS, years: 1, passwordHash: "" });
  return planOrganisation(resolved).logins;
}
