"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useId, useState, useSyncExternalStore } from "react";

const subscribeNothing = () => () => {};

/** The one-time link, shown once: the server keeps only its hash, so this is the admin's only chance to copy it. */
export function InviteLink({ token, expiresAt }: { token: string; expiresAt: string | null }) {
  const t = useTranslations("admin.users");
  const format = useFormatter();
  const id = useId();
  const [copied, setCopied] = useState(false);
  const origin = useSyncExternalStore(subscribeNothing, () => window.location.origin, () => "");
  const url = `${origin}/invite/${token}`;
  const until = expiresAt ? format.dateTime(new Date(expiresAt), { dateStyle: "medium", timeStyle: "short" }) : "";

  return (
    <div className="space-y-2 text-foreground">
      <p>{t("inviteReady", { date: until })}</p>
      <label htmlFor={id} className="sr-only">
        {t("inviteLink")}
      </label>
      <div className="flex gap-2">
        <input
          id={id}
          readOnly
          value={url}
          onFocus={(event) => event.currentTarget.select()}
          className="block w-full rounded-lg border border-border-strong bg-surface px-3 py-2 font-mono text-xs text-foreground"
        />
        <button
          type="button"
          onClick={async () => {
            await navigator.clipboard.writeText(url);
            setCopied(true);
          }}
          className="inline-flex min-h-9 shrink-0 items-center rounded-lg border border-border-strong bg-surface px-3 text-sm font-semibold text-foreground hover:bg-surface-muted"
        >
          {copied ? t("copied") : t("copy")}
        </button>
      </div>
    </div>
  );
}
