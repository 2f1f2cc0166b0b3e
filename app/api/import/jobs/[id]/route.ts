import { authedRoute } from "@/lib/http/authed-route";
import { importJob } from "@/lib/data/import-jobs";
import { importJobSchema } from "@/lib/validation/import-ui-requests";

export const GET = authedRoute(
  importJobSchema,
  async (viewer, input) => {
    const { status, bytes, totalBytes, rows, outcome } = await importJob(viewer, input.id);
    return { status, bytes, totalBytes, rows, outcome };
  },
  { roles: ["ADMIN", "MANAGER"] },
);
