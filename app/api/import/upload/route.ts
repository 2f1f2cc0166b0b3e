import { authedRoute } from "@/lib/http/authed-route";
import { importInspect } from "@/lib/data/import-inspect";
import { deleteUpload, saveUpload } from "@/lib/data/import-uploads";
import { importMessageText } from "@/lib/import/messages/import-message-text";
import { ImportFileError } from "@/lib/import/parse/import-file-error";
import { importUploadSchema } from "@/lib/validation/import-ui-requests";

// The import library's file limit (64 MB) is checked by the schema; the body is read as a form.
export const POST = authedRoute(
  importUploadSchema,
  async (viewer, input) => {
    const upload = await saveUpload(viewer, input.file);
    try {
      return await importInspect(viewer, upload, input.kind, input.encoding);
    } catch (error) {
      await deleteUpload(upload.id);
      if (error instanceof ImportFileError) {
        return Response.json({ error: "FILE", message: importMessageText(error.importMessage, viewer.locale), importMessage: error.importMessage }, { status: 422 });
      }
      throw error;
    }
  },
  { roles: ["ADMIN", "MANAGER"] },
);
