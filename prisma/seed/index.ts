// The demo-year generator: what the launcher, the seed command and the tests use.
export { DEMO_PASSWORD, demoLogins } from "./demo-logins";
export { isDatabaseEmpty } from "./is-database-empty";
export { DEFAULT_REPS, DEFAULT_SEED, DEFAULT_YEARS, MAX_REPS, MAX_YEARS, MIN_REPS } from "./options";
export type { DemoLogin } from "./plan-organisation";
export { DatabaseNotEmptyError, seedDemo, type SeedDemoOptions, type SeedDemoResult } from "./seed-demo";
export { DEFAULT_DEMO_LOCALE, DEMO_LOCALES, type DemoLocale } from "./locale";
