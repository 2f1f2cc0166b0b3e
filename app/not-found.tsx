import { NotFoundMessage } from "@/components/ui/not-found-message";

// An address outside the app shell: this page is the document's one <main>.
export default function NotFound() {
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-6">
      <NotFoundMessage />
    </main>
  );
}
