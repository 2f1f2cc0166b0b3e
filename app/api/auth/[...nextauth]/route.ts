import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { authOptions } from "@/lib/auth/options";
import { tooLarge } from "@/lib/http/authed-route";
import { BodyTooLargeError, readBoundedBody } from "@/lib/http/read-body";

const handler = NextAuth(authOptions);

// A sign-in form is a few hundred bytes: anything larger is refused (413) before NextAuth parses it.
const AUTH_BODY_LIMIT_BYTES = 16 * 1024;

type Context = { params: Promise<{ nextauth: string[] }> };

async function POST(request: NextRequest, context: Context): Promise<Response> {
  let body: Uint8Array<ArrayBuffer>;
  try {
    body = await readBoundedBody(request, AUTH_BODY_LIMIT_BYTES);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(null, error.limit);
    throw error;
  }
  // The body is read once: NextAuth gets a copy of the request with the bytes already read.
  return handler(new NextRequest(request.url, { method: request.method, headers: request.headers, body }), context);
}

export { handler as GET, POST };
