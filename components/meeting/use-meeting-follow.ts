"use client";

import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";

interface Pulse {
  version: number;
  status: "PLANNED" | "IN_PROGRESS" | "DONE";
  position: number;
  total: number;
}

/**
 * Follows the meeting live: the server-sent events of /api/meeting/<id>/events say when its version moves, and the
 * page is re-read (router.refresh: the server renders what this viewer may see). A finished meeting opens its
 * summary. Says whether the stream is connected, for the screen to show.
 */
export function useMeetingFollow(meetingId: number, version: number): { connected: boolean } {
  const router = useRouter();
  const known = useRef(version);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    known.current = Math.max(known.current, version);
  }, [version]);
  useEffect(() => {
    const source = new EventSource(`/api/meeting/${meetingId}/events`);
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    source.addEventListener("pulse", (event) => {
      setConnected(true);
      const pulse = JSON.parse((event as MessageEvent<string>).data) as Pulse;
      if (pulse.status === "DONE") {
        source.close();
        router.push(`/meeting/${meetingId}/summary`);
        return;
      }
      if (pulse.version > known.current) {
        known.current = pulse.version;
        router.refresh();
      }
    });
    source.addEventListener("gone", () => {
      source.close();
      router.push("/meeting");
    });
    return () => source.close();
  }, [meetingId, router]);
  return { connected };
}
