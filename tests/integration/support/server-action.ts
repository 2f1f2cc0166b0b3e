// Posts a server action to a running production app as the browser does: the action's id from the build's
// manifest, React's reply encoding of (previous state, form), and the Next-Action header.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../../..");

const react = createRequire(path.join(root, "package.json"))("next/dist/compiled/react-server-dom-webpack/client.edge.js") as {
  encodeReply: (value: unknown) => Promise<FormData | string>;
};

export interface ServerActionCall {
  /** The app's origin, e.g. http://127.0.0.1:3000. */
  base: string;
  cookies: string;
  /** The page the form is on (the action runs in its route). */
  pagePath: string;
  /** The action's module and export, e.g. lib/actions/meeting-start.ts and startMeeting. */
  file: string;
  exported: string;
  fields: Record<string, string>;
  timeoutMs?: number;
}

export async function callServerAction(call: ServerActionCall): Promise<{ status: number; body: string }> {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, ".next/server/server-reference-manifest.json"), "utf8")) as {
    node: Record<string, { filename?: string; exportedName?: string }>;
  };
  const id = Object.entries(manifest.node).find(([, entry]) => entry.filename === call.file && entry.exportedName === call.exported)?.[0];
  if (!id) throw new Error(`${call.file}#${call.exported} is not in the build`);
  const form = new FormData();
  for (const [key, value] of Object.entries(call.fields)) form.set(key, value);
  const encoded = await react.encodeReply([{ status: "idle" }, form]);
  let body = encoded as FormData;
  if (typeof encoded === "string") {
    body = new FormData();
    body.set("0", encoded);
  }
  const response = await fetch(`${call.base}${call.pagePath}`, {
    method: "POST",
    headers: { "Next-Action": id, Accept: "text/x-component", Origin: call.base, Cookie: call.cookies },
    body,
    redirect: "manual",
    signal: call.timeoutMs === undefined ? undefined : AbortSignal.timeout(call.timeoutMs),
  });
  return { status: response.status, body: await response.text() };
}
