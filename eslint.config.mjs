import { defineConfig, globalIgnores } from "eslint/config";
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// Only the data layer may touch the database (STYLE.md): pages and actions go through lib/data or lib/kpi.
const dbLayer = ["lib/data/**", "lib/kpi/**", "lib/import/**", "lib/db/**", "lib/cli/**", "prisma/**", "tests/**"];

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([".next/**", ".data/**", "lib/db/generated/**", "node_modules/**", "next-env.d.ts", "test-results/**", "playwright-report/**"]),
  {
    ignores: dbLayer,
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/lib/db/*", "**/lib/db/*", "@prisma/*", "pg"],
              allowTypeImports: true,
              message: "Read and write through lib/data or lib/kpi with the caller's Viewer.",
            },
          ],
        },
      ],
    },
  },
  {
    // A Viewer is made only by requireViewer() (and by tests); everyone else receives one.
    ignores: ["lib/auth/**", "tests/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ImportSpecifier[imported.name='mintViewer']", message: "Only requireViewer() makes a Viewer." },
      ],
    },
  },
]);
