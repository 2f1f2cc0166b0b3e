import { NextIntlClientProvider } from "next-intl";
import type { ReactNode } from "react";
import { requireViewer } from "@/lib/auth/require-viewer";
import { messagesFor } from "@/lib/i18n/messages";

// Meeting mode is made for a projector: the whole screen, no app navigation, body text 24 px, black on white.
export default async function MeetingLayout({ children }: { children: ReactNode }) {
  const viewer = await requireViewer();
  const messages = messagesFor(viewer.locale);
  return (
    <NextIntlClientProvider
      locale={viewer.locale}
      messages={{ meeting: messages.meeting, errors: messages.errors, unavailable: messages.unavailable }}
      formats={{}}
      now={new Date()}
      timeZone="UTC"
    >
      <div className="min-h-screen bg-white text-2xl leading-snug text-black">{children}</div>
    </NextIntlClientProvider>
  );
}
