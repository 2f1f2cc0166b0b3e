import { defineConfig } from "prisma/config";

// Migrations are applied by lib/db/migrate.ts at start-up; `prisma migrate deploy` can take over
// where Prisma's native schema engine is available, since both use the same _prisma_migrations table.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://localhost:5432/unused" },
});
