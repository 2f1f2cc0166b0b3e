// Keeps the embedded PostgreSQL of `npm start` running: when the server ends on its own (a crash, an OOM kill,
// someone's kill -9), it is started again on the same port and data folder, so the app's connection string stays
// valid and the app recovers without a restart. Attempts per incident are bounded, with doubling waits, logged.
import { startEmbeddedPostgres, type EmbeddedPostgres, type EmbeddedPostgresOptions } from "./embedded-postgres";

export interface SupervisorOptions {
  dataDir: string;
  log: (line: string) => void;
  /** Restart attempts after one unexpected exit before giving up (the app then shows its outage page). */
  maxAttempts?: number;
  /** The wait before the first attempt; each further attempt waits twice as long. */
  firstDelayMs?: number;
  start?: (options: EmbeddedPostgresOptions) => Promise<EmbeddedPostgres>;
}

export interface SupervisedPostgres {
  url: string;
  port: number;
  dataDir: string;
  /** The running server's process id (changes on each restart). */
  pid(): number;
  /** How many times the server was started again after ending on its own. */
  restarts(): number;
  stop(): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms).unref());

export async function superviseEmbeddedPostgres(options: SupervisorOptions): Promise<SupervisedPostgres> {
  const { dataDir, log } = options;
  const start = options.start ?? startEmbeddedPostgres;
  const maxAttempts = options.maxAttempts ?? 6;
  const firstDelayMs = options.firstDelayMs ?? 500;
  let current = await start({ dataDir, log });
  const { port, url } = current;
  let stopping = false;
  let restarts = 0;
  let restarting: Promise<void> | undefined;

  const restart = async (): Promise<void> => {
    for (let attempt = 1; attempt <= maxAttempts; attempt++) {
      await sleep(firstDelayMs * 2 ** (attempt - 1));
      if (stopping) return;
      try {
        current = await start({ dataDir, port, log });
        restarts++;
        log(`PostgreSQL started again on 127.0.0.1:${port} (attempt ${attempt} of ${maxAttempts})`);
        watch(current);
        return;
      } catch (error) {
        log(`Restarting PostgreSQL failed (attempt ${attempt} of ${maxAttempts}): ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    log(`PostgreSQL could not be started again after ${maxAttempts} attempts: pages show the outage page until the app is restarted.`);
  };

  const watch = (server: EmbeddedPostgres) => {
    void server.exited.then(({ expected, code, signal }) => {
      if (expected || stopping) return;
      log(`PostgreSQL stopped unexpectedly (${signal ? `signal ${signal}` : `exit code ${code}`}); starting it again…`);
      restarting = restart().finally(() => (restarting = undefined));
    });
  };
  watch(current);

  return {
    url,
    port,
    dataDir: current.dataDir,
    pid: () => current.pid,
    restarts: () => restarts,
    async stop() {
      stopping = true;
      await restarting;
      await current.stop();
    },
  };
}
