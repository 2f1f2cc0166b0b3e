// What the demo generator is asked for, with the defaults of the standard demo organisation.

export interface DemoOptions {
  seed: number;
  /** The generated data ends the day before this date (in the organisation's time zone). */
  today: Date;
  /** Number of reps (a quarter of them SDRs, the rest AEs). */
  reps: number;
  /** Calendar years covered, counting the current year to date: 3 = two full years before this one, plus this one. */
  years: number;
  /** The bcrypt hash every demo login gets (hashed once by the caller: the generator stays pure and fast). */
  passwordHash: string;
  /**
   * Plant the patterns of docs/demo-data.md (the default). Off, for tests only: an organisation where no insight
   * rule should fire — no hand-over bottleneck, no planted reps, no stalling stage, every rep coached, no sloppy
   * team, no optimistic commits.
   */
  patterns: boolean;
}

export const DEFAULT_SEED = 20240607;
export const DEFAULT_REPS = 24;
export const DEFAULT_YEARS = 3;
export const MIN_REPS = 4;
export const MAX_REPS = 5000;
export const MAX_YEARS = 10;

export function resolveDemoOptions(input: Partial<DemoOptions> & { passwordHash: string }): DemoOptions {
  const options: DemoOptions = {
    seed: input.seed ?? DEFAULT_SEED,
    today: input.today ?? new Date(),
    reps: input.reps ?? DEFAULT_REPS,
    years: input.years ?? DEFAULT_YEARS,
    passwordHash: input.passwordHash,
    patterns: input.patterns ?? true,
  };
  if (!Number.isInteger(options.seed) || options.seed < 0 || options.seed > 0xffffffff) {
    throw new Error(`seed must be an integer between 0 and ${0xffffffff}, got ${options.seed}`);
  }
  if (!Number.isInteger(options.reps) || options.reps < MIN_REPS || options.reps > MAX_REPS) {
    throw new Error(`reps must be an integer between ${MIN_REPS} and ${MAX_REPS}, got ${options.reps}`);
  }
  if (!Number.isInteger(options.years) || options.years < 1 || options.years > MAX_YEARS) {
    throw new Error(`years must be an integer between 1 and ${MAX_YEARS}, got ${options.years}`);
  }
  if (Number.isNaN(options.today.getTime())) throw new Error("today is not a valid date");
  return options;
}
