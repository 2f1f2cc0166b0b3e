-- Pruning attempts older than the retention reads them oldest first (lib/data/login-attempts.ts).

-- CreateIndex
CREATE INDEX "login_attempt_at_idx" ON "login_attempt"("at");
