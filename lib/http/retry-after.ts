/** Seconds a client waits before trying again while the database is unreachable (Retry-After, the outage page's countdown). */
export const RETRY_AFTER_SECONDS = 30;
