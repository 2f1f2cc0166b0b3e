// How a command-line tool starts and ends: shared by the tools that manage one organisation's data.
import { pathToFileURL } from "node:url";
import { openCliDatabase } from "./database";

/**
 * Runs `main` when this module is the file node was started with (not when a test imports it). A failure prints
 * `<tool>: <message>` and exits 1: the whole message for the tool's own errors, which are written for the user, and
 * only the first line of anything else, which would otherwise print a stack.
 */
export function runAsMain(moduleUrl: string, tool: string, main: () => Promise<void>, ownError: abstract new (...args: never[]) => Error): void {
  const entry = process.argv[1];
  if (!entry || moduleUrl !== pathToFileURL(entry).href) return;
  main().catch((error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`${tool}: ${error instanceof ownError ? message : message.split("\n")[0]}`);
    process.exit(1);
  });
}

/**
 * The usual body of such a `main`: usage on no arguments or --help, the arguments parsed (parse errors are the tool's
 * own), the database opened (the embedded server started when DATABASE_URL is not set), the command's report printed.
 */
export async function runDatabaseCommand<Command>(options: {
  usage: string;
  databaseLabel: string;
  parse: (argv: string[]) => Command;
  run: (command: Command, url: string) => Promise<string>;
}): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv.length === 0 || argv.includes("--help") || argv.includes("-h")) {
    console.log(options.usage);
    return;
  }
  const command = options.parse(argv);
  const { url, close } = await openCliDatabase(options.databaseLabel);
  try {
    console.log(await options.run(command, url));
  } finally {
    await close();
  }
}
