import "server-only";
import { assertViewer, type Viewer } from "@/lib/auth/viewer";
import { db } from "@/lib/db/client";

export interface ImportPipeline {
  name: string;
  stages: string[];
}

/** The organisation's pipelines and their stage names, for the pipeline choice and unknown-stage hints. */
export async function importPipelines(viewer: Viewer): Promise<ImportPipeline[]> {
  assertViewer(viewer);
  const pipelines = await db.pipeline.findMany({
    where: { orgId: viewer.orgId },
    orderBy: [{ position: "asc" }, { id: "asc" }],
    select: { name: true, stages: { orderBy: { position: "asc" }, select: { name: true } } },
  });
  return pipelines.map((p) => ({ name: p.name, stages: p.stages.map((s) => s.name) }));
}
