import { NotFoundMessage } from "@/components/ui/not-found-message";

// notFound() inside the app shell, whose layout already holds the page's one <main>.
export default function AppNotFound() {
  return (
    <div className="flex min-h-[60vh] items-center justify-center">
      <NotFoundMessage />
    </div>
  );
}
