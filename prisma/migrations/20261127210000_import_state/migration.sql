-- The import wizard's state moves into the database so any app instance serves any step: uploaded files in
-- 1 MB chunks, and each import job as its import_run row (progress, heartbeat, outcome, rejected rows).
-- AlterEnum
ALTER TYPE "ImportStatus" ADD VALUE 'QUEUED';

-- AlterTable
ALTER TABLE "import_run" ADD COLUMN     "bytes_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "bytes_total" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "heartbeat_at" TIMESTAMPTZ(3),
ADD COLUMN     "job_id" UUID,
ADD COLUMN     "outcome" JSONB,
ADD COLUMN     "rejections" JSONB,
ADD COLUMN     "rows_done" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "import_upload" (
    "id" UUID NOT NULL,
    "org_id" INTEGER NOT NULL,
    "user_id" INTEGER NOT NULL,
    "file_name" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "encoding" TEXT,
    "delimiter" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_upload_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "import_upload_chunk" (
    "upload_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_upload_chunk_pkey" PRIMARY KEY ("upload_id","seq")
);

-- CreateIndex
CREATE UNIQUE INDEX "import_run_job_id_key" ON "import_run"("job_id");

-- CreateIndex
CREATE INDEX "import_upload_user_id_idx" ON "import_upload"("user_id");

-- CreateIndex
CREATE INDEX "import_upload_created_at_idx" ON "import_upload"("created_at");

-- AddForeignKey
ALTER TABLE "import_upload" ADD CONSTRAINT "import_upload_org_id_fkey" FOREIGN KEY ("org_id") REFERENCES "organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_upload" ADD CONSTRAINT "import_upload_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "app_user"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_upload_chunk" ADD CONSTRAINT "import_upload_chunk_upload_id_fkey" FOREIGN KEY ("upload_id") REFERENCES "import_upload"("id") ON DELETE CASCADE ON UPDATE CASCADE;
