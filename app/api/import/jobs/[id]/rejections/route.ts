import { authedRoute } from "@/lib/http/authed-route";
import { importJobRejections } from "@/lib/data/import-jobs";
import { importRejectionsCsv } from "@/lib/data/import-rejections-csv";
import { importJobSchema } from "@/lib/validation/import-ui-requests";

export const GET = authedRoute(
  importJobSchema,
  async (viewer, input) => {
    return new Response(importRejectionsCsv(await importJobRejections(viewer, input.id), viewer.locale), {
      headers: { "Content-Type": "text/csv; charset=utf-8", "Content-Disposition": 'attachment; filename="rejected-rows.csv"', "Cache-Control": "private, no-store" },
    });
  },
  { roles: ["ADMIN", "MANAGER"] },
);
