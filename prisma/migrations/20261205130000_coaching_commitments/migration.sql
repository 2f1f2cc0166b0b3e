-- Coaching sessions keep the figures discussed as they stood on the session's date; commitments say how their
-- metric is compared with the target and when the rep acknowledged them (docs/metrics.md, "Coaching").
-- CreateEnum
CREATE TYPE "CommitmentComparator" AS ENUM ('AT_LEAST', 'AT_MOST');

-- AlterTable
ALTER TABLE "coaching_session" ADD COLUMN "figures" JSONB;

-- AlterTable
ALTER TABLE "commitment" ADD COLUMN "comparator" "CommitmentComparator",
ADD COLUMN "acknowledged_at" TIMESTAMPTZ(3);
