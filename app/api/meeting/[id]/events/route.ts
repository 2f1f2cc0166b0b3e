import { getMeetingPulse, type MeetingPulse } from "@/lib/data/meeting/get-meeting-pulse";
import { AppError } from "@/lib/errors";
import { authedRoute } from "@/lib/http/authed-route";
import { claimMeetingStreamSlot } from "@/lib/http/meeting-stream-slots";
import { meetingEventsSchema } from "@/lib/validation/meeting";

// PostgreSQL is polled about once a second per screen (one row by primary key); no other service is needed.
const POLL_MS = 1_000;
// A comment line every 15 s keeps proxies from closing a quiet stream.
const KEEP_ALIVE_MS = 15_000;
// A stream ends after two hours (a meeting is shorter); the browser's EventSource reconnects if the page is still open.
const MAX_STREAM_MS = 2 * 60 * 60 * 1_000;

const event = (pulse: MeetingPulse) => `event: pulse\ndata: ${JSON.stringify(pulse)}\n\n`;

/**
 * Live follow of one meeting (server-sent events): its version, status and place, sent when they change; the screen
 * then re-reads the page, which shows each viewer only what they may see. The meeting's team members, its manager
 * and admins; anyone else gets 404. A finished meeting sends its last state and closes.
 */
export const GET = authedRoute(meetingEventsSchema, async (viewer, input, tx, request) => {
  const first = await getMeetingPulse(viewer, input.id, tx);
  if (!first) throw new AppError("NOT_FOUND", { detail: `meeting ${input.id} is not visible to user ${viewer.userId}` });
  const release = claimMeetingStreamSlot(viewer.userId);
  if (!release) throw new AppError("RATE_LIMITED", { messageKey: "meetingFollowersLimit", detail: `user ${viewer.userId} follows too many meetings` });

  const encoder = new TextEncoder();
  const started = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let stop = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        if (!closed) controller.enqueue(encoder.encode(text));
      };
      stop = () => {
        if (closed) return;
        closed = true;
        clearTimeout(timer);
        release();
        request.signal.removeEventListener("abort", stop);
        try {
          controller.close();
        } catch {
          // The client went away first.
        }
      };
      request.signal.addEventListener("abort", stop);
      send(`retry: 3000\n\n${event(first)}`);
      if (first.status === "DONE") return stop();
      let last = first;
      let quietSince = Date.now();
      const tick = async () => {
        if (closed) return;
        if (Date.now() - started >= MAX_STREAM_MS) return stop();
        try {
          const pulse = await getMeetingPulse(viewer, input.id);
          if (!pulse) {
            send("event: gone\ndata: {}\n\n");
            return stop();
          }
          if (pulse.version !== last.version || pulse.status !== last.status || pulse.position !== last.position) {
            send(event(pulse));
            last = pulse;
            quietSince = Date.now();
          } else if (Date.now() - quietSince >= KEEP_ALIVE_MS) {
            send(": keep-alive\n\n");
            quietSince = Date.now();
          }
          if (pulse.status === "DONE") return stop();
        } catch {
          // The database is briefly unreachable: the next tick tries again.
        }
        if (!closed) timer = setTimeout(tick, POLL_MS);
      };
      timer = setTimeout(tick, POLL_MS);
    },
    cancel() {
      stop();
    },
  });
  return new Response(body, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      // no-transform: no compression, which would hold events back until a buffer fills.
      "Cache-Control": "private, no-store, no-transform",
      "X-Accel-Buffering": "no",
    },
  });
});
