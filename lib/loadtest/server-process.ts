import fs from "node:fs";

/** The inode of the socket listening on `port` (IPv4 or IPv6), from /proc/net/tcp*. */
export function listenerInode(tables: readonly string[], port: number): string | null {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  for (const table of tables) {
    for (const line of table.split("\n").slice(1)) {
      const cols = line.trim().split(/\s+/);
      // local_address is "ADDR:PORT", st 0A is LISTEN, the inode is the tenth column.
      if (cols[1]?.endsWith(`:${hexPort}`) && cols[3] === "0A" && cols[9] && cols[9] !== "0") return cols[9];
    }
  }
  return null;
}

/** The process listening on `port` on this machine, or null (another user's process cannot be read). */
export function findListenerPid(port: number): number | null {
  const tables = ["/proc/net/tcp", "/proc/net/tcp6"].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f, "utf8"));
  const inode = listenerInode(tables, port);
  if (!inode) return null;
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      try {
        if (fs.readlinkSync(`/proc/${entry}/fd/${fd}`) === `socket:[${inode}]`) return Number(entry);
      } catch {
        // The descriptor closed meanwhile.
      }
    }
  }
  return null;
}

/** VmRSS of a process in kB, or null once it is gone. */
export function readRssKb(pid: number): number | null {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return match ? Number(match[1]) : null;
  } catch {
    return null;
  }
}

/** Each process's parent and command name, from /proc/<pid>/stat ("pid (comm) state ppid …"). */
function processTable(): Array<{ pid: number; ppid: number; comm: string }> {
  const rows: Array<{ pid: number; ppid: number; comm: string }> = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const match = /^(\d+) \((.*)\) \S+ (\d+)/.exec(fs.readFileSync(`/proc/${entry}/stat`, "utf8"));
      if (match) rows.push({ pid: Number(match[1]), ppid: Number(match[3]), comm: match[2] as string });
    } catch {
      // The process ended meanwhile.
    }
  }
  return rows;
}

/**
 * VmRSS in kB of the app: the process and its descendants (the server workers of WEB_CONCURRENCY), without the
 * embedded PostgreSQL's processes, whose shared buffers each would count again. Null once the process is gone.
 */
export function readAppRssKb(pid: number): number | null {
  const own = readRssKb(pid);
  if (own === null) return null;
  const table = processTable();
  let total = own;
  const queue = [pid];
  while (queue.length > 0) {
    const parent = queue.shift();
    for (const child of table.filter((row) => row.ppid === parent && row.comm !== "postgres")) {
      total += readRssKb(child.pid) ?? 0;
      queue.push(child.pid);
    }
  }
  return total;
}
