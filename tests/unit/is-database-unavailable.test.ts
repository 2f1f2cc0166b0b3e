import { describe, expect, it } from "vitest";
import { AppError, appErrorOf, isDatabaseUnavailable } from "@/lib/errors";

// Shapes as Prisma 7 over @prisma/adapter-pg and node-postgres throw them (recorded against a stopped PostgreSQL 18).
const prismaError = (code: string, message: string, driverAdapterError?: unknown) =>
  Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code, clientVersion: "7.10.0", meta: driverAdapterError ? { driverAdapterError } : undefined });
const adapterError = (cause: Record<string, unknown>) => Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause });
const socketError = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, errno: -111, syscall: "connect", address: "127.0.0.1", port: 5432 });
const pgError = (code: string, message: string) => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a raw query while the server is down (P2010 wrapping DatabaseNotReachable)", prismaError("P2010", "Raw query failed. Message: `Can't reach database server at 127.0.0.1:5432`", adapterError({ kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 }))],
    ["a transaction that cannot connect (P1001)", prismaError("P1001", "Can't reach database server at 127.0.0.1:5432")],
    ["a server shut down mid-query (57P01 admin_shutdown)", prismaError("P2010", "terminating connection due to administrator command", adapterError({ kind: "postgres", code: "57P01", originalCode: "57P01", severity: "FATAL" }))],
    ["a connection reset (ConnectionClosed)", prismaError("P2010", "Raw query failed", adapterError({ kind: "ConnectionClosed" }))],
    ["a socket timeout", prismaError("P2010", "Raw query failed", adapterError({ kind: "SocketTimeout" }))],
    ["a server out of connections (TooManyConnections)", prismaError("P2010", "Raw query failed", adapterError({ kind: "TooManyConnections", cause: "sorry, too many clients already" }))],
    ["a pool with no free connection in time (P2024)", prismaError("P2024", "Timed out fetching a new connection from the connection pool.")],
    ["Prisma's initialization error, whose code is errorCode", Object.assign(new Error("Can't reach database server"), { name: "PrismaClientInitializationError", errorCode: "P1001" })],
    ["node-postgres refused (ECONNREFUSED)", socketError("ECONNREFUSED")],
    ["node-postgres reset (ECONNRESET)", socketError("ECONNRESET")],
    ["an AggregateError of IPv4 and IPv6 refusals", Object.assign(new AggregateError([socketError("ECONNREFUSED"), socketError("ECONNREFUSED")]), { code: "ECONNREFUSED" })],
    ["SQLSTATE 08006 connection_failure", pgError("08006", "connection failure")],
    ["SQLSTATE 57P03 cannot_connect_now (starting up)", pgError("57P03", "the database system is starting up")],
    ["node-postgres's code-less 'Connection terminated unexpectedly'", new Error("Connection terminated unexpectedly")],
    ["pg-pool's connection timeout", new Error("timeout exceeded when trying to connect")],
    ["an error whose cause is an outage", new Error("loading the viewer failed", { cause: socketError("ECONNREFUSED") })],
  ])("is true for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique violation (P2002)", prismaError("P2002", "Unique constraint failed")],
    ["an int4 out of range (22003)", prismaError("P2010", "Raw query failed", adapterError({ kind: "ValueOutOfRange", cause: "value out of range for type integer" }))],
    ["a NUL in text (22021)", prismaError("P2010", "Raw query failed", adapterError({ kind: "postgres", code: "22021", originalCode: "22021" }))],
    ["a wrong password (28P01): configuration, not an outage", prismaError("P2010", "Raw query failed", adapterError({ kind: "AuthenticationFailed", user: "app" }))],
    ["a missing table", prismaError("P2010", "Raw query failed", adapterError({ kind: "TableDoesNotExist", table: "deal" }))],
    ["a plain bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
    ["an AppError", new AppError("NOT_FOUND")],
    ["a string", "ECONNREFUSED"],
    ["null", null],
    ["undefined", undefined],
  ])("is false for %s", (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });

  it("stops on an error that is its own cause", () => {
    const looped: Error & { cause?: unknown } = new Error("loop");
    looped.cause = looped;
    expect(isDatabaseUnavailable(looped)).toBe(false);
  });
});

describe("appErrorOf", () => {
  it("keeps an AppError, makes an outage UNAVAILABLE (503) and leaves a bug to the caller", () => {
    const notFound = new AppError("NOT_FOUND");
    expect(appErrorOf(notFound)).toBe(notFound);
    expect(appErrorOf(socketError("ECONNREFUSED"))).toMatchObject({ code: "UNAVAILABLE", messageKey: "UNAVAILABLE" });
    expect(appErrorOf(new Error("syntax error at or near"))).toBeNull();
  });
});
