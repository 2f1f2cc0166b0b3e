/** The largest JSON or form body a route handler reads (server actions have the same cap in next.config.ts). */
export const ROUTE_BODY_LIMIT_BYTES = 1024 * 1024;

/** A request body over its route's cap: answered 413 before more of it is read. */
export class BodyTooLargeError extends Error {
  override name = "BodyTooLargeError";
  constructor(readonly limit: number) {
    super(`request body over ${limit} bytes`);
  }
}

/**
 * The body as bytes, refused as soon as it passes `limit`: a declared Content-Length over the cap is refused
 * before anything is read, and a body sent without one (chunked) is cut off at the cap, never held whole.
 */
export async function readBoundedBody(request: Request, limit: number): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (Number.isFinite(declared) && declared > limit) throw new BodyTooLargeError(limit);
  const body = new Uint8Array(limit);
  let length = 0;
  const reader = request.body?.getReader();
  for (let piece = await reader?.read(); piece && !piece.done; piece = await reader?.read()) {
    if (length + piece.value.length > limit) {
      await reader?.cancel();
      throw new BodyTooLargeError(limit);
    }
    body.set(piece.value, length);
    length += piece.value.length;
  }
  return body.slice(0, length);
}
