import "next-auth";
import "next-auth/jwt";

declare module "next-auth" {
  interface User {
    tokenVersion: number;
  }
  interface Session {
    userId: number;
    tokenVersion: number;
    sessionId: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: number;
    tokenVersion?: number;
    sessionId?: string;
  }
}
