-- Stage rules keep their history (docs/metrics.md, "Qualification and forecast"). An exit criterion is in force from
-- introduced_at until retired_at (NULL: asked today), except during the pauses of stage_criterion_pause (a retired
-- criterion that was asked again keeps its earlier retirement there). Qualification at a date D uses the criteria in
-- force at D. `active` is replaced by retired_at IS NULL.

-- Criteria that existed before their history was kept have always applied (a date before any data).
ALTER TABLE "stage_criterion" ADD COLUMN "introduced_at" TIMESTAMPTZ(3) NOT NULL DEFAULT to_timestamp(0),
    ADD COLUMN "retired_at" TIMESTAMPTZ(3);

-- A retired criterion was retired when its last "criterion.retire" audit row says, else now (the migration's time).
UPDATE "stage_criterion" sc
SET "retired_at" = coalesce(
  (SELECT max(a."at") FROM "audit_log" a
    WHERE a."entity" = 'stage_criterion' AND a."action" = 'criterion.retire' AND a."entity_id" = sc."id"::text),
  CURRENT_TIMESTAMP)
WHERE NOT sc."active";

ALTER TABLE "stage_criterion" DROP COLUMN "active";

-- CreateTable
CREATE TABLE "stage_criterion_pause" (
    "id" SERIAL NOT NULL,
    "criterion_id" INTEGER NOT NULL,
    "retired_at" TIMESTAMPTZ(3) NOT NULL,
    "restored_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "stage_criterion_pause_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stage_criterion_pause_criterion_id_idx" ON "stage_criterion_pause"("criterion_id");

-- AddForeignKey
ALTER TABLE "stage_criterion_pause" ADD CONSTRAINT "stage_criterion_pause_criterion_id_fkey" FOREIGN KEY ("criterion_id") REFERENCES "stage_criterion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The KPI engine reads the pauses: writes change the data version (lib/db/data-change-triggers.ts).
CREATE TRIGGER "stage_criterion_pause_data_change" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "stage_criterion_pause"
  FOR EACH STATEMENT EXECUTE FUNCTION "note_data_change"();

-- A stage's settings as they were from valid_from on (source data written with every change of them; the stage row
-- holds the settings of today). changed_at is when the row was written, changed_by_id who wrote it (NULL: the
-- command line, or before the history was kept).
-- CreateTable
CREATE TABLE "stage_revision" (
    "id" SERIAL NOT NULL,
    "stage_id" INTEGER NOT NULL,
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "buyer_stage" "BuyerStage",
    "buyer_question" TEXT,
    "probability" INTEGER NOT NULL,
    "is_first_meeting" BOOLEAN NOT NULL,
    "changed_by_id" INTEGER,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "stage_revision_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "stage_revision_stage_id_valid_from_idx" ON "stage_revision"("stage_id", "valid_from");

-- AddForeignKey
ALTER TABLE "stage_revision" ADD CONSTRAINT "stage_revision_stage_id_fkey" FOREIGN KEY ("stage_id") REFERENCES "stage"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "stage_revision" ADD CONSTRAINT "stage_revision_changed_by_id_fkey" FOREIGN KEY ("changed_by_id") REFERENCES "app_user"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Every existing stage's settings, in force since before any data.
INSERT INTO "stage_revision" ("stage_id", "valid_from", "buyer_stage", "buyer_question", "probability", "is_first_meeting")
SELECT "id", to_timestamp(0), "buyer_stage", "buyer_question", "probability", "is_first_meeting" FROM "stage";
