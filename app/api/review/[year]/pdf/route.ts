import { z } from "zod";
import { getReviewTeam } from "@/lib/data/review/review-team";
import { authedRoute } from "@/lib/http/authed-route";
import { pdfBrowserPath, renderReviewPdf } from "@/lib/review/render-review-pdf";
import { idField } from "@/lib/validation/admin-fields";
import { reviewYear } from "@/lib/validation/review";

/**
 * "Download PDF": the review's print view rendered by headless Chromium. The team is checked here before
 * anything is rendered; the page itself is fetched with the caller's cookies, so it shows what they may see.
 */
export const GET = authedRoute(
  z.object({ year: reviewYear, team: idField }),
  async (viewer, input, tx, request) => {
    const team = await getReviewTeam(viewer, input.team, tx);
    const browser = pdfBrowserPath();
    if (!browser) {
      return Response.json({ error: "PDF_UNAVAILABLE", message: "No Chromium on this server: use the print view and your browser's Save as PDF." }, { status: 503 });
    }
    const cookie = request.headers.get("cookie") ?? "";
    // Rendered after the handler's transaction ends (it may take longer than a transaction may stay open).
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        try {
          controller.enqueue(await renderReviewPdf(browser, `/review/${input.year}/print?team=${team.id}`, cookie));
          controller.close();
        } catch (error) {
          console.error("Review PDF failed", error);
          controller.error(error);
        }
      },
    });
    const name = `review-${input.year}-${team.name.replace(/[^\p{L}\p{N}]+/gu, "-").replace(/^-|-$/g, "").toLowerCase() || team.id}.pdf`;
    return new Response(body, {
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="review-${input.year}-${team.id}.pdf"; filename*=UTF-8''${encodeURIComponent(name)}`,
        "Cache-Control": "private, no-store",
      },
    });
  },
  { roles: ["MANAGER", "ADMIN"] },
);
