"use client";

import { useEffect } from "react";
import { PageError } from "@/components/shell/page-error";

export default function MeetingError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto max-w-4xl px-8 py-10">
      <PageError digest={error.digest} onRetry={reset} />
    </main>
  );
}
