// OWASP's session management cheat sheet: an idle timeout of hours and an absolute one for low-risk apps.
// A working day away ends the session; a week after signing in, everyone signs in again.
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
// The idle clock is moved at most this often, so a busy session does not write on every request.
export const SESSION_TOUCH_INTERVAL_MS = 5 * 60 * 1000;
