-- One-time links that set up the organisation and its first administrator in the browser (lib/data/setup-token.ts).
-- `npm start` issues one while the database has no users; only the SHA-256 of the token is kept. In the database,
-- not in the process, so that any app instance behind a load balancer can redeem a link another one printed.
-- CreateTable
CREATE TABLE "setup_token" (
    "id" SERIAL NOT NULL,
    "token_hash" TEXT NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "setup_token_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "setup_token_token_hash_key" ON "setup_token"("token_hash");
