"use client";

import { useEffect } from "react";
import { PageError } from "@/components/shell/page-error";

export default function AppError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  return <PageError digest={error.digest} onRetry={reset} />;
}
